"""The transferor's key, entered at the close of a listing when nobody continues: the listing opens the
reserve price, checks it against the published commitment and decides the result."""
from odoo import fields, models


class GovTradingListingReserveWizard(models.TransientModel):
    _name = "gov.trading.listing.reserve.wizard"
    _description = "Open the Reserve Price"

    listing_id = fields.Many2one("gov.trading.listing", required=True, ondelete="cascade")
    key = fields.Char("Transferor's Key", required=True, help="The key the transferor kept since the sealing.")

    def action_confirm(self):
        self.ensure_one()
        listing, key = self.listing_id, self.key
        # nothing of the key stays behind the wizard: the row goes once the reserve is open
        listing._open_reserve(key)
        self.unlink()
        return {"type": "ir.actions.act_window_close"}
