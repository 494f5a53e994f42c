"""Statistics by channel (window, online, cross-region, bundle): the pivot's figures and the XLSX sheet, read
back with openpyxl, against figures computed by hand."""
import io

from odoo.tests import new_test_user, tagged

from odoo.addons.gov_hall_base.tools.protect import granted

from .online_common import GovOnlineCase


@tagged("post_install", "-at_install")
class TestStatisticsChannel(GovOnlineCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with granted(cls.item):
            cls.item.cross_region = True
        cls.clerk_b = new_test_user(cls.env, login="t_clerk_sb", groups="gov_hall_base.group_gov_clerk",
                                    company_id=cls.center2.id, company_ids=[(6, 0, cls.center2.ids)])
        Item = cls.env["gov.hall.service.item"]
        common = {"company_id": cls.center.id, "department_id": cls.dept.id, "case_type": "promised",
                  "decision_level": "reviewer", "legal_days": 20, "state": "published"}
        cls.licence = Item.create(dict(common, name="个体工商户设立登记", code="SC-01", promised_days=3, material_ids=[
            (0, 0, {"name": "申请书", "requirement": "required"})]))
        cls.invoice = Item.create(dict(common, name="发票领用", code="SC-02", promised_days=1, material_ids=[
            (0, 0, {"name": "申请书", "requirement": "required"})]))
        cls.bundle = cls.env["gov.hall.bundle"].create({
            "name": "开办餐饮店", "code": "YJS-SC", "company_id": cls.center.id,
            "line_ids": [(0, 0, {"stage": 1, "item_id": cls.licence.id}),
                         (0, 0, {"stage": 1, "item_id": cls.invoice.id})]})

    def decide(self, case):
        case.task_ids.with_user(self.reviewer).action_done("approve", "同意")
        case.with_user(self.reviewer).action_decide("approved", "依法准予")

    def build(self):
        """By hand: window 2 received, 2 accepted, 1 completed on time, 1 rating (4, satisfied); online 1 received
        and accepted (a draft never submitted does not count); cross-region 1 received on behalf by center B and
        accepted by this center; bundle 2 received and accepted, 1 completed on time. In all: 6 received, 2
        completed, both on time (100.0 %), 1 rating, satisfied (100.0 %)."""
        window = self.decided_case()
        window.with_user(self.clerk).action_rate(4)
        self.accepted_case(self.item_joint)
        self.submitted().action_accept()
        self.draft(item=self.item_joint)                       # never submitted
        remote = self.env["gov.hall.case"].with_user(self.clerk_b).with_company(self.center2).gov_remote_receive(
            self.item.id, self.citizen.id, ["居民身份证", "免冠照片"], "EMS1180012345")
        self.env["gov.hall.case"].browse(remote.id).with_user(self.clerk).action_accept()
        bcase = self.env["gov.hall.bundle.case"].with_user(self.clerk).gov_submit(
            self.bundle, self.citizen, self.window_zh, ["申请书"])
        self.decide(bcase.case_ids.filtered(lambda c: c.item_id == self.invoice))
        self.env.flush_all()

    EXPECTED = {  # channel: (received, accepted, completed, on_time, on-time %, rated, satisfied, satisfaction %)
        "window": (2, 2, 1, 1, 100.0, 1, 1, 100.0),
        "online": (1, 1, 0, 0, 0.0, 0, 0, 0.0),
        "remote": (1, 1, 0, 0, 0.0, 0, 0, 0.0),
        "bundle": (2, 2, 1, 1, 100.0, 0, 0, 0.0),
    }

    def test_pivot_by_channel(self):
        self.build()
        Report = self.env["gov.hall.case.report"].with_user(self.supervisor)
        rows = {r["channel"]: r for r in Report._statistics([("company_id", "=", self.center.id)], ["channel"])}
        for channel, figures in self.EXPECTED.items():
            row = rows[channel]
            self.assertEqual((row["received"], row["accepted"], row["completed"], row["on_time"], row["on_time_rate"],
                              row["rated"], row["satisfied"], row["satisfaction_rate"]), figures, channel)
        # the pivot's own grouping (read_group of the web client)
        groups = Report.formatted_read_group([("company_id", "=", self.center.id)], ["channel"], ["received:sum"])
        self.assertEqual({g["channel"]: g["received:sum"] for g in groups},
                         {"window": 2, "online": 1, "remote": 1, "bundle": 2})
        arch = self.env.ref("gov_hall_intake.view_case_report_pivot").arch_db
        self.assertIn('name="channel"', arch)

    def test_xlsx_sheet_by_channel(self):
        import openpyxl

        self.center.partner_id.lang = "zh_CN"   # the sheets are named in the center's language
        self.env["res.lang"]._activate_lang("zh_CN")
        self.build()
        wizard = self.env["gov.hall.statistics.wizard"].with_user(self.supervisor).create({
            "company_ids": [(6, 0, self.center.ids)]})
        content, _ext = self.env["ir.actions.report"].with_user(self.supervisor)._render(
            "gov_hall_intake.case_statistics_xlsx", wizard.ids, data={})
        book = openpyxl.load_workbook(io.BytesIO(content))
        self.assertIn("渠道", book.sheetnames)
        sheet = book["渠道"]
        headers = [c.value for c in sheet[4]]
        self.assertEqual(headers[0], "渠道")
        rows = {}
        for line in sheet.iter_rows(min_row=5, values_only=True):
            if line[0]:
                rows[line[0]] = dict(zip(headers, line))
        labels = {"window": "窗口", "online": "网上", "remote": "跨域通办", "bundle": "一件事"}
        self.assertEqual(set(rows), set(labels.values()))
        for channel, (received, accepted, completed, on_time, rate, rated, satisfied, srate) in self.EXPECTED.items():
            row = rows[labels[channel]]
            self.assertEqual((row["收件数"], row["办结数"], row["按时办结率(%)"], row["满意率(%)"]),
                             (received, completed, rate, srate), channel)
        summary = dict(zip([c.value for c in book["汇总"][4]], [c.value for c in book["汇总"][5]]))
        self.assertEqual((summary["收件数"], summary["办结数"], summary["按时办结率(%)"]), (6, 2, 100.0))
        # without the channel: no sheet
        wizard.by_channel = False
        content, _ext = self.env["ir.actions.report"].with_user(self.supervisor)._render(
            "gov_hall_intake.case_statistics_xlsx", wizard.ids, data={})
        self.assertNotIn("渠道", openpyxl.load_workbook(io.BytesIO(content)).sheetnames)
