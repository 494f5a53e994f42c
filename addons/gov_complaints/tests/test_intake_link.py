from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.gov_hall_base.tools.protect import granted

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestIntakeLink(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.item = cls.env["gov.hall.service.item"].create({
            "name": "失业保险金申领", "code": "TEST-001", "company_id": cls.center.id,
            "department_id": cls.dept.id, "case_type": "promised", "legal_days": 20, "promised_days": 5})
        cls.applicant_partner = cls.env["res.partner"].create({"name": "郑先生", "phone": "13907930009"})
        cls.case = cls.env["gov.hall.case"].create({
            "company_id": cls.center.id, "item_id": cls.item.id, "applicant_id": cls.applicant_partner.id,
            "window_id": cls.window.id, "clerk_id": cls.clerk.id})

    def _rate(self, value, feedback=None):
        # the rating as gov.hall.case.action_rate writes it (server code, inside the grant)
        with granted("rating.rating"):
            return self.env["rating.rating"].create({
                "res_model_id": self.env["ir.model"]._get_id("gov.hall.case"), "res_id": self.case.id,
                "rating": value, "consumed": True, "feedback": feedback, "partner_id": self.applicant_partner.id})

    def test_bad_rating_opens_complaint(self):
        before = self.Complaint.search_count([("channel", "=", "rating")])
        self._rate(4, "很好")
        self.assertEqual(self.Complaint.search_count([("channel", "=", "rating")]), before,
                         "a good rating opens nothing")
        rating = self._rate(1, "等了两个小时，窗口还说材料不全")
        review = rating.gov_review_ids
        self.assertTrue(review)
        complaint = review.complaint_id
        self.assertTrue(complaint)
        self.assertEqual(complaint.channel, "rating")
        self.assertEqual(complaint.case_id, self.case)
        self.assertEqual(complaint.rating_review_id, review)
        self.assertEqual(complaint.window_id, self.window)
        self.assertEqual(complaint.facts, "等了两个小时，窗口还说材料不全")
        self.assertEqual(complaint.complainant_name, "郑先生")
        self.assertEqual(complaint.state, "new")
        # the department sees the complaint about its case, not who complained
        self.assertTrue(complaint.with_user(self.reviewer).title)
        with self.assertRaises(Exception):
            complaint.with_user(self.reviewer).read(["complainant_name"])

    def test_rating_removed_on_appeal_closes_complaint(self):
        rating = self._rate(2, "窗口人员态度不好")
        review = rating.gov_review_ids
        complaint = review.complaint_id
        self.assertEqual(complaint.state, "new")
        review.action_remove("经核实系误评，申请人已撤回")
        self.assertEqual(complaint.state, "cancel")
        self.assertIn("经核实系误评", complaint.cancel_reason)

    def test_case_must_be_same_center(self):
        # check_company on the case: Odoo's own company consistency check
        with self.assertRaisesRegex(UserError, "company inconsistencies"):
            self.Complaint.create({"company_id": self.center2.id, "title": "x", "facts": "y", "anonymous": True,
                                   "case_id": self.case.id})

    def test_letter_about_a_case(self):
        Letter = self.env["gov.complaint.letter"].with_user(self.supervisor)
        vals = {"company_id": self.center.id, "department_id": self.dept.id, "subject_type": "case",
                "subject": "关于办件超时未办结的督办函", "content": "<p>请说明超时原因。</p>"}
        with self.assertRaisesRegex(ValidationError, "Choose the case"):
            Letter.create(vals)
        letter = Letter.create(dict(vals, case_id=self.case.id))
        letter.action_send()
        self.assertEqual(letter.state, "sent")
        self.assertTrue(letter.with_user(self.reviewer).read(["subject"]))

    def test_install_hook_opens_complaints_for_pending_reviews(self):
        """Reviews opened before the addon was installed (no complaint yet) get one at install."""
        from odoo.addons.gov_complaints.hooks import post_init_hook

        review = self._rate(1, "一直让我等").gov_review_ids
        review.complaint_id.unlink()
        self.assertFalse(review.complaint_id)
        post_init_hook(self.env)
        self.assertEqual(review.complaint_id.channel, "rating")
        self.assertEqual(review.complaint_id.case_id, self.case)
