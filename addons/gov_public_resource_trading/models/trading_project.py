"""Trading projects (进场登记) and their lots (标段/包) with the timetable, scoring scheme and deposit.

A project is the generic trading container (kinds: construction, procurement, land, property rights,
mining rights); land and property auctions reuse it with their own methods. The timing and amount
rules of the tendering and procurement laws are enforced here, on the lot, and refused with a clear
message; nothing is silently adjusted."""
import datetime

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

TZ = pytz.timezone("Asia/Shanghai")

KINDS = [
    ("construction", "Construction Tendering"),
    ("procurement", "Government Procurement"),
    ("land", "Land-Use Rights"),
    ("property", "Property Rights"),
    ("mining", "Mining Rights"),
]
METHODS = [
    ("open", "Open Tendering (公开招标)"),
    ("invited", "Invited Tendering (邀请招标)"),
    ("negotiation", "Competitive Negotiation (竞争性谈判)"),
    ("consultation", "Competitive Consultation (竞争性磋商)"),
    ("inquiry", "Request for Quotation (询价)"),
    ("single_source", "Single Source (单一来源)"),
    ("auction", "Auction (拍卖)"),
    ("listing", "Listing (挂牌)"),
]
TENDER_METHODS = ("open", "invited", "negotiation", "consultation", "inquiry", "single_source")
PROCUREMENT_ONLY = ("negotiation", "consultation", "inquiry", "single_source")
CONSTRUCTION_DEPOSIT_CAP = 800_000
BIG_PROCUREMENT = 10_000_000
TIMETABLE_FIELDS = ("date_sale_start", "date_sale_end", "date_bid_deadline")


def local_date(dt):
    """The Beijing calendar date of a UTC datetime."""
    if not dt:
        return False
    return pytz.utc.localize(fields.Datetime.to_datetime(dt)).astimezone(TZ).date()


def public_env(env):
    """Environment in the public language (Chinese) for the texts published on the website."""
    lang = "zh_CN" if env["res.lang"]._lang_get("zh_CN") else env.lang
    return env(context=dict(env.context, lang=lang))


def fmt_local(dt):
    if not dt:
        return ""
    return pytz.utc.localize(fields.Datetime.to_datetime(dt)).astimezone(TZ).strftime("%Y-%m-%d %H:%M")


class GovTradingQualificationType(models.Model):
    _name = "gov.trading.qualification.type"
    _description = "Qualification Type"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    active = fields.Boolean(default=True)


class GovTradingProject(models.Model):
    _name = "gov.trading.project"
    _description = "Trading Project"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_registered desc, id desc"

    name = fields.Char("Project Name", required=True, tracking=True)
    code = fields.Char("Project Number", readonly=True, copy=False, default="/", index=True)
    company_id = fields.Many2one("res.company", "Center", required=True, default=lambda s: s.env.company,
                                 index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    kind = fields.Selection(KINDS, required=True, default="construction", tracking=True)
    method = fields.Selection(METHODS, required=True, default="open", tracking=True)
    procurement_category = fields.Selection(
        [("goods", "Goods"), ("services", "Services"), ("works", "Works")],
        help="Government procurement: the price weight is at least 30% for goods, 10% for services.",
    )
    tenderer_id = fields.Many2one("res.partner", "Tenderer / Procurer", required=True, tracking=True,
                                  help="招标人/采购人")
    agency_id = fields.Many2one("res.partner", "Agency", tracking=True, help="招标代理机构/采购代理机构")
    user_id = fields.Many2one("res.users", "Responsible Staff", default=lambda s: s.env.user, tracking=True)
    estimate_amount = fields.Monetary("Estimate / Budget", currency_field="currency_id", tracking=True,
                                      help="Construction: the estimate (招标控制价); procurement: the budget.")
    state_funded = fields.Boolean("State-Funded", default=True,
                                  help="State-funded projects must award to the first-ranked candidate.")
    qualification_type_ids = fields.Many2many("gov.trading.qualification.type", string="Required Qualifications")
    date_registered = fields.Date("Registered On", default=fields.Date.context_today, required=True)
    state = fields.Selection([
        ("draft", "Draft"), ("registered", "Registered"), ("done", "Closed"), ("cancel", "Cancelled"),
    ], default="draft", required=True, tracking=True)
    lot_ids = fields.One2many("gov.trading.lot", "project_id", string="Lots")
    announcement_ids = fields.One2many("gov.trading.announcement", "project_id", string="Announcements")
    lot_count = fields.Integer(compute="_compute_counts")
    announcement_count = fields.Integer(compute="_compute_counts")
    award_amount = fields.Monetary(compute="_compute_amounts", store=True, currency_field="currency_id",
                                   aggregator="sum")
    saving_amount = fields.Monetary(compute="_compute_amounts", store=True, currency_field="currency_id",
                                    aggregator="sum")
    saving_rate = fields.Float("Saving Rate (%)", compute="_compute_amounts", store=True, aggregator="avg",
                               help="(budget of the awarded lots - award) / budget of the awarded lots")
    description = fields.Html()

    _code_uniq = models.Constraint("unique(code, company_id)", "The project number must be unique per center.")
    _estimate_positive = models.Constraint("CHECK(estimate_amount IS NULL OR estimate_amount >= 0)",
                                           "The estimate cannot be negative.")

    @api.depends("lot_ids", "announcement_ids")
    def _compute_counts(self):
        for rec in self:
            rec.lot_count = len(rec.lot_ids)
            rec.announcement_count = len(rec.announcement_ids)

    @api.depends("lot_ids.award_amount", "lot_ids.estimate_amount", "lot_ids.state")
    def _compute_amounts(self):
        for rec in self:
            awarded = rec.lot_ids.filtered(lambda lot: lot.state in ("awarded", "contracted"))
            rec.award_amount = sum(awarded.mapped("award_amount"))
            budget = sum(awarded.mapped("estimate_amount"))
            rec.saving_amount = budget - rec.award_amount if awarded else 0.0
            rec.saving_rate = (rec.saving_amount / budget * 100.0) if budget else 0.0

    @api.constrains("kind", "method", "procurement_category")
    def _check_method(self):
        for rec in self:
            if rec.method in PROCUREMENT_ONLY and rec.kind != "procurement":
                raise ValidationError(self.env._(
                    "The method %(method)s is only available for government procurement.",
                    method=dict(self._fields["method"]._description_selection(self.env))[rec.method],
                ))
            if rec.kind in ("construction", "procurement") and rec.method not in TENDER_METHODS:
                raise ValidationError(self.env._(
                    "Auctions and listings are for land, property and mining rights, not for tenders."))
            if rec.kind == "procurement" and not rec.procurement_category:
                raise ValidationError(self.env._(
                    "A government procurement project needs its category (goods, services or works)."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("code", "/") == "/":
                vals["code"] = self.env["ir.sequence"].next_by_code("gov.trading.project") or "/"
        return super().create(vals_list)

    def action_register(self):
        for rec in self:
            if not rec.lot_ids:
                raise UserError(self.env._("Add at least one lot before registering the project."))
            rec.state = "registered"
            self.env["gov.trading.log"]._append("project_registered", rec, payload={
                "code": rec.code, "name": rec.name, "kind": rec.kind, "method": rec.method,
                "estimate": rec.estimate_amount})

    def action_done(self):
        self.write({"state": "done"})

    def action_cancel(self):
        self.write({"state": "cancel"})

    def action_view_lots(self):
        action = self.env["ir.actions.actions"]._for_xml_id("gov_public_resource_trading.action_gov_trading_lot")
        action["domain"] = [("project_id", "in", self.ids)]
        action["context"] = {"default_project_id": self.id}
        return action

    def action_view_announcements(self):
        action = self.env["ir.actions.actions"]._for_xml_id(
            "gov_public_resource_trading.action_gov_trading_announcement")
        action["domain"] = [("project_id", "in", self.ids)]
        action["context"] = {"default_project_id": self.id}
        return action


class GovTradingCriterion(models.Model):
    _name = "gov.trading.criterion"
    _description = "Scoring Criterion"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    lot_id = fields.Many2one("gov.trading.lot", required=True, ondelete="cascade", index=True)
    name = fields.Char(required=True)
    kind = fields.Selection([("price", "Price"), ("technical", "Technical"), ("commercial", "Commercial")],
                            required=True, default="technical")
    weight = fields.Float("Points", required=True, help="Maximum points of this criterion (weights add up to 100).")

    _weight_positive = models.Constraint("CHECK(weight > 0 AND weight <= 100)",
                                         "A criterion weighs between 0 and 100 points.")


class GovTradingLot(models.Model):
    _name = "gov.trading.lot"
    _description = "Lot (标段/包)"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_bid_deadline desc nulls last, id desc"

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
                               help="An objection to the tender documents is waiting for its answer: "
                                    "the process is suspended (实施条例 第22条).")
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
    retender_of_id = fields.Many2one("gov.trading.lot", "Re-tender of", readonly=True, copy=False)
    evaluation_started = fields.Boolean(readonly=True, copy=False)
    date_report = fields.Datetime("Evaluation Report Signed", readonly=True, copy=False)
    date_publicity_start = fields.Datetime("Publicity From", copy=False, tracking=True)
    date_publicity_end = fields.Datetime("Publicity Until", copy=False, tracking=True)
    winner_bid_id = fields.Many2one("gov.trading.bid", "Winning Bid", readonly=True, copy=False)
    winner_id = fields.Many2one(related="winner_bid_id.bidder_id", string="Winner", store=True)
    award_amount = fields.Monetary("Award Amount", currency_field="currency_id", readonly=True, copy=False,
                                   tracking=True)
    date_award = fields.Date("Award Notice Date", readonly=True, copy=False)
    contract_deadline = fields.Date(compute="_compute_contract_deadline", store=True,
                                    help="30 days after the award notice (招标投标法 第46条).")
    date_contract = fields.Date("Contract Signed On", copy=False, tracking=True)
    contract_overdue = fields.Boolean(compute="_compute_contract_deadline", store=True)
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
            deadline = local_date(lot.date_bid_deadline)
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

    @api.depends("date_award", "date_contract")
    def _compute_contract_deadline(self):
        today = fields.Date.context_today(self)
        for lot in self:
            lot.contract_deadline = lot.date_award and lot.date_award + datetime.timedelta(days=30)
            lot.contract_overdue = bool(lot.contract_deadline and (
                (lot.date_contract or today) > lot.contract_deadline))

    @api.depends("award_amount", "estimate_amount", "state")
    def _compute_saving(self):
        for lot in self:
            if lot.state in ("awarded", "contracted") and lot.estimate_amount:
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
            if lot.deposit_amount > cap + 0.005:
                raise ValidationError(self.env._(
                    "The bid deposit %(deposit).2f exceeds 2%% of the %(base)s %(estimate).2f (at most %(cap).2f; "
                    "招标投标法实施条例 第26条, 政府采购法实施条例 第33条).",
                    deposit=lot.deposit_amount, estimate=lot.estimate_amount, cap=cap,
                    base=self.env._("budget") if lot.kind == "procurement" else self.env._("estimate"),
                ))
            if lot.kind == "construction" and lot.deposit_amount > CONSTRUCTION_DEPOSIT_CAP:
                raise ValidationError(self.env._(
                    "The bid deposit of a construction tender cannot exceed 800,000 yuan "
                    "(工程建设项目施工招标投标办法 第37条): %(deposit).2f was entered.",
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
                        "The price weight of a procurement of %(category)s is at least %(min)s%% "
                        "(政府采购货物和服务招标投标管理办法 第55条); %(weight)s%% was entered.",
                        category=dict(self.project_id._fields["procurement_category"]._description_selection(
                            self.env))[category], min=int(minimum), weight=prices.weight))

    @api.constrains(*TIMETABLE_FIELDS, "method", "kind")
    def _check_timetable(self):
        calendar = self.env["gov.hall.calendar"]
        methods = dict(self.env["gov.trading.project"]._fields["method"]._description_selection(self.env))
        for lot in self:
            start, end, deadline = (local_date(lot.date_sale_start), local_date(lot.date_sale_end),
                                    local_date(lot.date_bid_deadline))
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
                    "At least 20 days must pass from the issue of the tender documents (%(start)s) to the bid "
                    "deadline (%(deadline)s); only %(days)s days are planned (招标投标法 第24条, 政府采购法 第35条).",
                    start=start, deadline=deadline, days=days))
            if method == "consultation" and days < 10:
                raise ValidationError(self.env._(
                    "Competitive consultation needs at least 10 days from the issue of the documents (%(start)s) "
                    "to the submission deadline (%(deadline)s); only %(days)s days are planned "
                    "(财库〔2014〕214号).", start=start, deadline=deadline, days=days))
            if method in ("negotiation", "inquiry"):
                wdays = calendar.working_days_between(start, deadline)
                if wdays < 3:
                    raise ValidationError(self.env._(
                        "%(method)s needs at least 3 working days from the issue of the documents (%(start)s) to "
                        "the submission deadline (%(deadline)s); only %(days)s working days are planned (74号令).",
                        method=methods[method], start=start, deadline=deadline, days=wdays))
            if not end:
                continue
            if method in ("open", "invited"):
                if lot.kind == "procurement":
                    wdays = calendar.working_days_between(start - datetime.timedelta(days=1), end)
                    if wdays < 5:
                        raise ValidationError(self.env._(
                            "Procurement documents must be on sale for at least 5 working days; %(start)s to "
                            "%(end)s gives %(days)s working days (87号令 第16, 18条).",
                            start=start, end=end, days=wdays))
                else:
                    sale_days = (end - start).days + 1
                    if sale_days < 5:
                        raise ValidationError(self.env._(
                            "Tender documents must be on sale for at least 5 days; %(start)s to %(end)s gives "
                            "%(days)s days (招标投标法实施条例 第16条).", start=start, end=end, days=sale_days))
            if method == "single_source":
                wdays = calendar.working_days_between(start - datetime.timedelta(days=1), end)
                if wdays < 5:
                    raise ValidationError(self.env._(
                        "The single-source publicity must last at least 5 working days; %(start)s to %(end)s "
                        "gives %(days)s working days (政府采购法实施条例 第38条).", start=start, end=end, days=wdays))

    @api.constrains("date_publicity_start", "date_publicity_end")
    def _check_publicity(self):
        for lot in self:
            if not (lot.date_publicity_start and lot.date_publicity_end):
                continue
            if lot.date_publicity_end - lot.date_publicity_start < datetime.timedelta(days=3):
                raise ValidationError(self.env._(
                    "The publicity of the candidates must last at least 3 days (招标投标法实施条例 第54条): "
                    "%(start)s to %(end)s is shorter.",
                    start=fmt_local(lot.date_publicity_start), end=fmt_local(lot.date_publicity_end)))

    # -- ORM ---------------------------------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("code", "/") == "/":
                vals["code"] = self.env["ir.sequence"].next_by_code("gov.trading.lot") or "/"
        return super().create(vals_list)

    def write(self, vals):
        if set(TIMETABLE_FIELDS) & set(vals) and not self.env.context.get("gov_trading_amendment"):
            locked = self.filtered(lambda lot: lot.state != "draft")
            if locked:
                raise UserError(self.env._(
                    "The timetable of %(lot)s is published: change it only by publishing a clarification "
                    "(更正公告) that moves it.", lot=", ".join(locked.mapped("name"))))
        if {"estimate_amount", "deposit_amount", "scoring_method"} & set(vals):
            locked = self.filtered(lambda lot: lot.state != "draft")
            if locked:
                raise UserError(self.env._(
                    "The estimate, deposit and scoring scheme of a published lot can only change through a "
                    "clarification; %(lot)s is published.", lot=", ".join(locked.mapped("name"))))
        return super().write(vals)

    # -- helpers for the workflow --------------------------------------------------------------------
    def _now(self):
        return fields.Datetime.now()

    def _check_not_suspended(self):
        for lot in self:
            if lot.suspended:
                raise UserError(self.env._(
                    "%(lot)s is suspended: an objection to the tender documents has not been answered yet "
                    "(招标投标法实施条例 第22条).", lot=lot.name))

    def _check_before_deadline(self, what):
        for lot in self:
            if lot.state != "published":
                raise UserError(self.env._("%(lot)s is not open for bids.", lot=lot.name))
            if self._now() >= lot.date_bid_deadline:
                raise UserError(self.env._(
                    "The bid deadline of %(lot)s (%(deadline)s) has passed: %(what)s is no longer possible "
                    "(电子招标投标办法 第26条).", lot=lot.name, deadline=fmt_local(lot.date_bid_deadline), what=what))

    def action_publish(self):
        """Publish the tender announcement of the lot (see gov.trading.announcement)."""
        for lot in self:
            if not (lot.date_sale_start and lot.date_sale_end and lot.date_bid_deadline):
                raise UserError(self.env._("Complete the timetable of %(lot)s before publishing.", lot=lot.name))
            if lot.date_sale_start < self._now() - datetime.timedelta(minutes=5):
                raise UserError(self.env._(
                    "The document sale of %(lot)s would start before the announcement (%(start)s): "
                    "plan the timetable from today on.", lot=lot.name, start=fmt_local(lot.date_sale_start)))
            if lot.scoring_method == "comprehensive" and not lot.criterion_ids:
                raise UserError(self.env._("Define the scoring criteria of %(lot)s before publishing.",
                                           lot=lot.name))
            if lot.project_id.state == "draft":
                lot.project_id.action_register()
            lot.state = "published"

    def action_retender(self):
        """A failed lot goes back to tendering as a new draft lot (招标投标法 第28条)."""
        self.ensure_one()
        if self.state != "failed":
            raise UserError(self.env._("Only a failed lot can be re-tendered."))
        new = self.copy({"name": self.env._("%(name)s (re-tender)", name=self.name), "retender_of_id": self.id,
                         "date_sale_start": False, "date_sale_end": False, "date_bid_deadline": False})
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": new.id, "view_mode": "form"}

    def action_cancel(self):
        self.write({"state": "cancel"})

    def action_create_tender_announcement(self):
        """Draft the tender announcement (招标公告/采购公告) of the lot; publishing it opens the lot."""
        self.ensure_one()
        lot = self
        body = self.env["ir.qweb"]._render("gov_public_resource_trading.announcement_tender_body", {
            "lot": lot, "fmt": fmt_local})
        announcement = self.env["gov.trading.announcement"].create({
            "name": public_env(self.env)._("Tender announcement: %(project)s %(lot)s", project=lot.project_id.name, lot=lot.name),
            "project_id": lot.project_id.id, "lot_ids": [(6, 0, lot.ids)], "kind": "tender", "body": body,
        })
        return {"type": "ir.actions.act_window", "res_model": "gov.trading.announcement",
                "res_id": announcement.id, "view_mode": "form"}


class GovTradingProjectDemo(models.Model):
    _inherit = "gov.trading.project"

    @api.model
    def _demo_half_year_history(self, sessions=265, total=2_805_000_000, months=6):
        """Demo statistics after seed 004 (梅县区, 2014 上半年): 265 sessions of construction tenders and land
        transactions worth 2.805 billion yuan in half a year, spread over the last ``months`` months."""
        import random

        rng = random.Random(2014)
        weights = [rng.uniform(0.2, 3.0) for _ in range(sessions)]
        scale = total / sum(weights)
        amounts = [round(w * scale, -3) for w in weights]
        amounts[-1] += total - sum(amounts)
        today = fields.Date.context_today(self)
        calendar = self.env["gov.hall.calendar"]
        tenderer = self.env["res.partner"].create({"name": "梅县区公共资源交易中心（历史项目）", "is_company": True})
        names = ["道路硬底化工程", "农村饮水安全工程", "中小学校舍改造工程", "河道整治工程", "国有建设用地使用权挂牌出让",
                 "安置房建设工程", "办公设备采购", "污水管网工程"]
        projects = []
        for i, amount in enumerate(amounts):
            kind_i = i % 8
            kind, method = ("land", "listing") if kind_i == 4 else \
                ("procurement", "open") if kind_i == 6 else ("construction", "open")
            day = today - datetime.timedelta(days=rng.randint(40, months * 30))
            award = amount
            estimate = round(award / rng.uniform(0.88, 0.99), -3) if kind != "land" else round(award * 0.8, -3)
            projects.append({
                "name": f"梅县区{names[kind_i]}（第{i + 1}场）", "kind": kind, "method": method,
                "procurement_category": "goods" if kind == "procurement" else False,
                "tenderer_id": tenderer.id, "estimate_amount": estimate, "date_registered": day, "state": "done",
                "lot_ids": [fields.Command.create({
                    "name": "标段一", "estimate_amount": estimate, "state": "contracted", "award_amount": award,
                    "date_sale_start": datetime.datetime.combine(day, datetime.time(1, 0)),
                    "date_sale_end": datetime.datetime.combine(calendar.add_working_days(day, 6), datetime.time(9, 0)),
                    "date_bid_deadline": datetime.datetime.combine(day + datetime.timedelta(days=21),
                                                                   datetime.time(1, 30)),
                    "date_award": day + datetime.timedelta(days=25),
                    "date_contract": day + datetime.timedelta(days=35),
                })],
            })
        return self.create(projects)
