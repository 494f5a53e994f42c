"""Access integrity of the assessment: events, appeals, months, scores and years are written only by their
actions, whoever calls over RPC and whatever former bypass key (gov_assessment_engine, gov_appeal_decision,
appeal_decision...) the client sends; the record reads back unchanged."""
import datetime

from odoo.tests import tagged

from odoo.addons.gov_hall_base.tests.common import BYPASS_KEYS, REFUSED

from .common import MARCH, AssessmentCase

KEYS = BYPASS_KEYS + ("appeal_decision",)
D = datetime.date


@tagged("post_install", "-at_install")
class TestEventMonthIntegrity(AssessmentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.generate_march()
        cls.month = cls.march()
        cls.month.action_compute()
        Event = cls.env["gov.assessment.event"]
        cls.auto = Event.search([("employee_id", "=", cls.emp_a.id), ("item_id", "=", cls.items["S02"].id)])
        cls.auto_b = Event.search([("employee_id", "=", cls.emp_b.id), ("source", "=", "inspection")], limit=1)
        cls.manual = Event.search([("employee_id", "=", cls.emp_a.id), ("source", "=", "manual")])
        cls.roles = (cls.assessor, cls.leader, cls.admin_user, cls.supervisor, cls.clerk, cls.head)

    def refused(self, users, record, vals):
        for user in users:
            self.assert_write_refused(user, record, vals, keys=KEYS)

    def test_event_fields(self):
        self.assertEqual((self.auto.source, self.auto.state, self.manual.source), ("inspection", "valid", "manual"))
        for event in (self.auto, self.manual):
            for vals in ({"state": "cancelled"}, {"points": 0.0}, {"key": "inspection:0:x:staff"},
                         {"source": "commendation"}, {"res_model": "gov.complaint"}, {"res_id": 1},
                         {"locked": True}):
                self.refused(self.roles, event, vals)
        # what the rules wrote on an automatic event stays theirs
        for vals in ({"quantity": 5.0}, {"employee_id": self.emp_b.id}, {"window_id": self.window_b.id},
                     {"item_id": self.items["S06"].id}, {"date": D(2026, 3, 30)}, {"name": "改"}):
            self.refused(self.roles, self.auto, vals)
        with self.assertRaisesRegex(REFUSED, "change only through its actions"):
            self.auto.sudo().write({"state": "cancelled"})
        self.assert_call_refused(self.assessor, self.auto, "unlink")
        self.assertTrue(self.auto.exists())
        # the assessor still keeps a manual event of an open month (the form), and its note
        self.rpc(self.assessor, self.manual, "write", {"quantity": 2.0, "note": "两次"})
        self.assertEqual(self.manual.points, -4.0)

    def test_event_create(self):
        base = {"name": "补录", "company_id": self.center.id, "date": "2026-03-20", "target": "staff",
                "employee_id": self.emp_b.id, "item_id": self.items["S06"].id}
        for extra in ({"source": "inspection"}, {"state": "cancelled"}, {"key": "manual:1:staff"},
                      {"res_model": "gov.complaint", "res_id": 1}):
            for ctx in ({}, dict.fromkeys(KEYS, True), {"default_state": "cancelled"}):
                with self.subTest(extra=extra, context=ctx), self.assertRaises(REFUSED):
                    self.rpc(self.assessor, self.env["gov.assessment.event"], "create", dict(base, **extra),
                             context=ctx)
        event = self.env["gov.assessment.event"].with_user(self.assessor).with_context(
            default_state="cancelled", default_source="inspection").create(base)
        self.assertEqual((event.state, event.source), ("valid", "manual"))

    def test_appeal_fields_and_decision(self):
        appeal = self.env["gov.assessment.appeal"].with_user(self.clerk).create(
            {"event_id": self.auto.id, "reason": "当日胸牌在补办中"})
        self.assertEqual((appeal.state, self.auto.state), ("submitted", "appealed"))
        for vals in ({"state": "accepted"}, {"decided_by": self.assessor.id}, {"date_decided": D(2026, 3, 31)},
                     {"reason": "改理由"}, {"event_id": self.manual.id}):
            self.refused((self.assessor, self.leader, self.admin_user, self.clerk), appeal, vals)
        # the event under appeal: neither its state nor its subject change by hand
        self.refused((self.assessor, self.admin_user), self.auto, {"state": "cancelled"})
        # the appellant does not write the decision; an assessor drafts it on the form
        self.refused((self.clerk, self.head), appeal, {"decision": "我决定"})
        self.rpc(self.assessor, appeal, "write", {"decision": "巡查照片显示未佩戴胸牌"})
        # a decision text sent by context is ignored (the reason must be there for a rejection)
        self.assert_call_refused(self.clerk, appeal, "action_reject")
        self.rpc(self.assessor, appeal, "action_reject", context={"appeal_decision": "被忽略的理由"})
        self.assertEqual((appeal.state, appeal.decision, appeal.decided_by), ("rejected", "巡查照片显示未佩戴胸牌",
                                                                              self.assessor))
        self.assertEqual(self.auto.state, "valid")
        # decided: fixed
        self.refused((self.assessor, self.leader, self.admin_user), appeal, {"decision": "改判"})
        self.refused((self.assessor, self.leader, self.admin_user), appeal, {"state": "accepted"})
        # an accepted appeal, its text as the method's argument
        appeal_b = self.env["gov.assessment.appeal"].with_user(self.reviewer).create(
            {"event_id": self.auto_b.id, "reason": "当天着装已报备"})
        self.rpc(self.assessor, appeal_b, "action_accept", "经核实属实")
        self.assertEqual((appeal_b.state, appeal_b.decision, self.auto_b.state),
                         ("accepted", "经核实属实", "cancelled"))
        # nobody decides their own appeal, not even an assessor through the form
        assessor_emp = self.env["hr.employee"].search([("user_id", "=", self.assessor.id)])
        own_event = self.env["gov.assessment.event"].create({
            "name": "一次性告知不到位", "company_id": self.center.id, "date": D(2026, 3, 20), "target": "staff",
            "employee_id": assessor_emp.id, "item_id": self.items["S06"].id})
        own = self.env["gov.assessment.appeal"].with_user(self.assessor).create(
            {"event_id": own_event.id, "reason": "本人申诉"})
        self.assert_write_refused(self.assessor, own, {"decision": "我同意我自己"})
        self.assert_call_refused(self.assessor, own, "action_accept", "我同意我自己")
        self.assertEqual(own.state, "submitted")

    def test_month_fields_and_approval(self):
        month = self.month
        self.assertEqual(month.state, "computed")
        line = month.staff_line_ids.filtered(lambda l: l.employee_id == self.emp_a)
        wline = month.window_line_ids.filtered(lambda l: l.window_id == self.window)
        score = self.env["gov.assessment.score"].search([("month_id", "=", month.id)], limit=1)
        for user in (self.assessor, self.leader, self.admin_user, self.clerk):
            for vals in ({"state": "approved"}, {"approver_id": user.id}, {"date_approved": D(2026, 4, 1)},
                         {"date_published": D(2026, 4, 2)}, {"date_computed": "2026-04-01 00:00:00"},
                         {"scheme_id": False}, {"star_ids": [(6, 0, self.emp_a.ids)]},
                         {"red_flag_ids": [(6, 0, self.window.ids)]}):
                self.assert_write_refused(user, month, vals, keys=KEYS)
            for vals in ({"base": 200.0}, {"deduction": 0.0}, {"addition": 50.0}, {"score": 100.0}, {"rank": 1},
                         {"proposed_star": True}, {"complaint_count": 0}, {"satisfaction": 100.0},
                         {"ratings_count": 99}, {"volume": 999}, {"employee_id": self.emp_c.id},
                         {"month_id": month.id + 1000}):
                self.assert_write_refused(user, line, vals, keys=KEYS)
            for vals in ({"score": 100.0}, {"rank": 1}, {"proposed_red_flag": True}, {"window_id": self.window2.id}):
                self.assert_write_refused(user, wline, vals, keys=KEYS)
            for vals in ({"base": 0.0}, {"occurrences": 0}, {"points": 0.0}, {"score": 100.0},
                         {"employee_id": self.emp_c.id}):
                self.assert_write_refused(user, score, vals, keys=KEYS)
        # the honours are chosen on the lines, by an assessor while the month is open, never by the staff
        self.assert_write_refused(self.clerk, line, {"is_star": True}, keys=KEYS)
        self.assert_write_refused(self.supervisor, wline, {"is_red_flag": True}, keys=KEYS)
        self.assert_write_refused(self.assessor, line, {"is_star": True, "score": 100.0}, keys=KEYS)
        self.rpc(self.assessor, line, "write", {"is_star": False})
        # the workflow: the assessor computes and submits, only the leader approves
        for user in (self.clerk, self.supervisor, self.head):
            for method in ("action_compute", "action_submit", "action_reset", "action_publish"):
                self.assert_call_refused(user, month, method)
        self.rpc(self.assessor, month, "action_submit")
        self.assertEqual(month.state, "to_approve")
        for user in (self.assessor, self.clerk, self.supervisor):
            self.assert_call_refused(user, month, "action_approve")
            self.assert_write_refused(user, month, {"state": "approved"}, keys=KEYS)
        self.assertEqual(month.state, "to_approve")
        self.rpc(self.leader, month, "action_approve")
        self.assertEqual((month.state, month.approver_id), ("approved", self.leader))
        # approved: no honour changes, no event changes
        self.assert_write_refused(self.leader, line, {"is_star": True}, keys=KEYS)
        self.assert_write_refused(self.assessor, self.manual, {"quantity": 3.0}, keys=KEYS)
        self.rpc(self.assessor, month, "action_publish")
        self.assertEqual(month.state, "published")
        self.assert_write_refused(self.assessor, month, {"state": "draft"}, keys=KEYS)


@tagged("post_install", "-at_install")
class TestYearIntegrity(AssessmentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.generate_march()
        month = cls.march()
        month.action_compute()
        month.action_submit()
        month.with_user(cls.leader).action_approve()
        cls.year = cls.env["gov.assessment.year"].with_user(cls.assessor).create(
            {"company_id": cls.center.id, "year": 2026})
        cls.year.action_compute()
        cls.line_a = cls.year.line_ids.filtered(lambda l: l.employee_id == cls.emp_a)

    LINE_ATTACKS = {
        "month_score": 99.0, "final_score": 99.0, "rank": 1, "proposed_grade": "excellent", "state": "signed",
        "date_signed": D(2026, 12, 31), "appeal_result": "accepted", "appeal_decision": "同意", "appeal_reason": "x",
        "months_count": 12,
    }

    def test_year_line_fields(self):
        year, line = self.year, self.line_a
        self.assertEqual((year.state, line.state), ("review", "draft"))
        for user in (self.assessor, self.leader, self.admin_user, self.clerk, self.head):
            self.assert_write_refused(user, year, {"state": "done"}, keys=KEYS)
            self.assert_write_refused(user, year, {"month_count": 12}, keys=KEYS)
            for fname, value in self.LINE_ATTACKS.items():
                self.assert_write_refused(user, line, {fname: value}, keys=KEYS)
            self.assert_write_refused(user, line, {"employee_id": self.emp_c.id}, keys=KEYS)
            dep = year.department_line_ids[:1]
            self.assert_write_refused(user, dep, {"component": 10.0}, keys=KEYS)
            self.assert_write_refused(user, dep, {"date_sent": D(2026, 12, 31)}, keys=KEYS)
        # the review: only an assessor, only during the review, and it brings no other field along
        for user in (self.clerk, self.head, self.supervisor):
            self.assert_write_refused(user, line, {"review_score": 100.0}, keys=KEYS)
            self.assert_write_refused(user, line, {"review_comment": "自评优秀"}, keys=KEYS)
            self.assert_write_refused(user, line, {"grade": "excellent"}, keys=KEYS)
        self.assert_write_refused(self.assessor, line, {"review_score": 80.0, "final_score": 99.0}, keys=KEYS)
        for emp, score in ((self.emp_a, 80), (self.emp_b, 85), (self.emp_c, 85)):
            self.rpc(self.assessor, year.line_ids.filtered(lambda l, e=emp: l.employee_id == e), "write",
                     {"review_score": score, "review_comment": "履职良好"})
        self.assertAlmostEqual(line.final_score, 76.0 * 0.7 + 80 * 0.3)
        self.rpc(self.assessor, year, "action_propose_grades")
        self.rpc(self.assessor, year, "action_send_for_signing")
        self.assertEqual(line.state, "to_sign")
        # sent for signing: the review, the grade and the rules are fixed (the former gov_appeal_decision key
        # is among the keys tried)
        for user in (self.assessor, self.leader, self.admin_user):
            self.assert_write_refused(user, line, {"review_score": 100.0}, keys=KEYS)
            self.assert_write_refused(user, line, {"grade": "excellent"}, keys=KEYS)
            self.assert_write_refused(user, year, {"excellent_quota": 100.0}, keys=KEYS)
        # sign or appeal: only the staff member, through the actions
        self.assert_call_refused(self.assessor, line, "action_sign")
        self.rpc(self.clerk, line, "action_appeal", "本人3月离岗记录已申诉成功")
        self.assertEqual(line.state, "appealed")
        self.assert_call_refused(self.clerk, line, "action_decide_appeal", True, "同意", "excellent")
        self.rpc(self.assessor, line, "action_decide_appeal", False, "经复核,维持称职")
        self.assertEqual((line.state, line.appeal_result, line.grade), ("decided", "rejected", "competent"))
        self.assert_write_refused(self.assessor, line, {"appeal_decision": "改判"}, keys=KEYS)
