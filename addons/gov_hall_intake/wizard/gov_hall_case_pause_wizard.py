from odoo import fields, models

from ..models.gov_hall_case import PAUSE_REASONS


class GovHallCasePauseWizard(models.TransientModel):
    _name = "gov.hall.case.pause.wizard"
    _description = "Pause the Clock"

    case_id = fields.Many2one("gov.hall.case", required=True)
    reason_type = fields.Selection(PAUSE_REASONS, "Reason", required=True, default="expert")
    reason = fields.Text("Details", required=True)

    def action_confirm(self):
        self.case_id.action_pause(self.reason_type, self.reason)
        return {"type": "ir.actions.act_window_close"}
