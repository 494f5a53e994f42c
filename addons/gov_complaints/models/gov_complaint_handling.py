"""Investigation notes, coordination meetings and department actions of a complaint."""
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from .gov_complaint import IDENTITY_GROUP


class GovComplaintNote(models.Model):
    _name = "gov.complaint.note"
    _description = "Complaint Investigation Note"
    _order = "date desc, id desc"

    complaint_id = fields.Many2one("gov.complaint", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="complaint_id.company_id", store=True, index=True)
    kind = fields.Selection([
        ("video", "Video review (查看视频录像)"),
        ("complainant", "Interview with the complainant (询问投诉者)"),
        ("staff", "Interview with the staff member (询问被投诉者)"),
        ("witness", "Witness statement (询问知情群众及现场工作人员)"),
        ("other", "Other finding"),
    ], required=True, default="video")
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    person = fields.Char("Person Heard", help="Who was interviewed (for a witness: name and role).")
    author_id = fields.Many2one("res.users", "Recorded By", default=lambda self: self.env.user, readonly=True)
    content = fields.Text("Record", required=True)
    attachment_ids = fields.Many2many("ir.attachment", "gov_complaint_note_attachment_rel", "note_id",
                                      "attachment_id", string="Attachments")

    @api.constrains("kind", "person")
    def _check_person(self):
        for note in self:
            if note.kind in ("staff", "witness") and not (note.person or "").strip():
                raise ValidationError(self.env._("An interview note must name the person heard."))

    @api.model_create_multi
    def create(self, vals_list):
        notes = super().create(vals_list)
        for complaint in notes.complaint_id:
            if complaint.state in ("closed", "cancel"):
                raise UserError(self.env._("Complaint %(name)s is closed: no more investigation notes.",
                                           name=complaint.name))
        return notes


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


class GovComplaintAction(models.Model):
    """Path 3: one department's action decided by the coordination meeting, followed up to the end."""

    _name = "gov.complaint.action"
    _description = "Complaint Department Action"
    _inherit = ["mail.thread", "gov.hall.deadline.mixin"]
    _order = "complaint_id, id"
    _deadline_open_sql = "t.state = 'open' AND t.deadline_start IS NOT NULL"

    complaint_id = fields.Many2one("gov.complaint", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="complaint_id.company_id", store=True, index=True)
    department_id = fields.Many2one("hr.department", required=True, domain="[('gov_stationed', '=', True)]",
                                    index=True)
    name = fields.Text("Action Required", required=True)
    result = fields.Text("Result Reported")
    date_done = fields.Date(readonly=True)
    state = fields.Selection([("open", "Open"), ("done", "Done"), ("cancel", "Cancelled")], default="open",
                             required=True, tracking=True, index=True)
    deadline_days = fields.Integer(default=5)
    overdue = fields.Boolean(readonly=True, index=True)
    supervision_color = fields.Selection([("green", "On track"), ("yellow", "Deadline near"), ("red", "Overdue")],
                                         default="green", readonly=True)
    escalated = fields.Boolean(readonly=True)

    def write(self, vals):
        if not self.env.su and not self.env.user.has_group(IDENTITY_GROUP) and set(vals) - {"result"}:
            raise AccessError(self.env._("Your department may only report the result of its action."))
        return super().write(vals)

    def action_done(self):
        user_depts = self.env.user.employee_ids.department_id
        officer = self.env.su or self.env.user.has_group(IDENTITY_GROUP)
        for action in self:
            if action.state != "open":
                raise UserError(self.env._("This action is no longer open."))
            if not officer and action.department_id not in user_depts:
                raise AccessError(self.env._("Only the department in charge may report this action."))
            if not (action.result or "").strip():
                raise UserError(self.env._("Write the result of the action before reporting it done."))
            if action.complaint_id.state != "department":
                raise UserError(self.env._("The coordination decision has not been handed to the departments yet."))
        today = fields.Date.context_today(self)
        for action in self.sudo():
            action.write({"state": "done", "date_done": today,
                          "overdue": bool(action.deadline and today > action.deadline)})
        complaints = self.sudo().complaint_id.filtered(
            lambda c: c.state == "department" and all(a.state != "open" for a in c.action_ids))
        complaints._to_reply()
        return True

    @api.model
    def _cron_deadline_scan_actions(self, today=None):
        today = today or fields.Date.context_today(self)
        alert_days = int(self.env["ir.config_parameter"].sudo().get_param("gov_complaints.alert_days", 1))
        changed = self.env["gov.complaint"]._scan_lights(self, "t.state = 'open'", today, alert_days)
        # a department action turning red: the department and the complaint officer are told, on the complaint
        red = self.browse(changed["red"])
        if red:
            Complaint = self.env["gov.complaint"]
            todo = self.env.ref("mail.mail_activity_data_todo")
            model_id = self.env["ir.model"]._get_id("gov.complaint")
            summary = self.env._("Department action overdue")
            vals_list = []
            for action in red:
                users = Complaint._department_users(action.department_id) | action.complaint_id.user_id
                vals_list += [{
                    "res_model_id": model_id, "res_id": action.complaint_id.id, "activity_type_id": todo.id,
                    "summary": summary, "note": action.name, "user_id": user.id, "date_deadline": action.deadline,
                } for user in users]
            self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(vals_list)
        return changed
