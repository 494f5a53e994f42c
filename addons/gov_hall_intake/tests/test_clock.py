from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import GovIntakeCase


@tagged("post_install", "-at_install")
class TestClock(GovIntakeCase):

    def _monday(self):
        day = self.today()
        while not (day.weekday() == 0 and all(self.env["gov.hall.calendar"].is_working_day(day + timedelta(d))
                                              for d in range(5))):
            day -= timedelta(days=1)
        return day

    def test_pause_and_resume(self):
        monday = self._monday()
        calendar = self.env["gov.hall.calendar"]
        with freeze_time(monday):
            case = self.accepted_case()
            before = case.deadline
            self.assertEqual(before, calendar.add_working_days(monday, 10))
            with self.assertRaisesRegex(UserError, "State why"):
                case.with_user(self.reviewer).action_pause("expert", " ")
            with self.assertRaises(UserError):
                case.with_user(self.chief_b).action_pause("expert", "专家评审")
            self.assertFalse(case.paused)
            case.with_user(self.reviewer).action_pause("expert", "组织专家评审")
            self.assertTrue(case.paused)
            with self.assertRaisesRegex(UserError, "paused"):
                case.task_ids.with_user(self.reviewer).action_done("approve")
        with freeze_time(monday + timedelta(days=3)):
            case.with_user(self.reviewer).action_resume()
        self.assertFalse(case.paused)
        self.assertEqual(case.pause_ids.working_days, 3)
        self.assertEqual(case.deadline_paused_days, 3)
        self.assertEqual(case.deadline, calendar.add_working_days(monday, 13))
        self.assertEqual(case.task_ids.deadline, case.deadline)
        with self.assertRaisesRegex(UserError, "not paused"):
            case.with_user(self.reviewer).action_resume()

    def test_supervision_colors_and_activities(self):
        monday = self._monday()
        calendar = self.env["gov.hall.calendar"]
        Case = self.env["gov.hall.case"]
        self.env.company.gov_yellow_days = 2
        with freeze_time(monday):
            case = self.accepted_case(self.item_joint)  # 5 working days
            paused = self.accepted_case(self.item_joint)
            paused.with_user(self.reviewer).action_pause("test", "检验检测")
            Case._cron_supervision_scan(today=monday)
        self.assertEqual(case.supervision_color, "green")
        activities = self.env["mail.activity"].search_count([("res_model", "=", "gov.hall.case")])
        day_yellow = calendar.add_working_days(monday, 3)
        Case._cron_supervision_scan(today=day_yellow)
        self.assertEqual(case.supervision_color, "yellow")
        self.assertFalse(case.is_overdue)
        after_yellow = self.env["mail.activity"].search_count([("res_model", "=", "gov.hall.case")])
        self.assertGreater(after_yellow, activities)
        # the chief representative (handler of an unassigned case) got one activity for this case
        self.assertEqual(len(case.activity_ids.filtered(lambda a: a.user_id == self.chief)), 1)
        # a second scan on the same day changes nothing and notifies nobody
        self.assertEqual(Case._cron_supervision_scan(today=day_yellow), 0)
        self.assertEqual(self.env["mail.activity"].search_count([("res_model", "=", "gov.hall.case")]), after_yellow)
        day_red = calendar.add_working_days(monday, 6)
        Case._cron_supervision_scan(today=day_red)
        self.assertEqual(case.supervision_color, "red")
        self.assertTrue(case.is_overdue)
        self.assertTrue(all(t.is_overdue for t in case.task_ids))
        # one alert per case: the yellow alert of the handler now says the case is overdue
        alerts = case.activity_ids.filtered(lambda a: a.gov_deadline == "deadline")
        self.assertEqual(len(alerts), 1)
        self.assertEqual((alerts.user_id, alerts.summary), (self.chief, f"Overdue case {case.name}"))
        # supervisors and the department head got digests
        self.assertTrue(self.env["mail.activity"].search([("user_id", "=", self.supervisor.id)]))
        self.assertTrue(self.env["mail.activity"].search([("user_id", "=", self.dept_head.id)]))
        # the paused case is not coloured while its clock stands still
        self.assertEqual(paused.supervision_color, "green")
        self.assertFalse(paused.is_overdue)
        # decided late: overdue, not on time
        case.task_ids.filtered("is_lead").with_user(self.reviewer).action_done("approve")
        case.task_ids.filtered(lambda t: not t.is_lead).with_user(self.reviewer_b).action_done("approve")
        with freeze_time(day_red):
            case.with_user(self.chief).action_decide("approved", "依据")
        self.assertTrue(case.is_overdue)
        self.assertFalse(case.on_time)
        self.assertEqual(case.working_days_used, 6)
        # decided: the case closed its alerts itself (marked done, not deleted by their text)
        self.assertFalse(case.activity_ids.filtered("gov_deadline"))
        done = self.env["mail.activity"].with_context(active_test=False).search(
            [("res_model", "=", "gov.hall.case"), ("res_id", "=", case.id), ("gov_deadline", "=", "deadline")])
        self.assertTrue(not done or not done.active)

    def test_holiday_schedule_moves_open_deadlines(self):
        case = self.accepted_case()
        deadline = case.deadline
        # a new statutory holiday on a working day before the deadline pushes it by one working day
        day = self.env["gov.hall.calendar"].add_working_days(self.today(), 1)
        Year = self.env["gov.hall.calendar.year"]
        year = Year.search([("year", "=", day.year)]) or Year.create({"year": day.year})
        self.env["gov.hall.calendar.day"].create({"date": day, "kind": "holiday", "name": "测试假日",
                                                  "year_id": year.id})
        case.invalidate_recordset(["deadline"])
        self.assertEqual(case.deadline, self.env["gov.hall.calendar"].add_working_days(deadline, 1))
