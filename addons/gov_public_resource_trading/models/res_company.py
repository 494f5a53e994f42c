from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    gov_deposit_interest_rate = fields.Float(
        "Bid Deposit Interest Rate (% a year)", digits=(6, 4), default=0.35,
        help="Bank demand deposit rate used for the interest returned with bid deposits (Bidding Law Implementing Regulations, art. 57).")
