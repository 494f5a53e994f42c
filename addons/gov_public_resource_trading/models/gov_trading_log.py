"""Tamper-evident operation log (电子招标投标办法 第49条): every step of a trading project is one
entry chained to the previous one by SHA-256, so that editing or deleting any entry breaks the
chain from that entry on. ``verify_chain()`` (also the ``gov_trading_verify`` CLI command and a
button in the backend) recomputes the chain and reports the first broken link."""
import hashlib
import json

from psycopg2.extensions import ISOLATION_LEVEL_READ_COMMITTED
from psycopg2.extras import execute_values

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.gov_hall_base.tools.protect import granted, is_granted

GENESIS = "0" * 64
LOCK_KEY = 774_411_004  # pg_advisory_xact_lock key serialising appends to the chain


def _canonical(values):
    return json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def entry_hash(prev_hash, seq, date, event, res_model, res_id, lot_id, user_id, ip, payload):
    body = _canonical({
        "seq": seq, "date": fields.Datetime.to_string(date), "event": event, "res_model": res_model or "",
        "res_id": res_id or 0, "lot_id": lot_id or 0, "user_id": user_id or 0, "ip": ip or "",
        "payload": payload or "",
    })
    return hashlib.sha256(f"{prev_hash}|{body}".encode()).hexdigest()


class GovTradingLog(models.Model):
    _name = "gov.trading.log"
    _description = "Trading Operation Log (hash chain)"
    _inherit = ["gov.trading.integrity.mixin"]
    _order = "sequence desc"
    _rec_name = "sequence"
    # append-only: entries are created by ``_append`` and linked by ``_chain_pending`` (SQL), nothing else
    _protected_fields = ("sequence", "date", "event", "res_model", "res_id", "lot_id", "user_id", "ip_address",
                         "payload", "prev_hash", "hash")

    sequence = fields.Integer(readonly=True, copy=False, help="Position in the chain (set right after the commit).")
    date = fields.Datetime(required=True, readonly=True)
    event = fields.Selection([
        ("project_registered", "Project registered"),
        ("announcement_published", "Announcement published"),
        ("clarification_published", "Clarification published"),
        ("objection", "Objection raised or answered"),
        ("registration", "Bidder registered for a lot"),
        ("download", "Document downloaded"),
        ("deposit", "Deposit"),
        ("bid_received", "Bid received"),
        ("bid_replaced", "Bid replaced"),
        ("bid_withdrawn", "Bid withdrawn"),
        ("opening", "Opening"),
        ("decryption", "Bid decrypted"),
        ("revocation", "Bid revoked"),
        ("lot_failed", "Lot failed"),
        ("expert_draw", "Expert draw"),
        ("evaluation", "Evaluation"),
        ("score", "Score"),
        ("sign_off", "Committee sign-off"),
        ("award", "Award"),
        ("contract", "Contract"),
        ("other", "Other"),
    ], required=True, readonly=True)
    res_model = fields.Char("Model", readonly=True)
    res_id = fields.Integer("Record ID", readonly=True)
    lot_id = fields.Many2one("gov.trading.lot", readonly=True, index="btree_not_null", ondelete="set null")
    user_id = fields.Many2one("res.users", "Operator", readonly=True)
    ip_address = fields.Char("IP Address", readonly=True)
    payload = fields.Text(readonly=True)
    prev_hash = fields.Char("Previous Hash", readonly=True)
    hash = fields.Char(readonly=True, index=True)

    _sequence_uniq = models.UniqueIndex("(sequence)")

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not is_granted(self._name):
            raise UserError(self.env._("The trading log is append-only: its entries cannot be deleted."))

    @api.model
    def _append(self, event, record=None, lot=None, payload=None):
        """Record one operation, in the same transaction as the operation itself.

        The entry is linked into the chain (sequence, previous hash, hash) right after the commit by
        ``_chain_pending`` in a READ COMMITTED transaction serialised by an advisory lock: concurrent
        requests (e.g. the last-minute bids) never conflict on the chain head, and an operation that
        rolls back leaves no entry, hence no gap in the chain."""
        ip = None
        try:
            if request and request.httprequest:
                ip = request.httprequest.remote_addr
        except RuntimeError:
            ip = None
        with granted(self):
            entry = self.sudo().create({
                "date": fields.Datetime.now(), "event": event,
                "res_model": record._name if record else None, "res_id": record.id if record else None,
                "lot_id": lot.id if lot else None, "user_id": self.env.uid, "ip_address": ip,
                "payload": _canonical(payload) if payload is not None else "",
            })
        data = self.env.cr.postcommit.data
        if not data.get("gov_trading_chain"):
            data["gov_trading_chain"] = True
            registry = self.env.registry

            def chain():
                with registry.cursor() as cr:
                    cr.connection.set_isolation_level(ISOLATION_LEVEL_READ_COMMITTED)
                    api.Environment(cr, SUPERUSER_ID, {})["gov.trading.log"]._chain_pending()

            self.env.cr.postcommit.add(chain)
        return entry

    @api.model
    def _chain_pending(self):
        """Link the committed entries not chained yet, in id order; returns how many were linked."""
        self.env.flush_all()
        cr = self.env.cr
        cr.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        cr.execute("SELECT sequence, hash FROM gov_trading_log WHERE sequence IS NOT NULL "
                   "ORDER BY sequence DESC LIMIT 1")
        row = cr.fetchone()
        seq, prev = (row[0], row[1]) if row else (0, GENESIS)
        cr.execute("""SELECT id, date, event, res_model, res_id, lot_id, user_id, ip_address, payload
                        FROM gov_trading_log WHERE sequence IS NULL ORDER BY id FOR UPDATE""")
        rows = cr.fetchall()
        updates = []
        for (rid, date, event, res_model, res_id, lot_id, user_id, ip, payload) in rows:
            seq += 1
            digest = entry_hash(prev, seq, date, event, res_model, res_id, lot_id, user_id, ip, payload)
            updates.append((seq, prev, digest, rid))
            prev = digest
        if updates:
            execute_values(cr._obj, """
                UPDATE gov_trading_log AS l SET sequence = v.seq, prev_hash = v.prev, hash = v.hash
                  FROM (VALUES %s) AS v(seq, prev, hash, id) WHERE l.id = v.id
            """, updates)
            self.invalidate_model(["sequence", "prev_hash", "hash"])
        return len(updates)

    @api.model
    def _head(self):
        """The chain head: ``{"sequence": int, "hash": str}`` of the last chained entry, or
        ``{"sequence": 0, "hash": "0" * 64}`` when nothing is chained yet. Receipts and documents print
        it so that the head is held outside the database."""
        self.env.cr.execute("SELECT sequence, hash FROM gov_trading_log WHERE sequence IS NOT NULL "
                            "ORDER BY sequence DESC LIMIT 1")
        row = self.env.cr.fetchone()
        if not row:
            return {"sequence": 0, "hash": GENESIS}
        return {"sequence": int(row[0]), "hash": row[1]}

    @api.model
    def verify_chain(self, batch=5000):
        """Recompute the chain; return {'ok', 'count', 'broken_sequence', 'reason'}."""
        from odoo.modules import module as odoo_module
        self.env.cr.execute("""SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()
                                 AND objid = %s AND granted""", [LOCK_KEY])
        holds_lock = bool(self.env.cr.fetchone())
        if odoo_module.current_test or holds_lock:
            self._chain_pending()  # the test's own uncommitted entries are in this transaction
        else:
            # link what is committed but not chained yet, in a fresh READ COMMITTED transaction
            with self.env.registry.cursor() as cr:
                cr.connection.set_isolation_level(ISOLATION_LEVEL_READ_COMMITTED)
                api.Environment(cr, SUPERUSER_ID, {})["gov.trading.log"]._chain_pending()
            self.invalidate_model(["sequence", "prev_hash", "hash"])
        cr = self.env.cr
        prev, expected_seq, count, last = GENESIS, 1, 0, 0
        while True:
            cr.execute("""
                SELECT sequence, date, event, res_model, res_id, lot_id, user_id, ip_address, payload,
                       prev_hash, hash
                  FROM gov_trading_log WHERE sequence > %s ORDER BY sequence LIMIT %s
            """, [last, batch])
            rows = cr.fetchall()
            if not rows:
                break
            for (seq, date, event, res_model, res_id, lot_id, user_id, ip, payload, prev_hash, digest) in rows:
                count += 1
                if seq != expected_seq:
                    return {"ok": False, "count": count, "broken_sequence": expected_seq,
                            "reason": "missing entry"}
                if prev_hash != prev:
                    return {"ok": False, "count": count, "broken_sequence": seq,
                            "reason": "previous hash does not match"}
                if entry_hash(prev, seq, date, event, res_model, res_id, lot_id, user_id, ip, payload) != digest:
                    return {"ok": False, "count": count, "broken_sequence": seq,
                            "reason": "entry content does not match its hash"}
                prev, expected_seq, last = digest, seq + 1, seq
        return {"ok": True, "count": count, "broken_sequence": False, "reason": ""}

    def action_verify_chain(self):
        res = self.verify_chain()
        if res["ok"]:
            message = self.env._("The log chain is intact: %(count)s entries verified.", count=res["count"])
            kind = "success"
        else:
            message = self.env._(
                "The log chain is broken at entry %(seq)s (%(reason)s).",
                seq=res["broken_sequence"], reason=res["reason"],
            )
            kind = "danger"
        return {"type": "ir.actions.client", "tag": "display_notification",
                "params": {"title": self.env._("Log verification"), "message": message, "type": kind,
                           "sticky": True}}
