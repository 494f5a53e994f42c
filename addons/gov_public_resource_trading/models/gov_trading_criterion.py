from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.gov_hall_base.tools.protect import is_granted


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

    def _check_lot_draft(self, lots):
        """The scoring scheme is fixed with the publication of the lot (see gov.trading.lot.write)."""
        locked = lots.filtered(lambda lot: lot.state != "draft")
        if locked and self.pool.ready and not is_granted("gov.trading.lot"):
            raise UserError(self.env._(
                "The estimate, deposit and scoring scheme of a published lot can only change through a "
                "clarification; %(lot)s is published.", lot=", ".join(locked.mapped("name"))))

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self._check_lot_draft(records.sudo().lot_id)
        return records

    def write(self, vals):
        self._check_lot_draft(self.sudo().lot_id)
        res = super().write(vals)
        if "lot_id" in vals:
            self._check_lot_draft(self.sudo().lot_id)
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        self._check_lot_draft(self.sudo().lot_id)
