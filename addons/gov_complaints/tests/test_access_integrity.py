"""Access integrity of complaints: protected fields, the hotline token, anonymity.

Every attack goes through ``call_kw`` (the public-method checks of RPC), without and with each former
bypass context key; the record must read back unchanged. Anonymous complaints are then read as a department
reviewer would (record, chatter, tracking values, followers, attachments, activities).
"""
import re
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.gov_hall_base.tests.common import BYPASS_KEYS, REFUSED, GovAssertMixin
from odoo.addons.gov_hall_base.tools.protect import granted

from .common import ComplaintCase

# a value for each protected field of gov.complaint, different from what the test records hold
COMPLAINT_ATTACKS = {
    "state": "closed", "step": "reply", "path": "coordination", "name": "TS-FAKE-001", "query_code": "AAAA2222",
    "date_registered": date(2020, 1, 1), "date_approved": date(2020, 1, 2), "opinion_deadline": date(2030, 1, 1),
    "opinion_date": date(2020, 1, 3), "department_deadline": date(2030, 1, 2), "department_date": date(2020, 1, 4),
    "reply_deadline": date(2030, 1, 3), "reply_date": date(2020, 1, 5), "overdue": True,
    "supervision_color": "red", "escalated": True, "date_closed": date(2020, 1, 6), "cancel_reason": "伪造",
    "deadline_start": date(2030, 1, 1), "deadline_days": 99, "deadline_paused_days": 9,
    "deadline": date(2030, 12, 31), "deadline_provisional": True, "hotline_sync_state": "done",
    "hotline_sync_error": "伪造",
}
OUTCOME_ATTACKS = {"substantiated": True, "fault_type": "intentional", "fault_form": "omission",
                   "fault_holder": "leader"}


@tagged("post_install", "-at_install")
class TestComplaintProtectedFields(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a complaint transferred to 人社局 through the actions (state department, clock running)
        cls.complaint = cls._complaint_as(cls.supervisor)
        cls.complaint.action_register()
        cls.complaint.write({"handling_opinion": "转办", "transfer_department_ids": [(6, 0, cls.dept.ids)]})
        cls.complaint.action_propose_transfer()
        cls.complaint.with_user(cls.leader).action_approve_opinion()
        # a closed one, with its outcome recorded by the officer
        cls.closed = cls._complaint_as(cls.supervisor)
        cls.closed.action_register()
        cls.closed.spot_answer = "已当场解释。"
        cls.closed.action_answer_on_spot()
        cls.closed.write({"satisfaction": "satisfied", "substantiated": True, "fault_type": "negligent",
                          "fault_form": "act", "fault_holder": "handler"})
        cls.closed.action_close()

    @classmethod
    def _complaint_as(cls, user, **vals):
        values = {
            "company_id": cls.center.id, "channel": "desk", "kind": "service", "title": "窗口人员态度生硬",
            "facts": "办理社保转移时窗口人员态度生硬。", "window_id": cls.window.id, "employee_id": cls.staff.id,
            "complainant_name": "赵先生", "complainant_phone": "13907930001",
        }
        values.update(vals)
        return cls.env["gov.complaint"].with_user(user).create(values)

    def test_complaint_fields_refused_for_every_role(self):
        c = self.complaint
        self.assertEqual((c.state, c.step), ("department", "department"))
        for user in (self.reviewer, self.chief, self.supervisor, self.leader, self.admin_user):
            for fname, value in COMPLAINT_ATTACKS.items():
                self.assert_write_refused(user, c, {fname: value})
            self.assert_write_refused(user, c, {"registered_by": user.id})
            self.assert_write_refused(user, c, {"approver_id": user.id})
        # a department user may not touch the outcome either
        for user in (self.reviewer, self.chief):
            for fname, value in OUTCOME_ATTACKS.items():
                self.assert_write_refused(user, c, {fname: value})
            self.assert_write_refused(user, c, {"fault_employee_id": self.staff.id})
        self.assertEqual(c.state, "department")

    def test_superuser_mode_is_not_an_officer(self):
        """A non-officer in superuser mode (a controller's sudo() keeps the user who asks) passes no officer
        check; server code acts inside a grant instead."""
        c = self._complaint_as(self.supervisor)
        as_reviewer = c.with_user(self.reviewer).sudo()
        with self.assertRaisesRegex(AccessError, "Only the complaint officers"):
            as_reviewer.action_register()
        self.assertEqual(c.state, "new")
        letter = self.env["gov.complaint.letter"].with_user(self.supervisor).create({
            "company_id": self.center.id, "department_id": self.dept.id, "subject_type": "other",
            "subject": "督办", "content": "<p>请于5个工作日内回复。</p>"})
        with self.assertRaisesRegex(AccessError, "supervision office"):
            letter.with_user(self.reviewer).sudo().action_send()
        with self.assertRaisesRegex(AccessError, "only write its reply"):
            letter.with_user(self.reviewer).sudo().write({"subject": "改"})
        self.assertEqual(letter.state, "draft")
        with granted(c):
            c.with_user(self.reviewer).sudo().action_register()
        self.assertEqual(c.state, "registered")

    def test_opinion_decided_by_a_leader_of_the_center_only(self):
        """The handling opinion (gov.hall.approval.mixin): its state and approval change by the leader's action
        only; nobody writes them, nor creates an opinion of their own."""
        c = self._complaint_as(self.supervisor)
        c.action_register()
        c.write({"handling_opinion": "转办", "transfer_department_ids": [(6, 0, self.dept.ids)]})
        c.action_propose_transfer()
        opinion = c.opinion_id
        for user in (self.supervisor, self.leader, self.admin_user):
            self.assert_write_refused(user, opinion, {"state": "approved"})
            self.assert_write_refused(user, opinion, {"approver_id": user.id})
            self.assert_write_refused(user, opinion, {"opinion": "改成别的意见"})
        self.assert_write_refused(self.supervisor, c, {"opinion_id": False})
        for user in (self.supervisor, self.admin2, self.reviewer):
            self.assert_call_refused(user, opinion, "action_approve")
            self.assert_call_refused(user, opinion, "action_refuse", "不同意")
        self.assert_call_refused(self.supervisor, c, "action_approve_opinion")
        self.assertEqual((opinion.state, c.state), ("to_approve", "approval"))
        with self.assertRaises(REFUSED):
            self.rpc(self.supervisor, opinion, "create", {"complaint_id": c.id, "path": "transfer", "opinion": "x"})
        self.rpc(self.leader, opinion, "action_approve")
        self.assertEqual((opinion.state, c.state, c.approver_id), ("approved", "department", self.leader))

    def test_outcome_fixed_once_closed(self):
        c = self.closed
        self.assertEqual((c.state, c.fault_employee_id), ("closed", self.staff))
        for user in (self.supervisor, self.leader, self.admin_user, self.reviewer):
            self.assert_write_refused(user, c, {"substantiated": False})
            self.assert_write_refused(user, c, {"fault_holder": "window_head"})
            self.assert_write_refused(user, c, {"fault_employee_id": self.window.head_employee_id.id})
        # an outcome field does not carry another protected field along
        self.assert_write_refused(self.supervisor, self.complaint, {"substantiated": True, "state": "closed"})
        # reopened through its action, the officer corrects the outcome on the form
        self.rpc(self.supervisor, c, "action_reopen")
        self.rpc(self.supervisor, c, "write", {"fault_holder": "window_head",
                                               "fault_employee_id": self.window.head_employee_id.id})
        self.rpc(self.supervisor, c, "action_close")
        self.assertEqual((c.state, c.fault_employee_id), ("closed", self.window.head_employee_id))

    def test_superuser_mode_and_create(self):
        c = self.complaint
        with self.assertRaisesRegex(REFUSED, "change only through its actions"):
            c.sudo().write({"state": "closed"})
        with self.assertRaisesRegex(REFUSED, "change only through its actions"):
            c.sudo().write({"overdue": True, "supervision_color": "red"})
        self.assertEqual((c.state, c.supervision_color), ("department", "green"))
        # a protected field sent on create is refused, a default_ key is ignored
        for vals in ({"state": "closed"}, {"date_closed": "2025-01-01"}, {"name": "TS-MINE"},
                     {"query_code": "MYCODE22"}, {"substantiated": True}, {"deadline_days": 30}):
            with self.assertRaisesRegex(REFUSED, "change only through its actions", msg=str(vals)):
                self._complaint_as(self.supervisor, **vals)
        new = self.env["gov.complaint"].with_user(self.supervisor).with_context(
            default_state="closed", default_overdue=True, default_query_code="MYCODE22").create({
                "company_id": self.center.id, "title": "默认值", "facts": "测试", "anonymous": True})
        self.assertEqual((new.state, new.overdue), ("new", False))
        self.assertNotEqual(new.sudo().query_code, "MYCODE22")
        self.assertTrue(new.name.startswith("TS"))
        # the actions still work over RPC, with their own checks
        self.assert_call_refused(self.reviewer, new, "action_register")
        self.rpc(self.supervisor, new, "action_register")
        self.assertEqual(new.state, "registered")

    def test_department_action_fields(self):
        c = self._complaint_as(self.supervisor)
        c.action_register()
        c.write({"handling_opinion": "协调", "transfer_department_ids": [(6, 0, (self.dept | self.dept_b).ids)]})
        c.action_propose_coordination()
        c.with_user(self.leader).action_approve_opinion()
        self.env["gov.complaint.meeting"].create({
            "complaint_id": c.id, "name": "协调会", "department_ids": [(6, 0, self.dept.ids)],
            "minutes": "<p>纪要</p>"}).action_held()
        c.write({"decision": "各自落实", "action_ids": [
            (0, 0, {"department_id": self.dept.id, "name": "补办手续"}),
            (0, 0, {"department_id": self.dept_b.id, "name": "出具证明"})]})
        c.action_decide()
        action = c.action_ids.filtered(lambda a: a.department_id == self.dept)
        self.assertTrue(action.deadline_start)
        attacks = {"state": "done", "date_done": date(2020, 1, 1), "deadline_start": date(2030, 1, 1),
                   "deadline_paused_days": 5, "deadline": date(2030, 1, 1), "deadline_provisional": True,
                   "overdue": True, "supervision_color": "red", "escalated": True, "deadline_days": 30}
        for user in (self.reviewer, self.supervisor, self.admin_user):
            for fname, value in attacks.items():
                self.assert_write_refused(user, action, {fname: value})
        # the department reports through its action
        self.rpc(self.reviewer, action, "write", {"result": "已补办。"})
        self.rpc(self.reviewer, action, "action_done")
        self.assertEqual(action.state, "done")

    def test_letter_fields(self):
        letter = self.env["gov.complaint.letter"].with_user(self.supervisor).create({
            "company_id": self.center.id, "department_id": self.dept.id, "subject_type": "complaint",
            "complaint_id": self.complaint.id, "subject": "督办函", "content": "<p>请回复。</p>", "deadline_days": 5})
        # the reply period is set while drafting
        self.rpc(self.supervisor, letter, "write", {"deadline_days": 3})
        self.rpc(self.supervisor, letter, "action_send")
        self.assertEqual(letter.state, "sent")
        attacks = {"state": "closed", "date_sent": date(2020, 1, 1), "date_replied": date(2020, 1, 2),
                   "deadline_start": date(2030, 1, 1), "deadline_paused_days": 5, "deadline": date(2030, 1, 1),
                   "deadline_provisional": True, "overdue": True, "supervision_color": "red", "escalated": True,
                   "deadline_days": 30}
        for user in (self.reviewer, self.supervisor, self.leader, self.admin_user):
            for fname, value in attacks.items():
                self.assert_write_refused(user, letter, {fname: value})
            self.assert_write_refused(user, letter, {"replied_by": user.id})
        self.rpc(self.reviewer, letter, "write", {"reply": "已处理。"})
        self.rpc(self.reviewer, letter, "action_reply")
        self.assert_call_refused(self.reviewer, letter, "action_close")
        self.rpc(self.supervisor, letter, "action_close")
        self.assertEqual(letter.state, "closed")
        with self.assertRaisesRegex(REFUSED, "cannot be cancelled"):
            self.rpc(self.supervisor, letter, "action_cancel")
        self.assertEqual(letter.state, "closed")

    def test_hotline_token_rotated_by_hall_admin_only(self):
        center = self.center.sudo()
        center.gov_hotline_token = "tok-before"
        for user in (self.bidder, self.applicant, self.clerk, self.reviewer, self.supervisor, self.leader,
                     self.admin2):
            self.assert_call_refused(user, self.center, "action_gov_generate_hotline_token")
            self.assertEqual(center.gov_hotline_token, "tok-before", user.login)
        self.rpc(self.admin_user, self.center, "action_gov_generate_hotline_token")
        self.assertNotEqual(center.gov_hotline_token, "tok-before")
        self.assertGreaterEqual(len(center.gov_hotline_token), 32)



@tagged("post_install", "-at_install")
class TestHandlingRecordsIntegrity(ComplaintCase):
    """Coordination meetings, inquiries, social supervisors' opinions and monthly circulars: their state (and
    the complaint an opinion became, the day a circular was issued) changes only through their actions, which
    the complaint officers call; what was decided is the form's until then, fixed afterwards for every role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.roles = (cls.supervisor, cls.leader, cls.admin_user, cls.reviewer, cls.chief, cls.assessor)
        # roles that are not complaint officers
        cls.others = (cls.reviewer, cls.chief, cls.assessor, cls.clerk)
        # a path-3 complaint in coordination, through the actions
        cls.complaint = cls.env["gov.complaint"].with_user(cls.supervisor).create({
            "company_id": cls.center.id, "channel": "desk", "kind": "business", "title": "企业开办多头跑",
            "facts": "办理企业开办需在两个窗口之间往返。", "window_id": cls.window.id,
            "complainant_name": "钱女士", "complainant_phone": "13907930002"})
        cls.complaint.action_register()
        cls.complaint.write({"handling_opinion": "协调",
                             "transfer_department_ids": [(6, 0, (cls.dept | cls.dept_b).ids)]})
        cls.complaint.action_propose_coordination()
        cls.complaint.with_user(cls.leader).action_approve_opinion()

    def refused(self, record, vals, users=None):
        for user in users or self.roles:
            self.assert_write_refused(user, record, vals)

    def refused_create(self, user, model, vals):
        for ctx in ({}, dict.fromkeys(BYPASS_KEYS, True)):
            with self.subTest(user=user.login, vals=vals, context=ctx), self.assertRaises(REFUSED):
                self.rpc(user, self.env[model], "create", vals, context=ctx)

    def test_meeting(self):
        Meeting = self.env["gov.complaint.meeting"]
        values = {"complaint_id": self.complaint.id, "name": "企业开办协调会"}
        meeting = Meeting.with_user(self.supervisor).create(values)
        self.refused(meeting, {"state": "held"})
        self.refused_create(self.supervisor, Meeting._name, dict(values, state="held"))
        # planned: the officer records who took part and the minutes, then that it was held
        self.rpc(self.supervisor, meeting, "write", {"department_ids": [(6, 0, (self.dept | self.dept_b).ids)],
                                                     "minutes": "<p>市场监管局牵头。</p>", "conclusion": "一次办结"})
        for user in self.others:
            self.assert_call_refused(user, meeting, "action_held")
        self.rpc(self.supervisor, meeting, "action_held")
        self.assertEqual(meeting.state, "held")
        # held: the record of the meeting is fixed
        for vals in ({"state": "planned"}, {"state": "cancel"}, {"minutes": "<p>改</p>"}, {"conclusion": "改"},
                     {"department_ids": [(6, 0, self.dept.ids)]}, {"participant_user_ids": [(4, self.leader.id)]},
                     {"chair_id": self.leader.id}, {"date": "2020-01-01 00:00:00"}):
            self.refused(meeting, vals)
        with self.assertRaisesRegex(REFUSED, "change only through its actions"):
            meeting.sudo().write({"state": "cancel"})
        for user in (self.supervisor, self.admin_user):
            self.assert_call_refused(user, meeting, "action_held")
            self.assert_call_refused(user, meeting, "action_cancel")
        self.assertEqual(meeting.state, "held")
        # another planned meeting is cancelled by the officers only
        other = Meeting.with_user(self.supervisor).create(dict(values, name="第二次协调会"))
        for user in self.others:
            self.assert_call_refused(user, other, "action_cancel")
        self.rpc(self.leader, other, "action_cancel")
        self.assertEqual(other.state, "cancel")

    def test_inquiry(self):
        Inquiry = self.env["gov.complaint.inquiry"]
        values = {"name": "关于窗口多头跑的质询", "company_id": self.center.id, "complaint_id": self.complaint.id,
                  "employee_id": self.staff.id, "date": "2026-03-10 02:00:00",
                  "questions": "<p>为何要求群众往返两个窗口?</p>"}
        inquiry = Inquiry.with_user(self.supervisor).create(values)
        self.refused(inquiry, {"state": "held"})
        self.refused_create(self.supervisor, Inquiry._name, dict(values, state="held"))
        self.rpc(self.supervisor, inquiry, "write", {"answers": "<p>对流程不熟悉。</p>", "conclusion": "批评教育"})
        for user in self.others:
            self.assert_call_refused(user, inquiry, "action_held")
        self.rpc(self.supervisor, inquiry, "action_held")
        self.assertEqual(inquiry.state, "held")
        for vals in ({"state": "planned"}, {"state": "cancel"}, {"answers": "<p>改</p>"}, {"conclusion": "改"},
                     {"questions": "<p>改</p>"}, {"employee_id": self.window.head_employee_id.id},
                     {"date": "2020-01-01 00:00:00"}, {"inquirer_ids": [(4, self.leader.id)]}):
            self.refused(inquiry, vals)
        for user in (self.supervisor, self.admin_user):
            self.assert_call_refused(user, inquiry, "action_held")
            self.assert_call_refused(user, inquiry, "action_cancel")
        other = Inquiry.with_user(self.supervisor).create(values)
        for user in self.others:
            self.assert_call_refused(user, other, "action_cancel")
        self.rpc(self.supervisor, other, "action_cancel")
        self.assertEqual((inquiry.state, other.state), ("held", "cancel"))

    def test_supervisor_opinion(self):
        sup = self.env["gov.social.supervisor"].with_user(self.supervisor).create(
            {"name": "孙建国", "employer": "市人大代表", "phone": "13807930002", "company_id": self.center.id})
        Opinion = self.env["gov.social.supervisor.opinion"]
        values = {"supervisor_id": sup.id, "window_id": self.window.id, "content": "人社局窗口午休期间无人值守。"}
        op = Opinion.with_user(self.supervisor).create(values)
        for vals in ({"state": "adopted"}, {"state": "complaint"}, {"complaint_id": self.complaint.id}):
            self.refused(op, vals)
            self.refused_create(self.supervisor, Opinion._name, dict(values, **vals))
        ignored = Opinion.with_user(self.supervisor).with_context(default_state="noted").create(values)
        self.assertEqual(ignored.state, "new")
        for user in self.others:
            for method in ("action_adopt", "action_note", "action_to_complaint"):
                self.assert_call_refused(user, op, method)
        self.assertEqual((op.state, op.complaint_id), ("new", self.complaint.browse()))
        self.rpc(self.supervisor, op, "action_to_complaint")
        self.assertEqual((op.state, op.complaint_id.channel), ("complaint", "supervisor"))
        complaint = op.complaint_id
        for vals in ({"state": "new"}, {"state": "adopted"}, {"complaint_id": self.complaint.id},
                     {"complaint_id": False}, {"content": "改"}, {"window_id": self.window_b.id},
                     {"date": "2020-01-01"}):
            self.refused(op, vals)
        for method in ("action_adopt", "action_note", "action_to_complaint"):
            self.assert_call_refused(self.supervisor, op, method)
        self.assertEqual((op.state, op.complaint_id), ("complaint", complaint))
        # the response to the supervisor stays the officers' to write
        self.rpc(self.supervisor, op, "write", {"response": "已立案调查。"})
        self.rpc(self.supervisor, ignored, "action_note")
        self.assertEqual(ignored.state, "noted")
        self.assert_call_refused(self.supervisor, ignored, "action_adopt")

    def test_circular(self):
        Circular = self.env["gov.complaint.circular"]
        circular = Circular.with_user(self.supervisor).create({"company_id": self.center.id, "month": "2026-02"})
        for vals in ({"state": "issued"}, {"date_issued": date(2026, 3, 1)}):
            self.refused(circular, vals)
            self.refused_create(self.supervisor, Circular._name, dict({"company_id": self.center.id,
                                                                        "month": "2026-01"}, **vals))
        self.rpc(self.supervisor, circular, "write", {"intro": "<p>二月份投诉情况</p>"})
        for user in self.others:
            self.assert_call_refused(user, circular, "action_issue")
        self.rpc(self.supervisor, circular, "action_issue")
        self.assertEqual(circular.state, "issued")
        self.assertTrue(circular.date_issued)
        for vals in ({"state": "draft"}, {"date_issued": date(2020, 1, 1)}, {"intro": "<p>改</p>"},
                     {"remarks": "<p>改</p>"}, {"month": "2026-03"}, {"name": "改"}):
            self.refused(circular, vals)
        self.assert_call_refused(self.supervisor, circular, "action_issue")
        self.assertEqual(circular.state, "issued")


class AnonymityMixin:
    """What a department reviewer can read of a complaint, and the traces of a submitter in it."""

    def reviewer_view(self, complaint, reviewer):
        rc = complaint.with_user(reviewer)
        self.env.flush_all()
        self.env.invalidate_all()
        record = rc.read()[0]
        messages = rc.message_ids.read(["author_id", "email_from", "reply_to", "body", "subject", "create_uid",
                                        "write_uid", "partner_ids", "record_name"])
        # the chatter shows each message's tracking values (the field is read with sudo by the platform)
        trackings = self.env["mail.tracking.value"].sudo().search(
            [("mail_message_id", "in", [m["id"] for m in messages])]).read(
            ["old_value_char", "new_value_char", "old_value_text", "new_value_text", "old_value_integer",
             "new_value_integer", "create_uid", "write_uid"])
        followers = rc.message_follower_ids.read(["partner_id", "name", "email"])
        attachments = self.env["ir.attachment"].with_user(reviewer).search(
            [("res_model", "=", complaint._name), ("res_id", "=", complaint.id)]) | rc.attachment_ids
        attachments = attachments.read(["name", "create_uid", "write_uid"])
        activities = rc.activity_ids.read(["user_id", "create_uid", "write_uid", "summary", "note"])
        return {"record": record, "messages": messages, "trackings": trackings, "followers": followers,
                "attachments": attachments, "activities": activities}

    def traces(self, view, user):
        """The traces of ``user`` in ``view``: name, login, e-mail in any value, its user or partner id in a
        relation."""
        found = []
        text = str(view)
        for marker in (user.name, user.login, user.email, user.partner_id.email):
            if marker and marker in text:
                found.append(marker)
        uid, pid = user.id, user.partner_id.id
        rec = view["record"]
        for fname in ("create_uid", "write_uid"):
            if rec[fname] and rec[fname][0] == uid:
                found.append(f"complaint.{fname}")
        for part, fnames in (("messages", ("create_uid", "write_uid")), ("attachments", ("create_uid", "write_uid")),
                             ("activities", ("user_id", "create_uid", "write_uid")),
                             ("trackings", ("create_uid", "write_uid"))):
            for row in view[part]:
                found += [f"{part}.{f}" for f in fnames if row[f] and row[f][0] == uid]
        for row in view["messages"]:
            if row["author_id"] and row["author_id"][0] == pid:
                found.append("messages.author_id")
            if pid in row["partner_ids"]:
                found.append("messages.partner_ids")
        found += ["followers" for row in view["followers"] if row["partner_id"] and row["partner_id"][0] == pid]
        return found

    def assert_anonymous_view(self, complaint, reviewer, submitter, handled=False):
        """``handled``: the officers have worked on it since (write_uid and messages are theirs)."""
        view = self.reviewer_view(complaint, reviewer)
        self.assertEqual(self.traces(view, submitter), [], f"the reviewer finds the submitter in {view}")
        system = (self.env.ref("base.user_root") | self.env.ref("base.public_user")).ids
        self.assertIn(view["record"]["create_uid"][0], system, view["record"]["create_uid"])
        if handled:
            return view
        self.assertIn(view["record"]["write_uid"][0], system, view["record"]["write_uid"])
        odoobot = self.env.ref("base.partner_root")
        self.assertTrue(view["messages"], "the creation is logged")
        for row in view["messages"]:
            self.assertIn(row["author_id"] and row["author_id"][0], (False, odoobot.id))
        return view


@tagged("post_install", "-at_install")
class TestAnonymousComplaint(AnonymityMixin, ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = new_test_user(cls.env, login="anon_portal_sub", groups="base.group_portal",
                                        name="门户匿名提交人甲", email="anon.portal.sub@example.cn")
        cls.internal_user = new_test_user(cls.env, login="anon_internal_sub", groups="gov_hall_base.group_gov_clerk",
                                          name="内部匿名提交人乙", email="anon.internal.sub@example.cn",
                                          company_id=cls.center.id, company_ids=[(6, 0, cls.center.ids)])
        cls.env["hr.employee"].create({"name": "内部匿名提交人乙", "user_id": cls.internal_user.id,
                                       "company_id": cls.center.id, "department_id": cls.dept.id,
                                       "work_email": "anon.internal.sub@example.cn"})
        cls.officer = new_test_user(cls.env, login="anon_officer_sub", groups="gov_hall_base.group_gov_supervisor",
                                    name="督查匿名登记人丙", email="anon.officer.sub@example.cn",
                                    company_id=cls.center.id, company_ids=[(6, 0, cls.center.ids)])

    def _web(self, user, anonymous=True, **post):
        """What /complaint/submit does for ``user`` (the controller's sudo environment)."""
        env = self.env(user=user.id, context={})
        values = {"company_id": str(self.center.id), "kind": "service", "window_id": str(self.window.id),
                  "title": "窗口工作人员办事拖拉", "facts": "多次往返仍未办结。"}
        if anonymous:
            values["anonymous"] = "1"
        else:
            values.update({"complainant_name": user.name, "complainant_phone": "13907930099",
                           "complainant_email": user.email})
        values.update(post)
        partner = None if env.user._is_public() else env.user.partner_id
        files = [("现场照片.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"0" * 64)]
        return env["gov.complaint.public"].sudo()._create_web(values, files, self.center, partner=partner)

    def test_web_form_by_portal_user(self):
        c = self._web(self.portal_user)
        self.assertTrue(c.anonymous)
        self.assertEqual(c.department_id, self.dept)
        view = self.assert_anonymous_view(c, self.reviewer, self.portal_user)
        self.assertEqual(len(view["attachments"]), 1, "the reviewer sees the evidence, filed by OdooBot")
        # the officers' work later on adds them, never the submitter
        c.with_user(self.supervisor).action_register()
        self.assert_anonymous_view(c, self.reviewer, self.portal_user, handled=True)

    def test_web_form_by_internal_user(self):
        c = self._web(self.internal_user)
        self.assert_anonymous_view(c, self.reviewer, self.internal_user)
        self.assert_anonymous_view(c, self.chief, self.internal_user)

    def test_backend_registration_by_officer(self):
        Complaint = self.env(context={})["gov.complaint"]  # chatter on (the test class disables tracking)
        c = Complaint.with_user(self.officer).create({
            "company_id": self.center.id, "channel": "desk", "kind": "service", "title": "窗口人员态度生硬",
            "facts": "来访者要求匿名。", "window_id": self.window.id, "employee_id": self.staff.id,
            "anonymous": True, "complainant_name": "不应保存"})
        self.assertEqual(c.env.user, self.officer, "the caller keeps working on the record it created")
        self.assertFalse(c.sudo().complainant_name)
        self.assert_anonymous_view(c, self.reviewer, self.officer)
        # named as the officer in charge, the submitter is still not subscribed by the creation
        c2 = Complaint.with_user(self.officer).create({
            "company_id": self.center.id, "title": "匿名来信", "facts": "来信未署名。", "anonymous": True,
            "window_id": self.window.id, "user_id": self.officer.id})
        self.assertNotIn(self.officer.partner_id, c2.sudo().message_follower_ids.partner_id)
        self.assertEqual(c2.sudo().create_uid, self.env.ref("base.user_root"))
        # the officer's rights still apply: a reviewer cannot create an anonymous complaint
        with self.assertRaises(REFUSED):
            self.env["gov.complaint"].with_user(self.reviewer).create(
                {"title": "x", "facts": "y", "anonymous": True, "company_id": self.center.id})

    def test_hotline_anonymous_order(self):
        public = self.env.ref("base.public_user")
        c, _created = self.env(user=public.id, context={})["gov.complaint.public"].sudo()._create_hotline(
            {"order_no": "GD-ANON-1", "title": "超时", "content": "来电反映超时。", "anonymous": True,
             "window_code": self.window.code}, self.center)
        self.assertEqual(c.department_id, self.dept)
        self.assert_anonymous_view(c, self.reviewer, public)

    def test_control_named_complaint_shows_submitter(self):
        """The same complaint sent non-anonymously does show who sent it (the check above is not blind)."""
        c = self._web(self.portal_user, anonymous=False)
        self.assertFalse(c.anonymous)
        view = self.reviewer_view(c, self.reviewer)
        self.assertIn("complaint.create_uid", self.traces(view, self.portal_user))
        c = self._web(self.internal_user, anonymous=False)
        view = self.reviewer_view(c, self.reviewer)
        traces = self.traces(view, self.internal_user)
        self.assertIn("complaint.create_uid", traces)
        self.assertIn("followers", traces)
        self.assertIn("messages.author_id", traces)


@tagged("post_install", "-at_install")
class TestAnonymousComplaintHttp(AnonymityMixin, GovAssertMixin, HttpCase):
    """The web form over HTTP, logged in as a portal user who ticks 'anonymous'."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("gov_complaints.web_hourly_limit", 100)
        cls.center = cls.env["website"].get_current_website().company_id
        cls.center.gov_center_level = cls.center.gov_center_level or "city"
        cls.dept = cls.env["hr.department"].create({"name": "匿名测试局", "gov_stationed": True,
                                                    "company_id": cls.center.id})
        cls.window = cls.env["gov.hall.window"].create({
            "name": "匿名测试窗口", "code": "A77", "company_id": cls.center.id, "kind": "department",
            "department_ids": [(6, 0, cls.dept.ids)]})
        cls.reviewer = new_test_user(cls.env, login="anon_http_reviewer", groups="gov_hall_base.group_gov_reviewer",
                                     company_id=cls.center.id, company_ids=[(6, 0, cls.center.ids)])
        cls.env["hr.employee"].create({"name": "anon_http_reviewer", "user_id": cls.reviewer.id,
                                       "company_id": cls.center.id, "department_id": cls.dept.id})
        cls.portal_user = new_test_user(cls.env, login="anon_http_portal", password="anon_http_portal_pw",
                                        groups="base.group_portal", name="网页匿名提交人丁",
                                        email="anon.http.portal@example.cn")

    def _submit(self, **data):
        page = self.url_open("/complaint").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        payload = {"csrf_token": token, "company_id": str(self.center.id), "kind": "service",
                   "window_id": str(self.window.id), "title": "网页匿名投诉", "facts": "窗口无人值守。"}
        payload.update(data)
        res = self.url_open("/complaint/submit", data=payload,
                            files=[("attachments", ("照片.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64, "image/png"))])
        self.assertEqual(res.status_code, 200)
        number = re.search(r'o_complaint_number">([^<]+)<', res.text).group(1)
        return self.env["gov.complaint"].search([("name", "=", number)])

    def test_portal_user_anonymous_over_http(self):
        self.authenticate("anon_http_portal", "anon_http_portal_pw")
        c = self._submit(anonymous="1", complainant_name="", complainant_phone="")
        self.assertTrue(c.anonymous)
        view = self.assert_anonymous_view(c, self.reviewer, self.portal_user)
        self.assertEqual(len(view["attachments"]), 1)
        # control: the same complaint, named, shows the submitter
        named = self._submit(complainant_name="网页匿名提交人丁", complainant_phone="13907930088")
        self.assertFalse(named.anonymous)
        self.assertIn("complaint.create_uid", self.traces(self.reviewer_view(named, self.reviewer), self.portal_user))
