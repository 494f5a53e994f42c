"""Coordination meetings (协调会) of a complaint."""
from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.gov_hall_base.tools.lang import center_env

from .gov_complaint import check_officer, officer_action

# the meeting's record (who took part, the minutes and the conclusion): the officer's until it is held
PLANNED_FIELDS = {"complaint_id", "date", "chair_id", "participant_user_ids", "department_ids", "minutes",
                  "minutes_attachment_ids", "conclusion"}


class GovComplaintMeeting(models.Model):
    _name = "gov.complaint.meeting"
    _description = "Complaint Coordination Meeting"
    _inherit = ["mail.thread", "gov.hall.protected.mixin"]
    _order = "date desc, id desc"
    _protected_fields = ("state",)

    name = fields.Char("Topic", required=True)
    complaint_id = fields.Many2one("gov.complaint", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="complaint_id.company_id", store=True, index=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    location = fields.Char(default=lambda self: center_env(self).env._("Meeting room of the center"))
    chair_id = fields.Many2one("res.users", "Chaired By", default=lambda self: self.env.user)
    participant_user_ids = fields.Many2many("res.users", string="Participants")
    department_ids = fields.Many2many("hr.department", string="Departments Present",
                                      domain="[('gov_stationed', '=', True)]")
    minutes = fields.Html("Minutes")
    minutes_attachment_ids = fields.Many2many("ir.attachment", "gov_complaint_meeting_attachment_rel",
                                              "meeting_id", "attachment_id", string="Minutes (documents)")
    conclusion = fields.Text("Conclusion")
    state = fields.Selection([("planned", "Planned"), ("held", "Held"), ("cancel", "Cancelled")],
                             default="planned", required=True, tracking=True, copy=False)

    def write(self, vals):
        if PLANNED_FIELDS & set(vals) and not self._gov_unguarded() \
                and any(m.state != "planned" for m in self):
            raise UserError(self.env._(
                "A coordination meeting that was held or cancelled keeps its participants, minutes and "
                "conclusion."))
        return super().write(vals)

    def _check_officer(self):
        check_officer(self, self.env._("Only the complaint officers record coordination meetings."))

    @officer_action()
    def action_held(self):
        for meeting in self:
            if meeting.state != "planned":
                raise UserError(self.env._("Only a planned meeting can be recorded as held or cancelled."))
            if meeting.complaint_id.state != "coordination":
                raise UserError(self.env._("The complaint is not in coordination any more."))
            if not meeting.participant_user_ids and not meeting.department_ids:
                raise UserError(self.env._("List who took part in the coordination meeting."))
            if not (meeting.minutes_attachment_ids or (meeting.minutes and meeting.minutes != "<p><br></p>")):
                raise UserError(self.env._("Attach or write the minutes of the coordination meeting."))
        self.write({"state": "held"})
        return True

    @officer_action()
    def action_cancel(self):
        if any(m.state != "planned" for m in self):
            raise UserError(self.env._("Only a planned meeting can be recorded as held or cancelled."))
        self.write({"state": "cancel"})
        return True
