"""好差评: Odoo ratings on cases (rating.rating); a consumed bad rating opens a bad rating review."""
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
