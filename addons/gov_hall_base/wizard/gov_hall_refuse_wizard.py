from odoo import fields, models


class GovHallRefuseWizard(models.TransientModel):
    """Ask for a reason, then call ``action_refuse(reason)`` on the active records."""

    _name = "gov.hall.refuse.wizard"
    _description = "Refuse with a Reason"

    reason = fields.Text(required=True)

    def action_confirm(self):
        records = self.env[self.env.context["active_model"]].browse(self.env.context["active_ids"])
        records.action_refuse(self.reason)
        return {"type": "ir.actions.act_window_close"}
