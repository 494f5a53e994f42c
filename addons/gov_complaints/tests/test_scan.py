from datetime import date

from odoo.tests import freeze_time, tagged

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestDeadlineScan(ComplaintCase):
    def _transferred(self):
        with freeze_time("2025-09-30 02:00:00"):
            c = self._complaint()
            c.action_register()
            c.write({"handling_opinion": "转办", "transfer_department_ids": [(6, 0, self.dept.ids)]})
            c.action_propose_transfer()
            c.with_user(self.leader).action_approve_opinion()
        self.assertEqual(c.deadline, date(2025, 10, 14))
        return c

    def test_lights_alert_and_escalation(self):
        c = self._transferred()
        Complaint = self.env["gov.complaint"]
        todo_summary = lambda s: c.activity_ids.filtered(lambda a: a.summary == s)  # noqa: E731
        Complaint._cron_deadline_scan(today=date(2025, 10, 10))
        self.assertEqual(c.supervision_color, "green", "3 working days left (Oct 11 is a make-up day)")
        Complaint._cron_deadline_scan(today=date(2025, 10, 13))
        self.assertEqual(c.supervision_color, "yellow")
        self.assertTrue(todo_summary("Complaint deadline near").filtered(lambda a: a.user_id == self.supervisor))
        self.assertFalse(c.overdue)
        Complaint._cron_deadline_scan(today=date(2025, 10, 15))
        self.assertEqual(c.supervision_color, "red")
        self.assertTrue(c.overdue and c.escalated)
        escalations = todo_summary("Complaint overdue: escalated")
        self.assertIn(self.leader, escalations.user_id)
        # running it again changes nothing and alerts nobody twice
        changed = Complaint._cron_deadline_scan(today=date(2025, 10, 15))
        self.assertFalse(changed["red"] or changed["yellow"])
        self.assertEqual(len(todo_summary("Complaint overdue: escalated")), len(escalations))
        # the late department report keeps the complaint marked late
        with freeze_time("2025-10-16 02:00:00"):
            c.with_user(self.reviewer).write({"department_result": "已处理"})
            c.with_user(self.reviewer).action_department_report()
        self.assertTrue(c.overdue)
        self.assertEqual(c.supervision_color, "green", "the new reply step starts green")

    def test_alerts_as_mail_activity_makes_them(self):
        """The scan inserts its alerts set-based: each one as mail.activity's create leaves it (document name,
        the user's time zone, automated, tagged with the deadline), its users following the complaint once with
        the default subtypes, and the records' caches up to date."""
        c = self._transferred()
        self.leader.tz = "Asia/Shanghai"
        c.message_subscribe(partner_ids=self.supervisor.partner_id.ids)  # the officer already follows it
        self.env.flush_all()
        self.env["gov.complaint"]._cron_deadline_scan(today=date(2025, 10, 15))
        escalations = c.activity_ids.filtered(lambda a: a.summary == "Complaint overdue: escalated")
        self.assertLessEqual({self.leader.id, self.supervisor.id}, set(escalations.user_id.ids))
        todo = self.env.ref("mail.mail_activity_data_todo")
        for activity in escalations:
            self.assertEqual((activity.res_model, activity.res_id, activity.res_name),
                             ("gov.complaint", c.id, c.display_name))
            self.assertEqual(activity.activity_type_id, todo)
            self.assertEqual(activity.date_deadline, c.deadline)
            self.assertTrue(activity.active and activity.automated)
            self.assertEqual(activity.gov_deadline, "deadline")
            self.assertEqual(activity.user_tz, activity.user_id.tz)
            self.assertEqual(activity.state, "overdue")
        self.assertEqual(c.activity_state, "overdue")
        followers = c.message_follower_ids
        for user in (self.leader, self.supervisor):
            mine = followers.filtered(lambda f, u=user: f.partner_id == u.partner_id)
            self.assertEqual(len(mine), 1, "followed once")
        default, _internal, _external = self.env["mail.message.subtype"].default_subtypes("gov.complaint")
        leader_follower = followers.filtered(lambda f: f.partner_id == self.leader.partner_id)
        self.assertEqual(leader_follower.subtype_ids, default)
        # the alert is the leader's to do: marking it done leaves the message on the complaint
        escalations.filtered(lambda a: a.user_id == self.leader).with_user(self.leader).action_feedback("已督办")
        self.assertIn("已督办", c.message_ids[0].body)

    def test_holiday_not_counted_in_light(self):
        """On Sep 30 2025 the deadline Oct 14 is 5 working days away despite 14 calendar days."""
        c = self._transferred()
        self.env["gov.complaint"]._cron_deadline_scan(today=date(2025, 10, 8))
        self.assertEqual(c.supervision_color, "green")
        self.env["gov.complaint"]._cron_deadline_scan(today=date(2025, 10, 14))
        self.assertEqual(c.supervision_color, "yellow")

    def test_department_action_overdue(self):
        with freeze_time("2026-02-25 02:00:00"):
            c = self._complaint()
            c.action_register()
            c.write({"handling_opinion": "协调", "transfer_department_ids": [(6, 0, (self.dept | self.dept_b).ids)]})
            c.action_propose_coordination()
            c.with_user(self.leader).action_approve_opinion()
            self.env["gov.complaint.meeting"].create({
                "complaint_id": c.id, "name": "协调会", "department_ids": [(6, 0, self.dept.ids)],
                "minutes": "<p>纪要</p>"}).action_held()
            c.write({"decision": "各自落实", "action_ids": [
                (0, 0, {"department_id": self.dept.id, "name": "补办手续"}),
                (0, 0, {"department_id": self.dept_b.id, "name": "出具证明"})]})
            c.action_decide()
        action = c.action_ids.filtered(lambda a: a.department_id == self.dept_b)
        self.assertEqual(action.deadline, date(2026, 3, 3))
        self.env["gov.complaint"]._cron_deadline_scan(today=date(2026, 3, 4))
        self.assertEqual(action.supervision_color, "red")
        self.assertTrue(action.overdue)
        overdue_todos = c.activity_ids.filtered(lambda a: a.summary == "Department action overdue")
        self.assertIn(self.reviewer_b, overdue_todos.user_id)
        self.assertIn(self.supervisor, overdue_todos.user_id)

    def test_crons_run(self):
        c = self._transferred()
        for xmlid in ("gov_complaints.ir_cron_complaint_deadlines", "gov_complaints.ir_cron_letter_deadlines",
                      "gov_complaints.ir_cron_hotline_push"):
            # the server action behind the cron, in this transaction (the scheduler would use its own cursor)
            self.env.ref(xmlid).ir_actions_server_id.run()
        self.assertEqual(c.supervision_color, "red", "today is long after the deadline of 2025-10-14")

    def test_closed_complaints_not_scanned(self):
        c = self._complaint()
        c.action_register()
        c.spot_answer = "已答复"
        c.action_answer_on_spot()
        changed = self.env["gov.complaint"]._cron_deadline_scan(today=date(2030, 1, 1))
        self.assertNotIn(c.id, changed["red"])
        self.assertEqual(c.supervision_color, "green")

    def test_schedule_change_moves_open_deadline(self):
        """Entering a holiday schedule recomputes the open complaint deadlines (base mixin, set-based)."""
        c = self._transferred()
        day = self.env["gov.hall.calendar.day"].search([("date", "=", "2025-10-13")])
        self.assertFalse(day)
        year = self.env["gov.hall.calendar.year"].search([("year", "=", 2025)])
        self.env["gov.hall.calendar.day"].create({"date": "2025-10-13", "kind": "holiday", "year_id": year.id,
                                                  "name": "测试"})
        c.invalidate_recordset(["deadline"])
        self.assertEqual(c.deadline, date(2025, 10, 15))
