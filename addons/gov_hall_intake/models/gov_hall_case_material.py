from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.gov_hall_base.tools.lang import center_env
from odoo.addons.gov_hall_base.tools.protect import is_granted

from .gov_hall_case import AFTER_ACCEPTANCE


class GovHallCaseMaterial(models.Model):
    _name = "gov.hall.case.material"
    _description = "Material Received for a Case"
    _order = "case_id, sequence, id"
    _check_company_auto = True

    case_id = fields.Many2one("gov.hall.case", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True)
    material_id = fields.Many2one("gov.hall.service.material", "Catalog Material", ondelete="set null",
                                  check_company=True)
    sequence = fields.Integer(default=10)
    name = fields.Char("Material", required=True)
    requirement = fields.Selection([("required", "Required"), ("optional", "Optional")], default="required",
                                   required=True)
    tolerable = fields.Boolean("May Be Tolerated Missing")
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
                    center_env(line.case_id).message_post(body=center_env(line.case_id).env._(
                        "Tolerated material supplied: %(name)s", name=line.name))
                return res
            raise UserError(self.env._("The material check of an accepted case cannot be changed."))
        return super().write(vals)

    def _gov_refuse_accepted(self, cases):
        if cases.filtered(lambda c: c.state in AFTER_ACCEPTANCE) and not (
                is_granted("gov.hall.case") or not self.pool.ready):
            raise UserError(self.env._("The material check of an accepted case cannot be changed."))

    @api.model_create_multi
    def create(self, vals_list):
        self._gov_refuse_accepted(self.env["gov.hall.case"].browse(
            {v["case_id"] for v in vals_list if v.get("case_id")}))
        return super().create(vals_list)

    def unlink(self):
        self._gov_refuse_accepted(self.case_id)
        return super().unlink()
