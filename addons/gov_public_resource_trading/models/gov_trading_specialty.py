from odoo import fields, models


class GovTradingSpecialty(models.Model):
    _name = "gov.trading.specialty"
    _description = "Expert Specialty"
    _order = "code, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
