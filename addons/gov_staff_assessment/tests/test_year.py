from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import AssessmentCase


@tagged("post_install", "-at_install")
class TestYear(AssessmentCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.month = cls.approved_march()
        cls.scheme.excellent_quota = 34.0  # 1 place of 3
        cls.year = cls.env["gov.assessment.year"].with_user(cls.assessor).create(
            {"company_id": cls.center.id, "year": 2026})

    def line(self, employee):
        return self.year.line_ids.filtered(lambda l: l.employee_id == employee)

    def test_year_flow(self):
        year = self.year
        with self.assertRaises(AccessError):
            year.with_user(self.clerk).action_compute()
        year.action_compute()
        self.assertEqual(year.state, "review")
        self.assertEqual(year.month_count, 1)
        self.assertEqual(len(year.line_ids), 3)
        self.assertAlmostEqual(self.line(self.emp_a).month_score, 76.0)
        self.assertEqual(year.excellent_max, 1)
        # department component: window score x 10%
        deps = {d.department_id: d for d in year.department_line_ids}
        self.assertAlmostEqual(deps[self.dept].window_score, 82.0)
        self.assertAlmostEqual(deps[self.dept].component, 8.2)
        self.assertAlmostEqual(deps[self.dept_b].component, 10.05)
        with self.assertRaisesRegex(UserError, "review"):
            year.action_propose_grades()
        for emp, score in ((self.emp_a, 80), (self.emp_b, 95), (self.emp_c, 96)):
            self.line(emp).with_user(self.assessor).write({"review_score": score, "review_comment": "履职良好"})
        # final = months x 70% + review x 30%
        self.assertAlmostEqual(self.line(self.emp_b).final_score, 99 * 0.7 + 95 * 0.3)
        year.action_propose_grades()
        self.assertEqual(self.line(self.emp_c).grade, "excellent")
        self.assertEqual(self.line(self.emp_b).proposed_grade, "competent", "over the quota")
        self.assertEqual(self.line(self.emp_a).grade, "competent")  # 76 x .7 + 80 x .3 = 77.2
        # the quota holds
        with self.assertRaisesRegex(ValidationError, "优秀|graded Excellent"):
            self.line(self.emp_b).with_user(self.assessor).grade = "excellent"
        self.assertEqual(self.line(self.emp_b).grade, "competent")
        # staff cannot grade themselves
        with self.assertRaises(AccessError):
            self.line(self.emp_a).with_user(self.clerk).write({"grade": "excellent"})
        year.action_send_for_signing()
        self.assertEqual(year.state, "to_approve")
        with self.assertRaises(AccessError):
            year.with_user(self.assessor).action_approve()
        year.with_user(self.leader).action_approve()
        self.assertEqual((year.state, year.approver_id), ("signing", self.leader))
        # sign or appeal, only one's own
        with self.assertRaises(AccessError):
            self.line(self.emp_b).with_user(self.clerk).action_sign()
        with self.assertRaisesRegex(UserError, "reason"):
            self.line(self.emp_a).with_user(self.clerk).action_appeal(" ")
        self.line(self.emp_a).with_user(self.clerk).action_appeal("本人3月离岗记录已申诉成功,请复核")
        self.line(self.emp_b).with_user(self.reviewer).action_sign()
        self.line(self.emp_c).with_user(self.chief_b).action_sign()
        with self.assertRaisesRegex(UserError, "pending"):
            year.action_send_to_departments()
        with self.assertRaises(AccessError):
            self.line(self.emp_a).with_user(self.clerk).action_decide_appeal(True, "同意", "excellent")
        self.line(self.emp_a).with_user(self.assessor).action_decide_appeal(False, "经复核,维持称职")
        self.assertEqual(self.line(self.emp_a).state, "decided")
        self.assertEqual(self.line(self.emp_a).grade, "competent")
        year.action_send_to_departments()
        self.assertEqual(year.state, "done")
        self.assertTrue(all(year.department_line_ids.mapped("date_sent")))
        # the head of 人社局 sees their staff's results and component, not those of 市场监管局
        lines = self.env["gov.assessment.year.line"].with_user(self.head).search([])
        self.assertEqual(lines.employee_id, self.emp_a | self.emp_b)
        deps = self.env["gov.assessment.year.department"].with_user(self.head).search([])
        self.assertEqual(deps.department_id, self.dept)
        # each person sees only their own result
        self.assertEqual(self.env["gov.assessment.year.line"].with_user(self.clerk).search([]).employee_id,
                         self.emp_a)
        pdf, _t = self.env["ir.actions.report"].with_context(force_report_rendering=True)._render_qweb_pdf("gov_staff_assessment.report_year", year.ids)
        self.assertTrue(pdf.startswith(b"%PDF"))
        xlsx, _t = self.env["ir.actions.report"]._render("gov_staff_assessment.year_xlsx", year.ids)
        self.assertTrue(xlsx.startswith(b"PK"))
