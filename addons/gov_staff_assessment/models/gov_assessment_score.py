from odoo import fields, models

from .gov_assessment_dimension import TARGETS


class GovAssessmentScore(models.Model):
    """One row per subject and scheme item of a month: what the pivot and graph views analyse."""

    _name = "gov.assessment.score"
    _description = "Assessment Item Score"
    _inherit = ["gov.hall.protected.mixin", "gov.assessment.company.mixin"]
    # written only by the month computation (set-based SQL)
    _protected_fields = ("month_id", "company_id", "date_from", "target", "employee_id", "window_id", "department_id",
                         "item_id", "dimension_id", "base", "occurrences", "points", "score")
    _order = "date_from desc, target, employee_id, window_id, item_id"

    month_id = fields.Many2one("gov.assessment.month", "Monthly Assessment", required=True, ondelete="cascade", index=True,
                               check_company=True)
    company_id = fields.Many2one("res.company", "Center", required=True, index=True)
    date_from = fields.Date("Month", index=True)
    target = fields.Selection(TARGETS, required=True, index=True)
    employee_id = fields.Many2one("hr.employee", "Staff Member", index=True, check_company=True)
    window_id = fields.Many2one("gov.hall.window", "Window", index=True, check_company=True)
    department_id = fields.Many2one("hr.department", "Department", index=True, check_company=True)
    item_id = fields.Many2one("gov.assessment.item", "Item", index=True, check_company=True)
    dimension_id = fields.Many2one("gov.assessment.dimension", "Dimension", index=True)
    base = fields.Float()
    occurrences = fields.Integer()
    points = fields.Float("Points Counted")
    score = fields.Float()
