"""Listing (挂牌) of land-use, property and mining rights on a lot of a trading project.

One listing per lot whose ``procedure`` is ``listing``: the announcement (or the property disclosure), the
listing period, the applications (registrations, 竞买申请) with their paddle numbers (竞买号牌) and virtual
deposit sub-accounts, the quotes of the portal, the sealed reserve price (底价), the close with the question
whether a bidder wants to continue (then live bidding, ``_listing_handover_to_auction``), the result, the
confirmation (成交确认书) and the contract.

Rules (each refused with the rule it cites, in the model):

- land (国土资源部令第39号): announcement at least 20 days before the listing starts; listing at least 10
  days (calendar) and at least the center's local minimum in working days; applications close at least 2
  days before the listing ends; the deposit (default 20% of the starting price) by the announced cut-off;
- property (国资委 财政部令第32号): disclosure at least 20 working days (pre-disclosure at least 20 working days
  where control changes); the floor price is public and not below the appraisal; a relisting at a lower
  price has its own disclosure and, below 90% of the appraisal, a written approval;
- mining (自然资规〔2023〕1号): the center's announcement (default 20 days) and listing (default 10 working
  days) periods, at least 3 bidders.
"""
import datetime
import logging
from html import escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain

from odoo.addons.gov_hall_base.models.gov_hall_deadline_mixin import Deadline
from odoo.addons.gov_hall_base.tools.lang import center_env
from odoo.addons.gov_hall_base.tools.protect import granted, is_granted, protected_action

from ..tools import reserve_seal
from .gov_trading_lot import alert_once, fmt_local, local_date

_logger = logging.getLogger(__name__)

LISTING_KINDS = ("land", "property", "mining")
# the procedures whose lot has a listing session: a listing, or an auction (拍卖出让) whose session carries the
# announcement, the applications, the deposits, the transferor's sealed reserve and the result, while the
# bidding itself is the live auction (gov.trading.auction)
SESSION_PROCEDURES = ("listing", "auction")
LISTING_PROTECTED = (
    "state", "date_announced", "date_closed", "date_closed_day", "continue_until", "reserve_ciphertext",
    "reserve_nonce", "reserve_commitment", "reserve_price", "reserve_opened", "reserve_salt", "winner_registration_id",
    "final_price", "no_deal_reason", "date_confirmation", "date_result", "date_contract", "result_deadline",
    "contract_deadline", "supervision_color", "deadline_start", "deadline_days", "deadline_paused_days",
    "eligibility_sent",
)
# fixed once the listing is announced
LISTING_ANNOUNCED_LOCK = (
    "date_start", "date_end", "date_application_end", "date_deposit_cutoff", "start_price", "increment", "deposit_amount",
    "mode", "qualification_mode", "appraisal_amount", "control_change", "date_predisclosure",
    "deposit_forfeit_conditions", "lower_price_approval", "transferor_user_id", "lot_id",
)


class GovTradingListing(models.Model):
    _name = "gov.trading.listing"
    _description = "Listing Session"
    _inherit = ["mail.thread", "mail.activity.mixin", "gov.hall.deadline.mixin", "gov.trading.integrity.mixin"]
    _order = "date_end desc, id desc"
    _check_company_auto = True
    _protected_fields = LISTING_PROTECTED
    # result announcement within 10 working days of the close; contract within the set working days of the
    # confirmation (国土资源部令第39号 第22条; 国土资发〔2010〕34号)
    _deadline_open_domain = Domain("state", "=", "sold")
    _deadlines = (Deadline("result_deadline", "date_closed_day", 10),
                  Deadline("contract_deadline", "date_confirmation", "contract_days"))
    _deadline_lit = "contract_deadline"

    lot_id = fields.Many2one("gov.trading.lot", required=True, ondelete="cascade", index=True, check_company=True)
    name = fields.Char(related="lot_id.name", store=True)
    code = fields.Char(related="lot_id.code")
    project_id = fields.Many2one(related="lot_id.project_id", store=True)
    company_id = fields.Many2one(related="lot_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="lot_id.currency_id")
    kind = fields.Selection(related="lot_id.kind", store=True)
    transferor_id = fields.Many2one(related="project_id.tenderer_id", string="Transferor")
    transferor_user_id = fields.Many2one(
        "res.users", "Transferor's Official", tracking=True,
        help="The official of the transferor who seals the reserve price with a key only the transferor "
             "keeps, and enters it at the close.")
    mode = fields.Selection([("repeated", "Repeated Quotes (Listing)"), ("one_shot", "One-Shot Quotes")],
                            default="repeated", required=True, tracking=True)
    qualification_mode = fields.Selection(
        [("before", "Before Bidding"), ("after", "After Winning")], default="before", required=True,
        tracking=True, help="As the announcement says: applicants are qualified before they may quote, or only "
                            "the winner after the close.")
    state = fields.Selection([
        ("draft", "Draft"), ("announced", "Announced / Listing"), ("closing", "Closing: Continue?"),
        ("live_bidding", "Live Bidding"), ("reserve", "Waiting for the Reserve Key"), ("sold", "Sold"),
        ("contracted", "Contract Signed"), ("no_deal", "No Deal"), ("cancel", "Cancelled"),
    ], default="draft", required=True, tracking=True, index=True)
    # -- timetable ----------------------------------------------------------------------------------------
    date_announced = fields.Datetime("Announced On", readonly=True, copy=False)
    date_predisclosure = fields.Date("Pre-Disclosure Published On",
                                     help="Property rights where control changes: the pre-disclosure, at least "
                                          "20 working days before the formal disclosure.")
    date_start = fields.Datetime("Listing Starts", required=True, tracking=True)
    date_end = fields.Datetime("Listing Ends", required=True, tracking=True, index=True)
    date_application_end = fields.Datetime("Applications Close", required=True, tracking=True)
    date_deposit_cutoff = fields.Datetime("Deposit Cut-Off", required=True, tracking=True)
    # -- prices -------------------------------------------------------------------------------------------
    start_price = fields.Monetary("Starting / Floor Price", currency_field="currency_id", required=True,
                                  tracking=True)
    increment = fields.Monetary("Increment", currency_field="currency_id", required=True, tracking=True)
    increment_next = fields.Monetary("New Increment", currency_field="currency_id",
                                     help="The host's change of the increment during the listing (logged).")
    deposit_amount = fields.Monetary("Deposit", currency_field="currency_id", tracking=True,
                                     help="Land: set in the announcement, 20% of the starting price by default.")
    appraisal_amount = fields.Monetary("Appraised Value", currency_field="currency_id",
                                       help="Property rights: the floor price is not below it.")
    control_change = fields.Boolean("Control Changes", help="The transfer changes who controls the company: a "
                                                            "pre-disclosure is required.")
    relist_of_id = fields.Many2one("gov.trading.listing", "Relisting of", readonly=True, copy=False,
                                   check_company=True)
    lower_price_approval = fields.Char(
        "Written Approval (Below 90% of Appraisal)",
        help="Number of the written approval of the state asset authority for a floor below 90% of the appraisal.")
    deposit_forfeit_conditions = fields.Text("Deposit Forfeiture Conditions",
                                             help="Published in the disclosure (property rights).")
    preemption_record = fields.Text("Other Shareholders' Right of First Refusal",
                                    help="Whether the other shareholders waived or exercise their right of first "
                                         "refusal (Company Law, art. 84).")
    eligibility_sent = fields.Datetime("Eligibility View Sent", readonly=True, copy=False)
    # -- reserve price (sealed by the transferor) --------------------------------------------------------
    reserve_ciphertext = fields.Text(readonly=True, copy=False, groups="base.group_system")
    reserve_nonce = fields.Char(readonly=True, copy=False, groups="base.group_system")
    reserve_commitment = fields.Char("Reserve Commitment (SHA-256)", readonly=True, copy=False,
                                     help="SHA-256(salt || value), published with the announcement; the opened "
                                          "value must match it.")
    reserve_sealed = fields.Boolean(compute="_compute_reserve_sealed")
    reserve_opened = fields.Boolean(readonly=True, copy=False)
    reserve_price = fields.Monetary("Reserve Price", currency_field="currency_id", readonly=True, copy=False,
                                    help="Known only once the transferor's key is entered at the close.")
    reserve_salt = fields.Char(readonly=True, copy=False)
    # -- quotes and close ---------------------------------------------------------------------------------
    quote_ids = fields.One2many("gov.trading.quote", "listing_id", string="Quotes")
    registration_ids = fields.One2many(related="lot_id.registration_ids", string="Applications")
    quote_count = fields.Integer(compute="_compute_current")
    current_price = fields.Monetary(compute="_compute_current", currency_field="currency_id")
    leader_paddle = fields.Char("Leading Paddle", compute="_compute_current")
    continue_minutes = fields.Integer("Continue Window (minutes)", default=10, required=True)
    date_closed = fields.Datetime("Closed At", readonly=True, copy=False)
    date_closed_day = fields.Date(readonly=True, copy=False)
    continue_until = fields.Datetime("Continue Answers Until", readonly=True, copy=False)
    winner_registration_id = fields.Many2one("gov.trading.registration", "Winning Application", readonly=True,
                                             copy=False)
    winner_paddle = fields.Char(related="winner_registration_id.listing_paddle", string="Winning Paddle")
    winner_bidder_id = fields.Many2one(related="winner_registration_id.bidder_id", string="Winner")
    final_price = fields.Monetary("Transaction Price", currency_field="currency_id", readonly=True, copy=False)
    no_deal_reason = fields.Text(readonly=True, copy=False)
    date_confirmation = fields.Date("Confirmation Signed", readonly=True, copy=False)
    date_result = fields.Datetime("Result Announced", readonly=True, copy=False)
    date_contract = fields.Date("Contract Signed", readonly=True, copy=False)
    contract_days = fields.Integer("Contract Within (working days)", default=10, required=True)
    result_deadline = fields.Date(compute="_compute_result_deadline", store=True,
                                  help="The result is announced within 10 working days of the close.")
    contract_deadline = fields.Date(compute="_compute_contract_deadline", store=True,
                                    help="The contract is signed within the set working days of the confirmation.")

    _lot_uniq = models.Constraint("unique(lot_id)", "A lot has one listing.")
    _amounts_positive = models.Constraint(
        "CHECK(start_price > 0 AND increment > 0 AND COALESCE(deposit_amount, 0) >= 0)",
        "The starting price and the increment must be positive, the deposit not negative.")
    _continue_positive = models.Constraint("CHECK(continue_minutes > 0 AND contract_days > 0)",
                                           "The continue window and the contract period must be positive.")

    # -- computes -----------------------------------------------------------------------------------------
    @api.depends("quote_ids")
    def _compute_current(self):
        for rec in self:
            quotes = rec.sudo().quote_ids
            rec.quote_count = len(quotes)
            lead = rec._leading_quote()
            rec.current_price = lead.amount if lead and rec.mode == "repeated" else rec.start_price
            rec.leader_paddle = lead.paddle if lead and rec.mode == "repeated" else False

    @api.depends("reserve_commitment")
    def _compute_reserve_sealed(self):
        for rec in self:
            rec.reserve_sealed = bool(rec.reserve_commitment)

    def _center_day(self, value):
        """The center's day of the UTC datetime ``value`` (for the printed documents), or an empty text."""
        self.ensure_one()
        return local_date(value, self.company_id) if value else ""

    @api.depends("date_closed_day")
    def _compute_result_deadline(self):
        self._deadline_compute(self._deadlines[0])

    @api.depends("date_confirmation", "contract_days")
    def _compute_contract_deadline(self):
        self._deadline_compute(self._deadlines[1])

    def _leading_quote(self):
        """The quote that leads: the highest; between equal one-shot quotes the earliest."""
        self.ensure_one()
        quotes = self.sudo().quote_ids
        if not quotes:
            return quotes
        return quotes.sorted(lambda q: (-q.amount, q.date_quoted, q.id))[:1]

    # -- defaults -----------------------------------------------------------------------------------------
    @api.onchange("start_price")
    def _onchange_start_price(self):
        if self.start_price and not self.deposit_amount and self.kind == "land":
            self.deposit_amount = round(self.start_price * 0.2, 2)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("deposit_amount") and vals.get("start_price") and vals.get("lot_id"):
                lot = self.env["gov.trading.lot"].browse(vals["lot_id"])
                if lot.kind == "land":
                    vals["deposit_amount"] = round(vals["start_price"] * 0.2, 2)
        records = super().create(vals_list)
        for rec in records:
            if rec.lot_id.procedure not in SESSION_PROCEDURES:
                raise ValidationError(self.env._("%(lot)s is traded by tender: it has no listing.", lot=rec.lot_id.name))
        return records

    def write(self, vals):
        if self.pool.ready and set(vals) & set(LISTING_ANNOUNCED_LOCK) and not is_granted(self._name):
            if any(rec.state != "draft" for rec in self):
                raise UserError(self.env._(
                    "The announcement of the listing is published: its periods, prices and conditions no longer "
                    "change."))
        return super().write(vals)

    # -- rules ---------------------------------------------------------------------------------------------
    def _d(self, dt):
        return local_date(dt, self.company_id)

    @api.constrains("date_start", "date_end", "date_application_end", "date_deposit_cutoff", "lot_id",
                    "date_announced", "date_predisclosure")
    def _check_periods(self):
        calendar = self.env["gov.hall.calendar"]
        for rec in self:
            company = rec.company_id
            start, end = rec._d(rec.date_start), rec._d(rec.date_end)
            if rec.date_end <= rec.date_start:
                raise ValidationError(self.env._("The listing must end after it starts."))
            if rec.date_application_end > rec.date_end or rec.date_deposit_cutoff > rec.date_end:
                raise ValidationError(self.env._("Applications and deposits close before the listing ends."))
            if rec.lot_id.procedure == "auction":
                # an auction: the periods of a listing do not apply, the bidders are known when it starts
                if rec.date_application_end > rec.date_start or rec.date_deposit_cutoff > rec.date_start:
                    raise ValidationError(self.env._(
                        "Applications and deposits of an auction close before the auction starts (%(start)s).",
                        start=fmt_local(rec.date_start, company)))
                if rec.date_announced:
                    rec._check_announcement_lead(rec._d(rec.date_announced))
                continue
            wdays = calendar.working_days_between(start - datetime.timedelta(days=1), end)
            if rec.kind == "land":
                days = (end - start).days
                if days < 10:
                    raise ValidationError(self.env._(
                        "A land listing lasts at least 10 days (Land Listing Rules, MLR Order No. 39, art. 20): "
                        "%(start)s to %(end)s gives %(days)s days.", start=start, end=end, days=days))
                local = company.gov_land_listing_working_days
                if local and wdays < local:
                    raise ValidationError(self.env._(
                        "The center's rules ask for a land listing of at least %(min)s working days: %(start)s "
                        "to %(end)s gives %(days)s working days (local rule under MLR Order No. 39).",
                        min=local, start=start, end=end, days=wdays))
                gap = (end - rec._d(rec.date_application_end)).days
                if gap < 2:
                    raise ValidationError(self.env._(
                        "Applications for a land listing close at least 2 days before the listing ends (%(end)s)"
                        " (MLR Order No. 39; MLR [2010] No. 34): %(close)s is too late.",
                        end=end, close=rec._d(rec.date_application_end)))
            if rec.kind == "mining":
                minimum = company.gov_mining_listing_working_days
                if wdays < minimum:
                    raise ValidationError(self.env._(
                        "A mining rights listing lasts at least %(min)s working days (Mining Rights Transfer "
                        "Rules, MNR [2023] No. 1): %(start)s to %(end)s gives %(days)s working days.",
                        min=minimum, start=start, end=end, days=wdays))
            if rec.date_announced:
                rec._check_announcement_lead(rec._d(rec.date_announced))

    def _check_announcement_lead(self, announced):
        """The announcement (or disclosure) published on ``announced`` leaves the legal time before the listing
        starts (land, mining) or ends (property disclosure)."""
        self.ensure_one()
        calendar = self.env["gov.hall.calendar"]
        start, end = self._d(self.date_start), self._d(self.date_end)
        if self.kind == "land":
            days = (start - announced).days
            if days < 20:
                raise ValidationError(self.env._(
                    "A land listing is announced at least 20 days before it starts (MLR Order No. 39, art. 10):"
                    " announced on %(announced)s, it would start on %(start)s, %(days)s days later.",
                    announced=announced, start=start, days=days))
        elif self.kind == "mining":
            minimum = self.company_id.gov_mining_announcement_days
            days = (start - announced).days
            if days < minimum:
                raise ValidationError(self.env._(
                    "A mining rights listing is announced at least %(min)s days before it starts (Mining Rights "
                    "Transfer Rules, MNR [2023] No. 1): announced on %(announced)s, it would start on %(start)s.",
                    min=minimum, announced=announced, start=start))
        elif self.kind == "property":
            wdays = calendar.working_days_between(announced, end)
            if wdays < 20:
                raise ValidationError(self.env._(
                    "Property rights transfer information is disclosed for at least 20 working days (SASAC/MOF "
                    "Order No. 32, art. 13): %(announced)s to %(end)s gives %(days)s working days.",
                    announced=announced, end=end, days=wdays))
            if self.control_change:
                if not self.date_predisclosure:
                    raise ValidationError(self.env._(
                        "A transfer that changes control is pre-disclosed for at least 20 working days first "
                        "(SASAC/MOF Order No. 32, art. 13): enter the pre-disclosure date."))
                pre = calendar.working_days_between(self.date_predisclosure, announced)
                if pre < 20:
                    raise ValidationError(self.env._(
                        "A transfer that changes control is pre-disclosed for at least 20 working days (SASAC/MOF"
                        " Order No. 32, art. 13): %(pre)s to %(announced)s gives %(days)s working days.",
                        pre=self.date_predisclosure, announced=announced, days=pre))

    @api.constrains("start_price", "appraisal_amount", "lower_price_approval", "relist_of_id", "kind")
    def _check_property_price(self):
        for rec in self:
            if rec.kind != "property":
                continue
            if not rec.appraisal_amount:
                raise ValidationError(self.env._("A property rights transfer needs its appraised value."))
            if not rec.relist_of_id and rec.start_price < rec.appraisal_amount - 0.005:
                raise ValidationError(self.env._(
                    "The floor price %(floor).2f of a property rights transfer is not below the appraised value "
                    "%(appraisal).2f (SASAC/MOF Order No. 32, art. 12).",
                    floor=rec.start_price, appraisal=rec.appraisal_amount))
            if rec.relist_of_id and rec.start_price < rec.appraisal_amount * 0.9 - 0.005 \
                    and not rec.lower_price_approval:
                raise ValidationError(self.env._(
                    "A relisting below 90%% of the appraised value (%(floor).2f < %(limit).2f) needs the written "
                    "approval of the authority (SASAC/MOF Order No. 32, art. 18): enter its number.",
                    floor=rec.start_price, limit=rec.appraisal_amount * 0.9))

    @api.constrains("deposit_amount", "start_price", "kind")
    def _check_deposit_amount(self):
        for rec in self:
            if rec.deposit_amount and rec.deposit_amount > rec.start_price:
                raise ValidationError(self.env._("The deposit cannot exceed the starting price."))

    # -- the transferor seals the reserve --------------------------------------------------------------
    @protected_action()
    def _store_sealed_reserve(self, sealed):
        """The transferor's sealing page sends the ciphertext, the nonce and the commitment (the value and
        the key never reach the server)."""
        self.ensure_one()
        if self.env.user != self.sudo().transferor_user_id:
            raise AccessError(self.env._("Only the transferor's official seals the reserve price."))
        if self.state != "draft":
            raise UserError(self.env._("The reserve price is sealed before the announcement."))
        if sealed.get("format") != reserve_seal.FORMAT or not all(
                isinstance(sealed.get(k), str) and sealed.get(k) for k in ("ciphertext", "nonce", "commitment")):
            raise UserError(self.env._("The sealed reserve price is incomplete."))
        commitment = sealed["commitment"].lower()
        if len(commitment) != 64 or any(c not in "0123456789abcdef" for c in commitment):
            raise UserError(self.env._("The commitment is not a SHA-256 digest."))
        self.sudo().write({"reserve_ciphertext": sealed["ciphertext"], "reserve_nonce": sealed["nonce"],
                           "reserve_commitment": commitment})
        self.env["gov.trading.log"]._append("listing_reserve_sealed", self, lot=self.lot_id,
                                            payload={"commitment": commitment})
        return True

    @protected_action()
    def _open_reserve(self, key):
        """The transferor's key, entered after the close when nobody continues: the value opened and checked
        against the published commitment, then the result."""
        self.ensure_one()
        if self.env.user != self.sudo().transferor_user_id and not self.env.user.has_group(
                "gov_hall_base.group_gov_trading_staff"):
            raise AccessError(self.env._("Only the transferor's official or the host enters the reserve key."))
        if self.state != "reserve":
            raise UserError(self.env._("The reserve price is opened at the close, when nobody continues."))
        rec = self.sudo()
        try:
            value, salt = reserve_seal.open_sealed(self.id, rec.reserve_ciphertext, rec.reserve_nonce,
                                                   rec.reserve_commitment, key)
        except reserve_seal.ReserveKeyError as e:
            self.env["gov.trading.log"]._append("listing_reserve_opened", self, lot=self.lot_id,
                                                payload={"ok": False})
            raise UserError(self.env._(
                "This key does not open the reserve price, or the value does not match the published "
                "commitment.")) from e
        rec.write({"reserve_price": value, "reserve_salt": salt, "reserve_opened": True})
        self.env["gov.trading.log"]._append("listing_reserve_opened", self, lot=self.lot_id, payload={
            "reserve": value, "salt": salt, "commitment": rec.reserve_commitment})
        self._decide_result()
        return True

    # -- announcement -----------------------------------------------------------------------------------
    @protected_action("gov.trading.lot", "gov.trading.project", "gov.trading.announcement")
    def action_announce(self):
        """Publish the listing announcement (property: the disclosure) with the reserve commitment; the lot
        opens for applications."""
        self._check_trading_staff()
        for rec in self:
            if rec.state != "draft":
                raise UserError(self.env._("%(lot)s is already announced.", lot=rec.name))
            now = fields.Datetime.now()
            rec._check_announcement_lead(rec._d(now))
            if rec.kind == "property":
                if not rec.deposit_forfeit_conditions:
                    raise UserError(self.env._(
                        "The disclosure states when a deposit is forfeited (SASAC/MOF Order No. 32, art. 15)."))
                if not rec.preemption_record:
                    raise UserError(self.env._(
                        "Record whether the other shareholders waive or exercise their right of first refusal "
                        "(Company Law, art. 84)."))
            if rec.kind == "land" and not rec.deposit_amount:
                raise UserError(self.env._("The land listing announcement sets the deposit."))
            rec.write({"state": "announced", "date_announced": now})
            lot = rec.lot_id
            lot.write({"date_sale_start": now, "date_sale_end": rec.date_application_end,
                       "date_bid_deadline": rec.date_end, "state": "published"})
            if lot.project_id.state == "draft":
                lot.project_id.action_register()
            ann = self.env["gov.trading.announcement"].create({
                "name": (center_env(rec).env._("Auction announcement: %(project)s %(lot)s",
                                               project=rec.project_id.name, lot=lot.name)
                         if lot.procedure == "auction" else
                         center_env(rec).env._("Listing announcement: %(project)s %(lot)s",
                                               project=rec.project_id.name, lot=lot.name)),
                "project_id": rec.project_id.id, "lot_ids": [(6, 0, lot.ids)], "kind": "listing",
                "body": rec._announcement_body(),
            })
            ann._publish()
            self.env["gov.trading.log"]._append("listing_published", rec, lot=lot, payload={
                "start": rec.date_start, "end": rec.date_end, "applications_close": rec.date_application_end,
                "deposit_cutoff": rec.date_deposit_cutoff, "start_price": rec.start_price,
                "increment": rec.increment, "deposit": rec.deposit_amount, "mode": rec.mode,
                "reserve_commitment": rec.reserve_commitment or ""})

    def _announcement_body(self):
        """The announcement's text, in the center's language: periods, prices, deposit and the commitment to
        the sealed reserve price (the value itself stays sealed)."""
        self.ensure_one()
        rec = center_env(self)
        fmt = lambda dt: fmt_local(dt, self.company_id)  # noqa: E731
        upper = self.env["res.currency"].gov_amount_to_upper
        modes = dict(self._fields["mode"]._description_selection(rec.env))
        quals = dict(self._fields["qualification_mode"]._description_selection(rec.env))
        if self.lot_id.procedure == "auction":
            when = rec.env._("Auction: live bidding on the portal from %(start)s (countdown and extension as the "
                             "auction rules say), at the latest by %(end)s.", start=fmt(self.date_start),
                             end=fmt(self.date_end))
        else:
            when = rec.env._("Listing period: %(start)s to %(end)s.", start=fmt(self.date_start), end=fmt(self.date_end))
        items = [
            when,
            rec.env._("Applications close: %(close)s; deposit cut-off: %(cutoff)s.", close=fmt(self.date_application_end),
              cutoff=fmt(self.date_deposit_cutoff)),
            rec.env._("Starting price: %(price).2f (%(upper)s); increment: %(step).2f.", price=self.start_price,
              upper=upper(self.start_price), step=self.increment),
            rec.env._("Deposit: %(deposit).2f, paid from the bidder's own account into its deposit sub-account, or by an "
              "electronic guarantee.", deposit=self.deposit_amount or 0.0),
            rec.env._("Quotes: %(mode)s; qualification: %(qual)s.", mode=modes[self.mode], qual=quals[self.qualification_mode]),
        ]
        if self.kind == "property":
            items.append(rec.env._("Appraised value: %(value).2f.", value=self.appraisal_amount))
            items.append(rec.env._("Deposit forfeiture: %(text)s", text=self.deposit_forfeit_conditions or ""))
            items.append(rec.env._("Right of first refusal: %(text)s", text=self.preemption_record or ""))
        if self.reserve_commitment:
            items.append(rec.env._("The reserve price is sealed by the transferor; its commitment SHA-256(salt || value) "
                           "is %(commitment)s.", commitment=self.reserve_commitment))
        return "<ul>%s</ul>" % "".join("<li>%s</li>" % escape(item) for item in items)

    # -- the listing ------------------------------------------------------------------------------------
    @protected_action()
    def action_change_increment(self):
        """The host changes the increment during the listing (logged, announced on the quote page)."""
        self._check_trading_staff()
        for rec in self:
            if rec.state != "announced" or fields.Datetime.now() > rec.date_end:
                raise UserError(self.env._("The increment changes during the listing only."))
            if not rec.increment_next or rec.increment_next <= 0:
                raise UserError(self.env._("Enter the new increment (a positive amount)."))
            old = rec.increment
            rec.write({"increment": rec.increment_next, "increment_next": 0.0})
            center_env(rec).message_post(body=center_env(rec).env._(
                "Increment changed from %(old).2f to %(new).2f.", old=old, new=rec.increment))
            self.env["gov.trading.log"]._append("listing_increment", rec, lot=rec.lot_id, payload={
                "old": old, "new": rec.increment})

    def _quote_ready_registrations(self):
        """Applications that may quote: registered, deposit received (or guarantee verified) in time, and,
        where the announcement qualifies before bidding, qualified."""
        self.ensure_one()
        regs = self.sudo().lot_id.registration_ids.filtered(lambda r: r.state == "registered")
        return regs.filtered(lambda r: r._listing_deposit_ok() and (
            self.qualification_mode == "after" or r.listing_qualification == "qualified"))

    def _check_quote(self, reg, amount):
        """The rules of a quote; returns the whole number of increments it adds."""
        self.ensure_one()
        now = fields.Datetime.now()
        if self.lot_id.procedure == "auction":
            raise UserError(self.env._("%(lot)s is auctioned live: bid on the auction's page, not by quote.",
                                       lot=self.name))
        if self.state != "announced" or not (self.date_start <= now < self.date_end):
            raise UserError(self.env._(
                "Quotes are taken during the listing only, from %(start)s to %(end)s.",
                start=fmt_local(self.date_start, self.company_id), end=fmt_local(self.date_end, self.company_id)))
        if reg.lot_id != self.lot_id or reg.state != "registered":
            raise UserError(self.env._("Quote on a listing you applied for."))
        if reg not in self._quote_ready_registrations():
            raise UserError(self.env._(
                "Your application may not quote yet: the deposit must be received by the cut-off and, where the "
                "announcement says so, your qualification confirmed."))
        cents = round(amount * 100)
        if self.mode == "one_shot":
            if self.quote_ids.filtered(lambda q: q.registration_id == reg):
                raise UserError(self.env._("A one-shot quote is given once and cannot be changed."))
            if cents < round(self.start_price * 100):
                raise UserError(self.env._("The quote is below the floor price %(floor).2f.", floor=self.start_price))
            return 0
        lead = self._leading_quote()
        step = round(self.increment * 100)
        if lead and lead.registration_id == reg:
            raise UserError(self.env._(
                "Your quote %(amount).2f already leads: the leading bidder cannot raise its own quote.",
                amount=lead.amount))
        base = round(lead.amount * 100) if lead else round(self.start_price * 100)
        diff = cents - base
        minimum = 1 if lead else 0
        if diff < minimum * step or diff % step:
            raise UserError(self.env._(
                "A quote is the current price %(current).2f plus a whole number of increments of %(step).2f "
                "(MLR Order No. 39, art. 19): %(amount).2f is not.",
                current=base / 100.0, step=self.increment, amount=amount))
        return diff // step

    @protected_action()
    def action_close_listing(self):
        """At the end of the listing the host announces the highest quote and asks the bidders whether they
        want to continue (国土资源部令第39号 第21条)."""
        self._check_trading_staff()
        for rec in self:
            now = fields.Datetime.now()
            if rec.state != "announced":
                raise UserError(self.env._("Only a running listing can be closed."))
            if rec.lot_id.procedure == "auction":
                raise UserError(self.env._("An auction closes with its live session, not as a listing."))
            if now < rec.date_end:
                raise UserError(self.env._("The listing runs until %(end)s.", end=fmt_local(rec.date_end, rec.company_id)))
            lead = rec._leading_quote()
            rec.write({"state": "closing", "date_closed": now, "date_closed_day": rec._d(now),
                       "continue_until": now + datetime.timedelta(minutes=rec.continue_minutes)})
            center_env(rec).message_post(body=center_env(rec).env._(
                "Listing closed. Highest quote: %(amount).2f by paddle %(paddle)s. Bidders may ask to continue "
                "until %(until)s.", amount=lead.amount if lead else 0.0, paddle=lead.paddle if lead else "-",
                until=fmt_local(rec.continue_until, rec.company_id)))
            self.env["gov.trading.log"]._append("listing_closed", rec, lot=rec.lot_id, payload={
                "highest": lead.amount if lead else None, "paddle": lead.paddle if lead else None,
                "quotes": rec.quote_count, "continue_until": rec.continue_until})

    @protected_action()
    def action_decide(self):
        """After the continue window (or once every bidder answered): live bidding if anyone wants it;
        otherwise the reserve key, then the result."""
        self._check_trading_staff()
        for rec in self:
            if rec.state != "closing":
                raise UserError(self.env._("Close the listing first."))
            ready = rec._quote_ready_registrations()
            answered = ready.filtered(lambda r: r.listing_continue_answer)
            if fields.Datetime.now() < rec.continue_until and answered != ready:
                raise UserError(self.env._(
                    "The bidders may answer until %(until)s.", until=fmt_local(rec.continue_until, rec.company_id)))
            wanting = ready.filtered(lambda r: r.listing_continue_answer == "continue")
            if wanting and rec.mode == "repeated":
                rec._listing_handover_to_auction()
            elif rec.reserve_sealed:
                rec.state = "reserve"
            else:
                rec._decide_result()

    def _listing_handover_to_auction(self):
        """Hook of the live bidding (现场竞价): the listing moves to ``live_bidding``, the bidders who want to
        continue and the highest quote are logged; the live auction (``gov.trading.auction``) starts from the
        highest quote with the bidders who want to continue."""
        self.ensure_one()
        with granted(self):
            wanting = self._quote_ready_registrations().filtered(lambda r: r.listing_continue_answer == "continue")
            lead = self._leading_quote()
            self.sudo().state = "live_bidding"
            self.env["gov.trading.log"]._append("listing_handover", self, lot=self.lot_id, payload={
                "paddles": sorted(wanting.mapped("listing_paddle")), "highest": lead.amount if lead else None})
            auction = self.env["gov.trading.auction"]._from_listing(self, wanting)
            _logger.info("listing %s handed over to live auction %s (%s bidders)", self.id, auction.id, len(wanting))
        return auction

    def _auction_admitted(self):
        """Hook of a lot auctioned directly (拍卖出让): when its live auction starts, the announced session moves
        to ``live_bidding`` and the applications that may bid (deposit in time, qualified where the announcement
        says so) are returned. Called by the auction's start, in its grant."""
        self.ensure_one()
        if self.lot_id.procedure != "auction":
            raise UserError(self.env._("A listing goes to live bidding at its close, when bidders want to continue."))
        if self.state != "announced":
            raise UserError(self.env._("Announce the auction of %(lot)s first: the announcement publishes the "
                                       "commitment to the transferor's sealed reserve price.", lot=self.name))
        if fields.Datetime.now() < self.date_start:
            raise UserError(self.env._("The auction starts at %(start)s, as announced.",
                                       start=fmt_local(self.date_start, self.company_id)))
        with granted(self):
            self.sudo().state = "live_bidding"
        return self._quote_ready_registrations()

    def _auction_result(self, registration, price):
        """The close of the live bidding: its highest bid (``registration`` at ``price``; none: the listing's
        highest quote stands) is the leading quote, then the listing's own close decides: the reserve key if
        one is sealed, else the result (at or above the reserve wins, below it no deal)."""
        self.ensure_one()
        lead = self._leading_quote()
        if self.state != "live_bidding" or (registration and (
                lead.registration_id != registration or abs(lead.amount - price) > 0.005)):
            raise UserError(self.env._("Only the close of its live auction gives a listing the auction's result."))
        with granted(self):
            if not self.date_closed:
                # a lot auctioned directly: the close of its live auction is the close
                now = fields.Datetime.now()
                self.sudo().write({"date_closed": now, "date_closed_day": self._d(now)})
            if self.reserve_sealed and not self.reserve_opened:
                self.sudo().state = "reserve"
            else:
                self._decide_result()
        return True

    @protected_action("gov.trading.lot", "gov.trading.deposit", "gov.trading.announcement")
    def _decide_result(self):
        for rec in self:
            lead = rec._leading_quote()
            ready = rec._quote_ready_registrations()
            reason = False
            if rec.kind == "mining" and len(ready) < 3:
                reason = center_env(rec).env._(
                    "Fewer than 3 bidders (%(count)s): no deal (Mining Rights Transfer Rules, MNR [2023] No. 1).",
                    count=len(ready))
            elif not lead:
                reason = center_env(rec).env._("No quote during the listing: no deal.")
            elif rec.reserve_opened and lead.amount < rec.reserve_price - 0.005:
                reason = center_env(rec).env._(
                    "The highest quote %(amount).2f is below the reserve price: no deal (MLR Order No. 39, art. 21).",
                    amount=lead.amount)
            if reason:
                rec.write({"state": "no_deal", "no_deal_reason": reason})
                rec.lot_id.write({"state": "failed", "failure_reason": reason})
                rec._start_refunds(rec.sudo().lot_id.deposit_ids)
                self.env["gov.trading.log"]._append("listing_result", rec, lot=rec.lot_id, payload={
                    "deal": False, "reason": reason})
                continue
            reg = lead.registration_id
            rec.write({"state": "sold", "winner_registration_id": reg.id, "final_price": lead.amount})
            rec.lot_id.write({"state": "awarded", "award_amount": lead.amount,
                              "date_award": rec.date_closed_day})
            deposits = rec.sudo().lot_id.deposit_ids.filtered(lambda d: d.state == "received")
            winner_deposits = deposits.filtered(lambda d: d.registration_id == reg)
            winner_deposits.write({"state": "earnest"})
            rec._start_refunds(deposits - winner_deposits)
            self.env["gov.trading.log"]._append("listing_result", rec, lot=rec.lot_id, payload={
                "deal": True, "paddle": lead.paddle, "price": lead.amount,
                "reserve": rec.reserve_price if rec.reserve_opened else None})
            alert_once(rec, lambda r: r.env._("Listing result to announce within 10 working days"),
                       rec.result_deadline, deadline="result_deadline", activity_type="mail.mail_activity_data_todo")

    def _start_refunds(self, deposits):
        """The others' deposits go back within 5 working days of the close, without interest."""
        deposits = deposits.filtered(lambda d: d.state == "received")
        deposits.sudo().write({"listing_refund_day": self.date_closed_day or fields.Date.context_today(self)})

    # -- result -----------------------------------------------------------------------------------------
    @protected_action("gov.trading.announcement")
    def action_sign_confirmation(self):
        """Both sides sign the confirmation (成交确认书); the winner is qualified first where the announcement
        qualifies after winning."""
        self._check_trading_staff()
        for rec in self:
            if rec.state != "sold" or rec.date_confirmation:
                raise UserError(self.env._("The confirmation is signed once, after a sale."))
            if rec.qualification_mode == "after" and rec.winner_registration_id.listing_qualification != "qualified":
                raise UserError(self.env._(
                    "The announcement qualifies the winner after winning: qualify paddle %(paddle)s first.",
                    paddle=rec.winner_paddle))
            rec.date_confirmation = fields.Date.context_today(rec)
            self.env["gov.trading.log"]._append("listing_confirmation", rec, lot=rec.lot_id, payload={
                "paddle": rec.winner_paddle, "price": rec.final_price})

    @protected_action("gov.trading.announcement")
    def action_publish_result(self):
        self._check_trading_staff()
        for rec in self:
            if rec.state not in ("sold", "contracted", "no_deal") or rec.date_result:
                raise UserError(self.env._("The result is announced once, after the close."))
            body = "<p>%s</p>" % (rec.no_deal_reason if rec.state == "no_deal" else center_env(rec).env._(
                "Sold to %(winner)s (paddle %(paddle)s) for %(price).2f (%(upper)s).",
                winner=rec.winner_bidder_id.name, paddle=rec.winner_paddle, price=rec.final_price,
                upper=self.env["res.currency"].gov_amount_to_upper(rec.final_price)))
            ann = self.env["gov.trading.announcement"].create({
                "name": (center_env(rec).env._("Auction result: %(project)s %(lot)s", project=rec.project_id.name,
                                               lot=rec.name)
                         if rec.lot_id.procedure == "auction" else
                         center_env(rec).env._("Listing result: %(project)s %(lot)s", project=rec.project_id.name,
                                               lot=rec.name)),
                "project_id": rec.project_id.id, "lot_ids": [(6, 0, rec.lot_id.ids)], "kind": "result",
                "body": body,
            })
            if rec.state != "no_deal" and rec.date_confirmation:
                ann._attach_report("gov_public_resource_trading.action_report_listing_confirmation", rec)
            ann._publish()
            rec.date_result = fields.Datetime.now()
            rec._deadline_close_alerts(["result_deadline"])

    @protected_action("gov.trading.lot")
    def action_record_contract(self):
        self._check_trading_staff()
        for rec in self:
            if rec.state != "sold" or not rec.date_confirmation:
                raise UserError(self.env._("The contract follows the signed confirmation."))
            today = fields.Date.context_today(rec)
            rec.write({"state": "contracted", "date_contract": today})
            rec.lot_id.write({"state": "contracted", "date_contract": today})
            self.env["gov.trading.log"]._append("contract", rec, lot=rec.lot_id, payload={
                "date": today, "late": bool(rec.contract_deadline and today > rec.contract_deadline)})
            rec._deadline_close_alerts(["contract_deadline"])

    @protected_action("gov.trading.lot", "gov.trading.deposit")
    def action_winner_refuses(self):
        """The winner refuses to sign: its earnest money (定金) is forfeited and there is no deal."""
        self._check_trading_staff()
        for rec in self:
            if rec.state != "sold":
                raise UserError(self.env._("Only a sold listing whose contract is not signed can end this way."))
            reason = center_env(rec).env._("The winner (paddle %(paddle)s) refused to sign: its earnest money is "
                                           "forfeited.", paddle=rec.winner_paddle)
            earnest = rec.sudo().lot_id.deposit_ids.filtered(
                lambda d: d.state == "earnest" and d.registration_id == rec.winner_registration_id)
            earnest.write({"state": "kept", "keep_reason": reason})
            rec.write({"state": "no_deal", "no_deal_reason": reason})
            rec.lot_id.write({"state": "failed", "failure_reason": reason})
            self.env["gov.trading.log"]._append("listing_result", rec, lot=rec.lot_id, payload={
                "deal": False, "reason": reason, "forfeited": earnest.mapped("amount")})
            rec._deadline_close_alerts()

    # -- property rights -----------------------------------------------------------------------------
    @protected_action()
    def action_send_eligibility(self):
        """The exchange sends its view on the eligibility of the interested buyers to the transferor."""
        self._check_trading_staff()
        for rec in self:
            regs = rec.sudo().lot_id.registration_ids.filtered(lambda r: r.state == "registered")
            if not regs or any(r.listing_qualification == "pending" for r in regs):
                raise UserError(self.env._("Review every interested buyer's eligibility first."))
            names = dict(regs._fields["listing_qualification"]._description_selection(center_env(rec).env))
            lines = "".join(f"<li>{r.bidder_id.name}: {names[r.listing_qualification]}</li>" for r in regs)
            center_env(rec).message_post(
                body=center_env(rec).env._("Eligibility of the interested buyers sent to the transferor:") +
                f"<ul>{lines}</ul>", partner_ids=rec.transferor_id.ids)
            rec.eligibility_sent = fields.Datetime.now()
            self.env["gov.trading.log"]._append("listing_eligibility", rec, lot=rec.lot_id, payload={
                r.listing_paddle: r.listing_qualification for r in regs})

    @protected_action("gov.trading.lot", "gov.trading.project")
    def action_relist(self, start_price=None, lower_price_approval=None, dates=None):
        """A property rights transfer without a buyer is listed again: a new lot and a new draft listing,
        whose own disclosure period runs again when it is announced; a floor below 90% of the appraisal
        needs the written approval (checked by the listing's constraint)."""
        self.ensure_one()
        self._check_trading_staff()
        if self.state != "no_deal":
            raise UserError(self.env._("Only a listing without a deal is listed again."))
        lot = self.lot_id.copy({"name": center_env(self).env._("%(name)s (relisting)", name=self.name),
                                "date_sale_start": False, "date_sale_end": False, "date_bid_deadline": False})
        vals = {
            "lot_id": lot.id, "relist_of_id": self.id, "start_price": start_price or self.start_price,
            "lower_price_approval": lower_price_approval or False,
            "increment": self.increment, "deposit_amount": self.deposit_amount, "mode": self.mode,
            "qualification_mode": self.qualification_mode, "appraisal_amount": self.appraisal_amount,
            "control_change": self.control_change, "date_predisclosure": self.date_predisclosure,
            "deposit_forfeit_conditions": self.deposit_forfeit_conditions,
            "preemption_record": self.preemption_record, "transferor_user_id": self.transferor_user_id.id,
            "date_start": self.date_start, "date_end": self.date_end,
            "date_application_end": self.date_application_end, "date_deposit_cutoff": self.date_deposit_cutoff,
        }
        vals.update(dates or {})
        new = self.create(vals)
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": new.id, "view_mode": "form"}

    @protected_action("gov.trading.lot")
    def action_cancel(self):
        self._check_trading_staff()
        for rec in self:
            if rec.state in ("sold", "contracted", "no_deal", "cancel", "live_bidding"):
                raise UserError(self.env._("This listing can no longer be cancelled."))
            rec.state = "cancel"
            if rec.lot_id.state not in ("contracted", "failed", "cancel"):
                rec.lot_id.state = "cancel"

    def action_open_reserve_sealing(self):
        """The transferor's sealing page (the value is sealed in the browser)."""
        self.ensure_one()
        return {"type": "ir.actions.act_url", "url": f"/trading/listing/{self.id}/reserve", "target": "new"}

    def action_open_reserve_wizard(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "gov.trading.listing.reserve.wizard",
                "view_mode": "form", "target": "new", "context": {"default_listing_id": self.id}}

    def action_open_statement_wizard(self):
        self.ensure_one()
        self._check_trading_staff()
        return {"type": "ir.actions.act_window", "res_model": "gov.trading.listing.statement.wizard",
                "view_mode": "form", "target": "new", "context": {"default_listing_id": self.id}}

    def action_view_quotes(self):
        action = self.env["ir.actions.actions"]._for_xml_id("gov_public_resource_trading.action_gov_trading_quote")
        action["domain"] = [("listing_id", "in", self.ids)]
        return action

    # -- deadlines ------------------------------------------------------------------------------------
    @api.model
    def _deadline_notify(self, changed, today=None):
        alert_once(self.browse(changed["red"]),
                   lambda rec: rec.env._("Listing contract overdue"), today or fields.Date.context_today(self))


class GovTradingLotListing(models.Model):
    _inherit = "gov.trading.lot"

    procedure = fields.Selection(
        [("tender", "Tender"), ("listing", "Listing"), ("auction", "Auction")], compute="_compute_procedure",
        store=True, precompute=True, required=True,
        help="As the project's method says: land, property and mining rights are tendered, auctioned or listed; "
             "the other kinds are tendered.")
    listing_ids = fields.One2many("gov.trading.listing", "lot_id", string="Listing")

    @api.depends("project_id.method")
    def _compute_procedure(self):
        for lot in self:
            if not lot.procedure or lot._origin.state in (False, "draft"):
                method = lot.project_id.method
                lot.procedure = method if method in ("listing", "auction") else "tender"

    @api.constrains("procedure", "project_id")
    def _check_procedure(self):
        for lot in self:
            if lot.procedure in ("listing", "auction") and lot.project_id.kind not in LISTING_KINDS:
                raise ValidationError(self.env._(
                    "Listing is for land, property and mining rights, not for tenders."))

    @api.constrains("date_sale_start", "date_bid_deadline", "procedure")
    def _check_rights_tender_timetable(self):
        """Land, property and mining rights by tender: the announcement (the issue of the documents) comes at
        least 20 days before the bids close (land: MLR Order No. 39, art. 10), the center's mining setting
        (MNR [2023] No. 1), 20 working days of disclosure for property rights (SASAC/MOF Order No. 32, art. 13)."""
        calendar = self.env["gov.hall.calendar"]
        for lot in self:
            if lot.procedure != "tender" or lot.kind not in LISTING_KINDS or not (
                    lot.date_sale_start and lot.date_bid_deadline):
                continue
            start, deadline = (local_date(lot.date_sale_start, lot.company_id),
                               local_date(lot.date_bid_deadline, lot.company_id))
            days = (deadline - start).days
            if lot.kind == "land" and days < 20:
                raise ValidationError(self.env._(
                    "A land-use right is announced at least 20 days before the tender (%(start)s to %(deadline)s: "
                    "%(days)s days; MLR Order No. 39, art. 10).", start=start, deadline=deadline, days=days))
            floor = lot.company_id.gov_mining_announcement_days
            if lot.kind == "mining" and days < floor:
                raise ValidationError(self.env._(
                    "A mining right is announced at least %(floor)s days before the tender (%(start)s to "
                    "%(deadline)s: %(days)s days; MNR [2023] No. 1).", floor=floor, start=start, deadline=deadline,
                    days=days))
            wdays = calendar.working_days_between(start - datetime.timedelta(days=1), deadline)
            if lot.kind == "property" and wdays < 20:
                raise ValidationError(self.env._(
                    "A property right is disclosed at least 20 working days before the tender (%(start)s to "
                    "%(deadline)s: %(days)s working days; SASAC/MOF Order No. 32, art. 13).", start=start,
                    deadline=deadline, days=wdays))

    def action_open_listing(self):
        self.ensure_one()
        listing = self.listing_ids[:1]
        action = {"type": "ir.actions.act_window", "res_model": "gov.trading.listing", "view_mode": "form"}
        if listing:
            action["res_id"] = listing.id
        else:
            action["context"] = {"default_lot_id": self.id}
        return action
