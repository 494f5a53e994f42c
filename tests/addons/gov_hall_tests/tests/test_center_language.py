"""What our code writes on a center's records reads in the center's language, whoever triggers it.

The center works in Chinese; the clerk, the reviewer and the assessor work in English (their language and the
context of their requests). A case received through the intake wizard, accepted, routed, reviewed, decided,
paused, resumed and handed out, a one-time notice, and the month's assessment computed as the cron does,
leave chatter messages and activities without a single English sentence on them.

A bad rating of the case opens a complaint, registered and answered on the spot by a supervisor working in
English: the complaint says nothing in English either. Trading lots are not covered here yet.
"""
import datetime
import re

from markupsafe import Markup

from odoo.tests import freeze_time, tagged
from odoo.tools import html2plaintext

from odoo.addons.gov_hall_intake.tests.common import SIGNATURE, GovIntakeCase

# three English words in a row
ENGLISH = re.compile(r"[A-Za-z]{3,}( [A-Za-z]{2,}){2,}")
# proper names and codes that may appear in a Chinese text
ALLOWED = ("China Post EMS", "EMS", "RS-01", "YJS-01", "t_dept_head", "t_reviewer_b")


def english_in(text):
    text = html2plaintext(text or "") if isinstance(text, (str, Markup)) else str(text or "")
    for word in ALLOWED:
        text = text.replace(word, " ")
    match = ENGLISH.search(text)
    return match and match.group(0)


@tagged("post_install", "-at_install")
class TestCenterLanguage(GovIntakeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.center.partner_id.lang = "zh_CN"
        cls.users = cls.clerk | cls.reviewer | cls.chief | cls.dept_head | cls.admin_user | cls.supervisor
        cls.users.lang = "en_US"

    def as_user(self, records, user):
        return records.with_user(user).with_context(lang="en_US")

    def assertNoEnglish(self, records, what):
        records = records.with_context(lang="en_US")
        # the e-mails Odoo sends a user about an activity assigned to them read in that user's language
        messages = self.env["mail.message"].search([("model", "=", records._name), ("res_id", "in", records.ids),
                                                    ("message_type", "!=", "user_notification")])
        activities = self.env["mail.activity"].with_context(active_test=False).search(
            [("res_model", "=", records._name), ("res_id", "in", records.ids)])
        self.assertTrue(messages, f"{what} has messages")
        found = []
        for message in messages:
            for name in ("body", "subject"):
                hit = english_in(message[name])
                if hit:
                    found.append(f"message {message.id} {name}: {hit!r} in {message[name]!r}")
        for activity in activities:
            for name in ("summary", "note"):
                hit = english_in(activity[name])
                if hit:
                    found.append(f"activity {activity.id} {name}: {hit!r} in {activity[name]!r}")
        self.assertFalse(found, f"English on {what}:\n" + "\n".join(found))
        return messages, activities

    def test_case_in_center_language(self):
        with freeze_time("2026-03-09 02:00:00"):
            wizard = self.as_user(self.env["gov.hall.intake.wizard"], self.clerk).create({
                "company_id": self.center.id, "window_id": self.window_zh.id, "applicant_id": self.citizen.id,
                "item_id": self.item.id})
            wizard._onchange_item_id()
            wizard.line_ids.write({"received": True})
            wizard.action_accept()
            case = self.env["gov.hall.case"].search([("applicant_id", "=", self.citizen.id)])
            self.assertEqual(case.state, "accepted")
            self.assertTrue(case.task_ids, "the case was routed")
            self.as_user(case, self.reviewer).action_pause("expert", "需要现场核查")
            self.as_user(case, self.reviewer).action_resume()
            self.as_user(case.task_ids, self.reviewer).action_done("approve", "同意")
            self.as_user(case, self.reviewer).action_decide("approved", "《社会保险法》第五十八条")
            self.assertEqual(case.state, "decided")
            self.as_user(case, self.clerk).action_deliver("window", recipient="周建国", signature=SIGNATURE)
            self.assertEqual(case.state, "delivered")

            # a one-time notice for missing materials
            notice_case = self.new_case(received=False, partner=self.company_partner)
            self.as_user(notice_case, self.clerk).action_one_time_notice()
            self.assertEqual(notice_case.state, "supplement")
            # an escalated decision waiting for the leadership
            escalated = self.accepted_case(self.item_leader, user=self.clerk)
            self.as_user(escalated.task_ids, self.reviewer).action_done("approve", "同意")
            self.as_user(escalated, self.reviewer).action_escalate("approved", "《食品安全法》第三十五条")
            self.assertEqual(escalated.state, "to_approve")

        with freeze_time("2026-03-10 02:00:00"):
            rating = self.as_user(case, self.clerk).action_rate(1, "窗口让我来回跑了三次", channel="device")
            review = self.env["gov.hall.rating.review"].search([("rating_id", "=", rating.id)])
            complaint = self.as_user(review.complaint_id, self.supervisor)
            complaint.action_register()
            complaint.spot_answer = "经核实，当面向群众致歉。"
            complaint.action_answer_on_spot()
        self.assertNoEnglish(complaint, "the complaint")
        messages, _activities = self.assertNoEnglish(case, "the case")
        self.assertTrue(any(re.search(r"[\u4e00-\u9fff]", m.body or "") for m in messages))
        self.assertNoEnglish(notice_case, "the notified case")
        self.assertNoEnglish(escalated, "the escalated case")

    def test_month_assessment_in_center_language(self):
        scheme = self.env["gov.assessment.scheme"].create({
            "name": "2026年度窗口及工作人员绩效考核方案", "company_id": self.center.id,
            "date_from": "2026-01-01", "date_to": "2026-12-31"})
        scheme.action_load_standard_items()
        scheme.action_activate()
        with freeze_time("2026-03-09 02:00:00"):
            self.accepted_case()
        with freeze_time("2026-04-02 02:00:00"):
            # as the cron does, triggered by someone working in English
            Month = self.env["gov.assessment.month"].with_context(lang="en_US")
            Month._cron_compute_open_months()
        month = self.env["gov.assessment.month"].search([("company_id", "=", self.center.id),
                                                         ("date_from", "=", datetime.date(2026, 3, 1))])
        self.assertTrue(month)
        self.assertFalse(english_in(month.with_context(lang="en_US").name), month.name)
        month.message_post(body="本月考核已计算")   # the month has at least one message to check
        self.assertNoEnglish(month, "the month assessment")
