"""Supervision letters (督办函) and inquiries (质询), seed 003."""
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain

from odoo.addons.gov_hall_base.tools.dates import center_today
from odoo.addons.gov_hall_base.tools.lang import center_env
from odoo.addons.gov_hall_base.tools.protect import granted

from .gov_complaint import check_officer, is_officer, officer_action


class GovComplaintLetter(models.Model):
    _name = "gov.complaint.letter"
    _description = "Supervision Letter"
    _inherit = ["mail.thread", "mail.activity.mixin", "gov.hall.deadline.mixin", "gov.hall.protected.mixin"]
    _order = "date_sent desc, id desc"
    _check_company_auto = True
    _deadline_open_domain = Domain("state", "=", "sent")
    # turning red marks it late and escalated for good (the scan of gov.hall.deadline.mixin)
    _deadline_red_flags = ("overdue", "escalated")
    # the reply period (deadline_days) is the officer's while the letter is a draft: a check in write
    _protected_fields = ("state", "date_sent", "date_replied", "replied_by", "deadline_start",
                         "deadline_paused_days", "deadline", "deadline_provisional", "overdue", "supervision_color",
                         "escalated")

    name = fields.Char("Letter No.", required=True, copy=False, readonly=True, default="/")
    company_id = fields.Many2one("res.company", "Center", required=True, index=True,
                                 default=lambda self: self.env.company)
    department_id = fields.Many2one("hr.department", "Addressed To", required=True, index=True, tracking=True,
                                    check_company=True,
                                    domain="[('gov_stationed', '=', True)]")
    subject_type = fields.Selection([("complaint", "A complaint"), ("case", "A case"),
                                     ("overdue", "An overdue item"), ("other", "Other matter")],
                                    "About", required=True, default="complaint")
    complaint_id = fields.Many2one("gov.complaint", index=True, tracking=True, check_company=True)
    subject = fields.Char(required=True, tracking=True)
    content = fields.Html("Requirements", required=True)
    date_sent = fields.Date("Sent On", readonly=True, copy=False)
    deadline_days = fields.Integer("Reply Within (working days)", default=5)
    state = fields.Selection([("draft", "Draft"), ("sent", "Sent"), ("replied", "Replied"),
                              ("closed", "Closed"), ("cancel", "Cancelled")],
                             default="draft", required=True, tracking=True, index=True, copy=False)
    reply = fields.Text("Department's Reply", tracking=True, copy=False)
    reply_attachment_ids = fields.Many2many("ir.attachment", "gov_complaint_letter_attachment_rel", "letter_id",
                                            "attachment_id", string="Reply Documents")
    date_replied = fields.Date(readonly=True, copy=False)
    replied_by = fields.Many2one("res.users", readonly=True, copy=False)
    overdue = fields.Boolean(readonly=True, copy=False, index=True)
    supervision_color = fields.Selection(default="green")
    escalated = fields.Boolean(readonly=True, copy=False)
    inquiry_ids = fields.One2many("gov.complaint.inquiry", "letter_id", string="Inquiries")

    _name_uniq = models.Constraint("unique(name, company_id)", "The letter number must be unique.")
    _days_positive = models.Constraint("CHECK(deadline_days > 0)", "A supervision letter needs a reply period.")

    @api.constrains("subject_type", "complaint_id")
    def _check_subject(self):
        for letter in self:
            if letter.subject_type == "complaint" and not letter.complaint_id:
                raise ValidationError(self.env._("Choose the complaint this supervision letter is about."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                vals["name"] = self.env["ir.sequence"].with_company(company).next_by_code(
                    "gov.complaint.letter") or "/"
        return super().create(vals_list)

    def _check_officer(self):
        check_officer(self, self.env._("Only the supervision office may send or close supervision letters."))

    @officer_action()
    def action_send(self):
        today = center_today(self.company_id[:1] or self.env.company)
        for letter in self:
            if letter.state != "draft":
                raise UserError(self.env._("Only a draft letter can be sent."))
        self.write({"state": "sent", "date_sent": today, "deadline_start": today})
        for letter in self:
            users = self.env["gov.complaint"]._department_users(letter.department_id)
            letter._schedule_todo(users, center_env(letter).env._("Reply to supervision letter %(name)s", name=letter.name))
        return True

    def _schedule_todo(self, users, summary):
        if not users:
            return
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        self.env["mail.activity"].sudo().create([{
            "res_model_id": model_id, "res_id": letter.id, "activity_type_id": todo.id, "summary": summary,
            "user_id": user.id, "date_deadline": letter.deadline or center_today(letter.company_id),
        } for letter in self for user in users])

    def action_reply(self):
        """The department replies in the system."""
        user_depts = self.env.user.employee_ids.department_id
        officer = is_officer(self)
        for letter in self:
            if letter.state != "sent":
                raise UserError(self.env._("Only a sent letter can be replied to."))
            if not officer and letter.department_id not in user_depts:
                raise AccessError(self.env._("Only the department the letter is addressed to may reply."))
            if not (letter.reply or "").strip():
                raise UserError(self.env._("Write the reply before sending it."))
        today = center_today(self.company_id[:1] or self.env.company)
        with granted(self):
            for letter in self.sudo():
                letter.write({"state": "replied", "date_replied": today, "replied_by": self.env.uid,
                              "overdue": letter.overdue or bool(letter.deadline and today > letter.deadline)})
                letter.activity_unlink(["mail.mail_activity_data_todo"])
                center_env(letter).message_post(body=center_env(letter).env._("The department replied."))
        return True

    @officer_action()
    def action_close(self):
        for letter in self:
            if letter.state != "replied":
                raise UserError(self.env._("A letter is closed once the department has replied."))
        self.write({"state": "closed"})
        return True

    @officer_action()
    def action_cancel(self):
        for letter in self:
            if letter.state in ("closed", "cancel"):
                raise UserError(self.env._("A closed or cancelled letter cannot be cancelled."))
        self.write({"state": "cancel"})
        return True

    def write(self, vals):
        if set(vals) - {"reply", "reply_attachment_ids"} and not is_officer(self):
            raise AccessError(self.env._("Your department may only write its reply to a supervision letter."))
        if "deadline_days" in vals and not self._gov_unguarded() \
                and any(letter.state != "draft" for letter in self):
            raise UserError(self.env._("The reply period of a supervision letter is set before it is sent."))
        return super().write(vals)

    @api.model
    def _cron_deadline_scan(self, today=None):
        """Letters near their due date alert the department; past it they turn red and escalate to the
        center leaders, set-based (gov.hall.deadline.mixin)."""
        return self._deadline_scan(today=today)

    @api.model
    def _deadline_notify(self, changed, today=None):
        Complaint = self.env["gov.complaint"]
        vals_list = []
        for letter in self.browse(changed["yellow"]):
            summary = center_env(letter).env._("Supervision letter due soon: reply by %(date)s", date=letter.deadline)
            vals_list += [self._deadline_activity(letter.id, user, summary, letter.deadline)
                          for user in Complaint._department_users(letter.department_id)]
        red = self.browse(changed["red"])
        for letters in red.grouped("company_id").values():
            summary = center_env(letters[:1]).env._("Supervision letter overdue: escalated")
            leaders = self.env.ref("gov_hall_base.group_gov_center_leader").sudo().all_user_ids.filtered(
                lambda u, c=letters[:1].company_id: c in u.company_ids and u.active)
            vals_list += [self._deadline_activity(letter.id, user, summary, letter.deadline)
                          for letter in letters for user in leaders]
        self._deadline_create_activities(vals_list)
        for letter in red:
            letter_c = center_env(letter)
            letter_c.message_post(body=letter_c.env._("No reply by %(date)s: escalated to the center leaders.",
                                                      date=letter.deadline))


class GovComplaintLetterCaseLink(models.Model):
    _inherit = "gov.complaint.letter"

    case_id = fields.Many2one("gov.hall.case", "Case", index=True, tracking=True, check_company=True)

    @api.constrains("subject_type", "case_id")
    def _check_case_subject(self):
        for letter in self:
            if letter.subject_type == "case" and not letter.case_id:
                raise ValidationError(self.env._("Choose the case this supervision letter is about."))
