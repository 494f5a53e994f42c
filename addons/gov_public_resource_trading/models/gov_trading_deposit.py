from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

from odoo.addons.gov_hall_base.models.gov_hall_deadline_mixin import Deadline
from odoo.addons.gov_hall_base.tools.dates import center_today
from odoo.addons.gov_hall_base.tools.protect import protected_action

from .gov_trading_lot import alert_once, center_today_sql, local_date


class GovTradingDeposit(models.Model):
    _name = "gov.trading.deposit"
    _description = "Bid Deposit"
    _inherit = ["mail.thread", "mail.activity.mixin", "gov.hall.deadline.mixin", "gov.trading.integrity.mixin"]
    _order = "id desc"
    _protected_fields = ("state", "date_declared", "date_received", "date_refunded", "interest_rate",
                         "refund_start", "refund_in_days", "refund_deadline", "refund_overdue", "interest_amount",
                         "refund_amount", "supervision_color", "deadline_start", "deadline_days",
                         "deadline_paused_days")
    # the refund is due 5 days after the contract (procurement: 5 working days), in the hall's calendar
    _deadline_open_domain = Domain("state", "=", "received")
    _deadlines = (Deadline("refund_deadline", "refund_start", 5, calendar_days="refund_in_days"),)
    _deadline_lit = "refund_deadline"
    # what the bidder declared
    _frozen_fields = ("registration_id", "bidder_id", "lot_id", "company_id", "amount", "payment_method",
                      "bank_reference")

    registration_id = fields.Many2one("gov.trading.registration", required=True, ondelete="cascade", index=True)
    bidder_id = fields.Many2one(related="registration_id.bidder_id", store=True, index=True)
    lot_id = fields.Many2one(related="registration_id.lot_id", store=True, index=True)
    company_id = fields.Many2one(related="lot_id.company_id", store=True)
    currency_id = fields.Many2one(related="lot_id.currency_id")
    amount = fields.Monetary(required=True, currency_field="currency_id")
    payment_method = fields.Selection([
        ("bank_transfer", "Bank Transfer"), ("guarantee", "Bank Guarantee / Insurance"), ("cash", "Cash"),
    ], default="bank_transfer", required=True)
    bank_reference = fields.Char("Bank Transfer Reference", required=True)
    state = fields.Selection([
        ("declared", "Declared by Bidder"), ("received", "Receipt Confirmed"), ("refunded", "Refunded"),
        ("kept", "Kept"),
    ], default="declared", required=True, tracking=True)
    date_declared = fields.Datetime(default=fields.Datetime.now, readonly=True)
    date_received = fields.Date(readonly=True, tracking=True)
    refund_start = fields.Date(compute="_compute_refund_start", store=True,
                               help="The day the refund period starts: the contract, or the opening of a failed lot.")
    refund_in_days = fields.Boolean(compute="_compute_refund_start", store=True,
                                    help="The refund period counts calendar days (tendering); procurement counts "
                                    "working days.")
    refund_deadline = fields.Date(compute="_compute_refund_deadline", store=True, index=True,
                                  help="5 days after the contract (procurement: 5 working days).")
    date_refunded = fields.Date(tracking=True)
    refund_overdue = fields.Boolean(compute="_compute_refund_overdue", search="_search_refund_overdue")
    keep_reason = fields.Text()
    interest_rate = fields.Float(
        "Interest Rate (% a year)", digits=(6, 4), readonly=True,
        default=lambda self: self.env.company.gov_deposit_interest_rate,
        help="Bank deposit rate of the same period; a deposit is returned with its interest (Bidding Law Implementing Regulations, art. 57).")
    interest_amount = fields.Monetary(
        "Interest", compute="_compute_interest", currency_field="currency_id",
        help="Amount x rate x days held / 360, from the day the receipt was confirmed to the refund (or today).")
    refund_amount = fields.Monetary("Amount to Refund", compute="_compute_interest", currency_field="currency_id")

    @api.depends("lot_id.date_contract", "lot_id.state", "lot_id.date_opened", "lot_id.kind", "state")
    def _compute_refund_start(self):
        for rec in self:
            base = rec.lot_id.date_contract
            if not base and rec.lot_id.state == "failed" and rec.lot_id.date_opened:
                base = local_date(rec.lot_id.date_opened, rec.company_id)
            rec.refund_start = base if rec.state in ("received", "refunded") else False
            rec.refund_in_days = rec.lot_id.kind != "procurement"

    @api.depends("refund_start", "refund_in_days")
    def _compute_refund_deadline(self):
        self._deadline_compute(self._deadlines[0])

    @api.depends("refund_deadline", "date_refunded")
    def _compute_refund_overdue(self):
        for rec in self:
            rec.refund_overdue = bool(rec.refund_deadline and (
                rec.date_refunded or center_today(rec.company_id)) > rec.refund_deadline)

    def _search_refund_overdue(self, operator, value):
        """Overdue today: past the deadline and not refunded, or refunded after it."""
        if operator != "in":
            return NotImplemented
        self.env.flush_all()
        self.env.cr.execute("""
            SELECT d.id FROM gov_trading_deposit d
              LEFT JOIN unnest(%s::int[], %s::date[]) AS t(company_id, day) ON t.company_id = d.company_id
             WHERE d.refund_deadline IS NOT NULL
               AND COALESCE(d.date_refunded, t.day, %s) > d.refund_deadline
        """, [*center_today_sql(self.env), center_today(False)])
        overdue = Domain("id", "in", [r[0] for r in self.env.cr.fetchall()])
        values = {bool(v) for v in value}
        return Domain.TRUE if len(values) == 2 else overdue if True in values else ~overdue

    def _carries_interest(self):
        """A rule of each kind of deposit: money held for a tender (construction, procurement) is returned
        with its bank interest (招标投标法实施条例 第57条); a land, property or mining rights deposit is not,
        nor a bank guarantee, which holds no money."""
        self.ensure_one()
        return self.lot_id.kind in ("construction", "procurement")

    @api.depends("amount", "payment_method", "interest_rate", "date_received", "date_refunded", "state",
                 "lot_id.kind")
    def _compute_interest(self):
        for rec in self:
            today = center_today(rec.company_id)
            held = rec.payment_method != "guarantee" and rec.date_received and rec.state in ("received", "refunded")
            days = max(((rec.date_refunded or today) - rec.date_received).days, 0) \
                if held and rec._carries_interest() else 0
            rec.interest_amount = round(rec.amount * (rec.interest_rate or 0.0) / 100.0 * days / 360.0, 2)
            rec.refund_amount = rec.amount + rec.interest_amount if held else 0.0

    # -- the refund deadline's alert (gov.hall.deadline.mixin, scanned by the daily cron) ---------------------
    @api.model
    def _deadline_notify(self, changed, today=None):
        alert_once(self.browse(changed["red"]), lambda dep: dep.env._("Deposit refund overdue"),
                   today or (lambda dep: center_today(dep.company_id)))

    @api.constrains("amount", "payment_method", "lot_id")
    def _check_amount(self):
        for rec in self:
            if rec.amount < rec.lot_id.deposit_amount - 0.005:
                raise ValidationError(self.env._(
                    "The deposit for %(lot)s is %(required).2f; %(amount).2f was declared.",
                    lot=rec.lot_id.name, required=rec.lot_id.deposit_amount, amount=rec.amount))
            if rec.lot_id.kind == "procurement" and rec.payment_method == "cash":
                raise ValidationError(self.env._(
                    "A government procurement deposit is paid by transfer or guarantee, never in cash "
                    "(Government Procurement Law Implementing Regulations, art. 33)."))

    @api.model_create_multi
    def create(self, vals_list):
        """The bidder declares its deposit (portal route, under sudo: the request's user is checked)."""
        registrations = self.env["gov.trading.registration"].sudo().browse(
            {vals.get("registration_id") for vals in vals_list if vals.get("registration_id")})
        self._check_bidder_user(registrations.bidder_id)
        records = super().create(vals_list)
        for rec in records:
            if rec.registration_id.state != "registered":
                raise UserError(self.env._("The registration is cancelled."))
            self.env["gov.trading.log"]._append("deposit", rec, lot=rec.lot_id, payload={
                "action": "declared", "amount": rec.amount, "reference": rec.bank_reference})
        return records

    @protected_action()
    def action_confirm_receipt(self):
        self._check_trading_staff()
        for rec in self:
            if rec.state != "declared":
                raise UserError(self.env._("Only a declared deposit can be confirmed."))
            rec.write({"state": "received", "date_received": center_today(rec.company_id)})
            self.env["gov.trading.log"]._append("deposit", rec, lot=rec.lot_id, payload={"action": "received"})

    @protected_action()
    def action_refund(self):
        self._check_trading_staff()
        for rec in self:
            if rec.state != "received":
                raise UserError(self.env._("Only a received deposit can be refunded."))
            rec.write({"state": "refunded", "date_refunded": center_today(rec.company_id)})
            rec._deadline_close_alerts()
            self.env["gov.trading.log"]._append("deposit", rec, lot=rec.lot_id, payload={
                "action": "refunded", "interest": rec.interest_amount, "total": rec.refund_amount})

    @protected_action()
    def action_keep(self):
        self._check_trading_staff()
        for rec in self:
            if rec.state != "received":
                raise UserError(self.env._("Only a received deposit can be kept."))
            if not rec.keep_reason:
                raise UserError(self.env._("Give the legal reason for keeping the deposit."))
            rec.state = "kept"
            rec._deadline_close_alerts()
            self.env["gov.trading.log"]._append("deposit", rec, lot=rec.lot_id, payload={
                "action": "kept", "reason": rec.keep_reason})
