"""The partner's credit: ``gov_blacklisted`` (defined by gov_hall_base) follows the credit records in effect."""
from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.gov_hall_base.tools.protect import is_granted


class ResPartner(models.Model):
    _inherit = "res.partner"

    gov_credit_record_ids = fields.One2many("gov.hall.credit.record", "partner_id", string="Credit Records")
    # the former flag, now the outcome of the records in effect (read by trading and the intake checks)
    gov_blacklisted = fields.Boolean(compute="_compute_gov_blacklisted", store=True, readonly=True,
                                     compute_sudo=True)
    gov_credit_until = fields.Date("Credit Record Until", compute="_compute_gov_blacklisted", store=True,
                                   compute_sudo=True)

    @api.depends("gov_credit_record_ids.state", "gov_credit_record_ids.date_end")
    def _compute_gov_blacklisted(self):
        Record = self.env["gov.hall.credit.record"].sudo()
        ends = dict(Record._read_group(
            [("partner_id", "in", self.ids), ("state", "=", "active")], ["partner_id"], ["date_end:max"]))
        for partner in self:
            end = ends.get(partner)
            partner.gov_blacklisted = bool(end)
            partner.gov_credit_until = end or False

    def write(self, vals):
        if {"gov_blacklisted", "gov_credit_until"} & set(vals) and self.pool.ready and not is_granted(
                "gov.hall.credit.record"):
            raise UserError(self.env._(
                "The credit flag follows the credit records: draft a credit record, notify and hear the person, "
                "then have it approved."))
        return super().write(vals)

    def _gov_credit_warning(self):
        """A warning for the window and the pre-review when a credit record is in effect, else ''."""
        self.ensure_one()
        partner = self.commercial_partner_id if self.commercial_partner_id.gov_blacklisted else self
        if not partner.gov_blacklisted:
            return ""
        records = partner.sudo().gov_credit_record_ids.filtered(lambda r: r.state == "active")
        reasons = "、".join(dict(records._fields["reason"]._description_selection(self.env))[r] for r in set(records.mapped("reason")))
        return self.env._(
            "%(name)s has a bad credit record in effect until %(date)s (%(reasons)s): no tolerated-missing "
            "acceptance and no notify-and-commit approval; check the materials in full.",
            name=partner.name, date=partner.gov_credit_until, reasons=reasons)
