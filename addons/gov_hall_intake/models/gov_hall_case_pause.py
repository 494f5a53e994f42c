from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.gov_hall_base.tools.protect import is_granted

from .gov_hall_case import PAUSE_REASONS


class GovHallCasePause(models.Model):
    _name = "gov.hall.case.pause"
    _description = "Clock Pause (Administrative Licensing Law, art. 45)"
    _inherit = ["gov.hall.protected.mixin"]
    _order = "case_id, date_start"
    # opened by gov.hall.case.action_pause, closed by action_resume: the days paused move the deadline
    _protected_fields = ("date_start", "date_end", "working_days")

    case_id = fields.Many2one("gov.hall.case", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True)
    reason_type = fields.Selection(PAUSE_REASONS, "Reason", required=True, default="expert")
    reason = fields.Text("Details", required=True)
    date_start = fields.Date("Paused On", required=True)
    date_end = fields.Date("Resumed On")
    working_days = fields.Integer("Paused Working Days")
    user_id = fields.Many2one("res.users", "By", default=lambda self: self.env.user)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for pause in self:
            if pause.date_end and pause.date_end < pause.date_start:
                raise ValidationError(self.env._("A pause cannot end before it starts."))

    def write(self, vals):
        if {"case_id", "user_id"} & set(vals) and not (is_granted(self._name) or not self.pool.ready):
            raise UserError(self.env._("A clock pause stays with the case and person that opened it."))
        return super().write(vals)

    def unlink(self):
        if not (is_granted(self._name) or not self.pool.ready) and self.case_id.filtered(lambda c: c.state != "cancel"):
            raise UserError(self.env._("A clock pause stays with the case and person that opened it."))
        return super().unlink()
