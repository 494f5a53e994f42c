"""The agent authorisation (经办人授权): a company account names a person who may apply for it online, for a
scope of service items, until an expiry date."""
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.gov_hall_base.tools.dates import center_today
from odoo.addons.gov_hall_base.tools.identity import check_id_card, check_uscc
from odoo.addons.gov_hall_base.tools.protect import granted, protected_action


class GovHallAgentAuthorization(models.Model):
    _name = "gov.hall.agent.authorization"
    _description = "Agent Authorisation"
    _inherit = ["mail.thread", "gov.hall.protected.mixin"]
    _order = "date_end desc, id desc"
    _protected_fields = ("state", "company_partner_id", "agent_partner_id")

    name = fields.Char("Reference", compute="_compute_name", store=True)
    company_partner_id = fields.Many2one("res.partner", "Company", required=True, index=True, readonly=True,
                                         domain="[('is_company', '=', True)]")
    agent_partner_id = fields.Many2one("res.partner", "Agent", required=True, index=True, readonly=True,
                                       help="The natural person who applies for the company as its agent.")
    all_items = fields.Boolean("All Online Items")
    item_ids = fields.Many2many("gov.hall.service.item", string="Authorised Items",
                                help="The service items the agent may apply for (any version of them).")
    date_start = fields.Date("Valid From", required=True, default=fields.Date.context_today)
    date_end = fields.Date("Valid Until", required=True)
    state = fields.Selection([("active", "Active"), ("revoked", "Revoked")], default="active", required=True,
                             readonly=True, tracking=True)

    _dates_ok = models.Constraint("CHECK(date_end >= date_start)", "An authorisation ends after it starts.")

    @api.depends("company_partner_id", "agent_partner_id")
    def _compute_name(self):
        for auth in self:
            auth.name = f"{auth.company_partner_id.name or ''} / {auth.agent_partner_id.name or ''}"

    @api.constrains("company_partner_id", "agent_partner_id")
    def _check_parties(self):
        for auth in self:
            company, agent = auth.company_partner_id, auth.agent_partner_id
            try:
                check_uscc((company.gov_id_number or "").strip())
                ok = company.is_company and company.gov_id_type == "uscc"
            except Exception:  # noqa: BLE001 - a stdnum validation error
                ok = False
            if not ok:
                raise ValidationError(self.env._(
                    "%(name)s has no valid unified social credit code: only a registered company authorises "
                    "agents.", name=company.name))
            try:
                check_id_card((agent.gov_id_number or "").strip())
                ok = agent.gov_id_type == "id_card" and not agent.is_company
            except Exception:  # noqa: BLE001
                ok = False
            if not ok:
                raise ValidationError(self.env._(
                    "The agent %(name)s needs a valid resident ID card number.", name=agent.name))

    @api.model
    def _gov_authorize(self, company_partner, agent_partner, items, date_end, all_items=False):
        """The company account (its own portal user) authorises an agent (server side, for the portal)."""
        user = self.env.user
        if user.partner_id != company_partner or not company_partner.is_company:
            raise AccessError(self.env._("Only the company's own account authorises its agents."))
        try:
            date_end = fields.Date.to_date(date_end)
        except ValueError:
            date_end = None
        if not date_end or date_end < fields.Date.context_today(self):
            raise UserError(self.env._("Enter the last day of the authorisation, today or later."))
        if agent_partner.commercial_partner_id == company_partner:
            raise UserError(self.env._("An agent is a person with an account of their own, not a contact of the "
                                       "company."))
        with granted(self):
            return self.sudo().create({
                "company_partner_id": company_partner.id, "agent_partner_id": agent_partner.id,
                "item_ids": [(6, 0, items.ids)], "all_items": all_items, "date_end": date_end})

    @protected_action()
    def action_revoke(self):
        user = self.env.user
        for auth in self:
            if not (user.partner_id == auth.company_partner_id or user.has_group("gov_hall_base.group_gov_clerk")):
                raise AccessError(self.env._("Only the company or a clerk revokes an authorisation."))
            auth.sudo().state = "revoked"
        return True

    def _gov_check_valid(self, agent_partner, item, day=None):
        """Raise unless this authorisation lets ``agent_partner`` apply for ``item`` on ``day``."""
        auth = self.sudo()
        day = day or center_today(item.company_id)
        if not auth or auth.agent_partner_id != agent_partner:
            raise AccessError(self.env._("You are not an authorised agent of this company."))
        if auth.state != "active" or day < auth.date_start or day > auth.date_end:
            raise UserError(self.env._(
                "Your authorisation by %(company)s is not valid on %(day)s (valid %(start)s to %(end)s): ask the "
                "company to renew it.", company=auth.company_partner_id.name, day=day, start=auth.date_start,
                end=auth.date_end))
        if not auth.all_items and item.root_id not in auth.item_ids.root_id:
            raise UserError(self.env._(
                "Your authorisation by %(company)s does not cover %(item)s.",
                company=auth.company_partner_id.name, item=item.name))
        return True

    @api.model
    def _gov_valid_for(self, agent_partner, day=None):
        auths = self.sudo().search([("agent_partner_id", "=", agent_partner.id), ("state", "=", "active")])
        return auths.filtered(lambda a: a.date_start <= (day or fields.Date.context_today(self)) <= a.date_end)
