"""Tendering completeness (issue 13): the deposit the tender documents ask for and its secrecy until the
opening (招标投标法 第22条), the opening at the deadline presided by the tenderer's agent who answers the
objections on the spot (实施条例 第44条), the trading supervisor's suspension, the award among the candidates
(招标投标法 第40条; 实施条例 第55条), recordings with their hash in the log."""
import base64
import hashlib
import re
from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.service.model import call_kw
from odoo.tests import tagged
from odoo.tests.common import freeze_time

from odoo.addons.gov_hall_base.tools.protect import granted

from .common import T0, TradingCase

TENDERER = "gov_public_resource_trading.group_gov_trading_tenderer"
SUPERVISOR = "gov_public_resource_trading.group_gov_trading_supervisor"


class TenderingCase(TradingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tenderer_user, _ = cls._user("t_tenderer", TENDERER)
        cls.agent_user, _ = cls._user("t_agent", TENDERER)
        cls.other_agent, _ = cls._user("t_agent_other", TENDERER)
        cls.tsupervisor, _ = cls._user("t_tsupervisor", SUPERVISOR)

    @classmethod
    def make_tender(cls, **kw):
        project, lot = cls.make_project(**kw)
        project.write({"tenderer_user_ids": [(6, 0, cls.tenderer_user.ids)],
                       "agent_user_ids": [(6, 0, cls.agent_user.ids)]})
        return project, lot

    def kw(self, user, model, method, *args, **kwargs):
        """A model-level call as a client sends it."""
        return call_kw(self.env[model].with_user(user), method, list(args), kwargs)

    def _to_decrypting(self, prices=(11_800_000, 11_500_000, 12_100_000), **kw):
        project, lot = self.make_tender(**kw)
        self.publish(lot)
        regs = self.register(lot)
        keys = [self.seal_bid(reg, price) for reg, price in zip(regs, prices)]
        self.open_lot(lot)
        self.assertEqual(lot.state, "decrypting")
        return project, lot, regs, keys

    def _to_publicity(self, prices=(11_800_000, 11_500_000, 12_100_000), **kw):
        """Opening, decryption, then the ranking and the report as the evaluation leaves them (set up as the
        server: the evaluation itself is tested in test_evaluation)."""
        project, lot, regs, keys = self._to_decrypting(prices, **kw)
        with freeze_time(lot.date_bid_deadline + timedelta(minutes=5)):
            for bid, key in keys:
                self.decrypt(bid, key)
        self.assertEqual(lot.state, "evaluation")
        bids = [b for b, _k in keys]
        report = lot.date_bid_deadline + timedelta(days=1)
        with granted("gov.trading.lot", "gov.trading.bid"):
            for rank, bid in enumerate(sorted(bids, key=lambda b: b.price), start=1):
                bid.rank = rank
            lot.write({"evaluation_started": True, "date_report": report})
        lot.date_publicity_end = report + timedelta(days=4)
        with freeze_time(report + timedelta(hours=1)):
            lot.with_user(self.trading).action_publish_candidates()
        self.assertEqual(lot.state, "publicity")
        ranked = sorted(bids, key=lambda b: b.rank)
        return project, lot, ranked, report


@tagged("post_install", "-at_install")
class TestTenderingDeposits(TenderingCase):

    def test_deposit_only_when_the_documents_ask(self):
        """No deposit in the documents: none can be declared, and a bid needs none."""
        _project, lot = self.make_tender(deposit=0)
        self.publish(lot)
        reg = self.register(lot, self.bidders[:1])
        with self.assertRaisesRegex(UserError, "ask for no deposit|未要求"):
            self.declare_deposit({"registration_id": reg.id, "amount": 0, "bank_reference": "X1"})
        bid, _code = self.seal_bid(reg, 11_000_000)
        self.assertEqual(bid.state, "submitted")
        with self.assertRaisesRegex(ValidationError, "amount|金额"):
            self.make_tender(deposit=0, deposit_required=True)

    def test_bid_needs_the_required_deposit(self):
        _project, lot = self.make_tender(deposit=200_000, deposit_required=True, deposit_waiver_allowed=True)
        self.publish(lot)
        a, b, c = self.register(lot)
        with self.assertRaisesRegex(UserError, "第26条|art. 26"):
            self.seal_bid(a, 11_000_000)
        self.assertFalse(lot.bid_ids)
        # a declared transfer is not enough until the receipt is confirmed from the bank's advice
        dep = self.declare_deposit({"registration_id": a.id, "amount": 200_000, "bank_reference": "ICBC-0001"})
        with self.assertRaisesRegex(UserError, "第26条|art. 26"):
            self.seal_bid(a, 11_000_000)
        wizard = self.env["gov.trading.deposit.receipt.wizard"].with_user(self.trading).create({
            "lot_id": lot.id, "bank_reference": "ICBC-0002", "amount": 200_000})
        with freeze_time(T0 + timedelta(days=1)), self.assertRaisesRegex(UserError, "matches|匹配"):
            wizard.action_confirm()
        wizard.bank_reference = "ICBC-0001"
        with freeze_time(T0 + timedelta(days=1)):
            wizard.action_confirm()
        self.assertEqual(dep.state, "received")
        self.seal_bid(a, 11_000_000)
        # a bank guarantee, or the waiver the documents allow
        self.declare_deposit({"registration_id": b.id, "amount": 200_000, "bank_reference": "BG-2026-01",
                              "payment_method": "guarantee"})
        self.seal_bid(b, 11_200_000)
        self.declare_deposit({"registration_id": c.id, "amount": 200_000, "bank_reference": "承诺函",
                              "payment_method": "waiver"})
        self.seal_bid(c, 11_300_000)
        self.assertEqual(len(lot.bid_ids), 3)

    def test_waiver_only_when_the_documents_allow(self):
        _project, lot = self.make_tender(deposit=200_000, deposit_required=True)
        self.publish(lot)
        reg = self.register(lot, self.bidders[:1])
        with self.assertRaisesRegex(ValidationError, "waiver|免"):
            self.declare_deposit({"registration_id": reg.id, "amount": 200_000, "bank_reference": "承诺函",
                                  "payment_method": "waiver"})
        with self.assertRaisesRegex(UserError, "published|发布"):
            lot.write({"deposit_required": False})

    def test_deposits_hidden_until_the_opening(self):
        """招标投标法 第22条: who paid and how many stay hidden from the tenderer and the staff until the
        opening; over RPC the staff count none and read none, the tenderer's agent has no access at all."""
        project, lot = self.make_tender(deposit=200_000, deposit_required=True)
        self.publish(lot)
        regs = self.register(lot)
        deposits = self.env["gov.trading.deposit"]
        for i, reg in enumerate(regs):
            deposits |= self.declare_deposit({"registration_id": reg.id, "amount": 200_000,
                                              "bank_reference": f"ICBC-{i}"})
            with freeze_time(T0 + timedelta(days=1)):
                self.env["gov.trading.deposit.receipt.wizard"].with_user(self.trading).create({
                    "lot_id": lot.id, "bank_reference": f"ICBC-{i}", "amount": 200_000}).action_confirm()
        self.assertEqual(set(deposits.mapped("state")), {"received"})
        domain = [("lot_id", "=", lot.id)]
        # the staff: no deposit found, counted, grouped or read; the registrations show no deposit state
        self.assertEqual(self.kw(self.trading, "gov.trading.deposit", "search_count", domain), 0)
        self.assertEqual(self.kw(self.trading, "gov.trading.deposit", "search_read", domain, ["state"]), [])
        groups = self.kw(self.trading, "gov.trading.deposit", "formatted_read_group", domain, ["state"],
                         ["__count"])
        self.assertFalse(groups)
        with self.assertRaises(AccessError):
            self.rpc(self.trading, deposits[:1], "read", ["bidder_id", "amount"])
        rows = self.rpc(self.trading, regs, "read", ["deposit_state", "deposit_ids"])
        self.assertEqual({(r["deposit_state"], tuple(r["deposit_ids"])) for r in rows}, {(False, ())})
        lot_row = self.rpc(self.trading, lot, "read", ["deposit_ids"])[0]
        self.assertEqual(lot_row["deposit_ids"], [])
        log_domain = [("lot_id", "=", lot.id), ("event", "=", "deposit")]
        self.assertEqual(self.kw(self.trading, "gov.trading.log", "search_count", log_domain), 0,
                         "the log does not tell the staff who paid before the opening")
        self.assertTrue(self.kw(self.trading, "gov.trading.log", "search_count", [("lot_id", "=", lot.id)]))
        # the tenderer's agent: no access to deposits or registrations at all
        for user in (self.agent_user, self.tenderer_user):
            with self.assertRaises(AccessError):
                self.kw(user, "gov.trading.deposit", "search_count", domain)
            with self.assertRaises(AccessError):
                self.kw(user, "gov.trading.registration", "search_count", domain)
            with self.assertRaises(AccessError):
                self.rpc(user, lot, "read", ["deposit_ids"])
        # the bidder still sees its own deposit
        own = self.env["gov.trading.deposit"].with_user(regs[0].bidder_id.user_ids[0]).search([])
        self.assertEqual(own, deposits[:1])
        # the trading supervisor reads them
        self.assertEqual(self.kw(self.tsupervisor, "gov.trading.deposit", "search_count", domain), 3)
        # after the opening, the staff see them
        keys = [self.seal_bid(reg, 11_000_000 + i) for i, reg in enumerate(regs)]
        self.assertTrue(keys)
        self.open_lot(lot)
        self.assertEqual(self.kw(self.trading, "gov.trading.deposit", "search_count", domain), 3)
        self.assertEqual(self.kw(self.trading, "gov.trading.log", "search_count", log_domain), 6)
        rows = self.rpc(self.trading, regs, "read", ["deposit_state"])
        self.assertEqual({r["deposit_state"] for r in rows}, {"received"})


@tagged("post_install", "-at_install")
class TestTenderingOpening(TenderingCase):

    def test_cron_opens_at_the_deadline(self):
        project, lot = self.make_tender()
        self.publish(lot)
        regs = self.register(lot)
        for i, reg in enumerate(regs):
            self.seal_bid(reg, 11_000_000 + i)
        _p2, suspended = self.make_tender()
        self.publish(suspended)
        with freeze_time(T0 + timedelta(days=1)):
            suspended.with_user(self.tsupervisor)._supervisor_suspend("投诉处理中")
        Lot = self.env["gov.trading.lot"]
        with freeze_time(lot.date_bid_deadline - timedelta(seconds=30)):
            self.assertFalse(Lot._cron_open_at_deadline())
        self.assertEqual(lot.state, "published")
        with freeze_time(lot.date_bid_deadline + timedelta(seconds=20)):
            opened = Lot._cron_open_at_deadline()
        self.assertIn(lot, opened)
        self.assertNotIn(suspended, opened)
        self.assertEqual(lot.state, "decrypting")
        self.assertEqual(lot.date_opened, lot.date_bid_deadline + timedelta(seconds=20))
        self.assertEqual(suspended.state, "published")
        log = self.env["gov.trading.log"].search([("lot_id", "=", lot.id), ("event", "=", "opening")])
        self.assertEqual(len(log), 1)
        self.assertEqual(log.user_id, self.env.user)  # the server opened it, not a member of the staff

    def test_opening_objection_answered_by_the_agent(self):
        """实施条例 第44条: a bidder objects during the opening; the tenderer's agent, presiding, answers on
        the spot; the answer is in the opening record and the log; the opening ends only then."""
        project, lot, regs, keys = self._to_decrypting()
        with self.assertRaisesRegex(UserError, "第44条|art. 44"):
            with freeze_time(lot.date_bid_deadline - timedelta(days=1)):
                _p, other = self.make_tender()
                self.publish(other)
                reg = self.register(other, self.bidders[:1])
                self.raise_question({"lot_id": other.id, "bidder_id": reg.bidder_id.id, "kind": "opening_objection",
                                     "name": "开标前异议", "body": "..."})
        with freeze_time(lot.date_bid_deadline + timedelta(minutes=2)):
            objection = self.raise_question({
                "lot_id": lot.id, "bidder_id": regs[1].bidder_id.id, "kind": "opening_objection",
                "name": "递交时间异议", "body": "第三家投标人的递交时间晚于截止时间，请核实。"})
        self.assertEqual(objection.state, "open")
        # everyone decrypts: the opening waits for the answer
        with freeze_time(lot.date_bid_deadline + timedelta(minutes=5)):
            for bid, key in keys:
                self.decrypt(bid, key)
            self.assertEqual(lot.state, "decrypting")
            with self.assertRaisesRegex(UserError, "第44条|art. 44"):
                lot.with_user(self.trading).action_close_decryption()
        # the staff, another agency's user and the supervisor do not answer it
        objection.with_user(self.agent_user).answer = "经核对平台回执，第三家投标文件于截止时间前递交，异议不成立。"
        for user in (self.trading, self.other_agent, self.tsupervisor):
            with self.assertRaises(UserError):
                self.rpc(user, objection, "action_answer_opening")
        self.assertEqual(objection.state, "open")
        self.assert_write_refused(self.agent_user, objection, {"state": "answered"})
        self.assert_write_refused(self.agent_user, objection, {"body": "改写的异议"})
        # the agent answers on the spot
        with freeze_time(lot.date_bid_deadline + timedelta(minutes=6)):
            self.rpc(self.agent_user, objection, "action_answer_opening")
        self.assertEqual(objection.state, "answered")
        self.assertEqual(objection.answered_by_id, self.agent_user)
        self.assertEqual(lot.state, "evaluation", "the opening ends once its objections are answered")
        entries = self.env["gov.trading.log"].search([("res_model", "=", "gov.trading.question"),
                                                      ("res_id", "=", objection.id)], order="id")
        self.assertEqual([e.event for e in entries], ["objection", "objection"])
        self.assertIn("answered", entries[-1].payload)
        self.assertIn("异议不成立", entries[-1].payload)
        html = self.env["ir.actions.report"]._render_qweb_html(
            "gov_public_resource_trading.action_report_opening_record", lot.ids)[0].decode()
        self.assertIn("开标现场异议及答复", html)
        self.assertIn("异议不成立", html)
        self.assertIn("t_agent", html)
        # the lot's form opens for the agent and for the trading supervisor (every field it shows is readable)
        for user in (self.agent_user, self.tsupervisor):
            arch = self.env["gov.trading.lot"].with_user(user).get_views([(False, "form")])["views"]["form"]["arch"]
            names = sorted({n for n in re.findall(r'<field name="(\w+)"', arch) if n in lot._fields})
            self.assertIn("opening_objection_ids", names)
            lot.with_user(user).invalidate_recordset()
            lot.with_user(user).read(names)
            if user == self.agent_user:
                self.assertNotIn("registration_ids", names)
                self.assertNotIn("deposit_ids", names)
        # the agent reads its own project's lot and objection, not others'
        self.assertTrue(lot.with_user(self.agent_user).has_access("read"))
        self.assertFalse(lot.with_user(self.other_agent).has_access("read"))

    def test_procurement_absent_bidders_accept(self):
        """87号令 第40条: the opening record of a procurement says that absent suppliers accept the result."""
        project, lot, regs, keys = self._to_decrypting(kind="procurement", estimate=1_000_000, deposit=0,
                                                       prices=(900_000, 950_000, 980_000), criteria=False,
                                                       scoring_method="lowest_price")
        with freeze_time(lot.date_bid_deadline + timedelta(minutes=5)):
            for bid, key in keys:
                self.decrypt(bid, key)
        html = self.env["ir.actions.report"]._render_qweb_html(
            "gov_public_resource_trading.action_report_opening_record", lot.ids)[0].decode()
        self.assertIn("视同认可开标结果", html)
        self.assertIn("开标过程中无投标人提出异议", html)

    def test_recordings_with_their_hash(self):
        project, lot, regs, keys = self._to_decrypting()
        raw = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64
        Recording = self.env["gov.trading.recording"]
        with self.assertRaisesRegex(UserError, "audio|音"):
            Recording.with_user(self.trading).create({
                "lot_id": lot.id, "name": "开标录像", "phase": "opening",
                "data": base64.b64encode(b"plain text"), "filename": "note.txt"})
        with self.assertRaisesRegex(UserError, "not taken place|尚未"):
            Recording.with_user(self.trading).create({
                "lot_id": lot.id, "name": "评标录像", "phase": "evaluation",
                "data": base64.b64encode(raw), "filename": "evaluation.mp4"})
        rec = Recording.with_user(self.trading).create({
            "lot_id": lot.id, "name": "开标现场录像", "phase": "opening",
            "data": base64.b64encode(raw), "filename": "opening.mp4"})
        self.assertEqual(rec.sha256, hashlib.sha256(raw).hexdigest())
        entry = self.env["gov.trading.log"].search([("event", "=", "recording"), ("res_id", "=", rec.id)])
        self.assertIn(rec.sha256, entry.payload)
        self.assert_write_refused(self.trading, rec, {"sha256": "0" * 64})
        with self.assertRaises(UserError):
            rec.with_user(self.trading).write({"phase": "evaluation"})
        self.assertEqual(rec.with_user(self.tsupervisor).read(["sha256"])[0]["sha256"], rec.sha256)
        with self.assertRaises(AccessError):
            self.rpc(self.tsupervisor, rec, "write", {"name": "改名"})


@tagged("post_install", "-at_install")
class TestTradingSupervisor(TenderingCase):

    def test_supervisor_suspends_and_resumes(self):
        project, lot = self.make_tender()
        self.publish(lot)
        regs = self.register(lot)
        wizard = self.env["gov.trading.suspension.wizard"].with_user(self.tsupervisor).create({
            "lot_id": lot.id, "action": "suspend", "reason": ""})
        with self.assertRaisesRegex(UserError, "reason|理由"):
            wizard.action_confirm()
        # nobody else suspends: not the staff, not the tenderer, not the hall's supervisor, whatever they send
        for user in (self.trading, self.agent_user, self.supervisor, self.admin_user):
            self.assert_write_refused(user, lot, {"supervisor_suspended": True, "suspension_reason": "x"})
            with self.assertRaises(AccessError):
                self.rpc(user, lot, "action_open_suspension_wizard")
            with self.assertRaises(AccessError):
                self.kw(user, "gov.trading.suspension.wizard", "create",
                        [{"lot_id": lot.id, "action": "suspend", "reason": "越权"}])
            foreign = self.env["gov.trading.suspension.wizard"].create({
                "lot_id": lot.id, "action": "suspend", "reason": "越权"})
            with self.assertRaises(AccessError):
                foreign.with_user(user).action_confirm()
        lot.invalidate_recordset()
        self.assertFalse(lot.supervisor_suspended)
        self.assertFalse(lot.suspended)
        with freeze_time(T0 + timedelta(days=3)):
            wizard.reason = "收到关于资格条件的投诉，暂停招标活动。"
            wizard.action_confirm()
        self.assertTrue(lot.supervisor_suspended)
        self.assertTrue(lot.suspended)
        self.assertIn("资格条件", lot.suspension_reason)
        self.assertIn("资格条件", lot.message_ids[0].body)
        entry = self.env["gov.trading.log"].search([("lot_id", "=", lot.id), ("event", "=", "suspension")])
        self.assertEqual(entry.user_id, self.tsupervisor)
        self.assertIn("suspended", entry.payload)
        # while suspended: no bid, no opening
        with self.assertRaisesRegex(UserError, "第62条|art. 62"):
            self.seal_bid(regs[0], 11_000_000, when=T0 + timedelta(days=4))
        # the supervisor cannot resume without a reason, nor write anything on the lot
        with self.assertRaisesRegex(UserError, "reason|理由"):
            lot.with_user(self.tsupervisor)._supervisor_resume(" ")
        with self.assertRaises(AccessError):
            self.rpc(self.tsupervisor, lot, "write", {"name": "改名"})
        self.assert_write_refused(self.trading, lot, {"supervisor_suspended": False})
        self.assertTrue(lot.supervisor_suspended)
        with freeze_time(T0 + timedelta(days=5)):
            action = lot.with_user(self.tsupervisor).action_open_suspension_wizard()
            self.assertEqual(action["context"]["default_action"], "resume")
            self.env["gov.trading.suspension.wizard"].with_user(self.tsupervisor).create({
                "lot_id": lot.id, "action": "resume", "reason": "投诉不成立，恢复招标活动。"}).action_confirm()
        self.assertFalse(lot.suspended)
        entries = self.env["gov.trading.log"].search([("lot_id", "=", lot.id), ("event", "=", "suspension")],
                                                     order="id")
        self.assertEqual(len(entries), 2)
        self.assertIn("resumed", entries[-1].payload)
        for i, reg in enumerate(regs):
            self.seal_bid(reg, 11_000_000 + i, when=T0 + timedelta(days=6))
        self.open_lot(lot)
        self.assertEqual(lot.state, "decrypting")

    def test_resume_moves_a_deadline_missed_while_suspended(self):
        """Suspended 2 days before the bid deadline and resumed 3 days after it: the deadline (and so the
        opening) moves by the 5 days the procedure stood still; the cron does not open the lot at the old one."""
        project, lot = self.make_tender()
        self.publish(lot)
        regs = self.register(lot)
        old_deadline, sale_end = lot.date_bid_deadline, lot.date_sale_end
        suspended_at = old_deadline - timedelta(days=2)
        with freeze_time(suspended_at):
            lot.with_user(self.tsupervisor)._supervisor_suspend("收到投诉，暂停招标活动。")
        with freeze_time(old_deadline + timedelta(minutes=5)):
            self.env["gov.trading.lot"]._cron_open_at_deadline()
        self.assertEqual(lot.state, "published", "no opening while suspended")
        with freeze_time(old_deadline + timedelta(days=3)):
            lot.with_user(self.tsupervisor)._supervisor_resume("投诉不成立，恢复招标活动。")
        self.assertEqual(lot.date_bid_deadline, old_deadline + timedelta(days=5))
        self.assertEqual(lot.date_sale_end, sale_end, "the sale had ended before the suspension")
        entry = self.env["gov.trading.log"].search([("lot_id", "=", lot.id), ("event", "=", "suspension")],
                                                   order="id desc", limit=1)
        self.assertIn("date_bid_deadline", entry.payload)
        with freeze_time(old_deadline + timedelta(days=4)):
            self.env["gov.trading.lot"]._cron_open_at_deadline()
        for i, reg in enumerate(regs):
            self.seal_bid(reg, 11_000_000 + i, when=old_deadline + timedelta(days=4))
        self.assertEqual(lot.state, "published", "the bidders still have their period")
        self.open_lot(lot)
        self.assertEqual(lot.state, "decrypting")

    def test_supervisor_reads_everything_and_decides_complaints(self):
        project, lot, ranked, report = self._to_publicity()
        for model in ("gov.trading.project", "gov.trading.lot", "gov.trading.registration", "gov.trading.bid",
                      "gov.trading.log", "gov.trading.deposit", "gov.trading.question"):
            self.assertTrue(self.env[model].with_user(self.tsupervisor).has_access("read"), model)
            self.assertFalse(self.env[model].with_user(self.tsupervisor).has_access("create"), model)
        self.assertTrue(self.kw(self.tsupervisor, "gov.trading.log", "search_count", [("lot_id", "=", lot.id)]))
        with self.assertRaises(AccessError):
            self.rpc(self.tsupervisor, project, "write", {"name": "改名"})
        # a complaint after the publicity: the supervisor accepts it and decides within 30 working days
        with freeze_time(report + timedelta(days=2)):
            complaint = self.raise_question({
                "lot_id": lot.id, "bidder_id": ranked[2].bidder_id.id, "kind": "complaint", "challenge_basis": "result",
                "name": "投诉第一中标候选人", "body": "业绩造假。"})
        with freeze_time(report + timedelta(days=3)):
            complaint.with_user(self.tsupervisor).action_accept()
        self.assertTrue(complaint.answer_due)
        self.assertEqual(complaint.answer_due, self.env["gov.hall.calendar"].add_working_days(
            complaint.date_accepted, 30))
        with freeze_time(report + timedelta(days=10)):
            complaint.with_user(self.tsupervisor).answer = "经调查，投诉事项不成立，驳回投诉。"
            complaint.with_user(self.tsupervisor).action_answer()
        self.assertEqual(complaint.state, "answered")
        self.assertFalse(complaint.answered_late)
        # the supervisor does not answer other kinds of objections
        with freeze_time(report + timedelta(days=2)):
            objection = self.raise_question({"lot_id": lot.id, "bidder_id": ranked[1].bidder_id.id,
                                             "kind": "candidate_objection", "name": "异议", "body": "..."})
        with self.assertRaises(AccessError):
            objection.with_user(self.tsupervisor).action_answer()


@tagged("post_install", "-at_install")
class TestTenderingAward(TenderingCase):

    def _wizard(self, user, lot, mode, bid, reason="", decision="next"):
        return self.env["gov.trading.award.wizard"].with_user(user).create({
            "lot_id": lot.id, "mode": mode, "bid_id": bid.id, "reason": reason, "decision": decision})

    def test_award_to_the_next_candidate_when_the_first_drops_out(self):
        """实施条例 第55条: the first candidate of a state-funded project is awarded; when it refuses to sign, the
        tenderer takes the next candidate in order."""
        project, lot, ranked, report = self._to_publicity()
        self.assertTrue(project.state_funded)
        first, second, third = ranked
        # state-controlled: choosing the second is refused
        with freeze_time(report + timedelta(days=2)), self.assertRaisesRegex(UserError, "第55条|art. 55"):
            self._wizard(self.agent_user, lot, "choose", second, reason="报价更低").action_confirm()
        with freeze_time(report + timedelta(days=5)):
            lot.with_user(self.trading).action_award()
        self.assertEqual(lot.winner_bid_id, first)
        # the winner refuses to sign: the agent takes the next candidate
        with freeze_time(report + timedelta(days=8)):
            with self.assertRaisesRegex(UserError, "reason|理由"):
                self._wizard(self.agent_user, lot, "dropout", first).action_confirm()
            with self.assertRaises(AccessError):
                self._wizard(self.other_agent, lot, "dropout", first, reason="放弃").action_confirm()
            with self.assertRaisesRegex(UserError, "first candidate|第一"):
                self._wizard(self.agent_user, lot, "dropout", second, reason="放弃").action_confirm()
            self._wizard(self.agent_user, lot, "dropout", first, reason="第一中标候选人书面放弃中标。").action_confirm()
        self.assertEqual(lot.state, "awarded")
        self.assertEqual(lot.winner_bid_id, second)
        self.assertEqual(lot.award_amount, second.price)
        self.assertIn(first, lot.dropped_bid_ids)
        entries = self.env["gov.trading.log"].search([("lot_id", "=", lot.id), ("event", "=", "award")],
                                                     order="id")
        self.assertEqual(len(entries), 3)  # first award, drop-out, award to the second
        self.assertIn("dropped_out", entries[1].payload)
        self.assert_write_refused(self.agent_user, lot, {"winner_bid_id": third.id})
        self.assert_write_refused(self.trading, lot, {"dropped_bid_ids": [(3, first.id)]})

    def test_retender_when_the_first_drops_out(self):
        project, lot, ranked, report = self._to_publicity()
        with freeze_time(report + timedelta(days=2)):
            self._wizard(self.agent_user, lot, "dropout", ranked[0], reason="第一中标候选人被查实弄虚作假。",
                         decision="retender").action_confirm()
        self.assertEqual(lot.state, "failed")
        self.assertRegex(lot.failure_reason, "第55条|art. 55")

    def test_tenderer_chooses_among_the_candidates_with_a_reason(self):
        """招标投标法 第40条: outside state-controlled projects, the tenderer chooses among the candidates, with
        a written reason."""
        project, lot, ranked, report = self._to_publicity()
        project.state_funded = False
        second = ranked[1]
        with freeze_time(report + timedelta(days=2)):
            with self.assertRaisesRegex(UserError, "第40条|art. 40"):
                self._wizard(self.tenderer_user, lot, "choose", second).action_confirm()
            with self.assertRaises(AccessError):
                self._wizard(self.trading, lot, "choose", second, reason="工期更短").action_confirm()
            self._wizard(self.tenderer_user, lot, "choose", second, reason="工期更短，技术方案更优。").action_confirm()
        self.assertEqual(lot.award_choice_bid_id, second)
        self.assert_write_refused(self.tenderer_user, lot, {"award_choice_bid_id": ranked[0].id})
        with freeze_time(report + timedelta(days=5)):
            lot.with_user(self.trading).action_award()
        self.assertEqual(lot.winner_bid_id, second)
        entry = self.env["gov.trading.log"].search([("lot_id", "=", lot.id), ("event", "=", "award")], order="id",
                                                   limit=1)
        self.assertIn("工期更短", entry.payload)
