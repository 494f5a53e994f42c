from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.protect import granted, protected_action


class GovHallPostingReplacement(models.Model):
    """Request to replace a posted staff member; before the minimum term, the center must consent."""

    _name = "gov.hall.posting.replacement"
    _description = "Staff Replacement Request"
    _inherit = ["mail.thread", "mail.activity.mixin", "gov.hall.protected.mixin"]
    _order = "id desc"
    _protected_fields = ("state", "refuse_reason", "approver_id", "new_posting_id")

    name = fields.Char(compute="_compute_name", store=True)
    posting_id = fields.Many2one("gov.hall.posting", required=True, ondelete="cascade", index=True,
                                 domain=[("state", "=", "active")])
    company_id = fields.Many2one(related="posting_id.company_id", store=True, index=True, string="Center")
    department_id = fields.Many2one(related="posting_id.department_id", store=True, index=True)
    window_id = fields.Many2one(related="posting_id.window_id", store=True)
    employee_id = fields.Many2one(related="posting_id.employee_id", string="Leaving", store=True)
    new_employee_id = fields.Many2one("hr.employee", "Replacement", required=True, tracking=True)
    date = fields.Date("Effective Date", required=True, default=fields.Date.context_today, tracking=True)
    reason = fields.Text(required=True, tracking=True)
    early = fields.Boolean("Before Minimum Term", compute="_compute_early", store=True)
    state = fields.Selection(
        [("draft", "Draft"), ("to_approve", "Awaiting Center Approval"), ("approved", "Approved"),
         ("refused", "Refused")],
        default="draft", required=True, tracking=True, index=True,
    )
    refuse_reason = fields.Text(readonly=True, tracking=True)
    approver_id = fields.Many2one("res.users", readonly=True, tracking=True)
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
        for req in self:
            if req.state != "draft":
                raise UserError(self.env._("Only a draft request can be submitted."))
            if req.posting_id.state != "active":
                raise UserError(self.env._("The posting of %(name)s has already ended.", name=req.employee_id.name))
            if req.early:
                req.state = "to_approve"
                admins = self.env.ref("gov_hall_base.group_gov_hall_admin").all_user_ids.filtered(
                    lambda u: req.company_id in u.company_ids)
                for admin in admins[:1]:
                    req.activity_schedule(
                        "mail.mail_activity_data_todo", user_id=admin.id,
                        summary=self.env._("Approve early replacement at window %(w)s", w=req.window_id.display_name),
                    )
            else:
                req._apply()
        return True

    def _check_approver(self):
        if not self.env.user.has_group("gov_hall_base.group_gov_hall_admin"):
            raise UserError(self.env._("Only a hall administrator of the center can approve or refuse a replacement."))

    @protected_action()
    def action_approve(self):
        self._check_approver()
        for req in self:
            if req.state != "to_approve":
                raise UserError(self.env._("Only a request awaiting approval can be approved."))
            req._apply()
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    @protected_action()
    def action_refuse(self, reason):
        self._check_approver()
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for refusing the replacement."))
        for req in self:
            if req.state != "to_approve":
                raise UserError(self.env._("Only a request awaiting approval can be refused."))
            req.write({"state": "refused", "refuse_reason": reason, "approver_id": self.env.uid})
            body = self.env._("Replacement of %(old)s by %(new)s refused: %(reason)s",
                              old=req.employee_id.name, new=req.new_employee_id.name, reason=reason)
            req.message_post(body=body)
            req.posting_id.message_post(body=body)
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    def action_open_refuse_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": "gov.hall.refuse.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": self._name, "active_ids": self.ids},
        }

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
        self.write({"state": "approved", "approver_id": self.env.uid, "new_posting_id": new.id})
        body = self.env._("%(old)s replaced by %(new)s on %(date)s: %(reason)s",
                          old=self.employee_id.name, new=self.new_employee_id.name, date=self.date, reason=self.reason)
        old.message_post(body=body)
        new.message_post(body=body)
