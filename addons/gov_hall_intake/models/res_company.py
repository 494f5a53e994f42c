from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    gov_rating_contact_days = fields.Integer(
        "Contact After Bad Rating (working days)", default=1,
        help="A real-name bad rating: contact the applicant within this many working days.")
    gov_rating_rectify_days = fields.Integer(
        "Rectify Bad Rating Within (working days)", default=15)
    gov_clerk_yearly_target = fields.Integer(
        "Cases per Clerk and Year (target)", default=6000,
        help="Seed 001: front-desk throughput raised from 3,000 to 6,000 cases per clerk and year.")
