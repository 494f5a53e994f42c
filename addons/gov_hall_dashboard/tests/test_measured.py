from lxml import etree

from odoo.tests import HttpCase, tagged

from odoo.addons.gov_hall_base.tools import granted

# (model, view type, field, the field that says it was measured): what the lists and forms show as "—"
MEASURED = [
    ("gov.assessment.month.window", "list", "satisfaction", "ratings_count"),
    ("gov.assessment.month.staff", "list", "satisfaction", "ratings_count"),
    ("gov.assessment.month.staff", "form", "satisfaction", "ratings_count"),
    ("gov.assessment.month", "form", "satisfaction", "ratings_count"),
    ("gov.assessment.year.line", "list", "month_score", "months_count"),
    ("gov.assessment.year.line", "list", "review_score", "reviewed"),
    ("gov.trading.project", "list", "award_amount", "award_amount"),
    ("gov.trading.project", "list", "saving_rate", "award_amount"),
    ("gov.trading.project", "form", "saving_rate", "award_amount"),
    ("gov.trading.lot", "list", "award_amount", "date_award"),
    ("gov.trading.lot", "form", "saving_rate", "date_award"),
    ("gov.trading.lot", "form", "total_score", "rank"),
    ("gov.trading.bid", "list", "price", "date_decrypted"),
    ("gov.trading.bid", "list", "total_score", "rank"),
    ("gov.trading.bid", "form", "total_score", "rank"),
    ("gov.hall.case", "form", "rating_value", "rating_value"),
]


@tagged("post_install", "-at_install")
class TestMeasured(HttpCase):
    """Nothing measured reads "—", not 0.00: the satisfaction of a month without ratings, a score not given,
    an amount not known yet; a measured zero still reads 0."""

    def test_views_use_the_measured_widget(self):
        for model, view_type, field, measured in MEASURED:
            with self.subTest(model=model, view=view_type, field=field):
                arch = self.env[model].get_view(view_type=view_type)["arch"]
                nodes = etree.fromstring(arch).xpath(f"//field[@name='{field}']")
                self.assertTrue(nodes, f"{field} is not in the {view_type} view")
                for node in nodes:
                    self.assertEqual(node.get("widget"), "gov_measured")
                    self.assertIn(f"'measured': '{measured}'", node.get("options") or "")
                    # the record the cell shows (a line of a one2many inside a form) has that field
                    records = self.env[model]
                    for parent in reversed(list(node.iterancestors("field"))):
                        records = records[parent.get("name")]
                    self.assertIn(measured, records._fields)

    def test_unmeasured_reads_a_dash_and_measured_zero_reads_zero(self):
        Line = self.env["gov.assessment.month.window"].sudo()
        lines = Line.search([], limit=2)  # the first rows of the list (the model's order)
        self.assertEqual(len(lines), 2, "the demo has monthly window lines")
        with granted(Line):
            lines[0].write({"ratings_count": 0, "satisfaction": 0.0})
            lines[1].write({"ratings_count": 3, "satisfaction": 0.0})
        action = self.env.ref("gov_staff_assessment.action_month_window")
        self.start_tour(f"/odoo/action-{action.id}", "gov_hall_measured_cells", login="admin")
