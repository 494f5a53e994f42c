from odoo import api, fields, models

from .gov_assessment_month_line_mixin import LINE_PROTECTED_FIELDS


class GovAssessmentMonthWindow(models.Model):
    _name = "gov.assessment.month.window"
    _inherit = ["gov.assessment.month.line.mixin"]
    _protected_fields = LINE_PROTECTED_FIELDS + ("window_id", "proposed_red_flag", "is_red_flag")
    _honour_field = "is_red_flag"
    _description = "Monthly Window Score"
    _order = "date_from desc, rank, id"

    window_id = fields.Many2one("gov.hall.window", "Window", required=True, index=True, check_company=True)
    proposed_red_flag = fields.Boolean("Proposed Red Flag", readonly=True)
    is_red_flag = fields.Boolean("Red-Flag Window")
    score_ids = fields.One2many("gov.assessment.score", compute="_compute_details", string="Item Scores")

    _window_uniq = models.Constraint("unique(month_id, window_id)", "The window is already assessed.")

    @api.depends("window_id", "month_id")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.window_id.display_name} · {line.date_from and line.date_from.strftime('%Y-%m')}"

    def _compute_details(self):
        for line in self:
            line.score_ids = self.env["gov.assessment.score"].search(
                [("month_id", "=", line.month_id.id), ("target", "=", "window"),
                 ("window_id", "=", line.window_id.id)])

