"""The approval records (OCA ``tier.review``) of cases: written only by the tier validation's own flow.

base_tier_validation gives every internal user full rights on ``tier.review``: without this, a clerk could
write ``status='approved'`` on the pending review of a case, or delete it, over RPC. The reviews of a case are
created, promoted, approved, rejected and deleted only inside the case's actions (``granted`` the case: submit
for approval, send back, decide) or inside ``granted("tier.review")``: Validate / Reject by the reviewer the
review names (see ``GovHallCaseTier.validate_tier``), the comment wizard of that reviewer, and the platform's
server-side promotion of waiting reviews and reminders.
"""
from odoo import api, models
from odoo.exceptions import UserError

from odoo.addons.gov_hall_base.tools.protect import granted, is_granted

# the models of our addons whose reviews are guarded
GUARDED_MODELS = frozenset({"gov.hall.case"})


def own_open_reviews(record):
    """The open reviews of ``record`` that name the current user as a reviewer."""
    user = record.env.user
    return record.sudo().review_ids.filtered(
        lambda r: r.status in ("waiting", "pending") and user in r.reviewer_ids)


class TierReview(models.Model):
    _inherit = "tier.review"

    def _gov_review_free(self):
        # inside the flow of the tier validation or an action of a case, or while modules load their data
        return is_granted("tier.review") or is_granted("gov.hall.case") or not self.pool.ready

    def _gov_check_review_change(self, model_names):
        if self._gov_review_free() or not GUARDED_MODELS.intersection(filter(None, model_names)):
            return
        raise UserError(self.env._(
            "The approval of a case is given or refused only by its approver, with Validate or Reject on the "
            "case; its review records cannot be created, changed or deleted directly."))

    @api.model_create_multi
    def create(self, vals_list):
        default_model = self.env.context.get("default_model")
        self._gov_check_review_change([vals.get("model", default_model) for vals in vals_list])
        return super().create(vals_list)

    def write(self, vals):
        self._gov_check_review_change(self.sudo().mapped("model") + [vals.get("model")])
        return super().write(vals)

    def unlink(self):
        self._gov_check_review_change(self.sudo().mapped("model"))
        return super().unlink()

    def _update_review_status(self):
        # the platform promotes waiting reviews to pending by its own rule (also from the systray counter)
        with granted("tier.review"):
            return super()._update_review_status()

    def _send_review_reminder(self):
        # the reminder cron notes when it reminded the reviewers
        with granted("tier.review"):
            return super()._send_review_reminder()


class CommentWizard(models.TransientModel):
    _inherit = "comment.wizard"

    def add_comment(self):
        """Validate or reject with a comment (definitions with ``has_comment``): only the reviews of the
        document that name the current user."""
        self.ensure_one()
        if self.res_model not in GUARDED_MODELS:
            return super().add_comment()
        record = self.env[self.res_model].browse(self.res_id).exists()
        if not (record and self.review_ids and set(self.review_ids.ids) <= set(own_open_reviews(record).ids)):
            raise UserError(self.env._("Only the approver named by a review validates or rejects it."))
        with granted("tier.review"):
            return super().add_comment()
