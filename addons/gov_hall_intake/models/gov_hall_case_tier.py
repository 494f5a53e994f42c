"""Decisions beyond delegated authority go up for approval with OCA base_tier_validation.

A reviewer (or a chief representative, for items the department reserved to its leadership) proposes the
decision: the case moves to "Awaiting Approval" and a tier review is requested from the case's approver
(the lead department's head, else a hall administrator of the center). Validating the review decides the
case as proposed; rejecting it sends the proposal back to the department.
"""
from odoo import api, fields, models


class GovHallCase(models.Model):
    _name = "gov.hall.case"
    _inherit = ["gov.hall.case", "tier.validation"]
    _state_from = ["to_approve"]
    _state_to = ["decided"]
    _cancel_state = "cancel"
    _tier_validation_manual_config = False

    approver_id = fields.Many2one(
        "res.users", "Approver", compute="_compute_approver_id", store=True,
        help="Who approves decisions beyond delegated authority: the lead department's head, else a hall "
        "administrator of the center.")

    @api.depends("department_id.manager_id.user_id", "company_id")
    def _compute_approver_id(self):
        admins = self.env.ref("gov_hall_base.group_gov_hall_admin").sudo().all_user_ids.filtered(
            lambda u: not u._is_superuser() and u.active)
        for case in self:
            case.approver_id = case.department_id.sudo().manager_id.user_id or admins.filtered(
                lambda u, case=case: case.company_id in u.company_ids)[:1]

    def _request_decision_approval(self):
        self.request_validation()

    def _validate_tier(self, tiers=False):
        res = super()._validate_tier(tiers)
        self.invalidate_recordset(["validation_status"])
        if (self.state == "to_approve" and self.validation_status == "validated"
                and not self.env.context.get("gov_case_deciding")):
            self.action_decide(self.proposed_decision, self.decision_basis, self.decision_note)
        return res

    def _rejected_tier(self, tiers=False):
        res = super()._rejected_tier(tiers)
        comment = "; ".join(r for r in self.review_ids.filtered(lambda r: r.status == "rejected").mapped("comment")
                            if r)
        if self.state == "to_approve":
            self._send_back_proposal(comment or self.env._("rejected by %(user)s", user=self.env.user.name))
        return res

    def _get_tier_validation_readonly_domain(self):
        # the case is frozen while its proposal awaits approval; once decided, delivery goes on
        return "state == 'to_approve'"
