import datetime

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.gov_hall_base.tools.dates import center_today

from .common import AssessmentCase


@tagged("post_install", "-at_install")
class TestInspectionTraining(AssessmentCase):

    def test_plan_day_four_rounds(self):
        monday = datetime.date(2026, 3, 2)
        rounds = self.env["gov.assessment.inspection"].plan_day(self.center, monday)
        self.assertEqual(len(rounds), 4)
        self.assertEqual(rounds.mapped("hour"), [9.0, 10.5, 14.5, 16.0])
        # one line per staff member on post at each open window, one for a window nobody is posted to
        first = rounds[0]
        self.assertEqual(len(first.line_ids.filtered(lambda l: l.window_id == self.window)), 2)
        self.assertEqual(first.line_ids.filtered(lambda l: l.window_id == self.window_b).employee_id, self.emp_c)
        # planning again adds nothing; a Saturday gets no round
        self.assertFalse(self.env["gov.assessment.inspection"].plan_day(self.center, monday))
        self.assertFalse(self.env["gov.assessment.inspection"].plan_day(self.center, datetime.date(2026, 3, 7)))

    def test_round_findings_become_events(self):
        rnd = self.env["gov.assessment.inspection"].plan_day(self.center, datetime.date(2026, 3, 2))[0]
        line = rnd.line_ids.filtered(lambda l: l.employee_id == self.emp_b)
        line.with_user(self.supervisor).write({"discipline": False, "note": "与邻座聊天"})
        self.assertTrue(line.checked and line.has_finding)
        with self.assertRaisesRegex(UserError, "not recorded"):
            rnd.with_user(self.supervisor).action_done()
        self.assertEqual(rnd.state, "planned")
        rnd.with_user(self.supervisor).action_mark_all_ok()
        rnd.with_user(self.supervisor).action_done()
        events = self.env["gov.assessment.event"].search([("res_model", "=", line._name), ("res_id", "=", line.id)])
        self.assertEqual(sorted(events.mapped("target")), ["staff", "window"])
        self.assertEqual(sum(events.mapped("points")), -3.0)  # S04 2 + W10 1
        # the person sees the finding; the round is locked
        self.assertEqual(self.env["gov.assessment.event"].with_user(self.reviewer).search([]), events[:0] | events.filtered(
            lambda e: e.target == "staff"))
        with self.assertRaisesRegex(UserError, "completed"):
            line.write({"discipline": True})
        # reopening (assessor only) and clearing the finding removes the events
        with self.assertRaises(UserError):
            rnd.with_user(self.supervisor).action_reopen()
        rnd.with_user(self.assessor).action_reopen()
        line.write({"discipline": True})
        rnd.action_done()
        self.assertFalse(events.exists())

    def test_window_line_without_person(self):
        rnd = self.env["gov.assessment.inspection"].create({"company_id": self.center.id, "date": "2026-03-02"})
        with self.assertRaisesRegex(ValidationError, "nobody is named"):
            self.env["gov.assessment.inspection.line"].create({
                "round_id": rnd.id, "window_id": self.window.id, "badge": False})
        line = self.env["gov.assessment.inspection.line"].create({
            "round_id": rnd.id, "window_id": self.window.id, "on_post": False, "checked": True})
        rnd.action_done()
        events = self.env["gov.assessment.event"].search([("res_id", "=", line.id),
                                                          ("res_model", "=", line._name)])
        self.assertEqual(events.target, "window")
        self.assertEqual(events.points, -1.0)

    def test_friday_training(self):
        sessions = self.env["gov.assessment.training"].plan_fridays(self.center, datetime.date(2026, 3, 15))
        self.assertEqual([s.date_local.isoformat() for s in sessions],
                         ["2026-03-06", "2026-03-13", "2026-03-20", "2026-03-27"])
        self.assertEqual(sessions[0].attendance_ids.employee_id, self.emp_a | self.emp_b | self.emp_c)
        self.assertFalse(self.env["gov.assessment.training"].plan_fridays(self.center, datetime.date(2026, 3, 1)))
        # national day week: the Friday 2026-10-02 is a holiday
        october = self.env["gov.assessment.training"].plan_fridays(self.center, datetime.date(2026, 10, 1))
        self.assertNotIn(datetime.date(2026, 10, 2), october.mapped("date_local"))
        session = sessions[0]
        session.attendance_ids.filtered(lambda a: a.employee_id == self.emp_b).state = "absent"
        session.action_done()
        event = self.env["gov.assessment.event"].search([("source", "=", "training"),
                                                         ("company_id", "=", self.center.id)])
        self.assertEqual((event.employee_id, event.points), (self.emp_b, -1.0))
        with self.assertRaisesRegex(UserError, "closed"):
            session.attendance_ids.with_user(self.supervisor).write({"state": "present"})

    def test_accountability_from_complaint(self):
        complaint = self.substantiated_complaint(self.emp_a, self.window, datetime.date(2026, 3, 25))
        action = complaint.with_user(self.supervisor).action_gov_accountability()
        record = self.env["gov.assessment.accountability"].browse(action["res_id"])
        self.assertEqual((record.employee_id, record.fault_holder, record.fault_type),
                         (self.emp_a, "handler", "negligent"))
        self.assertTrue(record.name.startswith("ZRZJ"))
        record.date = "2026-03-26"
        with self.assertRaisesRegex(UserError, "measure"):
            record.action_confirm()
        record.measure = "circular"
        record.action_confirm()
        events = self.env["gov.assessment.event"].search([("source", "=", "accountability"),
                                                          ("company_id", "=", self.center.id)])
        self.assertEqual(sorted(events.mapped("target")), ["staff", "window"])
        with self.assertRaisesRegex(UserError, "cannot change"):
            record.employee_id = self.emp_b
        # the window head bears the fault when the holder is the window head
        self.window.head_employee_id = self.emp_b
        other = self.env["gov.assessment.accountability"].new({"fault_holder": "window_head",
                                                                "window_id": self.window.id})
        other._onchange_fault_holder()
        self.assertEqual(other.employee_id, self.emp_b)

    def test_crons(self):
        """The daily crons plan the center's today's rounds and keep its open months computed (its day, not
        the day of the user running the cron)."""
        self.env["gov.assessment.inspection"]._cron_plan_today()
        today = center_today(self.center)
        rounds = self.env["gov.assessment.inspection"].search([("company_id", "=", self.center.id),
                                                              ("date", "=", today)])
        if self.env["gov.hall.calendar"].is_working_day(today):
            self.assertTrue(rounds)
            self.assertTrue(all(r.line_ids for r in rounds))
        else:
            self.assertFalse(rounds)
        # the scheme covers 2026 only: a month is created and computed when it is in force
        self.env["gov.assessment.month"]._cron_compute_open_months()
        months = self.env["gov.assessment.month"].search([("company_id", "=", self.center.id)])
        if today.year == 2026 and today.month > 1:
            self.assertEqual(len(months), 2)
            self.assertEqual(set(months.mapped("state")), {"computed"})

    def test_accountability_from_case(self):
        case = self.make_cases(1, self.clerk, self.window, datetime.date(2026, 3, 9), handler=self.reviewer,
                               overdue=True)
        action = case.with_user(self.assessor).action_gov_accountability()
        ctx = action["context"]
        self.assertEqual((ctx["default_case_id"], ctx["default_employee_id"]), (case.id, self.emp_b.id))
        record = self.env["gov.assessment.accountability"].with_context(ctx).create({
            "facts": "超过承诺时限办结,未及时告知申请人延期理由。", "measure": "self_criticism",
            "fault_form": "omission", "date": "2026-03-20"})
        record.action_confirm()
        self.assertEqual(case.action_gov_accountability()["domain"], [("id", "in", record.ids)])
        staff = self.env["gov.assessment.event"].search([("source", "=", "accountability"),
                                                         ("company_id", "=", self.center.id),
                                                         ("target", "=", "staff")])
        self.assertEqual((staff.employee_id, staff.points), (self.emp_b, -5.0))
