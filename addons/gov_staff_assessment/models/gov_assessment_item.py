from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

SOURCES = [
    ("inspection", "Inspection finding"),
    ("case_overdue", "Overdue case"),
    ("task_overdue", "Overdue department task"),
    ("bad_rating", "Verified bad rating"),
    ("satisfaction", "Satisfaction rate below threshold"),
    ("volume", "Volume handled"),
    ("complaint", "Substantiated complaint"),
    ("commendation", "Commendation"),
    ("training", "Training absence"),
    ("accountability", "Fault accountability"),
]
# which automatic sources make sense for which target
SOURCE_TARGETS = {
    "inspection": {"window", "staff"},
    "case_overdue": {"window", "staff"},
    "task_overdue": {"window", "staff"},
    "bad_rating": {"window", "staff"},
    "satisfaction": {"window", "staff"},
    "volume": {"window", "staff"},
    "complaint": {"window", "staff"},
    "commendation": {"window", "staff"},
    "training": {"staff"},
    "accountability": {"window", "staff"},
}
INSPECTION_CHECKS = [
    ("on_post", "On post"),
    ("badge", "Badge worn"),
    ("uniform", "Uniform"),
    ("discipline", "No chatting or leaving post"),
    ("etiquette", "Etiquette and the three courtesies"),
]


class GovAssessmentItem(models.Model):
    _name = "gov.assessment.item"
    _description = "Scored Assessment Item"
    _order = "scheme_id, target, dimension_sequence, sequence, id"

    scheme_id = fields.Many2one("gov.assessment.scheme", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="scheme_id.company_id", store=True, index=True, string="Center")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    code = fields.Char(required=True)
    name = fields.Char("Item", required=True)
    dimension_id = fields.Many2one("gov.assessment.dimension", required=True, ondelete="restrict", index=True)
    dimension_sequence = fields.Integer(related="dimension_id.sequence", store=True, string="Dimension Sequence")
    target = fields.Selection(related="dimension_id.target", store=True, index=True)
    kind = fields.Selection([("deduction", "Deduction"), ("addition", "Addition")],
                            required=True, default="deduction")
    base = fields.Float("Base Score", default=0.0,
                        help="Score of the item before any occurrence (a pure deduction or addition item has 0).")
    points = fields.Float("Points per Occurrence", required=True, default=1.0)
    cap = fields.Float("Cap", help="At most this many points are deducted or added for the item in a month; "
                                   "0 means: a deduction item stops at its base, an addition item has no cap.")
    mode = fields.Selection([("auto", "Automatic (rule)"), ("manual", "Manual (assessor)")],
                            required=True, default="manual")
    source = fields.Selection(SOURCES, "Rule")
    inspection_check = fields.Selection(INSPECTION_CHECKS, "Inspection Check")
    threshold = fields.Float("Threshold (%)", help="Satisfaction rule: points per percentage point below this rate.")
    min_count = fields.Integer("Minimum Ratings", default=10,
                               help="Satisfaction rule: only applies with at least this many ratings in the month.")
    unit = fields.Float("Unit", default=100.0, help="Volume rule: points for each full unit of cases handled.")
    criteria = fields.Text("Criteria")

    _code_uniq = models.Constraint("unique(scheme_id, code)", "The item code must be unique in a scheme.")
    _points_positive = models.Constraint("CHECK(points > 0)", "The points per occurrence must be positive.")
    _cap_positive = models.Constraint("CHECK(cap >= 0 AND base >= 0)", "The base and the cap cannot be negative.")

    @api.constrains("mode", "source", "target", "inspection_check", "threshold", "unit", "scheme_id", "active")
    def _check_rule(self):
        for item in self:
            if item.mode == "manual":
                continue
            if not item.source:
                raise ValidationError(self.env._("Automatic item %(name)s needs the rule that feeds it.",
                                                 name=item.name))
            if item.target not in SOURCE_TARGETS[item.source]:
                raise ValidationError(self.env._(
                    "The rule of item %(name)s does not apply to this target.", name=item.name))
            if item.source == "inspection" and not item.inspection_check:
                raise ValidationError(self.env._(
                    "Inspection item %(name)s needs the check it scores.", name=item.name))
            if item.source == "satisfaction" and not 0 < item.threshold <= 100:
                raise ValidationError(self.env._(
                    "Satisfaction item %(name)s needs a threshold between 0 and 100%%.", name=item.name))
            if item.source == "volume" and item.unit <= 0:
                raise ValidationError(self.env._("Volume item %(name)s needs a positive unit.", name=item.name))
            twins = item.scheme_id.item_ids.filtered(
                lambda i: i != item and i.active and i.mode == "auto" and i.source == item.source
                and i.target == item.target and i.inspection_check == item.inspection_check)
            if twins:
                raise ValidationError(self.env._(
                    "Items %(a)s and %(b)s are fed by the same rule for the same target: an event would be "
                    "counted twice.", a=item.name, b=twins[0].name))

    @api.constrains("kind", "base", "cap")
    def _check_cap(self):
        for item in self:
            if item.kind == "deduction" and item.base and item.cap > item.base:
                raise ValidationError(self.env._(
                    "Item %(name)s cannot deduct more than its base of %(base)s points.",
                    name=item.name, base=item.base))

    def write(self, vals):
        if self.env["gov.assessment.month"].sudo().search_count([
                ("scheme_id", "in", self.scheme_id.ids), ("state", "in", ("approved", "published"))]):
            protected = {"base", "points", "cap", "kind", "dimension_id", "source", "threshold", "unit", "min_count"}
            if protected & set(vals):
                raise UserError(self.env._(
                    "The scheme was used by an approved monthly assessment: its scoring cannot change any more."))
        return super().write(vals)

    @api.depends("code", "name")
    def _compute_display_name(self):
        for item in self:
            item.display_name = f"[{item.code}] {item.name}" if item.code else item.name
