from odoo import fields, models


class GovTradingQualificationType(models.Model):
    _name = "gov.trading.qualification.type"
    _description = "Qualification Type"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    active = fields.Boolean(default=True)
