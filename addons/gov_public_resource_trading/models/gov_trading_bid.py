"""Sealed bids and the opening.

The bid is encrypted in the bidder's browser (AES-256-GCM, key derived with PBKDF2-SHA256 from a bid
passphrase that never leaves the browser before the opening). The server stores only the ciphertext,
its SHA-256, the salt/IV (not secret) and the time received. At the opening the bidder derives the key
again and sends it: the server decrypts with it, and the GCM tag proves the plaintext is the sealed one.
Before the deadline the key endpoint refuses, so nobody (administrators and database readers included)
can read a bid before the opening."""
import base64
import binascii
import hashlib
import json
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.gov_hall_base.tools.protect import granted

from .gov_trading_lot import fmt_local

PBKDF2_ITERATIONS = 250_000


class GovTradingBid(models.Model):
    _name = "gov.trading.bid"
    _description = "Sealed Bid"
    _inherit = ["gov.trading.integrity.mixin"]
    _order = "date_received desc, id desc"
    _rec_name = "receipt_number"
    # a sealed bid is the bidder's: only its own actions (seal, withdraw, decrypt, inside the grant) and the
    # server steps of the opening and the ranking write it
    _protected_fields = (
        "state", "receipt_number", "ciphertext_id", "size", "kdf_salt", "kdf_iterations", "iv", "sha256",
        "date_received", "date_withdrawn", "replaced_by_id", "date_decrypted", "price", "duration_days",
        "plaintext_id", "plaintext_summary", "technical_score", "price_score", "total_score", "rank",
        "registration_id", "bidder_id", "lot_id", "company_id",
    )

    registration_id = fields.Many2one("gov.trading.registration", required=True, ondelete="restrict", index=True)
    bidder_id = fields.Many2one(related="registration_id.bidder_id", store=True, index=True)
    lot_id = fields.Many2one(related="registration_id.lot_id", store=True, index=True)
    company_id = fields.Many2one(related="lot_id.company_id", store=True)
    currency_id = fields.Many2one(related="lot_id.currency_id")
    receipt_number = fields.Char("Receipt Number", readonly=True, copy=False, index=True)
    state = fields.Selection([
        ("submitted", "Sealed"),
        ("replaced", "Replaced"),
        ("withdrawn", "Withdrawn by the bidder"),
        ("decrypted", "Decrypted"),
        ("revoked", "Revoked"),
    ], default="submitted", required=True, readonly=True, index=True)
    ciphertext_id = fields.Many2one("ir.attachment", "Ciphertext", readonly=True, ondelete="restrict")
    sha256 = fields.Char("SHA-256 of the Ciphertext", readonly=True)
    size = fields.Integer("Size (bytes)", readonly=True)
    kdf_salt = fields.Char("PBKDF2 Salt", readonly=True)
    kdf_iterations = fields.Integer("PBKDF2 Iterations", readonly=True, default=PBKDF2_ITERATIONS)
    iv = fields.Char("AES-GCM IV", readonly=True)
    date_received = fields.Datetime("Received At", readonly=True)
    date_withdrawn = fields.Datetime(readonly=True)
    replaced_by_id = fields.Many2one("gov.trading.bid", readonly=True)
    date_decrypted = fields.Datetime(readonly=True)
    price = fields.Monetary("Bid Price", currency_field="currency_id", readonly=True)
    duration_days = fields.Integer("Duration (days)", readonly=True)
    plaintext_id = fields.Many2one("ir.attachment", "Decrypted Bid", readonly=True)
    plaintext_summary = fields.Text("Decrypted Content", readonly=True)
    # evaluation results (computed by the lot's ranking)
    technical_score = fields.Float(readonly=True, digits=(16, 2))
    price_score = fields.Float(readonly=True, digits=(16, 2))
    total_score = fields.Float(readonly=True, digits=(16, 2))
    rank = fields.Integer(readonly=True)

    _one_sealed_per_registration = models.UniqueIndex(
        "(registration_id) WHERE state IN ('submitted', 'decrypted')",
        "A bidder has only one sealed bid per lot: replace it instead.")
    _receipt_uniq = models.UniqueIndex("(receipt_number)")

    @api.model
    def _seal(self, registration, ciphertext, sha256, salt, iv, iterations=PBKDF2_ITERATIONS):
        """Store a sealed bid (ciphertext bytes) for ``registration``; replaces the current one.
        Only a portal user of the registration's bidder seals (the route's request user)."""
        registration = registration.sudo()
        self._check_bidder_user(registration.bidder_id)
        lot = registration.lot_id
        lot._check_not_suspended()
        lot._check_before_deadline(self.env._("submitting a bid"))
        if registration.state != "registered":
            raise UserError(self.env._("The registration is cancelled."))
        if not ciphertext:
            raise UserError(self.env._("The bid file is empty."))
        digest = hashlib.sha256(ciphertext).hexdigest()
        if sha256 and sha256.lower() != digest:
            raise UserError(self.env._(
                "The bid was not fully received (SHA-256 mismatch): send it again before the deadline."))
        try:
            if len(base64.b64decode(salt, validate=True)) < 16 or len(base64.b64decode(iv, validate=True)) != 12:
                raise ValueError
        except (ValueError, binascii.Error):
            raise UserError(self.env._("The encryption parameters of the bid are invalid.")) from None
        if int(iterations) < 100_000:
            raise UserError(self.env._("The passphrase derivation is too weak (at least 100,000 iterations)."))
        # serialise concurrent uploads of the same bidder for the lot: the second one waits, then fails
        # with a serialisation error and Odoo retries it; it then sees (and replaces) the first bid
        self.env.cr.execute("UPDATE gov_trading_registration SET write_date = (now() at time zone 'UTC') "
                            "WHERE id = %s", [registration.id])
        previous = self.sudo().search([("registration_id", "=", registration.id), ("state", "=", "submitted")])
        now = fields.Datetime.now()
        with granted(self):
            if previous:
                previous.write({"state": "replaced"})
                self.env.flush_all()
            bid = self.sudo().create({
                "registration_id": registration.id,
                "receipt_number": "TB%s%s" % (now.strftime("%Y%m%d%H%M%S"), secrets.token_hex(4).upper()),
                "sha256": digest, "size": len(ciphertext), "kdf_salt": salt, "iv": iv,
                "kdf_iterations": int(iterations), "date_received": now,
            })
            attachment = self.env["ir.attachment"].sudo().create({
                "name": f"{bid.receipt_number}.sealed", "raw": ciphertext, "res_model": self._name,
                "res_id": bid.id, "mimetype": "application/octet-stream",
            })
            bid.ciphertext_id = attachment
            if previous:
                previous.replaced_by_id = bid
        self.env["gov.trading.log"]._append("bid_replaced" if previous else "bid_received", bid, lot=lot, payload={
            "receipt": bid.receipt_number, "sha256": digest, "size": len(ciphertext),
            "replaces": previous.receipt_number or ""})
        return bid

    def _receipt(self):
        self.ensure_one()
        return {"receipt": self.receipt_number, "sha256": self.sha256, "size": self.size,
                "received": fmt_local(self.date_received), "received_utc": fields.Datetime.to_string(self.date_received),
                "id": self.id}

    def action_withdraw(self):
        """The bidder withdraws its own sealed bid before the deadline (撤回); nobody else can."""
        for bid in self:
            self._check_bidder_user(bid.sudo().bidder_id)
            bid.lot_id._check_before_deadline(self.env._("withdrawing a bid"))
            if bid.state != "submitted":
                raise UserError(self.env._("Only a sealed bid can be withdrawn."))
            with granted(self):
                bid.sudo().write({"state": "withdrawn", "date_withdrawn": fields.Datetime.now()})
            self.env["gov.trading.log"]._append("bid_withdrawn", bid, lot=bid.lot_id, payload={
                "receipt": bid.receipt_number})

    def _decrypt(self, raw_key_b64):
        """Decrypt with the key the bidder derived in the browser (after the deadline only)."""
        self.ensure_one()
        bid = self.sudo()
        self._check_bidder_user(bid.bidder_id)
        lot = bid.lot_id
        now = fields.Datetime.now()
        if now < lot.date_bid_deadline or lot.state != "decrypting":
            raise UserError(self.env._("Bids are decrypted at the opening only, not before the deadline."))
        if now > lot.date_decrypt_end:
            raise UserError(self.env._("The decryption window closed at %(end)s.", end=fmt_local(lot.date_decrypt_end)))
        if bid.state != "submitted":
            raise UserError(self.env._("This bid is not waiting for decryption."))
        try:
            key = base64.b64decode(raw_key_b64, validate=True)
            plaintext = AESGCM(key).decrypt(base64.b64decode(bid.iv), bid.ciphertext_id.raw, None)
            content = json.loads(plaintext.decode("utf-8"))
            price = float(content["price"])
        except (ValueError, binascii.Error, InvalidTag, KeyError, TypeError):
            raise UserError(self.env._(
                "The key does not open this bid: check the bid passphrase and try again.")) from None
        files = content.get("files") or []
        summary = [self.env._("Price: %(price).2f", price=price)]
        if content.get("duration_days"):
            summary.append(self.env._("Duration: %(days)s days", days=content["duration_days"]))
        summary += [f"{f.get('name')} ({f.get('size', 0)} B)" for f in files]
        attachment = self.env["ir.attachment"].sudo().create({
            "name": f"{bid.receipt_number}.json", "raw": plaintext, "res_model": self._name, "res_id": bid.id,
            "mimetype": "application/json",
        })
        with granted(self):
            bid.write({"state": "decrypted", "date_decrypted": now, "price": price,
                       "duration_days": int(content.get("duration_days") or 0),
                       "plaintext_id": attachment.id, "plaintext_summary": "\n".join(summary)})
        self.env["gov.trading.log"]._append("decryption", bid, lot=lot, payload={
            "receipt": bid.receipt_number, "price": price, "plaintext_sha256": hashlib.sha256(plaintext).hexdigest()})
        if all(b.state == "decrypted" for b in lot.bid_ids.filtered(lambda b: b.state in ("submitted", "decrypted"))):
            lot._close_decryption()
        return bid
