from odoo import api, models

from .report_opening_record import _lot_report_values, _with_heads


class ReportAwardNotice(models.AbstractModel):
    _name = "report.gov_public_resource_trading.report_award_notice"
    _description = "Award Notice"

    @api.model
    def _get_report_values(self, docids, data=None):
        return _with_heads(self.env, _lot_report_values(self.env, docids), "award_notice",
                           lambda lot: bool(lot.date_award))
