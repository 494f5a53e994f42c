from datetime import date

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDeadlineRecompute(TransactionCase):
    """Entering next year's holiday schedule recomputes the open deadlines of every model that
    inherits gov.hall.deadline.mixin, set-based, and leaves closed ones alone."""

    def test_schedule_entry_recomputes_open_deadlines(self):
        self.addCleanup(self.registry.clear_cache)
        Deadline = self.env["gov.hall.test.deadline"]
        recs = Deadline.create([
            {"name": "open", "deadline_start": date(2027, 2, 4), "deadline_days": 5},
            {"name": "paused", "deadline_start": date(2027, 2, 4), "deadline_days": 5, "deadline_paused_days": 2},
            {"name": "done", "deadline_start": date(2027, 2, 4), "deadline_days": 5, "state": "done"},
        ])
        self.assertEqual(recs.mapped("deadline"), [date(2027, 2, 11), date(2027, 2, 15), date(2027, 2, 11)])
        self.assertTrue(all(recs.mapped("deadline_provisional")))
        self.env["gov.hall.calendar.schedule"].create({
            "year": 2027,
            "line_ids": [(0, 0, {"name": "春节", "date_from": "2027-02-06", "date_to": "2027-02-14",
                                 "makeup_dates": "2027-02-20"})],
        }).action_confirm()
        self.assertEqual(recs.mapped("deadline"), [date(2027, 2, 18), date(2027, 2, 20), date(2027, 2, 11)])
        self.assertEqual(recs.mapped("deadline_provisional"), [False, False, True])
        # the Python computation agrees with the SQL recomputation
        recs[0].deadline_days = 6
        self.assertEqual(recs[0].deadline, date(2027, 2, 19))
