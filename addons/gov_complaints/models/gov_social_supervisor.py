"""Social supervisors (社会监督员): roster, opinions, half-yearly meetings (seed 000 四.2)."""
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class GovSocialSupervisor(models.Model):
    _name = "gov.social.supervisor"
    _description = "Social Supervisor (社会监督员)"
    _inherit = ["mail.thread"]
    _order = "company_id, name"

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one("res.company", "Center", required=True, index=True,
                                 default=lambda self: self.env.company)
    active = fields.Boolean(default=True)
    phone = fields.Char()
    employer = fields.Char("Employer / Identity", help="e.g. 市人大代表, 企业代表, 社区居民")
    date_start = fields.Date("Appointed On", required=True, default=fields.Date.context_today)
    date_end = fields.Date("Term Ends")
    opinion_ids = fields.One2many("gov.social.supervisor.opinion", "supervisor_id", string="Opinions")
    opinion_count = fields.Integer(compute="_compute_opinion_count")

    @api.constrains("date_start", "date_end")
    def _check_term(self):
        for rec in self:
            if rec.date_end and rec.date_end < rec.date_start:
                raise ValidationError(self.env._("A supervisor's term cannot end before it starts."))

    def _compute_opinion_count(self):
        counts = dict(self.env["gov.social.supervisor.opinion"]._read_group(
            [("supervisor_id", "in", self.ids)], ["supervisor_id"], ["__count"]))
        for rec in self:
            rec.opinion_count = counts.get(rec, 0)


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


class GovSocialSupervisorMeeting(models.Model):
    _name = "gov.social.supervisor.meeting"
    _description = "Social Supervisors' Half-Yearly Meeting"
    _inherit = ["mail.thread"]
    _order = "date desc"

    name = fields.Char(required=True)
    company_id = fields.Many2one("res.company", "Center", required=True, index=True,
                                 default=lambda self: self.env.company)
    date = fields.Date(required=True, default=fields.Date.context_today)
    half = fields.Char("Half-Year", compute="_compute_half", store=True)
    attendee_ids = fields.Many2many("gov.social.supervisor", string="Supervisors Present")
    minutes = fields.Html()
    attachment_ids = fields.Many2many("ir.attachment", "gov_social_supervisor_meeting_attachment_rel", "meeting_id",
                                      "attachment_id", string="Minutes (documents)")
    opinion_ids = fields.One2many("gov.social.supervisor.opinion", "meeting_id", string="Opinions Raised")

    _half_uniq = models.Constraint("unique(company_id, half)",
                                   "The supervisors' meeting of this half-year is already recorded.")

    @api.depends("date")
    def _compute_half(self):
        for rec in self:
            rec.half = rec.date and "%s-H%s" % (rec.date.year, 1 if rec.date.month <= 6 else 2)
