import base64
import subprocess
import unicodedata
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SIGNATURE
from .online_common import GovOnlineCase


@tagged("post_install", "-at_install")
class TestFeeNotice(GovOnlineCase):

    def _decided_fee_case(self):
        case = self.accepted_case(self.item_joint)
        case.task_ids.filtered(lambda t: t.department_id == self.dept).with_user(self.reviewer).action_done("approve")
        case.task_ids.filtered(lambda t: t.department_id == self.dept_b).with_user(self.reviewer_b).action_done(
            "approve")
        case.with_user(self.chief).action_decide("approved", "《公司法》第二十九条")
        return case

    def _import(self, rows, company=None):
        text = "缴款码,金额,缴款日期,银行流水号\n" + "".join(",".join(map(str, r)) + "\n" for r in rows)
        wizard = self.env["gov.hall.fee.import.wizard"].with_user(self.clerk).create({
            "company_id": (company or self.center).id, "file": base64.b64encode(text.encode()),
            "filename": "confirm.csv"})
        wizard.action_import()
        return wizard

    def test_notice_issued_at_acceptance(self):
        case = self.accepted_case(self.item_joint)
        notice = case.gov_fee_notice_ids
        self.assertEqual(len(notice), 1)
        self.assertEqual(notice.amount, 80.0)
        self.assertEqual(notice.amount_upper, "捌拾元整")
        self.assertEqual(len(notice.payment_code), 20)
        self.assertTrue(notice.payment_code.isdigit())
        self.assertEqual(notice.fee_line_ids, case.fee_line_ids)
        self.assertFalse(self.accepted_case().gov_fee_notice_ids, "no fee, no notice")
        for vals in ({"state": "paid"}, {"amount": 1.0}, {"payment_code": "1"}):
            self.assert_write_refused(self.clerk, notice, vals)

    def test_unpaid_blocks_delivery_import_pays(self):
        case = self._decided_fee_case()
        notice = case.gov_fee_notice_ids
        with self.assertRaisesRegex(UserError, "unpaid fees"):
            case.with_user(self.clerk).action_deliver("window", recipient="周建国", signature=SIGNATURE)
        self.assertEqual(case.state, "decided")
        wizard = self._import([
            (notice.payment_code, "60.00", "2026-03-02", "YH0001"),        # another amount
            ("12345678901234567890", "80.00", "2026-03-02", "YH0002"),    # no such notice
            (notice.payment_code, "80.00", "2026-03-02", "YH0003"),        # pays
            (notice.payment_code, "80.00", "2026-03-02", "YH0004"),        # paid twice
        ])
        self.assertIn("1", wizard.result)
        Payment = self.env["gov.hall.fee.payment"]
        states = Payment.search([("company_id", "=", self.center.id)], order="id").mapped("state")
        self.assertEqual(states, ["mismatch", "unmatched", "matched", "duplicate"])
        self.assertEqual(notice.state, "paid")
        self.assertEqual(notice.date_paid, date(2026, 3, 2))
        self.assertEqual(case.fee_state, "paid")
        self.assertEqual(case.fee_line_ids.receipt_number, "YH0003")
        # the daily reconciliation: per day, what the bank confirmed and what it reconciled
        groups = Payment._read_group([("company_id", "=", self.center.id)], ["date_paid:day", "state"],
                                     ["amount:sum"])
        self.assertIn(("matched", 80.0), [(state, amount) for _day, state, amount in groups])
        case.with_user(self.clerk).action_deliver("window", recipient="周建国", signature=SIGNATURE)
        self.assertEqual(case.state, "delivered")

    def test_bad_file_imports_nothing(self):
        case = self.accepted_case(self.item_joint)
        notice = case.gov_fee_notice_ids
        for text in ("缴款码,金额\n1,2\n", f"缴款码,金额,缴款日期,银行流水号\n{notice.payment_code},八十,2026-03-02,X1\n"):
            wizard = self.env["gov.hall.fee.import.wizard"].with_user(self.clerk).create({
                "file": base64.b64encode(text.encode()), "filename": "x.csv"})
            with self.assertRaisesRegex(UserError, "missing from the confirmation file|cannot be read"):
                wizard.action_import()
        self.assertFalse(self.env["gov.hall.fee.payment"].search([("company_id", "=", self.center.id)]))
        self.assertEqual(notice.state, "issued")
        with self.assertRaises(Exception):
            self.env["gov.hall.fee.import.wizard"].with_user(self.reviewer).create({
                "file": base64.b64encode(b"x"), "filename": "x.csv"}).action_import()

    def test_window_payment_pays_notice(self):
        case = self.accepted_case(self.item_joint)
        case.with_user(self.clerk).action_pay_fees()
        self.assertEqual(case.gov_fee_notice_ids.state, "paid")

    def test_notice_pdf(self):
        notice = self.accepted_case(self.item_joint).gov_fee_notice_ids
        pdf, fmt = self.env["ir.actions.report"].with_context(force_report_rendering=True)._render_qweb_pdf(
            "gov_hall_intake.action_report_fee_notice", notice.ids)
        self.assertEqual(fmt, "pdf")
        text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                              check=True).stdout.decode()
        text = unicodedata.normalize("NFKC", text).replace(" ", "")
        self.assertIn("缴款通知书", text)
        self.assertIn("捌拾元整", text)
        self.assertIn(notice.payment_code, text)
