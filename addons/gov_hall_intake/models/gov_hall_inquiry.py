from odoo import api, fields, models
from odoo.exceptions import ValidationError


class GovHallInquiry(models.Model):
    """First-inquiry responsibility (首问责任制): whoever is asked first records and answers or refers."""

    _name = "gov.hall.inquiry"
    _description = "First Inquiry"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char("Question", required=True)
    date = fields.Datetime(default=fields.Datetime.now, required=True, index=True)
    company_id = fields.Many2one("res.company", "Center", required=True, index=True,
                                 default=lambda self: self.env.company)
    user_id = fields.Many2one("res.users", "First Asked", required=True, default=lambda self: self.env.user,
                              index=True)
    employee_id = fields.Many2one("hr.employee", compute="_compute_employee", store=True, string="Staff Member")
    window_id = fields.Many2one("gov.hall.window", "Window", check_company=True, domain="[('company_id', '=', company_id)]")
    visitor_name = fields.Char("Visitor")
    visitor_phone = fields.Char("Phone")
    channel = fields.Selection([("desk", "In person"), ("phone", "Phone"), ("online", "Online")],
                               default="desk", required=True)
    item_id = fields.Many2one("gov.hall.service.item", "Service Item", check_company=True)
    outcome = fields.Selection([("answered", "Answered"), ("referred", "Referred"), ("pending", "Pending")],
                               default="answered", required=True, tracking=True)
    answer = fields.Text()
    referred_department_id = fields.Many2one("hr.department", "Referred to Department")
    referred_window_id = fields.Many2one("gov.hall.window", "Referred to Window")
    referred_user_id = fields.Many2one("res.users", "Referred to")

    @api.depends("user_id", "company_id")
    def _compute_employee(self):
        for rec in self:
            rec.employee_id = rec.user_id.employee_ids.filtered(lambda e, rec=rec: e.company_id == rec.company_id)[:1] \
                or rec.user_id.employee_ids[:1]

    @api.constrains("outcome", "answer", "referred_department_id", "referred_window_id", "referred_user_id")
    def _check_outcome(self):
        for rec in self:
            if rec.outcome == "answered" and not (rec.answer or "").strip():
                raise ValidationError(self.env._("Record the answer given to the visitor."))
            if rec.outcome == "referred" and not (rec.referred_department_id or rec.referred_window_id
                                                  or rec.referred_user_id):
                raise ValidationError(self.env._(
                    "A referral names the department, window or person the visitor was taken to."))
