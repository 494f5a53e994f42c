from odoo import fields, models
from odoo.exceptions import UserError

from .gov_hall_case import AFTER_ACCEPTANCE


class GovHallCaseMaterial(models.Model):
    _name = "gov.hall.case.material"
    _description = "Material Received for a Case"
    _order = "case_id, sequence, id"

    case_id = fields.Many2one("gov.hall.case", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True)
    material_id = fields.Many2one("gov.hall.service.material", "Catalog Material", ondelete="set null")
    sequence = fields.Integer(default=10)
    name = fields.Char("Material", required=True)
    requirement = fields.Selection([("required", "Required"), ("optional", "Optional")], default="required",
                                   required=True)
    tolerable = fields.Boolean("May Be Tolerated Missing (容缺)")
    received = fields.Boolean()
    attachment_ids = fields.Many2many("ir.attachment", "gov_hall_case_material_attachment_rel", "line_id",
                                      "attachment_id", string="Scans")
    note = fields.Char()

    def write(self, vals):
        if {"received", "requirement", "tolerable", "name"} & set(vals) and self.filtered(
                lambda m: m.case_id.state in AFTER_ACCEPTANCE):
            # the check of an accepted case is a record of what was received at acceptance; the only change
            # is a tolerated missing material supplied later under the commitment
            if set(vals) <= {"received", "attachment_ids", "note"} and vals.get("received") is True:
                res = super().write(vals)
                for line in self:
                    line.case_id.message_post(body=self.env._(
                        "Tolerated material supplied: %(name)s", name=line.name))
                return res
            raise UserError(self.env._("The material check of an accepted case cannot be changed."))
        return super().write(vals)
