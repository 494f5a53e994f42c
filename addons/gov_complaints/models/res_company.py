import secrets

from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    gov_hotline_token = fields.Char(
        "12345 Hotline Token", groups="base.group_system", copy=False,
        help="Shared secret the 12345 hotline platform sends with each work order for this center.")

    gov_hotline_callback_url = fields.Char(
        "12345 Status Callback URL", groups="base.group_system",
        help="Where the status of complaints opened from 12345 work orders is pushed back (JSON POST). "
        "Leave empty if the platform only polls the status endpoint.")

    def action_gov_generate_hotline_token(self):
        for company in self:
            company.sudo().gov_hotline_token = secrets.token_urlsafe(32)
        return True
