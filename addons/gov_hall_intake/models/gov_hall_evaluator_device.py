import hashlib
import hmac
import secrets

from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.gov_hall_base.tools.protect import granted, protected_action


class GovHallEvaluatorDevice(models.Model):
    """An evaluator device (评价器) at a window: rates cases over HTTP with its own secret."""

    _name = "gov.hall.evaluator.device"
    _description = "Evaluator Device"
    _inherit = ["gov.hall.protected.mixin"]
    _order = "company_id, window_id"
    # the secret is issued by action_new_token (hall administrators); last_seen is set when the device signs in
    _protected_fields = ("token_hash", "last_seen")

    name = fields.Char(required=True)
    serial = fields.Char("Serial Number", required=True, index=True)
    window_id = fields.Many2one("gov.hall.window", "Window", required=True, index=True)
    company_id = fields.Many2one(related="window_id.company_id", store=True, index=True, string="Center")
    active = fields.Boolean(default=True)
    token_hash = fields.Char(readonly=True, groups="base.group_system,gov_hall_base.group_gov_hall_admin")
    last_seen = fields.Datetime(readonly=True)

    _serial_uniq = models.Constraint("unique(serial)", "The serial number of an evaluator device is unique.")

    @staticmethod
    def _hash(token):
        return hashlib.sha256(token.encode()).hexdigest()

    @protected_action()
    def action_new_token(self):
        """Generate the device secret; shown once, only its hash is stored. Hall administrators only."""
        self.ensure_one()
        if not self.env.user.has_group("gov_hall_base.group_gov_hall_admin"):
            raise AccessError(self.env._("Only a hall administrator issues the secret of an evaluator device."))
        self.check_access("write")  # the device belongs to one of the administrator's centers
        token = secrets.token_urlsafe(24)
        self.sudo().token_hash = self._hash(token)
        return token

    def action_show_new_token(self):
        token = self.action_new_token()
        return {
            "type": "ir.actions.client", "tag": "display_notification",
            "params": {"title": self.env._("Device secret (shown once)"), "message": token, "sticky": True},
        }

    @api.model
    def _authenticate(self, serial, token):
        """The active device of ``serial`` when ``token`` is its secret (compared in constant time), else an
        empty recordset; anything but two non-empty texts is a failed sign-in, never an error."""
        if not isinstance(serial, str) or not isinstance(token, str) or not serial or not token:
            return self.browse()
        device = self.sudo().search([("serial", "=", serial), ("active", "=", True)], limit=1)
        if not device or not device.token_hash or not token:
            return self.browse()
        if not hmac.compare_digest(device.token_hash, self._hash(token)):
            return self.browse()
        with granted(device):
            device.last_seen = fields.Datetime.now()
        return device
