from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestAnonymityAndAccess(ComplaintCase):
    def test_named_identity_hidden_from_department(self):
        c = self._complaint()
        # the department reviewer sees the complaint about their department...
        as_reviewer = c.with_user(self.reviewer)
        self.assertEqual(as_reviewer.title, "窗口人员态度生硬")
        # ...but not who complained
        for field in ("complainant_name", "complainant_phone", "complainant_email", "complainant_id_number",
                      "complainant_partner_id", "query_code"):
            with self.assertRaises(AccessError, msg=field):
                as_reviewer.read([field])
        with self.assertRaises(AccessError):
            self.Complaint.with_user(self.reviewer).search([("complainant_name", "=", "赵先生")])
        self.assertEqual(as_reviewer.complainant_display, "Named (confidential)")
        self.assertNotIn("赵先生", str(as_reviewer.read()[0]))
        # the form view served to a reviewer does not carry the identity fields
        arch = self.Complaint.with_user(self.reviewer).get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertNotIn("complainant_phone", arch)
        # and the rest of the form is read-only for them, except their result
        self.assertRegex(arch, r'<field name="title"[^>]*readonly="1"')
        self.assertNotRegex(arch, r'<field name="department_result"[^>]*readonly="1"')
        officer_arch = self.Complaint.with_user(self.supervisor).get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertNotRegex(officer_arch, r'<field name="title"[^>]*readonly="1"')
        # the chief representative of the department is a reviewer too
        with self.assertRaises(AccessError):
            c.with_user(self.chief).read(["complainant_name"])
        # the assessor counts complaints but cannot see the identity either
        self.assertEqual(c.with_user(self.assessor).title, "窗口人员态度生硬")
        with self.assertRaises(AccessError):
            c.with_user(self.assessor).read(["complainant_phone"])
        # complaint officers and leaders can
        self.assertEqual(c.with_user(self.supervisor).complainant_name, "赵先生")
        self.assertEqual(c.with_user(self.leader).complainant_phone, "13907930001")
        self.assertEqual(c.with_user(self.supervisor).complainant_display, "赵先生")

    def test_anonymous_keeps_no_identity(self):
        c = self._complaint(anonymous=True)
        self.assertFalse(c.complainant_name)
        self.assertFalse(c.complainant_phone)
        self.assertEqual(c.with_user(self.reviewer).complainant_display, "Anonymous")
        named = self._complaint()
        named.anonymous = True
        self.assertFalse(named.complainant_name, "turning a complaint anonymous wipes the identity")

    def test_other_department_and_center(self):
        c = self._complaint()
        with self.assertRaises(AccessError):
            c.with_user(self.reviewer_b).read(["title"])
        self.assertFalse(self.Complaint.with_user(self.chief_b).search([("id", "=", c.id)]))
        self.assertFalse(self.Complaint.with_user(self.admin2).search([("id", "=", c.id)]))
        self.assertTrue(self.Complaint.with_user(self.admin_user).search([("id", "=", c.id)]))

    def test_meeting_visible_to_departments_present(self):
        c = self._complaint()
        meeting = self.env["gov.complaint.meeting"].create(
            {"complaint_id": c.id, "name": "协调会", "department_ids": [(6, 0, self.dept_b.ids)]})
        self.assertTrue(meeting.with_user(self.reviewer_b).read(["name"]))
        with self.assertRaises(AccessError):
            meeting.with_user(self.reviewer).read(["name"])

    def test_roles_without_access(self):
        c = self._complaint()
        for user in (self.clerk, self.trading, self.expert):
            with self.assertRaises(AccessError, msg=user.login):
                c.with_user(user).read(["title"])
        with self.assertRaises(AccessError):
            self.Complaint.with_user(self.reviewer).create({"title": "x", "facts": "y", "anonymous": True})
        with self.assertRaises(AccessError):
            c.with_user(self.assessor).write({"title": "改"})
        with self.assertRaises(AccessError):
            c.with_user(self.reviewer).action_register()
        self.assertEqual(c.state, "new")
        self.assertEqual(c.title, "窗口人员态度生硬")

    def test_substantiated_signal_for_assessment(self):
        """Substantiated complaints with the person accountable are plain data for gov_staff_assessment."""
        c = self._complaint()
        c.action_register()
        c.spot_answer = "已致歉"
        c.action_answer_on_spot()
        c.write({"satisfaction": "satisfied", "substantiated": True, "fault_type": "negligent",
                 "fault_form": "act", "fault_holder": "handler"})
        c.action_close()
        groups = self.Complaint.with_user(self.assessor)._read_group(
            [("substantiated", "=", True), ("state", "=", "closed")], ["fault_employee_id", "window_id"], ["__count"])
        self.assertIn((self.staff, self.window, 1), groups)
