import datetime

from odoo.tests import HttpCase, tagged

from .common import AssessmentCase


@tagged("post_install", "-at_install")
class TestWebsite(AssessmentCase, HttpCase):

    def test_published_honours_are_public(self):
        month = self.computed_march()
        self.env["website"].search([]).write({"company_id": self.center.id})
        res = self.url_open("/assessment/honours")
        self.assertEqual(res.status_code, 200)
        self.assertNotIn(self.window_b.name, res.text)
        self.assertEqual(self.url_open(f"/assessment/honours/{month.id}").status_code, 404)
        month.action_submit()
        month.with_user(self.leader).action_approve()
        month.action_publish()
        res = self.url_open("/assessment/honours")
        self.assertIn(self.window_b.name, res.text)
        self.assertIn(self.emp_c.name, res.text)
        self.assertNotIn(self.emp_a.name, res.text)
        res = self.url_open(f"/assessment/honours/{month.id}")
        self.assertEqual(res.status_code, 200)
        self.assertIn(self.window_b.name, res.text)

    def test_appeal_tour(self):
        self.inspection(datetime.date(2026, 3, 2), 1, {self.emp_a: ["discipline"]})
        event = self.env["gov.assessment.event"].search([("employee_id", "=", self.emp_a.id)])
        self.assertEqual(len(event), 1)
        self.start_tour("/odoo", "gov_assessment_appeal_tour", login=self.clerk.login)
        self.assertEqual(event.state, "appealed")
        self.assertEqual(event.appeal_ids.reason, "当时正在为群众引导填表,并非离岗")

    def test_inspection_tour(self):
        rounds = self.env["gov.assessment.inspection"].plan_day(self.center, datetime.date(2026, 3, 2))
        self.env["gov.assessment.inspection"].search([("id", "not in", rounds[:1].ids),
                                                     ("state", "=", "planned")]).action_cancel()
        self.start_tour("/odoo", "gov_assessment_inspection_tour", login=self.supervisor.login)
        first = rounds[0].line_ids.filtered("has_finding")
        self.assertEqual(len(first), 1)
        self.assertFalse(first.badge)
        self.assertEqual(first.note, "未佩戴工作牌")
