"""Opinions of the social supervisors (seed 000 四.2)."""
from odoo import fields, models
from odoo.exceptions import UserError


from .gov_complaint import check_officer, officer_action

# the opinion as it was decided on: the officer's while it is new (the response stays editable)
NEW_FIELDS = {"supervisor_id", "date", "kind", "window_id", "department_id", "content"}


class GovSocialSupervisorOpinion(models.Model):
    _name = "gov.social.supervisor.opinion"
    _description = "Social Supervisor Opinion"
    _inherit = ["mail.thread", "gov.hall.protected.mixin"]
    _order = "date desc, id desc"
    _protected_fields = ("state", "complaint_id")

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
                              ("noted", "Noted")], default="new", required=True, tracking=True, copy=False)
    response = fields.Text("Our Response")
    complaint_id = fields.Many2one("gov.complaint", readonly=True, copy=False)

    def write(self, vals):
        if NEW_FIELDS & set(vals) and not self._gov_unguarded() \
                and any(op.state != "new" for op in self):
            raise UserError(self.env._("An opinion that was decided on keeps its supervisor, date and content."))
        return super().write(vals)

    def _check_officer(self):
        check_officer(self, self.env._("Only the complaint officers decide on the opinions of social supervisors."))

    def _check_decidable(self):
        for op in self:
            if op.state != "new":
                raise UserError(self.env._("This opinion has already been decided on."))

    @officer_action()
    def action_adopt(self):
        self._check_decidable()
        self.write({"state": "adopted"})
        return True

    @officer_action()
    def action_note(self):
        self._check_decidable()
        self.write({"state": "noted"})
        return True

    @officer_action()
    def action_to_complaint(self):
        """An individual case is investigated as a complaint (对个案性的事件,严肃查处)."""
        self.ensure_one()
        if self.complaint_id:
            raise UserError(self.env._("This opinion is already being investigated as a complaint."))
        self._check_decidable()
        complaint = self.env["gov.complaint"].create({
            "company_id": self.company_id.id, "channel": "supervisor", "kind": "service",
            "title": self.content[:60], "facts": self.content, "window_id": self.window_id.id,
            "department_id": self.department_id.id, "complainant_name": self.supervisor_id.name,
            "complainant_phone": self.supervisor_id.phone or "-",
        })
        self.write({"state": "complaint", "complaint_id": complaint.id})
        return {"type": "ir.actions.act_window", "res_model": "gov.complaint", "res_id": complaint.id,
                "view_mode": "form"}
