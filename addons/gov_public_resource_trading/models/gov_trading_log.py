"""Tamper-evident operation log (电子招标投标办法 第49条): every step of a trading project is one
entry chained to the previous one by SHA-256, so that editing or deleting any entry breaks the
chain from that entry on.

Two protections, of different strength:

- In PostgreSQL, a trigger (``gov_trading_log_guard``) refuses any UPDATE but the one-time setting of the
  chain fields (sequence, previous hash, hash) from NULL, and every DELETE and TRUNCATE, whoever sends them.
  It stops accidents and scripts; a database superuser can still disable it.
- The evidence is the chain heads held outside the database: printed on each bid receipt, opening record and
  award notice, published hourly at ``/trading/log/head``. ``verify_chain()`` (the *Verify Chain* button and
  the ``gov_trading_verify`` command) runs the pure function ``tools.chain.verify`` over the stored rows and
  those heads and reports the first broken link; it never writes.
"""
import json

from psycopg2.extensions import ISOLATION_LEVEL_READ_COMMITTED
from psycopg2.extras import execute_values

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError
from odoo.http import request
from odoo.sql_db import Cursor
from odoo.tools import SQL, sql

from odoo.addons.gov_hall_base.tools.protect import granted, is_granted

from ..tools.chain import COLUMNS, GENESIS, canonical, entry_hash, verify

LOCK_KEY = 774_411_004  # pg_advisory_xact_lock key serialising appends to the chain
_canonical = canonical  # former name, kept for callers
__all__ = ["GENESIS", "LOCK_KEY", "entry_hash"]

GUARD_FUNCTION = "gov_trading_log_guard"
GUARD_TRIGGERS = ("gov_trading_log_guard_row", "gov_trading_log_guard_truncate")
GUARD_SQL = """
CREATE OR REPLACE FUNCTION gov_trading_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        -- the chain fields are set once, from NULL, right after the commit
        IF (OLD.sequence IS NOT NULL AND NEW.sequence IS DISTINCT FROM OLD.sequence)
           OR (OLD.prev_hash IS NOT NULL AND NEW.prev_hash IS DISTINCT FROM OLD.prev_hash)
           OR (OLD.hash IS NOT NULL AND NEW.hash IS DISTINCT FROM OLD.hash) THEN
            RAISE EXCEPTION 'gov_trading_log is append-only: the chain fields of entry % are already set', OLD.id
                USING ERRCODE = 'restrict_violation';
        END IF;
        -- every other column unchanged
        IF (to_jsonb(NEW) - ARRAY['sequence', 'prev_hash', 'hash'])
           IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['sequence', 'prev_hash', 'hash']) THEN
            RAISE EXCEPTION 'gov_trading_log is append-only: entry % cannot be changed', OLD.id
                USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'gov_trading_log is append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
END
$$;
DROP TRIGGER IF EXISTS gov_trading_log_guard_row ON gov_trading_log;
CREATE TRIGGER gov_trading_log_guard_row BEFORE UPDATE OR DELETE ON gov_trading_log
    FOR EACH ROW EXECUTE FUNCTION gov_trading_log_guard();
DROP TRIGGER IF EXISTS gov_trading_log_guard_truncate ON gov_trading_log;
CREATE TRIGGER gov_trading_log_guard_truncate BEFORE TRUNCATE ON gov_trading_log
    FOR EACH STATEMENT EXECUTE FUNCTION gov_trading_log_guard();
"""


def install_guard(cr):
    """Create (or re-create, enabled) the trigger protecting ``gov_trading_log``."""
    cr.execute(GUARD_SQL)


def drop_guard(cr):
    """Drop the trigger and its function (uninstall)."""
    if sql.table_exists(cr, "gov_trading_log"):
        for name in GUARD_TRIGGERS:
            cr.execute(SQL("DROP TRIGGER IF EXISTS %s ON gov_trading_log", SQL.identifier(name)))
    cr.execute(SQL("DROP FUNCTION IF EXISTS %s()", SQL.identifier(GUARD_FUNCTION)))


def guard_enabled(cr):
    """The names of the guard triggers present and enabled on ``gov_trading_log``."""
    cr.execute("""SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                   WHERE c.relname = 'gov_trading_log' AND t.tgname = ANY(%s) AND t.tgenabled != 'D'""",
               [list(GUARD_TRIGGERS)])
    return {row[0] for row in cr.fetchall()}


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
        ("document_issued", "Document issued"),
        ("other", "Other"),
    ], required=True, readonly=True)
    res_model = fields.Char("Model", readonly=True)
    res_id = fields.Integer("Record ID", readonly=True)
    # restrict: deleting a lot or a user would rewrite (SET NULL) entries the trigger keeps as they are
    lot_id = fields.Many2one("gov.trading.lot", readonly=True, index="btree_not_null", ondelete="restrict")
    user_id = fields.Many2one("res.users", "Operator", readonly=True, ondelete="restrict")
    ip_address = fields.Char("IP Address", readonly=True)
    payload = fields.Text(readonly=True)
    prev_hash = fields.Char("Previous Hash", readonly=True)
    hash = fields.Char(readonly=True, index=True)

    _sequence_uniq = models.UniqueIndex("(sequence)")

    def _auto_init(self):
        """Module installs and upgrades: the schema update may UPDATE the table (a new column's default, a
        recomputed field), which the guard refuses. The guard is disabled here, before the schema update, and
        re-created enabled at the end of the update of the models (after the queued column initialisations
        and this model's recomputations; ``init()`` would come too early: it runs right after this method,
        before them), in the same transaction: a failing upgrade rolls the disabling back too."""
        cr = self.env.cr
        if sql.table_exists(cr, self._table):
            cr.execute("SELECT tgname FROM pg_trigger WHERE tgrelid = 'gov_trading_log'::regclass AND tgname = ANY(%s)",
                       [list(GUARD_TRIGGERS)])
            for (name,) in cr.fetchall():
                cr.execute(SQL("ALTER TABLE gov_trading_log DISABLE TRIGGER %s", SQL.identifier(name)))
        res = super()._auto_init()
        self.pool.post_init(self._guard_after_update)
        return res

    def _guard_after_update(self):
        self.flush_model()
        install_guard(self.env.cr)

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
                    if isinstance(cr, Cursor):  # a test cursor shares the test's connection: leave it alone
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
    def _rows(self, batch=5000):
        """The stored rows (dicts of ``tools.chain.COLUMNS``): the chained ones in sequence order, then the
        unsequenced ones in id order. Reads only."""
        self.flush_model()
        cr = self.env.cr
        columns = SQL(", ").join(SQL.identifier(c) for c in COLUMNS)
        last = None
        while True:
            after = SQL("sequence IS NOT NULL") if last is None else SQL("sequence > %s", last)
            cr.execute(SQL("SELECT %s FROM gov_trading_log WHERE %s ORDER BY sequence LIMIT %s",
                           columns, after, batch))
            rows = cr.fetchall()
            if not rows:
                break
            for row in rows:
                yield dict(zip(COLUMNS, row))
            last = rows[-1][1]
        cr.execute(SQL("SELECT %s FROM gov_trading_log WHERE sequence IS NULL ORDER BY id", columns))
        for row in cr.fetchall():
            yield dict(zip(COLUMNS, row))

    @api.model
    def _anchors(self):
        """The heads this database published (``/trading/log/head``). They are evidence only as the copies
        held outside; kept here they still catch a chain recomputed after they were taken."""
        anchors = [{"sequence": h.sequence, "hash": h.hash}
                   for h in self.env["gov.trading.log.head"].sudo().search([], order="date desc", limit=1000)]
        return anchors

    @api.private
    @api.model
    def verify_chain(self, anchors=None):
        """Verify the stored chain with ``tools.chain.verify`` against ``anchors`` (heads held outside: receipts,
        documents, published heads; by default the latest heads published by this database). Never writes:
        entries committed but not chained yet are counted as pending, not linked.

        Returns ``{'ok', 'count', 'pending', 'head', 'broken_sequence', 'code', 'reason', 'problems'}``."""
        if anchors is None:
            anchors = self._anchors()
        return verify(self._rows(), anchors)

    def _problem_text(self, code):
        texts = {
            "missing_entry": self.env._("an entry is missing"),
            "out_of_order": self.env._("an entry is out of order or duplicated"),
            "prev_hash": self.env._("the previous hash does not match"),
            "content": self.env._("the entry content does not match its hash"),
            "anchor_hash": self.env._("the chain differs from a head held outside the database"),
            "anchor_missing": self.env._("the chain ends before a head held outside the database"),
            "payload_missing": self.env._("an entry shown on a receipt is missing"),
            "unsequenced": self.env._("an entry was inserted without a sequence"),
        }
        return texts.get(code, code)

    def action_verify_chain(self):
        self.env["gov.trading.integrity.mixin"]._check_trading_staff()
        res = self.verify_chain()
        if res["ok"]:
            message = self.env._("The log chain is intact: %(count)s entries verified up to the head %(seq)s "
                                 "(%(hash)s).", count=res["count"], seq=res["head"]["sequence"],
                                 hash=res["head"]["hash"][:16])
            kind = "success"
        else:
            message = self.env._(
                "The log chain is broken at entry %(seq)s (%(reason)s).",
                seq=res["broken_sequence"], reason=self._problem_text(res["code"]),
            )
            kind = "danger"
        return {"type": "ir.actions.client", "tag": "display_notification",
                "params": {"title": self.env._("Log verification"), "message": message, "type": kind,
                           "sticky": True}}

    @api.model
    def _document_head(self, document, lot, issue=True):
        """The chain head printed on ``document`` (``opening_record``, ``award_notice``) of ``lot``: the head
        when the document was first issued, kept in a ``document_issued`` entry so that reprints show the same
        head. With ``issue`` false (a draft printed before the document exists) the current head is returned
        and nothing is written."""
        Log = self.sudo()
        for entry in Log.search([("event", "=", "document_issued"), ("lot_id", "=", lot.id)], order="id"):
            try:
                data = json.loads(entry.payload or "{}")
            except ValueError:
                continue
            if data.get("document") == document and isinstance(data.get("head"), dict):
                return data["head"]
        head = self._head()
        if issue:
            self._append("document_issued", lot, lot=lot, payload={"document": document, "head": head})
        return head
