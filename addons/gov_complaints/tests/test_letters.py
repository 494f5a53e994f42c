from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestLetters(ComplaintCase):
    def _letter(self, **vals):
        c = self._complaint()
        values = {"company_id": self.center.id, "department_id": self.dept.id, "subject_type": "complaint",
                  "complaint_id": c.id, "subject": "关于群众投诉窗口人员态度生硬的督办函",
                  "content": "<p>请于5个工作日内调查处理并书面回复。</p>", "deadline_days": 5}
        values.update(vals)
        return self.env["gov.complaint.letter"].with_user(self.supervisor).create(values)

    def test_letter_reply_on_time(self):
        with freeze_time("2025-09-29 02:00:00"):
            letter = self._letter()
            self.assertTrue(letter.name.startswith("DB"))
            self.assertFalse(letter.with_user(self.reviewer).search([("id", "=", letter.id)]),
                             "a draft letter is not shown to the department")
            letter.action_send()
            self.assertEqual(letter.deadline, date(2025, 10, 13), "Sep 30, Oct 9, 10, 11 (make-up), 13")
            self.assertTrue(letter.activity_ids.filtered(lambda a: a.user_id == self.reviewer))
        with freeze_time("2025-10-10 02:00:00"):
            as_other = letter.with_user(self.reviewer_b)
            with self.assertRaises(AccessError):
                as_other.read(["subject"])
            as_dept = letter.with_user(self.reviewer)
            with self.assertRaisesRegex(UserError, "Write the reply"):
                as_dept.action_reply()
            with self.assertRaisesRegex(AccessError, "only write its reply"):
                as_dept.write({"deadline_days": 30})
            as_dept.write({"reply": "已约谈当事人并在科室内通报批评。"})
            as_dept.action_reply()
            self.assertEqual(letter.state, "replied")
            self.assertFalse(letter.overdue)
            letter.action_close()
            self.assertEqual(letter.state, "closed")

    def test_overdue_letter_escalates(self):
        self.center.gov_yellow_days = 1  # this center warns one working day before the deadline
        with freeze_time("2025-09-29 02:00:00"):
            letter = self._letter()
            letter.action_send()
        Letter = self.env["gov.complaint.letter"]
        Letter._cron_deadline_scan(today=date(2025, 10, 10))
        self.assertEqual(letter.supervision_color, "green")
        Letter._cron_deadline_scan(today=date(2025, 10, 11))
        self.assertEqual(letter.supervision_color, "yellow")
        self.assertTrue(letter.activity_ids.filtered(
            lambda a: a.user_id == self.reviewer and a.summary.startswith("Supervision letter due soon")))
        Letter._cron_deadline_scan(today=date(2025, 10, 14))
        self.assertEqual(letter.supervision_color, "red")
        self.assertTrue(letter.overdue and letter.escalated)
        self.assertTrue(letter.activity_ids.filtered(
            lambda a: a.user_id == self.leader and a.summary == "Supervision letter overdue: escalated"))
        with freeze_time("2025-10-15 02:00:00"):
            letter.with_user(self.reviewer).write({"reply": "迟复说明"})
            letter.with_user(self.reviewer).action_reply()
        self.assertTrue(letter.overdue, "a late reply stays on record as late")

    def test_letter_rules(self):
        with self.assertRaisesRegex(ValidationError, "Choose the complaint"):
            self._letter(complaint_id=False)
        letter = self._letter()
        with self.assertRaises(AccessError):
            letter.with_user(self.reviewer).action_send()
        self.assertEqual(letter.state, "draft")

    def test_inquiry(self):
        c = self._complaint()
        inquiry = self.env["gov.complaint.inquiry"].with_user(self.supervisor).create({
            "name": "关于窗口人员态度生硬的质询", "company_id": self.center.id, "complaint_id": c.id,
            "employee_id": self.staff.id, "date": "2025-10-20 02:00:00",
            "questions": "<p>10月9日上午为何拒绝向群众解释所缺材料？</p>"})
        self.assertEqual(inquiry.department_id, self.dept)
        with self.assertRaisesRegex(UserError, "explanations"):
            inquiry.action_held()
        inquiry.answers = "<p>当日业务量大，解释不耐心，已认识到错误。</p>"
        inquiry.action_held()
        self.assertEqual(inquiry.state, "held")
        self.assertTrue(inquiry.with_user(self.reviewer).read(["answers"]))
        with self.assertRaises(AccessError):
            inquiry.with_user(self.reviewer_b).read(["answers"])
