from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.identity import check_id_card, check_uscc

# Who reads identity numbers in full: front-desk clerks (they register applicants), complaint officers
# (supervisors), trading staff (qualification review and award of bidders) and, through the portal record
# rule on res.partner, a portal user for their own commercial entity. Hall administrators imply the first
# three. Everyone else sees the masked twin.
IDENTITY_GROUPS = ("gov_hall_base.group_gov_clerk,gov_hall_base.group_gov_supervisor,"
                   "gov_hall_base.group_gov_trading_staff,base.group_portal")
# the complement, for the masked twins in views
IDENTITY_GROUPS_NOT = ",".join(f"!{g}" for g in IDENTITY_GROUPS.split(","))
# phone numbers held by our models: the groups that contact applicants and complainants
PHONE_GROUPS = "gov_hall_base.group_gov_clerk,gov_hall_base.group_gov_supervisor"
PHONE_GROUPS_NOT = ",".join(f"!{g}" for g in PHONE_GROUPS.split(","))


def mask_identity(number):
    """``3601**********0029``: the first and last four characters of an identity number."""
    number = (number or "").strip()
    if not number:
        return False
    if len(number) > 8:
        return number[:4] + "*" * (len(number) - 8) + number[-4:]
    if len(number) > 2:
        return number[0] + "*" * (len(number) - 2) + number[-1]
    return "*" * len(number)


def mask_phone(phone):
    """``138****5678``: the first three and last four characters of a phone number."""
    phone = (phone or "").strip()
    if not phone:
        return False
    if len(phone) > 7:
        return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
    if len(phone) > 2:
        return "*" * (len(phone) - 2) + phone[-2:]
    return "*" * len(phone)


class ResPartner(models.Model):
    _inherit = "res.partner"

    gov_id_type = fields.Selection(
        [
            ("id_card", "Resident ID Card"),
            ("uscc", "Unified Social Credit Code"),
            ("passport", "Passport / other travel document"),
            ("other", "Other"),
        ],
        string="Identity Document", compute="_compute_gov_id_type", store=True, readonly=False,
    )
    gov_id_number = fields.Char("Identity Number", index="btree_not_null", copy=False, groups=IDENTITY_GROUPS)
    # the twin shown to everyone else: first and last four characters only
    gov_id_number_masked = fields.Char("Identity Number (Masked)", compute="_compute_gov_id_number_masked",
                                       compute_sudo=True)
    gov_legal_representative = fields.Char("Legal Representative")
    gov_blacklisted = fields.Boolean(
        "Blacklisted", tracking=True, copy=False,
        help="The applicant supplied false materials: no green channel and no tolerated-missing acceptance.",
    )

    @api.depends("is_company")
    def _compute_gov_id_type(self):
        for partner in self:
            if not partner.gov_id_type or partner.gov_id_type in ("id_card", "uscc"):
                partner.gov_id_type = "uscc" if partner.is_company else "id_card"

    @api.depends("gov_id_number")
    def _compute_gov_id_number_masked(self):
        for partner in self:
            partner.gov_id_number_masked = mask_identity(partner.gov_id_number)

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
            # whoever may change the type (is_company) re-validates the stored number, read as superuser
            for partner in self.sudo().filtered("gov_id_number"):
                compact = self._gov_normalize_id(partner.gov_id_type, partner.gov_id_number)
                if compact != partner.gov_id_number:
                    super(ResPartner, partner).write({"gov_id_number": compact})
        return res
