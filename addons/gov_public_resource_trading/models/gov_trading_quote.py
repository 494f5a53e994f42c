"""A quote (报价) of a listing, entered by the bidder on the portal: never changed, never withdrawn.

Repeated quotes: the first at the starting price plus a whole number of increments, each next one the
current price plus at least one whole increment; the leading bidder cannot raise its own quote. One-shot
quotes: one per bidder, at or above the floor; between equal quotes the earliest wins. Quotes show the
bidder's paddle number (竞买号牌), never its name."""
from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.gov_hall_base.tools.protect import granted, is_granted


class GovTradingQuote(models.Model):
    _name = "gov.trading.quote"
    _description = "Listing Quote"
    _inherit = ["gov.trading.integrity.mixin"]
    _order = "date_quoted desc, id desc"
    _rec_name = "paddle"
    _protected_fields = ("listing_id", "registration_id", "amount", "date_quoted", "paddle", "increments")
    _frozen_fields = _protected_fields

    listing_id = fields.Many2one("gov.trading.listing", required=True, ondelete="cascade", index=True)
    registration_id = fields.Many2one("gov.trading.registration", required=True, ondelete="restrict", index=True)
    company_id = fields.Many2one(related="listing_id.company_id", store=True)
    currency_id = fields.Many2one(related="listing_id.currency_id")
    paddle = fields.Char("Paddle Number", readonly=True)
    amount = fields.Monetary(required=True, currency_field="currency_id")
    increments = fields.Integer("Increments Added", readonly=True)
    date_quoted = fields.Datetime("Quoted At", readonly=True, required=True, default=fields.Datetime.now)

    @api.model_create_multi
    def create(self, vals_list):
        """The bidder quotes (portal route, under sudo: the request's user is checked)."""
        records = self.browse()
        for vals in vals_list:
            reg = self.env["gov.trading.registration"].sudo().browse(vals.get("registration_id")).exists()
            listing = self.env["gov.trading.listing"].sudo().browse(vals.get("listing_id")).exists()
            if not reg or not listing:
                raise UserError(self.env._("Quote on a listing you applied for."))
            self._check_bidder_user(reg.bidder_id)
            amount = round(float(vals.get("amount") or 0.0), 2)
            steps = listing._check_quote(reg, amount)
            vals = dict(vals, amount=amount, paddle=reg.listing_paddle, increments=steps,
                        date_quoted=fields.Datetime.now())
            # locks the listing: two quotes of one listing are taken one after the other
            self.env.cr.execute("SELECT id FROM gov_trading_listing WHERE id = %s FOR UPDATE", [listing.id])
            with granted(self):
                rec = super().create([vals])
            self.env["gov.trading.log"]._append("listing_quote", rec, lot=listing.lot_id, payload={
                "paddle": rec.paddle, "amount": amount, "increments": steps})
            records |= rec
        return records

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not is_granted(self._name):
            raise UserError(self.env._("A quote cannot be withdrawn (MLR Order No. 39, art. 19)."))
