from odoo import fields, models


class GovHallPrereviewWizard(models.TransientModel):
    _inherit = "gov.hall.prereview.wizard"

    credit_warning = fields.Text(related="case_id.applicant_credit_warning", string="Credit Warning")
