import datetime

from odoo import api, fields, models


class GovHallThrottle(models.Model):
    """Attempts of one client on one public route family in one fixed time window (``tools/throttle.py``).

    Written only by ``Throttle.count()`` in SQL on a cursor of its own; the client is an HMAC of its address
    (no raw address kept). Rows of past windows are purged daily."""

    _name = "gov.hall.throttle"
    _description = "Public Endpoint Attempt Counter"
    _log_access = False
    _order = "window_start desc, id desc"

    key = fields.Char(required=True, readonly=True, help="The route family counted (e.g. gov_hall_track).")
    client_hash = fields.Char(required=True, readonly=True, help="HMAC-SHA-256 of the client address.")
    window_start = fields.Datetime(required=True, readonly=True)
    count = fields.Integer(readonly=True, help="Attempts counted in this window.")

    _window_uniq = models.Constraint("unique(key, client_hash, window_start)",
                                     "One counter per route family, client and window.")

    @api.autovacuum
    def _gc_throttle(self):
        """Drop the counters of windows started more than two days ago (a technical table: one DELETE)."""
        self.env.cr.execute("DELETE FROM gov_hall_throttle WHERE window_start < %s",
                            [fields.Datetime.now() - datetime.timedelta(days=2)])
