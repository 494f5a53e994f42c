from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _get_translation_frontend_modules_name(cls):
        """The portal's scripts of this addon (the bidder's live auction screen) translate their texts with
        ``_t``: the website serves them the Chinese of this addon only when it is listed here."""
        return super()._get_translation_frontend_modules_name() + ["gov_public_resource_trading"]
