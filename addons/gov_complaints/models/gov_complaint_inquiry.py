"""Inquiries (质询), seed 003."""
from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.gov_hall_base.tools.lang import center_env

from .gov_complaint import check_officer, officer_action

# the inquiry's record (who was summoned, when, the questions, the explanations and the conclusion): the
# officer's until it is held
PLANNED_FIELDS = {"company_id", "complaint_id", "letter_id", "employee_id", "date", "inquirer_ids", "questions",
                  "answers", "conclusion"}


class GovComplaintInquiry(models.Model):
    """质询: the hall summons a window staff member or a department head to explain themselves."""

    _name = "gov.complaint.inquiry"
    _description = "Inquiry"
    _inherit = ["mail.thread", "gov.hall.protected.mixin"]
    _order = "date desc, id desc"
    _protected_fields = ("state",)

    name = fields.Char("Subject", required=True, tracking=True)
    company_id = fields.Many2one("res.company", "Center", required=True, index=True,
                                 default=lambda self: self.env.company)
    complaint_id = fields.Many2one("gov.complaint", index=True)
    letter_id = fields.Many2one("gov.complaint.letter", "Supervision Letter", index=True)
    employee_id = fields.Many2one("hr.employee", "Person Summoned", required=True, tracking=True)
    department_id = fields.Many2one("hr.department", related="employee_id.department_id", store=True)
    position = fields.Char("Position")
    date = fields.Datetime("Summoned For", required=True, tracking=True)
    location = fields.Char(default=lambda self: center_env(self).env._("Efficiency supervision room of the center"))
    inquirer_ids = fields.Many2many("res.users", string="Inquiry Panel", default=lambda self: self.env.user)
    questions = fields.Html(required=True)
    answers = fields.Html("Explanations Given")
    conclusion = fields.Text()
    state = fields.Selection([("planned", "Summoned"), ("held", "Held"), ("cancel", "Cancelled")],
                             default="planned", required=True, tracking=True, copy=False)

    def write(self, vals):
        if PLANNED_FIELDS & set(vals) and not self._gov_unguarded() \
                and any(i.state != "planned" for i in self):
            raise UserError(self.env._(
                "An inquiry that was held or cancelled keeps who was summoned, the questions, the explanations "
                "and the conclusion."))
        return super().write(vals)

    def _check_officer(self):
        check_officer(self, self.env._("Only the complaint officers record inquiries."))

    @officer_action()
    def action_held(self):
        for inquiry in self:
            if inquiry.state != "planned":
                raise UserError(self.env._("Only a planned inquiry can be recorded as held or cancelled."))
            if not inquiry.answers or inquiry.answers == "<p><br></p>":
                raise UserError(self.env._("Record the explanations given before closing the inquiry."))
        self.write({"state": "held"})
        return True

    @officer_action()
    def action_cancel(self):
        if any(i.state != "planned" for i in self):
            raise UserError(self.env._("Only a planned inquiry can be recorded as held or cancelled."))
        self.write({"state": "cancel"})
        return True
