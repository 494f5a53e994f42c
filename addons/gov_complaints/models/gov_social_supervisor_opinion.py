"""Opinions of the social supervisors (seed 000 四.2)."""
from odoo import fields, models
from odoo.exceptions import UserError


class GovSocialSupervisorOpinion(models.Model):
    _name = "gov.social.supervisor.opinion"
    _description = "Social Supervisor Opinion"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    supervisor_id = fields.Many2one("gov.social.supervisor", required=True, index=True, ondelete="restrict")
    company_id = fields.Many2one(related="supervisor_id.company_id", store=True, index=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    kind = fields.Selection([("opinion", "Opinion on a window"), ("suggestion", "Suggestion for the center")],
                            required=True, default="opinion")
    window_id = fields.Many2one("gov.hall.window", "Window")
    department_id = fields.Many2one("hr.department", "Department", domain="[('gov_stationed', '=', True)]")
    content = fields.Text(required=True)
    meeting_id = fields.Many2one("gov.social.supervisor.meeting", "Raised At Meeting")
    state = fields.Selection([("new", "New"), ("adopted", "Adopted"), ("complaint", "Investigated as Complaint"),
                              ("noted", "Noted")], default="new", required=True, tracking=True)
    response = fields.Text("Our Response")
    complaint_id = fields.Many2one("gov.complaint", readonly=True)

    def action_adopt(self):
        self.write({"state": "adopted"})
        return True

    def action_note(self):
        self.write({"state": "noted"})
        return True

    def action_to_complaint(self):
        """An individual case is investigated as a complaint (对个案性的事件,严肃查处)."""
        self.ensure_one()
        if self.complaint_id:
            raise UserError(self.env._("This opinion is already being investigated as a complaint."))
        complaint = self.env["gov.complaint"].create({
            "company_id": self.company_id.id, "channel": "supervisor", "kind": "service",
            "title": self.content[:60], "facts": self.content, "window_id": self.window_id.id,
            "department_id": self.department_id.id, "complainant_name": self.supervisor_id.name,
            "complainant_phone": self.supervisor_id.phone or "-",
        })
        self.write({"state": "complaint", "complaint_id": complaint.id})
        return {"type": "ir.actions.act_window", "res_model": "gov.complaint", "res_id": complaint.id,
                "view_mode": "form"}
