"""Access integrity: the outcome of each step (lot, bid, draw, committee, score, deposit, question, log) is
written only by its named action, whoever calls over RPC and whatever context key is sent; the bidder's
actions (seal, withdraw, decrypt, deposit, question) only by a portal user of that bidder."""
import hashlib
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import freeze_time

from odoo.addons.gov_hall_base.tests.common import REFUSED
from odoo.addons.gov_hall_base.tools.protect import granted

from .common import T0, TradingCase, seal
from .test_expert_draw import run_draw

# the former bypass key of this addon, and the OCA ones: for the roles tried after the full set of keys
SOME_KEYS = ("gov_trading_amendment", "skip_validation_check")


@tagged("post_install", "-at_install")
class TestAccessIntegrity(TradingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.expert2 = new_test_user(cls.env, login="t_expert2", groups="gov_hall_base.group_gov_expert",
                                    company_id=cls.center.id, company_ids=[(6, 0, cls.center.ids)])
        cls.user_a, cls.user_b = cls.bidder_users[0], cls.bidder_users[1]
        cls.roles = (cls.trading, cls.admin_user, cls.expert, cls.user_a)
        # lot 1: opened, decrypted, committee drawn, evaluation running, each expert scored its bids
        cls.project, cls.lot = cls.make_project()
        cls.publish(cls.lot)
        cls.regs = cls.register(cls.lot, cls.bidders[:3])
        sealed = [cls.seal_bid(reg, price) for reg, price in
                  zip(cls.regs, (12_000_000, 11_800_000, 12_200_000))]
        cls.bids = cls.env["gov.trading.bid"].browse([b.id for b, _k in sealed])
        cls.open_lot(cls.lot)
        with freeze_time(cls.lot.date_bid_deadline + timedelta(minutes=5)):
            for bid, key in sealed:
                cls.decrypt(bid, key)
        cls.spec = cls.env["gov.trading.specialty"].create({"name": "市政道路工程"})
        cls.env["gov.trading.expert"].create([{"name": f"专家{i}", "specialty_ids": [(6, 0, cls.spec.ids)]}
                                              for i in range(6)])
        cls.draw = cls.env["gov.trading.expert.draw"].with_user(cls.trading).create({
            "lot_id": cls.lot.id, "specialty_id": cls.spec.id, "committee_size": 5}).with_env(cls.env)
        cls.when = cls.lot.date_bid_deadline + timedelta(hours=1)
        with freeze_time(cls.when):
            run_draw(cls.draw, cls.supervisor, staff=cls.trading)
            cls.member, cls.member2 = cls.draw.member_ids[0], cls.draw.member_ids[1]
            cls.member.expert_id.user_id = cls.expert
            cls.member2.expert_id.user_id = cls.expert2
            cls.lot.with_user(cls.trading).action_start_evaluation()
            cls.tech = cls.lot.criterion_ids.filtered(lambda c: c.kind == "technical")
            Score = cls.env["gov.trading.score"]
            for user, member in ((cls.expert, cls.member), (cls.expert2, cls.member2)):
                Score.with_user(user).create([{"member_id": member.id, "bid_id": bid.id, "criterion_id": c.id,
                                               "score": 5} for bid in cls.bids for c in cls.lot._expert_criteria()])
        cls.score = cls.member.score_ids[0]
        cls.score2 = cls.member2.score_ids[0]
        # lot 2: open for bids, bidder A and B registered, A sealed a bid, declared a deposit, asked a question
        cls.project2, cls.lot2 = cls.make_project()
        cls.publish(cls.lot2)
        cls.reg_a, cls.reg_b, cls.reg_c = cls.register(cls.lot2, cls.bidders[:3])
        cls.bid_a, cls.key_a = cls.seal_bid(cls.reg_a, 12_000_000)
        cls.bid_b, cls.key_b = cls.seal_bid(cls.reg_b, 12_100_000)
        cls.bid_c, cls.key_c = cls.seal_bid(cls.reg_c, 12_300_000)
        cls.deposit_a = cls.declare_deposit({"registration_id": cls.reg_a.id, "amount": 250_000,
                                                          "bank_reference": "ICBC-A"})
        with freeze_time(T0 + timedelta(days=1)):
            cls.question_a = cls.raise_question({
                "lot_id": cls.lot2.id, "bidder_id": cls.reg_a.bidder_id.id, "name": "工程量清单第3项",
                "body": "第3项数量是否有误？"})
        cls.before_deadline = T0 + timedelta(days=3)

    def assert_fields_refused(self, record, values):
        """Each field alone: trading staff with every former bypass key; administrator, expert and bidder
        with a few; superuser mode alone too. Nothing changes."""
        for fname, value in values.items():
            self.assert_write_refused(self.trading, record, {fname: value})
            for user in self.roles[1:]:
                self.assert_write_refused(user, record, {fname: value}, keys=SOME_KEYS)
            before = self.snapshot(record, [fname])
            with self.subTest(sudo=fname), self.assertRaises(REFUSED):
                record.sudo().write({fname: value})
            self.assertEqual(self.snapshot(record, [fname]), before)

    # -- protected fields -----------------------------------------------------------------------------------
    def test_lot_protected_fields(self):
        now = fields.Datetime.now()
        self.assertEqual(self.lot.state, "evaluation")
        self.assert_fields_refused(self.lot, {
            "state": "awarded", "suspended": True, "winner_bid_id": self.bids[1].id,
            "winner_id": self.bidders[1].id, "award_amount": 1.0, "date_award": now.date(), "date_opened": now,
            "date_decrypt_end": now, "failure_reason": "伪造", "evaluation_started": False, "date_report": now,
            "date_publicity_start": now, "date_contract": now.date(), "retender_of_id": self.lot2.id,
            "contract_overdue": True, "saving_rate": 50.0,
            # the timetable and the scheme after the publication: only a clarification moves them
            "date_sale_start": now, "date_sale_end": now, "date_bid_deadline": now + timedelta(days=60),
            "decrypt_minutes": 5, "candidate_count": 1, "estimate_amount": 1.0, "deposit_amount": 1.0,
        })
        # the staff enter the end of the publicity in the form before publishing the candidates ...
        end = self.lot.date_report or now + timedelta(days=5)
        self.lot.with_user(self.trading).write({"date_publicity_end": end})
        # ... not afterwards
        with granted(self.lot):
            self.lot.state = "publicity"
        self.assert_fields_refused(self.lot, {"date_publicity_end": end + timedelta(days=30)})
        # the criteria of a published lot are fixed too
        crit = self.lot.criterion_ids[:1]
        with self.assertRaisesRegex(UserError, self.lot.name):
            crit.with_user(self.trading).write({"weight": 1})
        # the old context key moves nothing
        with self.assertRaisesRegex(UserError, self.lot.name):
            self.lot2.with_user(self.trading).with_context(gov_trading_amendment=True).write(
                {"date_bid_deadline": self.lot2.date_bid_deadline + timedelta(days=9)})

    def test_bid_protected_fields(self):
        now = fields.Datetime.now()
        other_att = self.bids[1].ciphertext_id.id
        self.assert_fields_refused(self.bids[0], {
            "state": "revoked", "receipt_number": "TB-FAKE", "ciphertext_id": other_att, "size": 1,
            "kdf_salt": "AAAA", "kdf_iterations": 1, "iv": "AAAA", "sha256": "0" * 64, "date_received": now,
            "date_withdrawn": now, "replaced_by_id": self.bids[1].id, "date_decrypted": now, "price": 1.0,
            "duration_days": 1, "plaintext_id": other_att, "plaintext_summary": "伪造", "technical_score": 99.0,
            "price_score": 99.0, "total_score": 99.0, "rank": 9, "registration_id": self.regs[1].id,
            "bidder_id": self.bidders[1].id, "lot_id": self.lot2.id,
        })
        # nobody creates a bid outside the seal: neither the staff nor the bidder over RPC
        for user in (self.trading, self.user_a):
            with self.subTest(create=user.login), self.assertRaises(REFUSED):
                self.rpc(user, self.env["gov.trading.bid"], "create", {"registration_id": self.reg_a.id})

    def test_draw_and_committee_protected_fields(self):
        now = fields.Datetime.now()
        draft = self.env["gov.trading.expert.draw"].create({"lot_id": self.lot.id, "specialty_id": self.spec.id,
                                                            "committee_size": 5})
        self.assert_fields_refused(self.draw, {
            "state": "draft", "seed": "0" * 64, "snapshot": "[]", "excluded": "{}", "selected_ids_json": "[]",
            "date_draw": now, "user_id": self.admin_user.id,
            # what the draw was asked is fixed once it is made
            "committee_size": 7, "specialty_id": self.env["gov.trading.specialty"].create({"name": "其他"}).id,
        })
        other_expert = self.env["gov.trading.expert"].search([("id", "not in", self.draw.member_ids.expert_id.ids)],
                                                             limit=1)
        self.assert_fields_refused(self.member, {
            "draw_id": draft.id, "expert_id": other_expert.id, "user_id": self.trading.id, "role": "tenderer_rep",
            "signed": True, "date_signed": now,
        })
        # the staff seat no expert by hand and remove none
        with self.assertRaises(REFUSED):
            self.rpc(self.trading, self.env["gov.trading.committee.member"], "create",
                     {"draw_id": self.draw.id, "expert_id": other_expert.id, "role": "expert"})
        with self.assertRaises(REFUSED):
            self.rpc(self.trading, self.member, "unlink")
        # nor sign for an expert who has an account; an expert signs only for themselves
        with freeze_time(self.when):
            self.assert_call_refused(self.trading, self.member, "action_sign")
            self.assert_call_refused(self.expert2, self.member, "action_sign")
        self.assertFalse(self.member.signed)
        # the user who scores as an expert is not swapped during the evaluation
        with self.assertRaises(REFUSED):
            self.rpc(self.trading, self.member.expert_id, "write", {"user_id": self.trading.id})
        self.assertEqual(self.member.user_id, self.expert)

    def test_score_only_by_its_expert_before_signing(self):
        Score = self.env["gov.trading.score"]
        for user in (self.trading, self.admin_user, self.user_a, self.expert2):
            self.assert_write_refused(user, self.score, {"score": 1.0}, keys=SOME_KEYS)
        self.assert_write_refused(self.trading, self.score, {"score": 1.0})
        with self.assertRaises(REFUSED):
            self.score.sudo().write({"score": 1.0})
        # what a score line is about is fixed, for its own expert too
        for fname, value in (("bid_id", self.bids[1].id), ("member_id", self.member2.id),
                             ("criterion_id", self.lot.criterion_ids.filtered(lambda c: c.kind == "commercial").id)):
            self.assert_write_refused(self.expert, self.score, {fname: value}, keys=SOME_KEYS)
        # an expert creates no score for another seat
        with self.assertRaises(REFUSED):
            self.rpc(self.expert2, Score, "create", {"member_id": self.member.id, "bid_id": self.bids[0].id,
                                                     "criterion_id": self.tech.id, "score": 1})
        # the expert changes its own score during the evaluation ...
        self.rpc(self.expert, self.score, "write", {"score": 7.0})
        self.assertEqual(self.score.score, 7.0)
        # ... until signing
        with freeze_time(self.when):
            self.rpc(self.expert, self.member, "action_sign")
        self.assertTrue(self.member.signed)
        self.assert_write_refused(self.expert, self.score, {"score": 3.0})
        self.assertEqual(self.score.score, 7.0)
        with self.assertRaisesRegex(ValidationError, self.member.name):
            self.score.with_user(self.expert).write({"comment": "改"})

    def test_deposit_question_registration_log(self):
        now = fields.Datetime.now()
        self.assert_fields_refused(self.deposit_a, {
            "state": "received", "date_received": now.date(), "date_refunded": now.date(), "interest_rate": 9.0,
            "refund_overdue": True, "amount": 1.0, "bank_reference": "X", "registration_id": self.reg_b.id,
        })
        self.assert_fields_refused(self.question_a, {
            "state": "answered", "date_answered": now, "answered_late": True, "date_accepted": now.date(),
            "bidder_id": self.reg_b.bidder_id.id, "body": "改过的问题", "kind": "doc_objection",
        })
        self.assert_fields_refused(self.reg_a, {"state": "cancelled", "bidder_id": self.reg_b.bidder_id.id,
                                                "lot_id": self.lot.id})
        # once answered the answer stands
        self.question_a.with_user(self.trading).write({"answer": "第3项数量无误。"})
        self.rpc(self.trading, self.question_a, "action_answer")
        self.assert_write_refused(self.trading, self.question_a, {"answer": "改过的答复"})
        # the bidder does not confirm its own deposit or answer its own question
        self.assert_call_refused(self.user_a, self.deposit_a, "action_confirm_receipt")
        self.assertEqual(self.deposit_a.state, "declared")
        # the log is append-only for everyone
        entry = self.env["gov.trading.log"].search([("lot_id", "=", self.lot2.id)], limit=1)
        self.assert_fields_refused(entry, {"payload": "{}", "event": "other", "user_id": self.trading.id})
        for user in (self.trading, self.admin_user):
            self.assert_call_refused(user, entry, "unlink")
        with self.assertRaises(REFUSED):
            entry.sudo().unlink()
        self.assertTrue(entry.exists())

    # -- the bidder's own actions ----------------------------------------------------------------------------
    def test_bidder_actions_by_others_refused(self):
        ciphertext, salt, iv, _key = seal("他人的口令", {"price": 1})
        digest = hashlib.sha256(ciphertext).hexdigest()
        with freeze_time(self.before_deadline):
            for user in (self.trading, self.admin_user, self.user_b):
                # withdraw A's bid: over RPC and in process
                self.assert_call_refused(user, self.bid_a, "action_withdraw")
                with self.subTest(user=user.login), self.assertRaises(AccessError):
                    self.bid_a.with_user(user).sudo().action_withdraw()
                # seal for A: the private method is not callable over RPC, and refuses another user anyway
                self.assert_call_refused(user, self.bid_a, "_seal", self.reg_a.id, ciphertext, digest, salt, iv)
                with self.subTest(user=user.login), self.assertRaises(AccessError):
                    self.env["gov.trading.bid"].with_user(user).sudo()._seal(self.reg_a, ciphertext, digest,
                                                                              salt, iv, 100_000)
                # a deposit or a question in A's name
                with self.subTest(user=user.login), self.assertRaises(REFUSED):
                    self.env["gov.trading.deposit"].with_user(user).sudo().create({
                        "registration_id": self.reg_a.id, "amount": 250_000, "bank_reference": "FAKE"})
                with self.subTest(user=user.login), self.assertRaises(REFUSED):
                    self.env["gov.trading.question"].with_user(user).sudo().create({
                        "lot_id": self.lot2.id, "bidder_id": self.reg_a.bidder_id.id, "kind": "doc_objection",
                        "name": "冒名异议", "body": "..."})
                with self.subTest(user=user.login), self.assertRaises(REFUSED):
                    self.reg_a.with_user(user).sudo()._log_download(self.env["ir.attachment"])
            # the staff register nobody for a bidder either
            with self.assertRaises(REFUSED):
                self.rpc(self.trading, self.env["gov.trading.registration"], "create",
                         {"bidder_id": self.bidders[3].id, "lot_id": self.lot2.id})
        self.assertEqual(self.bid_a.state, "submitted")
        self.assertEqual(self.reg_a.bid_ids, self.bid_a)
        self.assertEqual(self.reg_a.deposit_ids, self.deposit_a)
        self.assertFalse(self.lot2.suspended, "no objection was raised in A's name")
        # the owner still can
        with freeze_time(self.before_deadline):
            self.rpc(self.user_a, self.bid_a, "action_withdraw")
        self.assertEqual(self.bid_a.state, "withdrawn")

    def test_decryption_by_others_refused(self):
        self.open_lot(self.lot2)
        self.assertEqual(self.lot2.state, "decrypting")
        with freeze_time(self.lot2.date_bid_deadline + timedelta(minutes=5)):
            for user in (self.trading, self.admin_user, self.user_b):
                self.assert_call_refused(user, self.bid_a, "_decrypt", self.key_a)
                with self.subTest(user=user.login), self.assertRaises(AccessError):
                    self.bid_a.with_user(user).sudo()._decrypt(self.key_a)
            self.assertEqual(self.bid_a.state, "submitted")
            self.assertFalse(self.bid_a.price)
            # the staff close the window or record a platform failure, they never open a bid
            self.lot2.with_user(self.trading).system_failure_note = "CA证书服务中断"
            self.rpc(self.trading, self.lot2, "action_decryption_system_failure")
        self.assertEqual(self.bid_a.state, "withdrawn")
        self.assertFalse(self.bid_a.plaintext_id)
