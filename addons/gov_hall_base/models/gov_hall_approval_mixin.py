"""gov.hall.approval.mixin: one approval pattern for what a center leader (or a hall administrator) approves.

The model keeps its own ``state`` selection and names the states of the approval in class attributes:

- ``_approval_submit_states``: the states a record can be submitted from;
- ``_approval_pending_state``: awaiting approval;
- ``_approval_approved_state`` and ``_approval_refused_state``: after the approver's decision (a refusal may
  send the record back to an earlier state, e.g. a month assessment back to "computed");
- ``_approval_group``: the xmlid of the approvers' group (the center leaders by default), who must also
  belong to the record's center (``company_id``);
- ``_approval_reason_required``: a refusal needs a reason (the refuse wizard of base asks for it).

``action_submit_for_approval()``, ``action_approve()`` and ``action_refuse(reason)`` check first (the hooks
``_approval_check_submit()`` and ``_approval_check_approver()``, then the state), and write only afterwards,
inside the grant of the protected fields; ``_on_approved()`` and ``_on_refused(reason)`` run inside that grant
too. On submit an activity is scheduled for one approver of the record's center; it is kept on the record
(``approval_activity_id``) and closed on approval or refusal.
"""
from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.lang import center_env
from ..tools.protect import granted, is_granted

APPROVAL_FIELDS = ("approver_id", "date_approved", "refuse_reason", "approval_activity_id")


class GovHallApprovalMixin(models.AbstractModel):
    _name = "gov.hall.approval.mixin"
    _description = "Approval by the Center"
    _inherit = ["mail.activity.mixin", "gov.hall.protected.mixin"]

    _approval_group = "gov_hall_base.group_gov_center_leader"
    _approval_submit_states = ("draft",)
    _approval_pending_state = "to_approve"
    _approval_approved_state = "approved"
    _approval_refused_state = "refused"
    _approval_reason_required = True

    approver_id = fields.Many2one("res.users", "Approved By", readonly=True, copy=False, tracking=True)
    date_approved = fields.Date("Approved On", readonly=True, copy=False)
    refuse_reason = fields.Text("Refusal Reason", readonly=True, copy=False, tracking=True)
    approval_activity_id = fields.Many2one("mail.activity", "Approval Activity", readonly=True, copy=False,
                                           ondelete="set null")

    def _gov_protected_names(self):
        return super()._gov_protected_names() | {"state", *APPROVAL_FIELDS}

    # -- hooks -------------------------------------------------------------------------------------------
    def _approval_check_submit(self):
        """Who may submit, and what must hold before (raise). Default: nothing more than the state."""

    def _approval_check_approver(self):
        """The current user may approve or refuse these records (raise otherwise). Superuser mode does not
        pass by itself (a controller's ``sudo()`` keeps the user who asks): server code that decides for the
        center acts inside a grant of the model."""
        user = self.env.user
        if is_granted(self._name):
            return
        if not user.has_group(self._approval_group) or any(rec.company_id not in user.company_ids for rec in self):
            raise AccessError(self.env._("Only an approver of the record's center can approve or refuse it."))

    def _on_approved(self):
        """After the approval fields and the approved state are written (inside the grant)."""

    def _on_refused(self, reason):
        """After the refusal is written (inside the grant)."""

    def _approval_activity_summary(self):
        self.ensure_one()
        return self.env._("Approve %(name)s", name=self.display_name)

    def _approval_approvers(self):
        """The users who may approve this record: members of the approvers' group in its center."""
        self.ensure_one()
        group = self.env.ref(self._approval_group).sudo()
        return group.all_user_ids.filtered(lambda u: self.company_id in u.company_ids and not u.share)

    # -- actions -----------------------------------------------------------------------------------------
    def _approval_check_state(self, states, message):
        if any(rec.state not in states for rec in self):
            raise UserError(message)

    def action_submit_for_approval(self):
        self._approval_check_submit()
        self._approval_check_state(self._approval_submit_states,
                                   self.env._("This record cannot be submitted for approval in its state."))
        with granted(self):
            self.write({"state": self._approval_pending_state, "approver_id": False, "date_approved": False,
                        "refuse_reason": False})
            for rec in self:
                approver = rec._approval_approvers()[:1]
                if approver:
                    rec_c = center_env(rec)
                    activity = rec_c.activity_schedule("mail.mail_activity_data_todo", user_id=approver.id,
                                                       summary=rec_c._approval_activity_summary())
                    rec.approval_activity_id = activity
        return True

    def action_approve(self):
        self._approval_check_approver()
        self._approval_check_state((self._approval_pending_state,),
                                   self.env._("Only a record awaiting approval can be approved."))
        with granted(self):
            self.write({"state": self._approval_approved_state, "approver_id": self.env.uid,
                        "date_approved": fields.Date.context_today(self)})
            self._on_approved()
            self._approval_close_activity()
        return True

    def action_refuse(self, reason=None):
        self._approval_check_approver()
        reason = (reason or "").strip()
        if self._approval_reason_required and not reason:
            raise UserError(self.env._("Give the reason for the refusal."))
        self._approval_check_state((self._approval_pending_state,),
                                   self.env._("Only a record awaiting approval can be refused."))
        with granted(self):
            self.write({"state": self._approval_refused_state, "approver_id": self.env.uid,
                        "refuse_reason": reason or False})
            self._on_refused(reason)
            self._approval_close_activity(feedback=reason)
        return True

    def _approval_close_activity(self, feedback=False):
        activities = self.approval_activity_id.sudo().exists()
        if activities:
            activities.action_feedback(feedback=feedback or False)
        self.approval_activity_id = False

    def action_open_refuse_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": "gov.hall.refuse.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": self._name, "active_ids": self.ids},
        }
