"""好差评: Odoo ratings on cases, and the verification / rectification / call-back of bad ratings."""
import hashlib
import hmac
import secrets

from odoo import api, fields, models
from odoo.exceptions import UserError

RATING_LEVELS = [
    ("5", "Very satisfied (非常满意)"),
    ("4", "Satisfied (满意)"),
    ("3", "Basically satisfied (基本满意)"),
    ("2", "Dissatisfied (不满意)"),
    ("1", "Very dissatisfied (非常不满意)"),
]
BAD_RATING_MAX = 2


class RatingRating(models.Model):
    _inherit = "rating.rating"

    gov_channel = fields.Selection(
        [("device", "Evaluator device at the window"), ("web", "Query page / portal"),
         ("staff", "Entered by staff for the applicant"), ("sms", "SMS")],
        string="Rating Channel")
    gov_review_ids = fields.One2many("gov.hall.rating.review", "rating_id", string="Bad Rating Review")
    gov_device_id = fields.Many2one("gov.hall.evaluator.device", "Evaluator Device", index="btree_not_null",
                                    ondelete="set null")

    @api.model_create_multi
    def create(self, vals_list):
        ratings = super().create(vals_list)
        ratings._gov_open_reviews()
        return ratings

    def write(self, vals):
        if "rating" in vals and not self.env.context.get("gov_rating_override") and any(
                r.res_model == "gov.hall.case" and r.consumed and r.rating != vals["rating"] for r in self):
            raise UserError(self.env._(
                "A case's rating cannot be changed: one case, one rating. A mistaken or malicious rating is "
                "removed on appeal through its bad rating review."))
        res = super().write(vals)
        if "rating" in vals or "consumed" in vals:
            self._gov_open_reviews()
        return res

    def _gov_open_reviews(self):
        bad = self.filtered(lambda r: r.res_model == "gov.hall.case" and r.consumed and 0 < r.rating <= BAD_RATING_MAX
                            and not r.sudo().gov_review_ids)
        if bad:
            self.env["gov.hall.rating.review"].sudo().create([{"rating_id": r.id} for r in bad])


class GovHallRatingReview(models.Model):
    """A bad rating (不满意 / 非常不满意): verify, contact the applicant, rectify, call back."""

    _name = "gov.hall.rating.review"
    _description = "Bad Rating Review (差评整改)"
    _inherit = ["mail.thread", "mail.activity.mixin", "gov.hall.deadline.mixin"]
    _order = "id desc"
    _deadline_open_sql = "t.state IN ('open', 'contacted')"

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
            review.name = self.env._("Bad rating on %(case)s", case=review.case_id.name or "")

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
        calendar = self.env["gov.hall.calendar"]
        today = fields.Date.context_today(self)
        for review in reviews:
            company = review.company_id or self.env.company
            review.write({
                "deadline_start": today,
                "deadline_days": company.gov_rating_rectify_days,
                "date_contact_due": calendar.add_working_days(today, company.gov_rating_contact_days),
            })
            responsible = review.department_id.sudo().gov_chief_representative_id.user_id or \
                review.department_id.sudo().manager_id.user_id
            if responsible:
                review.user_id = responsible
                review.activity_schedule(
                    "mail.mail_activity_data_call", user_id=responsible.id, date_deadline=review.date_contact_due,
                    summary=self.env._("Contact the applicant about the bad rating on %(case)s",
                                       case=review.case_id.name))
        return reviews

    def action_verify(self, justified=True, note=None):
        for review in self:
            review.write({"verified": justified, "date_verified": fields.Date.context_today(self),
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

    def action_contacted(self, note=None):
        for review in self:
            if review.state != "open":
                raise UserError(self.env._("The applicant was already contacted."))
            review.write({"state": "contacted", "date_contacted": fields.Date.context_today(self)})
            if note:
                review.message_post(body=note)
        self.activity_feedback(["mail.mail_activity_data_call"])
        return True

    def action_rectified(self, rectification=None):
        for review in self:
            text = (rectification or review.rectification or "").strip()
            if review.state not in ("open", "contacted"):
                raise UserError(self.env._("This review is not waiting for rectification."))
            if not text:
                raise UserError(self.env._("Describe the rectification."))
            review.write({"state": "rectified", "rectification": text,
                          "date_rectified": fields.Date.context_today(self)})
        return True

    def action_callback(self, satisfied, note):
        """Call the applicant back; the review closes when the call-back is recorded after rectification."""
        for review in self:
            if review.state != "rectified":
                raise UserError(self.env._("Call the applicant back once the rectification is done."))
            self.env["gov.hall.rating.callback"].create({
                "review_id": review.id, "satisfied": satisfied, "note": note})
            review.state = "closed"
        return True

    def action_remove(self, reason):
        if not self.env.user.has_group("gov_hall_base.group_gov_supervisor"):
            raise UserError(self.env._("Only a supervisor removes a rating on appeal."))
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason the rating is malicious or mistaken."))
        self.write({"state": "removed", "removal_reason": reason, "verified": False,
                    "date_verified": fields.Date.context_today(self)})
        return True


class GovHallRatingCallback(models.Model):
    _name = "gov.hall.rating.callback"
    _description = "Call-back to the Applicant (回访)"
    _order = "date desc"

    review_id = fields.Many2one("gov.hall.rating.review", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="review_id.company_id", store=True)
    date = fields.Datetime(default=fields.Datetime.now, required=True)
    user_id = fields.Many2one("res.users", "Called By", default=lambda self: self.env.user)
    satisfied = fields.Boolean("Applicant Satisfied with the Rectification")
    note = fields.Text(required=True)


class GovHallEvaluatorDevice(models.Model):
    """An evaluator device (评价器) at a window: rates cases over HTTP with its own secret."""

    _name = "gov.hall.evaluator.device"
    _description = "Evaluator Device (评价器)"
    _order = "company_id, window_id"

    name = fields.Char(required=True)
    serial = fields.Char("Serial Number", required=True, index=True)
    window_id = fields.Many2one("gov.hall.window", "Window", required=True, index=True)
    company_id = fields.Many2one(related="window_id.company_id", store=True, index=True, string="Center")
    active = fields.Boolean(default=True)
    token_hash = fields.Char(readonly=True, groups="base.group_system,gov_hall_base.group_gov_hall_admin")
    last_seen = fields.Datetime(readonly=True)

    _serial_uniq = models.Constraint("unique(serial)", "The serial number of an evaluator device is unique.")

    @staticmethod
    def _hash(token):
        return hashlib.sha256(token.encode()).hexdigest()

    def action_new_token(self):
        """Generate the device secret; shown once, only its hash is stored."""
        self.ensure_one()
        token = secrets.token_urlsafe(24)
        self.sudo().token_hash = self._hash(token)
        return token

    def action_show_new_token(self):
        token = self.action_new_token()
        return {
            "type": "ir.actions.client", "tag": "display_notification",
            "params": {"title": self.env._("Device secret (shown once)"), "message": token, "sticky": True},
        }

    @api.model
    def _authenticate(self, serial, token):
        device = self.sudo().search([("serial", "=", serial or ""), ("active", "=", True)], limit=1)
        if not device or not device.token_hash or not token:
            return self.browse()
        if not hmac.compare_digest(device.token_hash, self._hash(token)):
            return self.browse()
        device.last_seen = fields.Datetime.now()
        return device


class GovHallRatingReviewWizard(models.TransientModel):
    _name = "gov.hall.rating.review.wizard"
    _description = "Call Back or Remove a Bad Rating"

    review_id = fields.Many2one("gov.hall.rating.review", required=True)
    mode = fields.Selection([("callback", "Call-back"), ("remove", "Remove on appeal")], required=True)
    satisfied = fields.Boolean("Applicant Satisfied")
    note = fields.Text(required=True)

    def action_confirm(self):
        if self.mode == "callback":
            self.review_id.action_callback(self.satisfied, self.note)
        else:
            self.review_id.action_remove(self.note)
        return {"type": "ir.actions.act_window_close"}
