from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.gov_hall_base.tools.protect import granted

from .common import GovIntakeCase


@tagged("post_install", "-at_install")
class TestRating(GovIntakeCase):

    def test_one_case_one_rating(self):
        case = self.decided_case()
        rating = case.with_user(self.clerk).action_rate(5, "很满意", channel="staff")
        self.assertEqual((rating.rating, rating.gov_channel, rating.res_id), (5.0, "staff", case.id))
        self.assertEqual(case.rating_value, 5)
        with self.assertRaisesRegex(UserError, "one case, one rating"):
            case.with_user(self.clerk).action_rate(1, "改评差评")
        self.assertEqual(case.rating_value, 5)
        self.assertFalse(self.env["gov.hall.rating.review"].search([("case_id", "=", case.id)]))
        with self.assertRaisesRegex(UserError, "five levels"):
            self.decided_case().action_rate(6)
        draft = self.new_case()
        with self.assertRaisesRegex(UserError, "cannot be rated yet"):
            draft.action_rate(4)

    def test_bad_rating_opens_review(self):
        case = self.decided_case()
        rating = case.with_user(self.clerk).action_rate(2, "窗口人员态度生硬", channel="device")
        review = self.env["gov.hall.rating.review"].search([("rating_id", "=", rating.id)])
        self.assertEqual(len(review), 1)
        calendar = self.env["gov.hall.calendar"]
        self.assertEqual((review.case_id, review.department_id, review.window_id, review.employee_id),
                         (case, self.dept, self.window_zh, self.clerk_emp))
        self.assertEqual(review.deadline, calendar.add_working_days(self.today(), 15))
        self.assertEqual(review.date_contact_due, calendar.add_working_days(self.today(), 1))
        self.assertEqual(review.user_id, self.chief)
        self.assertTrue(review.activity_ids)
        # the rating itself cannot be rewritten (e.g. through the generic /rate/<token> pages)
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            rating.sudo().write({"rating": 5})
        self.assertEqual(rating.rating, 2.0)
        with granted("rating.rating"):  # server code only: no client rewrites a rating, not even its text
            rating.sudo().write({"feedback": "窗口人员态度生硬,解释不清"})
        self.assertEqual(self.env["gov.hall.rating.review"].search_count([("rating_id", "=", rating.id)]), 1)
        # verification, contact, rectification, call-back
        review.with_user(self.chief).action_verify(True, "调取录像核实,情况属实。")
        self.assertTrue(review.verified and review.date_verified)
        with self.assertRaisesRegex(UserError, "once the rectification is done"):
            review.with_user(self.chief).action_callback(True, "回访")
        review.with_user(self.chief).action_contacted("已电话联系申请人致歉。")
        with self.assertRaisesRegex(UserError, "Describe the rectification"):
            review.with_user(self.chief).action_rectified(" ")
        review.with_user(self.chief).action_rectified("对窗口人员进行服务礼仪培训,并调整叫号规则。")
        review.with_user(self.chief).action_callback(True, "申请人对整改表示满意。")
        self.assertEqual(review.state, "closed")
        self.assertEqual(len(review.callback_ids), 1)

    def test_removal_only_by_supervisor(self):
        case = self.decided_case()
        case.action_rate(1, "误评")
        review = self.env["gov.hall.rating.review"].search([("case_id", "=", case.id)])
        with self.assertRaisesRegex(UserError, "Only a supervisor"):
            review.with_user(self.chief).action_remove("恶意差评")
        self.assertEqual(review.state, "open")
        review.with_user(self.supervisor).action_remove("申请人确认误操作,申诉成立。")
        self.assertEqual((review.state, review.verified), ("removed", False))

    def test_review_visibility(self):
        case = self.decided_case()
        case.action_rate(2)
        Review = self.env["gov.hall.rating.review"]
        self.assertEqual(len(Review.with_user(self.reviewer).search([("case_id", "=", case.id)])), 1)
        self.assertFalse(Review.with_user(self.chief_b).search([("case_id", "=", case.id)]))
        self.assertEqual(len(Review.with_user(self.clerk).search([("case_id", "=", case.id)])), 1)
        self.assertEqual(len(Review.with_user(self.assessor).search([("case_id", "=", case.id)])), 1)

    def test_inquiry_log(self):
        from odoo.exceptions import ValidationError

        Inquiry = self.env["gov.hall.inquiry"].with_user(self.clerk)
        with self.assertRaisesRegex(ValidationError, "Record the answer"):
            Inquiry.create({"name": "怎么办社保卡?", "outcome": "answered", "company_id": self.center.id})
        with self.assertRaisesRegex(ValidationError, "A referral names"):
            Inquiry.create({"name": "二手房过户?", "outcome": "referred", "company_id": self.center.id})
        rec = Inquiry.create({"name": "二手房过户?", "outcome": "referred", "company_id": self.center.id,
                              "referred_department_id": self.dept_b.id})
        self.assertEqual((rec.user_id, rec.employee_id), (self.clerk, self.clerk_emp))
