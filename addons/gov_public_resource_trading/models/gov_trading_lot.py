"""Trading projects (进场登记) and their lots (标段/包) with the timetable, scoring scheme and deposit.

A project is the generic trading container (kinds: construction, procurement, land, property rights,
mining rights); land and property auctions reuse it with their own methods. The timing and amount
rules of the tendering and procurement laws are enforced here, on the lot, and refused with a clear
message; nothing is silently adjusted."""
import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

from odoo.addons.gov_hall_base.models.gov_hall_deadline_mixin import Deadline
from odoo.addons.gov_hall_base.tools.dates import center_date, center_days, center_today, companies_domain, to_center
from odoo.addons.gov_hall_base.tools.lang import center_env
from odoo.addons.gov_hall_base.tools.protect import is_granted, protected_action

CONSTRUCTION_DEPOSIT_CAP = 800_000
BIG_PROCUREMENT = 10_000_000
TIMETABLE_FIELDS = ("date_sale_start", "date_sale_end", "date_bid_deadline")
# the kinds that sell a right: the higher price is the better, and there is no saving on a budget
RIGHTS_KINDS = ("land", "property", "mining")
# the outcome of each step, written only by the named actions (and the server's crons)
LOT_PROTECTED = (
    "state", "suspended", "winner_bid_id", "winner_id", "award_amount", "date_award", "date_opened",
    "date_decrypt_end", "failure_reason", "evaluation_started", "date_report", "date_publicity_start",
    "retender_of_id", "contract_deadline", "contract_overdue", "saving_amount", "saving_rate",
    "supervision_color", "deadline_start", "deadline_days", "deadline_paused_days",
)
# fields the staff enter in the form for the next action, only in the state that action starts from
LOT_INPUT_STATES = {"date_publicity_end": ("evaluation",), "date_contract": ("awarded",)}
# fixed once the lot is published (a clarification moves the timetable inside a grant)
LOT_PUBLISHED_LOCK = ("decrypt_minutes", "candidate_count")


def local_date(dt, company=None):
    """The calendar date at the center ``company`` (its time zone, Beijing time by default) of a UTC
    datetime."""
    return center_date(dt, company) if dt else False


def fmt_local(dt, company=None):
    """A UTC datetime as the center ``company`` reads it (its time zone, Beijing time by default)."""
    local = to_center(dt, company)
    return local.strftime("%Y-%m-%d %H:%M") if local else ""


def center_today_sql(env):
    """``(company ids, their days today)``, to join a table's ``company_id`` on the center's today in SQL
    (``unnest(%s::int[], %s::date[])``)."""
    companies = env["res.company"].sudo().search([])
    return companies.ids, [center_today(company) for company in companies]


def alert_once(records, summary, date_deadline, deadline=None, activity_type="mail.mail_activity_data_warning"):
    """Alert the project's responsible staff once about the named deadline ``deadline`` (default: the one
    the scan lights) of each of ``records`` (a model on gov.hall.deadline.mixin): an item that still has an
    open alert of ``activity_type`` about it gets no second one. ``summary(record)`` gives the title, called
    with the record in its center's language; ``date_deadline`` is a date or ``date_deadline(record)``. The
    alerts are created in one batch; the record closes them when the item is done (``_deadline_close_alerts``)."""
    if not records:
        return records.env["mail.activity"]
    deadline = deadline or records._deadline_lit
    type_id = records.env["ir.model.data"]._xmlid_to_res_id(activity_type)
    alerted = set(records.env["mail.activity"].sudo().search([
        ("res_model", "=", records._name), ("res_id", "in", records.ids), ("gov_deadline", "=", deadline),
        ("activity_type_id", "=", type_id)]).mapped("res_id"))
    vals_list = []
    for rec in records.filtered(lambda r: r.id not in alerted):
        project = rec.lot_id.project_id if "lot_id" in rec._fields else rec.project_id
        vals_list.append(rec._deadline_activity(
            rec.id, project.user_id or rec.env.user, summary(center_env(rec)),
            date_deadline(rec) if callable(date_deadline) else date_deadline,
            deadline=deadline, activity_type=activity_type))
    return records._deadline_create_activities(vals_list)


class GovTradingLot(models.Model):
    _name = "gov.trading.lot"
    _description = "Lot or Package"
    _inherit = ["mail.thread", "mail.activity.mixin", "gov.hall.deadline.mixin", "gov.trading.integrity.mixin",
                "gov.hall.job.mixin"]
    _order = "date_bid_deadline desc nulls last, id desc"
    _check_company_auto = True
    _protected_fields = LOT_PROTECTED
    # the contract is signed within 30 days of the award notice (招标投标法 第46条), moved off a rest day
    _deadline_open_domain = Domain("state", "=", "awarded")
    _deadlines = (Deadline("contract_deadline", "date_award", 30, calendar_days=True),)
    _deadline_lit = "contract_deadline"

    name = fields.Char("Lot Name", required=True, tracking=True)
    code = fields.Char("Lot Number", readonly=True, copy=False, default="/", index=True)
    project_id = fields.Many2one("gov.trading.project", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="project_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="project_id.currency_id")
    kind = fields.Selection(related="project_id.kind", store=True)
    method = fields.Selection(related="project_id.method", store=True)
    tenderer_id = fields.Many2one(related="project_id.tenderer_id", store=True)
    estimate_amount = fields.Monetary("Estimate / Budget", currency_field="currency_id", required=True,
                                      tracking=True)
    deposit_amount = fields.Monetary("Bid Deposit", currency_field="currency_id", tracking=True)
    # -- timetable -----------------------------------------------------------------------------------
    date_sale_start = fields.Datetime("Documents on Sale From", tracking=True)
    date_sale_end = fields.Datetime("Documents on Sale Until", tracking=True)
    date_bid_deadline = fields.Datetime("Bid Deadline / Opening", tracking=True, index=True,
                                        help="Bids close and are opened at this same moment.")
    date_clarification_limit = fields.Date(
        "Last Day for Clarifications", compute="_compute_limits",
        help="A clarification published after this day must move the bid deadline.")
    date_objection_limit = fields.Date("Last Day for Objections to Documents", compute="_compute_limits")
    date_evaluation = fields.Datetime("Evaluation", tracking=True)
    decrypt_minutes = fields.Integer("Decryption Window (minutes)", default=60, required=True)
    # -- scoring -------------------------------------------------------------------------------------
    scoring_method = fields.Selection(
        [("comprehensive", "Comprehensive Scoring"), ("lowest_price", "Lowest Evaluated Price")],
        required=True, default="comprehensive")
    criterion_ids = fields.One2many("gov.trading.criterion", "lot_id", string="Scoring Criteria", copy=True)
    price_weight = fields.Float("Price Weight", compute="_compute_price_weight")
    candidate_count = fields.Integer("Ranked Candidates", default=3, required=True)
    # -- lifecycle -----------------------------------------------------------------------------------
    state = fields.Selection([
        ("draft", "Draft"),
        ("published", "Tendering"),
        ("decrypting", "Opening: Decryption"),
        ("evaluation", "Evaluation"),
        ("publicity", "Candidate Publicity"),
        ("awarded", "Awarded"),
        ("contracted", "Contract Signed"),
        ("failed", "Failed"),
        ("cancel", "Cancelled"),
    ], default="draft", required=True, tracking=True, index=True)
    suspended = fields.Boolean(compute="_compute_suspended", store=True,
                               help="An objection to the tender documents is waiting for its answer: the "
                                    "process is suspended (Bidding Law Implementing Regulations, art. 22).")
    registration_ids = fields.One2many("gov.trading.registration", "lot_id", string="Registrations")
    bid_ids = fields.One2many("gov.trading.bid", "lot_id", string="Bids")
    deposit_ids = fields.One2many("gov.trading.deposit", "lot_id", string="Deposits")
    question_ids = fields.One2many("gov.trading.question", "lot_id", string="Questions and Objections")
    clarification_ids = fields.One2many("gov.trading.clarification", "lot_id", string="Clarifications")
    document_ids = fields.Many2many("ir.attachment", "gov_trading_lot_document_rel", "lot_id", "attachment_id",
                                    string="Tender Documents")
    registration_count = fields.Integer(compute="_compute_stats")
    bid_count = fields.Integer("Bids Received", compute="_compute_stats")
    valid_bid_count = fields.Integer("Valid Bids", compute="_compute_stats")
    date_opened = fields.Datetime("Opened At", readonly=True, copy=False)
    date_decrypt_end = fields.Datetime("Decryption Closes", readonly=True, copy=False)
    failure_reason = fields.Text(readonly=True, copy=False)
    retender_of_id = fields.Many2one("gov.trading.lot", "Re-tender of", readonly=True, copy=False,
                                     check_company=True)
    evaluation_started = fields.Boolean(readonly=True, copy=False)
    date_report = fields.Datetime("Evaluation Report Signed", readonly=True, copy=False)
    date_publicity_start = fields.Datetime("Publicity From", copy=False, tracking=True)
    date_publicity_end = fields.Datetime("Publicity Until", copy=False, tracking=True)
    winner_bid_id = fields.Many2one("gov.trading.bid", "Winning Bid", readonly=True, copy=False,
                                    check_company=True)
    winner_id = fields.Many2one(related="winner_bid_id.bidder_id", string="Winner", store=True)
    award_amount = fields.Monetary("Award Amount", currency_field="currency_id", readonly=True, copy=False,
                                   tracking=True)
    date_award = fields.Date("Award Notice Date", readonly=True, copy=False)
    contract_deadline = fields.Date(compute="_compute_contract_deadline", store=True, index=True,
                                    help="30 days after the award notice (Bidding Law, art. 46).")
    date_contract = fields.Date("Contract Signed On", copy=False, tracking=True)
    contract_overdue = fields.Boolean(compute="_compute_contract_overdue", search="_search_contract_overdue")
    saving_amount = fields.Monetary(compute="_compute_saving", store=True, currency_field="currency_id")
    saving_rate = fields.Float("Saving Rate (%)", compute="_compute_saving", store=True, aggregator="avg")

    _candidates_range = models.Constraint("CHECK(candidate_count BETWEEN 1 AND 3)",
                                          "At most 3 ranked candidates may be proposed.")
    _decrypt_positive = models.Constraint("CHECK(decrypt_minutes > 0)",
                                          "The decryption window must last at least one minute.")

    # -- computes --------------------------------------------------------------------------------------
    @api.depends("date_bid_deadline", "method")
    def _compute_limits(self):
        for lot in self:
            deadline = local_date(lot.date_bid_deadline, lot.company_id)
            if not deadline:
                lot.date_clarification_limit = lot.date_objection_limit = False
                continue
            lot.date_clarification_limit = deadline - datetime.timedelta(days=lot._clarification_lead_days())
            lot.date_objection_limit = deadline - datetime.timedelta(days=10)

    def _clarification_lead_days(self):
        """Days a clarification must precede the deadline (87号令 第27条; 财库〔2014〕214号; 74号令)."""
        self.ensure_one()
        return {"consultation": 5, "negotiation": 3, "inquiry": 3}.get(self.method, 15)

    @api.depends("criterion_ids.kind", "criterion_ids.weight")
    def _compute_price_weight(self):
        for lot in self:
            lot.price_weight = sum(lot.criterion_ids.filtered(lambda c: c.kind == "price").mapped("weight"))

    @api.depends("question_ids.state", "question_ids.kind")
    def _compute_suspended(self):
        for lot in self:
            lot.suspended = any(q.kind == "doc_objection" and q.state == "open" for q in lot.question_ids)

    @api.depends("registration_ids.state", "bid_ids.state")
    def _compute_stats(self):
        for lot in self:
            lot.registration_count = len(lot.registration_ids.filtered(lambda r: r.state == "registered"))
            lot.bid_count = len(lot.bid_ids.filtered(lambda b: b.state in ("submitted", "decrypted", "revoked")))
            lot.valid_bid_count = len(lot.bid_ids.filtered(lambda b: b.state == "decrypted"))

    @api.depends("date_award")
    def _compute_contract_deadline(self):
        self._deadline_compute(self._deadlines[0])

    @api.depends("contract_deadline", "date_contract")
    def _compute_contract_overdue(self):
        for lot in self:
            lot.contract_overdue = bool(lot.contract_deadline and (
                (lot.date_contract or center_today(lot.company_id)) > lot.contract_deadline))

    def _search_contract_overdue(self, operator, value):
        """Overdue today: past the deadline and not signed, or signed after it."""
        if operator != "in":
            return NotImplemented
        self.env.flush_all()
        self.env.cr.execute("""
            SELECT l.id FROM gov_trading_lot l
              LEFT JOIN unnest(%s::int[], %s::date[]) AS t(company_id, day) ON t.company_id = l.company_id
             WHERE l.contract_deadline IS NOT NULL
               AND COALESCE(l.date_contract, t.day, %s) > l.contract_deadline
        """, [*center_today_sql(self.env), center_today(False)])
        overdue = Domain("id", "in", [r[0] for r in self.env.cr.fetchall()])
        values = {bool(v) for v in value}
        return Domain.TRUE if len(values) == 2 else overdue if True in values else ~overdue

    @api.depends("award_amount", "estimate_amount", "state", "kind")
    def _compute_saving(self):
        for lot in self:
            if lot.state in ("awarded", "contracted") and lot.estimate_amount and lot.kind not in RIGHTS_KINDS:
                lot.saving_amount = lot.estimate_amount - lot.award_amount
                lot.saving_rate = lot.saving_amount / lot.estimate_amount * 100.0
            else:
                lot.saving_amount = lot.saving_rate = 0.0

    # -- rules ------------------------------------------------------------------------------------------
    def _min_bidders(self):
        self.ensure_one()
        return 1 if self.method == "single_source" else 3

    @api.constrains("deposit_amount", "estimate_amount", "kind")
    def _check_deposit(self):
        for lot in self:
            if lot.deposit_amount < 0 or lot.estimate_amount < 0:
                raise ValidationError(self.env._("Amounts cannot be negative."))
            cap = lot.estimate_amount * 0.02
            # the 2% cap is tendering law; a right's deposit is set in its announcement (land: commonly 20%)
            if lot.kind not in RIGHTS_KINDS and lot.deposit_amount > cap + 0.005:
                raise ValidationError(self.env._(
                    "The bid deposit %(deposit).2f exceeds 2%% of the %(base)s %(estimate).2f (at most "
                    "%(cap).2f; Bidding Law Implementing Regulations, art. 26; Government Procurement Law "
                    "Implementing Regulations, art. 33).",
                    deposit=lot.deposit_amount, estimate=lot.estimate_amount, cap=cap,
                    base=self.env._("budget") if lot.kind == "procurement" else self.env._("estimate"),
                ))
            if lot.kind == "construction" and lot.deposit_amount > CONSTRUCTION_DEPOSIT_CAP:
                raise ValidationError(self.env._(
                    "The bid deposit of a construction tender cannot exceed 800,000 yuan (Construction "
                    "Tendering Measures, art. 37): %(deposit).2f was entered.",
                    deposit=lot.deposit_amount,
                ))

    @api.constrains("criterion_ids", "scoring_method")
    def _check_criteria(self):
        for lot in self:
            if lot.scoring_method != "comprehensive" or not lot.criterion_ids:
                continue
            total = sum(lot.criterion_ids.mapped("weight"))
            if abs(total - 100.0) > 0.001:
                raise ValidationError(self.env._(
                    "The criteria of %(lot)s weigh %(total)s points in all; they must add up to 100.",
                    lot=lot.name, total=total))
            prices = lot.criterion_ids.filtered(lambda c: c.kind == "price")
            if len(prices) != 1:
                raise ValidationError(self.env._("A comprehensive scoring scheme has exactly one price criterion."))
            category = lot.project_id.procurement_category
            if lot.kind == "procurement":
                minimum = {"goods": 30.0, "services": 10.0}.get(category, 0.0)
                if prices.weight < minimum:
                    raise ValidationError(self.env._(
                        "The price weight of a procurement of %(category)s is at least %(min)s%% (MOF Order "
                        "No. 87, art. 55); %(weight)s%% was entered.",
                        category=dict(self.project_id._fields["procurement_category"]._description_selection(
                            self.env))[category], min=int(minimum), weight=prices.weight))

    @api.constrains(*TIMETABLE_FIELDS, "method", "kind")
    def _check_timetable(self):
        calendar = self.env["gov.hall.calendar"]
        methods = dict(self.env["gov.trading.project"]._fields["method"]._description_selection(self.env))
        for lot in self:
            start, end, deadline = (local_date(lot.date_sale_start, lot.company_id),
                                    local_date(lot.date_sale_end, lot.company_id),
                                    local_date(lot.date_bid_deadline, lot.company_id))
            if lot.date_sale_start and lot.date_sale_end and lot.date_sale_end < lot.date_sale_start:
                raise ValidationError(self.env._("The document sale cannot end before it starts."))
            if lot.date_sale_start and lot.date_bid_deadline and lot.date_bid_deadline <= lot.date_sale_start:
                raise ValidationError(self.env._("The bid deadline must come after the document sale starts."))
            if lot.date_sale_end and lot.date_bid_deadline and lot.date_sale_end > lot.date_bid_deadline:
                raise ValidationError(self.env._("The document sale must end by the bid deadline."))
            if lot.kind not in ("construction", "procurement") or not (start and deadline):
                continue
            method = lot.method
            days = (deadline - start).days
            if method in ("open", "invited") and days < 20:
                raise ValidationError(self.env._(
                    "At least 20 days must pass from the issue of the tender documents (%(start)s) to the bid"
                    " deadline (%(deadline)s); only %(days)s days are planned (Bidding Law, art. 24; "
                    "Government Procurement Law, art. 35).",
                    start=start, deadline=deadline, days=days))
            if method == "consultation" and days < 10:
                raise ValidationError(self.env._(
                    "Competitive consultation needs at least 10 days from the issue of the documents "
                    "(%(start)s) to the submission deadline (%(deadline)s); only %(days)s days are planned "
                    "(Caiku [2014] No. 214).", start=start, deadline=deadline, days=days))
            if method in ("negotiation", "inquiry"):
                wdays = calendar.working_days_between(start, deadline)
                if wdays < 3:
                    raise ValidationError(self.env._(
                        "%(method)s needs at least 3 working days from the issue of the documents (%(start)s)"
                        " to the submission deadline (%(deadline)s); only %(days)s working days are planned "
                        "(MOF Order No. 74).",
                        method=methods[method], start=start, deadline=deadline, days=wdays))
            if not end:
                continue
            if method in ("open", "invited"):
                if lot.kind == "procurement":
                    wdays = calendar.working_days_between(start - datetime.timedelta(days=1), end)
                    if wdays < 5:
                        raise ValidationError(self.env._(
                            "Procurement documents must be on sale for at least 5 working days; %(start)s to "
                            "%(end)s gives %(days)s working days (MOF Order No. 87, art. 16 and 18).",
                            start=start, end=end, days=wdays))
                else:
                    sale_days = (end - start).days + 1
                    if sale_days < 5:
                        raise ValidationError(self.env._(
                            "Tender documents must be on sale for at least 5 days; %(start)s to %(end)s gives"
                            " %(days)s days (Bidding Law Implementing Regulations, art. 16).", start=start, end=end, days=sale_days))
            if method == "single_source":
                wdays = calendar.working_days_between(start - datetime.timedelta(days=1), end)
                if wdays < 5:
                    raise ValidationError(self.env._(
                        "The single-source publicity must last at least 5 working days; %(start)s to %(end)s "
                        "gives %(days)s working days (Government Procurement Law Implementing Regulations, "
                        "art. 38).", start=start, end=end, days=wdays))

    @api.constrains("date_publicity_start", "date_publicity_end")
    def _check_publicity(self):
        for lot in self:
            if not (lot.date_publicity_start and lot.date_publicity_end):
                continue
            if lot.date_publicity_end - lot.date_publicity_start < datetime.timedelta(days=3):
                raise ValidationError(self.env._(
                    "The publicity of the candidates must last at least 3 days (Bidding Law Implementing "
                    "Regulations, art. 54): %(start)s to %(end)s is shorter.",
                    start=fmt_local(lot.date_publicity_start, lot.company_id), end=fmt_local(lot.date_publicity_end, lot.company_id)))

    # -- ORM ---------------------------------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("code", "/") == "/":
                vals["code"] = self.env["ir.sequence"].next_by_code("gov.trading.lot") or "/"
        return super().create(vals_list)

    def write(self, vals):
        amendment = is_granted(self._name)  # a clarification (or another server step) moves the timetable
        if set(TIMETABLE_FIELDS) & set(vals) and not amendment:
            locked = self.filtered(lambda lot: lot.state != "draft")
            if locked:
                raise UserError(self.env._(
                    "The timetable of %(lot)s is published: change it only by publishing a clarification that"
                    " moves it.", lot=", ".join(locked.mapped("name"))))
        if not amendment and self.pool.ready:
            for fname, states in LOT_INPUT_STATES.items():
                if fname in vals and any(lot.state not in states for lot in self):
                    self._gov_refuse_protected([fname])
        if {"estimate_amount", "deposit_amount", "scoring_method", *LOT_PUBLISHED_LOCK} & set(vals) \
                and not amendment:
            locked = self.filtered(lambda lot: lot.state != "draft")
            if locked:
                raise UserError(self.env._(
                    "The estimate, deposit and scoring scheme of a published lot can only change through a "
                    "clarification; %(lot)s is published.", lot=", ".join(locked.mapped("name"))))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if not is_granted(self._name) and any(lot.state != "draft" for lot in self):
            raise UserError(self.env._(
                "A published lot is a public record with its bids and log: cancel it instead of deleting it."))

    # -- helpers for the workflow --------------------------------------------------------------------
    def _now(self):
        return fields.Datetime.now()

    def _check_not_suspended(self):
        for lot in self:
            if lot.suspended:
                raise UserError(self.env._(
                    "%(lot)s is suspended: an objection to the tender documents has not been answered yet "
                    "(Bidding Law Implementing Regulations, art. 22).", lot=lot.name))

    def _check_before_deadline(self, what):
        for lot in self:
            if lot.state != "published":
                raise UserError(self.env._("%(lot)s is not open for bids.", lot=lot.name))
            if self._now() >= lot.date_bid_deadline:
                raise UserError(self.env._(
                    "The bid deadline of %(lot)s (%(deadline)s) has passed: %(what)s is no longer possible "
                    "(Electronic Bidding Measures, art. 26).", lot=lot.name, deadline=fmt_local(lot.date_bid_deadline, lot.company_id), what=what))

    @protected_action("gov.trading.project")
    def action_publish(self):
        """Publish the tender announcement of the lot (see gov.trading.announcement)."""
        self._check_trading_staff()
        for lot in self:
            if lot.state != "draft":
                raise UserError(self.env._("%(lot)s is already published.", lot=lot.name))
            if not (lot.date_sale_start and lot.date_sale_end and lot.date_bid_deadline):
                raise UserError(self.env._("Complete the timetable of %(lot)s before publishing.", lot=lot.name))
            if lot.date_sale_start < self._now() - datetime.timedelta(minutes=5):
                raise UserError(self.env._(
                    "The document sale of %(lot)s would start before the announcement (%(start)s): "
                    "plan the timetable from today on.", lot=lot.name, start=fmt_local(lot.date_sale_start, lot.company_id)))
            if lot.scoring_method == "comprehensive" and not lot.criterion_ids:
                raise UserError(self.env._("Define the scoring criteria of %(lot)s before publishing.",
                                           lot=lot.name))
            if lot.project_id.state == "draft":
                lot.project_id.action_register()
            lot.state = "published"

    @protected_action()
    def action_retender(self):
        """A failed lot goes back to tendering as a new draft lot (招标投标法 第28条)."""
        self.ensure_one()
        self._check_trading_staff()
        if self.state != "failed":
            raise UserError(self.env._("Only a failed lot can be re-tendered."))
        new = self.copy({"name": center_env(self).env._("%(name)s (re-tender)", name=self.name), "retender_of_id": self.id,
                         "date_sale_start": False, "date_sale_end": False, "date_bid_deadline": False})
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": new.id, "view_mode": "form"}

    @protected_action()
    def action_cancel(self):
        self._check_trading_staff()
        for lot in self:
            if lot.state in ("contracted", "failed", "cancel"):
                raise UserError(self.env._("%(lot)s can no longer be cancelled.", lot=lot.name))
        self.write({"state": "cancel"})

    def action_create_tender_announcement(self):
        """Draft the tender announcement (招标公告/采购公告) of the lot; publishing it opens the lot."""
        self.ensure_one()
        self._check_trading_staff()
        lot = self
        body = self.env["ir.qweb"]._render("gov_public_resource_trading.announcement_tender_body", {
            "lot": lot, "fmt": lambda dt: fmt_local(dt, lot.company_id)})
        announcement = self.env["gov.trading.announcement"].create({
            "name": center_env(lot).env._("Tender announcement: %(project)s %(lot)s", project=lot.project_id.name, lot=lot.name),
            "project_id": lot.project_id.id, "lot_ids": [(6, 0, lot.ids)], "kind": "tender", "body": body,
        })
        return {"type": "ir.actions.act_window", "res_model": "gov.trading.announcement",
                "res_id": announcement.id, "view_mode": "form"}


class GovTradingLotOpening(models.Model):
    _inherit = "gov.trading.lot"

    system_failure_note = fields.Text(
        "Platform Failure", copy=False,
        help="When bids cannot be decrypted because of the platform, describe the failure: those bids count "
             "as withdrawn instead of revoked.")

    @protected_action()
    def action_open(self):
        """The opening, at the same moment as the bid deadline (招标投标法 第34条)."""
        self._check_trading_staff()
        for lot in self:
            now = fields.Datetime.now()
            if lot.state != "published":
                raise UserError(self.env._("%(lot)s is not waiting for its opening.", lot=lot.name))
            lot._check_not_suspended()
            if now < lot.date_bid_deadline:
                raise UserError(self.env._(
                    "The opening of %(lot)s takes place at the bid deadline %(deadline)s, not before.",
                    lot=lot.name, deadline=fmt_local(lot.date_bid_deadline, lot.company_id)))
            sealed = lot.bid_ids.filtered(lambda b: b.state == "submitted")
            lot.write({"date_opened": now})
            self.env["gov.trading.log"]._append("opening", lot, lot=lot, payload={
                "bids": sealed.mapped("receipt_number"), "count": len(sealed)})
            if len(sealed) < lot._min_bidders():
                lot._fail(center_env(lot).env._(
                    "Only %(count)s bids were received by the deadline, fewer than %(min)s: no opening "
                    "(Bidding Law, art. 28).", count=len(sealed), min=lot._min_bidders()))
                continue
            lot.write({"state": "decrypting",
                       "date_decrypt_end": now + datetime.timedelta(minutes=lot.decrypt_minutes)})
            for reg in sealed.registration_id:
                center_env(lot).message_post(body=center_env(lot).env._(
                    "The opening has started: decrypt your bid with your bid key before %(end)s.",
                    end=fmt_local(lot.date_decrypt_end, lot.company_id)), partner_ids=reg.bidder_id.partner_id.ids)

    @protected_action("gov.trading.bid")
    def action_decryption_system_failure(self):
        """Bids that could not be decrypted because of a failure of the platform (not of the bidder) count
        as withdrawn (撤回), not revoked (电子招标投标办法 第31条); the staff records what failed. The staff
        change the state of those bids only, never their ciphertext."""
        self._check_trading_staff()
        for lot in self:
            if lot.state != "decrypting":
                raise UserError(self.env._("%(lot)s is not in its decryption window.", lot=lot.name))
            if not lot.system_failure_note:
                raise UserError(self.env._("Describe the platform failure first (it is logged)."))
            pending = lot.bid_ids.filtered(lambda b: b.state == "submitted")
            for bid in pending:
                bid.sudo().write({"state": "withdrawn", "date_withdrawn": fields.Datetime.now()})
                self.env["gov.trading.log"]._append("bid_withdrawn", bid, lot=lot, payload={
                    "receipt": bid.receipt_number, "reason": "platform failure", "note": lot.system_failure_note})
            lot._close_decryption()

    def action_close_decryption(self):
        self._check_trading_staff()
        for lot in self:
            if lot.state != "decrypting":
                raise UserError(self.env._("%(lot)s is not in its decryption window.", lot=lot.name))
            pending = lot.bid_ids.filtered(lambda b: b.state == "submitted")
            if pending and fields.Datetime.now() < lot.date_decrypt_end:
                raise UserError(self.env._(
                    "%(count)s bids are still waiting for decryption until %(end)s.",
                    count=len(pending), end=fmt_local(lot.date_decrypt_end, lot.company_id)))
            lot._close_decryption()

    @protected_action("gov.trading.bid")
    def _close_decryption(self):
        """Server step after the checks of its callers (staff action, cron, the last decryption)."""
        Log = self.env["gov.trading.log"]
        for lot in self:
            pending = lot.bid_ids.filtered(lambda b: b.state == "submitted")
            for bid in pending:
                bid.sudo().state = "revoked"
                Log._append("revocation", bid, lot=lot, payload={
                    "receipt": bid.receipt_number, "reason": "not decrypted by the bidder"})
            valid = lot.bid_ids.filtered(lambda b: b.state == "decrypted")
            if len(valid) < lot._min_bidders():
                lot._fail(center_env(lot).env._(
                    "Only %(count)s bids could be decrypted, fewer than %(min)s: the lot fails (Bidding Law "
                    "Implementing Regulations, art. 44).", count=len(valid), min=lot._min_bidders()))
                continue
            lot.state = "evaluation"
            lot._publish_opening_record()

    @protected_action()
    def _fail(self, reason):
        for lot in self:
            lot.write({"state": "failed", "failure_reason": reason})
            self.env["gov.trading.log"]._append("lot_failed", lot, lot=lot, payload={"reason": reason})
            ann = self.env["gov.trading.announcement"].create({
                "name": center_env(lot).env._("Failed tender notice: %(project)s %(lot)s", project=lot.project_id.name,
                                   lot=lot.name),
                "project_id": lot.project_id.id, "lot_ids": [(6, 0, lot.ids)], "kind": "failure",
                "body": "<p>%s</p>" % reason,
            })
            ann._publish()

    def _publish_opening_record(self):
        """The opening record (开标记录) rendered as a PDF, attached and published. For a lot with many bids
        (system parameter ``gov_public_resource_trading.opening_record_job_bids``, 50 by default) the
        rendering runs in a background job, so the closing of the decryption answers at once; the lot's
        form shows the job, and the record is published when the job is done."""
        threshold = int(self.env["ir.config_parameter"].sudo().get_param(
            "gov_public_resource_trading.opening_record_job_bids", 50))
        heavy = self.filtered(lambda lot: len(lot.bid_ids) >= threshold)
        for lot in heavy:
            lot._gov_delay("_publish_opening_record_job", center_env(lot).env._(
                "Opening record PDF: %(lot)s", lot=lot.name))
        (self - heavy)._publish_opening_record_now()

    def _publish_opening_record_job(self):
        # the job, run later: published once, and only while the lot is past its opening
        todo = self.filtered(lambda lot: lot.state not in ("draft", "published", "decrypting", "failed", "cancel")
                             and not lot.project_id.announcement_ids.filtered(
                                 lambda a: a.kind == "opening" and lot in a.lot_ids))
        todo._publish_opening_record_now()
        return self.env._("Opening record published for %(count)s lots.", count=len(todo))

    def _publish_opening_record_now(self):
        for lot in self:
            ann = self.env["gov.trading.announcement"].create({
                "name": center_env(lot).env._("Opening record: %(project)s %(lot)s", project=lot.project_id.name,
                                   lot=lot.name),
                "project_id": lot.project_id.id, "lot_ids": [(6, 0, lot.ids)], "kind": "opening",
            })
            ann._attach_report("gov_public_resource_trading.action_report_opening_record", lot)
            ann._publish()

    @api.model
    @protected_action()
    def _cron_close_decryption(self):
        lots = self.search([("state", "=", "decrypting"), ("date_decrypt_end", "<", fields.Datetime.now())])
        lots._close_decryption()


class GovTradingLotEvaluation(models.Model):
    _inherit = "gov.trading.lot"

    draw_ids = fields.One2many("gov.trading.expert.draw", "lot_id", string="Expert Draws")
    member_ids = fields.One2many("gov.trading.committee.member", "lot_id", string="Committee")
    score_ids = fields.One2many("gov.trading.score", "lot_id", string="Scores")
    delay_reason = fields.Text(
        "Reason for a Late Step", copy=False,
        help="A legal time limit of the staff (candidates within 3 days, procurement decision within 5 working "
             "days) was missed: the reason is required, posted and logged.")
    ranked_bid_ids = fields.One2many("gov.trading.bid", "lot_id", string="Ranking",
                                     domain=[("state", "=", "decrypted")])

    def _scored_bids(self):
        return self.sudo().bid_ids.filtered(lambda b: b.state == "decrypted")

    def _expert_criteria(self):
        return self.criterion_ids.filtered(lambda c: c.kind != "price")

    @protected_action()
    def action_start_evaluation(self):
        self._check_trading_staff()
        for lot in self:
            if lot.state != "evaluation":
                raise UserError(self.env._("The evaluation starts after the opening."))
            draws = lot.sudo().draw_ids.filtered(lambda d: d.state == "done")
            if not draws:
                raise UserError(self.env._("Draw the evaluation experts first."))
            lot.evaluation_started = True
            self.env["gov.trading.log"]._append("evaluation", lot, lot=lot, payload={
                "members": lot.sudo().member_ids.mapped("name")})

    @protected_action("gov.trading.bid")
    def _compute_ranking(self):
        """Price score by 87号令 第55条: (lowest valid price / price) x price weight; technical and
        commercial points are the average over the experts; ties go to the lower price. A tender that sells a
        right (land, property, mining) favours the higher price: (price / highest price) x weight, the highest
        price first, ties to the higher price."""
        for lot in self:
            bids = lot._scored_bids()
            if not bids:
                continue
            sale = lot.kind in RIGHTS_KINDS
            lowest = max(bids.mapped("price")) if sale else min(bids.mapped("price"))
            experts = lot.sudo().member_ids.filtered(lambda m: m.role == "expert")
            scores = lot.sudo().score_ids
            for bid in bids:
                if lot.scoring_method == "comprehensive":
                    if sale:
                        price_score = (bid.price / lowest * lot.price_weight) if lowest else 0.0
                    else:
                        price_score = (lowest / bid.price * lot.price_weight) if bid.price else 0.0
                    tech = sum(scores.filtered(lambda s, b=bid: s.bid_id == b).mapped("score"))
                    tech = tech / len(experts) if experts else 0.0
                else:
                    price_score, tech = 0.0, 0.0
                bid.sudo().write({"price_score": round(price_score, 2), "technical_score": round(tech, 2),
                                  "total_score": round(price_score + tech, 2)})
            sign = -1 if sale else 1
            if lot.scoring_method == "comprehensive":
                ordered = bids.sorted(lambda b: (-b.total_score, sign * b.price, b.date_received))
            else:
                ordered = bids.sorted(lambda b: (sign * b.price, b.date_received))
            for rank, bid in enumerate(ordered, start=1):
                bid.sudo().rank = rank

    def _log_delay(self, what):
        self.ensure_one()
        center_env(self).message_post(body=center_env(self).env._("Late step (%(what)s): %(reason)s", what=what, reason=self.delay_reason))
        self.env["gov.trading.log"]._append("other", self, lot=self, payload={
            "late": what, "reason": self.delay_reason})
        self.delay_reason = False

    def action_open_score_sheet(self):
        """The expert's score sheet for this lot."""
        member = self.sudo().member_ids.filtered(lambda m: m.user_id == self.env.user)[:1]
        action = self.env["ir.actions.actions"]._for_xml_id("gov_public_resource_trading.action_gov_trading_score")
        action["domain"] = [("lot_id", "=", self.id)]
        action["context"] = {"default_member_id": member.id, "search_default_group_bid": 1}
        return action

    def action_compute_ranking(self):
        self._check_trading_staff()
        for lot in self:
            if lot.state != "evaluation" or not lot.evaluation_started:
                raise UserError(self.env._("The ranking is computed during the evaluation."))
        self._compute_ranking()

    @protected_action()
    def action_publish_candidates(self):
        self._check_trading_staff()
        for lot in self:
            now = fields.Datetime.now()
            if lot.state != "evaluation" or not lot.date_report:
                raise UserError(self.env._("Every committee member must sign the evaluation report first."))
            if (local_date(now, lot.company_id) - local_date(lot.date_report, lot.company_id)).days > 3:
                if not lot.delay_reason:
                    raise UserError(self.env._(
                        "The candidates must be published within 3 days of the evaluation report (%(date)s) "
                        "(Bidding Law Implementing Regulations, art. 54): enter the reason for the delay "
                        "first; it is logged.",
                        date=fmt_local(lot.date_report, lot.company_id)))
                lot._log_delay("candidates_late")
            if not lot.date_publicity_end:
                raise UserError(self.env._("Set the end of the publicity (at least 3 days)."))
            lot.date_publicity_start = now  # the constraint checks the 3 days
            candidates = lot._scored_bids().filtered(lambda b: 0 < b.rank <= lot.candidate_count).sorted("rank")
            lot.state = "publicity"
            lot._deadline_close_alerts(["date_report"])
            ann = self.env["gov.trading.announcement"].create({
                "name": center_env(lot).env._("Candidate publicity: %(project)s %(lot)s", project=lot.project_id.name,
                                   lot=lot.name),
                "project_id": lot.project_id.id, "lot_ids": [(6, 0, lot.ids)], "kind": "candidates",
                "body": "<ol>%s</ol><p>%s</p>" % (
                    "".join("<li>%s: %.2f</li>" % (b.bidder_id.name, b.price) for b in candidates),
                    center_env(lot).env._("Publicity from %(start)s to %(end)s.", start=fmt_local(now, lot.company_id),
                               end=fmt_local(lot.date_publicity_end, lot.company_id))),
            })
            ann.action_publish()

    @protected_action()
    def action_award(self):
        self._check_trading_staff()
        for lot in self:
            now = fields.Datetime.now()
            direct = lot.kind == "procurement" and lot.state == "evaluation" and lot.date_report
            if lot.state != "publicity" and not direct:
                raise UserError(self.env._("The award follows the publicity of the candidates."))
            if direct:
                # 87号令 第68条: the procurer decides within 5 working days of the evaluation report
                last = self.env["gov.hall.calendar"].add_working_days(local_date(lot.date_report, lot.company_id), 5)
                if local_date(now, lot.company_id) > last:
                    if not lot.delay_reason:
                        raise UserError(self.env._(
                            "The procurer confirms the supplier within 5 working days of the evaluation "
                            "report, by %(last)s (MOF Order No. 87, art. 68): enter the reason for the delay "
                            "first; it is logged.", last=last))
                    lot._log_delay("award_late")
            elif now < lot.date_publicity_end:
                raise UserError(self.env._(
                    "The publicity runs until %(end)s: the award comes after it (Bidding Law Implementing Regulations, art. 54).",
                    end=fmt_local(lot.date_publicity_end, lot.company_id)))
            open_obj = lot.question_ids.filtered(lambda q: q.kind == "candidate_objection" and q.state == "open")
            if open_obj:
                raise UserError(self.env._(
                    "%(count)s objections to the candidates are not answered: the award waits for the answers.",
                    count=len(open_obj)))
            winner = lot._award_winner()  # the first candidate still in the running, or the tenderer's choice
            if not winner:
                raise UserError(self.env._("No first-ranked candidate."))
            lot.write({"state": "awarded", "winner_bid_id": winner.id, "award_amount": winner.price,
                       "date_award": center_today(lot.company_id)})
            lot._deadline_close_alerts(["date_report"])
            self.env["gov.trading.log"]._append("award", lot, lot=lot, payload={
                "winner": winner.bidder_id.uscc, "price": winner.price, "receipt": winner.receipt_number})
            ann = self.env["gov.trading.announcement"].create({
                "name": center_env(lot).env._("Award result: %(project)s %(lot)s", project=lot.project_id.name, lot=lot.name),
                "project_id": lot.project_id.id, "lot_ids": [(6, 0, lot.ids)], "kind": "result",
            })
            ann._attach_report("gov_public_resource_trading.action_report_award_result", lot)
            ann.action_publish()
            # the award notice (中标通知书) goes to the winner, on its registration
            pdf, ext = self.env["ir.actions.report"].sudo()._render_qweb_pdf(
                "gov_public_resource_trading.action_report_award_notice", lot.ids)
            registration = winner.registration_id.sudo()
            title = center_env(lot).env._("Award Notice")
            notice = self.env["ir.attachment"].sudo().create({
                "name": f"{title}-{lot.code}.{ext}", "raw": pdf, "res_model": registration._name,
                "res_id": registration.id, "mimetype": "application/pdf" if ext == "pdf" else "text/html"})
            center_env(registration).message_post(
                body=center_env(lot).env._("Award notice for %(lot)s.", lot=lot.name), attachment_ids=notice.ids,
                partner_ids=winner.bidder_id.partner_id.ids)
            alert_once(lot, lambda rec: rec.env._("Contract due within 30 days of the award notice"),
                       lot.contract_deadline, activity_type="mail.mail_activity_data_todo")

    @protected_action()
    def action_record_contract(self):
        self._check_trading_staff()
        for lot in self:
            if lot.state != "awarded":
                raise UserError(self.env._("Record the contract of an awarded lot."))
            if not lot.date_contract:
                raise UserError(self.env._("Enter the contract date first."))
            if lot.date_contract < lot.date_award:
                raise ValidationError(self.env._("The contract cannot be signed before the award notice."))
            lot.state = "contracted"
            self.env["gov.trading.log"]._append("contract", lot, lot=lot, payload={
                "date": lot.date_contract, "late": lot.contract_overdue})
            lot._deadline_close_alerts(["contract_deadline"])

    # -- deadlines and alerts (gov.hall.deadline.mixin) ------------------------------------------------
    @api.model
    def _deadline_notify(self, changed, today=None):
        alert_once(self.browse(changed["red"]),
                   lambda lot: lot.env._("Contract overdue (30 days after the award notice)"),
                   today or (lambda lot: center_today(lot.company_id)))

    @api.model
    @protected_action("gov.trading.deposit", "gov.trading.question")
    def _cron_alerts(self, today=None):
        """Alert every overdue step once: contracts, deposit refunds and objection answers are lit by the
        deadline scan (one alert each when they turn red); the evaluation steps and the acceptance of
        complaints, once each, until their record closes the alert."""
        for day, company_ids in center_days(self.env, today):
            self._cron_alerts_of_day(day, company_ids)

    @api.model
    def _cron_alerts_of_day(self, today, company_ids=None):
        """``_cron_alerts`` for the centers ``company_ids`` (all when None) whose day is ``today``."""
        centers = companies_domain(self, company_ids)
        for model in ("gov.trading.lot", "gov.trading.deposit", "gov.trading.question", "gov.trading.listing"):
            self.env[model]._deadline_scan(today=today, company_ids=company_ids)
        reported = self.search(Domain([("state", "=", "evaluation"), ("date_report", "!=", False),
                                       ("date_report", "<", fields.Datetime.now() - datetime.timedelta(days=3))])
                               & centers)
        calendar = self.env["gov.hall.calendar"]
        late_decision = reported.filtered(lambda lot: lot.kind == "procurement" and calendar.add_working_days(
            local_date(lot.date_report, lot.company_id), 5) < today)
        alert_once(late_decision,
                   lambda lot: lot.env._("Procurement decision overdue (5 working days after the report)"),
                   today, deadline="date_report")
        alert_once(reported.filtered(lambda lot: lot.kind != "procurement"),
                   lambda lot: lot.env._("Candidate publicity overdue (3 days after the report)"),
                   today, deadline="date_report")
        complaints = self.env["gov.trading.question"].search(Domain([
            ("state", "=", "open"), ("kind", "=", "complaint"), ("date_accepted", "=", False),
            ("accept_deadline", "<", today)]) & centers)
        alert_once(complaints, lambda q: q.env._("Complaint acceptance overdue (3 working days)"), today,
                   deadline="accept_deadline")
