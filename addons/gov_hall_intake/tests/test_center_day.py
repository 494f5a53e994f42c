from datetime import date, timedelta

from odoo.tests import freeze_time, tagged

from odoo.addons.gov_hall_base.tools.protect import granted

from .common import GovIntakeCase


@tagged("post_install", "-at_install")
class TestCenterDay(GovIntakeCase):
    """The day of a step is the center's (Beijing) day, whatever the time zone of who takes it."""

    def test_day_of_the_center(self):
        (self.clerk | self.reviewer).tz = "America/New_York"
        bot = self.env.ref("base.user_root")
        bot.tz = False
        calendar = self.env["gov.hall.calendar"]
        beijing = date(2026, 3, 11)
        # 17:30 UTC: 13:30 on the 10th in New York and in UTC's day, 01:30 on the 11th in Beijing
        with freeze_time("2026-03-10 17:30:00"):
            self.assertEqual(self.today(), beijing)
            case = self.accepted_case()
            self.assertEqual(case.date_accepted, beijing)
            self.assertEqual(case.deadline, calendar.add_working_days(beijing, 10))
            case.task_ids.with_user(self.reviewer).action_done("approve", "同意")
            self.assertEqual(case.task_ids.date_done, beijing)
            case.with_user(self.reviewer).action_decide("approved", "《社会保险法》第五十八条")
            self.assertEqual(case.date_decided, beijing)
            # the daily scan, run by a cron user without a time zone, scans the center's day: a case due on the
            # 10th is overdue (its day is UTC's and New York's today, not the center's)
            waiting = self.accepted_case()
            start = date(2026, 3, 10)
            while calendar.add_working_days(start, 10) > date(2026, 3, 10):
                start -= timedelta(days=1)
            with granted(waiting, "gov.hall.case.task"):
                waiting.sudo().write({"deadline_start": start})
                waiting.task_ids.sudo().write({"deadline_start": start})
            self.assertEqual(waiting.deadline, date(2026, 3, 10))
            self.env["gov.hall.case"].with_user(bot)._cron_supervision_scan(notify=False)
            self.assertEqual((waiting.supervision_color, waiting.is_overdue, waiting.supervision_date),
                             ("red", True, beijing))
