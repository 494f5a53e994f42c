import json
import re

from odoo.tests import TransactionCase, tagged
from odoo.tools import file_open

DASHBOARDS = ("supervision", "intake", "trading", "complaints", "assessment")


@tagged("post_install", "-at_install")
class TestDashboards(TransactionCase):

    def _data(self, name):
        dashboard = self.env.ref(f"gov_hall_dashboard.dashboard_{name}")
        return dashboard, json.loads(dashboard.spreadsheet_data)

    def test_dashboards_load_and_name_real_fields(self):
        for name in DASHBOARDS:
            with self.subTest(dashboard=name):
                dashboard, data = self._data(name)
                self.assertTrue(dashboard.is_published)
                for source in list(data["pivots"].values()) + list(data["lists"].values()):
                    model = self.env[source["model"]]
                    if "measures" in source:  # a pivot
                        fields_used = [m["fieldName"] for m in source["measures"]]
                        fields_used += [r["fieldName"] for r in source["rows"] + source["columns"]]
                    else:  # a list
                        fields_used = source["columns"] + [o["name"] for o in source["orderBy"]]
                    for field in fields_used:
                        if isinstance(field, str) and field != "__count":
                            self.assertIn(field, model._fields, f"{name}: {source['model']}.{field}")
                    model.search_count(source["domain"])
                    for matching in source["fieldMatching"].values():
                        self.assertIn(matching["chain"].split(".")[0], model._fields)
                # the snapshot served to the browser
                self.assertIn("snapshot", json.loads(dashboard._get_serialized_readonly_dashboard()))

    def test_supervision_lights_keep_their_colours(self):
        """One data set per light with its own fixed colour, fed by a pivot value of that light only."""
        _dashboard, data = self._data("supervision")
        chart = next(f for f in data["sheets"][0]["figures"] if f["data"].get("type") == "bar")
        colours = {ds["dataRange"].split("!")[1][0]: ds["backgroundColor"] for ds in chart["data"]["dataSets"]}
        self.assertEqual(colours, {"B": "#2E7D32", "C": "#F9A825", "D": "#C62828"})
        cells = data["sheets"][1]["cells"]
        for col, light in (("B", "green"), ("C", "yellow"), ("D", "red")):
            self.assertIn(f'"supervision_color","{light}"', cells[f"{col}2"])

    def test_dashboard_texts_are_translated(self):
        """Every text of the dashboard files (formula _t, chart titles, filter labels) is in the .po."""
        from odoo.tools.translate import extract_spreadsheet_terms
        import polib
        po = polib.pofile(file_open("gov_hall_dashboard/i18n/zh_CN.po").name)
        translated = {e.msgid for e in po.translated_entries()}
        for name in DASHBOARDS:
            with file_open(f"gov_hall_dashboard/data/files/{name}_dashboard.json", "rb") as f:
                terms = {t for _l, _f, t, _c in extract_spreadsheet_terms(f, [], [], {})}
            with self.subTest(dashboard=name):
                self.assertFalse(sorted(terms - translated))

    def test_supervisor_reads_the_board(self):
        supervisor = self.env.ref("gov_hall_base.user_supervisor")
        dashboard = self.env.ref("gov_hall_dashboard.dashboard_supervision").with_user(supervisor)
        self.assertTrue(dashboard.has_access("read"))
        self.assertIn(dashboard, self.env["spreadsheet.dashboard"].with_user(supervisor).search([]))
