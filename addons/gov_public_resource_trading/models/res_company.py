from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    gov_deposit_interest_rate = fields.Float(
        "Bid Deposit Interest Rate (% a year)", digits=(6, 4), default=0.35,
        help="Bank demand deposit rate used for the interest returned with bid deposits (Bidding Law Implementing Regulations, art. 57).")
    gov_auction_extend_window = fields.Integer(
        "Live Auction Extension Window (seconds)", default=300,
        help="A bid accepted in the last N seconds of a live auction's countdown extends it.")
    gov_auction_extend_seconds = fields.Integer(
        "Live Auction Extension (seconds)", default=300,
        help="After a bid in the extension window the countdown runs at least M seconds more.")
