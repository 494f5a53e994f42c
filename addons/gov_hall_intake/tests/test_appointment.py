import re
from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .online_common import GovOnlineCase


@tagged("post_install", "-at_install")
class TestAppointment(GovOnlineCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.slot = cls.env["gov.hall.appointment.slot"].create({
            "company_id": cls.center.id, "zone_id": cls.zone.id, "window_id": cls.window_zh.id,
            "date": cls.today(cls) + timedelta(days=1), "time_start": 9.0, "time_end": 9.5, "capacity": 2})

    def book(self, user, partner=None, channel="online"):
        return self.env["gov.hall.appointment"].with_user(user)._gov_book(
            self.slot, partner or user.partner_id, item=self.item, channel=channel)

    def test_capacity_cannot_be_exceeded(self):
        first = self.book(self.applicant)
        with self.assertRaisesRegex(UserError, "already has an appointment"):
            self.book(self.applicant)
        self.book(self.applicant_b)
        self.assertEqual(self.slot.available, 0)
        with self.assertRaisesRegex(UserError, "is full"):
            self.book(self.agent)
        with self.assertRaisesRegex(UserError, "is full"):
            self.book(self.clerk, self.citizen, channel="help_desk")
        first.with_user(self.applicant).action_cancel()
        self.assertEqual(self.slot.available, 1)
        self.book(self.clerk, self.citizen, channel="help_desk")
        self.assertEqual(self.slot.booked_count, 2)

    def test_booking_rights(self):
        with self.assertRaises(AccessError):
            self.book(self.applicant, self.applicant_b.partner_id)
        with self.assertRaises(AccessError):
            self.book(self.applicant, self.citizen, channel="help_desk")
        appt = self.book(self.applicant)
        with self.assertRaises(AccessError):
            appt.with_user(self.applicant_b).action_cancel()
        self.assertFalse(self.env["gov.hall.appointment"].with_user(self.applicant_b).search([("id", "=", appt.id)]))
        for vals in ({"state": "done"}, {"slot_id": self.slot.id}):
            self.assert_write_refused(self.clerk, appt, vals)

    def test_queue_calls_in_order(self):
        Ticket = self.env["gov.hall.queue.ticket"].with_user(self.clerk)
        walk1 = Ticket.action_take_walk_in(self.zone.id)
        self.slot.sudo().date = self.today()
        appt = self.book(self.applicant)
        appt.with_user(self.clerk).action_arrive()
        walk2 = Ticket.action_take_walk_in(self.zone.id)
        self.assertEqual([walk1.sequence, appt.ticket_id.sequence, walk2.sequence], [1, 2, 3])
        self.assertTrue(appt.ticket_id.name.endswith("A002"))
        called = [Ticket.action_call_next(self.window_zh.id) for _i in range(3)]
        self.assertEqual(called, [appt.ticket_id, walk1, walk2], "appointments first, then in the order taken")
        self.assertEqual(called[0].window_id, self.window_zh)
        with self.assertRaisesRegex(UserError, "Nobody is waiting"):
            Ticket.action_call_next(self.window_zh.id)
        called[0].with_user(self.clerk).action_done()
        self.assertEqual(appt.state, "done")
        called[1].with_user(self.clerk).action_no_show()
        self.assertEqual(walk1.state, "no_show")
        with self.assertRaises(AccessError):
            self.env["gov.hall.queue.ticket"].with_user(self.applicant).action_call_next(self.window_zh.id)

    def test_no_show_recorded(self):
        appt = self.book(self.applicant)
        self.env["gov.hall.appointment"]._cron_no_show(today=self.slot.date)
        self.assertEqual(appt.state, "booked", "the day itself is not over")
        self.env["gov.hall.appointment"]._cron_no_show(today=self.slot.date + timedelta(days=1))
        self.assertEqual(appt.state, "no_show")


@tagged("post_install", "-at_install")
class TestAppointmentHttp(GovOnlineCase, HttpCase):

    def test_book_over_http(self):
        slot = self.env["gov.hall.appointment.slot"].create({
            "company_id": self.center.id, "zone_id": self.zone.id, "date": self.today() + timedelta(days=2),
            "time_start": 14.0, "time_end": 14.5, "capacity": 1})
        self.authenticate(self.applicant.login, self.applicant.login)
        page = self.url_open(f"/my/appointments?item_id={self.item.id}").text
        self.assertIn(slot.name, page)
        token = re.search(r'csrf_token: "([^"]+)"', page).group(1)
        res = self.url_open("/my/appointments/book", data={"csrf_token": token, "slot_id": slot.id,
                                                           "item_id": self.item.id})
        self.assertEqual(res.status_code, 200)
        self.assertEqual(slot.booked_count, 1)
        self.authenticate(self.applicant_b.login, self.applicant_b.login)
        token = re.search(r'csrf_token: "([^"]+)"', self.url_open("/my/appointments").text).group(1)
        res = self.url_open("/my/appointments/book", data={"csrf_token": token, "slot_id": slot.id})
        self.assertEqual(res.status_code, 422, "the slot is full")
        self.assertEqual(slot.booked_count, 1)
