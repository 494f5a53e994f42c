"""Sealed bids: ciphertext only, signed receipts, replace/withdraw before the deadline only, no decryption
before the opening, opening with bidder-side decryption, revocation and failed lots; the binding of a
ciphertext to its lot and registration, the bidder's signature, the platform's corrupted copy, flagged
prices, mistyped key codes and the legacy passphrase bids."""
import base64
import hashlib
import json
from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tests.common import freeze_time

from odoo.addons.gov_hall_base.tools.protect import granted

from ..tools import seal_bid as sealing
from .common import T0, TradingCase, seal, seal_file, signing_key


@tagged("post_install", "-at_install")
class TestSealedBid(TradingCase):

    def setUp(self):
        super().setUp()
        self.project, self.lot = self.make_project()
        self.publish(self.lot)
        self.regs = self.register(self.lot, self.bidders)

    def test_server_stores_only_ciphertext(self):
        user = self.bidder_users[0]
        Bid = self.env["gov.trading.bid"].with_user(user)
        with freeze_time(T0 + timedelta(days=3)):
            data, code, sealed = seal_file(self.regs[0], 11_980_000.5, files=[])
            bid = Bid._seal_file(self.regs[0], data).with_env(self.env)
        ciphertext = base64.b64decode(sealed["ciphertext"])
        receipt = bid._receipt()
        self.assertEqual(receipt["sha256"], hashlib.sha256(ciphertext).hexdigest())
        self.assertTrue(receipt["receipt"].startswith("TB"))
        self.assertEqual(bid.ciphertext_id.raw, ciphertext)
        self.assertEqual(bid.key_format, "random-v2")
        self.assertEqual((bid.iv, bid.seal_nonce, bid.signature), (sealed["iv"], sealed["nonce"], sealed["signature"]))
        self.assertFalse(bid.price, "no price is known before the opening")
        self.assertNotIn(b"11980000", bid.ciphertext_id.raw)
        # no key is stored anywhere: not on the bid, not in the log, not in the receipt
        key = sealing.code_to_key(code)
        self.env.flush_all()
        self.env.cr.execute("SELECT count(*) FROM ir_attachment WHERE res_model = 'gov.trading.bid' AND res_id = %s",
                            [bid.id])
        self.assertEqual(self.env.cr.fetchone()[0], 1)
        entry = self.env["gov.trading.log"].search([("event", "=", "bid_received"), ("res_id", "=", bid.id)])
        for text in (entry.payload, bid.receipt_json, json.dumps(bid.read()[0], default=str)):
            self.assertNotIn(base64.b64encode(key).decode(), text)
            self.assertNotIn(code.replace("-", "")[:20], text.replace("-", ""))
        # the log entry holds the ciphertext hash, IV, nonce and key format
        payload = json.loads(entry.payload)
        self.assertEqual((payload["sha256"], payload["iv"], payload["nonce"], payload["key_format"]),
                         (bid.sha256, bid.iv, bid.seal_nonce, "random-v2"))
        # the signed receipt: its fields, the log head before the entry, the hash of the entry's payload
        signed = json.loads(bid.receipt_json)
        self.assertEqual(signed["format"], "gov-bid-receipt/1")
        self.assertEqual(signed["alg"], "ECDSA-P256-SHA256")
        self.assertEqual((signed["lot"], signed["registration"], signed["sha256"]),
                         (self.lot.code, self.regs[0].id, bid.sha256))
        self.assertEqual(signed["log_payload_sha256"], hashlib.sha256(entry.payload.encode()).hexdigest())
        self.assertEqual(set(signed["head"]), {"sequence", "hash"})
        Bid = self.env["gov.trading.bid"]
        self.assertTrue(Bid._verify_receipt(signed))
        self.assertTrue(Bid._verify_receipt(bid.receipt_json))
        forged = dict(signed, sha256="0" * 64)
        self.assertFalse(Bid._verify_receipt(forged), "a receipt edited after signing does not verify")
        self.assertFalse(Bid._verify_receipt(dict(signed, signature=base64.b64encode(b"x" * 64).decode())))
        # the trading staff sees the bid but cannot read it
        staff_bid = bid.with_user(self.trading)
        self.assertEqual(staff_bid.sha256, bid.sha256)
        self.assertFalse(staff_bid.price)
        with freeze_time(T0 + timedelta(days=4)), self.assertRaisesRegex(UserError, "opening|开标"):
            self.decrypt(bid, code)
        self.assertEqual(bid.state, "submitted")
        self.assertTrue(self.env["gov.trading.log"].search([("event", "=", "bid_received"), ("res_id", "=", bid.id)]))

    def test_incomplete_upload_refused(self):
        user = self.bidder_users[0]
        Bid = self.env["gov.trading.bid"].with_user(user)
        with freeze_time(T0 + timedelta(days=3)):
            data, _code, sealed = seal_file(self.regs[0], 1)
            cut = dict(sealed, ciphertext=base64.b64encode(base64.b64decode(sealed["ciphertext"])[:-10]).decode())
            with self.assertRaisesRegex(UserError, "SHA-256"):
                Bid._seal_file(self.regs[0], json.dumps(cut).encode())
            with self.assertRaisesRegex(UserError, "gov-sealed-bid/1"):
                Bid._seal_file(self.regs[0], data[:-40])
            with self.assertRaisesRegex(UserError, "gov-sealed-bid/1"):
                Bid._seal_file(self.regs[0], b"%PDF-1.4 not a sealed bid")
            with self.assertRaisesRegex(UserError, "SM4|AES"):
                Bid._seal_file(self.regs[0], json.dumps(dict(sealed, cipher="SM4-GCM")).encode())
            # the legacy passphrase derivation is still checked
            ciphertext, salt, iv, _key = seal("口令-2026", {"price": 1})
            with self.assertRaisesRegex(UserError, "100,000"):
                Bid._seal(self.regs[0], ciphertext, None, salt, iv, 1000)
        self.assertFalse(self.regs[0].bid_ids)

    def test_nonce_single_use_and_bound(self):
        """The sealing nonce is issued for one registration, expires and serves one bid only."""
        user = self.bidder_users[0]
        Bid = self.env["gov.trading.bid"].with_user(user)
        with freeze_time(T0 + timedelta(days=3)):
            data, _code, sealed = seal_file(self.regs[0], 12_000_000)
            Bid._seal_file(self.regs[0], data)
            with self.assertRaisesRegex(UserError, "already used|已使用"):
                Bid._seal_file(self.regs[0], data)
            # another registration's nonce (valid for it) does not serve this one
            other = Bid.with_user(self.bidder_users[1])._issue_ticket(self.regs[1])
            forged = sealing.seal(dict(other, registration=self.regs[0].id, lot=self.lot.code),
                                  signing_key(self.bidders[0]), 1)[0]
            with self.assertRaisesRegex(UserError, "not issued for this registration|不是为此报名"):
                Bid._seal_file(self.regs[0], json.dumps(forged).encode())
            old = Bid._issue_ticket(self.regs[0])
        with freeze_time(T0 + timedelta(days=7)):
            stale = sealing.seal(old, signing_key(self.bidders[0]), 1)[0]
            with self.assertRaisesRegex(UserError, "expired|过期"):
                Bid._seal_file(self.regs[0], json.dumps(stale).encode())
        self.assertEqual(len(self.regs[0].bid_ids), 1)

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
        # a wrong key is refused and loses nothing
        wrong = sealing.key_to_code(b"\x07" * 32)
        with freeze_time(during), self.assertRaisesRegex(UserError, "key does not open|无法打开"):
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


@tagged("post_install", "-at_install")
class TestSealedBidTrust(TradingCase):
    """What holds against the operator: binding, signatures, the platform's corrupted copy, prices, codes."""

    def setUp(self):
        super().setUp()
        self.project, self.lot = self.make_project()
        self.publish(self.lot)
        self.regs = self.register(self.lot, self.bidders)
        self.during = self.lot.date_bid_deadline + timedelta(minutes=5)

    def _events(self, lot=None):
        return self.env["gov.trading.log"].search([("lot_id", "=", (lot or self.lot).id)]).mapped("event")

    def test_ciphertext_bound_to_lot_and_registration(self):
        # lot B, with the same bidders: bidder 0's file sealed for lot A is relabelled for lot B with a valid
        # nonce of lot B (what an operator could do); the server accepts it (it cannot read it) ...
        _project_b, lot_b = self.make_project()
        self.publish(lot_b)
        regs_b = self.register(lot_b, self.bidders[:3])
        user0 = self.bidder_users[0]
        with freeze_time(T0 + timedelta(days=2)):
            data_a, code_a, sealed_a = seal_file(self.regs[0], 12_000_000)
            ticket_b = self.env["gov.trading.bid"].with_user(user0)._issue_ticket(regs_b[0])
            moved = dict(sealed_a, lot=lot_b.code, registration=regs_b[0].id, nonce=ticket_b["nonce"])
            bid_moved = self.env["gov.trading.bid"].with_user(user0)._seal_file(regs_b[0], json.dumps(moved).encode())
        self.assertEqual(sealing.open_sealed(sealed_a, sealing.code_to_key(code_a))["price"], 12_000_000,
                         "the key is right for lot A")
        others_b = [self.seal_bid(reg, 12_100_000 + i) for i, reg in enumerate(regs_b[1:])]
        self.open_lot(lot_b)
        with freeze_time(lot_b.date_bid_deadline + timedelta(minutes=5)):
            with self.assertRaisesRegex(UserError, "key does not open|无法打开"):
                self.decrypt(bid_moved.with_env(self.env), code_a)
            self.decrypt(*others_b[0])
        self.assertEqual(bid_moved.state, "submitted", "... but it does not decrypt on lot B")
        self.assertEqual(others_b[0][0].state, "decrypted")
        # on lot A, the operator moves bidder 0's bid to bidder 1's registration: it does not decrypt there
        bid0 = self.env["gov.trading.bid"].with_user(user0)._seal_file
        with freeze_time(T0 + timedelta(days=2)):
            bid0 = bid0(self.regs[0], data_a).with_env(self.env)
        keys = [self.seal_bid(reg, 12_200_000) for reg in self.regs[2:]]
        self.env.flush_all()
        self.env.cr.execute("UPDATE gov_trading_bid SET registration_id = %s, bidder_id = %s WHERE id = %s",
                            [self.regs[1].id, self.bidders[1].id, bid0.id])
        self.env.invalidate_all()
        self.open_lot(self.lot)
        with freeze_time(self.during):
            with self.assertRaisesRegex(UserError, "key does not open|无法打开"):
                self.decrypt(bid0, code_a)
            self.decrypt(*keys[0])
        self.assertEqual(bid0.state, "submitted")
        self.assertFalse(bid0.price)

    def test_signature_by_another_bidder_refused(self):
        user0 = self.bidder_users[0]
        Bid = self.env["gov.trading.bid"].with_user(user0)
        with freeze_time(T0 + timedelta(days=2)):
            # bidder 0's bid signed with bidder 1's key
            data, _code, _sealed = seal_file(self.regs[0], 12_000_000, signer=self.bidders[1])
            signing_key(self.bidders[0])
            with self.assertRaisesRegex(UserError, "signature|签名"):
                Bid._seal_file(self.regs[0], data)
            # a signature over another digest, and no signature at all
            data, _code, sealed = seal_file(self.regs[0], 12_000_000)
            other = seal_file(self.regs[0], 1)[2]
            for signature in (other["signature"], "", base64.b64encode(b"\0" * 64).decode()):
                with self.subTest(signature=signature[:8]), self.assertRaisesRegex(UserError, "signature|签名"):
                    Bid._seal_file(self.regs[0], json.dumps(dict(sealed, signature=signature)).encode())
            # no registered key: no bid
            with granted("gov.trading.bidder"):
                self.bidders[0].signing_public_key = False
            with self.assertRaisesRegex(UserError, "signing key|签名密钥"):
                Bid._seal_file(self.regs[0], data)
        self.assertFalse(self.regs[0].bid_ids)
        # the key is registered by the bidder's own portal user only, and must be a P-256 public key
        key = sealing.new_signing_key()
        with self.assertRaises(AccessError):
            self.bidders[0].with_user(self.bidder_users[1])._register_signing_key(key["public_spki"])
        with self.assertRaisesRegex(UserError, "P-256"):
            self.bidders[0].with_user(user0)._register_signing_key(base64.b64encode(b"not a key").decode())
        fingerprint = self.bidders[0].with_user(user0)._register_signing_key(key["public_spki"])
        self.assertEqual(fingerprint, sealing.key_fingerprint(key["public_spki"]))
        self.assert_write_refused(user0, self.bidders[0], {"signing_public_key": key["public_spki"]})

    def test_platform_corrupted_ciphertext(self):
        user = self.bidder_users
        files = []
        bids = []
        with freeze_time(T0 + timedelta(days=2)):
            for reg, price in zip(self.regs, (12_000_000, 12_100_000, 12_200_000, 12_300_000)):
                data, code, _sealed = seal_file(reg, price)
                bid = self.env["gov.trading.bid"].with_user(reg.bidder_id.user_ids[:1])._seal_file(reg, data)
                bids.append((bid.with_env(self.env), code))
                files.append(data)
        self.open_lot(self.lot)
        # the platform damages the stored ciphertexts of bids 0, 1 and 2
        for bid, _code in bids[:3]:
            bid.ciphertext_id.sudo().raw = b"damaged" + bid.ciphertext_id.raw[7:]
        (bid0, code0), (bid1, code1), (bid2, code2), (bid3, code3) = bids
        with freeze_time(self.during):
            self.decrypt(bid0, code0)
            self.assertTrue(bid0.storage_fault)
            self.assertEqual(bid0.state, "submitted", "a damaged ciphertext is not tried, the bid waits")
            fault = self.env["gov.trading.log"].search([("event", "=", "other"), ("res_id", "=", bid0.id)])
            self.assertIn("does not match its SHA-256", fault.payload)
            # bidder 0 hands in its own copy: it matches the signed receipt, it is used
            recovered_bid, ok = bid0.with_user(user[0])._recover(files[0])
            self.assertTrue(ok)
            self.assertTrue(bid0.recovered)
            self.assertFalse(bid0.storage_fault)
            self.decrypt(bid0, code0)
            self.assertEqual((bid0.state, bid0.price), ("decrypted", 12_000_000))
            # bidder 1 hands in another file: the bid counts as withdrawn (撤回), logged
            self.decrypt(bid1, code1)
            _bid, ok = bid1.with_user(user[1])._recover(files[3])
            self.assertFalse(ok)
            self.assertEqual(bid1.state, "withdrawn")
            withdrawn = self.env["gov.trading.log"].search([("event", "=", "bid_withdrawn"), ("res_id", "=", bid1.id)])
            self.assertIn("does not match its receipt", withdrawn.payload)
            # an intact bid has nothing to recover
            with self.assertRaisesRegex(UserError, "intact|完好"):
                bid3.with_user(user[3])._recover(files[3])
            self.decrypt(bid3, code3)
            # bidder 2 finds the fault but hands in nothing before the window closes
            self.decrypt(bid2, code2)
        with freeze_time(self.lot.date_decrypt_end + timedelta(minutes=1)):
            self.lot._cron_close_decryption()
        self.assertEqual(bid2.state, "withdrawn", "a platform fault makes a withdrawn bid, not a revoked one")
        self.assertEqual(self.lot.state, "failed", "two valid bids only")

    def test_implausible_prices_flagged(self):
        prices = (-1, 0, float("nan"), float("inf"))
        keys = [self.seal_bid(reg, price) for reg, price in zip(self.regs, prices)]
        self.open_lot(self.lot)
        with freeze_time(self.during):
            for bid, code in keys:
                self.decrypt(bid, code)
        for (bid, _code), written in zip(keys, ("-1", "0", "nan", "inf")):
            with self.subTest(price=written):
                self.assertEqual(bid.state, "decrypted", "flagged, not dropped")
                self.assertTrue(bid.price_flag)
                self.assertTrue(bid.price_flag_reason)
                self.assertEqual(bid.price_raw, written)
        self.assertEqual(keys[0][0].price, -1)
        self.assertEqual(keys[2][0].price, 0)
        self.assertEqual(self.lot.state, "evaluation", "the committee decides on them")
        self.assertEqual(self.lot.valid_bid_count, 4)
        Bid = keys[0][0]
        for value, flagged in (("abc", True), (None, True), (True, True), (12.345, True), ("1,200,000.50", False),
                               (1e20, True), (11_980_000.5, False), (12_000_000, False)):
            with self.subTest(value=value):
                self.assertEqual(bool(Bid._read_price(value)[1]), flagged)
        # the opening record shows the flags to the committee
        html = self.env["ir.actions.report"]._render_qweb_html(
            "gov_public_resource_trading.action_report_opening_record", self.lot.ids)[0].decode()
        self.assertIn(keys[0][0].price_flag_reason, html)

    def test_mistyped_key_code(self):
        keys = [self.seal_bid(reg, 12_000_000 + i) for i, reg in enumerate(self.regs[:3])]
        self.open_lot(self.lot)
        bid, code = keys[0]
        chars = list(code)
        chars[5] = "A" if chars[5] != "A" else "B"
        with freeze_time(self.during):
            for wrong in ("".join(chars), code[:-2], code + "A"):
                with self.subTest(code=wrong), self.assertRaisesRegex(UserError, "mistyped|有误"):
                    self.decrypt(bid, wrong)
            self.assertEqual(bid.state, "submitted", "the bid stays sealed")
            self.assertNotIn("decryption", self._events())
            # spaces, lower case and look-alike digits are forgiven
            self.decrypt(bid, code.lower().replace("-", " ").replace("o", "0"))
        self.assertEqual(bid.state, "decrypted")

    def test_legacy_passphrase_bids_still_open(self):
        legacy = self.seal_legacy_bid(self.regs[0], 12_000_000)
        keys = [legacy] + [self.seal_bid(reg, 12_100_000 + i) for i, reg in enumerate(self.regs[1:3])]
        self.assertEqual(legacy[0].key_format, "pbkdf2-v1")
        self.assertEqual(keys[1][0].key_format, "random-v2")
        self.open_lot(self.lot)
        with freeze_time(self.during):
            _, _, _, wrong = seal("错误口令", {"price": 1})
            with self.assertRaisesRegex(UserError, "passphrase|口令"):
                self.decrypt(legacy[0], wrong)
            for bid, key in keys:
                self.decrypt(bid, key)
        self.assertEqual((legacy[0].state, legacy[0].price), ("decrypted", 12_000_000))
        self.assertEqual(self.lot.state, "evaluation")

    def test_cancelled_lot_keeps_bids_sealed(self):
        keys = [self.seal_bid(reg, 12_000_000 + i) for i, reg in enumerate(self.regs[:3])]
        with freeze_time(T0 + timedelta(days=5)):
            self.lot.with_user(self.trading).action_cancel()
        with freeze_time(self.during), self.assertRaisesRegex(UserError, "opening|开标"):
            self.decrypt(*keys[0])
        self.assertEqual(set(self.lot.bid_ids.mapped("state")), {"submitted"})
