"""Coordination meetings (协调会) of a complaint."""
from odoo import fields, models
from odoo.exceptions import UserError


class GovComplaintMeeting(models.Model):
    _name = "gov.complaint.meeting"
    _description = "Complaint Coordination Meeting (协调会)"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    name = fields.Char("Topic", required=True)
    complaint_id = fields.Many2one("gov.complaint", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="complaint_id.company_id", store=True, index=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    location = fields.Char(default="中心会议室")
    chair_id = fields.Many2one("res.users", "Chaired By (分管领导)", default=lambda self: self.env.user)
    participant_user_ids = fields.Many2many("res.users", string="Participants")
    department_ids = fields.Many2many("hr.department", string="Departments Present",
                                      domain="[('gov_stationed', '=', True)]")
    minutes = fields.Html("Minutes")
    minutes_attachment_ids = fields.Many2many("ir.attachment", "gov_complaint_meeting_attachment_rel",
                                              "meeting_id", "attachment_id", string="Minutes (documents)")
    conclusion = fields.Text("Conclusion")
    state = fields.Selection([("planned", "Planned"), ("held", "Held"), ("cancel", "Cancelled")],
                             default="planned", required=True, tracking=True)

    def action_held(self):
        for meeting in self:
            if meeting.complaint_id.state != "coordination":
                raise UserError(self.env._("The complaint is not in coordination any more."))
            if not meeting.participant_user_ids and not meeting.department_ids:
                raise UserError(self.env._("List who took part in the coordination meeting."))
            if not (meeting.minutes_attachment_ids or (meeting.minutes and meeting.minutes != "<p><br></p>")):
                raise UserError(self.env._("Attach or write the minutes of the coordination meeting."))
        self.write({"state": "held"})
        return True

    def action_cancel(self):
        self.write({"state": "cancel"})
        return True
