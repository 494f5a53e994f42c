from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.gov_hall_base.tools.dates import center_today
from odoo.addons.gov_hall_base.tools.protect import protected_action


class GovTradingCertificate(models.Model):
    _name = "gov.trading.certificate"
    _description = "Qualification Certificate"
    _inherit = ["gov.trading.integrity.mixin"]
    _order = "date_expiry"
    _protected_fields = ("state",)

    bidder_id = fields.Many2one("gov.trading.bidder", required=True, ondelete="cascade", index=True)
    type_id = fields.Many2one("gov.trading.qualification.type", "Qualification", required=True)
    number = fields.Char("Certificate Number", required=True)
    date_issue = fields.Date("Issued On")
    date_expiry = fields.Date("Valid Until", required=True)
    attachment_id = fields.Many2one("ir.attachment", "Scan")
    state = fields.Selection([("pending", "Pending Review"), ("valid", "Verified"), ("rejected", "Rejected")],
                             default="pending", required=True)
    expired = fields.Boolean(compute="_compute_expired")

    @api.depends("date_expiry")
    def _compute_expired(self):
        # a bidder's certificate is valid in every center: read on the day of the center looking at it
        today = center_today(self.env.company)
        for rec in self:
            rec.expired = bool(rec.date_expiry and rec.date_expiry < today)

    @api.constrains("date_issue", "date_expiry")
    def _check_dates(self):
        for rec in self:
            if rec.date_issue and rec.date_expiry < rec.date_issue:
                raise ValidationError(self.env._("A certificate cannot expire before it is issued."))

    @protected_action()
    def action_verify(self):
        self._check_trading_staff()
        self.write({"state": "valid"})

    @protected_action()
    def action_reject(self):
        self._check_trading_staff()
        self.write({"state": "rejected"})
