from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.gov_hall_base.tools.protect import is_granted


class GovHallServiceMaterial(models.Model):
    _name = "gov.hall.service.material"
    _description = "Application Material"
    _order = "item_id, sequence, id"

    item_id = fields.Many2one("gov.hall.service.item", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="item_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char("Material", required=True)
    requirement = fields.Selection([("required", "Required"), ("optional", "Optional")],
                                   default="required", required=True)
    tolerable = fields.Boolean(
        "May Be Tolerated Missing",
        help="Acceptance may go on without it under a written commitment to supply it later.")
    copies = fields.Integer(default=1)
    original = fields.Boolean("Original Required", help="The original must be shown.")
    source = fields.Char("Source", help="Where the applicant obtains it, e.g. brought by the applicant, handed out at the window")
    template_file = fields.Binary("Form Template", attachment=True)
    template_filename = fields.Char()
    note = fields.Char()

    def write(self, vals):
        if not is_granted("gov.hall.service.item") and self.filtered(
                lambda m: m.item_id.state in ("published", "superseded", "to_approve")):
            raise UserError(self.env._(
                "The materials of a version in force cannot be changed: create a new version of the item."))
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        if not is_granted("gov.hall.service.item") and records.filtered(
                lambda m: m.item_id.state in ("published", "superseded", "to_approve")):
            raise UserError(self.env._(
                "The materials of a version in force cannot be changed: create a new version of the item."))
        return records

    def unlink(self):
        if self.filtered(lambda m: m.item_id.state in ("published", "superseded", "to_approve")):
            raise UserError(self.env._(
                "The materials of a version in force cannot be changed: create a new version of the item."))
        return super().unlink()
