from odoo import api, fields, models
from odoo.exceptions import UserError


class GovHallCaseFee(models.Model):
    _name = "gov.hall.case.fee"
    _description = "Case Fee"
    _order = "case_id, id"

    case_id = fields.Many2one("gov.hall.case", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    name = fields.Char("Fee Item", required=True)
    amount = fields.Float("Amount (yuan)", digits=(16, 2), required=True)
    basis = fields.Char("Fee Basis")
    paid = fields.Boolean(readonly=True)
    date_paid = fields.Date("Paid On", readonly=True)
    receipt_number = fields.Char("Receipt No.", readonly=True, index="btree_not_null")
    collector_id = fields.Many2one("res.users", "Collected By", readonly=True)
    window_id = fields.Many2one("gov.hall.window", "Fee Window", readonly=True)
    amount_upper = fields.Char("Amount in Capitals", compute="_compute_amount_upper")

    _amount_positive = models.Constraint("CHECK(amount >= 0)", "A fee cannot be negative.")

    @api.depends("amount")
    def _compute_amount_upper(self):
        for fee in self:
            fee.amount_upper = self.env["res.currency"].gov_amount_to_upper(fee.amount)

    def write(self, vals):
        if ("amount" in vals or "name" in vals) and self.filtered("paid"):
            raise UserError(self.env._("A paid fee cannot be changed."))
        return super().write(vals)

    def unlink(self):
        if self.filtered("paid"):
            raise UserError(self.env._("A paid fee cannot be deleted."))
        return super().unlink()
