from odoo import api, models

from .report_opening_record import _lot_report_values


class ReportAwardNotice(models.AbstractModel):
    _name = "report.gov_public_resource_trading.report_award_notice"
    _description = "Award Notice"

    @api.model
    def _get_report_values(self, docids, data=None):
        return _lot_report_values(self.env, docids)
