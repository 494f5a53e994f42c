from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.lang import center_env
from ..tools.protect import granted, is_granted, protected_action


class GovHallPostingReplacement(models.Model):
    """Request to replace a posted staff member; before the minimum term, the center must consent."""

    _name = "gov.hall.posting.replacement"
    _description = "Staff Replacement Request"
    _inherit = ["mail.thread", "gov.hall.approval.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _protected_fields = ("state", "new_posting_id")
    _approval_group = "gov_hall_base.group_gov_hall_admin"

    name = fields.Char(compute="_compute_name", store=True)
    posting_id = fields.Many2one("gov.hall.posting", required=True, ondelete="cascade", index=True,
                                 domain=[("state", "=", "active")])
    company_id = fields.Many2one(related="posting_id.company_id", store=True, index=True, string="Center")
    department_id = fields.Many2one(related="posting_id.department_id", store=True, index=True)
    window_id = fields.Many2one(related="posting_id.window_id", store=True)
    employee_id = fields.Many2one(related="posting_id.employee_id", string="Leaving", store=True)
    new_employee_id = fields.Many2one("hr.employee", "Replacement", required=True, tracking=True,
                                      check_company=True)
    date = fields.Date("Effective Date", required=True, default=fields.Date.context_today, tracking=True)
    reason = fields.Text(required=True, tracking=True)
    early = fields.Boolean("Before Minimum Term", compute="_compute_early", store=True)
    state = fields.Selection(
        [("draft", "Draft"), ("to_approve", "Awaiting Center Approval"), ("approved", "Approved"),
         ("refused", "Refused")],
        default="draft", required=True, tracking=True, index=True,
    )
    new_posting_id = fields.Many2one("gov.hall.posting", readonly=True, string="New Posting")

    @api.depends("employee_id", "new_employee_id")
    def _compute_name(self):
        for req in self:
            req.name = f"{req.employee_id.name or ''} → {req.new_employee_id.name or ''}"

    @api.depends("date", "posting_id.date_term_end")
    def _compute_early(self):
        for req in self:
            req.early = bool(req.date and req.posting_id.date_term_end and req.date < req.posting_id.date_term_end)

    @api.constrains("new_employee_id", "posting_id")
    def _check_new_employee(self):
        for req in self:
            if req.new_employee_id == req.employee_id:
                raise ValidationError(self.env._("The replacement must be another person."))

    @protected_action()
    def action_submit(self):
        """Submit the request: before the minimum term the center approves it, after it applies at once."""
        for req in self:
            if req.state != "draft":
                raise UserError(self.env._("Only a draft request can be submitted."))
            if req.posting_id.state != "active":
                raise UserError(self.env._("The posting of %(name)s has already ended.", name=req.employee_id.name))
        early = self.filtered("early")
        if early:
            early.action_submit_for_approval()
        for req in self - early:
            req._apply()
            req.write({"state": "approved", "approver_id": self.env.uid})
        return True

    # -- approval (gov.hall.approval.mixin) -------------------------------------------------------------
    def _approval_check_submit(self):
        for req in self:
            if req.posting_id.state != "active":
                raise UserError(self.env._("The posting of %(name)s has already ended.", name=req.employee_id.name))

    def _approval_check_approver(self):
        # superuser mode is no approval: server code that decides for the center acts inside a grant
        if is_granted(self._name):
            return
        user = self.env.user
        if not user.has_group(self._approval_group) or any(req.company_id not in user.company_ids for req in self):
            raise UserError(self.env._("Only a hall administrator of the center can approve or refuse a replacement."))

    def _approval_activity_summary(self):
        return self.env._("Approve early replacement at window %(w)s", w=self.window_id.display_name)

    def _on_approved(self):
        for req in self:
            req._apply()

    def _on_refused(self, reason):
        for req in self:
            req_c = center_env(req)
            body = req_c.env._("Replacement of %(old)s by %(new)s refused: %(reason)s",
                               old=req.employee_id.name, new=req.new_employee_id.name, reason=reason)
            req_c.message_post(body=body)
            center_env(req.posting_id).message_post(body=body)

    def _apply(self):
        """End the current posting and post the replacement to the same window."""
        self.ensure_one()
        # the center consented (or the term is over): the posting itself is the center's to change
        old = self.posting_id.sudo()
        with granted(old):
            old.write({"state": "ended", "date_end": self.date})
        new = self.env["gov.hall.posting"].sudo().create({
            "employee_id": self.new_employee_id.id,
            "window_id": old.window_id.id,
            "department_id": old.department_id.id,
            "date_start": self.date,
            "min_term_months": old.min_term_months,
            "is_chief_representative": old.is_chief_representative,
            "delegated_authority": old.delegated_authority,
        })
        self.new_posting_id = new
        old_c = center_env(old)
        body = old_c.env._("%(old)s replaced by %(new)s on %(date)s: %(reason)s",
                           old=self.employee_id.name, new=self.new_employee_id.name, date=self.date, reason=self.reason)
        old_c.message_post(body=body)
        center_env(new).message_post(body=body)
