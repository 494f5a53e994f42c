import secrets

from odoo import fields, models
from odoo.exceptions import AccessError


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
        """Rotate the 12345 token: a hall administrator of the center only (the old token stops working)."""
        user = self.env.user
        if not user.has_group("gov_hall_base.group_gov_hall_admin") or self - user.company_ids:
            raise AccessError(self.env._(
                "Only a hall administrator of the center can generate a new 12345 hotline token."))
        for company in self:
            company.sudo().gov_hotline_token = secrets.token_urlsafe(32)
        return True
