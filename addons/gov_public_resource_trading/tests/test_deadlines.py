"""Trading deadlines on the hall's calendar (gov.hall.deadline.mixin): a holiday schedule moves them, the
daily cron alerts each overdue item once, and the item's record closes its alert when it is done."""
from datetime import date, datetime, timedelta

from odoo.tests import tagged
from odoo.tests.common import freeze_time

from odoo.addons.gov_hall_base.tools.protect import granted

from ..models.gov_trading_lot import fmt_local, local_date
from .common import T0, TradingCase


@tagged("post_install", "-at_install")
class TestTradingDeadlines(TradingCase):

    def _received_deposit(self, kind="procurement"):
        project, lot = self.make_project(kind=kind, estimate=1_000_000, deposit=20_000)
        self.publish(lot)
        reg = self.register(lot, self.bidders[0])
        dep = self.declare_deposit({"registration_id": reg.id, "amount": 20_000, "bank_reference": "ICBC2026"})
        with freeze_time("2026-03-20 02:00:00"):
            dep.with_user(self.trading).action_confirm_receipt()
        with granted(lot):
            lot.write({"state": "awarded", "date_award": "2026-03-31"})
        lot.date_contract = "2026-04-03"
        return lot, dep

    def test_holiday_schedule_moves_refund_deadline(self):
        lot, dep = self._received_deposit()
        # Friday 3 April 2026, 5 working days after the Qingming holiday (4-6 April): 13 April
        self.assertEqual(dep.refund_deadline, date(2026, 4, 13))
        # the center enters a local holiday on 8 April through the calendar: the open refund moves
        year = self.env["gov.hall.calendar.year"].search([("year", "=", 2026)])
        self.env["gov.hall.calendar.day"].create({"date": "2026-04-08", "kind": "holiday", "year_id": year.id,
                                                  "name": "地方假日"})
        dep.invalidate_recordset(["refund_deadline"])
        self.assertEqual(dep.refund_deadline, date(2026, 4, 14))
        # the contract deadline (30 days, moved off a rest day) is on the same calendar
        self.assertEqual(lot.contract_deadline, date(2026, 4, 30))

    def test_today_dependent_values_not_stored(self):
        lot, dep = self._received_deposit(kind="construction")
        for record, fname in ((dep, "refund_overdue"), (dep, "interest_amount"), (dep, "refund_amount"),
                              (lot, "contract_overdue")):
            self.assertFalse(record._fields[fname].store, fname)
        # 5 days after the contract of Friday 3 April: Wednesday 8 April
        self.assertEqual(dep.refund_deadline, date(2026, 4, 8))
        with freeze_time("2026-04-08 02:00:00"):
            dep.invalidate_recordset()
            self.assertFalse(dep.refund_overdue)
            self.assertFalse(self.env["gov.trading.deposit"].search_count(
                [("id", "=", dep.id), ("refund_overdue", "=", True)]))
        with freeze_time("2026-05-06 02:00:00"):
            dep.invalidate_recordset()
            self.assertTrue(dep.refund_overdue, "nothing has to refresh it: it follows today")
            self.assertEqual(self.env["gov.trading.deposit"].search([("refund_overdue", "=", True),
                                                                     ("id", "=", dep.id)]), dep)
            held = (date(2026, 5, 6) - dep.date_received).days
            self.assertEqual(dep.interest_amount, round(20_000 * dep.interest_rate / 100 * held / 360, 2))

    def test_day_of_the_center_whatever_the_user_tz(self):
        """At 17:30 UTC it is 13:30 in New York and already the next day (01:30) in Beijing: a staff member in
        New York records the center's day, and the today-dependent values follow the center's day."""
        self.trading.tz = "America/New_York"
        project, lot = self.make_project(kind="construction", estimate=1_000_000, deposit=20_000)
        self.publish(lot)
        reg = self.register(lot, self.bidders[0])
        dep = self.declare_deposit({"registration_id": reg.id, "amount": 20_000, "bank_reference": "ICBC2026"})
        with freeze_time("2026-03-19 17:30:00"):
            dep.with_user(self.trading).action_confirm_receipt()
        self.assertEqual(dep.date_received, date(2026, 3, 20))
        with granted(lot):
            lot.write({"state": "awarded", "date_award": "2026-03-31"})
        lot.date_contract = "2026-04-03"
        self.assertEqual(dep.refund_deadline, date(2026, 4, 8))
        with freeze_time("2026-04-08 17:30:00"):  # the 8th in New York, the 9th in Beijing
            staff_dep = dep.with_user(self.trading)
            staff_dep.invalidate_recordset()
            self.assertTrue(staff_dep.refund_overdue)
            self.assertEqual(staff_dep.search([("refund_overdue", "=", True), ("id", "=", dep.id)]), dep)
            self.assertEqual(staff_dep.interest_amount, round(20_000 * dep.interest_rate / 100 * 20 / 360, 2))
            staff_dep.action_refund()
        self.assertEqual(dep.date_refunded, date(2026, 4, 9))

    def test_land_deposit_without_interest(self):
        lot, dep = self._received_deposit(kind="land")
        with freeze_time("2026-05-06 02:00:00"):
            dep.invalidate_recordset()
            self.assertEqual(dep.interest_amount, 0.0, "a land deposit carries no interest")
            self.assertEqual(dep.refund_amount, 20_000)

    def test_days_in_the_center_time_zone(self):
        """The legal days of a lot are days at its center: its partner's time zone, Beijing time by default."""
        project, lot = self.make_project()
        lot.date_bid_deadline = datetime(2026, 3, 27, 17, 0)   # 28 March 01:00 in Beijing
        self.assertEqual(local_date(lot.date_bid_deadline, lot.company_id), date(2026, 3, 28))
        self.assertEqual(lot.date_objection_limit, date(2026, 3, 18))
        self.center.partner_id.tz = "Asia/Urumqi"   # UTC+6: still 27 March, 23:00
        lot.invalidate_recordset(["date_objection_limit", "date_clarification_limit"])
        self.assertEqual(lot.date_objection_limit, date(2026, 3, 17))
        self.assertEqual(lot.date_clarification_limit, date(2026, 3, 12))
        self.assertEqual(fmt_local(lot.date_bid_deadline, lot.company_id), "2026-03-27 23:00")
        self.assertEqual(fmt_local(lot.date_bid_deadline), "2026-03-28 01:00", "Beijing time without a center")

    def test_one_alert_per_item_closed_by_its_record(self):
        lot, dep = self._received_deposit()
        Activity = self.env["mail.activity"]

        def alerts(record):
            return Activity.search([("res_model", "=", record._name), ("res_id", "=", record.id),
                                    ("activity_type_id", "=", self.env.ref("mail.mail_activity_data_warning").id)])
        for day in ("2026-05-06", "2026-05-07", "2026-05-08"):
            with freeze_time(f"{day} 02:00:00"):
                lot._cron_alerts()
        self.assertEqual(len(alerts(dep)), 1, "one alert for the overdue refund, not one a day")
        self.assertEqual(dep.supervision_color, "red")
        with freeze_time("2026-05-08 02:00:00"):
            dep.with_user(self.trading).action_refund()
        self.assertFalse(alerts(dep), "the refund closes its alert")
        # the contract: its to-do from the award and its overdue alert are closed by the contract record
        project, late = self.make_project()
        with granted(late):
            late.write({"state": "awarded", "date_award": T0.date()})
        late._deadline_create_activities([late._deadline_activity(
            late.id, self.env.user, "签订合同", late.contract_deadline)])
        for days in (31, 32):
            with freeze_time(T0 + timedelta(days=days)):
                late._cron_alerts()
                self.assertEqual(self.env["gov.trading.lot"].search([("contract_overdue", "=", True),
                                                                     ("id", "=", late.id)]), late)
        self.assertEqual(len(alerts(late)), 1)
        self.assertEqual(len(late.activity_ids.filtered(lambda a: a.gov_deadline == "contract_deadline")), 2,
                         "the to-do of the award and one overdue alert")
        # the light going back (a holiday schedule moved the deadline) and red again: still one alert
        with granted(late):
            late.supervision_color = "green"
        with freeze_time(T0 + timedelta(days=33)):
            late._cron_alerts()
        self.assertEqual(len(alerts(late)), 1)
        late.date_contract = T0.date() + timedelta(days=32)
        late.with_user(self.trading).action_record_contract()
        self.assertFalse(late.activity_ids.filtered(lambda a: a.gov_deadline == "contract_deadline"))
