from odoo import fields, models


class GovHallZone(models.Model):
    _name = "gov.hall.zone"
    _description = "Hall Zone"
    _order = "company_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", "Center", required=True, index=True, default=lambda self: self.env.company
    )
    department_ids = fields.Many2many(
        "hr.department", "gov_hall_zone_department_rel", "zone_id", "department_id",
        string="Departments", domain=[("gov_stationed", "=", True)], check_company=True,
    )
    window_ids = fields.One2many("gov.hall.window", "zone_id", string="Windows")
    window_count = fields.Integer(compute="_compute_window_count", string="Window Count")
    planned_window_count = fields.Integer("Planned Comprehensive Windows")
    planned_clerk_count = fields.Integer("Planned Front-Desk Clerks")
    expected_yearly_volume = fields.Integer("Expected Cases per Year")
    expected_volume_per_clerk = fields.Integer(
        compute="_compute_window_count", string="Expected Cases per Clerk and Year"
    )
    description = fields.Text()

    _code_uniq = models.Constraint("unique(code, company_id)", "The zone code must be unique per center.")
    _volume_positive = models.Constraint(
        "CHECK(expected_yearly_volume >= 0 AND planned_window_count >= 0 AND planned_clerk_count >= 0)",
        "Volumes and counts cannot be negative.",
    )

    def _compute_window_count(self):
        counts = dict(self.env["gov.hall.window"]._read_group(
            [("zone_id", "in", self.ids)], ["zone_id"], ["__count"]))
        for zone in self:
            zone.window_count = counts.get(zone, 0)
            zone.expected_volume_per_clerk = (
                zone.expected_yearly_volume // zone.planned_clerk_count if zone.planned_clerk_count else 0
            )
