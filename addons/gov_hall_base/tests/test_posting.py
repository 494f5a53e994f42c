from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..tools.protect import granted
from .common import GovHallCase


@tagged("post_install", "-at_install")
class TestPosting(GovHallCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Emp = cls.env["hr.employee"]
        cls.emp_a = Emp.create({"name": "王芳", "company_id": cls.center.id, "department_id": cls.dept.id})
        cls.emp_b = Emp.create({"name": "李娜", "company_id": cls.center.id, "department_id": cls.dept.id})
        cls.posting = cls.env["gov.hall.posting"].create({
            "employee_id": cls.emp_a.id, "window_id": cls.window.id, "department_id": cls.dept.id,
            "date_start": date(2026, 3, 1),
        })

    def _request(self, when, user=None):
        Req = self.env["gov.hall.posting.replacement"].with_user(user or self.chief)
        return Req.create({"posting_id": self.posting.id, "new_employee_id": self.emp_b.id,
                           "date": when, "reason": "工作调动"})

    def test_minimum_term(self):
        self.assertEqual(self.posting.min_term_months, 12)
        self.assertEqual(self.posting.date_term_end, date(2027, 3, 1))
        with self.assertRaises(ValidationError):
            self.posting.min_term_months = 6

    def test_early_replacement_needs_center_approval(self):
        req = self._request(date(2026, 9, 1))
        self.assertTrue(req.early)
        req.action_submit()
        self.assertEqual(req.state, "to_approve")
        self.assertEqual(self.posting.state, "active", "nothing changes before the center approves")
        # the chief representative cannot approve their own request
        with self.assertRaisesRegex(UserError, "Only a hall administrator"):
            req.with_user(self.chief).action_approve()
        # superuser mode (a controller's sudo(), OdooBot) is no approval by itself
        with self.assertRaisesRegex(UserError, "Only a hall administrator"):
            req.with_user(self.chief).sudo().action_approve()
        with self.assertRaisesRegex(UserError, "Only a hall administrator"):
            req.with_user(self.chief).sudo().action_refuse("不同意")
        self.assertEqual(req.state, "to_approve")
        req.with_user(self.admin_user).action_approve()
        self.assertEqual(req.state, "approved")
        self.assertEqual(self.posting.state, "ended")
        self.assertEqual(self.posting.date_end, date(2026, 9, 1))
        new = req.new_posting_id
        self.assertEqual((new.employee_id, new.window_id, new.state), (self.emp_b, self.window, "active"))

    def test_server_code_approves_inside_a_grant(self):
        req = self._request(date(2026, 9, 1))
        req.action_submit()
        with granted(req):   # e.g. a migration or a cron deciding for the center
            req.with_user(self.chief).action_approve()
        self.assertEqual((req.state, self.posting.state), ("approved", "ended"))

    def test_refusal_keeps_reason_in_chatter(self):
        req = self._request(date(2026, 9, 1))
        req.action_submit()
        with self.assertRaisesRegex(UserError, "Give the reason"):
            req.with_user(self.admin_user).action_refuse("  ")
        wizard = self.env["gov.hall.refuse.wizard"].with_user(self.admin_user).with_context(
            active_model=req._name, active_ids=req.ids).create({"reason": "未满最低派驻期限,业务骨干不宜调整"})
        wizard.action_confirm()
        self.assertEqual(req.state, "refused")
        self.assertEqual(self.posting.state, "active")
        self.assertIn("业务骨干不宜调整", self.posting.message_ids[0].body)
        self.assertIn("业务骨干不宜调整", req.message_ids[0].body)

    def test_after_term_replacement_applies_directly(self):
        req = self._request(date(2027, 3, 2))
        self.assertFalse(req.early)
        req.action_submit()
        self.assertEqual(req.state, "approved")
        self.assertEqual(self.posting.state, "ended")

    def test_no_bypass_by_editing(self):
        with self.assertRaisesRegex(UserError, "replacement request"):
            self.posting.with_user(self.admin_user).employee_id = self.emp_b
        # a chief representative cannot edit postings at all
        with self.assertRaises(AccessError):
            self.posting.with_user(self.chief).date_end = date(2026, 4, 1)
        self.assertEqual(self.posting.employee_id, self.emp_a)

    def test_early_end_only_by_admin(self):
        self.env.user.group_ids -= self.env.ref("gov_hall_base.group_gov_hall_admin")
        with self.assertRaisesRegex(UserError, "minimum term"):
            self.posting.action_end()
        self.posting.with_user(self.admin_user).action_end()
        self.assertEqual(self.posting.state, "ended")

    def _refused_by_index(self, vals, index):
        """Creating ``vals`` breaks the partial unique index ``index``: the database refuses it, and the
        message the user gets names the rule (in Chinese in a Chinese center)."""
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError) as cm:
            with self.env.cr.savepoint():
                self.env["gov.hall.posting"].create(vals)
                self.env.flush_all()
        self.assertEqual(cm.exception.diag.constraint_name, f"gov_hall_posting_{index}")
        self.env["res.lang"]._activate_lang("zh_CN")
        message = self.env["gov.hall.posting"].with_context(lang="zh_CN")._sql_error_to_message(cm.exception)
        self.assertRegex(message, "[\u4e00-\u9fff]", "the rule reads in Chinese through the .po")
        return self.env["gov.hall.posting"].with_context(lang="en_US")._sql_error_to_message(cm.exception)

    def test_one_active_posting_and_one_chief(self):
        message = self._refused_by_index({"employee_id": self.emp_a.id, "window_id": self.window_b.id,
                                          "department_id": self.dept.id}, "one_active_posting")
        self.assertIn("already on post", message)
        self.posting.is_chief_representative = True
        message = self._refused_by_index({"employee_id": self.emp_b.id, "window_id": self.window.id,
                                          "department_id": self.dept.id, "is_chief_representative": True},
                                         "one_chief_representative")
        self.assertIn("already has a chief representative", message)
        self.assertEqual(self.dept.gov_chief_representative_id, self.emp_a)
        # an ended posting leaves room: the same person posted again, another chief after the first
        self.posting.with_user(self.admin_user).write({"state": "ended", "date_end": date(2027, 3, 2)})
        again = self.env["gov.hall.posting"].create({"employee_id": self.emp_a.id, "window_id": self.window_b.id,
                                                     "department_id": self.dept.id})
        chief = self.env["gov.hall.posting"].create({"employee_id": self.emp_b.id, "window_id": self.window.id,
                                                     "department_id": self.dept.id, "is_chief_representative": True})
        self.env.flush_all()
        self.assertEqual((again.state, chief.state), ("active", "active"))
        self.dept.invalidate_recordset(["gov_chief_representative_id"])
        self.assertEqual(self.dept.gov_chief_representative_id, self.emp_b)

    def test_posting_within_one_center(self):
        """The staff member, the department and the replacement belong to the window's center."""
        emp2 = self.env["hr.employee"].create({"name": "赵敏", "company_id": self.center2.id,
                                               "department_id": self.dept2.id})
        Posting = self.env["gov.hall.posting"]
        with self.assertRaises(UserError):
            Posting.create({"employee_id": emp2.id, "window_id": self.window_b.id, "department_id": self.dept.id})
        with self.assertRaises(UserError):
            Posting.create({"employee_id": self.emp_b.id, "window_id": self.window_b.id,
                            "department_id": self.dept2.id})
        with self.assertRaises(UserError):
            self.env["gov.hall.posting.replacement"].create({
                "posting_id": self.posting.id, "new_employee_id": emp2.id, "reason": "工作调动"})
        self.assertEqual(Posting.search_count([("employee_id", "in", (emp2 | self.emp_b).ids)]), 0)

    def test_replacement_keeps_one_chief(self):
        """The replacement of a chief representative ends the old posting before the new one starts."""
        self.posting.is_chief_representative = True
        req = self._request(date(2027, 3, 2))
        req.action_submit()
        self.env.flush_all()
        self.assertEqual(req.new_posting_id.is_chief_representative, True)
        self.assertEqual(self.dept.gov_chief_representative_id, self.emp_b)

    def test_same_person_and_resubmit(self):
        with self.assertRaisesRegex(ValidationError, "another person"):
            self.env["gov.hall.posting.replacement"].create({
                "posting_id": self.posting.id, "new_employee_id": self.emp_a.id, "reason": "x"})
        req = self._request(date(2027, 6, 1))
        req.action_submit()
        with self.assertRaisesRegex(UserError, "Only a draft"):
            req.action_submit()

    def test_other_department_chief_cannot_see_request(self):
        req = self._request(date(2026, 9, 1))
        Req = self.env["gov.hall.posting.replacement"]
        self.assertFalse(Req.with_user(self.chief_b).search([("id", "=", req.id)]))
        self.assertTrue(Req.with_user(self.chief).search([("id", "=", req.id)]))
        self.assertTrue(Req.with_user(self.admin_user).search([("id", "=", req.id)]))
