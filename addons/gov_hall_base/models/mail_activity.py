from odoo import models

from ..tools.lang import center_env


class MailActivity(models.Model):
    """An activity marked done on one of our records leaves its message ("To-Do done: ...") in the record's
    center language, whoever marks it (the staff working in English, a record closing its alerts)."""

    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        by_lang = {}
        for activity in self:
            lang = False
            if (activity.res_model or "").startswith("gov.") and activity.res_id:
                record = self.env[activity.res_model].sudo().browse(activity.res_id).exists()
                if record:
                    lang = center_env(record).env.lang
            by_lang.setdefault(lang, []).append(activity.id)
        if set(by_lang) <= {False, self.env.lang}:
            return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        messages, next_activities = self.env["mail.message"], self.env["mail.activity"]
        for lang, ids in by_lang.items():
            activities = self.browse(ids)
            if lang:
                activities = activities.with_context(lang=lang)
            done, following = super(MailActivity, activities)._action_done(
                feedback=feedback, attachment_ids=attachment_ids)
            messages |= done.with_env(self.env)
            next_activities |= following.with_env(self.env)
        return messages, next_activities
