"""Commendations (表扬, seed 000)."""
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class GovAssessmentCommendation(models.Model):
    _name = "gov.assessment.commendation"
    _description = "Commendation"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    name = fields.Char("Summary", required=True, tracking=True)
    company_id = fields.Many2one("res.company", "Center", required=True, index=True,
                                 default=lambda self: self.env.company)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    kind = fields.Selection(
        [("banner", "Silk banner (锦旗)"), ("letter", "Letter of thanks (感谢信)"),
         ("hotline", "Praise on the hotline or web (热线/网上表扬)"), ("superior", "Commended by superiors (上级表彰)")],
        default="letter", required=True)
    employee_id = fields.Many2one("hr.employee", "Staff Member", index=True, tracking=True)
    window_id = fields.Many2one("gov.hall.window", "Window", index=True, tracking=True,
                                domain="[('company_id', '=', company_id)]")
    department_id = fields.Many2one(related="employee_id.department_id", store=True, index=True)
    giver = fields.Char("From")
    description = fields.Text()
    state = fields.Selection([("draft", "Draft"), ("confirmed", "Confirmed"), ("cancel", "Cancelled")],
                             default="draft", required=True, tracking=True, index=True)

    @api.constrains("employee_id", "window_id")
    def _check_subject(self):
        for rec in self:
            if not rec.employee_id and not rec.window_id:
                raise ValidationError(self.env._("Name the staff member or the window commended."))

    @api.onchange("employee_id")
    def _onchange_employee_id(self):
        posting = self.env["gov.hall.posting"].search(
            [("employee_id", "=", self.employee_id.id), ("state", "=", "active")], limit=1)
        if posting:
            self.window_id = posting.window_id

    def _sync(self):
        engine = self.env["gov.assessment.engine"].sudo()
        for company, day in {(r.company_id, r.date) for r in self}:
            engine.sync_events(company, day, day, sources=["commendation"])

    def action_confirm(self):
        self.filtered(lambda r: r.state == "draft").write({"state": "confirmed"})
        self._sync()
        return True

    def action_cancel(self):
        self.write({"state": "cancel"})
        self._sync()
        return True
