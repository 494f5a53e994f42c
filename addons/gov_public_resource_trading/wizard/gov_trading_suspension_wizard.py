from odoo import fields, models


class GovTradingSuspensionWizard(models.TransientModel):
    _name = "gov.trading.suspension.wizard"
    _description = "Suspend or Resume a Trading Procedure"

    lot_id = fields.Many2one("gov.trading.lot", required=True, ondelete="cascade")
    action = fields.Selection([("suspend", "Suspend"), ("resume", "Resume")], required=True, default="suspend")
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        if self.action == "suspend":
            self.lot_id._supervisor_suspend(self.reason)
        else:
            self.lot_id._supervisor_resume(self.reason)
        return {"type": "ir.actions.act_window_close"}
