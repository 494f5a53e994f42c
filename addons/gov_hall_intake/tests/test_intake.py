import re

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from odoo.addons.gov_hall_base.tools.codes import CODE_ALPHABET
from odoo.addons.gov_hall_base.tools.protect import granted

from .common import GovIntakeCase


@tagged("post_install", "-at_install")
class TestIntake(GovIntakeCase):

    def _wizard(self, item=None, received=True, **vals):
        wizard = self.env["gov.hall.intake.wizard"].with_user(self.clerk).create(dict({
            "company_id": self.center.id, "window_id": self.window_zh.id, "applicant_id": self.citizen.id,
            "item_id": (item or self.item).id}, **vals))
        wizard._onchange_item_id()
        wizard.line_ids.write({"received": received})
        return wizard

    def test_accept_complete(self):
        wizard = self._wizard()
        self.assertEqual(wizard.window_id, self.window_zh)
        action = wizard.action_accept()
        self.assertEqual(action["report_name"], "gov_hall_intake.report_acceptance_notice")
        case = self.env["gov.hall.case"].search([("applicant_id", "=", self.citizen.id)])
        year = self.today().year
        self.assertRegex(case.name, rf"^TC{year}\d{{6}}$")
        self.assertEqual(case.state, "accepted")
        self.assertEqual(case.date_accepted, self.today())
        self.assertEqual(case.deadline, self.env["gov.hall.calendar"].add_working_days(self.today(), 10))
        self.assertTrue(re.fullmatch(r"[A-Z2-9]{8}", case.query_code))
        self.assertEqual(case.clerk_id, self.clerk)
        self.assertEqual(case.clerk_employee_id, self.clerk_emp)
        self.assertEqual(case.zone_id, self.zone)
        self.assertIn("Accepted as", case.message_ids[0].body)

    def test_query_code(self):
        """Query codes come from the shared helper; a stored code (even of the old alphabet) keeps working,
        typed with blanks or in lower case."""
        case = self.accepted_case()
        self.assertTrue(set(case.query_code) <= set(CODE_ALPHABET) and len(case.query_code) == 8)
        Case = self.env["gov.hall.case"]
        self.assertEqual(Case._track(case.name, f"  {case.query_code.lower()} "), case)
        self.assertFalse(Case._track(case.name, "WRONG123"))
        self.assertFalse(Case._track(case.name, ""))
        with granted(case):
            case.sudo().query_code = "ABCD2345"
        self.assertEqual(Case._track(case.name, "abcd2345"), case)

    def test_numbers_per_center_and_year(self):
        a = self.accepted_case()
        b = self.accepted_case()
        c = self.accepted_case(self.item2, window=self.window_zh2, user=self.admin2)
        year = self.today().year
        self.assertEqual(int(b.name[-6:]), int(a.name[-6:]) + 1)
        self.assertEqual(c.name, f"TD{year}000001")
        self.assertEqual(c.company_id, self.center2)

    def test_missing_required_material_refused(self):
        wizard = self._wizard(received=False)
        wizard.line_ids.filtered(lambda line: line.name == "免冠照片").received = True
        count = self.env["gov.hall.case"].search_count([])
        with self.assertRaisesRegex(ValidationError, "Required materials are missing: 居民身份证"):
            wizard.action_accept()
        self.assertEqual(self.env["gov.hall.case"].search_count([]), count)
        # the one-time notice lists everything missing, including optional materials
        wizard.action_notice()
        case = self.env["gov.hall.case"].search([("applicant_id", "=", self.citizen.id)])
        self.assertEqual(case.state, "supplement")
        self.assertIn("居民身份证", case.missing_material_names)
        self.assertIn("委托书", case.missing_material_names)
        self.assertRegex(case.name, r"^TC-GZ\d{10}$")
        self.assertFalse(case.query_code)
        # the applicant comes back with the ID card: accepted under a case number
        supplement = self.env["gov.hall.intake.wizard"].with_user(self.clerk).with_context(
            default_case_id=case.id).create({"case_id": case.id})
        supplement.line_ids.filtered(lambda line: line.requirement == "required").write({"received": True})
        supplement.action_accept()
        self.assertEqual(case.state, "accepted")
        self.assertRegex(case.name, r"^TC\d{10}$")

    def test_direct_state_write_checks_materials(self):
        case = self.new_case(received=False)
        with self.assertRaisesRegex(UserError, "only through its workflow actions"):
            case.with_user(self.clerk).write({"state": "accepted"})
        with self.assertRaisesRegex(ValidationError, "Required materials are missing"), granted(case):
            case.sudo().write({"state": "accepted"})
        self.assertEqual(case.state, "draft")

    def test_tolerated_missing_needs_commitment(self):
        case = self.new_case()
        case.material_line_ids.filtered("tolerable").received = False
        with self.assertRaisesRegex(ValidationError, "written commitment"):
            case.action_accept()
        self.assertEqual((case.state, case.name), ("draft", "/"))
        case.commitment = "本人承诺5个工作日内补交照片。"
        case.action_accept()
        self.assertEqual(case.state, "accepted")
        # the check made at acceptance cannot be rewritten...
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            case.material_line_ids.filtered("received")[:1].write({"received": False})
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            case.material_line_ids[:1].write({"requirement": "optional"})
        self.assertTrue(all(case.material_line_ids.filtered(lambda m: m.requirement == "required").mapped(
            lambda m: m.received or m.tolerable)))
        # ...but the tolerated material supplied later is recorded
        photo = case.material_line_ids.filtered("tolerable")
        self.center.partner_id.lang = "zh_CN"   # a center working in Chinese
        photo.with_user(self.clerk).write({"received": True})
        self.assertTrue(photo.received)
        # written in the center's language whoever supplies it
        self.assertIn("容缺材料已补交", case.message_ids[0].body)

    def test_blacklisted_applicant_no_tolerance(self):
        # the flag follows a credit record in effect (see test_credit_record)
        self.env.flush_all()
        self.env.cr.execute("UPDATE res_partner SET gov_blacklisted = TRUE WHERE id = %s", [self.citizen.id])
        self.env["gov.hall.credit.record"]._gov_migrate_blacklist()
        case = self.new_case()
        case.material_line_ids.filtered("tolerable").received = False
        case.commitment = "承诺补交"
        with self.assertRaisesRegex(ValidationError, "bad credit record in effect"):
            case.action_accept()
        self.assertEqual(case.state, "draft")

    def test_refusal_needs_reason(self):
        wizard = self._wizard()
        with self.assertRaisesRegex(UserError, "must give the reason"):
            wizard.action_refuse()
        wizard.write({"refusal_reason": "不属于本机关职权范围", "refusal_basis": "《行政许可法》第三十二条"})
        action = wizard.action_refuse()
        self.assertEqual(action["report_name"], "gov_hall_intake.report_refusal_notice")
        case = self.env["gov.hall.case"].search([("applicant_id", "=", self.citizen.id)])
        self.assertEqual((case.state, case.refusal_reason), ("refused", "不属于本机关职权范围"))

    def test_window_scope(self):
        # a departmental window of 市场监管局 cannot receive a 人社局 item
        case = self.new_case(window=self.window_b)
        with self.assertRaisesRegex(UserError, "does not serve"):
            case.action_accept()
        # a comprehensive window of another zone cannot either
        zone2 = self.env["gov.hall.zone"].create({"name": "不动产登记区", "code": "Z2", "company_id": self.center.id})
        window = self.env["gov.hall.window"].create({"name": "不动产综合窗口", "code": "ZH02", "kind": "comprehensive",
                                                     "company_id": self.center.id, "zone_id": zone2.id})
        case = self.new_case(window=window)
        with self.assertRaisesRegex(UserError, "may not accept"):
            case.action_accept()
        self.assertEqual(case.state, "draft")

    def test_deadline_longer_than_legal(self):
        case = self.new_case()
        # the time limit is written by the actions only (server code, inside a grant)
        with self.assertRaisesRegex(ValidationError, "longer than the legal limit"), granted(case):
            case.write({"deadline_days": 25})
        with granted(case):
            case.write({"deadline_days": 15})
        case.action_accept()
        self.assertEqual(case.deadline_days, 15)

    def test_new_applicant_validated(self):
        wizard = self._wizard(applicant_mode="new", applicant_name="郑小燕", applicant_id_number="361121199201052045")
        with self.assertRaisesRegex(ValidationError, "not valid"):
            wizard.action_accept()
        wizard.applicant_id_number = "361121199201052044"
        wizard.action_accept()
        partner = self.env["res.partner"].search([("gov_id_number", "=", "361121199201052044")])
        self.assertEqual(partner.name, "郑小燕")
        company = self._wizard(applicant_mode="new", applicant_is_company=True, applicant_name="公司",
                               applicant_id_number="91361100MA35A1B2CY")
        company.action_accept()
        self.assertEqual(self.env["gov.hall.case"].search_count([("applicant_id", "=", self.company_partner.id)]), 1)

    def test_only_clerks_receive(self):
        case = self.new_case()
        with self.assertRaises(AccessError):
            case.with_user(self.reviewer).action_accept()
        self.assertEqual(case.state, "draft")

    def test_wizard_form(self):
        with Form(self.env["gov.hall.intake.wizard"].with_user(self.clerk)) as form:
            form.applicant_id = self.citizen
            form.item_id = self.item
            self.assertEqual(len(form.line_ids), 3)
        self.assertEqual(form.record.missing_count, 3)

    def test_one_time_notice_within_five_days(self):
        from datetime import timedelta

        case = self.new_case(received=False)
        case.sudo().date_received = case.date_received - timedelta(days=6)
        with self.assertRaisesRegex(UserError, "within 5 days of receipt"):
            case.with_user(self.clerk).action_one_time_notice()
        self.assertEqual(case.state, "draft")
        case.sudo().date_received = case.date_received + timedelta(days=2)
        case.with_user(self.clerk).action_one_time_notice()
        self.assertEqual(case.state, "supplement")

    def test_received_on_the_center_day(self):
        """A case received at 17:30 UTC was received the next day in Beijing, whoever checks the five days of
        the one-time notice (a clerk working in London time, or with no time zone)."""
        from datetime import date, datetime

        from freezegun import freeze_time

        self.center.partner_id.tz = "Asia/Shanghai"
        for tz in ("Europe/London", False):
            self.clerk.tz = tz
            with freeze_time(datetime(2026, 12, 8, 2, 0)):   # 8 December, 10:00 in Beijing
                late = self.new_case(received=False)
                early = self.new_case(received=False)
                with granted(late | early):
                    late.sudo().date_received = datetime(2026, 12, 2, 17, 30)    # 3 December, 01:30 in Beijing
                    early.sudo().date_received = datetime(2026, 12, 2, 15, 30)   # 2 December, 23:30 in Beijing
                self.assertEqual(late.with_user(self.clerk)._gov_received_day(), date(2026, 12, 3))
                self.assertEqual(early.with_user(self.clerk)._gov_received_day(), date(2026, 12, 2))
                late.with_user(self.clerk).action_one_time_notice()
                self.assertEqual(late.state, "supplement", tz)
                with self.assertRaisesRegex(UserError, "within 5 days of receipt"):
                    early.with_user(self.clerk).action_one_time_notice()
                # the statistics count the case on the center's day too
                self.env.flush_all()
                self.assertEqual(self.env["gov.hall.case.report"].search([("id", "=", late.id)]).date_received,
                                 date(2026, 12, 3))

    def test_supplement_after_new_version(self):
        """A case waiting for materials is accepted under the version in force when the applicant returns."""
        wizard = self._wizard(received=False)
        wizard.line_ids.filtered(lambda line: line.name == "免冠照片").received = True
        wizard.action_notice()
        case = self.env["gov.hall.case"].search([("applicant_id", "=", self.citizen.id)])
        v2 = self.env["gov.hall.service.item"].browse(self.item.with_user(self.admin_user).action_new_version()["res_id"])
        v2.write({"promised_days": 5, "material_ids": [(0, 0, {"name": "户口簿", "requirement": "optional"})]})
        v2.action_submit()
        v2.with_user(self.admin_user).action_approve()
        with self.assertRaisesRegex(UserError, "no longer in force"):
            case.with_user(self.clerk).action_accept()
        supplement = self.env["gov.hall.intake.wizard"].with_user(self.clerk).with_context(
            default_case_id=case.id).create({"case_id": case.id})
        self.assertEqual(supplement.item_id, v2)
        self.assertEqual(len(supplement.line_ids), 4)
        self.assertTrue(supplement.line_ids.filtered(lambda line: line.name == "免冠照片").received)
        supplement.line_ids.filtered(lambda line: line.name == "居民身份证").received = True
        supplement.action_accept()
        self.assertEqual((case.state, case.item_id, case.deadline_days), ("accepted", v2, 5))
        self.assertEqual(len(case.material_line_ids), 4)
