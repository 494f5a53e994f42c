"""The child cases of a bundle case: their stage, the order of the decisions, the results handed out together,
and the channel of the statistics (window, online, remote, bundle)."""
from odoo import api, fields, models
from odoo.exceptions import UserError

BUNDLE_CASE_PROTECTED = {"bundle_case_id", "bundle_stage", "stat_channel"}


class GovHallCase(models.Model):
    _inherit = "gov.hall.case"

    bundle_case_id = fields.Many2one("gov.hall.bundle.case", "Bundle Case", index=True, readonly=True,
                                     check_company=True)
    bundle_stage = fields.Integer("Bundle Stage", readonly=True)
    stat_channel = fields.Selection(
        [("window", "Window"), ("online", "Online"), ("remote", "Cross-region"), ("bundle", "Bundle")],
        "Statistics Channel", compute="_compute_stat_channel", store=True, index=True)

    @api.depends("intake_channel", "bundle_case_id")
    def _compute_stat_channel(self):
        for case in self:
            case.stat_channel = "bundle" if case.bundle_case_id else case.intake_channel

    def _gov_protected_names(self):
        return super()._gov_protected_names() | BUNDLE_CASE_PROTECTED

    def _gov_decide(self, decision, basis, note):
        for case in self.filtered(lambda c: c.bundle_case_id and c.bundle_stage > 1):
            earlier = case.bundle_case_id.sudo().case_ids.filtered(
                lambda c: c.bundle_stage < case.bundle_stage and c.state != "cancel")
            waiting = earlier.filtered(lambda c: c.state not in ("decided", "delivered") or c.decision != "approved")
            if waiting:
                raise UserError(self.env._(
                    "%(item)s comes after %(before)s in bundle %(b)s: it is decided once they are approved.",
                    item=case.item_id.name, before="、".join(waiting.item_id.mapped("name")),
                    b=case.bundle_case_id.bundle_id.name))
        return super()._gov_decide(decision, basis, note)

    def action_deliver(self, *args, **kwargs):
        for case in self.filtered(lambda c: c.bundle_case_id.delivery_together):
            siblings = case.bundle_case_id.sudo().case_ids.filtered(lambda c: c.state != "cancel")
            if siblings.filtered(lambda c: c.state not in ("decided", "delivered")):
                raise UserError(self.env._(
                    "The applicant chose to collect the results of bundle case %(b)s together: wait until every item "
                    "is decided.", b=case.bundle_case_id.name))
        return super().action_deliver(*args, **kwargs)
