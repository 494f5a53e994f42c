from odoo import models

from ..tools.lang import center_env


class MailThread(models.AbstractModel):
    """The creation message Odoo logs on our records ("Lot created") reads in the center's language, whoever
    creates the record (a clerk working in English, a cron, a portal user)."""

    _inherit = "mail.thread"

    def _creation_message(self):
        if self._name.startswith("gov."):
            return super(MailThread, center_env(self))._creation_message()
        return super()._creation_message()
