"""A payment confirmation from the bank or the treasury (imported file), matched to its payment notice."""
from odoo import fields, models


class GovHallFeePayment(models.Model):
    _name = "gov.hall.fee.payment"
    _description = "Fee Payment Confirmation"
    _inherit = ["gov.hall.protected.mixin"]
    _order = "date_paid desc, id desc"
    _protected_fields = ("payment_code", "amount", "date_paid", "bank_reference", "state", "notice_id",
                         "company_id", "batch")

    batch = fields.Char("Import Batch", readonly=True, index=True)
    company_id = fields.Many2one("res.company", "Center", required=True, readonly=True, index=True)
    payment_code = fields.Char("Non-Tax Payment Code", readonly=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    amount = fields.Monetary("Amount Paid", readonly=True)
    date_paid = fields.Date("Paid On", readonly=True, index=True)
    bank_reference = fields.Char("Bank Reference", readonly=True, index=True)
    notice_id = fields.Many2one("gov.hall.fee.notice", "Payment Notice", readonly=True, index="btree_not_null")
    case_id = fields.Many2one(related="notice_id.case_id", string="Case")
    state = fields.Selection([("matched", "Reconciled"), ("unmatched", "No Such Notice"),
                              ("mismatch", "Amount Differs"), ("duplicate", "Already Paid")],
                             readonly=True, required=True, index=True, string="Reconciliation")
    amount_due = fields.Monetary(related="notice_id.amount", string="Amount Due")

    _bank_ref_uniq = models.UniqueIndex("(company_id, bank_reference) WHERE bank_reference IS NOT NULL "
                                        "AND state = 'matched'")
