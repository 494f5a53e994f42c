from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.gov_hall_base.tools.protect import is_granted


class GovHallServiceFee(models.Model):
    _name = "gov.hall.service.fee"
    _description = "Fee Item"
    _order = "item_id, sequence, id"

    item_id = fields.Many2one("gov.hall.service.item", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="item_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char("Fee Item", required=True)
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    amount = fields.Monetary("Amount (yuan)", required=True)
    basis = fields.Char("Fee Basis")

    _amount_positive = models.Constraint("CHECK(amount >= 0)", "A fee cannot be negative.")

    def write(self, vals):
        if not is_granted("gov.hall.service.item") and self.filtered(
                lambda f: f.item_id.state in ("published", "superseded", "to_approve")):
            raise UserError(self.env._(
                "The fees of a version in force cannot be changed: create a new version of the item."))
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        if not is_granted("gov.hall.service.item") and records.filtered(
                lambda f: f.item_id.state in ("published", "superseded", "to_approve")):
            raise UserError(self.env._(
                "The fees of a version in force cannot be changed: create a new version of the item."))
        return records

    def unlink(self):
        if self.filtered(lambda f: f.item_id.state in ("published", "superseded", "to_approve")):
            raise UserError(self.env._(
                "The fees of a version in force cannot be changed: create a new version of the item."))
        return super().unlink()
