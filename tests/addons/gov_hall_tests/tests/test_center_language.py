"""What our code writes on a center's records reads in the center's language, whoever triggers it.

The center works in Chinese; the clerk, the reviewer and the assessor work in English (their language and the
context of their requests). A case received through the intake wizard, accepted, routed, reviewed, decided,
paused, resumed and handed out, a one-time notice, and the month's assessment computed as the cron does,
leave chatter messages and activities without a single English sentence on them.

A bad rating of the case opens a complaint, registered and answered on the spot by a supervisor working in
English: the complaint says nothing in English either.

A trading lot created, announced and published by trading staff working in English, a bidder (working in English
too) registering, declaring its deposit, objecting to the documents and complaining, and the daily alert cron
lighting the objection, the complaint's acceptance, the contract and the deposit refund once they are overdue:
no English sentence on the lot, its project, announcement, registration, deposit and questions either.
"""
import datetime
import re
from datetime import timedelta

from markupsafe import Markup

from odoo.tests import TransactionCase, freeze_time, new_test_user, tagged
from odoo.tools import html2plaintext

from odoo.addons.gov_hall_base.tools.protect import granted

from odoo.addons.gov_hall_intake.tests.common import SIGNATURE, GovIntakeCase

# three English words in a row
ENGLISH = re.compile(r"[A-Za-z]{3,}( [A-Za-z]{2,}){2,}")
# two: the trading records are checked with tracking and creation messages on ("Lot created", "To-Do done")
ENGLISH_STRICT = re.compile(r"[A-Za-z]{3,}( [A-Za-z]{2,})+")
# proper names and codes that may appear in a Chinese text
ALLOWED = ("China Post EMS", "EMS", "RS-01", "YJS-01", "t_dept_head", "t_reviewer_b")


def english_in(text, pattern=ENGLISH):
    text = html2plaintext(text or "") if isinstance(text, (str, Markup)) else str(text or "")
    for word in ALLOWED:
        text = text.replace(word, " ")
    match = pattern.search(text)
    return match and match.group(0)


@tagged("post_install", "-at_install")
class TestCenterLanguage(GovIntakeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.center.partner_id.lang = "zh_CN"
        cls.users = cls.clerk | cls.reviewer | cls.chief | cls.dept_head | cls.admin_user | cls.supervisor \
            | cls.trading
        cls.users.lang = "en_US"

    def as_user(self, records, user):
        return records.with_user(user).with_context(lang="en_US")

    def assertNoEnglish(self, records, what, require_messages=True, pattern=ENGLISH):
        records = records.with_context(lang="en_US")
        # the e-mails Odoo sends a user about an activity assigned to them read in that user's language
        messages = self.env["mail.message"].search([("model", "=", records._name), ("res_id", "in", records.ids),
                                                    ("message_type", "!=", "user_notification")])
        activities = self.env["mail.activity"].with_context(active_test=False).search(
            [("res_model", "=", records._name), ("res_id", "in", records.ids)])
        if require_messages:
            self.assertTrue(messages, f"{what} has messages")
        found = []
        for message in messages:
            for name in ("body", "subject"):
                hit = english_in(message[name], pattern)
                if hit:
                    found.append(f"message {message.id} {name}: {hit!r} in {message[name]!r}")
        for activity in activities:
            for name in ("summary", "note"):
                hit = english_in(activity[name], pattern)
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

    def test_trading_lot_in_center_language(self):
        T0 = datetime.datetime(2026, 3, 2, 2, 0, 0)   # Monday 2 March 2026, 10:00 in Beijing
        # with the creation messages and the tracking Odoo writes
        self.env = self.env(context=dict(self.env.context, tracking_disable=False))
        self.trading.write({"company_ids": [(4, self.center.id)], "company_id": self.center.id})
        qual = self.env["gov.trading.qualification.type"].create({"name": "市政公用工程施工总承包二级"})
        user = new_test_user(self.env, login="t_lang_bidder", groups="gov_hall_base.group_gov_portal_bidder",
                             name="上饶市信达建设工程有限公司", lang="en_US")
        partner = self.env["res.partner"].create({"name": "上饶市信达建设工程有限公司", "is_company": True,
                                                  "gov_id_type": "uscc", "gov_id_number": "91361100MA35F2K80B"})
        with granted("gov.trading.bidder", "gov.trading.certificate"):  # a reviewed account, set up
            bidder = self.env["gov.trading.bidder"].create({
                "partner_id": partner.id, "user_ids": [(6, 0, user.ids)], "state": "approved",
                "certificate_ids": [(0, 0, {"type_id": qual.id, "number": "D23601", "state": "valid",
                                            "date_expiry": "2030-12-31"})]})
        tenderer = self.env["res.partner"].create({"name": "上饶市城市建设投资开发集团有限公司", "is_company": True})

        def portal(model):
            return self.env[model].with_user(user).with_context(lang="en_US").sudo()

        with freeze_time(T0):
            project = self.as_user(self.env["gov.trading.project"], self.trading).create({
                "name": "上饶市某道路改造工程施工招标", "kind": "construction", "method": "open",
                "company_id": self.center.id, "tenderer_id": tenderer.id, "estimate_amount": 12_800_000,
                "user_id": self.trading.id, "qualification_type_ids": [(6, 0, qual.ids)]})
            lot = self.as_user(self.env["gov.trading.lot"], self.trading).create({
                "project_id": project.id, "name": "一标段", "estimate_amount": 12_800_000,
                "deposit_amount": 250_000, "date_sale_start": T0, "date_sale_end": T0 + timedelta(days=7),
                "date_bid_deadline": T0 + timedelta(days=25),
                "criterion_ids": [(0, 0, {"name": "投标报价", "kind": "price", "weight": 60}),
                                  (0, 0, {"name": "施工组织设计", "kind": "technical", "weight": 30}),
                                  (0, 0, {"name": "企业信誉", "kind": "commercial", "weight": 10})]})
            action = self.as_user(lot, self.trading).action_create_tender_announcement()
            announcement = self.env["gov.trading.announcement"].browse(action["res_id"])
            self.as_user(announcement, self.trading).action_publish()
            self.assertEqual(lot.state, "published")
        with freeze_time(T0 + timedelta(hours=1)):
            registration = portal("gov.trading.registration").create({"bidder_id": bidder.id, "lot_id": lot.id})
            deposit = portal("gov.trading.deposit").create({
                "registration_id": registration.id, "amount": 250_000, "bank_reference": "JX20260302001"})
        with freeze_time(T0 + timedelta(hours=2)):
            objection = portal("gov.trading.question").create({
                "lot_id": lot.id, "bidder_id": bidder.id, "kind": "doc_objection", "name": "资格条件异议",
                "body": "招标文件第三章资格条件设置不合理"})
            complaint = portal("gov.trading.question").create({
                "lot_id": lot.id, "bidder_id": bidder.id, "kind": "complaint", "name": "投诉资格条件",
                "body": "异议未获答复", "challenge_basis": "documents"})
            self.as_user(deposit.with_env(self.env), self.trading).action_confirm_receipt()
        Lot = self.env["gov.trading.lot"].with_context(lang="en_US")   # as the daily cron does
        with freeze_time("2026-03-09 02:00:00"):
            Lot._cron_alerts()
            objection, complaint = objection.with_env(self.env), complaint.with_env(self.env)
            self.assertEqual(objection.supervision_color, "red")
            self.assertTrue(complaint.activity_ids.filtered(lambda a: a.gov_deadline == "accept_deadline"))
            self.as_user(complaint, self.trading).action_accept()
            objection.answer = "资格条件符合法律规定，维持原招标文件。"
            self.as_user(objection, self.trading).action_answer()
        # the award itself is tested in the trading addon: the lot is awarded here as its action leaves it
        with granted("gov.trading.lot"):
            lot.write({"state": "awarded", "date_award": datetime.date(2026, 4, 1)})
        with freeze_time("2026-05-20 02:00:00"):
            Lot._cron_alerts()
            self.assertTrue(lot.activity_ids.filtered(lambda a: a.gov_deadline == "contract_deadline"))
            self.as_user(lot, self.trading).date_contract = datetime.date(2026, 5, 20)
            self.as_user(lot, self.trading).action_record_contract()
            self.assertEqual(lot.state, "contracted")
        with freeze_time("2026-06-01 02:00:00"):
            Lot._cron_alerts()
            deposit = deposit.with_env(self.env)
            self.assertEqual(deposit.supervision_color, "red")
            self.assertTrue(deposit.activity_ids, "the overdue refund is alerted")
            self.as_user(deposit, self.trading).action_refund()
        self.assertFalse(english_in(announcement.with_context(lang="en_US").name), announcement.name)
        found = 0
        for records, what in ((project, "the project"), (lot, "the lot"), (announcement, "the announcement"),
                              (registration, "the registration"), (deposit, "the deposit"),
                              (objection | complaint, "the objection and the complaint")):
            messages, activities = self.assertNoEnglish(records.with_env(self.env), what, require_messages=False,
                                                        pattern=ENGLISH_STRICT)
            found += len(messages) + len(activities)
        self.assertTrue(found, "the lot's records have messages and activities to check")


@tagged("post_install", "-at_install")
class TestDemoLanguage(TransactionCase):
    """The demo database runs in Chinese: the chatter the demo builders leave on our records (creation
    messages with the model's name, tracking, activities done) reads in Chinese although Odoo loads an addon's
    translations only after its demo data."""

    def test_demo_chatter_in_chinese(self):
        messages = self.env["mail.message"].sudo().search([("model", "=like", "gov.%")])
        self.assertTrue(messages)
        found = {}
        for message in messages:
            text = html2plaintext(message.body or "").replace("Mitchell Admin", " ")  # Odoo's demo admin
            english = english_in(text, ENGLISH_STRICT)
            if english:
                found.setdefault(message.model, english)
        self.assertFalse(found, f"English in the demo chatter: {found}")
