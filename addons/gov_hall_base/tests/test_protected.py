from datetime import date

from odoo.tests import tagged

from odoo.addons.gov_hall_base.tools.protect import granted, is_granted

from .common import GovHallCase


@tagged("post_install", "-at_install")
class TestProtectedFields(GovHallCase):
    """The one mechanism for protected fields, tried on the replacement requests of gov_hall_base."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Emp = cls.env["hr.employee"]
        cls.emp_a = Emp.create({"name": "王芳", "company_id": cls.center.id, "department_id": cls.dept.id})
        cls.emp_b = Emp.create({"name": "李娜", "company_id": cls.center.id, "department_id": cls.dept.id})
        cls.posting = cls.env["gov.hall.posting"].create({
            "employee_id": cls.emp_a.id, "window_id": cls.window.id, "department_id": cls.dept.id,
            "date_start": date(2026, 3, 1)})
        cls.req = cls.env["gov.hall.posting.replacement"].with_user(cls.chief).create({
            "posting_id": cls.posting.id, "new_employee_id": cls.emp_b.id, "date": date(2026, 9, 1),
            "reason": "工作调动"})

    def test_grant_is_scoped(self):
        self.assertFalse(is_granted("gov.hall.posting.replacement"))
        with granted(self.req):
            self.assertTrue(is_granted("gov.hall.posting.replacement"))
            self.assertFalse(is_granted("gov.hall.posting"))
        self.assertFalse(is_granted("gov.hall.posting.replacement"))

    def test_state_only_through_actions(self):
        for user in (self.chief, self.admin_user):
            self.assert_write_refused(user, self.req, {"state": "approved"})
            self.assert_write_refused(user, self.req, {"approver_id": user.id})
        # superuser mode alone does not open a protected field either (controllers switch to it)
        with self.assertRaisesRegex(Exception, "change only through its actions"):
            self.req.sudo().write({"state": "approved"})
        self.assertEqual(self.req.state, "draft")
        # a default_ key in the context does not give a protected field its value on create
        new = self.env["gov.hall.posting.replacement"].with_user(self.chief).with_context(
            default_state="approved").create({"posting_id": self.posting.id, "new_employee_id": self.emp_b.id,
                                              "date": date(2026, 9, 1), "reason": "工作调动"})
        self.assertEqual(new.state, "draft")
        with self.assertRaisesRegex(Exception, "change only through its actions"):
            self.env["gov.hall.posting.replacement"].with_user(self.chief).create({
                "posting_id": self.posting.id, "new_employee_id": self.emp_b.id, "date": date(2026, 9, 1),
                "reason": "工作调动", "state": "approved"})
        # the named actions still work, with their own checks
        self.rpc(self.chief, self.req, "action_submit")
        self.assertEqual(self.req.state, "to_approve")
        self.assert_call_refused(self.chief, self.req, "action_approve")
        self.assertEqual(self.req.state, "to_approve")
        self.rpc(self.admin_user, self.req, "action_approve")
        self.assertEqual((self.req.state, self.posting.state), ("approved", "ended"))

    def test_posting_person_swapped_only_by_replacement(self):
        self.assert_write_refused(self.admin_user, self.posting, {"employee_id": self.emp_b.id})
