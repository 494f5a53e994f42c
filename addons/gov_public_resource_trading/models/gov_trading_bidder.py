"""Bidder company accounts, qualification certificates, registrations, downloads, deposits,
questions and objections. A portal bidder sees only its own records (security/trading_security.xml).
The bidder model is generic (a company or, for land and property auctions, a natural person)."""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.gov_hall_base.tools.protect import granted, protected_action


class GovTradingBidder(models.Model):
    _name = "gov.trading.bidder"
    _description = "Bidder / Supplier Account"
    _inherit = ["mail.thread", "mail.activity.mixin", "gov.trading.integrity.mixin"]
    _order = "name"
    _protected_fields = ("state", "reviewer_id", "signing_public_key", "signing_key_sha256", "date_signing_key")

    name = fields.Char(related="partner_id.name", store=True, readonly=False)
    partner_id = fields.Many2one("res.partner", "Company", required=True, ondelete="restrict", index=True)
    uscc = fields.Char("Unified Social Credit Code", related="partner_id.gov_id_number", readonly=False,
                       store=True)
    legal_representative = fields.Char(related="partner_id.gov_legal_representative", readonly=False)
    phone = fields.Char(related="partner_id.phone", readonly=False)
    email = fields.Char(related="partner_id.email", readonly=False)
    contact_ids = fields.One2many(related="partner_id.child_ids", string="Contacts", readonly=False)
    user_ids = fields.Many2many("res.users", "gov_trading_bidder_user_rel", "bidder_id", "user_id",
                                string="Portal Users")
    state = fields.Selection([
        ("draft", "Draft"), ("submitted", "Awaiting Review"), ("approved", "Approved"), ("rejected", "Rejected"),
    ], default="draft", required=True, tracking=True)
    review_note = fields.Text(tracking=True)
    reviewer_id = fields.Many2one("res.users", readonly=True)
    certificate_ids = fields.One2many("gov.trading.certificate", "bidder_id", string="Qualification Certificates")
    registration_ids = fields.One2many("gov.trading.registration", "bidder_id", string="Registrations")
    blacklisted = fields.Boolean(related="partner_id.gov_blacklisted")
    # the bidder's signing key (ECDSA P-256, made in the bidder's browser or by the sealing command; the
    # private key stays with the bidder), standing in for the CA certificate a province would use
    signing_public_key = fields.Text("Signing Public Key", readonly=True, copy=False,
                                     help="SubjectPublicKeyInfo (DER, base64) of the key that signs the bids.")
    signing_key_sha256 = fields.Char("Signing Key Fingerprint", readonly=True, copy=False)
    date_signing_key = fields.Datetime("Signing Key Registered", readonly=True, copy=False)

    _partner_uniq = models.Constraint("unique(partner_id)", "This company already has a bidder account.")

    @api.constrains("partner_id", "uscc")
    def _check_uscc(self):
        for rec in self:
            if rec.partner_id.is_company and not rec.uscc:
                raise ValidationError(self.env._(
                    "A bidder company needs its unified social credit code."))

    @api.constrains("user_ids")
    def _check_portal_users(self):
        for rec in self:
            internal = rec.user_ids.filtered(lambda u: not u.share)
            if internal:
                raise ValidationError(self.env._(
                    "%(users)s cannot act for %(bidder)s: the users of a bidder account are portal users, the "
                    "trading staff act in the backend.", users=", ".join(internal.mapped("name")), bidder=rec.name))

    def action_submit(self):
        """The bidder (portal, own account) or the staff submit the account for review."""
        if not self.env.user.has_group("gov_hall_base.group_gov_trading_staff"):
            self._check_bidder_user(self)
        for rec in self:
            if rec.state not in ("draft", "rejected"):
                raise UserError(self.env._("Only a draft or rejected account can be submitted for review."))
            if not rec.certificate_ids:
                raise UserError(self.env._("Upload at least one qualification certificate before submitting."))
        with granted(self):
            self.write({"state": "submitted"})

    def _register_signing_key(self, public_spki_b64):
        """A portal user of the bidder registers the public part of its signing key (ECDSA P-256); a new key
        replaces the old one for the next bids (the bids keep the key that signed them)."""
        self.ensure_one()
        import base64  # noqa: PLC0415
        import hashlib  # noqa: PLC0415

        from cryptography.hazmat.primitives import serialization  # noqa: PLC0415
        from cryptography.hazmat.primitives.asymmetric import ec  # noqa: PLC0415
        self._check_bidder_user(self)
        try:
            der = base64.b64decode((public_spki_b64 or "").strip(), validate=True)
            key = serialization.load_der_public_key(der)
            if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name != "secp256r1":
                raise ValueError
        except (ValueError, TypeError):
            raise UserError(self.env._(
                "This is not an ECDSA P-256 public key (SubjectPublicKeyInfo, base64).")) from None
        fingerprint = hashlib.sha256(der).hexdigest()
        with granted(self):
            self.sudo().write({"signing_public_key": base64.b64encode(der).decode(),
                               "signing_key_sha256": fingerprint, "date_signing_key": fields.Datetime.now()})
        self.sudo().message_post(body=self.env._("Signing key registered: %(fingerprint)s", fingerprint=fingerprint))
        return fingerprint

    @protected_action()
    def action_approve(self):
        self._check_trading_staff()
        for rec in self:
            if rec.state != "submitted":
                raise UserError(self.env._("Only an account awaiting review can be approved or rejected."))
            if rec.blacklisted:
                raise UserError(self.env._("%(name)s is on the blacklist and cannot be approved.", name=rec.name))
            if rec.certificate_ids.filtered(lambda c: c.state == "pending"):
                raise UserError(self.env._("Review every certificate of %(name)s first.", name=rec.name))
        self.write({"state": "approved", "reviewer_id": self.env.uid})

    @protected_action()
    def action_reject(self):
        self._check_trading_staff()
        for rec in self:
            if rec.state != "submitted":
                raise UserError(self.env._("Only an account awaiting review can be approved or rejected."))
            if not rec.review_note:
                raise UserError(self.env._("Give the reason for the rejection in the review note."))
        self.write({"state": "rejected"})
