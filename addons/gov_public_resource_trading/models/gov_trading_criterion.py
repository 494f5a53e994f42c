from odoo import fields, models


class GovTradingCriterion(models.Model):
    _name = "gov.trading.criterion"
    _description = "Scoring Criterion"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    lot_id = fields.Many2one("gov.trading.lot", required=True, ondelete="cascade", index=True)
    name = fields.Char(required=True)
    kind = fields.Selection([("price", "Price"), ("technical", "Technical"), ("commercial", "Commercial")],
                            required=True, default="technical")
    weight = fields.Float("Points", required=True, help="Maximum points of this criterion (weights add up to 100).")

    _weight_positive = models.Constraint("CHECK(weight > 0 AND weight <= 100)",
                                         "A criterion weighs between 0 and 100 points.")
