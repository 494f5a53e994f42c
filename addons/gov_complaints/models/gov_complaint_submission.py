"""Website submission log: the per-address hourly limit of the public form."""
import datetime
import hashlib
import hmac

from odoo import api, fields, models


class GovComplaintSubmission(models.Model):
    """One row per accepted or refused web submission: the per-address hourly limit counts them."""

    _name = "gov.complaint.submission"
    _description = "Website Complaint Submission Log"
    _log_access = False
    _order = "id desc"

    ip_hash = fields.Char(required=True, index=True, help="SHA-256 of the remote address (no raw IP kept).")
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    complaint_id = fields.Many2one("gov.complaint", ondelete="set null")
    accepted = fields.Boolean()

    _recent_idx = models.Index("(ip_hash, date)")

    @api.model
    def _hash(self, ip):
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret", "")
        return hmac.new(secret.encode(), (ip or "").encode(), hashlib.sha256).hexdigest()

    @api.model
    def _hourly_limit(self):
        return int(self.env["ir.config_parameter"].sudo().get_param("gov_complaints.web_hourly_limit", 5))

    @api.model
    def _over_limit(self, ip):
        since = fields.Datetime.now() - datetime.timedelta(hours=1)
        count = self.sudo().search_count([("ip_hash", "=", self._hash(ip)), ("date", ">=", since),
                                          ("accepted", "=", True)])
        return count >= self._hourly_limit()

    @api.model
    def _log(self, ip, complaint=None):
        self.sudo().create({"ip_hash": self._hash(ip), "complaint_id": complaint and complaint.id,
                            "accepted": bool(complaint)})

    @api.autovacuum
    def _gc_old(self):
        self.sudo().search([("date", "<", fields.Datetime.now() - datetime.timedelta(days=30))]).unlink()
