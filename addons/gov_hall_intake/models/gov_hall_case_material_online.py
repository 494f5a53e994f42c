from odoo import fields, models


class GovHallCaseMaterial(models.Model):
    _inherit = "gov.hall.case.material"

    gov_noticed = fields.Boolean(
        "Listed in a Notice", readonly=True, copy=False,
        help="Listed in a one-time notice of the case: a later notice may ask again only for these materials.")
    gov_awaiting = fields.Boolean(
        "Awaiting Supplement", readonly=True, copy=False,
        help="Asked for in the last one-time notice and not uploaded again since.")
    gov_reused = fields.Boolean(
        "Reused with Consent", readonly=True, copy=False,
        help="A result the center already issued to the applicant, reused with the applicant's consent instead "
             "of an upload.")

    def _gov_add_upload(self, attachment, reused=False):
        """An upload (or a reused earlier result) of the applicant for this material."""
        self.ensure_one()
        vals = {"attachment_ids": [(4, attachment.id)], "gov_awaiting": False}
        if reused:
            vals["gov_reused"] = True
        self.sudo().write(vals)
