from odoo import api, fields, models


class GovAssessmentYearDepartment(models.Model):
    _name = "gov.assessment.year.department"
    _description = "Yearly Department Window Component"
    _inherit = ["mail.thread", "mail.activity.mixin", "gov.hall.protected.mixin"]
    _order = "year_id desc, component desc, id"
    _check_company_auto = True
    # computed by the year (set-based SQL) and sent by its action
    _protected_fields = ("year_id", "company_id", "department_id", "window_count", "staff_count", "window_score",
                         "component", "date_sent")

    year_id = fields.Many2one("gov.assessment.year", "Yearly Assessment", required=True, ondelete="cascade", index=True)
    year = fields.Integer(related="year_id.year", store=True)
    company_id = fields.Many2one("res.company", "Center", required=True, index=True)
    department_id = fields.Many2one("hr.department", "Department", required=True, index=True,
                                    check_company=True)
    window_count = fields.Integer("Windows")
    staff_count = fields.Integer("Staff")
    window_score = fields.Float("Window Score", aggregator="avg",
                                help="Average monthly score of the department's windows over the year.")
    component = fields.Float("Component of the Department's Assessment (10%)", aggregator="avg",
                             help="Window score x 10%: the points the center reports for the department's own "
                                  "assessment (seed 003).")
    line_ids = fields.One2many("gov.assessment.year.line", compute="_compute_line_ids", string="Staff Results")
    date_sent = fields.Date("Sent On", readonly=True)

    def _compute_line_ids(self):
        for dep in self:
            dep.line_ids = dep.year_id.line_ids.filtered(lambda l: l.department_id == dep.department_id)

    @api.depends("department_id", "year")
    def _compute_display_name(self):
        for dep in self:
            dep.display_name = f"{dep.department_id.name} · {dep.year}"
