from odoo import api, models

from ..tools.rmb import amount_to_rmb_upper


class ResCurrency(models.Model):
    _inherit = "res.currency"

    @api.model
    def gov_amount_to_upper(self, amount):
        """Amount in RMB capitals (人民币大写) for notices and receipts: 100 -> 壹佰元整."""
        return amount_to_rmb_upper(amount)
