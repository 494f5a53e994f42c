from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import MARCH, AssessmentCase


@tagged("post_install", "-at_install")
class TestAccess(AssessmentCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.month = cls.computed_march()

    def visible(self, model, user):
        return self.env[model].with_user(user).search([])

    def test_staff_sees_only_own(self):
        for model in ("gov.assessment.event", "gov.assessment.month.staff", "gov.assessment.inspection.line",
                      "gov.assessment.training.attendance"):
            records = self.visible(model, self.clerk)
            self.assertTrue(records, model)
            self.assertEqual(records.employee_id, self.emp_a, model)
        scores = self.visible("gov.assessment.score", self.clerk)
        self.assertEqual(scores.filtered(lambda s: s.target == "staff").employee_id, self.emp_a)
        # B's line cannot be read directly either
        line_b = self.month.staff_line_ids.filtered(lambda l: l.employee_id == self.emp_b)
        with self.assertRaises(AccessError):
            line_b.with_user(self.clerk).read(["score"])
        self.assertFalse(self.visible("gov.assessment.year.department", self.clerk))
        # staff cannot create events or inspections
        with self.assertRaises(AccessError):
            self.env["gov.assessment.event"].with_user(self.clerk).create({
                "name": "x", "company_id": self.center.id, "date": "2026-03-05", "target": "staff",
                "employee_id": self.emp_b.id, "item_id": self.items["S06"].id})
        with self.assertRaises(AccessError):
            self.env["gov.assessment.inspection"].with_user(self.clerk).create({"date": "2026-03-05"})

    def test_department_head_sees_own_staff(self):
        events = self.visible("gov.assessment.event", self.head)
        self.assertTrue(events)
        self.assertFalse(events.employee_id - (self.emp_a | self.emp_b))
        self.assertFalse(events.filtered(lambda e: e.employee_id == self.emp_c))
        lines = self.visible("gov.assessment.month.staff", self.head)
        self.assertEqual(lines.employee_id, self.emp_a | self.emp_b)
        # C's department head (none) and another department's reviewer see nothing of 人社局
        self.assertFalse(self.visible("gov.assessment.event", self.chief_b).filtered(
            lambda e: e.employee_id in (self.emp_a | self.emp_b)))

    def test_assessor_and_supervisor_see_center(self):
        all_events = self.env["gov.assessment.event"].search([("company_id", "=", self.center.id)])
        self.assertEqual(self.visible("gov.assessment.event", self.assessor), all_events)
        self.assertEqual(self.visible("gov.assessment.event", self.supervisor), all_events)
        self.assertEqual(len(self.visible("gov.assessment.month.staff", self.assessor)), 3)
        # the other center sees nothing
        self.assertFalse(self.visible("gov.assessment.event", self.admin2))
        self.assertFalse(self.visible("gov.assessment.month", self.admin2))
        # a supervisor records inspections but does not touch the scores
        self.env["gov.assessment.inspection"].with_user(self.supervisor).create({
            "company_id": self.center.id, "date": "2026-03-05", "round_no": 3})
        with self.assertRaises(AccessError):
            self.month.with_user(self.supervisor).action_compute()

    def test_only_leader_approves(self):
        self.month.action_submit()
        for user in (self.clerk, self.assessor, self.supervisor):
            with self.assertRaises(AccessError):
                self.month.with_user(user).action_approve()
            self.assertEqual(self.month.state, "to_approve")
        self.month.with_user(self.leader).action_approve()
        self.assertEqual(self.month.state, "approved")
