from odoo import fields, models


class GovHallBundleIntakeWizardLine(models.TransientModel):
    _name = "gov.hall.bundle.intake.wizard.line"
    _description = "Merged Material of a Bundle Form"

    wizard_id = fields.Many2one("gov.hall.bundle.intake.wizard", required=True, ondelete="cascade")
    name = fields.Char("Material", required=True)
    received = fields.Boolean()
