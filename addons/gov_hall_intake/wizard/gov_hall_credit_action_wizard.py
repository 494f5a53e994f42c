from odoo import fields, models
from odoo.exceptions import UserError

# mode: (model, method) called with the text typed in the wizard; the method checks the caller
MODES = {
    "credit_hearing": ("gov.hall.credit.record", "action_record_hearing"),
    "credit_withdraw": ("gov.hall.credit.record", "action_withdraw"),
    "credit_repair": ("gov.hall.credit.record", "action_repair"),
    "verif_confirm": ("gov.hall.verification", "action_confirm"),
    "verif_false": ("gov.hall.verification", "action_report_false"),
    "verif_statement": ("gov.hall.verification", "action_record_statement"),
    "verif_clear": ("gov.hall.verification", "action_clear"),
    "verif_revoke": ("gov.hall.verification", "action_revoke"),
}


class GovHallCreditActionWizard(models.TransientModel):
    _name = "gov.hall.credit.action.wizard"
    _description = "Statement, Findings or Grounds"

    mode = fields.Selection([
        ("credit_hearing", "Statement of the person"),
        ("credit_withdraw", "Reason for withdrawing"),
        ("credit_repair", "Grounds for credit repair"),
        ("verif_confirm", "Findings: commitment true"),
        ("verif_false", "Findings: commitment false"),
        ("verif_statement", "Statement of the applicant"),
        ("verif_clear", "Why the commitment is true after all"),
        ("verif_revoke", "Basis of the revocation"),
    ], required=True, readonly=True)
    res_id = fields.Integer("Record", required=True, readonly=True)
    text = fields.Text("Text")

    def action_apply(self):
        self.ensure_one()
        model, method = MODES[self.mode]
        record = self.env[model].browse(self.res_id).exists()
        if not record:
            raise UserError(self.env._("The record is gone."))
        getattr(record, method)(self.text)
        return {"type": "ir.actions.act_window_close"}
