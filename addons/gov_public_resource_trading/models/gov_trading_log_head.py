"""Published heads of the trading log: the chain head (sequence and hash of the last chained entry) taken
every hour by a cron and served at ``/trading/log/head``. Whoever copies them holds the evidence outside the
database: a chain deleted at its tail or recomputed no longer reaches a head published before. Publishing
at most hourly, for every lot at once, keeps a lot's number of bids from being read before its deadline
(招标投标法 第22条)."""
from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.gov_hall_base.tools.protect import granted


class GovTradingLogHead(models.Model):
    _name = "gov.trading.log.head"
    _description = "Published Head of the Trading Log"
    _inherit = ["gov.trading.integrity.mixin"]
    _order = "date desc, id desc"
    _rec_name = "sequence"
    _protected_fields = ("date", "sequence", "hash")

    date = fields.Datetime("Published At", required=True, readonly=True, index=True)
    sequence = fields.Integer(readonly=True, help="Sequence of the last chained entry when the head was taken.")
    hash = fields.Char(readonly=True, help="SHA-256 of that entry, which covers every entry before it.")

    @api.model
    def _cron_snapshot_head(self):
        """Take the current head of the chain (hourly). Server code: writes inside a grant."""
        head = self.env["gov.trading.log"]._head()
        with granted(self):
            return self.sudo().create({"date": fields.Datetime.now(), "sequence": head["sequence"],
                                       "hash": head["hash"]})

    @api.model
    def _latest(self):
        return self.sudo().search([], limit=1)

    @api.model
    def _daily(self, limit=3660):
        """The last head published on each day (UTC), newest first."""
        self.flush_model()
        self.env.cr.execute(SQL("""
            SELECT DISTINCT ON (date_trunc('day', date)) date, sequence, hash
              FROM gov_trading_log_head
             ORDER BY date_trunc('day', date) DESC, date DESC, id DESC
             LIMIT %s""", limit))
        return [{"date": fields.Datetime.to_string(date), "sequence": seq, "hash": digest}
                for (date, seq, digest) in self.env.cr.fetchall()]
