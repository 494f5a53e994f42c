"""好差评: Odoo ratings on cases (rating.rating); a consumed bad rating opens a bad rating review.

The ratings of our models are written only by gov.hall.case.action_rate (rate wizard, tracking page, evaluator
endpoint, /rate/<token> pages), inside a grant for rating.rating: nobody creates, rewrites (rating, consumed,
feedback, record, partner...) or deletes them otherwise, superuser mode included."""
from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.gov_hall_base.tools.protect import granted, is_granted

RATING_LEVELS = [
    ("5", "Very satisfied"),
    ("4", "Satisfied"),
    ("3", "Basically satisfied"),
    ("2", "Dissatisfied"),
    ("1", "Very dissatisfied"),
]
BAD_RATING_MAX = 2
OUR_MODEL_PREFIX = "gov."


class RatingRating(models.Model):
    _inherit = "rating.rating"

    gov_channel = fields.Selection(
        [("device", "Evaluator device at the window"), ("web", "Query page / portal"),
         ("staff", "Entered by staff for the applicant"), ("sms", "SMS")],
        string="Rating Channel")
    gov_review_ids = fields.One2many("gov.hall.rating.review", "rating_id", string="Bad Rating Review")
    gov_device_id = fields.Many2one("gov.hall.evaluator.device", "Evaluator Device", index="btree_not_null",
                                    ondelete="set null")

    # -- protection --------------------------------------------------------------------------------------
    def _gov_free(self):
        return is_granted("rating.rating") or not self.pool.ready

    @api.model
    def _gov_is_ours(self, model_name):
        return bool(model_name) and model_name.startswith(OUR_MODEL_PREFIX)

    def _gov_ours(self):
        return self.sudo().filtered(lambda r: self._gov_is_ours(r.res_model)).with_env(self.env)

    def _gov_model_in(self, vals):
        if vals.get("res_model_id"):
            return self.env["ir.model"].sudo().browse(vals["res_model_id"]).model
        return vals.get("res_model")

    def _gov_refuse(self):
        raise UserError(self.env._(
            "A case's rating cannot be changed: one case, one rating. A mistaken or malicious rating is "
            "removed on appeal through its bad rating review."))

    @api.model_create_multi
    def create(self, vals_list):
        if not self._gov_free() and any(self._gov_is_ours(self._gov_model_in(v)) for v in vals_list):
            raise UserError(self.env._(
                "A case is rated only through its rating action (evaluator device, tracking page or the "
                "clerk's Rate on Behalf), once."))
        ratings = super().create(vals_list)
        ratings._gov_open_reviews()
        return ratings

    def write(self, vals):
        if not self._gov_free() and (self._gov_ours() or self._gov_is_ours(self._gov_model_in(vals))):
            self._gov_refuse()
        if "rating" in vals and any(
                r.consumed and r.rating != vals["rating"] for r in self._gov_ours().sudo()):
            # one case, one rating: even the rating action never rewrites a rating given
            self._gov_refuse()
        res = super().write(vals)
        if "rating" in vals or "consumed" in vals:
            self._gov_open_reviews()
        return res

    def unlink(self):
        if not self._gov_free():
            # the ratings of a deleted record go with it (mail.thread.unlink), nothing else
            alive = self._gov_ours().sudo().filtered(
                lambda r: r.res_id and self.env[r.res_model].sudo().browse(r.res_id).exists())
            if alive:
                self._gov_refuse()
        return super().unlink()

    def _gov_open_reviews(self):
        bad = self.filtered(lambda r: r.res_model == "gov.hall.case" and r.consumed and 0 < r.rating <= BAD_RATING_MAX
                            and not r.sudo().gov_review_ids)
        if bad:
            with granted("gov.hall.rating.review"):
                self.env["gov.hall.rating.review"].sudo().create([{"rating_id": r.id} for r in bad])
