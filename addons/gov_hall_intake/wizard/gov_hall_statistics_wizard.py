from odoo import fields, models
from odoo.fields import Domain

from odoo.addons.gov_hall_base.tools.dates import center_today

from ..report.case_statistics_xlsx import DIMENSIONS


class GovHallStatisticsWizard(models.TransientModel):
    _name = "gov.hall.statistics.wizard"
    _description = "Case Statistics Export"

    # days of the center (the statistics count a case on the day it was received at its center)
    date_from = fields.Date("From", required=True,
                            default=lambda self: center_today(self.env.company).replace(month=1, day=1))
    date_to = fields.Date("To", required=True, default=lambda self: center_today(self.env.company))
    company_ids = fields.Many2many("res.company", string="Centers", default=lambda self: self.env.companies)
    by_zone = fields.Boolean("By Zone", default=True)
    by_department = fields.Boolean("By Department", default=True)
    by_window = fields.Boolean("By Window", default=True)
    by_clerk = fields.Boolean("By Clerk", default=True)
    by_item = fields.Boolean("By Item", default=True)
    by_month = fields.Boolean("By Month", default=True)

    def _domain(self):
        domain = Domain("date_received", ">=", self.date_from) & Domain("date_received", "<=", self.date_to)
        if self.company_ids:
            domain &= Domain("company_id", "in", self.company_ids.ids)
        return domain

    def _dimensions(self):
        dims = ["company_id"]
        for flag, dim in [("by_zone", "zone_id"), ("by_department", "department_id"), ("by_window", "window_id"),
                          ("by_clerk", "clerk_id"), ("by_item", "item_id"), ("by_month", "date_received:month")]:
            if self[flag]:
                dims.append(dim)
        return [d for d in dims if d in DIMENSIONS]

    def action_export(self):
        return self.env.ref("gov_hall_intake.action_report_case_statistics_xlsx").report_action(self)
