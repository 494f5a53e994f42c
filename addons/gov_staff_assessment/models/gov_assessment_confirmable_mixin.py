"""gov.assessment.confirmable.mixin: a record that the supervision office or an HR assessor confirms or
cancels, and that the rules engine turns into a scored event while it is confirmed (commendations, fault
accountability records)."""
from odoo import models
from odoo.exceptions import AccessError, UserError

from odoo.addons.gov_hall_base.tools.protect import protected_action

from ..tools import is_activity_officer, unlocked


class GovAssessmentConfirmableMixin(models.AbstractModel):
    _name = "gov.assessment.confirmable.mixin"
    _inherit = ["gov.hall.protected.mixin"]
    _description = "Record Confirmed into a Scored Event"
    _protected_fields = ("state",)
    # the rule of gov.assessment.engine that scores the confirmed records
    _event_source = None
    # what becomes the scored event (who, when, what): the form's while the record is a draft
    _draft_fields = frozenset()

    def _confirmable_message(self, key):
        """The model's wording of the mixin's refusals: ``key`` is "locked" (a draft field of a confirmed
        or cancelled record), "delete" (a confirmed record), "officer" (not the supervision office or an
        assessor) or "cancelled" (already cancelled)."""
        raise NotImplementedError

    def _check_confirmable(self):
        """Raise when one of the records cannot be confirmed (the model's own conditions)."""
        if any(r.state != "draft" for r in self):
            raise UserError(self._confirmable_message("draft"))

    def _check_officer(self):
        if not is_activity_officer(self.env):
            raise AccessError(self._confirmable_message("officer"))

    def _sync(self):
        engine = self.env["gov.assessment.engine"].sudo()
        for company, day in {(r.company_id, r.date) for r in self}:
            engine.sync_events(company, day, day, sources=[self._event_source])

    def write(self, vals):
        if self._draft_fields & set(vals) and not unlocked(self) and any(r.state != "draft" for r in self):
            raise UserError(self._confirmable_message("locked"))
        return super().write(vals)

    def unlink(self):
        if any(r.state == "confirmed" for r in self):
            raise UserError(self._confirmable_message("delete"))
        return super().unlink()

    @protected_action()
    def action_confirm(self):
        self._check_officer()
        self._check_confirmable()
        self.write({"state": "confirmed"})
        self._sync()
        return True

    @protected_action()
    def action_cancel(self):
        self._check_officer()
        if any(r.state == "cancel" for r in self):
            raise UserError(self._confirmable_message("cancelled"))
        self.write({"state": "cancel"})
        self._sync()
        return True
