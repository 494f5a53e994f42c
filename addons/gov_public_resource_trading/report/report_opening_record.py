from odoo import api, models

from ..models.gov_trading_lot import fmt_local


def _lot_report_values(env, docids):
    docs = env["gov.trading.lot"].browse(docids)
    return {"doc_ids": docids, "doc_model": "gov.trading.lot", "docs": docs, "fmt": fmt_local,
            "upper": env["res.currency"].gov_amount_to_upper}


class ReportOpeningRecord(models.AbstractModel):
    _name = "report.gov_public_resource_trading.report_opening_record"
    _description = "Opening Record"

    @api.model
    def _get_report_values(self, docids, data=None):
        return _lot_report_values(self.env, docids)
