from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.identity import check_id_card, check_uscc


class ResPartner(models.Model):
    _inherit = "res.partner"

    gov_id_type = fields.Selection(
        [
            ("id_card", "Resident ID Card (居民身份证)"),
            ("uscc", "Unified Social Credit Code (统一社会信用代码)"),
            ("passport", "Passport / other travel document"),
            ("other", "Other"),
        ],
        string="Identity Document", compute="_compute_gov_id_type", store=True, readonly=False,
    )
    gov_id_number = fields.Char("Identity Number", index="btree_not_null", copy=False)
    gov_legal_representative = fields.Char("Legal Representative")
    gov_blacklisted = fields.Boolean(
        "Blacklisted (失信)", tracking=True, copy=False,
        help="The applicant supplied false materials: no green channel and no tolerated-missing acceptance.",
    )

    @api.depends("is_company")
    def _compute_gov_id_type(self):
        for partner in self:
            if not partner.gov_id_type or partner.gov_id_type in ("id_card", "uscc"):
                partner.gov_id_type = "uscc" if partner.is_company else "id_card"

    @api.model
    def _gov_normalize_id(self, id_type, number):
        """Validate and return the compact identity number, or raise a Chinese ValidationError."""
        if not number:
            return number
        number = number.strip().upper().replace(" ", "")
        checker = {"id_card": check_id_card, "uscc": check_uscc}.get(id_type)
        if not checker:
            return number
        label = dict(self._fields["gov_id_type"]._description_selection(self.env))[id_type]
        try:
            return checker(number)
        except InvalidLength:
            reason = self.env._("it must have 18 characters")
        except InvalidChecksum:
            reason = self.env._("the check digit is wrong")
        except (InvalidFormat, InvalidComponent):
            reason = self.env._("it contains invalid characters, region or date")
        raise ValidationError(self.env._(
            "%(label)s %(number)s is not valid: %(reason)s.", label=label, number=number, reason=reason
        ))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("gov_id_number"):
                id_type = vals.get("gov_id_type") or ("uscc" if vals.get("is_company") else "id_card")
                vals["gov_id_number"] = self._gov_normalize_id(id_type, vals["gov_id_number"])
        return super().create(vals_list)

    def write(self, vals):
        res = super().write(vals)
        if {"gov_id_number", "gov_id_type", "is_company"} & set(vals):
            for partner in self.filtered("gov_id_number"):
                compact = self._gov_normalize_id(partner.gov_id_type, partner.gov_id_number)
                if compact != partner.gov_id_number:
                    super(ResPartner, partner).write({"gov_id_number": compact})
        return res
