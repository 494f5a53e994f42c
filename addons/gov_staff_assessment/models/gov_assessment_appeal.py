"""Appeals (申诉) against scored events: a person may appeal an event once, with a reason; only an
accepted appeal changes the score.
"""
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.gov_hall_base.tools.dates import center_today
from odoo.addons.gov_hall_base.tools.lang import center_env
from odoo.addons.gov_hall_base.tools.protect import granted, is_granted



class GovAssessmentAppeal(models.Model):
    _name = "gov.assessment.appeal"
    _description = "Assessment Appeal"
    _inherit = ["mail.thread", "mail.activity.mixin", "gov.hall.protected.mixin"]
    _order = "id desc"
    # the decision text is the deciding assessor's while the appeal is submitted (a check in write)
    _protected_fields = ("state", "decision", "decided_by", "date_decided")

    name = fields.Char(compute="_compute_name", store=True)
    event_id = fields.Many2one("gov.assessment.event", required=True, ondelete="restrict", index=True)
    company_id = fields.Many2one(related="event_id.company_id", store=True, index=True, string="Center")
    employee_id = fields.Many2one(related="event_id.employee_id", store=True, index=True)
    department_id = fields.Many2one(related="event_id.department_id", store=True, index=True)
    window_id = fields.Many2one(related="event_id.window_id", store=True)
    item_id = fields.Many2one(related="event_id.item_id")
    event_date = fields.Date(related="event_id.date", string="Event Date")
    event_points = fields.Float(related="event_id.points", string="Points")
    reason = fields.Text(required=True, tracking=True)
    state = fields.Selection(
        [("submitted", "Submitted"), ("accepted", "Accepted"), ("rejected", "Rejected")],
        default="submitted", required=True, tracking=True, index=True,
    )
    decision = fields.Text(tracking=True)
    decided_by = fields.Many2one("res.users", readonly=True)
    date_decided = fields.Date(readonly=True)

    _event_uniq = models.Constraint("unique(event_id)", "An event can be appealed only once.")

    @api.depends("event_id")
    def _compute_name(self):
        for appeal in self:
            appeal.name = center_env(appeal).env._("Appeal: %(event)s", event=appeal.event_id.name or "")

    @api.constrains("reason")
    def _check_reason(self):
        for appeal in self:
            if not (appeal.reason or "").strip():
                raise ValidationError(self.env._("Give the reason of the appeal."))

    def _is_assessor(self):
        return self.env.user.has_group("gov_hall_base.group_gov_assessor")

    @api.model_create_multi
    def create(self, vals_list):
        events = self.env["gov.assessment.event"].browse([v.get("event_id") for v in vals_list])
        for event in events:
            if event.target != "staff":
                raise UserError(self.env._("Only the staff member concerned can appeal an event."))
            if event.employee_id.user_id != self.env.user and not self._is_assessor():
                raise AccessError(self.env._("Only %(name)s (or an assessor on their behalf) can appeal this event.",
                                             name=event.employee_id.name))
            if event.state != "valid":
                raise UserError(self.env._("This event was already appealed."))
            event._check_not_locked()
            if event.appeal_deadline and event.appeal_deadline < center_today(event.company_id):
                raise UserError(self.env._("The appeal period of this event ended on %(date)s.",
                                           date=event.appeal_deadline))
        appeals = super(GovAssessmentAppeal, self.sudo()).create(vals_list).sudo(False)
        with granted(events):
            appeals.event_id.sudo().write({"state": "appealed"})
        assessors = self.env.ref("gov_hall_base.group_gov_assessor").sudo().all_user_ids
        for appeal in appeals.sudo():
            user = assessors.filtered(lambda u: appeal.company_id in u.company_ids and u.active and not u.share)[:1]
            if user:
                appeal.activity_schedule("mail.mail_activity_data_todo", user_id=user.id,
                                         summary=center_env(appeal).env._("Decide the appeal of %(name)s", name=appeal.employee_id.name))
        return appeals

    def write(self, vals):
        if {"reason", "event_id"} & set(vals) and not is_granted(self._name) and self.pool.ready:
            raise UserError(self.env._("An appeal cannot be changed once submitted."))
        if "decision" in vals and not is_granted(self._name) and self.pool.ready:
            # the assessor drafts the decision on the form, then accepts or rejects
            self._check_decider()
            rest = self._gov_protected_hit(set(vals) - {"decision"})
            if rest:
                self._gov_refuse_protected(rest)
            with granted(self):
                return super().write(vals)
        return super().write(vals)

    def _check_decider(self):
        if not self._is_assessor():
            raise AccessError(self.env._("Only an HR assessor decides appeals."))
        for appeal in self:
            if appeal.state != "submitted":
                raise UserError(self.env._("This appeal was already decided."))
            if appeal.employee_id.user_id == self.env.user:
                raise UserError(self.env._("Nobody decides their own appeal."))

    def _decide(self, state, decision=None):
        self._check_decider()
        for appeal in self:
            appeal.event_id._check_not_locked()
        vals = {"state": state, "decided_by": self.env.uid, "date_decided": fields.Date.context_today(self)}
        if decision:
            vals["decision"] = decision
        with granted(self, "gov.assessment.event"):
            self.write(vals)
            events = self.event_id.sudo()
            events.write({"state": "cancelled" if state == "accepted" else "valid"})
            if state == "accepted":
                # the same finding also scored the window: it does not count there either
                events._window_twins().write({"state": "cancelled"})
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def action_accept(self, decision=None):
        """Accept the appeal: the event no longer counts. ``decision``: the text of the decision (else the one
        drafted on the form)."""
        return self._decide("accepted", decision)

    def action_reject(self, decision=None):
        """Reject the appeal: the event counts. A reason is required (``decision`` or the one drafted)."""
        self._check_decider()
        for appeal in self:
            if not (decision or appeal.decision or "").strip():
                raise UserError(self.env._("Explain why the appeal is rejected."))
        return self._decide("rejected", decision)

    def unlink(self):
        if any(a.state != "submitted" for a in self) or not self._is_assessor():
            raise UserError(self.env._("A decided appeal cannot be deleted."))
        with granted("gov.assessment.event"):
            self.event_id.sudo().write({"state": "valid"})
        return super().unlink()
