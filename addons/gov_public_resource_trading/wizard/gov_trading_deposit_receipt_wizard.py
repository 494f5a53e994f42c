from odoo import fields, models
from odoo.exceptions import UserError


class GovTradingDepositReceiptWizard(models.TransientModel):
    """The staff confirm a deposit from the bank's advice without reading the list of deposits, which stays
    secret until the opening (招标投标法 第22条): the reference and amount typed in find the one declared
    deposit that matches, and only that one is confirmed."""
    _name = "gov.trading.deposit.receipt.wizard"
    _description = "Confirm a Deposit Receipt from the Bank's Advice"

    lot_id = fields.Many2one("gov.trading.lot", required=True, ondelete="cascade")
    bank_reference = fields.Char("Bank Transfer Reference", required=True)
    amount = fields.Float("Amount Received", required=True)

    def action_confirm(self):
        self.ensure_one()
        self.env["gov.trading.deposit"]._check_trading_staff()
        deposit = self.env["gov.trading.deposit"].sudo().search([
            ("lot_id", "=", self.lot_id.id), ("bank_reference", "=", (self.bank_reference or "").strip()),
            ("state", "=", "declared")], limit=2)
        if len(deposit) != 1 or deposit.amount > self.amount + 0.005:
            raise UserError(self.env._(
                "No declared deposit of this lot matches the reference and amount of the bank's advice."))
        deposit.with_env(self.env).action_confirm_receipt()
        return {"type": "ir.actions.client", "tag": "display_notification", "params": {
            "title": self.env._("Deposit receipt"), "type": "success", "next": {"type": "ir.actions.act_window_close"},
            "message": self.env._("The receipt is confirmed; the list of deposits opens with the bids.")}}
