"""Sealed bids: ciphertext only, receipts, replace/withdraw before the deadline only, no decryption
before the opening, opening with bidder-side decryption, revocation and failed lots."""
import hashlib
from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tests.common import freeze_time

from .common import T0, TradingCase, seal


@tagged("post_install", "-at_install")
class TestSealedBid(TradingCase):

    def setUp(self):
        super().setUp()
        self.project, self.lot = self.make_project()
        self.publish(self.lot)
        self.regs = self.register(self.lot, self.bidders)

    def test_server_stores_only_ciphertext(self):
        ciphertext, salt, iv, key = seal("口令-信达-2026", {"price": 11_980_000.5, "files": []})
        Bid = self.env["gov.trading.bid"].with_user(self.bidder_users[0])
        with freeze_time(T0 + timedelta(days=3)):
            bid = Bid._seal(self.regs[0], ciphertext, hashlib.sha256(ciphertext).hexdigest(), salt, iv,
                            100_000).with_env(self.env)
        receipt = bid._receipt()
        self.assertEqual(receipt["sha256"], hashlib.sha256(ciphertext).hexdigest())
        self.assertTrue(receipt["receipt"].startswith("TB"))
        self.assertEqual(bid.ciphertext_id.raw, ciphertext)
        self.assertFalse(bid.price, "no price is known before the opening")
        self.assertNotIn(b"11980000", bid.ciphertext_id.raw)
        # nothing else about the bid is stored in clear anywhere
        self.env.flush_all()
        self.env.cr.execute("SELECT count(*) FROM ir_attachment WHERE res_model = 'gov.trading.bid' AND res_id = %s",
                            [bid.id])
        self.assertEqual(self.env.cr.fetchone()[0], 1)
        # the trading staff sees the bid but cannot read it
        staff_bid = bid.with_user(self.trading)
        self.assertEqual(staff_bid.sha256, bid.sha256)
        self.assertFalse(staff_bid.price)
        with freeze_time(T0 + timedelta(days=4)), self.assertRaisesRegex(UserError, "opening|开标"):
            self.decrypt(bid, key)
        self.assertEqual(bid.state, "submitted")
        self.assertTrue(self.env["gov.trading.log"].search([("event", "=", "bid_received"), ("res_id", "=", bid.id)]))

    def test_incomplete_upload_refused(self):
        ciphertext, salt, iv, key = seal("口令-2026", {"price": 1})
        Bid = self.env["gov.trading.bid"].with_user(self.bidder_users[0])
        with freeze_time(T0 + timedelta(days=3)), self.assertRaisesRegex(UserError, "SHA-256"):
            Bid._seal(self.regs[0], ciphertext[:-10], hashlib.sha256(ciphertext).hexdigest(), salt, iv, 100_000)
        with freeze_time(T0 + timedelta(days=3)), self.assertRaisesRegex(UserError, "100,000"):
            Bid._seal(self.regs[0], ciphertext, None, salt, iv, 1000)
        self.assertFalse(self.regs[0].bid_ids)

    def test_replace_and_withdraw_before_deadline_only(self):
        first, _ = self.seal_bid(self.regs[0], 12_500_000)
        second, key2 = self.seal_bid(self.regs[0], 12_300_000, when=T0 + timedelta(days=10))
        self.assertEqual(first.state, "replaced")
        self.assertEqual(first.replaced_by_id, second)
        self.assertEqual(second.state, "submitted")
        self.assertEqual(len(self.regs[0].bid_ids.filtered(lambda b: b.state == "submitted")), 1)
        with freeze_time(T0 + timedelta(days=11)):
            second.with_user(self.bidder_users[0]).action_withdraw()
        self.assertEqual(second.state, "withdrawn")
        third, _ = self.seal_bid(self.regs[0], 12_200_000, when=T0 + timedelta(days=12))
        after = self.lot.date_bid_deadline + timedelta(seconds=1)
        with self.assertRaisesRegex(UserError, "第26条|art. 26"):
            self.seal_bid(self.regs[0], 11_000_000, when=after)
        with freeze_time(after), self.assertRaisesRegex(UserError, "第26条|art. 26"):
            third.with_user(self.bidder_users[0]).action_withdraw()
        self.assertEqual(third.state, "submitted")
        self.assertEqual(len(self.regs[0].bid_ids), 3, "nothing saved was lost")
        events = self.env["gov.trading.log"].search([("lot_id", "=", self.lot.id)]).mapped("event")
        for event in ("bid_received", "bid_replaced", "bid_withdrawn"):
            self.assertIn(event, events)

    def test_fewer_than_three_bids_fails(self):
        self.seal_bid(self.regs[0], 12_000_000)
        self.seal_bid(self.regs[1], 12_100_000)
        with freeze_time(self.lot.date_bid_deadline - timedelta(minutes=1)), \
                self.assertRaisesRegex(UserError, self.lot.name):
            self.lot.action_open()
        self.open_lot(self.lot)
        self.assertEqual(self.lot.state, "failed")
        self.assertRegex(self.lot.failure_reason, r"第28条|art. 28")
        failure = self.project.announcement_ids.filtered(lambda a: a.kind == "failure")
        self.assertTrue(failure.is_published)
        action = self.lot.action_retender()
        new = self.env["gov.trading.lot"].browse(action["res_id"])
        self.assertEqual(new.retender_of_id, self.lot)
        self.assertEqual(new.state, "draft")
        self.assertEqual(len(new.criterion_ids), 3)

    def test_opening_decryption_and_revocation(self):
        keys = []
        for reg, price in zip(self.regs, (12_000_000, 11_800_000, 12_200_000, 11_900_000)):
            bid, key = self.seal_bid(reg, price)
            keys.append((bid, key))
        self.open_lot(self.lot)
        self.assertEqual(self.lot.state, "decrypting")
        self.assertEqual(self.lot.date_decrypt_end, self.lot.date_opened + timedelta(minutes=60))
        bid0, key0 = keys[0]
        during = self.lot.date_bid_deadline + timedelta(minutes=5)
        # a wrong key (wrong passphrase) is refused and loses nothing
        _, _, _, wrong = seal("错误口令", {"price": 1})
        with freeze_time(during), self.assertRaisesRegex(UserError, "passphrase|口令"):
            self.decrypt(bid0, wrong)
        self.assertEqual(bid0.state, "submitted")
        # another bidder cannot reach this bid at all
        with self.assertRaises(AccessError):
            bid0.with_user(self.bidder_users[1]).read(["state"])
        with freeze_time(during):
            for bid, key in keys[:2]:
                bid.with_user(self.bidder_users[self.regs.ids.index(bid.registration_id.id)])._decrypt(key)
        self.assertEqual(bid0.price, 12_000_000)
        self.assertEqual(bid0.state, "decrypted")
        with freeze_time(during), self.assertRaisesRegex(UserError, "decryption|解密"):
            self.lot.action_close_decryption()
        # bidder 3 decrypts in time, bidder 4 lets the window pass: revoked
        with freeze_time(during):
            self.decrypt(*keys[2])
        with freeze_time(self.lot.date_decrypt_end + timedelta(seconds=1)):
            with self.assertRaisesRegex(UserError, "closed|关闭"):
                self.decrypt(*keys[3])
            self.lot.action_close_decryption()
        self.assertEqual(keys[3][0].state, "revoked")
        self.assertEqual(self.lot.state, "evaluation")
        self.assertEqual(self.lot.valid_bid_count, 3)
        record = self.project.announcement_ids.filtered(lambda a: a.kind == "opening")
        self.assertTrue(record.is_published)
        self.assertTrue(record.attachment_id)
        events = self.env["gov.trading.log"].search([("lot_id", "=", self.lot.id)]).mapped("event")
        for event in ("opening", "decryption", "revocation"):
            self.assertIn(event, events)

    def test_failed_decryptions_fail_the_lot(self):
        keys = [self.seal_bid(reg, 12_000_000 + i) for i, reg in enumerate(self.regs[:3])]
        self.open_lot(self.lot)
        with freeze_time(self.lot.date_bid_deadline + timedelta(minutes=2)):
            self.decrypt(*keys[0])
            self.decrypt(*keys[1])
        with freeze_time(self.lot.date_decrypt_end + timedelta(minutes=1)):
            self.lot._cron_close_decryption()
        self.assertEqual(self.lot.state, "failed")
        self.assertRegex(self.lot.failure_reason, r"第44条|art. 44")

    def test_platform_failure_counts_as_withdrawn(self):
        keys = [self.seal_bid(reg, 12_000_000 + i) for i, reg in enumerate(self.regs)]
        self.open_lot(self.lot)
        with freeze_time(self.lot.date_bid_deadline + timedelta(minutes=2)):
            for bid, key in keys[:3]:
                self.decrypt(bid, key)
            with self.assertRaisesRegex(UserError, "failure|故障"):
                self.lot.action_decryption_system_failure()
            self.lot.system_failure_note = "CA数字证书服务中断10分钟"
            self.lot.action_decryption_system_failure()
        self.assertEqual(keys[3][0].state, "withdrawn")
        self.assertEqual(self.lot.state, "evaluation")
