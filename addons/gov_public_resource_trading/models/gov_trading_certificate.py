from odoo import api, fields, models
from odoo.exceptions import ValidationError


class GovTradingCertificate(models.Model):
    _name = "gov.trading.certificate"
    _description = "Qualification Certificate"
    _order = "date_expiry"

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
        today = fields.Date.context_today(self)
        for rec in self:
            rec.expired = bool(rec.date_expiry and rec.date_expiry < today)

    @api.constrains("date_issue", "date_expiry")
    def _check_dates(self):
        for rec in self:
            if rec.date_issue and rec.date_expiry < rec.date_issue:
                raise ValidationError(self.env._("A certificate cannot expire before it is issued."))

    def action_verify(self):
        self.write({"state": "valid"})

    def action_reject(self):
        self.write({"state": "rejected"})
