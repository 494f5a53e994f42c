from odoo import fields, models


class HrDepartment(models.Model):
    """Departments stationed in the hall (进驻单位) are HR departments flagged ``gov_stationed``:
    window staff are employed by them (``hr.employee.department_id``) and managed daily by the center."""

    _inherit = "hr.department"

    gov_stationed = fields.Boolean("Stationed in the Hall", index=True)
    gov_code = fields.Char("Department Code")
    gov_zone_ids = fields.Many2many(
        "gov.hall.zone", "gov_hall_zone_department_rel", "department_id", "zone_id", string="Zones"
    )
    gov_window_ids = fields.Many2many(
        "gov.hall.window", "gov_hall_window_department_rel", "department_id", "window_id", string="Windows"
    )
    gov_posting_ids = fields.One2many("gov.hall.posting", "department_id", string="Staff Postings")
    gov_chief_representative_id = fields.Many2one(
        "hr.employee", compute="_compute_gov_chief", string="Chief Representative"
    )

    def _compute_gov_chief(self):
        postings = self.env["gov.hall.posting"].search([
            ("department_id", "in", self.ids), ("state", "=", "active"), ("is_chief_representative", "=", True),
        ])
        chief = {p.department_id.id: p.employee_id for p in postings}
        for dept in self:
            dept.gov_chief_representative_id = chief.get(dept.id, False)
