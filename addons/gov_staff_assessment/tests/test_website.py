from odoo.tests import HttpCase, tagged

from .common import AssessmentCase


@tagged("post_install", "-at_install")
class TestWebsite(AssessmentCase, HttpCase):

    def test_published_honours_are_public(self):
        self.generate_march()
        month = self.march()
        month.action_compute()
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
        res = self.url_open(f"/assessment/honours/{month.id}")
        self.assertEqual(res.status_code, 200)
        self.assertIn("o_red_flag" if False else self.window_b.name, res.text)
