from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.service.model import call_kw
from odoo.tests import tagged

from odoo.addons.gov_hall_base.tools.protect import granted

from .common import SIGNATURE, GovIntakeCase
from .test_tolerated import pdf_text


@tagged("post_install", "-at_install")
class TestBundle(GovIntakeCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Item = cls.env["gov.hall.service.item"]
        common = {"company_id": cls.center.id, "department_id": cls.dept.id, "case_type": "promised",
                  "decision_level": "reviewer", "legal_days": 20, "state": "published"}
        cls.licence = Item.create(dict(common, name="个体工商户设立登记", code="B-01", promised_days=3, material_ids=[
            (0, 0, {"name": "申请书", "requirement": "required"}),
            (0, 0, {"name": "经营者身份证明", "requirement": "required"})]))
        cls.food = Item.create(dict(common, name="食品经营许可", code="B-02", promised_days=10, material_ids=[
            (0, 0, {"name": "经营者身份证明", "requirement": "required"}),
            (0, 0, {"name": "食品安全管理制度", "requirement": "required"})]))
        cls.invoice = Item.create(dict(common, name="发票领用", code="B-03", promised_days=1, material_ids=[
            (0, 0, {"name": "经营者身份证明", "requirement": "required"})]))
        cls.bundle = cls.env["gov.hall.bundle"].create({
            "name": "开办餐饮店", "code": "YJS-T1", "company_id": cls.center.id, "baseline_materials": 10,
            "baseline_steps": 5, "baseline_days": 30, "baseline_pages": 14, "baseline_visits": 6,
            "line_ids": [(0, 0, {"stage": 1, "item_id": cls.licence.id}),
                         (0, 0, {"stage": 2, "item_id": cls.food.id}),
                         (0, 0, {"stage": 2, "item_id": cls.invoice.id})]})

    def submit(self, untick=(), together=True):
        wizard = self.env["gov.hall.bundle.intake.wizard"].with_user(self.clerk).create({
            "bundle_id": self.bundle.id, "applicant_id": self.citizen.id, "window_id": self.window_zh.id,
            "company_id": self.center.id, "delivery_together": together})
        wizard.line_ids.filtered(lambda l: l.name not in untick).write({"received": True})
        action = wizard.action_submit()
        return self.env["gov.hall.bundle.case"].browse(action["res_id"])

    def decide(self, case):
        case.task_ids.with_user(self.reviewer).action_done("approve", "同意")
        case.with_user(self.reviewer).action_decide("approved", "依法准予")

    def test_shared_material_asked_once(self):
        self.assertEqual(self.bundle.merged_material_names.split("\n"), ["申请书", "经营者身份证明", "食品安全管理制度"])
        self.assertEqual((self.bundle.material_count, self.bundle.stage_count, self.bundle.planned_days), (3, 3, 13))
        wizard = self.env["gov.hall.bundle.intake.wizard"].with_user(self.clerk).create({
            "bundle_id": self.bundle.id, "applicant_id": self.citizen.id, "company_id": self.center.id})
        self.assertEqual(wizard.line_ids.mapped("name"), ["申请书", "经营者身份证明", "食品安全管理制度"])

    def test_one_submission_ordered_and_parallel(self):
        calendar = self.env["gov.hall.calendar"]
        bcase = self.submit()
        cases = bcase.case_ids
        self.assertEqual(len(cases), 3)
        self.assertEqual(set(cases.mapped("state")), {"accepted"})
        self.assertTrue(all(cases.material_line_ids.mapped("received")))
        first = cases.filtered(lambda c: c.item_id == self.licence)
        food = cases.filtered(lambda c: c.item_id == self.food)
        invoice = cases.filtered(lambda c: c.item_id == self.invoice)
        today = self.today()
        self.assertEqual(first.deadline, calendar.add_working_days(today, 3))
        # the second stage runs in parallel, from the planned end of the first
        self.assertEqual(food.deadline_start, first.deadline)
        self.assertEqual(invoice.deadline_start, first.deadline)
        self.assertEqual(food.deadline, calendar.add_working_days(first.deadline, 10))
        self.assertEqual(invoice.deadline, calendar.add_working_days(first.deadline, 1))
        self.assertEqual(food.task_ids.deadline_start, first.deadline)
        self.assertEqual(set(cases.mapped("stat_channel")), {"bundle"})
        pdf, _ = self.env["ir.actions.report"].with_context(force_report_rendering=True)._render_qweb_pdf(
            "gov_hall_intake.action_report_bundle_notice", bcase.ids)
        text = pdf_text(pdf)
        self.assertIn("一件事一次办受理通知书", text)
        self.assertIn(food.name, text)
        # the order between the stages
        with self.assertRaisesRegex(UserError, "comes after 个体工商户设立登记"):
            self.decide(food)
        self.decide(first)
        # the results are handed out together: not before the last decision
        with self.assertRaisesRegex(UserError, "collect the results of bundle case"):
            first.with_user(self.clerk).action_deliver("window", recipient="周建国", signature=SIGNATURE)
        self.decide(food)
        self.decide(invoice)
        self.assertEqual(bcase.state, "done")
        first.with_user(self.clerk).action_deliver("window", recipient="周建国", signature=SIGNATURE)

    def test_missing_material_keeps_nothing(self):
        before = self.env["gov.hall.case"].search_count([("item_id", "in", (self.licence | self.food).ids)])
        with self.assertRaisesRegex(UserError, "食品经营许可: Required materials are missing: 食品安全管理制度"):
            self.submit(untick=("食品安全管理制度",))
        self.assertFalse(self.env["gov.hall.bundle.case"].search([("bundle_id", "=", self.bundle.id)]))
        self.assertEqual(self.env["gov.hall.case"].search_count(
            [("item_id", "in", (self.licence | self.food).ids)]), before)

    def test_reduction_report_by_hand(self):
        """Two bundles: the first with one completed bundle case accepted on Monday 2 March 2026 and decided on
        Monday 16 March 2026 (10 working days), the second without a completed case (its promised 10 days).
        By hand: materials 10 -> 3 (70.0 %) and 6 -> 3 (50.0 %), 16 -> 6 in total (62.5 %); steps 5 -> 3 (40.0 %)
        and 4 -> 2 (50.0 %), 9 -> 5 (44.4 %); days 30 -> 10 (66.7 %) and 20 -> 10 (50.0 %), 50 -> 20 (60.0 %)."""
        self.assertEqual(self.env["gov.hall.calendar"].working_days_between(date(2026, 3, 2), date(2026, 3, 16)), 10)
        other = self.env["gov.hall.bundle"].create({
            "name": "退休一件事", "code": "YJS-T2", "company_id": self.center.id, "baseline_materials": 6,
            "baseline_steps": 4, "baseline_days": 20, "line_ids": [(0, 0, {"stage": 1, "item_id": self.item.id})]})
        bcase = self.submit()
        for case in bcase.case_ids.sorted("bundle_stage"):
            self.decide(case)
        with granted(bcase, "gov.hall.case"):
            bcase.case_ids.write({"date_decided": date(2026, 3, 16)})
            bcase.date_accepted = date(2026, 3, 2)
        self.assertEqual((bcase.state, bcase.date_done), ("done", date(2026, 3, 16)))
        figures = (self.bundle | other)._reduction_figures()
        first, second = figures["rows"]
        self.assertEqual(first["materials"], (10, 3, 70.0))
        self.assertEqual(first["steps"], (5, 3, 40.0))
        self.assertEqual(first["days"], (30, 10.0, 66.7))
        self.assertEqual(first["cases"], 1)
        self.assertEqual(second["materials"], (6, 3, 50.0))
        self.assertEqual(second["steps"], (4, 2, 50.0))
        self.assertEqual(second["days"], (20, 10, 50.0))
        total = figures["total"]
        self.assertEqual(total["materials"], (16, 6, 62.5))
        self.assertEqual(total["steps"], (9, 5, 44.4))
        self.assertEqual(total["days"], (50, 20.0, 60.0))
        pdf, _ = self.env["ir.actions.report"].with_context(force_report_rendering=True)._render_qweb_pdf(
            "gov_hall_intake.action_report_bundle_reduction", (self.bundle | other).ids)
        text = pdf_text(pdf)
        self.assertIn("一件事一次办改革成效报告", text)
        self.assertIn("62.5%", text)

    def test_who_may(self):
        Bundle = self.env["gov.hall.bundle.case"]
        for user in (self.reviewer, self.applicant, self.supervisor):
            with self.assertRaises(AccessError):
                call_kw(Bundle.with_user(user), "gov_submit",
                        [self.bundle.id, self.citizen.id, self.window_zh.id, ["申请书"]], {})
        # a clerk of the other center does not receive the bundle of this one
        clerk2 = self.env["res.users"].create({
            "name": "t_clerk2", "login": "t_clerk2", "company_id": self.center2.id,
            "company_ids": [(6, 0, self.center2.ids)],
            "group_ids": [(6, 0, [self.env.ref("gov_hall_base.group_gov_clerk").id])]})
        with self.assertRaises(AccessError):
            call_kw(Bundle.with_user(clerk2), "gov_submit", [self.bundle.id, self.citizen.id, False, []], {})
        bcase = self.submit()
        case = bcase.case_ids[:1]
        for user in (self.clerk, self.admin_user):
            self.assert_write_refused(user, bcase, {"state": "done"})
            self.assert_write_refused(user, bcase, {"applicant_id": self.company_partner.id})
            self.assert_write_refused(user, case, {"bundle_case_id": False})
            self.assert_write_refused(user, case, {"bundle_stage": 1 if case.bundle_stage != 1 else 2})
        with self.assertRaises(AccessError):
            bcase.with_user(self.admin2).read(["name"])
