"""Cross-region handling: the result handed out at the receiving window, recorded by the receiving center's clerk
(the one thing that clerk may do on the other center's case), and the alert of the owning center's acceptance
clock."""
import json

from odoo.exceptions import AccessError, UserError
from odoo.service.model import call_kw
from odoo.tests import HttpCase, tagged

from .common import SIGNATURE
from .test_cross_region import CrossRegionCase


class RemoteDeliveryCase(CrossRegionCase):

    def receive_at(self, result_at, user=None):
        case = self.env["gov.hall.case"].with_user(user or self.clerk_b).with_company(self.center2).gov_remote_receive(
            self.item.id, self.citizen.id, ["居民身份证", "免冠照片"], "EMS1180012345", result_at=result_at)
        return self.env["gov.hall.case"].browse(case.id)

    def decided(self, result_at="receiving_window"):
        case = self.receive_at(result_at).with_user(self.clerk)
        case.action_accept()
        case.task_ids.with_user(self.reviewer).action_done("approve", "同意")
        case.with_user(self.reviewer).action_decide("approved", "《社会保险法》第五十八条")
        return case

    def as_b(self, case, user=None):
        return case.with_user(user or self.clerk_b).with_company(self.center2)


@tagged("post_install", "-at_install")
class TestRemoteDelivery(RemoteDeliveryCase):

    def test_handed_out_at_the_receiving_window(self):
        case = self.decided()
        # the owning center does not hand it out itself
        with self.assertRaisesRegex(UserError, "at the receiving window of"):
            case.with_user(self.clerk).action_deliver("window", recipient="周建国", signature=SIGNATURE)
        with self.assertRaisesRegex(UserError, "at the receiving window of"):
            case.with_user(self.clerk).action_deliver("mail", tracking="EMS1")
        with self.assertRaisesRegex(AccessError, "Only a clerk of"):
            case.with_user(self.clerk).action_deliver_receiving_window("周建国", SIGNATURE)
        # the receiving window finds it among its results to hand out (the filter of the case search)
        arch = self.env.ref("gov_hall_intake.view_case_search_cross_region").arch_db
        self.assertIn('name="hand_out_here"', arch)
        found = self.env["gov.hall.case"].with_user(self.clerk_b).with_company(self.center2).search([
            ("remote_result_at", "=", "receiving_window"), ("state", "=", "decided"),
            ("receiving_company_id", "in", self.center2.ids)])
        self.assertEqual(found, case)
        # the receiving center's clerk: the name and signature of the person collecting it
        with self.assertRaisesRegex(UserError, "name and signature"):
            self.as_b(case).action_deliver_receiving_window("周建国", None)
        self.assertEqual(case.sudo().state, "decided")
        self.as_b(case).action_deliver_receiving_window("周建国", SIGNATURE)
        case = case.sudo()
        self.assertEqual((case.state, case.delivery_method, case.delivery_recipient), ("delivered", "window", "周建国"))
        self.assertEqual(case.remote_delivered_by_id, self.clerk_b)
        self.assertEqual(case.date_delivered, self.today(self.center))
        with self.assertRaisesRegex(UserError, "not decided"):
            self.as_b(case).action_deliver_receiving_window("周建国", SIGNATURE)

    def test_nothing_else_on_the_other_center_case(self):
        case = self.decided()
        b_case = self.as_b(case)
        # not through the ordinary delivery, nor a write, nor a rating, nor the fees
        with self.assertRaisesRegex(UserError, "at the receiving window of"):
            call_kw(b_case, "action_deliver", [case.ids, "window"], {"recipient": "周建国", "signature": SIGNATURE})
        with self.assertRaises(AccessError):
            b_case.write({"delivery_recipient": "周建国"})
        self.assert_write_refused(self.clerk_b, case, {"remote_delivered_by_id": self.clerk_b.id})
        self.assert_write_refused(self.clerk_b, case, {"remote_result_at": "mail"})
        self.assert_write_refused(self.clerk, case, {"remote_result_at": "mail"})
        wizard = self.env["gov.hall.case.rate.wizard"].with_user(self.clerk_b).with_company(self.center2).create(
            {"case_id": case.id, "value": "5"})
        with self.assertRaisesRegex(AccessError, "a clerk of another center may only hand out"):
            wizard.action_confirm()
        self.assertFalse(case.sudo().rating_ids.filtered("consumed"))
        with self.assertRaises(AccessError):
            b_case.action_pay_fees()
        # not as a reviewer of the receiving center
        with self.assertRaises(AccessError):
            self.as_b(case, self.reviewer_2).action_deliver_receiving_window("周建国", SIGNATURE)
        # not a case the applicant collects by mail
        mailed = self.decided(result_at="mail")
        with self.assertRaisesRegex(UserError, "not handed out at a receiving window"):
            self.as_b(mailed).action_deliver_receiving_window("周建国", SIGNATURE)
        # not a case of the other center it did not forward
        other = self.decided_case()
        with self.assertRaises(AccessError):
            self.as_b(other).action_deliver_receiving_window("周建国", SIGNATURE)
        self.assertEqual((case.sudo().state, mailed.sudo().state, other.state), ("decided",) * 3)
        # the deliver wizard of the receiving window records it through the named action
        wizard = self.env["gov.hall.case.deliver.wizard"].with_user(self.clerk_b).with_company(self.center2).create(
            {"case_id": case.id, "method": "window", "recipient": "周建国", "signature": SIGNATURE})
        wizard.action_confirm()
        self.assertEqual(case.sudo().state, "delivered")

    def test_acceptance_alert(self):
        calendar = self.env["gov.hall.calendar"]
        self.center.gov_yellow_days = 2
        case = self.receive_at("mail")
        due = case.sudo().remote_accept_due
        accepted = self.receive_at("mail")
        accepted.with_user(self.clerk).action_accept()
        Case = self.env["gov.hall.case"]
        Activity = self.env["mail.activity"].sudo()

        def alerts(record):
            return Activity.search([("res_model", "=", "gov.hall.case"), ("res_id", "=", record.id),
                                    ("gov_deadline", "=", "remote_accept")])

        mine = (case | accepted).sudo()   # (the demo's forwarded cases are alerted too, on their own days)
        # three working days before the due day: not yet (the center warns two working days ahead)
        self.assertFalse(Case._cron_remote_accept_alert(today=calendar.subtract_working_days(due, 3)) & mine)
        self.assertFalse(alerts(case))
        # two working days before: the owning center's clerks are alerted, once
        self.assertEqual(Case._cron_remote_accept_alert(today=calendar.subtract_working_days(due, 2)) & mine,
                         case.sudo())
        activities = alerts(case)
        self.assertTrue(activities)
        self.assertEqual(set(activities.mapped("date_deadline")), {due})
        for user in activities.user_id:
            self.assertIn(self.center, user.company_ids)
            self.assertNotIn(user, self.clerk_b)
        self.assertIn(self.center2.name, activities[:1].summary)
        self.assertTrue(case.sudo().remote_accept_alerted)
        self.assertFalse(alerts(accepted), "an accepted case is not alerted")
        self.assertFalse(Case._cron_remote_accept_alert(today=calendar.subtract_working_days(due, 1)) & mine)
        self.assertEqual(alerts(case), activities)
        # the receiving center cannot set the flag; the acceptance closes the alert
        self.assert_write_refused(self.clerk_b, case, {"remote_accept_alerted": False})
        self.assert_write_refused(self.clerk, case, {"remote_accept_alerted": False})
        case.with_user(self.clerk).action_accept()
        self.assertFalse(alerts(case).filtered(lambda a: a.active))
        self.assertTrue(self.env.ref("gov_hall_intake.ir_cron_remote_accept_alert").active)


@tagged("post_install", "-at_install")
class TestRemoteDeliveryHttp(RemoteDeliveryCase, HttpCase):

    def call(self, model, method, args, kwargs=None):
        res = self.url_open("/web/dataset/call_kw", data=json.dumps({
            "jsonrpc": "2.0", "method": "call",
            "params": {"model": model, "method": method, "args": args, "kwargs": kwargs or {}}}),
            headers={"Content-Type": "application/json"})
        self.assertEqual(res.status_code, 200)
        return res.json()

    def test_receiving_clerk_over_http(self):
        case = self.decided()
        self.authenticate("t_clerk_b", "t_clerk_b")
        for method, args in (("action_deliver", [case.ids, "window"]), ("write", [case.ids, {"state": "delivered"}]),
                             ("action_pay_fees", [case.ids])):
            self.assertIn("error", self.call("gov.hall.case", method, args,
                                             {"recipient": "周建国", "signature": SIGNATURE} if method == "action_deliver" else {}))
        self.assertEqual(case.sudo().state, "decided")
        res = self.call("gov.hall.case", "action_deliver_receiving_window", [case.ids, "周建国", SIGNATURE])
        self.assertNotIn("error", res)
        self.assertEqual(case.sudo().state, "delivered")
