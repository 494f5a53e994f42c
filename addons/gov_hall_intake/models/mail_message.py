"""The chatter message of a rating carries it (rating.rating.message_id, ondelete cascade): deleting or
rewriting the message of a case's rating would delete or rewrite the rating behind the rating action's back."""
from odoo import models

from odoo.addons.gov_hall_base.tools.protect import is_granted


class MailMessage(models.Model):
    _inherit = "mail.message"

    def _gov_check_rating_messages(self):
        if is_granted("rating.rating") or not self.pool.ready:
            return
        Rating = self.env["rating.rating"]
        if self.sudo().rating_ids.filtered(lambda r: Rating._gov_is_ours(r.res_model)):
            Rating._gov_refuse()

    def write(self, vals):
        if {"body", "rating_ids", "model", "res_id"} & set(vals):
            self._gov_check_rating_messages()
        return super().write(vals)

    def unlink(self):
        self._gov_check_rating_messages()
        return super().unlink()
