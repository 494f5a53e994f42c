from odoo import api, models

from ..models.gov_trading_lot import fmt_local


def _lot_report_values(env, docids):
    docs = env["gov.trading.lot"].browse(docids)
    center = docs.company_id if len(docs.company_id) == 1 else env.company

    def fmt(dt, company=None):
        """A datetime as the lot's center reads it (``fmt(dt, lot.company_id)`` on a print of several centers)."""
        return fmt_local(dt, company or center)

    return {"doc_ids": docids, "doc_model": "gov.trading.lot", "docs": docs, "fmt": fmt,
            "upper": env["res.currency"].gov_amount_to_upper}


def _with_heads(env, values, document, issued):
    """Add ``heads``: lot id -> the chain head printed on ``document``, fixed when the document is first issued
    (``issued(lot)`` true), so that every reprint shows the same head."""
    Log = env["gov.trading.log"]
    values["heads"] = {lot.id: Log._document_head(document, lot, issue=issued(lot)) for lot in values["docs"]}
    return values


class ReportOpeningRecord(models.AbstractModel):
    _name = "report.gov_public_resource_trading.report_opening_record"
    _description = "Opening Record"

    @api.model
    def _get_report_values(self, docids, data=None):
        return _with_heads(self.env, _lot_report_values(self.env, docids), "opening_record",
                           lambda lot: lot.state not in ("draft", "published", "decrypting"))
