"""Commendations (表扬, seed 000)."""
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.gov_hall_base.tools.protect import protected_action

from ..tools import is_activity_officer, unlocked

# what becomes the scored event (who, which window, when, its label): the form's while the record is a draft
DRAFT_FIELDS = {"name", "company_id", "date", "kind", "employee_id", "window_id"}


class GovAssessmentCommendation(models.Model):
    _name = "gov.assessment.commendation"
    _description = "Commendation"
    _inherit = ["mail.thread", "gov.hall.protected.mixin"]
    _order = "date desc, id desc"
    _protected_fields = ("state",)

    name = fields.Char("Summary", required=True, tracking=True)
    company_id = fields.Many2one("res.company", "Center", required=True, index=True,
                                 default=lambda self: self.env.company)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    kind = fields.Selection(
        [("banner", "Silk banner"), ("letter", "Letter of thanks"),
         ("hotline", "Praise on the hotline or web"), ("superior", "Commended by superiors")],
        default="letter", required=True)
    employee_id = fields.Many2one("hr.employee", "Staff Member", index=True, tracking=True)
    window_id = fields.Many2one("gov.hall.window", "Window", index=True, tracking=True,
                                domain="[('company_id', '=', company_id)]")
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

    def _sync(self):
        engine = self.env["gov.assessment.engine"].sudo()
        for company, day in {(r.company_id, r.date) for r in self}:
            engine.sync_events(company, day, day, sources=["commendation"])

    def write(self, vals):
        if DRAFT_FIELDS & set(vals) and not unlocked(self) and any(r.state != "draft" for r in self):
            raise UserError(self.env._(
                "A confirmed or cancelled commendation cannot change who, when or what: record a new one."))
        return super().write(vals)

    def unlink(self):
        if any(r.state == "confirmed" for r in self):
            raise UserError(self.env._("A confirmed commendation cannot be deleted: cancel it."))
        return super().unlink()

    def _check_officer(self):
        if not is_activity_officer(self.env):
            raise AccessError(self.env._(
                "Only the supervision office or an HR assessor confirms or cancels commendations."))

    @protected_action()
    def action_confirm(self):
        self._check_officer()
        if any(r.state != "draft" for r in self):
            raise UserError(self.env._("Only a draft commendation can be confirmed."))
        self.write({"state": "confirmed"})
        self._sync()
        return True

    @protected_action()
    def action_cancel(self):
        self._check_officer()
        if any(r.state == "cancel" for r in self):
            raise UserError(self.env._("This commendation is already cancelled."))
        self.write({"state": "cancel"})
        self._sync()
        return True
