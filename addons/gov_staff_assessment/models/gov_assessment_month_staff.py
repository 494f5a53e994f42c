from odoo import api, fields, models

from .gov_assessment_month_line_mixin import LINE_PROTECTED_FIELDS


class GovAssessmentMonthStaff(models.Model):
    _name = "gov.assessment.month.staff"
    _inherit = ["gov.assessment.month.line.mixin"]
    _protected_fields = LINE_PROTECTED_FIELDS + ("employee_id", "window_id", "proposed_star", "is_star")
    _honour_field = "is_star"
    _description = "Monthly Staff Score"
    _order = "date_from desc, rank, id"

    employee_id = fields.Many2one("hr.employee", "Staff Member", required=True, index=True, check_company=True)
    window_id = fields.Many2one("gov.hall.window", "Window", index=True, check_company=True)
    proposed_star = fields.Boolean("Proposed Star", readonly=True)
    is_star = fields.Boolean("Service Star")
    score_ids = fields.One2many("gov.assessment.score", compute="_compute_details", string="Item Scores")
    event_ids = fields.One2many("gov.assessment.event", compute="_compute_details", string="Events")

    _employee_uniq = models.Constraint("unique(month_id, employee_id)", "The staff member is already assessed.")

    @api.depends("employee_id", "month_id")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.employee_id.name} · {line.date_from and line.date_from.strftime('%Y-%m')}"

    def _compute_details(self):
        for line in self:
            line.score_ids = self.env["gov.assessment.score"].search(
                [("month_id", "=", line.month_id.id), ("target", "=", "staff"),
                 ("employee_id", "=", line.employee_id.id)])
            line.event_ids = self.env["gov.assessment.event"].search(
                [("company_id", "=", line.company_id.id), ("period", "=", line.date_from),
                 ("target", "=", "staff"), ("employee_id", "=", line.employee_id.id)])

