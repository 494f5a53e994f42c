from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    """A government service center is a company: one database may serve several centers."""

    _inherit = "res.company"

    gov_center_level = fields.Selection(
        [
            ("city", "City center"),
            ("district", "District/county center"),
            ("town", "Town/street service center"),
            ("village", "Village service point"),
        ],
        string="Center Level",
    )
    gov_center_code = fields.Char(
        "Center Code", help="Short code used in case numbers, e.g. SR for the Shangrao city administrative service center."
    )
    gov_hall_hour_from = fields.Float("Hall Opens", default=9.0)
    gov_hall_hour_to = fields.Float("Hall Closes", default=17.0)
    gov_yellow_days = fields.Integer(
        "Warning Before Deadline (working days)", default=2,
        help="The daily deadline scan turns an open case, complaint, letter, deposit refund, objection or "
        "contract yellow this many working days before its deadline.")
    gov_zone_ids = fields.One2many("gov.hall.zone", "company_id", string="Zones")
    gov_window_ids = fields.One2many("gov.hall.window", "company_id", string="Windows")
    gov_window_count = fields.Integer(compute="_compute_gov_counts", string="Window Count")
    gov_department_count = fields.Integer(compute="_compute_gov_counts", string="Department Count")

    _yellow_days_positive = models.Constraint(
        "CHECK(gov_yellow_days IS NULL OR gov_yellow_days >= 0)", "The warning period cannot be negative.")

    @api.constrains("gov_hall_hour_from", "gov_hall_hour_to")
    def _check_gov_hours(self):
        for company in self:
            if not (0 <= company.gov_hall_hour_from < company.gov_hall_hour_to <= 24):
                raise ValidationError(self.env._("The hall must open before it closes, within the day."))

    def _compute_gov_counts(self):
        windows = dict(self.env["gov.hall.window"]._read_group(
            [("company_id", "in", self.ids)], ["company_id"], ["__count"]))
        depts = dict(self.env["hr.department"]._read_group(
            [("company_id", "in", self.ids), ("gov_stationed", "=", True)], ["company_id"], ["__count"]))
        for company in self:
            company.gov_window_count = windows.get(company, 0)
            company.gov_department_count = depts.get(company, 0)
