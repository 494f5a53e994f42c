"""Inquiries (质询), seed 003."""
from odoo import fields, models
from odoo.exceptions import UserError


class GovComplaintInquiry(models.Model):
    """质询: the hall summons a window staff member or a department head to explain themselves."""

    _name = "gov.complaint.inquiry"
    _description = "Inquiry (质询)"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    name = fields.Char("Subject", required=True, tracking=True)
    company_id = fields.Many2one("res.company", "Center", required=True, index=True,
                                 default=lambda self: self.env.company)
    complaint_id = fields.Many2one("gov.complaint", index=True)
    letter_id = fields.Many2one("gov.complaint.letter", "Supervision Letter", index=True)
    employee_id = fields.Many2one("hr.employee", "Person Summoned", required=True, tracking=True)
    department_id = fields.Many2one("hr.department", related="employee_id.department_id", store=True)
    position = fields.Char("Position")
    date = fields.Datetime("Summoned For", required=True, tracking=True)
    location = fields.Char(default="中心效能督察室")
    inquirer_ids = fields.Many2many("res.users", string="Inquiry Panel", default=lambda self: self.env.user)
    questions = fields.Html(required=True)
    answers = fields.Html("Explanations Given")
    conclusion = fields.Text()
    state = fields.Selection([("planned", "Summoned"), ("held", "Held"), ("cancel", "Cancelled")],
                             default="planned", required=True, tracking=True)

    def action_held(self):
        for inquiry in self:
            if not inquiry.answers or inquiry.answers == "<p><br></p>":
                raise UserError(self.env._("Record the explanations given before closing the inquiry."))
        self.write({"state": "held"})
        return True

    def action_cancel(self):
        self.write({"state": "cancel"})
        return True
