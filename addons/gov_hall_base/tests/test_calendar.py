import datetime
from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import GovAssertMixin
from odoo.tools import SQL


@tagged("post_install", "-at_install")
class TestWorkingDays(GovAssertMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cal = cls.env["gov.hall.calendar"]
        cls.addClassCleanup(cls.registry.clear_cache)

    def test_imported_years(self):
        years = self.env["gov.hall.calendar.year"].search([("source", "=", "chinese_calendar")])
        self.assertIn(2004, years.mapped("year"))
        self.assertIn(2026, years.mapped("year"))
        y2025 = years.filtered(lambda y: y.year == 2025)
        # since 2025: 13 statutory holiday days a year; 2025 has the make-up Saturdays/Sundays
        self.assertEqual(y2025.makeup_count, 5)
        self.assertEqual(y2025.working_day_count, 248)

    def test_national_day_2025(self):
        cal = self.cal
        # 国庆节 + 中秋节 2025: Oct 1-8 off, Sunday Sep 28 and Saturday Oct 11 worked
        for d in range(1, 9):
            self.assertFalse(cal.is_working_day(date(2025, 10, d)), f"2025-10-0{d} is a holiday")
        self.assertTrue(cal.is_working_day(date(2025, 9, 28)), "Sunday 2025-09-28 is a make-up working day")
        self.assertTrue(cal.is_working_day(date(2025, 10, 11)), "Saturday 2025-10-11 is a make-up working day")
        # the start day is not counted: 1 working day after Tuesday Sep 30 is Thursday Oct 9
        self.assertEqual(cal.add_working_days(date(2025, 9, 30), 1), date(2025, 10, 9))
        # Friday Sep 26 + 2 working days: Sunday 28 (make-up) then Monday 29
        self.assertEqual(cal.add_working_days(date(2025, 9, 26), 2), date(2025, 9, 29))
        # 5 working days after Sep 29: Sep 30, Oct 9, 10, 11 (Saturday, make-up), 13
        self.assertEqual(cal.add_working_days(date(2025, 9, 29), 5), date(2025, 10, 13))
        # a start on a holiday: the first working day after it is day 1
        self.assertEqual(cal.add_working_days(date(2025, 10, 3), 1), date(2025, 10, 9))
        self.assertEqual(cal.working_days_between(date(2025, 9, 30), date(2025, 10, 13)), 4)

    def test_spring_festival_2026(self):
        cal = self.cal
        # 春节 2026: Feb 15-23 off; Saturday Feb 14 and Saturday Feb 28 worked
        self.assertTrue(cal.is_working_day(date(2026, 2, 14)))
        self.assertTrue(cal.is_working_day(date(2026, 2, 28)))
        self.assertFalse(cal.is_working_day(date(2026, 2, 16)))
        self.assertEqual(cal.add_working_days(date(2026, 2, 13), 1), date(2026, 2, 14))
        self.assertEqual(cal.add_working_days(date(2026, 2, 13), 2), date(2026, 2, 24))
        # 20 working days from acceptance on Feb 10 cross the festival
        self.assertEqual(cal.add_working_days(date(2026, 2, 10), 20), date(2026, 3, 16))

    def test_bulk_equals_single(self):
        days = [date(2025, 1, 1) + datetime.timedelta(days=i) for i in range(0, 800, 7)]
        counts = [i % 25 for i in range(len(days))]
        bulk = self.cal.add_working_days_many(days, counts)
        self.assertEqual(bulk, [self.cal.add_working_days(d, n) for d, n in zip(days, counts)])

    def test_working_days_before(self):
        cal = self.cal
        # 3 working days before Monday Oct 13 2025: Oct 9 (Oct 10, 11 (make-up Saturday), 13)
        self.assertEqual(cal.subtract_working_days(date(2025, 10, 13), 3), date(2025, 10, 9))
        self.assertEqual(cal.subtract_working_days(date(2025, 10, 9), 1), date(2025, 9, 30))
        for day in (date(2025, 10, 13), date(2026, 2, 24), date(2026, 3, 7), date(1999, 12, 31)):
            for n in (1, 2, 7):
                before = cal.subtract_working_days(day, n)
                self.assertTrue(cal.is_working_day(before))
                self.assertEqual(cal.working_days_between(before, day), n, f"{n} before {day}")
        self.assertEqual(cal.add_working_days_many([date(2025, 10, 13)], [-3]), [date(2025, 10, 9)])

    def test_zero_days_and_calendar_days(self):
        self.assertEqual(self.cal.add_working_days(date(2025, 10, 4), 0), date(2025, 10, 9))
        self.assertEqual(self.cal.next_working_day(date(2025, 9, 30)), date(2025, 9, 30))
        # 20 calendar days from Sep 15 end on Oct 5, a holiday: the period ends on Oct 9
        self.assertEqual(self.cal.add_days(date(2025, 9, 15), 20), date(2025, 10, 9))
        self.assertEqual(self.cal.add_days(date(2025, 9, 1), 10), date(2025, 9, 11))

    def test_year_without_schedule_is_provisional(self):
        self.assertFalse(self.env["gov.hall.calendar.year"].search([("year", "=", 2027)]))
        # 2027: weekends only, marked provisional
        self.assertTrue(self.cal.is_provisional(date(2027, 2, 8)))
        self.assertFalse(self.cal.is_provisional(date(2026, 12, 31)))
        self.assertEqual(self.cal.add_working_days(date(2027, 2, 5), 1), date(2027, 2, 8))

    def _wizard(self, lines, year=2027):
        return self.env["gov.hall.calendar.schedule"].create({
            "year": year, "notice_ref": "国办发明电〔2026〕9号",
            "line_ids": [(0, 0, line) for line in lines],
        })

    def test_enter_next_year_and_recompute_open_deadlines(self):
        cr = self.env.cr
        cr.execute("""
            CREATE TEMP TABLE t_deadline (id serial, deadline_start date, deadline_days int,
                deadline_paused_days int, deadline date, deadline_provisional bool, state varchar)
        """)
        cr.execute("""
            INSERT INTO t_deadline (deadline_start, deadline_days, deadline_paused_days, state)
            VALUES ('2027-02-04', 5, 0, 'open'), ('2027-02-04', 5, 2, 'open'), ('2027-02-04', 5, 0, 'done')
        """)
        mixin = self.env["gov.hall.deadline.mixin"]
        mixin._recompute_deadlines_sql(SQL.identifier("t_deadline"), SQL("TRUE"))
        cr.execute("SELECT deadline, deadline_provisional FROM t_deadline ORDER BY id")
        # provisional (weekends only): Feb 5, 8, 9, 10, 11
        self.assertEqual(cr.fetchall(), [(date(2027, 2, 11), True), (date(2027, 2, 15), True),
                                         (date(2027, 2, 11), True)])
        # the State Council publishes 2027: Spring Festival Feb 6-14 off (hypothetical), Feb 20 worked
        self._wizard([{"name": "春节", "date_from": "2027-02-06", "date_to": "2027-02-14",
                       "makeup_dates": "2027-02-20"}]).action_confirm()
        self.assertFalse(self.cal.is_provisional(date(2027, 2, 8)))
        self.assertFalse(self.cal.is_working_day(date(2027, 2, 8)))
        self.assertTrue(self.cal.is_working_day(date(2027, 2, 20)))
        changed = mixin._recompute_deadlines_sql(SQL.identifier("t_deadline"), SQL("t.state = 'open'"))
        self.assertEqual(changed, 2, "only the open deadlines are recomputed")
        cr.execute("SELECT deadline, deadline_provisional FROM t_deadline ORDER BY id")
        # Feb 5, then 15, 16, 17, 18; with 2 paused days: 19, 20 (Saturday worked)
        self.assertEqual(cr.fetchall(), [(date(2027, 2, 18), False), (date(2027, 2, 20), False),
                                         (date(2027, 2, 11), True)])

    def test_schedule_bad_input(self):
        Year = self.env["gov.hall.calendar.year"]
        with self.assertRaisesRegex(ValidationError, "only a Saturday or Sunday"):
            self._wizard([{"name": "春节", "date_from": "2027-02-06", "date_to": "2027-02-14",
                           "makeup_dates": "2027-02-17"}]).action_confirm()
        with self.assertRaisesRegex(UserError, "not a date"):
            self._wizard([{"name": "春节", "date_from": "2027-02-06", "makeup_dates": "二月二十"}]).action_confirm()
        with self.assertRaisesRegex(UserError, "not in 2027"):
            self._wizard([{"name": "元旦", "date_from": "2026-12-31", "date_to": "2027-01-01"}]).action_confirm()
        with self.assertRaisesRegex(UserError, "ends before it starts"):
            self._wizard([{"name": "元旦", "date_from": "2027-01-03", "date_to": "2027-01-01"}]).action_confirm()
        with self.assertRaisesRegex(UserError, "both a holiday and a make-up"):
            self._wizard([{"name": "春节", "date_from": "2027-02-06", "date_to": "2027-02-14",
                           "makeup_dates": "2027-02-07"}]).action_confirm()
        self.assertFalse(Year.search([("year", "=", 2027)]), "nothing half-saved")
        self.assertTrue(Year.search([("year", "=", 2026)]).day_ids, "existing years untouched")

    def test_single_day_edit_and_draft(self):
        year = self.env["gov.hall.calendar.year"].search([("year", "=", 2026)])
        day = date(2026, 3, 10)
        self.assertTrue(self.cal.is_working_day(day))
        extra = self.env["gov.hall.calendar.day"].create({"date": day, "kind": "holiday", "name": "地方假日",
                                                          "year_id": year.id})
        self.assertFalse(self.cal.is_working_day(day))
        extra.unlink()
        self.assertTrue(self.cal.is_working_day(day))
        with self.assertRaisesRegex(ValidationError, "does not belong"):
            self.env["gov.hall.calendar.day"].create({"date": date(2025, 3, 10), "year_id": year.id})
        year.action_draft()
        self.assertTrue(self.cal.is_provisional(day))
        self.assertTrue(self.cal.is_working_day(date(2026, 2, 16)), "draft year: weekends only")
        year.action_publish()
        self.assertFalse(self.cal.is_working_day(date(2026, 2, 16)))
