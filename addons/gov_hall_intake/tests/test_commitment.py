from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import freeze_time

from odoo.addons.gov_hall_base.tools.protect import granted

from .common import SIGNATURE, GovIntakeCase
from .test_tolerated import pdf_text


@tagged("post_install", "-at_install")
class TestNotifyCommit(GovIntakeCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.item_commit = cls.env["gov.hall.service.item"].create({
            "name": "人力资源服务许可", "code": "RS-20", "company_id": cls.center.id, "department_id": cls.dept.id,
            "case_type": "promised", "decision_level": "reviewer", "legal_days": 20, "promised_days": 10,
            "notify_commit": True, "verification_days": 10, "sampling_rate": 50, "state": "published",
            "material_ids": [(0, 0, {"name": "申请书", "requirement": "required"}),
                             (0, 0, {"name": "经营场所使用证明", "requirement": "required", "proven_by_commitment": True})],
        })

    def commit_case(self, partner=None):
        case = self.new_case(self.item_commit, partner=partner, received=False)
        case.material_line_ids.filtered(lambda m: m.name == "申请书").received = True
        case.write({"notify_commit_choice": "commit", "commitment": "本单位承诺具有符合要求的固定经营场所"})
        case.action_accept()
        return case

    def decide(self, case):
        case.task_ids.with_user(self.reviewer).action_done("approve", "同意")
        case.with_user(self.reviewer).action_decide("approved", "《人力资源市场暂行条例》第十八条")

    def test_safety_item_cannot_be_marked(self):
        with self.assertRaisesRegex(ValidationError, "cannot be approved on commitment"):
            self.env["gov.hall.service.item"].create({
                "name": "危险化学品经营许可", "code": "AJ-01", "company_id": self.center.id,
                "department_id": self.dept.id, "touches_safety": True, "notify_commit": True})
        item = self.item_commit.copy({"code": "RS-21"})
        with self.assertRaisesRegex(ValidationError, "cannot be approved on commitment"):
            item.touches_safety = True

    def test_only_on_marked_items(self):
        case = self.new_case()
        case.write({"notify_commit_choice": "commit", "commitment": "承诺"})
        with self.assertRaisesRegex(ValidationError, "is not approved on commitment"):
            case.action_accept()

    def test_false_commitment_hearing_revocation_credit(self):
        case = self.commit_case()
        letter = case.commitment_ids
        self.assertEqual(letter.kind, "notify")
        self.assertEqual(letter.material_line_ids.name, "经营场所使用证明")
        pdf, _ = self.env["ir.actions.report"].with_context(force_report_rendering=True)._render_qweb_pdf(
            "gov_hall_intake.action_report_commitment_letter", letter.ids)
        self.assertIn("告知承诺书", pdf_text(pdf))
        self.decide(case)
        check = case.verification_ids
        self.assertEqual(len(check), 1)
        self.assertEqual(check.deadline, self.env["gov.hall.calendar"].add_working_days(case.date_decided, 10))
        self.assertEqual(check.department_id, self.dept)
        with self.assertRaises(AccessError):
            check.with_user(self.reviewer_b).action_report_false("x")
        check.with_user(self.reviewer).action_report_false("现场核查:经营场所为住宅,与承诺不符")
        self.assertEqual(check.state, "hearing")
        with self.assertRaisesRegex(UserError, "may state their case until"):
            check.with_user(self.reviewer).action_revoke()
        check.with_user(self.reviewer).action_record_statement("场所正在办理变更")
        check.with_user(self.reviewer).action_revoke()
        self.assertTrue(case.revoked)
        credit = check.credit_record_id
        self.assertEqual((credit.reason, credit.state, credit.hearing_statement),
                         ("false_commitment", "notified", "场所正在办理变更"))
        credit.with_user(self.supervisor).action_activate()
        self.assertTrue(self.citizen.gov_blacklisted)
        with self.assertRaisesRegex(UserError, "was revoked"):
            case.with_user(self.clerk).action_deliver("window", recipient="周建国", signature=SIGNATURE)
        # no more commitment for this applicant
        with self.assertRaisesRegex(ValidationError, "no notify-and-commit approval"):
            self.commit_case()

    def test_hearing_time_passed(self):
        case = self.commit_case()
        self.decide(case)
        check = case.verification_ids
        check.with_user(self.reviewer).action_report_false("承诺不实")
        from datetime import timedelta
        with freeze_time(check.hearing_deadline + timedelta(days=3)):
            check.with_user(self.reviewer).action_revoke()
        self.assertEqual(check.state, "revoked")

    def test_sampling_share(self):
        checks = self.env["gov.hall.verification"]
        partners = [self.env["res.partner"].create({"name": f"申请人{i}"}) for i in range(4)]
        for partner in partners:
            case = self.commit_case(partner)
            self.decide(case)
            checks |= case.verification_ids
        self.assertEqual(checks.mapped("sampled"), [False, True, False, True])
        self.assertEqual(checks.mapped("sequence_in_item"), [1, 2, 3, 4])

    def test_true_commitment(self):
        case = self.commit_case()
        self.decide(case)
        case.verification_ids.with_user(self.reviewer).action_confirm("场所属实")
        self.assertEqual(case.verification_ids.state, "confirmed")

    def test_protected(self):
        case = self.commit_case()
        self.decide(case)
        check = case.verification_ids
        for user in (self.reviewer, self.admin_user):
            self.assert_write_refused(user, check, {"state": "confirmed"})
            self.assert_write_refused(user, check, {"sampled": True})
            self.assert_write_refused(user, case, {"revoked": True})
        with self.assertRaisesRegex(UserError, "fixed at acceptance"):
            case.with_user(self.clerk).write({"notify_commit_choice": "proof"})
        with self.assertRaises(AccessError):
            check.with_user(self.admin2).read(["findings"])
