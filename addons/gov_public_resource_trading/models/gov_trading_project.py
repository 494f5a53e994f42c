from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.gov_hall_base.tools.dates import center_today
from odoo.addons.gov_hall_base.tools.protect import is_granted, protected_action

KINDS = [
    ("construction", "Construction Tendering"),
    ("procurement", "Government Procurement"),
    ("land", "Land-Use Rights"),
    ("property", "Property Rights"),
    ("mining", "Mining Rights"),
]
METHODS = [
    ("open", "Open Tendering"),
    ("invited", "Invited Tendering"),
    ("negotiation", "Competitive Negotiation"),
    ("consultation", "Competitive Consultation"),
    ("inquiry", "Request for Quotation"),
    ("single_source", "Single Source"),
    ("auction", "Auction"),
    ("listing", "Listing"),
]
TENDER_METHODS = ("open", "invited", "negotiation", "consultation", "inquiry", "single_source")
PROCUREMENT_ONLY = ("negotiation", "consultation", "inquiry", "single_source")


class GovTradingProject(models.Model):
    _name = "gov.trading.project"
    _description = "Trading Project"
    _inherit = ["mail.thread", "mail.activity.mixin", "gov.trading.integrity.mixin"]
    _order = "date_registered desc, id desc"
    _check_company_auto = True
    _protected_fields = ("state", "award_amount", "saving_amount", "saving_rate")

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
                                  check_company=True, help="Tenderer or procurer")
    agency_id = fields.Many2one("res.partner", "Agency", tracking=True, check_company=True,
                                help="Tendering or procurement agency")
    user_id = fields.Many2one("res.users", "Responsible Staff", default=lambda s: s.env.user, tracking=True)
    estimate_amount = fields.Monetary("Estimate / Budget", currency_field="currency_id", tracking=True,
                                      help="Construction: the estimate; procurement: the budget.")
    state_funded = fields.Boolean("State-Funded", default=True,
                                  help="State-funded projects must award to the first-ranked candidate.")
    qualification_type_ids = fields.Many2many("gov.trading.qualification.type", string="Required Qualifications")
    date_registered = fields.Date("Registered On", default=lambda s: center_today(s.env.company), required=True)
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

    @api.depends("lot_ids.award_amount", "lot_ids.estimate_amount", "lot_ids.state", "kind")
    def _compute_amounts(self):
        for rec in self:
            awarded = rec.lot_ids.filtered(lambda lot: lot.state in ("awarded", "contracted"))
            rec.award_amount = sum(awarded.mapped("award_amount"))
            budget = sum(awarded.mapped("estimate_amount"))
            if rec.kind in ("land", "property", "mining"):  # a sale: no saving on a budget
                budget = 0.0
            rec.saving_amount = budget - rec.award_amount if awarded and budget else 0.0
            rec.saving_rate = (rec.saving_amount / budget * 100.0) if budget else 0.0

    @api.onchange("kind")
    def _onchange_kind_method(self):
        """Rights are listed unless chosen otherwise; tenders never run as a listing or an auction."""
        if self.kind in ("land", "property", "mining") and self.method in TENDER_METHODS:
            self.method = "listing"
        elif self.kind in ("construction", "procurement") and self.method not in TENDER_METHODS:
            self.method = "open"

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

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if not is_granted(self._name) and any(lot.state != "draft" for lot in self.sudo().lot_ids):
            raise UserError(self.env._(
                "A published lot is a public record with its bids and log: cancel it instead of deleting it."))

    @protected_action()
    def action_register(self):
        self._check_trading_staff()
        for rec in self:
            if rec.state != "draft":
                continue
            if not rec.lot_ids:
                raise UserError(self.env._("Add at least one lot before registering the project."))
            rec.state = "registered"
            self.env["gov.trading.log"]._append("project_registered", rec, payload={
                "code": rec.code, "name": rec.name, "kind": rec.kind, "method": rec.method,
                "estimate": rec.estimate_amount})

    @protected_action()
    def action_done(self):
        self._check_trading_staff()
        if any(rec.state != "registered" for rec in self):
            raise UserError(self.env._("Only a registered project can be closed."))
        self.write({"state": "done"})

    @protected_action()
    def action_cancel(self):
        self._check_trading_staff()
        if any(rec.state in ("done", "cancel") for rec in self):
            raise UserError(self.env._("A closed or cancelled project cannot be cancelled."))
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
