"""Half-yearly meetings of the social supervisors (seed 000 四.2)."""
from odoo import api, fields, models


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
