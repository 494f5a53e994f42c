from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .online_common import GovOnlineCase


@tagged("post_install", "-at_install")
class TestOnlineApply(GovOnlineCase):

    def _prereview_activities(self, case):
        return self.env["mail.activity"].search([
            ("res_model", "=", "gov.hall.case"), ("res_id", "=", case.id),
            ("activity_type_id", "=", self.env.ref("gov_hall_intake.mail_activity_prereview").id)])

    def test_draft_submit_pre_review_accept(self):
        case = self.draft()
        self.assertEqual((case.state, case.intake_channel, case.applicant_id), ("apply_draft", "online",
                                                                               self.applicant.partner_id))
        with self.assertRaisesRegex(UserError, "Upload the required materials"):
            case.with_user(self.applicant).action_apply_submit()
        self.assertEqual(case.state, "apply_draft")
        self.upload(case, ["居民身份证"])
        self.assertTrue(case.with_user(self.applicant).action_apply_submit())
        self.assertEqual(case.state, "draft")
        received = case.gov_prereview_start
        self.assertEqual(case.gov_prereview_deadline, self.env["gov.hall.calendar"].add_working_days(received, 5))
        activity = self._prereview_activities(case)
        self.assertEqual(activity.user_id, self.clerk, "the clerk of the item's zone pre-reviews")
        self.assertTrue(case.message_ids.filtered(lambda m: self.applicant.partner_id in m.partner_ids))
        # the photo is tolerated with a commitment at the window; online the clerk marks it received or notices
        case.material_line_ids.filtered(lambda m: m.name == "免冠照片").received = True
        case.with_user(self.clerk).action_accept()
        self.assertEqual(case.state, "accepted")
        self.assertEqual(case.window_id, self.window_zh, "the accepting clerk's window answers for the case")
        self.assertEqual(case.date_accepted, self.today())
        self.assertFalse(self._prereview_activities(case), "the pre-review task is done")

    def test_double_submit_one_application(self):
        case = self.draft(nonce="abc")
        self.assertEqual(self.draft(nonce="abc"), case, "a form sent twice makes one draft")
        self.upload(case)
        self.assertTrue(case.with_user(self.applicant).action_apply_submit())
        self.assertFalse(case.with_user(self.applicant).action_apply_submit())
        self.assertEqual(len(self._prereview_activities(case)), 1)
        self.assertEqual(self.env["gov.hall.case"].search_count([("applicant_id", "=", self.applicant.partner_id.id)]),
                         1)

    def test_identity_checked(self):
        self.applicant_b.partner_id.sudo().write({"gov_id_type": "other", "gov_id_number": False})
        case = self.draft(self.applicant_b)
        self.upload(case)
        with self.assertRaisesRegex(UserError, "identity document"):
            case.with_user(self.applicant_b).action_apply_submit()
        self.assertEqual(case.state, "apply_draft")

    def test_other_applicant_cannot_touch_draft(self):
        case = self.draft()
        self.upload(case)
        Case_b = self.env["gov.hall.case"].with_user(self.applicant_b)
        self.assertFalse(Case_b.search([("id", "=", case.id)]))
        with self.assertRaises(AccessError):
            Case_b.browse(case.id).read(["name"])
        with self.assertRaises(AccessError):
            Case_b.browse(case.id).action_apply_submit()
        self.assertEqual(case.state, "apply_draft")
        with self.assertRaises(AccessError):
            self.env["gov.hall.case"].with_user(self.applicant_b)._gov_apply_create(self.item,
                                                                                    self.applicant.partner_id)

    def test_one_time_notice_then_supplement(self):
        case = self.submitted()
        case.material_line_ids.filtered(lambda m: m.name == "居民身份证").write({"received": False, "note": "模糊"})
        case.action_one_time_notice()
        self.assertEqual((case.state, case.gov_notice_count), ("supplement", 1))
        self.assertIn("居民身份证", case.missing_material_names)
        self.assertFalse(self._prereview_activities(case))
        with self.assertRaisesRegex(UserError, "Upload the materials listed"):
            case.with_user(self.applicant).action_apply_supplement()
        self.upload(case, ["居民身份证"])
        case.with_user(self.applicant).action_apply_supplement()
        self.assertTrue(case.gov_supplemented)
        self.assertTrue(self._prereview_activities(case), "the supplement goes back to pre-review")
        # a later notice may not ask for what the first one left out (the photo was received then)
        case.material_line_ids.filtered(lambda m: m.name == "免冠照片").received = False
        with self.assertRaisesRegex(UserError, "did not ask for 免冠照片"):
            case.action_one_time_notice()
        self.assertEqual(case.gov_notice_count, 1)
        # it may ask again for what it listed, when the supplement is still wrong
        case.material_line_ids.filtered(lambda m: m.name == "免冠照片").received = True
        case.material_line_ids.filtered(lambda m: m.name == "居民身份证").received = False
        case.action_one_time_notice()
        self.assertEqual(case.gov_notice_count, 2)
        case.material_line_ids.filtered(lambda m: m.name == "居民身份证").received = True
        case.action_accept()
        self.assertEqual(case.state, "accepted")

    def test_refusal_online(self):
        case = self.submitted()
        case.action_refuse_intake("不属于本机关职权范围", "《行政许可法》第三十二条")
        self.assertEqual(case.state, "refused")
        self.assertFalse(self._prereview_activities(case))
        self.assertIn("不属于本机关职权范围", "".join(case.message_ids.mapped("body")))

    def test_auto_accept_across_holiday(self):
        """Received Monday 2025-09-29; 国庆/中秋 Oct 1-8 off, Saturday Oct 11 worked: the five working days are
        Sep 30, Oct 9, 10, 11 and 13. Without a notice, the case is accepted on Oct 14 from Sep 29."""
        calendar = self.env["gov.hall.calendar"]
        case = self.submitted()
        other = self.submitted(user=self.applicant_b)
        self.received_on(case, date(2025, 9, 29))
        self.received_on(other, date(2025, 10, 9))
        self.assertEqual(case.gov_prereview_deadline, date(2025, 10, 13))
        Case = self.env["gov.hall.case"]
        self.assertFalse(Case._cron_prereview(today=date(2025, 10, 13)))
        self.assertEqual(case.state, "draft")
        self.assertTrue(case.gov_prereview_late, "the board shows the pre-review running late before the limit")
        accepted = Case._cron_prereview(today=date(2025, 10, 14))
        self.assertEqual(accepted, case)
        self.assertEqual(case.state, "accepted")
        self.assertTrue(case.gov_auto_accepted)
        self.assertEqual(case.date_accepted, date(2025, 9, 29), "accepted from the day of receipt")
        self.assertEqual(case.deadline_start, date(2025, 9, 29))
        self.assertEqual(case.deadline, calendar.add_working_days(date(2025, 9, 29), self.item.promised_days))
        self.assertFalse(self._prereview_activities(case), "the clerk's pre-review task closed itself")
        self.assertTrue(case.task_ids, "routed to the department")
        self.assertNotEqual(case.name, "/")
        self.assertEqual(other.state, "draft", "received later: still within its five working days")
        # Oct 9 + 5 working days = Oct 15: accepted on the 16th
        self.assertFalse(Case._cron_prereview(today=date(2025, 10, 15)))
        self.assertEqual(Case._cron_prereview(today=date(2025, 10, 16)), other)

    def test_notice_stops_the_limit(self):
        case = self.submitted()
        self.received_on(case, date(2025, 9, 29))
        case.material_line_ids[:1].received = False
        with self.assertRaisesRegex(UserError, "within 5 days of receipt"):
            # the clerk is past the five working days (the center's today is after Oct 13)
            case.action_one_time_notice()

    def test_agent_scope_and_expiry(self):
        auth = self.authorize(items=self.item_joint)
        with self.assertRaisesRegex(UserError, "does not cover"):
            self.draft(self.agent, authorization=auth)
        expired = self.authorize(items=self.item, date_end=date(2024, 12, 31), date_start=date(2024, 1, 1))
        with self.assertRaisesRegex(UserError, "not valid on"):
            self.draft(self.agent, authorization=expired)
        with self.assertRaisesRegex(AccessError, "not an authorised agent"):
            self.draft(self.applicant_b, authorization=self.authorize(items=self.item))
        good = self.authorize(items=self.item)
        case = self.draft(self.agent, authorization=good)
        self.assertEqual((case.applicant_id, case.gov_agent_id), (self.company_partner, self.agent.partner_id))
        self.upload(case)
        # the authorisation is revoked before the agent submits: refused
        with self.assertRaises(AccessError):
            good.with_user(self.applicant_b).action_revoke()
        good.with_user(self.company_user).action_revoke()
        with self.assertRaisesRegex(UserError, "not valid on"):
            case.with_user(self.agent).action_apply_submit()
        self.assertEqual(case.state, "apply_draft")
        # the agent and the company see the draft, another applicant does not
        self.assertTrue(self.env["gov.hall.case"].with_user(self.agent).search([("id", "=", case.id)]))
        self.assertTrue(self.env["gov.hall.case"].with_user(self.company_user).search([("id", "=", case.id)]))
        self.assertFalse(self.env["gov.hall.case"].with_user(self.applicant_b).search([("id", "=", case.id)]))

    def test_agent_applies_for_company(self):
        auth = self.authorize(all_items=True)
        case = self.draft(self.agent, authorization=auth, item=self.item_joint)
        self.upload(case)
        self.assertTrue(case.with_user(self.agent).action_apply_submit())
        self.assertEqual(case.state, "draft")

    def test_protected_online_fields(self):
        case = self.draft()
        for vals in ({"state": "accepted"}, {"gov_auto_accepted": True}, {"gov_agent_id": self.agent.partner_id.id},
                     {"gov_prereview_start": date(2020, 1, 1)}, {"gov_notice_count": 0}):
            self.assert_write_refused(self.clerk, case, vals)

    def test_timeline(self):
        case = self.submitted()
        case.material_line_ids.received = True
        case.action_accept()
        labels = [step[1] for step in case._gov_timeline()]
        self.assertEqual(labels[:2], ["Application received", "Accepted"])
        self.assertIn(self.dept.name, labels)
        case.task_ids.with_user(self.reviewer).action_done("approve", "同意")
        case.with_user(self.reviewer).action_decide("approved", "《社会保险法》第五十八条")
        self.assertIn("Decided", [step[1] for step in case._gov_timeline()])
        self.assertTrue(case.message_ids.filtered(
            lambda m: "is decided" in (m.body or "") and self.applicant.partner_id in m.partner_ids))

    def test_company_authorises_agent(self):
        Auth = self.env["gov.hall.agent.authorization"]
        with self.assertRaisesRegex(UserError, "last day of the authorisation"):
            Auth.with_user(self.company_user)._gov_authorize(self.company_partner, self.agent.partner_id, self.item,
                                                             "2020-01-01")
        with self.assertRaisesRegex(UserError, "last day of the authorisation"):
            Auth.with_user(self.company_user)._gov_authorize(self.company_partner, self.agent.partner_id, self.item,
                                                             "not a date")
        with self.assertRaises(AccessError):
            Auth.with_user(self.agent)._gov_authorize(self.company_partner, self.agent.partner_id, self.item,
                                                      "2099-12-31")
        auth = Auth.with_user(self.company_user)._gov_authorize(self.company_partner, self.agent.partner_id,
                                                                self.item, "2099-12-31")
        self.assertEqual(auth.state, "active")
        self.assertEqual(self.draft(self.agent, authorization=auth).applicant_id, self.company_partner)
