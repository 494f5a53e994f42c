from odoo import api, fields, models


class GovHallIntakeWizard(models.TransientModel):
    _inherit = "gov.hall.intake.wizard"

    credit_warning = fields.Text("Credit Warning", compute="_compute_credit_warning")

    @api.depends("applicant_id", "applicant_id_number")
    def _compute_credit_warning(self):
        Partner = self.env["res.partner"].sudo()
        for wizard in self:
            partner = wizard.applicant_id
            number = (wizard.applicant_id_number or "").strip().upper().replace(" ", "")
            if not partner and number:
                partner = Partner.search([("gov_id_number", "=", number)], limit=1)
            wizard.credit_warning = partner._gov_credit_warning() if partner else False
