from odoo import fields, models

from .gov_assessment_item import INSPECTION_CHECKS, SOURCES


class GovAssessmentItemTemplate(models.Model):
    """A standard scored item (data/standard_items.xml): "Load Standard Items" copies them into a draft
    scheme, named in the center's language."""

    _name = "gov.assessment.item.template"
    _description = "Standard Assessment Item"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    code = fields.Char(required=True)
    name = fields.Char("Item", required=True, translate=True)
    dimension_id = fields.Many2one("gov.assessment.dimension", required=True, ondelete="restrict")
    target = fields.Selection(related="dimension_id.target")
    kind = fields.Selection([("deduction", "Deduction"), ("addition", "Addition")], required=True,
                            default="deduction")
    base = fields.Float("Base Score")
    points = fields.Float("Points per Occurrence", required=True, default=1.0)
    cap = fields.Float("Cap")
    mode = fields.Selection([("auto", "Automatic (rule)"), ("manual", "Manual (assessor)")], required=True,
                            default="manual")
    source = fields.Selection(SOURCES, "Rule")
    inspection_check = fields.Selection(INSPECTION_CHECKS, "Inspection Check")
    threshold = fields.Float("Threshold (%)")
    min_count = fields.Integer("Minimum Ratings", default=10)
    unit = fields.Float("Unit", default=100.0)

    _code_uniq = models.Constraint("unique(code)", "The code of a standard item must be unique.")

    def _item_values(self, scheme):
        """Values of the scheme items copied from these templates."""
        return [{
            "scheme_id": scheme.id, "sequence": t.sequence, "dimension_id": t.dimension_id.id, "code": t.code,
            "name": t.name, "kind": t.kind, "base": t.base, "points": t.points, "cap": t.cap, "mode": t.mode,
            "source": t.source or False, "inspection_check": t.inspection_check or False,
            "threshold": t.threshold, "min_count": t.min_count, "unit": t.unit,
        } for t in self]
