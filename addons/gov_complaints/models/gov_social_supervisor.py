"""Social supervisors (社会监督员): the roster (seed 000 四.2)."""
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class GovSocialSupervisor(models.Model):
    _name = "gov.social.supervisor"
    _description = "Social Supervisor"
    _inherit = ["mail.thread"]
    _order = "company_id, name"

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one("res.company", "Center", required=True, index=True,
                                 default=lambda self: self.env.company)
    active = fields.Boolean(default=True)
    phone = fields.Char()
    employer = fields.Char("Employer / Identity", help="e.g. city people's congress deputy, business representative, resident")
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
