"""The child cases of a bundle case: their stage, the order of the decisions, the results handed out together,
and the channel of the statistics (window, online, remote, bundle)."""
from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.gov_hall_base.tools.protect import granted

from .gov_hall_bundle_case import in_bundle_action
from .gov_hall_case_report import STAT_CHANNELS

BUNDLE_CASE_PROTECTED = {"bundle_case_id", "bundle_stage", "stat_channel"}


class GovHallCase(models.Model):
    _inherit = "gov.hall.case"

    bundle_case_id = fields.Many2one("gov.hall.bundle.case", "Bundle Case", index=True, readonly=True,
                                     check_company=True)
    bundle_stage = fields.Integer("Bundle Stage", readonly=True)
    stat_channel = fields.Selection(
        STAT_CHANNELS, "Statistics Channel", compute="_compute_stat_channel", store=True, index=True)

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

    def _gov_check_bundle_action(self):
        """A bundle's items are accepted and submitted together, through the bundle case."""
        alone = self.sudo().filtered(lambda c: c.bundle_case_id and not in_bundle_action(c))
        if alone:
            raise UserError(self.env._(
                "Case %(case)s is one item of bundle case %(b)s: its items are submitted and accepted together, "
                "on the bundle case.", case=alone[0].name if alone[0].name != "/" else alone[0].item_id.name,
                b=alone[0].bundle_case_id.name))

    def action_accept(self):
        self._gov_check_bundle_action()
        return super().action_accept()

    def action_apply_submit(self):
        self._gov_check_bundle_action()
        return super().action_apply_submit()

    def _gov_check_rating(self, value, channel, device=None):
        # one thing, one rating: the child of a bundle is rated through its bundle case only
        if self.sudo().bundle_case_id:
            raise UserError(self.env._(
                "Case %(case)s is one item of bundle case %(b)s: the bundle is rated once, as a whole, on the "
                "bundle case.", case=self.name, b=self.sudo().bundle_case_id.name))
        return super()._gov_check_rating(value, channel, device)

    def _gov_accept_by_law(self):
        # online bundles accepted by law item by item: once every item is accepted, the stages are planned
        res = super()._gov_accept_by_law()
        bcases = self.sudo().bundle_case_id.filtered(
            lambda b: b.case_ids and not b.case_ids.filtered(
                lambda c: c.state in ("apply_draft", "draft", "supplement")))
        for bcase in bcases:
            bcase._gov_plan_stages()
            first = bcase.case_ids.filtered(lambda c: c.state != "cancel").sorted(
                lambda c: (c.bundle_stage, c.id))[:1]
            with granted(bcase):
                bcase.write({"date_accepted": first.date_accepted})
        return res

    def action_deliver(self, *args, **kwargs):
        for case in self.filtered(lambda c: c.bundle_case_id.delivery_together):
            siblings = case.bundle_case_id.sudo().case_ids.filtered(lambda c: c.state != "cancel")
            if siblings.filtered(lambda c: c.state not in ("decided", "delivered")):
                raise UserError(self.env._(
                    "The applicant chose to collect the results of bundle case %(b)s together: wait until every item "
                    "is decided.", b=case.bundle_case_id.name))
        return super().action_deliver(*args, **kwargs)
