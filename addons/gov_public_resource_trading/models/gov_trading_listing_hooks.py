"""What listing (挂牌) adds to the shared trading records: applications (竞买申请) on registrations with
their paddle number and virtual deposit sub-account, land deposits (earnest money, refunds within 5 working
days of the close without interest, electronic guarantees), the log's events, the announcement kind and the
center's period settings."""
import secrets

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.gov_hall_base.tools.protect import granted, protected_action

from .gov_trading_deposit import GovTradingDeposit
from .gov_trading_listing import SESSION_PROCEDURES
from .gov_trading_lot import fmt_local
from .gov_trading_registration import GovTradingRegistration

LISTING_EVENTS = [
    ("listing_published", "Listing announced"),
    ("listing_application", "Listing application"),
    ("listing_quote", "Listing quote"),
    ("listing_increment", "Listing increment changed"),
    ("listing_closed", "Listing closed"),
    ("listing_continue", "Listing: continue answer"),
    ("listing_handover", "Listing handed over to live bidding"),
    ("listing_reserve_sealed", "Reserve price sealed"),
    ("listing_reserve_opened", "Reserve price opened"),
    ("listing_result", "Listing result"),
    ("listing_confirmation", "Transaction confirmation signed"),
    ("listing_eligibility", "Eligibility view sent"),
]


def luhn_digit(digits):
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


class GovTradingLogListing(models.Model):
    _inherit = "gov.trading.log"

    event = fields.Selection(selection_add=LISTING_EVENTS,
                             ondelete={key: (lambda records: None) for key, _label in LISTING_EVENTS})


class GovTradingAnnouncementListing(models.Model):
    _inherit = "gov.trading.announcement"

    kind = fields.Selection(selection_add=[("listing", "Listing Announcement")], ondelete={"listing": "set default"})


class ResCompanyListing(models.Model):
    _inherit = "res.company"

    gov_land_listing_working_days = fields.Integer(
        "Land Listing Minimum (working days)", default=10,
        help="Local rule, stricter than the national floor of 10 calendar days (0: the national floor only).")
    gov_mining_announcement_days = fields.Integer(
        "Mining Rights Announcement Lead (days)", default=20,
        help="Days between the announcement and the start of a mining rights listing (national default 20).")
    gov_mining_listing_working_days = fields.Integer(
        "Mining Rights Listing Minimum (working days)", default=10,
        help="National default 10 working days.")

    @api.constrains("gov_mining_announcement_days", "gov_mining_listing_working_days", "gov_land_listing_working_days")
    def _check_listing_settings(self):
        for company in self:
            if company.gov_mining_announcement_days < 20 or company.gov_mining_listing_working_days < 10:
                raise ValidationError(self.env._(
                    "The national floors of mining rights listings are 20 days of announcement and 10 working "
                    "days of listing (MNR [2023] No. 1): a center may ask more, never less."))
            if company.gov_land_listing_working_days < 0:
                raise ValidationError(self.env._("The land listing minimum cannot be negative."))


class GovTradingRegistrationListing(models.Model):
    _inherit = "gov.trading.registration"
    _protected_fields = GovTradingRegistration._protected_fields + ("listing_paddle", "listing_virtual_account",
                         "listing_qualification", "listing_continue_answer", "listing_continue_date")

    listing_paddle = fields.Char("Paddle Number", readonly=True, copy=False, index="btree_not_null",
                                 help="The bidder's number (paddle): quotes and results show it, never the name.")
    listing_virtual_account = fields.Char("Deposit Sub-Account", readonly=True, copy=False,
                                          index="btree_not_null",
                                          help="Virtual sub-account of this bidder for this lot: the deposit "
                                               "paid into it is matched from the bank statement.")
    listing_qualification = fields.Selection(
        [("pending", "Pending"), ("qualified", "Qualified"), ("rejected", "Not Qualified")],
        "Qualification", readonly=True, copy=False)
    listing_qualification_note = fields.Text("Eligibility View")
    listing_continue_answer = fields.Selection([("continue", "Wants to Continue"), ("stop", "Does Not Continue")],
                                               "Continue at the Close", readonly=True, copy=False)
    listing_continue_date = fields.Datetime(readonly=True, copy=False)

    _paddle_uniq = models.Constraint("unique(lot_id, listing_paddle)", "A paddle number is given once per lot.")
    _virtual_account_uniq = models.Constraint("unique(listing_virtual_account)",
                                              "A deposit sub-account is given once.")

    @api.model_create_multi
    def create(self, vals_list):
        lots = self.env["gov.trading.lot"].sudo().browse([v.get("lot_id") for v in vals_list if v.get("lot_id")])
        now = fields.Datetime.now()
        for lot in lots.filtered(lambda lot: lot.procedure in SESSION_PROCEDURES):
            listing = lot.listing_ids[:1]
            if listing and listing.state == "announced" and now > listing.date_application_end \
                    and lot.procedure == "auction":
                raise UserError(self.env._(
                    "Applications for %(lot)s closed on %(close)s, before the auction.", lot=lot.name,
                    close=fmt_local(listing.date_application_end, lot.company_id)))
            if listing and listing.state == "announced" and now > listing.date_application_end:
                raise UserError(self.env._(
                    "Applications for %(lot)s closed on %(close)s, 2 days before the listing ends (MLR Order No. "
                    "39; MLR [2010] No. 34).", lot=lot.name, close=fmt_local(listing.date_application_end,
                                                                            lot.company_id)))
        records = super().create(vals_list)
        for rec in records.filtered(lambda r: r.lot_id.procedure in SESSION_PROCEDURES):
            rec._listing_assign_numbers()
        return records

    @protected_action()
    def _listing_assign_numbers(self):
        for rec in self:
            used = set(rec.lot_id.registration_ids.mapped("listing_paddle"))
            paddle = None
            while not paddle or paddle in used:
                paddle = "%03d" % (secrets.randbelow(900) + 100)
            digits = "%06d%06d%s" % (rec.company_id.id % 10 ** 6, rec.lot_id.id % 10 ** 6, paddle)
            rec.sudo().write({"listing_paddle": paddle, "listing_virtual_account": digits + luhn_digit(digits),
                              "listing_qualification": "pending"})
            self.env["gov.trading.log"]._append("listing_application", rec, lot=rec.lot_id, payload={
                "paddle": paddle, "bidder": rec.bidder_id.uscc})

    def _listing_deposit_ok(self):
        """The deposit was received by the announced cut-off (or the guarantee verified)."""
        self.ensure_one()
        listing = self.lot_id.listing_ids[:1]
        required = listing.deposit_amount
        if not required:
            return True
        ok = self.sudo().deposit_ids.filtered(
            lambda d: d.state in ("received", "earnest") and d.amount >= required - 0.005 and (
                not d.date_paid or d.date_paid <= listing.date_deposit_cutoff))
        return bool(ok)

    @protected_action()
    def action_listing_qualify(self):
        self._check_trading_staff()
        self._listing_set_qualification("qualified")

    @protected_action()
    def action_listing_reject(self):
        self._check_trading_staff()
        for rec in self:
            if not rec.listing_qualification_note:
                raise UserError(self.env._("Give the reason in the eligibility view."))
        self._listing_set_qualification("rejected")

    def _listing_set_qualification(self, value):
        for rec in self:
            if rec.lot_id.procedure not in SESSION_PROCEDURES or rec.state != "registered":
                raise UserError(self.env._("Only an application for a listing is qualified here."))
            rec.sudo().listing_qualification = value
            self.env["gov.trading.log"]._append("listing_application", rec, lot=rec.lot_id, payload={
                "paddle": rec.listing_paddle, "qualification": value})

    def _listing_answer_continue(self, wants):
        """The bidder's answer at the close (portal, under sudo: the request's user is checked)."""
        self.ensure_one()
        self._check_bidder_user(self.bidder_id)
        listing = self.lot_id.listing_ids[:1]
        if not listing or listing.state != "closing" or fields.Datetime.now() > listing.continue_until:
            raise UserError(self.env._("The bidders answer within the window after the close only."))
        if self not in listing._quote_ready_registrations():
            raise UserError(self.env._("Only a bidder who may quote answers."))
        if self.listing_continue_answer:
            raise UserError(self.env._("Your answer is already recorded."))
        answer = "continue" if wants else "stop"
        with granted(self):
            self.sudo().write({"listing_continue_answer": answer, "listing_continue_date": fields.Datetime.now()})
        self.env["gov.trading.log"]._append("listing_continue", self, lot=self.lot_id, payload={
            "paddle": self.listing_paddle, "answer": answer})


class GovTradingDepositListing(models.Model):
    _inherit = "gov.trading.deposit"
    _protected_fields = GovTradingDeposit._protected_fields + ("listing_refund_day", "date_paid", "statement_line",
                         "guarantee_verified")

    state = fields.Selection(selection_add=[("earnest", "Earnest Money")], ondelete={"earnest": "set default"})
    payment_method = fields.Selection(selection_add=[("e_guarantee", "Electronic Guarantee")],
                                      ondelete={"e_guarantee": "set default"})
    listing_refund_day = fields.Date("Refund Clock Start (Listing)", readonly=True, copy=False,
                                     help="The close of the listing: the deposits of the others go back within 5 "
                                          "working days, without interest.")
    date_paid = fields.Datetime("Paid At (Bank)", readonly=True, copy=False)
    statement_line = fields.Char("Bank Statement Line", readonly=True, copy=False)
    guarantee_number = fields.Char("Guarantee Number")
    guarantee_issuer = fields.Char("Guarantee Issuer")
    guarantee_verified = fields.Boolean(readonly=True, copy=False)

    @api.depends("lot_id.date_contract", "lot_id.state", "lot_id.date_opened", "lot_id.kind", "state",
                 "listing_refund_day")
    def _compute_refund_start(self):
        super()._compute_refund_start()
        for rec in self.filtered(lambda d: d.lot_id.procedure in SESSION_PROCEDURES):
            rec.refund_start = rec.listing_refund_day if rec.state in ("received", "refunded") else False
            rec.refund_in_days = False

    @api.constrains("amount", "payment_method", "lot_id")
    def _check_listing_amount(self):
        for rec in self.filtered(lambda d: d.lot_id.procedure in SESSION_PROCEDURES):
            required = rec.lot_id.listing_ids[:1].deposit_amount
            if rec.amount < required - 0.005:
                raise ValidationError(self.env._(
                    "The deposit for %(lot)s is %(required).2f, as the announcement sets; %(amount).2f was "
                    "declared.", lot=rec.lot_id.name, required=required, amount=rec.amount))

    @protected_action()
    def action_verify_guarantee(self):
        """Staff verify an electronic guarantee (电子保函) with its issuer: it counts as the deposit."""
        self._check_trading_staff()
        for rec in self:
            if rec.payment_method != "e_guarantee" or rec.state != "declared":
                raise UserError(self.env._("Only a declared electronic guarantee is verified."))
            if not (rec.guarantee_number and rec.guarantee_issuer):
                raise UserError(self.env._("Enter the guarantee number and its issuer."))
            rec.write({"state": "received", "guarantee_verified": True,
                       "date_received": fields.Date.context_today(rec), "date_paid": fields.Datetime.now()})
            self.env["gov.trading.log"]._append("deposit", rec, lot=rec.lot_id, payload={
                "action": "guarantee_verified", "number": rec.guarantee_number, "issuer": rec.guarantee_issuer})
