from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestPaths(ComplaintCase):
    def test_path1_answered_on_the_spot(self):
        with freeze_time("2025-10-09 02:00:00"):
            c = self._complaint()
            self.assertEqual(c.department_id, self.dept, "the department follows from the staff member")
            self.assertTrue(c.name.startswith("TS"))
            c.action_register()
            self.assertEqual(c.state, "registered")
            self.assertEqual(c.step, "opinion")
            self.assertEqual(c.deadline, date(2025, 10, 10), "opinion due 1 working day after receipt")
            with self.assertRaisesRegex(UserError, "answer given on the spot"):
                c.action_answer_on_spot()
            self.assertEqual(c.state, "registered", "nothing changed by the refused action")
            self.env["gov.complaint.note"].with_user(self.supervisor).create({
                "complaint_id": c.id, "kind": "video", "content": "调取10月9日上午窗口视频，工作人员语气生硬。"})
            c.spot_answer = "当场向群众说明所缺材料，窗口负责人当面致歉。"
            c.action_answer_on_spot()
            self.assertEqual((c.state, c.path, c.reply_method), ("replied", "spot", "spot"))
            self.assertEqual(c.opinion_date, date(2025, 10, 9))
            with self.assertRaisesRegex(UserError, "satisfaction"):
                c.action_close()
            c.write({"satisfaction": "satisfied", "substantiated": True, "fault_type": "negligent",
                     "fault_form": "act", "fault_holder": "handler"})
            c.action_close()
            self.assertEqual(c.state, "closed")
            self.assertEqual(c.fault_employee_id, self.staff, "the handler bears the fault")
            self.assertTrue(c.on_time)
            self.assertEqual(c.on_time_rate, 100.0)

    def test_path2_transfer_across_national_day(self):
        """Approved on 2025-09-30: 5 working days skip the 国庆/中秋 holidays (Oct 1-8) and count the
        make-up Saturday Oct 11, so the department reports by Oct 14 and the reply is due Oct 15."""
        with freeze_time("2025-09-29 02:00:00"):
            c = self._complaint(title="超时未办结", kind="business",
                                facts="9月初申请的失业保险金核定超过承诺时限仍未办结。")
            c.action_register()
            self.assertEqual(c.deadline, date(2025, 9, 30))
            c.write({"handling_opinion": "转人社局窗口调查处理。", "transfer_department_ids": [(6, 0, self.dept.ids)]})
            c.action_propose_transfer()
            self.assertEqual(c.state, "approval")
            self.assertFalse(c.deadline, "no clock while the leader decides")
            opinion = c.opinion_id
            self.assertEqual((opinion.state, opinion.path, opinion.department_ids), ("to_approve", "transfer", self.dept))
            leader_todo = opinion.activity_ids.filtered(lambda a: a.user_id == self.leader)
            self.assertTrue(leader_todo, "the center leaders are asked to approve")
            self.assertEqual(opinion.approval_activity_id, leader_todo)
            with self.assertRaisesRegex(AccessError, "center leader"):
                c.with_user(self.supervisor).action_approve_opinion()
            self.assertEqual(c.state, "approval")
        with freeze_time("2025-09-30 02:00:00"):
            c.with_user(self.leader).action_approve_opinion()
            self.assertEqual(c.state, "department")
            self.assertEqual(c.approver_id, self.leader)
            self.assertEqual((opinion.state, opinion.approver_id), ("approved", self.leader))
            self.assertFalse(opinion.activity_ids, "the leader's to-do is done")
            self.assertEqual(c.deadline, date(2025, 10, 14))
            self.assertTrue(c.activity_ids.filtered(lambda a: a.user_id == self.reviewer))
        with freeze_time("2025-10-14 02:00:00"):
            # another department cannot even see it
            with self.assertRaises(AccessError):
                c.with_user(self.reviewer_b).read(["title"])
            as_dept = c.with_user(self.reviewer)
            with self.assertRaisesRegex(UserError, "department's result"):
                as_dept.action_department_report()
            with self.assertRaisesRegex(AccessError, "Only the complaint officers"):
                as_dept.write({"substantiated": True})
            as_dept.write({"department_result": "经查，因系统对接故障导致超时，已于10月13日办结并向当事人致歉。"})
            as_dept.action_department_report()
            self.assertEqual(c.state, "reply")
            self.assertEqual(c.department_deadline, date(2025, 10, 14))
            self.assertEqual(c.department_date, date(2025, 10, 14))
            self.assertEqual(c.deadline, date(2025, 10, 15), "reply due 1 working day after the report")
        with freeze_time("2025-10-15 02:00:00"):
            c.write({"reply": "已电话告知处理结果。", "reply_method": "phone"})
            c.action_reply()
            c.write({"satisfaction": "basic", "substantiated": True, "fault_type": "negligent",
                     "fault_form": "omission", "fault_holder": "window_head"})
            c.action_close()
            self.assertEqual(c.fault_employee_id, self.window.head_employee_id)
            self.assertEqual(c.reply_deadline, date(2025, 10, 15))
            self.assertTrue(c.on_time)
            self.assertFalse(c.overdue)

    def test_path3_coordination_across_spring_festival(self):
        """Received Friday 2026-02-13: the coordination opinion is due on the make-up Saturday Feb 14; the
        departments' 5 working days from Feb 25 count Saturday Feb 28; a reply on Mar 5 is late."""
        with freeze_time("2026-02-13 02:00:00"):
            c = self._complaint(title="多部门推诿，企业开办跑了三次", kind="business", anonymous=True,
                                complainant_name=False, complainant_phone=False)
            c.action_register()
            self.assertEqual(c.deadline, date(2026, 2, 14))
            c.write({"handling_opinion": "涉及人社局、市场监管局，建议召开协调会。",
                     "transfer_department_ids": [(6, 0, self.dept.ids)]})
            with self.assertRaisesRegex(UserError, "at least two departments"):
                c.action_propose_coordination()
        with freeze_time("2026-02-14 02:00:00"):
            c.transfer_department_ids = [(6, 0, (self.dept | self.dept_b).ids)]
            c.action_propose_coordination()
            self.assertEqual(c.opinion_date, date(2026, 2, 14))
            self.assertFalse(c.overdue)
        with freeze_time("2026-02-24 02:00:00"):
            c.with_user(self.leader).action_approve_opinion()
            self.assertEqual(c.state, "coordination")
            with self.assertRaisesRegex(UserError, "coordination meeting"):
                c.action_decide()
            meeting = self.env["gov.complaint.meeting"].with_user(self.supervisor).create({
                "complaint_id": c.id, "name": "企业开办协调会"})
            with self.assertRaisesRegex(UserError, "took part"):
                meeting.action_held()
            meeting.write({"department_ids": [(6, 0, (self.dept | self.dept_b).ids)]})
            with self.assertRaisesRegex(UserError, "minutes"):
                meeting.action_held()
            meeting.minutes = "<p>会议明确由市场监管局牵头，人社局同步办理参保登记。</p>"
            meeting.action_held()
            self.assertTrue(meeting.with_user(self.reviewer_b).read(["minutes"]), "departments present read it")
        with freeze_time("2026-02-25 02:00:00"):
            c.write({"decision": "市场监管局牵头一次办结，人社局同步办理。", "action_ids": [
                (0, 0, {"department_id": self.dept.id, "name": "同步办理参保登记"}),
                (0, 0, {"department_id": self.dept_b.id, "name": "牵头办结营业执照"}),
            ]})
            c.action_decide()
            self.assertEqual(c.state, "department")
            self.assertEqual(c.deadline, date(2026, 3, 3))
            self.assertEqual(set(c.action_ids.mapped("deadline")), {date(2026, 3, 3)})
        with freeze_time("2026-03-03 02:00:00"):
            a1 = c.action_ids.filtered(lambda a: a.department_id == self.dept)
            a2 = c.action_ids - a1
            with self.assertRaises(AccessError):
                a1.with_user(self.chief_b).action_done()
            with self.assertRaisesRegex(AccessError, "only report the result"):
                a1.with_user(self.reviewer).write({"name": "改成别的事项"})
            a1.with_user(self.reviewer).write({"result": "已完成参保登记。"})
            a1.with_user(self.reviewer).action_done()
            self.assertEqual(c.state, "department", "waits for every department")
            a2.with_user(self.chief_b).write({"result": "营业执照已发放。"})
            a2.with_user(self.chief_b).action_done()
            self.assertEqual(c.state, "reply")
            self.assertEqual(c.deadline, date(2026, 3, 4))
        with freeze_time("2026-03-05 02:00:00"):
            c.write({"reply": "已在网站答复。", "reply_method": "web", "satisfaction": "unreachable"})
            c.action_reply()
            self.assertTrue(c.overdue, "replied a working day late")
            c.action_close()
            self.assertFalse(c.on_time)
            self.assertEqual(c.on_time_rate, 0.0)

    def test_day_received_is_the_centers_day(self):
        """Received at 01:00 in Beijing (17:00 UTC the day before), registered by an officer whose own time zone
        is New York: the day received and the opinion's clock are the center's."""
        self.center.partner_id.tz = "Asia/Shanghai"
        self.supervisor.tz = "America/New_York"
        with freeze_time("2025-10-09 17:00:00"):
            c = self._complaint(date_received="2025-10-09 17:00:00")
            self.assertEqual(c.date_received_day, date(2025, 10, 10))
            c.action_register()
            self.assertEqual(c.date_registered, date(2025, 10, 10))
            self.assertEqual(c.deadline, date(2025, 10, 11), "1 working day: the make-up Saturday Oct 11")

    def test_subject_of_the_complaints_center(self):
        """The window, the department and the handling departments belong to the complaint's center
        (check_company)."""
        # as an administrator who sees both centers (an officer cannot even read the other center's records)
        with self.assertRaisesRegex(UserError, "company inconsistencies"):
            self._complaint(user=self.env.user, window_id=self.window2.id, employee_id=False)
        c = self._complaint().with_env(self.env)
        with self.assertRaisesRegex(UserError, "company inconsistencies"):
            c.write({"transfer_department_ids": [(6, 0, self.dept2.ids)]})
        with self.assertRaisesRegex(UserError, "company inconsistencies"):
            c.write({"department_id": self.dept2.id})
        self.assertEqual(c.department_id, self.dept)
        self.assertFalse(c.transfer_department_ids)

    def test_transfer_goes_to_one_department(self):
        c = self._complaint()
        c.action_register()
        c.write({"handling_opinion": "转办", "transfer_department_ids": [(6, 0, (self.dept | self.dept_b).ids)]})
        with self.assertRaisesRegex(UserError, "one department"):
            c.action_propose_transfer()
        self.assertEqual(c.state, "registered")

    def test_leader_sends_back(self):
        c = self._complaint()
        c.action_register()
        c.write({"handling_opinion": "转办", "transfer_department_ids": [(6, 0, self.dept.ids)]})
        c.action_propose_transfer()
        c.with_user(self.leader).write({"approval_note": "先调取视频再定"})
        c.with_user(self.leader).action_refuse_opinion()
        self.assertEqual((c.state, c.path), ("registered", False))
        self.assertEqual((c.opinion_id.state, c.opinion_id.refuse_reason), ("refused", "先调取视频再定"))
        self.assertFalse(c.opinion_id.activity_ids)
        self.assertIn("Handling opinion sent back: 先调取视频再定", c.message_ids.mapped("body")[0])
        # sent again after the video was seen: a new opinion, the first one kept
        c.action_propose_transfer()
        self.assertEqual(len(c.opinion_ids), 2)
        self.assertEqual(c.opinion_id.state, "to_approve")

    def test_outcome_rules(self):
        c = self._complaint()
        with self.assertRaisesRegex(ValidationError, "not substantiated"):
            c.write({"fault_type": "intentional"})
        c.action_register()
        c.spot_answer = "已当场解释。"
        c.action_answer_on_spot()
        c.write({"satisfaction": "satisfied", "substantiated": True})
        with self.assertRaisesRegex(UserError, "state the fault"):
            c.action_close()
        c.write({"fault_type": "intentional", "fault_form": "act", "fault_holder": "leader"})
        with self.assertRaisesRegex(UserError, "person accountable"):
            c.action_close()
        self.assertEqual(c.state, "replied")
        c.fault_employee_id = self.chief_emp
        c.action_close()
        self.assertEqual(c.state, "closed")

    def test_refuse_needs_reason(self):
        c = self._complaint()
        with self.assertRaisesRegex(UserError, "reason"):
            c.action_refuse(" ")
        self.env["gov.hall.refuse.wizard"].with_user(self.supervisor).with_context(
            active_model="gov.complaint", active_ids=c.ids).create({"reason": "不属于中心受理范围"}).action_confirm()
        self.assertEqual(c.state, "cancel")
        self.assertEqual(c.cancel_reason, "不属于中心受理范围")

    def test_named_complaint_needs_contact(self):
        before = self.Complaint.search_count([])
        with self.assertRaisesRegex(ValidationError, "phone number or an email"):
            self._complaint(complainant_phone=False)
        with self.assertRaisesRegex(ValidationError, "name"):
            self._complaint(complainant_name=" ")
        self.assertEqual(self.Complaint.search_count([]), before)

    def test_social_supervisor_opinion_becomes_complaint(self):
        sup = self.env["gov.social.supervisor"].with_user(self.supervisor).create(
            {"name": "孙建国", "employer": "市人大代表", "phone": "13807930002", "company_id": self.center.id})
        op = self.env["gov.social.supervisor.opinion"].with_user(self.supervisor).create(
            {"supervisor_id": sup.id, "window_id": self.window.id, "content": "人社局窗口午休期间无人值守。"})
        op.action_to_complaint()
        self.assertEqual(op.complaint_id.channel, "supervisor")
        self.assertEqual(op.complaint_id.department_id, self.dept)
        with self.assertRaisesRegex(UserError, "already"):
            op.action_to_complaint()
        meeting = self.env["gov.social.supervisor.meeting"].with_user(self.supervisor).create(
            {"name": "2026年上半年社会监督员会议", "date": "2026-06-20", "company_id": self.center.id,
             "attendee_ids": [(6, 0, sup.ids)]})
        self.assertEqual(meeting.half, "2026-H1")
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self.env["gov.social.supervisor.meeting"].create(
                {"name": "重复", "date": "2026-05-01", "company_id": self.center.id})
            self.env.flush_all()
        self.assertEqual(meeting.half, "2026-H1", "the recorded meeting is kept")
