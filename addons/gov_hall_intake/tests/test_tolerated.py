import unicodedata
import subprocess
import tempfile
from datetime import timedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import freeze_time

from odoo.addons.gov_hall_base.tools.protect import granted

from .common import SIGNATURE, GovIntakeCase


def pdf_text(pdf):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        out = subprocess.run(["pdftotext", "-layout", f.name, "-"], capture_output=True, check=True).stdout
    return unicodedata.normalize("NFKC", out.decode())


@tagged("post_install", "-at_install")
class TestTolerated(GovIntakeCase):

    def tolerated_case(self, item=None):
        case = self.new_case(item)
        case.material_line_ids.filtered("tolerable").received = False
        case.commitment = "本人承诺五个工作日内补交免冠照片"
        case.action_accept()
        return case

    def test_only_listed_materials(self):
        case = self.new_case()
        id_card = case.material_line_ids.filtered(lambda m: m.name == "居民身份证")
        id_card.write({"tolerable": True, "received": False})
        case.commitment = "承诺补交"
        with self.assertRaisesRegex(ValidationError, "listed on the item in advance"):
            case.action_accept()
        self.assertEqual(case.state, "draft")

    def test_commitment_letter(self):
        case = self.tolerated_case()
        letter = case.commitment_ids
        self.assertEqual((letter.kind, letter.state), ("tolerance", "open"))
        self.assertEqual(letter.missing_names, "免冠照片")
        due = self.env["gov.hall.calendar"].add_working_days(case.date_accepted, self.item.tolerance_days)
        self.assertEqual(letter.deadline, due)
        self.assertEqual(case.commitment_date, due)
        pdf, _ = self.env["ir.actions.report"].with_context(force_report_rendering=True)._render_qweb_pdf(
            "gov_hall_intake.action_report_commitment_letter", letter.ids)
        text = pdf_text(pdf)
        self.assertIn("容缺受理承诺书", text)
        self.assertIn("免冠照片", text)

    def test_supplied_clears(self):
        case = self.tolerated_case()
        case.material_line_ids.filtered("tolerable").with_user(self.clerk).write({"received": True})
        self.assertEqual(case.commitment_ids.state, "fulfilled")
        self.assertFalse(case.tolerance_open)

    def test_result_held_until_supplied(self):
        case = self.tolerated_case()
        case.task_ids.with_user(self.reviewer).action_done("approve", "同意")
        case.with_user(self.reviewer).action_decide("approved", "《社会保险法》第五十八条")
        with self.assertRaisesRegex(UserError, "holds the result until the tolerated materials arrive"):
            case.with_user(self.clerk).action_deliver("window", recipient="周建国", signature=SIGNATURE)
        case.material_line_ids.filtered("tolerable").with_user(self.clerk).write({"received": True})
        case.with_user(self.clerk).action_deliver("window", recipient="周建国", signature=SIGNATURE)
        self.assertEqual(case.state, "delivered")

    def test_due_date_near_and_passed_stop(self):
        case = self.tolerated_case()
        letter = case.commitment_ids
        Commitment = self.env["gov.hall.commitment"]
        near = self.env["gov.hall.calendar"].subtract_working_days(letter.deadline, 1)
        Commitment._deadline_scan(today=near)
        self.assertEqual(letter.supervision_color, "yellow")
        self.assertTrue(self.env["mail.activity"].search([("res_model", "=", "gov.hall.commitment"),
                                                          ("res_id", "=", letter.id), ("user_id", "=", self.clerk.id)]))
        Commitment._deadline_scan(today=letter.deadline + timedelta(days=1))
        self.assertEqual((letter.state, letter.consequence), ("breached", "suspend"))
        self.assertTrue(case.paused)
        credit = letter.credit_record_id
        self.assertEqual((credit.partner_id, credit.reason, credit.state), (self.citizen, "tolerance_breach", "notified"))
        # supplied late: the clock runs again; the credit record follows its own hearing
        with freeze_time(letter.deadline + timedelta(days=3)):
            case.material_line_ids.filtered("tolerable").with_user(self.clerk).write({"received": True})
        self.assertEqual(letter.state, "fulfilled")
        self.assertFalse(case.paused)

    def test_due_date_passed_refuse(self):
        item = self.item.copy({"code": "RS-09", "state": "draft"})
        item.material_ids.filtered("tolerable")
        with granted(item):
            item.write({"tolerance_consequence": "reject", "state": "published"})
        case = self.tolerated_case(item)
        letter = case.commitment_ids
        self.env["gov.hall.commitment"]._deadline_scan(today=letter.deadline + timedelta(days=1))
        self.assertEqual((case.state, case.decision), ("decided", "rejected"))
        self.assertIn("were not supplied", case.decision_basis)
        self.assertFalse(case.task_ids.filtered(lambda t: t.state == "open"))
        self.assertTrue(letter.credit_record_id)

    def test_protected(self):
        case = self.tolerated_case()
        letter = case.commitment_ids
        for user in (self.clerk, self.admin_user):
            self.assert_write_refused(user, letter, {"state": "fulfilled"})
            self.assert_write_refused(user, letter, {"deadline_days": 50})
