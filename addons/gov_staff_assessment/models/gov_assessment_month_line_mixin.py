from odoo import fields, models
from odoo.exceptions import UserError


class GovAssessmentMonthLineMixin(models.AbstractModel):
    _name = "gov.assessment.month.line.mixin"
    _description = "Monthly Assessment Line"

    month_id = fields.Many2one("gov.assessment.month", "Monthly Assessment", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one("res.company", "Center", required=True, index=True)
    date_from = fields.Date("Month", index=True)
    month_state = fields.Selection(related="month_id.state", string="Assessment Status")
    department_id = fields.Many2one("hr.department", "Department", index=True)
    base = fields.Float("Base", aggregator="avg")
    deduction = fields.Float("Deductions", aggregator="avg")
    addition = fields.Float("Additions", aggregator="avg")
    score = fields.Float(aggregator="avg")
    rank = fields.Integer(aggregator="min")
    ratings_count = fields.Integer("Ratings")
    good_count = fields.Integer("Satisfied Ratings")
    satisfaction = fields.Float("Satisfaction (%)", aggregator="avg")
    volume = fields.Integer("Cases Handled")
    complaint_count = fields.Integer("Substantiated Complaints")

    def _check_honour_edit(self):
        if self.env.context.get("gov_assessment_engine"):
            return
        if any(line.month_id.state not in ("computed", "to_approve") for line in self):
            raise UserError(self.env._("Honours are chosen while the assessment is computed or awaiting approval."))
