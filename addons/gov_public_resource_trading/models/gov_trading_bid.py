"""Sealed and signed bids and the opening (电子招标投标办法 第26-31条).

New bids (``key_format`` "random-v2", file format ``gov-sealed-bid/1``, tools/seal_bid.py) are encrypted
by the bidder (the portal's bare sealing page, the offline sealing tool or the Python command) with a
random 256-bit key that never leaves the bidder before the opening: AES-256-GCM whose additional data is
``lot code|registration id|sealing nonce`` (a single-use nonce the server issues for the registration), so
a ciphertext moved to another lot or bidder does not decrypt. The bidder signs the ciphertext's SHA-256
with the ECDSA P-256 key registered on its account; the server checks that signature and returns a
receipt signed with the platform's own key (time, lot, SHA-256, log head). The server stores only the
ciphertext, IV, nonce, SHA-256, signature and time. At the opening the bidder sends the key (its code or
key file): the server checks the stored SHA-256 first, then decrypts. Old bids ("pbkdf2-v1": key derived
from a passphrase, no additional data) still open with their passphrase."""
import base64
import binascii
import calendar
import datetime
import hashlib
import hmac
import json
import math
import secrets
from decimal import Decimal, InvalidOperation

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.gov_hall_base.tools.lang import center_env
from odoo.addons.gov_hall_base.tools.protect import granted, protected_action

from ..tools import seal_bid as fmt
from .gov_trading_lot import fmt_local

try:  # the shared upload limits of gov_hall_base (size read bounded, limit from the system parameters)
    from odoo.addons.gov_hall_base.tools.upload import upload_limit
except ImportError:  # pragma: no cover - older gov_hall_base
    upload_limit = None

RECEIPT_FORMAT = "gov-bid-receipt/1"
TICKET_FORMAT = "gov-seal-ticket/1"
RECEIPT_KEY_PARAM = "gov_public_resource_trading.receipt_private_key"
NONCE_HOURS_PARAM = "gov_public_resource_trading.seal_nonce_hours"
BID_MAX_BYTES = 64 * 1024 * 1024


def _canonical(values):
    return json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _epoch(dt):
    return calendar.timegm(fields.Datetime.to_datetime(dt).timetuple())


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
        "key_format", "seal_nonce", "signature", "signer_public_key", "signer_key_sha256", "receipt_json",
        "storage_fault", "recovered", "price_raw", "price_flag", "price_flag_reason",
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
    # the bids sealed before the random keys have no key format of their own: the column's default marks them
    key_format = fields.Selection([
        ("pbkdf2-v1", "Passphrase (PBKDF2, legacy)"),
        ("random-v2", "Random key with signature"),
    ], default="pbkdf2-v1", required=True, readonly=True)
    ciphertext_id = fields.Many2one("ir.attachment", "Ciphertext", readonly=True, ondelete="restrict")
    sha256 = fields.Char("SHA-256 of the Ciphertext", readonly=True)
    size = fields.Integer("Size (bytes)", readonly=True)
    kdf_salt = fields.Char("PBKDF2 Salt", readonly=True)
    kdf_iterations = fields.Integer("PBKDF2 Iterations", readonly=True, default=PBKDF2_ITERATIONS)
    iv = fields.Char("AES-GCM IV", readonly=True)
    seal_nonce = fields.Char("Sealing Nonce", readonly=True, copy=False)
    signature = fields.Char("Bidder's Signature", readonly=True, copy=False)
    signer_public_key = fields.Text("Signing Public Key", readonly=True, copy=False)
    signer_key_sha256 = fields.Char("Signing Key Fingerprint", readonly=True, copy=False)
    receipt_json = fields.Text("Signed Receipt", readonly=True, copy=False)
    storage_fault = fields.Boolean(
        "Stored Ciphertext Corrupted", readonly=True, copy=False,
        help="At the opening the stored ciphertext did not match its SHA-256 (a fault of the platform): the "
             "bidder may upload its own copy matching its signed receipt.")
    recovered = fields.Boolean("Opened from the Bidder's Copy", readonly=True, copy=False)
    date_received = fields.Datetime("Received At", readonly=True)
    date_withdrawn = fields.Datetime(readonly=True)
    replaced_by_id = fields.Many2one("gov.trading.bid", readonly=True)
    date_decrypted = fields.Datetime(readonly=True)
    price = fields.Monetary("Bid Price", currency_field="currency_id", readonly=True)
    price_raw = fields.Char("Price as Written in the Bid", readonly=True, copy=False)
    price_flag = fields.Boolean(
        "Price Flagged", readonly=True, copy=False,
        help="The price is unreadable or implausible: the evaluation committee decides on it (Bidding Law "
             "Implementing Regulations, art. 51); the platform does not reject the bid.")
    price_flag_reason = fields.Char("Price Flag Reason", readonly=True, copy=False)
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
    _seal_nonce_uniq = models.UniqueIndex(
        "(seal_nonce) WHERE seal_nonce IS NOT NULL",
        "This sealing nonce was already used: seal the bid again with a new one.")

    # -- sealing nonce -----------------------------------------------------------------------------------
    def _nonce_mac(self, registration_id, issued, rand):
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret") or ""
        message = f"gov-seal-nonce|{registration_id}|{issued}|{rand}".encode()
        return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()[:32]

    def _nonce_hours(self):
        try:
            return max(1, int(self.env["ir.config_parameter"].sudo().get_param(NONCE_HOURS_PARAM) or 72))
        except ValueError:
            return 72

    @api.model
    def _issue_ticket(self, registration):
        """A sealing ticket for ``registration``: its lot code, its id and a fresh nonce bound to it (an HMAC
        of the database secret), valid for a few hours and usable by one bid only. The bidder seals with
        it (additional data of the cipher) before uploading."""
        registration = registration.sudo()
        self._check_bidder_user(registration.bidder_id)
        lot = registration.lot_id
        lot._check_not_suspended()
        lot._check_before_deadline(self.env._("submitting a bid"))
        if registration.state != "registered":
            raise UserError(self.env._("The registration is cancelled."))
        issued = _epoch(fields.Datetime.now())
        rand = secrets.token_hex(8)
        nonce = f"{issued}.{rand}.{self._nonce_mac(registration.id, issued, rand)}"
        expires = datetime.datetime.utcfromtimestamp(issued + 3600 * self._nonce_hours())
        return {"format": TICKET_FORMAT, **fmt.ALGS, "key_format": fmt.KEY_FORMAT, "lot": lot.code,
                "registration": registration.id, "nonce": nonce,
                "expires": fields.Datetime.to_string(min(expires, lot.date_bid_deadline)) + "Z"}

    def _check_nonce(self, registration, nonce):
        try:
            issued, rand, mac = str(nonce).split(".")
            issued_at = int(issued)
        except ValueError:
            issued_at, rand, mac = 0, "", ""
        if not mac or not hmac.compare_digest(mac, self._nonce_mac(registration.id, issued_at, rand)):
            raise UserError(self.env._(
                "The sealing nonce of this file was not issued for this registration: seal the bid again with a "
                "ticket of this registration."))
        now = _epoch(fields.Datetime.now())
        if now > issued_at + 3600 * self._nonce_hours() or issued_at > now + 300:
            raise UserError(self.env._("The sealing nonce of this file has expired: seal the bid again with a "
                                       "new ticket."))
        if self.sudo().search_count([("seal_nonce", "=", nonce)]):
            raise UserError(self.env._("This sealing nonce was already used: seal the bid again with a new one."))

    # -- platform receipt key --------------------------------------------------------------------------------
    @api.model
    def _platform_key(self):
        """The platform's ECDSA P-256 receipt key, made once per database; its private part lives in a system
        parameter (readable by the system administrators only)."""
        ICP = self.env["ir.config_parameter"].sudo()
        pem = ICP.get_param(RECEIPT_KEY_PARAM)
        if not pem:
            key = ec.generate_private_key(ec.SECP256R1())
            pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption()).decode()
            ICP.set_param(RECEIPT_KEY_PARAM, pem)
        return serialization.load_pem_private_key(pem.encode(), password=None)

    @api.model
    def _platform_public_key(self):
        """``{"alg", "public_spki", "sha256"}``: what anyone needs to verify a receipt."""
        public = fmt.public_key_b64(self._platform_key())
        return {"alg": fmt.ALGS["sig"], "public_spki": public, "sha256": fmt.key_fingerprint(public)}

    @api.model
    def _verify_receipt(self, receipt):
        """True when ``receipt`` (a dict or its JSON text) carries a valid signature of this platform."""
        try:
            if isinstance(receipt, (str, bytes)):
                receipt = json.loads(receipt)
            body = {k: v for k, v in receipt.items() if k != "signature"}
            if body.get("format") != RECEIPT_FORMAT or body.get("alg") != fmt.ALGS["sig"]:
                return False
            public = self._platform_public_key()["public_spki"]
            return fmt.verify_raw(public, _canonical(body).encode(), receipt.get("signature") or "")
        except (ValueError, TypeError, AttributeError):
            return False

    # -- sealing ---------------------------------------------------------------------------------------------
    def _check_can_seal(self, registration):
        self._check_bidder_user(registration.bidder_id)
        lot = registration.lot_id
        lot._check_not_suspended()
        lot._check_before_deadline(self.env._("submitting a bid"))
        if registration.state != "registered":
            raise UserError(self.env._("The registration is cancelled."))
        return lot

    @api.model
    def _max_bytes(self):
        if upload_limit:
            return upload_limit(self.env, "bid", BID_MAX_BYTES)
        return BID_MAX_BYTES

    @api.model
    def _parse_sealed_file(self, data):
        """The sealed bid file (format gov-sealed-bid/1) as a dict with its ciphertext bytes; a clear error
        for anything else."""
        if len(data or b"") > self._max_bytes():
            raise UserError(self.env._("The bid file is larger than %(max)s MB.",
                                       max=round(self._max_bytes() / 1048576, 1)))
        if not data:
            raise UserError(self.env._("The bid file is empty."))
        try:
            sealed = json.loads(data.decode("utf-8") if isinstance(data, bytes) else data)
            if not isinstance(sealed, dict) or sealed.get("format") != fmt.FORMAT:
                raise ValueError
            ciphertext = base64.b64decode(sealed.get("ciphertext") or "", validate=True)
            iv = base64.b64decode(sealed.get("iv") or "", validate=True)
            registration_id = int(sealed.get("registration"))
        except (ValueError, TypeError, UnicodeDecodeError, binascii.Error):
            raise UserError(self.env._(
                "This is not a sealed bid file: upload the file made by the sealing page, the sealing tool or "
                "the sealing command (format gov-sealed-bid/1).")) from None
        algs = {k: sealed.get(k) for k in fmt.ALGS}
        if algs != fmt.ALGS or sealed.get("key_format") != fmt.KEY_FORMAT:
            raise UserError(self.env._(
                "The bid file uses algorithms this platform does not accept (%(algs)s).",
                algs=", ".join(f"{k}={v}" for k, v in algs.items())))
        if len(iv) != 12 or not ciphertext:
            raise UserError(self.env._("The encryption parameters of the bid are invalid."))
        return dict(sealed, registration=registration_id, ciphertext_bytes=ciphertext)

    @api.model
    def _seal_file(self, registration, data):
        """Store the sealed bid file ``data`` (bytes) of ``registration``; replaces the current bid. Only a
        portal user of the registration's bidder seals (the route's request user). Checks: the file is made
        for this lot and registration with a nonce issued for it, its SHA-256 is its ciphertext's, and its
        signature verifies with the signing key registered on the bidder account."""
        registration = registration.sudo()
        lot = self._check_can_seal(registration)
        sealed = self._parse_sealed_file(data)
        if sealed.get("lot") != lot.code or sealed["registration"] != registration.id:
            raise UserError(self.env._(
                "This bid file was sealed for another lot or registration (%(lot)s / %(reg)s): seal it again "
                "for %(own_lot)s.", lot=sealed.get("lot"), reg=sealed["registration"], own_lot=lot.code))
        self._check_nonce(registration, sealed.get("nonce"))
        ciphertext = sealed["ciphertext_bytes"]
        digest = hashlib.sha256(ciphertext).hexdigest()
        if str(sealed.get("sha256") or "").lower() != digest:
            raise UserError(self.env._(
                "The bid was not fully received (SHA-256 mismatch): send it again before the deadline."))
        bidder = registration.bidder_id
        public = bidder.signing_public_key
        if not public:
            raise UserError(self.env._(
                "Register your signing key on the sealing page first: a bid is signed by its bidder."))
        if not fmt.verify_raw(public, digest.encode(), sealed.get("signature") or ""):
            raise UserError(self.env._(
                "The signature of the bid does not verify with the signing key registered on the account of "
                "%(bidder)s: sign it with your own key.", bidder=bidder.name))
        return self._store(registration, ciphertext, {
            "key_format": fmt.KEY_FORMAT, "iv": sealed["iv"], "seal_nonce": sealed["nonce"],
            "signature": sealed["signature"], "signer_public_key": public,
            "signer_key_sha256": fmt.key_fingerprint(public), "kdf_salt": False, "kdf_iterations": 0,
        })

    @api.model
    def _seal(self, registration, ciphertext, sha256, salt, iv, iterations=PBKDF2_ITERATIONS):
        """Legacy passphrase bids (pbkdf2-v1), kept for server code that still makes them (no portal route
        accepts them any more: the portal seals with a random key and a signature)."""
        registration = registration.sudo()
        self._check_can_seal(registration)
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
        return self._store(registration, ciphertext, {
            "key_format": "pbkdf2-v1", "kdf_salt": salt, "iv": iv, "kdf_iterations": int(iterations)})

    def _store(self, registration, ciphertext, vals):
        lot = registration.lot_id
        digest = hashlib.sha256(ciphertext).hexdigest()
        # serialise concurrent uploads of the same bidder for the lot: the second one waits, then fails
        # with a serialisation error and Odoo retries it; it then sees (and replaces) the first bid
        self.env.cr.execute("UPDATE gov_trading_registration SET write_date = (now() at time zone 'UTC') "
                            "WHERE id = %s", [registration.id])
        previous = self.sudo().search([("registration_id", "=", registration.id), ("state", "=", "submitted")])
        now = fields.Datetime.now()
        Log = self.env["gov.trading.log"]
        head = Log._head()  # the chain head before this bid's entry, held outside in the signed receipt
        with granted(self):
            if previous:
                previous.write({"state": "replaced"})
                self.env.flush_all()
            bid = self.sudo().create(dict(vals, **{
                "registration_id": registration.id,
                "receipt_number": "TB%s%s" % (now.strftime("%Y%m%d%H%M%S"), secrets.token_hex(4).upper()),
                "sha256": digest, "size": len(ciphertext), "date_received": now,
            }))
            attachment = self.env["ir.attachment"].sudo().create({
                "name": f"{bid.receipt_number}.sealed", "raw": ciphertext, "res_model": self._name,
                "res_id": bid.id, "mimetype": "application/octet-stream",
            })
            bid.ciphertext_id = attachment
            if previous:
                previous.replaced_by_id = bid
        entry = Log._append("bid_replaced" if previous else "bid_received", bid, lot=lot, payload={
            "receipt": bid.receipt_number, "sha256": digest, "size": len(ciphertext),
            "replaces": previous.receipt_number or "", "iv": bid.iv, "nonce": bid.seal_nonce or "",
            "key_format": bid.key_format, "cipher": fmt.ALGS["cipher"],
            "signer_key_sha256": bid.signer_key_sha256 or "", "signature": bid.signature or ""})
        receipt = {
            "format": RECEIPT_FORMAT, "alg": fmt.ALGS["sig"], "hash": fmt.ALGS["hash"],
            "receipt": bid.receipt_number, "time": fields.Datetime.to_string(now) + "Z", "lot": lot.code,
            "registration": registration.id, "sha256": digest, "key_format": bid.key_format,
            "head": {"sequence": head["sequence"], "hash": head["hash"]},
            "log_payload_sha256": hashlib.sha256((entry.payload or "").encode()).hexdigest(),
            "platform_key_sha256": self._platform_public_key()["sha256"],
        }
        receipt["signature"] = fmt.sign_raw(self._platform_key(), _canonical(receipt).encode())
        with granted(self):
            bid.sudo().receipt_json = json.dumps(receipt, ensure_ascii=False, sort_keys=True)
        return bid

    def _receipt(self):
        self.ensure_one()
        return {"receipt": self.receipt_number, "sha256": self.sha256, "size": self.size,
                "received": fmt_local(self.date_received, self.lot_id.company_id), "received_utc": fields.Datetime.to_string(self.date_received),
                "id": self.id, "signed_receipt": self.sudo().receipt_json or ""}

    def action_withdraw(self):
        """The bidder withdraws its own sealed bid before the deadline (撤回); nobody else can."""
        for bid in self:
            self._check_bidder_user(bid.sudo().bidder_id)
            bid.sudo().lot_id._check_before_deadline(self.env._("withdrawing a bid"))
            if bid.state != "submitted":
                raise UserError(self.env._("Only a sealed bid can be withdrawn."))
            with granted(self):
                bid.sudo().write({"state": "withdrawn", "date_withdrawn": fields.Datetime.now()})
            self.env["gov.trading.log"]._append("bid_withdrawn", bid, lot=bid.lot_id, payload={
                "receipt": bid.receipt_number})

    # -- the opening -----------------------------------------------------------------------------------------
    def _check_decryption_window(self):
        bid = self.sudo()
        self._check_bidder_user(bid.bidder_id)
        lot = bid.lot_id
        now = fields.Datetime.now()
        if now < lot.date_bid_deadline or lot.state != "decrypting":
            raise UserError(self.env._("Bids are decrypted at the opening only, not before the deadline."))
        if now > lot.date_decrypt_end:
            raise UserError(self.env._("The decryption window closed at %(end)s.", end=fmt_local(lot.date_decrypt_end, lot.company_id)))
        if bid.state != "submitted":
            raise UserError(self.env._("This bid is not waiting for decryption."))
        return bid, lot, now

    def _additional_data(self):
        if self.key_format == "pbkdf2-v1":
            return None
        return fmt.additional_data(self.lot_id.code, self.registration_id.id, self.seal_nonce)

    def _key_bytes(self, key):
        """The 32 key bytes the bidder sent: a key code (checked by its check character), a key file or the
        base64 raw key; a clear error otherwise, before anything is tried."""
        if self.key_format == "pbkdf2-v1":
            try:
                return base64.b64decode(key or "", validate=True)
            except (ValueError, binascii.Error):
                raise UserError(self.env._(
                    "The key does not open this bid: check the bid passphrase and try again.")) from None
        try:
            return fmt.parse_key(key)
        except fmt.KeyCodeError:
            raise UserError(self.env._(
                "The opening key code is mistyped (its check character does not match): type it again. Nothing "
                "was sent to the bid, which stays sealed.")) from None
        except (ValueError, KeyError, TypeError):
            raise UserError(self.env._("The key file cannot be read: load the key file of this bid.")) from None

    def _decrypt(self, raw_key):
        """Decrypt with the bidder's key (after the deadline only). The stored ciphertext is checked against
        its SHA-256 first: a mismatch is the platform's fault, recorded (``storage_fault``) and logged, and
        the bidder may then upload its own copy (``_recover``). Returns the bid."""
        self.ensure_one()
        bid, lot, now = self._check_decryption_window()
        key = bid._key_bytes(raw_key)
        ciphertext = bid.ciphertext_id.raw or b""
        if hashlib.sha256(ciphertext).hexdigest() != bid.sha256:
            if not bid.storage_fault:
                with granted(self):
                    bid.storage_fault = True
                self.env["gov.trading.log"]._append("other", bid, lot=lot, payload={
                    "receipt": bid.receipt_number, "fault": "stored ciphertext does not match its SHA-256",
                    "expected_sha256": bid.sha256, "stored_sha256": hashlib.sha256(ciphertext).hexdigest()})
            return bid
        try:
            plaintext = AESGCM(key).decrypt(base64.b64decode(bid.iv), ciphertext, bid._additional_data())
            content = json.loads(plaintext.decode("utf-8"))
            if not isinstance(content, dict):
                raise ValueError
        except (ValueError, binascii.Error, InvalidTag, TypeError, UnicodeDecodeError):
            if bid.key_format == "pbkdf2-v1":
                raise UserError(self.env._(
                    "The key does not open this bid: check the bid passphrase and try again.")) from None
            raise UserError(self.env._(
                "The key does not open this bid: check the opening key code or key file of this bid and try "
                "again; the bid stays sealed.")) from None
        price, reason, written = bid._read_price(content.get("price"))
        try:
            duration = max(0, int(content.get("duration_days") or 0))
        except (ValueError, TypeError, OverflowError):
            duration = 0
        files = content.get("files") if isinstance(content.get("files"), list) else []
        cenv = center_env(lot).env
        summary = [cenv._("Price: %(price).2f", price=price)]
        if reason:
            summary.append(cenv._("Price flagged for the committee: %(reason)s", reason=reason))
        if duration:
            summary.append(cenv._("Duration: %(days)s days", days=duration))
        summary += [f"{f.get('name')} ({f.get('size', 0)} B)" for f in files if isinstance(f, dict)]
        attachment = self.env["ir.attachment"].sudo().create({
            "name": f"{bid.receipt_number}.json", "raw": plaintext, "res_model": self._name, "res_id": bid.id,
            "mimetype": "application/json",
        })
        with granted(self):
            bid.write({"state": "decrypted", "date_decrypted": now, "price": price, "price_raw": written,
                       "price_flag": bool(reason), "price_flag_reason": reason or False,
                       "duration_days": duration, "plaintext_id": attachment.id,
                       "plaintext_summary": "\n".join(summary)})
        self.env["gov.trading.log"]._append("decryption", bid, lot=lot, payload={
            "receipt": bid.receipt_number, "price": written, "price_flag": reason or "",
            "plaintext_sha256": hashlib.sha256(plaintext).hexdigest(), "recovered": bid.recovered})
        if all(b.state == "decrypted" for b in lot.bid_ids.filtered(lambda b: b.state in ("submitted", "decrypted"))):
            lot._close_decryption()
        return bid

    def _read_price(self, value):
        """``(price stored, flag reason or "", price as written)``: an unreadable or implausible price is
        flagged for the evaluation committee, never rejected (实施条例 第51条)."""
        cenv = center_env(self.lot_id).env
        written = "" if value is None else str(value)
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            return 0.0, cenv._("the price cannot be read"), written
        try:
            number = Decimal(value.strip().replace(",", "") if isinstance(value, str) else repr(value))
        except (InvalidOperation, ValueError):
            return 0.0, cenv._("the price cannot be read"), written
        if not number.is_finite():
            return 0.0, cenv._("the price is not a finite number"), written
        if abs(number) >= Decimal(10) ** 14:
            return 0.0, cenv._("the price is beyond any plausible amount"), written
        price = float(number)
        if number <= 0:
            return price, cenv._("the price is zero or negative"), written
        places = self.currency_id.decimal_places if self.currency_id else 2
        if number != round(number, places):
            return price, cenv._("the price has more decimals than the currency allows (%(places)s)",
                                 places=places), written
        if math.isnan(price) or math.isinf(price):  # pragma: no cover - Decimal caught these
            return 0.0, cenv._("the price is not a finite number"), written
        return price, "", written

    def _recover(self, data):
        """The platform corrupted the stored ciphertext: the bidder hands in its own copy of the sealed file
        (电子招标投标办法 第31条). A copy whose SHA-256 is the one of the signed receipt replaces the stored
        ciphertext (then the bidder decrypts as usual); otherwise the bid counts as withdrawn (撤回). Logged
        either way. Returns ``(bid, recovered)``."""
        self.ensure_one()
        bid, lot, now = self._check_decryption_window()
        if not bid.storage_fault:
            raise UserError(self.env._("The stored ciphertext of this bid is intact: decrypt it with its key."))
        try:
            sealed = json.loads(data.decode("utf-8") if isinstance(data, bytes) else data)
            ciphertext = base64.b64decode(sealed["ciphertext"], validate=True)
        except (ValueError, KeyError, TypeError, UnicodeDecodeError, binascii.Error):
            ciphertext = data if isinstance(data, bytes) else (data or "").encode()
        digest = hashlib.sha256(ciphertext).hexdigest()
        receipt = json.loads(bid.receipt_json) if bid.receipt_json else {}
        matches = digest == bid.sha256 and (not receipt or (self._verify_receipt(receipt)
                                                           and receipt.get("sha256") == digest))
        Log = self.env["gov.trading.log"]
        if not matches:
            with granted(self):
                bid.write({"state": "withdrawn", "date_withdrawn": now})
            Log._append("bid_withdrawn", bid, lot=lot, payload={
                "receipt": bid.receipt_number, "copy_sha256": digest,
                "reason": "stored ciphertext corrupted; the bidder's copy does not match its receipt"})
            return bid, False
        with granted(self):
            attachment = self.env["ir.attachment"].sudo().create({
                "name": f"{bid.receipt_number}.sealed", "raw": ciphertext, "res_model": self._name,
                "res_id": bid.id, "mimetype": "application/octet-stream"})
            bid.write({"ciphertext_id": attachment.id, "storage_fault": False, "recovered": True})
        Log._append("other", bid, lot=lot, payload={
            "receipt": bid.receipt_number, "recovered": "bidder's copy matching its signed receipt",
            "sha256": digest})
        return bid, True


class GovTradingLotSealedBids(models.Model):
    """The opening's end for the bids whose stored ciphertext the platform corrupted."""
    _inherit = "gov.trading.lot"

    @protected_action("gov.trading.bid")
    def _close_decryption(self):
        """A bid whose stored ciphertext was found corrupted and that its bidder could not restore counts as
        withdrawn (a failure of the platform, 第31条), not revoked."""
        Log = self.env["gov.trading.log"]
        for lot in self:
            for bid in lot.bid_ids.filtered(lambda b: b.state == "submitted" and b.storage_fault):
                bid.sudo().write({"state": "withdrawn", "date_withdrawn": fields.Datetime.now()})
                Log._append("bid_withdrawn", bid, lot=lot, payload={
                    "receipt": bid.receipt_number,
                    "reason": "stored ciphertext corrupted; no matching copy from the bidder"})
        return super()._close_decryption()
