"""Link to gov_hall_intake: a complaint opened from every bad rating."""
from odoo import api, fields, models

from odoo.addons.gov_hall_base.tools.lang import center_env
from odoo.addons.gov_hall_base.tools.protect import granted


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
            # server code: the removal decided on appeal closes the complaint it grounded
            with granted(complaints):
                for review in self.sudo().filtered(lambda r: r.complaint_id in complaints):
                    review.complaint_id.action_refuse(center_env(review.complaint_id).env._(
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
            phone = case.sudo().applicant_phone or partner.phone or partner.email
            value = int(review.rating_id.rating or 0)
            company = review.company_id or case.company_id
            env_c = center_env(review, company).env
            _ = env_c._
            level = dict(env_c["gov.hall.case.rate.wizard"]._fields["value"]._description_selection(env_c)).get(
                str(value), "")
            vals = {
                "company_id": (review.company_id or case.company_id).id,
                "channel": "rating",
                "kind": "service",
                "title": _("Bad rating on case %(case)s", case=case.name or ""),
                "facts": review.rating_id.feedback or _(
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
