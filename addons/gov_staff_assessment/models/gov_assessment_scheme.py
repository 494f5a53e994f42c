"""Assessment schemes (考核方案): scored items grouped by dimension, per center and period.

A scheme holds the items of both targets (windows and staff). Each item has a base score, a
deduction or addition per occurrence and a cap; its score for a subject in a month is
``base - min(cap, deductions)`` or ``base + min(cap, additions)``. Automatic items are fed by the
rules of ``gov.assessment.engine``; manual items by assessors (manual events).
"""
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.gov_hall_base.tools.lang import center_env


class GovAssessmentScheme(models.Model):
    _name = "gov.assessment.scheme"
    _description = "Assessment Scheme"
    _inherit = ["mail.thread"]
    _order = "company_id, date_from desc, id desc"

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one("res.company", "Center", required=True, index=True,
                                 default=lambda self: self.env.company)
    date_from = fields.Date("Valid From", required=True, tracking=True)
    date_to = fields.Date("Valid To", required=True, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("active", "In Force"), ("closed", "Closed")],
        default="draft", required=True, tracking=True, index=True,
    )
    item_ids = fields.One2many("gov.assessment.item", "scheme_id", string="Items", copy=True)
    window_item_ids = fields.One2many("gov.assessment.item", "scheme_id", string="Window Items",
                                      domain=[("target", "=", "window")])
    staff_item_ids = fields.One2many("gov.assessment.item", "scheme_id", string="Staff Items",
                                     domain=[("target", "=", "staff")])
    window_base_total = fields.Float("Window Base Total", compute="_compute_totals")
    staff_base_total = fields.Float("Staff Base Total", compute="_compute_totals")
    note = fields.Html("Implementing Rules")

    # monthly honours (红旗窗口 / 服务明星)
    red_flag_count = fields.Integer("Red-Flag Windows per Month", default=3, tracking=True)
    red_flag_min_score = fields.Float("Red Flag: Minimum Score", default=95.0)
    red_flag_min_satisfaction = fields.Float("Red Flag: Minimum Satisfaction (%)", default=98.0)
    star_count = fields.Integer("Service Stars per Month", default=5, tracking=True)
    star_min_score = fields.Float("Service Star: Minimum Score", default=95.0)
    star_min_satisfaction = fields.Float("Service Star: Minimum Satisfaction (%)", default=98.0)
    honor_requires_no_complaint = fields.Boolean(
        "No Substantiated Complaint in the Month", default=True,
        help="A window or staff member with a substantiated complaint in the month cannot be proposed.")

    # yearly assessment
    year_month_weight = fields.Float("Weight of the Months (%)", default=70.0)
    year_review_weight = fields.Float("Weight of the Assessor's Review (%)", default=30.0)
    excellent_quota = fields.Float("Quota of Excellent (%)", default=15.0,
                                   help="At most this share of the assessed staff may be graded excellent.")
    excellent_min = fields.Float("Excellent from", default=90.0)
    competent_min = fields.Float("Competent from", default=75.0)
    basic_min = fields.Float("Basically Competent from", default=60.0)

    _dates = models.Constraint("CHECK(date_from <= date_to)", "A scheme cannot end before it starts.")

    @api.depends("item_ids.base", "item_ids.target", "item_ids.active")
    def _compute_totals(self):
        for scheme in self:
            items = scheme.item_ids
            scheme.window_base_total = sum(items.filtered(lambda i: i.target == "window").mapped("base"))
            scheme.staff_base_total = sum(items.filtered(lambda i: i.target == "staff").mapped("base"))

    @api.constrains("state", "date_from", "date_to", "company_id")
    def _check_overlap(self):
        for scheme in self.filtered(lambda s: s.state == "active"):
            other = self.search([
                ("id", "!=", scheme.id), ("company_id", "=", scheme.company_id.id), ("state", "=", "active"),
                ("date_from", "<=", scheme.date_to), ("date_to", ">=", scheme.date_from),
            ], limit=1)
            if other:
                raise ValidationError(self.env._(
                    "Scheme %(name)s overlaps %(other)s, which is already in force for this center: "
                    "a center has one scheme in force for any day.", name=scheme.name, other=other.name))

    @api.constrains("red_flag_count", "star_count", "year_month_weight", "year_review_weight",
                    "excellent_quota", "excellent_min", "competent_min", "basic_min")
    def _check_rules(self):
        for scheme in self:
            if scheme.red_flag_count < 0 or scheme.star_count < 0:
                raise ValidationError(self.env._("The number of red-flag windows and service stars cannot be negative."))
            if abs(scheme.year_month_weight + scheme.year_review_weight - 100.0) > 0.001:
                raise ValidationError(self.env._(
                    "The weights of the months and of the assessor's review must add up to 100%%."))
            if not 0 <= scheme.excellent_quota <= 100:
                raise ValidationError(self.env._("The quota of the top grade is a percentage between 0 and 100."))
            if not scheme.excellent_min > scheme.competent_min > scheme.basic_min:
                raise ValidationError(self.env._(
                    "The grade thresholds must decrease: Excellent above Competent above Basically competent."))

    @api.model
    def _for_day(self, company, day):
        """The scheme in force in ``company`` on ``day`` (or an empty recordset)."""
        return self.search([
            ("company_id", "=", company.id), ("state", "=", "active"),
            ("date_from", "<=", day), ("date_to", ">=", day),
        ], limit=1)

    def action_activate(self):
        for scheme in self:
            if not scheme.item_ids:
                raise UserError(self.env._("Scheme %(name)s has no scored items yet.", name=scheme.name))
            scheme.state = "active"
        return True

    def action_close(self):
        self.write({"state": "closed"})
        return True

    def action_draft(self):
        for scheme in self:
            used = self.env["gov.assessment.month"].search_count([
                ("scheme_id", "=", scheme.id), ("state", "in", ("approved", "published"))])
            if used:
                raise UserError(self.env._(
                    "Scheme %(name)s was used by an approved monthly assessment: copy it to a new period "
                    "instead of editing it.", name=scheme.name))
        self.write({"state": "draft"})
        return True

    def action_copy_next_period(self):
        """Copy the scheme (items and rules) to the period that follows it."""
        self.ensure_one()
        months = (self.date_to.year - self.date_from.year) * 12 + self.date_to.month - self.date_from.month + 1
        date_from = self.date_to + relativedelta(days=1)
        date_to = date_from + relativedelta(months=months, days=-1)
        new = self.copy({
            "name": center_env(self).env._("%(name)s (from %(date)s)", name=self.name, date=date_from),
            "date_from": date_from,
            "date_to": date_to,
            "state": "draft",
        })
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
        }

    def action_load_standard_items(self):
        """Fill an empty draft scheme with the standard items of the window and staff rules (seed 004,
        data/standard_items.xml), named in the language of the scheme's center."""
        Template = self.env["gov.assessment.item.template"]
        for scheme in self:
            if scheme.state != "draft":
                raise UserError(self.env._("Only a draft scheme can be filled with the standard items."))
            if scheme.item_ids:
                raise UserError(self.env._("Scheme %(name)s already has items.", name=scheme.name))
            lang = scheme.company_id.partner_id.lang or self.env.lang
            templates = Template.with_context(lang=lang).search([("dimension_id.active", "=", True)])
            self.env["gov.assessment.item"].create(templates._item_values(scheme))
        return True
