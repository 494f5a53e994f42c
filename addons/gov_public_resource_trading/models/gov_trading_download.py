from odoo import fields, models


class GovTradingDownload(models.Model):
    _name = "gov.trading.download"
    _description = "Tender Document Download"
    _inherit = ["gov.trading.integrity.mixin"]
    _order = "date desc"
    # evidence of who downloaded what and when: created by ``_log_download`` only
    _protected_fields = ("registration_id", "bidder_id", "lot_id", "attachment_id", "date", "user_id", "ip_address")

    registration_id = fields.Many2one("gov.trading.registration", required=True, ondelete="cascade", index=True)
    bidder_id = fields.Many2one(related="registration_id.bidder_id", store=True)
    lot_id = fields.Many2one(related="registration_id.lot_id", store=True)
    attachment_id = fields.Many2one("ir.attachment", "Document", required=True, ondelete="cascade")
    date = fields.Datetime(default=fields.Datetime.now, required=True, readonly=True)
    user_id = fields.Many2one("res.users", default=lambda s: s.env.user, readonly=True)
    ip_address = fields.Char(default=lambda s: s._default_ip(), readonly=True)

    def _default_ip(self):
        from odoo.http import request
        try:
            return request.httprequest.remote_addr if request else False
        except RuntimeError:
            return False
