from odoo import api, fields, models
from odoo.exceptions import ValidationError


class GovHallBundleLine(models.Model):
    _name = "gov.hall.bundle.line"
    _description = "Item of a Bundle"
    _order = "bundle_id, stage, sequence, id"
    _check_company_auto = True

    bundle_id = fields.Many2one("gov.hall.bundle", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="bundle_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    stage = fields.Integer(
        "Stage", default=1, required=True,
        help="Items of one stage are handled in parallel; a later stage starts when the earlier ones are decided "
             "(where the law orders them, e.g. the business licence before the food-business licence).")
    item_id = fields.Many2one("gov.hall.service.item", "Service Item", required=True, check_company=True,
                              domain="[('state', '=', 'published'), ('company_id', '=', company_id)]")
    department_id = fields.Many2one(related="item_id.department_id", string="Department")
    promised_days = fields.Integer(related="item_id.promised_days", string="Promised Limit (working days)")

    _stage_positive = models.Constraint("CHECK(stage >= 1)", "Stages are numbered from 1.")

    @api.constrains("item_id")
    def _check_item_published(self):
        for line in self:
            if line.item_id.state not in ("published", "superseded"):
                raise ValidationError(self.env._(
                    "A bundle lists items in force: %(item)s is a draft.", item=line.item_id.name))
