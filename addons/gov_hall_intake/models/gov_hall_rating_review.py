"""A bad rating (不满意 / 非常不满意): verification, contact, rectification and call-back (好差评)."""
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

from odoo.addons.gov_hall_base.tools.dates import center_today
from odoo.addons.gov_hall_base.tools.lang import center_env
from odoo.addons.gov_hall_base.tools.protect import granted, is_granted, protected_action

# Texts the reviewers write before pressing the action's button; frozen once the review is over.
REVIEW_TEXT_FIELDS = ("verification_note", "rectification")


class GovHallRatingReview(models.Model):
    """A bad rating (不满意 / 非常不满意): verify, contact the applicant, rectify, call back."""

    _name = "gov.hall.rating.review"
    _description = "Bad Rating Review"
    _inherit = ["mail.thread", "mail.activity.mixin", "gov.hall.deadline.mixin", "gov.hall.protected.mixin"]
    _order = "id desc"
    _deadline_open_domain = Domain("state", "in", ["open", "contacted"])
    # workflow, verification and deadlines: written by the review's actions; the rating and what is computed
    # from it (case, center, department, window) by rating.rating when a bad rating comes in
    _protected_fields = ("state", "verified", "date_verified", "date_contact_due", "date_contacted", "date_rectified",
                         "removal_reason", "deadline_start", "deadline_days", "deadline_paused_days", "rating_id",
                         "case_id", "company_id", "department_id", "window_id", "supervision_color")

    name = fields.Char(compute="_compute_name", store=True)
    rating_id = fields.Many2one("rating.rating", required=True, ondelete="cascade", index=True, readonly=True)
    rating_value = fields.Float(related="rating_id.rating", string="Rating Value")
    feedback = fields.Text(related="rating_id.feedback")
    case_id = fields.Many2one("gov.hall.case", compute="_compute_case", store=True, index=True)
    company_id = fields.Many2one("res.company", compute="_compute_case", store=True, index=True, string="Center")
    department_id = fields.Many2one("hr.department", compute="_compute_case", store=True, index=True)
    window_id = fields.Many2one("gov.hall.window", compute="_compute_case", store=True, index=True)
    employee_id = fields.Many2one("hr.employee", "Staff Rated", compute="_compute_case", store=True,
                                  readonly=False, index=True)
    applicant_id = fields.Many2one(related="case_id.applicant_id")
    state = fields.Selection(
        [("open", "To Verify"), ("contacted", "Applicant Contacted"), ("rectified", "Rectified"),
         ("closed", "Closed"), ("removed", "Removed on Appeal")],
        default="open", required=True, tracking=True, index=True)
    verified = fields.Boolean("Confirmed Bad Rating", tracking=True,
                              help="After verification the bad rating was found to be justified.")
    date_verified = fields.Date("Verified On", readonly=True)
    verification_note = fields.Text("Verification")
    date_contact_due = fields.Date("Contact Applicant By", readonly=True)
    date_contacted = fields.Date("Contacted On", readonly=True)
    rectification = fields.Text("Rectification")
    date_rectified = fields.Date("Rectified On", readonly=True)
    removal_reason = fields.Text("Removal Reason (malicious or mistaken rating)")
    callback_ids = fields.One2many("gov.hall.rating.callback", "review_id", string="Call-backs")
    user_id = fields.Many2one("res.users", "Responsible", tracking=True)

    _rating_uniq = models.Constraint("unique(rating_id)", "A bad rating has one review.")

    @api.depends("rating_id", "case_id.name")
    def _compute_name(self):
        for review in self:
            review.name = center_env(review).env._("Bad rating on %(case)s", case=review.case_id.name or "")

    @api.depends("rating_id")
    def _compute_case(self):
        for review in self:
            case = self.env["gov.hall.case"].sudo().browse(review.rating_id.res_id).exists() \
                if review.rating_id.res_model == "gov.hall.case" else self.env["gov.hall.case"]
            review.case_id = case
            review.company_id = case.company_id
            review.department_id = case.department_id
            review.window_id = case.window_id
            review.employee_id = review.employee_id or case.clerk_employee_id

    @api.model_create_multi
    def create(self, vals_list):
        reviews = super().create(vals_list)
        with granted(self):
            reviews._gov_start()
        return reviews

    def _gov_start(self):
        calendar = self.env["gov.hall.calendar"]
        for review in self:
            company = review.company_id or self.env.company
            today = center_today(company)
            review.write({
                "deadline_start": today,
                "deadline_days": company.gov_rating_rectify_days,
                "date_contact_due": calendar.add_working_days(today, company.gov_rating_contact_days),
            })
            responsible = review.department_id.sudo().gov_chief_representative_id.user_id or \
                review.department_id.sudo().manager_id.user_id
            if responsible:
                review.user_id = responsible
                review_c = center_env(review)
                review_c.activity_schedule(
                    "mail.mail_activity_data_call", user_id=responsible.id, date_deadline=review.date_contact_due,
                    summary=review_c.env._("Contact the applicant about the bad rating on %(case)s",
                                           case=review.case_id.name))

    def write(self, vals):
        if not (is_granted(self._name) or not self.pool.ready):
            hit = [f for f in REVIEW_TEXT_FIELDS if f in vals]
            if hit and self.filtered(lambda r: r.state in ("closed", "removed")):
                raise UserError(self.env._("A closed bad rating review cannot be changed."))
            if "employee_id" in vals and self.filtered("date_verified"):
                raise UserError(self.env._(
                    "The staff member rated is fixed once the bad rating is verified."))
        return super().write(vals)

    def _check_handler(self):
        user = self.env.user
        if not (user.has_group("gov_hall_base.group_gov_reviewer") or user.has_group("gov_hall_base.group_gov_supervisor")):
            raise AccessError(self.env._(
                "Only the department rated (its reviewers and chief representative) or a supervisor handles a bad "
                "rating review."))
        closed = self.filtered(lambda r: r.state in ("closed", "removed"))
        if closed:
            raise UserError(self.env._("A closed bad rating review cannot be changed."))

    @protected_action()
    def action_verify(self, justified=True, note=None):
        self._check_handler()
        for review in self:
            review.write({"verified": justified, "date_verified": center_today(review.company_id),
                          "verification_note": note or review.verification_note})
        return True

    def action_confirm_verified(self):
        return self.action_verify(True)

    def _open_wizard(self, mode):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window", "res_model": "gov.hall.rating.review.wizard", "view_mode": "form",
            "target": "new", "context": {"default_review_id": self.id, "default_mode": mode},
        }

    def action_open_callback(self):
        return self._open_wizard("callback")

    def action_open_remove(self):
        return self._open_wizard("remove")

    @protected_action()
    def action_contacted(self, note=None):
        self._check_handler()
        for review in self:
            if review.state != "open":
                raise UserError(self.env._("The applicant was already contacted."))
            review.write({"state": "contacted", "date_contacted": center_today(review.company_id)})
            if note:
                center_env(review).message_post(body=note)
        self.activity_feedback(["mail.mail_activity_data_call"])
        return True

    @protected_action()
    def action_rectified(self, rectification=None):
        self._check_handler()
        for review in self:
            text = (rectification or review.rectification or "").strip()
            if review.state not in ("open", "contacted"):
                raise UserError(self.env._("This review is not waiting for rectification."))
            if not text:
                raise UserError(self.env._("Describe the rectification."))
            review.write({"state": "rectified", "rectification": text,
                          "date_rectified": center_today(review.company_id)})
        return True

    @protected_action()
    def action_callback(self, satisfied, note):
        """Call the applicant back; the review closes when the call-back is recorded after rectification."""
        self._check_handler()
        for review in self:
            if review.state != "rectified":
                raise UserError(self.env._("Call the applicant back once the rectification is done."))
            self.env["gov.hall.rating.callback"].create({
                "review_id": review.id, "satisfied": satisfied, "note": note})
            review.state = "closed"
        return True

    @protected_action()
    def action_remove(self, reason):
        if not self.env.user.has_group("gov_hall_base.group_gov_supervisor"):
            raise UserError(self.env._("Only a supervisor removes a rating on appeal."))
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason the rating is malicious or mistaken."))
        for review in self:
            review.write({"state": "removed", "removal_reason": reason, "verified": False,
                          "date_verified": center_today(review.company_id)})
        return True
