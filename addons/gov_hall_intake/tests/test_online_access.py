"""Attacks on the online hall through call_kw (the checks of RPC): another applicant's draft, private helpers,
protected fields of authorisations, payment notices and confirmations, appointments and queue numbers."""
from datetime import timedelta

from odoo.tests import tagged

from odoo.addons.gov_hall_base.tools.protect import granted

from .online_common import GovOnlineCase


@tagged("post_install", "-at_install")
class TestOnlineAccess(GovOnlineCase):

    def test_draft_of_another_applicant(self):
        case = self.draft()
        self.upload(case)
        for method in ("action_apply_submit", "action_apply_supplement", "read"):
            self.assert_call_refused(self.applicant_b, case, method)
        self.assert_call_refused(self.agent, case, "action_apply_submit")
        self.assertEqual(case.state, "apply_draft")
        # the owner writes nothing directly either: the portal writes through its routes
        self.assert_write_refused(self.applicant, case, {"state": "draft"})
        self.assert_write_refused(self.applicant, case, {"applicant_id": self.applicant_b.partner_id.id})

    def test_private_helpers_not_rpc(self):
        Case = self.env["gov.hall.case"]
        with self.assertRaises(Exception):
            self.rpc(self.applicant, Case, "create", {"item_id": self.item.id, "state": "apply_draft"})
        for method in ("_gov_apply_create", "_gov_accept_by_law", "_cron_prereview"):
            self.assert_call_refused(self.applicant, self.draft(), method)
            self.assert_call_refused(self.clerk, self.draft(), method)

    def test_pre_review_by_a_clerk_only(self):
        case = self.submitted()
        for user in (self.applicant, self.reviewer):
            self.assert_call_refused(user, case, "action_accept")
            self.assert_call_refused(user, case, "action_one_time_notice")
        self.assertEqual(case.state, "draft")

    def test_authorization_fields(self):
        auth = self.authorize()
        for vals in ({"state": "revoked"}, {"agent_partner_id": self.applicant_b.partner_id.id},
                     {"company_partner_id": self.citizen.id}):
            self.assert_write_refused(self.clerk, auth, vals)
        self.assert_write_refused(self.company_user, auth, {"date_end": auth.date_end + timedelta(days=999)})
        self.assert_call_refused(self.agent, auth, "action_revoke")
        self.assertEqual(auth.state, "active")

    def test_fee_records(self):
        notice = self.accepted_case(self.item_joint).gov_fee_notice_ids
        for user in (self.clerk, self.admin_user):
            self.assert_write_refused(user, notice, {"state": "paid"})
        self.assert_write_refused(self.clerk, notice.fee_line_ids, {"gov_notice_id": False})
        Payment = self.env["gov.hall.fee.payment"]
        with granted(Payment):
            payment = Payment.sudo().create({"company_id": self.center.id, "payment_code": notice.payment_code,
                                             "amount": 1.0, "state": "unmatched", "bank_reference": "X"})
        self.assert_write_refused(self.admin_user, payment, {"state": "matched", "notice_id": notice.id})
        with self.assertRaises(Exception):
            self.rpc(self.admin_user, Payment, "create", {"company_id": self.center.id, "state": "matched",
                                                          "notice_id": notice.id, "amount": 80.0})
        self.assertEqual(notice.state, "issued")

    def test_queue_and_appointment_fields(self):
        slot = self.env["gov.hall.appointment.slot"].create({
            "company_id": self.center.id, "zone_id": self.zone.id, "date": self.today(), "time_start": 16.0,
            "time_end": 16.5, "capacity": 1})
        appt = self.env["gov.hall.appointment"].with_user(self.applicant)._gov_book(slot, self.applicant.partner_id)
        self.assert_write_refused(self.applicant, appt, {"state": "done"})
        self.assert_call_refused(self.applicant, appt, "action_arrive")
        ticket = self.env["gov.hall.queue.ticket"].with_user(self.clerk).action_take_walk_in(self.zone.id)
        for vals in ({"state": "done"}, {"sequence": 0}, {"priority": -1}):
            self.assert_write_refused(self.clerk, ticket, vals)
        self.assert_write_refused(self.clerk, slot, {"capacity": 99})
