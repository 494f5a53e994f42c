from odoo import fields, models


class GovHallServiceMaterial(models.Model):
    _inherit = "gov.hall.service.material"

    proven_by_commitment = fields.Boolean(
        "Replaced by the Commitment",
        help="On a notify-and-commit item, the applicant who commits does not bring this proof: the department "
             "verifies it after the decision.")
