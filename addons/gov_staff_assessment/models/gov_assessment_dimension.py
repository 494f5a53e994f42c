from odoo import fields, models

TARGETS = [("window", "Window"), ("staff", "Staff Member")]


class GovAssessmentDimension(models.Model):
    _name = "gov.assessment.dimension"
    _description = "Assessment Dimension"
    _order = "target, sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    target = fields.Selection(TARGETS, required=True, default="staff")
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _code_uniq = models.Constraint("unique(code, target)", "The dimension code must be unique per target.")
