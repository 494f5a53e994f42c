"""Department actions of a complaint (path 3)."""
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

from odoo.addons.gov_hall_base.tools.dates import center_today
from odoo.addons.gov_hall_base.tools.lang import center_env
from odoo.addons.gov_hall_base.tools.protect import granted

from .gov_complaint import is_officer


class GovComplaintAction(models.Model):
    """Path 3: one department's action decided by the coordination meeting, followed up to the end."""

    _name = "gov.complaint.action"
    _description = "Complaint Department Action"
    _inherit = ["mail.thread", "gov.hall.deadline.mixin", "gov.hall.protected.mixin"]
    _order = "complaint_id, id"
    _check_company_auto = True
    _deadline_open_domain = Domain("state", "=", "open") & Domain("deadline_start", "!=", False)
    # turning red marks it late and escalated for good (the scan of gov.hall.deadline.mixin)
    _deadline_red_flags = ("overdue", "escalated")
    # the time limit itself (deadline_days) is the officer's until the clock starts: a check in write
    _protected_fields = ("state", "date_done", "deadline_start", "deadline_paused_days", "deadline",
                         "deadline_provisional", "overdue", "supervision_color", "escalated")

    complaint_id = fields.Many2one("gov.complaint", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="complaint_id.company_id", store=True, index=True)
    department_id = fields.Many2one("hr.department", required=True, domain="[('gov_stationed', '=', True)]",
                                    check_company=True,
                                    index=True)
    name = fields.Text("Action Required", required=True)
    result = fields.Text("Result Reported")
    date_done = fields.Date(readonly=True)
    state = fields.Selection([("open", "Open"), ("done", "Done"), ("cancel", "Cancelled")], default="open",
                             required=True, tracking=True, index=True)
    deadline_days = fields.Integer(default=5)
    overdue = fields.Boolean(readonly=True, index=True)
    supervision_color = fields.Selection(default="green")
    escalated = fields.Boolean(readonly=True)

    def write(self, vals):
        if set(vals) - {"result"} and not is_officer(self):
            raise AccessError(self.env._("Your department may only report the result of its action."))
        if "deadline_days" in vals and not self._gov_unguarded() \
                and any(a.deadline_start for a in self):
            raise UserError(self.env._(
                "The time limit of a department action cannot change once the departments have been handed "
                "the coordination decision."))
        return super().write(vals)

    def action_done(self):
        user_depts = self.env.user.employee_ids.department_id
        officer = is_officer(self)
        for action in self:
            if action.state != "open":
                raise UserError(self.env._("This action is no longer open."))
            if not officer and action.department_id not in user_depts:
                raise AccessError(self.env._("Only the department in charge may report this action."))
            if not (action.result or "").strip():
                raise UserError(self.env._("Write the result of the action before reporting it done."))
            if action.complaint_id.state != "department":
                raise UserError(self.env._("The coordination decision has not been handed to the departments yet."))
        today = center_today(self.company_id[:1] or self.env.company)
        with granted(self, "gov.complaint"):
            for action in self.sudo():
                action.write({"state": "done", "date_done": today,
                              "overdue": bool(action.deadline and today > action.deadline)})
            complaints = self.sudo().complaint_id.filtered(
                lambda c: c.state == "department" and all(a.state != "open" for a in c.action_ids))
            complaints._to_reply()
        return True

    @api.model
    def _cron_deadline_scan_actions(self, today=None):
        return self._deadline_scan(today=today)

    @api.model
    def _deadline_notify(self, changed, today=None):
        """A department action turning red: the department and the complaint officer are told, on the complaint."""
        Complaint = self.env["gov.complaint"]
        vals_list = []
        for action in self.browse(changed["red"]):
            summary = center_env(action.complaint_id).env._("Department action overdue")
            users = Complaint._department_users(action.department_id) | action.complaint_id.user_id
            vals_list += [self._deadline_activity(action.complaint_id.id, user, summary, action.deadline,
                                                  note=action.name, model="gov.complaint", deadline="action_deadline")
                          for user in users]
        self._deadline_create_activities(vals_list)
