import base64

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.gov_hall_base.tools.protect import granted

from .common import SIGNATURE, GovIntakeCase


@tagged("post_install", "-at_install")
class TestDelivery(GovIntakeCase):

    def _decided_joint(self):
        case = self.accepted_case(self.item_joint)
        case.task_ids.filtered("is_lead").with_user(self.reviewer).action_done("approve")
        case.task_ids.filtered(lambda t: not t.is_lead).with_user(self.reviewer_b).action_done("approve")
        case.with_user(self.chief).action_decide("approved", "依据")
        return case

    def test_undecided_not_delivered(self):
        case = self.accepted_case()
        with self.assertRaisesRegex(UserError, "not decided"):
            case.with_user(self.clerk).action_deliver("window", recipient="周建国", signature=SIGNATURE)
        with self.assertRaisesRegex(UserError, "only through its workflow actions"):
            case.with_user(self.admin_user).write({"state": "delivered"})
        # the constraint still guards the state (server code writing it inside a grant)
        with self.assertRaisesRegex(ValidationError, "no decision"), granted(case):
            case.sudo().write({"state": "delivered"})
        self.assertEqual(case.state, "accepted")

    def test_unpaid_not_delivered(self):
        case = self._decided_joint()
        self.assertEqual((case.fee_state, case.amount_fee), ("unpaid", 80.0))
        with self.assertRaisesRegex(UserError, "unpaid fees"):
            case.with_user(self.clerk).action_deliver("window", recipient="周建国", signature=SIGNATURE)
        with self.assertRaisesRegex(ValidationError, "unpaid fees"), granted(case):
            case.sudo().write({"state": "delivered"})
        self.assertEqual(case.state, "decided")
        case.with_user(self.clerk).action_pay_fees()
        fee = case.fee_line_ids
        self.assertTrue(fee.paid and fee.receipt_number)
        self.assertEqual(fee.amount_upper, "捌拾元整")
        with self.assertRaisesRegex(UserError, "paid fee cannot be changed"):
            fee.write({"amount": 1.0})
        with self.assertRaisesRegex(UserError, "nothing to pay"):
            case.with_user(self.clerk).action_pay_fees()
        with self.assertRaisesRegex(UserError, "name and signature"):
            case.with_user(self.clerk).action_deliver("window", recipient="周建国")
        case.with_user(self.clerk).action_deliver("window", recipient="周建国", signature=SIGNATURE)
        self.assertEqual((case.state, case.date_delivered, case.delivery_recipient),
                         ("delivered", self.today(), "周建国"))

    def test_mail_delivery(self):
        case = self.decided_case()
        with self.assertRaisesRegex(UserError, "tracking number"):
            case.with_user(self.clerk).action_deliver("mail")
        self.dept.gov_mail_exempt = True
        with self.assertRaisesRegex(UserError, "not mailed free of charge"):
            case.with_user(self.clerk).action_deliver("mail", tracking="1180012345678")
        self.dept.gov_mail_exempt = False
        case.with_user(self.clerk).action_deliver("mail", tracking="1180012345678", address="上饶市信州区")
        self.assertEqual((case.state, case.delivery_tracking), ("delivered", "1180012345678"))

    def test_electronic_delivery(self):
        case = self.decided_case()
        with self.assertRaisesRegex(UserError, "Attach the electronic result"):
            case.with_user(self.clerk).action_deliver("electronic")
        wizard = self.env["gov.hall.case.deliver.wizard"].with_user(self.clerk).create({
            "case_id": case.id, "method": "electronic",
            "attachment_ids": [(0, 0, {"name": "电子证照.pdf", "datas": base64.b64encode(b"%PDF-1.4 test")})]})
        wizard.action_confirm()
        self.assertEqual(case.state, "delivered")
        self.assertEqual(len(case.result_attachment_ids), 1)
