"""A bid of a live auction (现场竞价出价), accepted or refused by the server: evidence, never changed, never
withdrawn. It shows the bidder's paddle number, never its name; a refused bid keeps the reason it was
answered. It has the fields of a listing quote that the listing's close reads (``amount``, ``paddle``,
``registration_id``, ``date_quoted``): the winning bid of a listing's live bidding is its leading quote."""
from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.gov_hall_base.tools.protect import is_granted

REFUSAL_CODES = [
    ("unauthorised", "Not Admitted"), ("not_running", "Not Running"), ("paused", "Paused"), ("late", "Too Late"),
    ("leader", "Leader Cannot Outbid Itself"), ("outbid", "Outbid"), ("too_low", "Too Low"),
    ("not_whole", "Not Whole Increments"),
]


class GovTradingAuctionBid(models.Model):
    _name = "gov.trading.auction.bid"
    _description = "Live Auction Bid"
    _inherit = ["gov.trading.integrity.mixin"]
    _order = "auction_id desc, sequence desc"
    _rec_name = "paddle"
    _protected_fields = ("auction_id", "registration_id", "paddle", "amount", "date_quoted", "state",
                         "refusal_code", "sequence", "increments")
    _frozen_fields = _protected_fields

    auction_id = fields.Many2one("gov.trading.auction", required=True, ondelete="cascade", index=True,
                                 readonly=True)
    registration_id = fields.Many2one("gov.trading.registration", required=True, ondelete="restrict",
                                      readonly=True, index=True)
    company_id = fields.Many2one(related="auction_id.company_id", store=True)
    currency_id = fields.Many2one(related="auction_id.currency_id")
    paddle = fields.Char("Paddle Number", readonly=True)
    amount = fields.Monetary(required=True, currency_field="currency_id", readonly=True)
    increments = fields.Integer("Increments Added", readonly=True)
    date_quoted = fields.Datetime("Bid At (Server)", readonly=True, required=True)
    sequence = fields.Integer("Order", readonly=True, help="The order in which the server took the bids.")
    state = fields.Selection([("accepted", "Accepted"), ("refused", "Refused")], required=True, readonly=True)
    refusal_code = fields.Selection(REFUSAL_CODES, "Refused Because", readonly=True)

    _sequence_uniq = models.Constraint("unique(auction_id, sequence)", "Two bids cannot have the same order.")

    @api.model_create_multi
    def create(self, vals_list):
        if self.pool.ready and not is_granted(self._name):
            raise UserError(self.env._("A bid is placed on the auction page, where the server decides it."))
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not is_granted(self._name):
            raise UserError(self.env._("A bid of a live auction cannot be withdrawn."))
