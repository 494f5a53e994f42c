"""Commendations (表扬, seed 000)."""
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class GovAssessmentCommendation(models.Model):
    _name = "gov.assessment.commendation"
    _description = "Commendation"
    _inherit = ["mail.thread", "gov.assessment.confirmable.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _event_source = "commendation"
    # what becomes the scored event (who, which window, when, its label)
    _draft_fields = frozenset({"name", "company_id", "date", "kind", "employee_id", "window_id"})

    name = fields.Char("Summary", required=True, tracking=True)
    company_id = fields.Many2one("res.company", "Center", required=True, index=True,
                                 default=lambda self: self.env.company)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    kind = fields.Selection(
        [("banner", "Silk banner"), ("letter", "Letter of thanks"),
         ("hotline", "Praise on the hotline or web"), ("superior", "Commended by superiors")],
        default="letter", required=True)
    employee_id = fields.Many2one("hr.employee", "Staff Member", index=True, tracking=True, check_company=True)
    window_id = fields.Many2one("gov.hall.window", "Window", index=True, tracking=True, check_company=True)
    department_id = fields.Many2one(related="employee_id.department_id", store=True, index=True)
    giver = fields.Char("From")
    description = fields.Text()
    state = fields.Selection([("draft", "Draft"), ("confirmed", "Confirmed"), ("cancel", "Cancelled")],
                             default="draft", required=True, tracking=True, index=True, copy=False)

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

    def _confirmable_message(self, key):
        if key == "locked":
            return self.env._(
                "A confirmed or cancelled commendation cannot change who, when or what: record a new one.")
        if key == "delete":
            return self.env._("A confirmed commendation cannot be deleted: cancel it.")
        if key == "officer":
            return self.env._("Only the supervision office or an HR assessor confirms or cancels commendations.")
        if key == "draft":
            return self.env._("Only a draft commendation can be confirmed.")
        return self.env._("This commendation is already cancelled.")
