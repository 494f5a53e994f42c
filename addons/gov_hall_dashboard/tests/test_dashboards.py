import json
import re

from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tools import file_open

CJK = re.compile(r"[\u4e00-\u9fff]")
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

    def test_period_filter_reads_in_chinese(self):
        """The period a dashboard opens on ("Last 12 Months") is a label of Odoo's spreadsheet, whose zh_CN
        leaves it empty: the web client gets it from this addon's .po (the translations of every module are
        the fallback of a term its own module does not translate)."""
        with file_open("spreadsheet/static/src/global_filters/helpers.js") as f:
            periods = dict(re.findall(r'(\w+): _t\("([^"]+)"\)', f.read().split("RELATIVE_PERIODS", 1)[1].split("};", 1)[0]))
        self.assertIn("last_12_months", periods)
        modules = ["spreadsheet", "spreadsheet_dashboard", "gov_hall_dashboard"]
        per_module, _lang = self.env["ir.http"]._get_translations_for_webclient(modules, "zh_CN")
        served = {}
        for module in reversed(modules):  # the module's own translation first
            served.update({m["id"]: m["string"] for m in per_module[module]["messages"]})
        checked = set()
        for name in DASHBOARDS:
            _dashboard, data = self._data(name)
            for flt in data["globalFilters"]:
                if flt["type"] != "date" or flt.get("defaultValue") not in periods:
                    continue  # e.g. "this_month": the month's name, formatted in the user's language
                label = periods[flt["defaultValue"]]
                checked.add(label)
                with self.subTest(dashboard=name, period=label):
                    self.assertTrue(served.get(label), f"{label!r} reads in English")
                    self.assertTrue(CJK.search(served[label]))
        self.assertIn("Last 12 Months", checked)
        self.assertEqual(served["Last 12 Months"], "最近12个月")

    def test_supervisor_reads_the_board(self):
        supervisor = self.env.ref("gov_hall_base.user_supervisor")
        dashboard = self.env.ref("gov_hall_dashboard.dashboard_supervision").with_user(supervisor)
        self.assertTrue(dashboard.has_access("read"))
        self.assertIn(dashboard, self.env["spreadsheet.dashboard"].with_user(supervisor).search([]))


@tagged("post_install", "-at_install")
class TestDashboardsOnPhone(HttpCase):
    """On a phone (390x844) every dashboard stacks its figures in the screen's width: nothing scrolls
    sideways."""
    browser_size = "390x844"

    def test_dashboards_fit_the_phone(self):
        for name in DASHBOARDS:
            with self.subTest(dashboard=name):
                dashboard = self.env.ref(f"gov_hall_dashboard.dashboard_{name}")
                self.start_tour(f"/odoo/dashboards?dashboard_id={dashboard.id}", "gov_hall_dashboard_phone",
                                login="admin")
