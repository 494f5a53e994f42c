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
        cls.month = cls.computed_march()
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
        cls.approved_march()
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
        self.assert_call_refused(self.assessor, year, "action_approve")
        self.rpc(self.leader, year, "action_approve")
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


@tagged("post_install", "-at_install")
class TestActivityIntegrity(AssessmentCase):
    """The records that feed the scores: inspection rounds and their checks, training sessions and their
    attendance, commendations, fault accountability. Their state changes only through the actions (the
    supervision office or an HR assessor); what becomes an event is the form's while the record is planned
    or a draft, and fixed afterwards for every role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.roles = (cls.supervisor, cls.assessor, cls.leader, cls.admin_user, cls.clerk, cls.head)
        # roles that are neither the supervision office nor an HR assessor
        cls.others = (cls.clerk, cls.reviewer, cls.head)

    def refused(self, record, vals, users=None):
        for user in users or self.roles:
            self.assert_write_refused(user, record, vals, keys=KEYS)

    def events(self, records):
        return self.env["gov.assessment.event"].search([("res_model", "=", records._name),
                                                        ("res_id", "in", records.ids)])

    def refused_create(self, user, model, vals):
        for ctx in ({}, dict.fromkeys(KEYS, True)):
            with self.subTest(user=user.login, vals=vals, context=ctx), self.assertRaises(REFUSED):
                self.rpc(user, self.env[model], "create", vals, context=ctx)

    def test_inspection_round_and_checks(self):
        Round = self.env["gov.assessment.inspection"]
        values = {"company_id": self.center.id, "date": "2026-03-04", "round_no": 1, "hour": 9.0,
                  "inspector_id": self.supervisor.id,
                  "line_ids": [(0, 0, {"window_id": self.window.id, "employee_id": self.emp_a.id}),
                               (0, 0, {"window_id": self.window.id, "employee_id": self.emp_b.id})]}
        rnd = Round.with_user(self.supervisor).create(values)
        other = Round.with_user(self.supervisor).create(dict(values, round_no=2))
        line_a = rnd.line_ids.filtered(lambda l: l.employee_id == self.emp_a)
        # the state never by hand, not even on a planned round nor in superuser mode; not on create either
        for vals in ({"state": "done"}, {"state": "cancel"}):
            self.refused(rnd, vals)
        self.refused(line_a, {"has_finding": True})
        with self.assertRaisesRegex(REFUSED, "change only through its actions"):
            rnd.sudo().write({"state": "done"})
        self.refused_create(self.supervisor, Round._name, dict(values, round_no=3, line_ids=[], state="done"))
        # the inspector records the checks on the form, then completes the round through its action
        self.rpc(self.supervisor, line_a, "write", {"badge": False, "note": "未佩戴工作牌"})
        self.rpc(self.supervisor, rnd, "action_mark_all_ok")
        for user in self.others:
            self.assert_call_refused(user, rnd, "action_done")
        self.assertEqual(rnd.state, "planned")
        self.rpc(self.supervisor, rnd, "action_done")
        self.assertEqual(rnd.state, "done")
        events = self.events(line_a)
        self.assertEqual(len(events), 2, "a finding for the person and one for the window")
        # completed: the round's day, time, number, inspector and state, and every check are fixed
        for vals in ({"state": "planned"}, {"date": D(2026, 3, 5)}, {"hour": 14.5}, {"round_no": 9},
                     {"company_id": self.center2.id}):
            self.refused(rnd, vals)
        for user in self.roles:
            self.assert_write_refused(user, rnd, {"inspector_id": user.id}, keys=KEYS)
        for vals in ({"badge": True}, {"on_post": False}, {"checked": False}, {"note": "改"},
                     {"employee_id": self.emp_c.id}, {"window_id": self.window_b.id}, {"has_finding": False}):
            self.refused(line_a, vals)
        for user in (self.supervisor, self.assessor, self.admin_user):
            self.assert_call_refused(user, line_a, "unlink")
            self.assert_call_refused(user, rnd, "unlink")
            # a check is neither added to the completed round nor moved into it from a planned one
            self.refused_create(user, line_a._name, {"round_id": rnd.id, "window_id": self.window_b.id,
                                                     "employee_id": self.emp_c.id, "uniform": False})
            self.assert_write_refused(user, other.line_ids[:1], {"round_id": rnd.id}, keys=KEYS)
            self.assert_call_refused(user, rnd, "action_cancel")
        self.assertEqual(len(rnd.line_ids), 2)
        self.assertEqual(self.events(line_a), events)
        # reopened by an HR assessor only; planned again, the form edits it and the events go
        self.assert_call_refused(self.supervisor, rnd, "action_reopen")
        self.assert_call_refused(self.clerk, rnd, "action_reopen")
        self.rpc(self.assessor, rnd, "action_reopen")
        self.assertEqual(rnd.state, "planned")
        self.assertFalse(events.exists())
        self.assert_call_refused(self.assessor, rnd, "action_reopen")
        self.rpc(self.assessor, rnd, "write", {"hour": 9.5})
        self.rpc(self.supervisor, line_a, "write", {"badge": True})
        # a planned round is cancelled by the officers only
        for user in self.others:
            self.assert_call_refused(user, other, "action_cancel")
        self.rpc(self.assessor, other, "action_cancel")
        self.assertEqual(other.state, "cancel")
        self.refused(other, {"state": "planned"})
        self.refused(other, {"date": D(2026, 3, 6)}, users=(self.supervisor, self.assessor))

    def test_training_and_attendance(self):
        Training = self.env["gov.assessment.training"]
        values = {"name": "每周五学习培训:文明礼仪", "company_id": self.center.id,
                  "date": datetime.datetime(2026, 3, 13, 8, 0),
                  "attendance_ids": [(0, 0, {"employee_id": self.emp_a.id, "state": "absent"}),
                                     (0, 0, {"employee_id": self.emp_b.id, "state": "present"})]}
        session = Training.with_user(self.supervisor).create(values)
        later = Training.with_user(self.supervisor).create(
            dict(values, date=datetime.datetime(2026, 3, 20, 8, 0), name="每周五学习培训:业务"))
        att_a = session.attendance_ids.filtered(lambda a: a.employee_id == self.emp_a)
        att_b = session.attendance_ids - att_a
        self.refused(session, {"state": "done"})
        self.refused_create(self.assessor, Training._name, dict(values, attendance_ids=[], state="done"))
        # planned: the attendance is the form's
        self.rpc(self.assessor, att_b, "write", {"state": "late"})
        for user in self.others:
            self.assert_call_refused(user, session, "action_done")
        self.rpc(self.supervisor, session, "action_done")
        self.assertEqual(session.state, "done")
        event = self.events(att_a)
        self.assertEqual((event.employee_id, event.points), (self.emp_a, -1.0))
        # held: its day, center, state and attendance are fixed, superuser mode included
        for vals in ({"state": "planned"}, {"date": "2026-03-12 08:00:00"}, {"company_id": self.center2.id}):
            self.refused(session, vals)
        for vals in ({"state": "present"}, {"employee_id": self.emp_c.id}, {"training_id": later.id},
                     {"note": "补签"}):
            self.refused(att_a, vals)
        with self.assertRaisesRegex(REFUSED, "closed"):
            att_a.sudo().write({"state": "present"})
        for user in (self.supervisor, self.assessor, self.admin_user):
            self.refused_create(user, att_a._name, {"training_id": session.id, "employee_id": self.emp_c.id,
                                                    "state": "absent"})
            self.assert_write_refused(user, later.attendance_ids[:1], {"training_id": session.id}, keys=KEYS)
            self.assert_call_refused(user, att_a, "unlink")
            self.assert_call_refused(user, session, "unlink")
            self.assert_call_refused(user, session, "action_done")
        self.assertEqual((att_a.state, len(session.attendance_ids)), ("absent", 2))
        self.assertEqual(self.events(att_a), event)
        # cancelled through its action, by the officers: the absence no longer counts
        for user in self.others:
            self.assert_call_refused(user, session, "action_cancel")
        self.rpc(self.assessor, session, "action_cancel")
        self.assertEqual(session.state, "cancel")
        self.assertFalse(event.exists())
        self.assert_call_refused(self.assessor, session, "action_cancel")
        self.refused(session, {"state": "done"})

    def test_commendation(self):
        Commendation = self.env["gov.assessment.commendation"]
        values = {"name": "群众来信表扬黄敏", "company_id": self.center.id, "date": "2026-03-18", "kind": "letter",
                  "employee_id": self.emp_b.id, "window_id": self.window.id}
        rec = Commendation.with_user(self.supervisor).create(values)
        self.refused(rec, {"state": "confirmed"})
        self.refused_create(self.supervisor, Commendation._name, dict(values, state="confirmed"))
        ignored = Commendation.with_user(self.supervisor).with_context(default_state="confirmed").create(values)
        self.assertEqual(ignored.state, "draft")
        # a draft: the form edits it; the officers confirm it
        self.rpc(self.supervisor, rec, "write", {"date": D(2026, 3, 17), "kind": "banner"})
        for user in self.others:
            self.assert_call_refused(user, rec, "action_confirm")
        self.rpc(self.assessor, rec, "action_confirm")
        self.assertEqual(rec.state, "confirmed")
        events = self.events(rec)
        self.assertEqual(sorted(events.mapped("target")), ["staff", "window"])
        # confirmed: who, which window, when and what are fixed
        for vals in ({"state": "draft"}, {"state": "cancel"}, {"date": D(2026, 3, 19)},
                     {"employee_id": self.emp_a.id}, {"window_id": self.window_b.id}, {"name": "改"},
                     {"kind": "superior"}, {"company_id": self.center2.id}):
            self.refused(rec, vals)
        self.assert_call_refused(self.assessor, rec, "action_confirm")
        for user in (self.supervisor, self.assessor, self.admin_user):
            self.assert_call_refused(user, rec, "unlink")
        self.rpc(self.supervisor, rec, "write", {"description": "锦旗已存档"})
        self.assertEqual(self.events(rec), events)
        # cancelled through its action, by the officers
        for user in self.others:
            self.assert_call_refused(user, rec, "action_cancel")
        self.rpc(self.supervisor, rec, "action_cancel")
        self.assertFalse(events.exists())
        self.assert_call_refused(self.supervisor, rec, "action_cancel")
        self.refused(rec, {"state": "confirmed"})

    def test_accountability(self):
        Record = self.env["gov.assessment.accountability"]
        values = {"company_id": self.center.id, "date": "2026-03-20", "origin": "other", "origin_ref": "督查通报",
                  "fault_type": "negligent", "fault_form": "omission", "fault_holder": "handler",
                  "employee_id": self.emp_c.id, "window_id": self.window_b.id, "department_id": self.dept_b.id,
                  "facts": "未一次性告知需补正的材料。", "measure": "education"}
        rec = Record.with_user(self.assessor).create(values)
        self.assertTrue(rec.name.startswith("ZRZJ"))
        # the reference comes from the sequence, the state from the actions
        for vals in ({"state": "confirmed"}, {"name": "ZRZJ-FAKE"}):
            self.refused(rec, vals)
        for extra in ({"state": "confirmed"}, {"name": "ZRZJ-MINE"}):
            self.refused_create(self.assessor, Record._name, dict(values, **extra))
        mine = Record.with_user(self.assessor).with_context(default_name="ZRZJ-MINE",
                                                            default_state="confirmed").create(values)
        self.assertTrue(mine.name.startswith("ZRZJ") and mine.name != "ZRZJ-MINE")
        self.assertEqual(mine.state, "draft")
        # a draft: the form edits it; the officers confirm it
        self.rpc(self.supervisor, rec, "write", {"measure": "circular", "fault_holder": "handler"})
        for user in self.others:
            self.assert_call_refused(user, rec, "action_confirm")
        self.rpc(self.assessor, rec, "action_confirm")
        events = self.events(rec)
        self.assertEqual(sorted(events.mapped("target")), ["staff", "window"])
        # confirmed: who, when, the fault and the measure are fixed
        for vals in ({"state": "draft"}, {"state": "cancel"}, {"name": "ZRZJ-FAKE"}, {"date": D(2026, 3, 21)},
                     {"employee_id": self.emp_a.id}, {"window_id": self.window.id}, {"department_id": self.dept.id},
                     {"fault_type": "intentional"}, {"fault_form": "act"}, {"fault_holder": "leader"},
                     {"measure": "removal"}, {"origin": "case"}, {"company_id": self.center2.id}):
            self.refused(rec, vals)
        self.assert_call_refused(self.assessor, rec, "action_confirm")
        for user in (self.supervisor, self.assessor, self.admin_user):
            self.assert_call_refused(user, rec, "unlink")
        # the details of the measure stay the officers' to complete
        self.rpc(self.assessor, rec, "write", {"measure_note": "已在周五学习会上通报。"})
        self.assertEqual(self.events(rec), events)
        for user in self.others:
            self.assert_call_refused(user, rec, "action_cancel")
        self.rpc(self.assessor, rec, "action_cancel")
        self.assertEqual(rec.state, "cancel")
        self.assertFalse(events.exists())
        self.assert_call_refused(self.assessor, rec, "action_cancel")
