"""Links to gov_hall_intake: complaints about a case, and a complaint opened from every bad rating."""
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.gov_hall_intake.models.gov_hall_rating import RATING_LEVELS


class GovComplaintCaseLink(models.Model):
    _inherit = "gov.complaint"

    case_id = fields.Many2one("gov.hall.case", "Case", index=True, tracking=True,
                              domain="[('company_id', '=', company_id)]")
    rating_review_id = fields.Many2one("gov.hall.rating.review", "Bad Rating Review", index=True, readonly=True,
                                       copy=False)

    @api.onchange("case_id")
    def _onchange_case_id(self):
        case = self.case_id
        if not case:
            return
        self.window_id = self.window_id or case.window_id
        self.department_id = self.department_id or case.department_id
        self.employee_id = self.employee_id or case.clerk_employee_id

    @api.constrains("case_id", "company_id")
    def _check_case_company(self):
        for rec in self:
            if rec.case_id and rec.case_id.company_id != rec.company_id:
                raise ValidationError(self.env._("The case must belong to the complaint's center."))


class GovComplaintLetterCaseLink(models.Model):
    _inherit = "gov.complaint.letter"

    case_id = fields.Many2one("gov.hall.case", "Case", index=True, tracking=True,
                              domain="[('company_id', '=', company_id)]")

    @api.constrains("subject_type", "case_id")
    def _check_case_subject(self):
        for letter in self:
            if letter.subject_type == "case" and not letter.case_id:
                raise ValidationError(self.env._("Choose the case this supervision letter is about."))


class GovHallRatingReview(models.Model):
    _inherit = "gov.hall.rating.review"

    complaint_id = fields.Many2one("gov.complaint", "Complaint", readonly=True, index=True, copy=False)

    @api.model_create_multi
    def create(self, vals_list):
        reviews = super().create(vals_list)
        reviews._gov_open_complaints()
        return reviews

    def write(self, vals):
        res = super().write(vals)
        if vals.get("state") == "removed":
            # a rating removed on appeal (malicious or mistaken) no longer grounds a complaint
            complaints = self.sudo().complaint_id.filtered(lambda c: c.state in ("new", "registered"))
            for review in self.sudo().filtered(lambda r: r.complaint_id in complaints):
                review.complaint_id.action_refuse(self.env._(
                    "The bad rating was removed on appeal: %(reason)s",
                    reason=review.removal_reason or "-"))
        return res

    def _gov_open_complaints(self):
        """A bad rating is a complaint of channel 'rating' against the case, its window and staff member."""
        todo = self.sudo().filtered(lambda r: not r.complaint_id and (r.company_id or r.case_id))
        if not todo:
            return self.env["gov.complaint"]
        vals_list = []
        for review in todo:
            case = review.case_id
            partner = case.applicant_id
            phone = getattr(case, "applicant_phone", False) or partner.phone or partner.email
            value = int(review.rating_id.rating or 0)
            level = dict(RATING_LEVELS).get(str(value), "")
            vals = {
                "company_id": (review.company_id or case.company_id).id,
                "channel": "rating",
                "kind": "service",
                "title": self.env._("Bad rating on case %(case)s", case=case.name or ""),
                "facts": review.rating_id.feedback or self.env._(
                    "The applicant rated case %(case)s %(value)s out of 5 (%(level)s) without a comment.",
                    case=case.name or "", value=value, level=level),
                "case_id": case.id,
                "rating_review_id": review.id,
                "window_id": review.window_id.id,
                "employee_id": review.employee_id.id,
                "department_id": review.department_id.id,
                "date_received": fields.Datetime.now(),
            }
            if partner and phone:
                vals.update({"complainant_partner_id": partner.id, "complainant_name": partner.name,
                             "complainant_phone": phone})
            else:
                vals["anonymous"] = True
            vals_list.append(vals)
        complaints = self.env["gov.complaint"].sudo().create(vals_list)
        for review, complaint in zip(todo, complaints):
            review.complaint_id = complaint
        return complaints


class GovHallCase(models.Model):
    _inherit = "gov.hall.case"

    gov_complaint_ids = fields.One2many("gov.complaint", "case_id", string="Complaints")
    gov_complaint_count = fields.Integer(compute="_compute_gov_complaint_count", string="Complaint Count")

    def _compute_gov_complaint_count(self):
        counts = dict(self.env["gov.complaint"]._read_group(
            [("case_id", "in", self.ids)], ["case_id"], ["__count"]))
        for case in self:
            case.gov_complaint_count = counts.get(case, 0)

    def action_view_gov_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_complaints.action_gov_complaint")
        action.update({"domain": [("case_id", "=", self.id)], "context": {"default_case_id": self.id,
                                                                           "default_company_id": self.company_id.id}})
        return action
