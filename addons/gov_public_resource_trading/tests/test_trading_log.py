"""The protected log: the trigger refuses edits, deletions and truncation, whoever sends them; the verification
(a pure function) finds what a database superuser does with the trigger disabled, given heads held outside:
an edited bid entry with every later hash recomputed, a deleted tail, a backdated row inserted behind the
chain; the documents print the head when they are issued."""
import json

import psycopg2

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.gov_hall_base.tools.protect import granted

from ..models.gov_trading_log import GUARD_TRIGGERS, guard_enabled
from ..tools.chain import (
    COLUMNS, GENESIS, anchors_from_receipt, entry_hash, payload_sha256, row_hash, verify,
)
from .common import TradingCase


@tagged("post_install", "-at_install")
class TestTradingLog(TradingCase):

    def setUp(self):
        super().setUp()
        self.Log = self.env["gov.trading.log"]
        self.project, self.lot = self.make_project()
        self.publish(self.lot)
        self.regs = self.register(self.lot)
        self.Log._chain_pending()  # what the commit would have done

    # -- helpers ---------------------------------------------------------------------------------------------
    def bid_entry(self, reg, n):
        """A bid received for ``reg``, as the sealing logs it; returns (entry, receipt) where the receipt
        carries the head before the entry and the entry's payload hash, like the signed bid receipt."""
        head = self.Log._head()
        entry = self.Log._append("bid_received", reg, lot=reg.lot_id, payload={
            "receipt": f"TB2026{n:04d}", "sha256": f"{n:064x}", "iv": "AAAAAAAAAAAAAAAA", "nonce": f"n{n}",
            "key_format": "raw-aes-256"})
        self.env.flush_all()
        return entry, {"head": head, "log_payload_sha256": payload_sha256(entry.payload), "receipt": f"TB2026{n:04d}"}

    def sql_as_superuser(self, query, params=()):
        """What whoever holds the database can do: the guard disabled, any SQL, the guard back on."""
        self.env.flush_all()
        cr = self.env.cr
        for name in GUARD_TRIGGERS:
            cr.execute(f"ALTER TABLE gov_trading_log DISABLE TRIGGER {name}")
        cr.execute(query, params)
        for name in GUARD_TRIGGERS:
            cr.execute(f"ALTER TABLE gov_trading_log ENABLE TRIGGER {name}")
        self.env.invalidate_all()

    def rows(self):
        return list(self.Log._rows())

    def assert_refused(self, query, params=()):
        with self.assertRaises(psycopg2.Error), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self.env.cr.execute(query, params)

    # -- the trigger -----------------------------------------------------------------------------------------
    def test_trigger_refuses_edits_deletions_truncation(self):
        self.assertEqual(guard_enabled(self.env.cr), set(GUARD_TRIGGERS))
        entry, _receipt = self.bid_entry(self.regs[0], 1)
        # not chained yet: only the chain fields may be set, nothing else changes
        self.assert_refused("UPDATE gov_trading_log SET payload = '{}' WHERE id = %s", [entry.id])
        self.assertEqual(self.Log._chain_pending(), 1)
        self.assertTrue(entry.sequence)
        # chained: nothing changes, the chain fields neither
        for query in ("UPDATE gov_trading_log SET payload = '{}' WHERE id = %s",
                      "UPDATE gov_trading_log SET date = date - interval '1 day' WHERE id = %s",
                      "UPDATE gov_trading_log SET user_id = NULL WHERE id = %s",
                      "UPDATE gov_trading_log SET sequence = sequence + 1000 WHERE id = %s",
                      "UPDATE gov_trading_log SET hash = md5(hash) || md5(hash) WHERE id = %s",
                      "UPDATE gov_trading_log SET prev_hash = NULL WHERE id = %s",
                      "DELETE FROM gov_trading_log WHERE id = %s"):
            with self.subTest(query=query):
                self.assert_refused(query, [entry.id])
        self.assert_refused("TRUNCATE gov_trading_log CASCADE")
        # through the ORM, even inside a grant and as superuser
        with self.assertRaises(psycopg2.Error), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            with granted(self.Log):
                entry.sudo().write({"payload": "{}"})
                entry.flush_recordset()
        self.env.invalidate_all()
        with self.assertRaises(psycopg2.Error), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            with granted(self.Log):
                entry.sudo().unlink()
        self.env.invalidate_all()
        self.assertTrue(entry.exists())
        self.assertNotEqual(entry.payload, "{}")
        # the references restrict: deleting the lot or the operator would rewrite (SET NULL) entries
        self.env.cr.execute("""SELECT a.attname, c.confdeltype FROM pg_constraint c
                                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)
                                WHERE c.conrelid = 'gov_trading_log'::regclass AND c.contype = 'f'
                                  AND a.attname IN ('lot_id', 'user_id')""")
        self.assertEqual(dict(self.env.cr.fetchall()), {"lot_id": "r", "user_id": "r"})
        self.assert_refused("DELETE FROM gov_trading_lot WHERE id = %s", [self.lot.id])
        res = self.Log.verify_chain()
        self.assertTrue(res["ok"], res)

    def test_upgrade_keeps_and_uninstall_drops_the_trigger(self):
        self.env.flush_all()
        cr = self.env.cr
        # a module update of the log's table: the guard is off during the schema update, on again after
        cr.execute("SAVEPOINT log_upgrade")
        self.env.registry.init_models(cr, ["gov.trading.log"], {"module": "gov_public_resource_trading"},
                                      install=False)
        self.assertEqual(guard_enabled(cr), set(GUARD_TRIGGERS))
        cr.execute("ROLLBACK TO SAVEPOINT log_upgrade")
        self.env.invalidate_all()
        entry = self.Log.search([("sequence", "!=", False)], limit=1)
        self.assert_refused("DELETE FROM gov_trading_log WHERE id = %s", [entry.id])
        # uninstalling drops it
        from ..hooks import uninstall_hook
        cr.execute("SAVEPOINT log_uninstall")
        uninstall_hook(self.env)
        self.assertEqual(guard_enabled(cr), set())
        cr.execute("UPDATE gov_trading_log SET payload = payload WHERE id = %s", [entry.id])
        cr.execute("ROLLBACK TO SAVEPOINT log_uninstall")
        self.assertEqual(guard_enabled(cr), set(GUARD_TRIGGERS))

    # -- tampering by whoever holds the database (the issue's cases) -----------------------------------------
    def test_edited_bid_with_recomputed_chain(self):
        entries = [self.bid_entry(reg, n) for n, reg in enumerate(self.regs, 1)]
        self.Log._chain_pending()
        published = self.env["gov.trading.log.head"]._cron_snapshot_head()  # hourly, copied by the public
        anchor = {"sequence": published.sequence, "hash": published.hash}
        self.Log._append("other", self.lot, lot=self.lot, payload={"note": "after the head was published"})
        self.Log._chain_pending()
        self.assertTrue(verify(self.rows(), [anchor])["ok"])
        # the superuser swaps the first bid's ciphertext hash in its entry, then recomputes every later hash
        victim, receipt = entries[0]
        forged = json.loads(victim.payload)
        forged["sha256"] = "f" * 64
        self.sql_as_superuser("UPDATE gov_trading_log SET payload = %s WHERE id = %s",
                              [json.dumps(forged, sort_keys=True, separators=(",", ":")), victim.id])
        # without heads held outside, only the edited entry itself is found, at its link
        res = verify(self.rows())
        self.assertFalse(res["ok"])
        self.assertEqual((res["broken_sequence"], res["code"]), (victim.sequence, "content"))
        self.recompute_from(victim.sequence)
        # the chain is consistent with itself again: the chain alone is no evidence
        self.assertTrue(verify(self.rows())["ok"])
        # the head published before the tampering shows it
        res = verify(self.rows(), [anchor])
        self.assertFalse(res["ok"])
        self.assertEqual((res["broken_sequence"], res["code"]), (anchor["sequence"], "anchor_hash"))
        # and so does the bidder's receipt: no entry carries its bid any more
        res = verify(self.rows(), anchors_from_receipt(receipt))
        self.assertFalse(res["ok"])
        self.assertEqual(res["code"], "payload_missing")
        self.assertEqual(res["broken_sequence"], receipt["head"]["sequence"] + 1)
        # the backend verification holds the published heads too
        res = self.Log.verify_chain()
        self.assertEqual((res["ok"], res["code"]), (False, "anchor_hash"))
        action = self.Log.with_user(self.trading).action_verify_chain()
        self.assertEqual(action["params"]["type"], "danger")

    def recompute_from(self, sequence):
        rows = [r for r in self.rows() if r["sequence"] is not None]
        prev = next((r["hash"] for r in rows if r["sequence"] == sequence - 1), GENESIS)
        for row in rows:
            if row["sequence"] < sequence:
                continue
            digest = entry_hash(prev, row["sequence"], row["date"], row["event"], row["res_model"], row["res_id"],
                                row["lot_id"], row["user_id"], row["ip_address"], row["payload"])
            self.sql_as_superuser("UPDATE gov_trading_log SET prev_hash = %s, hash = %s WHERE id = %s",
                                  [prev, digest, row["id"]])
            prev = digest

    def test_deleted_tail(self):
        receipts = [self.bid_entry(reg, n)[1] for n, reg in enumerate(self.regs, 1)]
        self.Log._chain_pending()
        head = self.Log._head()
        self.assertTrue(verify(self.rows(), anchors_from_receipt(receipts[1]))["ok"])
        # the last 3 entries (the three bids) go
        self.sql_as_superuser("DELETE FROM gov_trading_log WHERE sequence > %s", [head["sequence"] - 3])
        self.assertEqual(self.Log._head()["sequence"], head["sequence"] - 3)
        # the chain that is left is intact in itself
        self.assertTrue(verify(self.rows())["ok"])
        # the receipt of a deleted bid shows it
        res = verify(self.rows(), anchors_from_receipt(receipts[1]))
        self.assertFalse(res["ok"])
        self.assertEqual(res["broken_sequence"], head["sequence"] - 2)
        self.assertIn(res["code"], ("anchor_missing", "payload_missing"))
        # as does any head printed after the deleted entries
        res = verify(self.rows(), [head])
        self.assertEqual((res["ok"], res["code"], res["broken_sequence"]),
                         (False, "anchor_missing", head["sequence"] - 2))

    def test_backdated_unsequenced_row(self):
        self.bid_entry(self.regs[0], 1)
        self.Log._chain_pending()
        last = self.Log.search([("sequence", "!=", False)], order="sequence desc", limit=1)
        self.assertTrue(verify(self.rows())["ok"])
        # a pending entry (committed, not linked yet) is no problem and the verification does not link it
        pending, _ = self.bid_entry(self.regs[1], 2)
        res = self.Log.verify_chain()
        self.assertTrue(res["ok"], res)
        self.assertEqual(res["pending"], 1)
        self.assertFalse(pending.sequence)
        # a row inserted behind the chain, dated a day earlier
        self.sql_as_superuser("""
            INSERT INTO gov_trading_log (date, event, res_model, res_id, lot_id, user_id, payload,
                                         create_date, create_uid, write_date, write_uid)
            SELECT date - interval '1 day', 'bid_received', res_model, res_id, lot_id, user_id, payload,
                   create_date - interval '1 day', create_uid, write_date - interval '1 day', write_uid
              FROM gov_trading_log WHERE id = %s""", [last.id])
        res = verify(self.rows())
        self.assertFalse(res["ok"])
        self.assertEqual(res["code"], "unsequenced")
        self.assertLessEqual(res["broken_sequence"], last.sequence)
        self.assertEqual(self.Log.verify_chain()["code"], "unsequenced")
        self.assertFalse(pending.sequence)

    # -- the pure function -----------------------------------------------------------------------------------
    def test_verify_is_pure(self):
        self.assertEqual(verify([]), {"ok": True, "count": 0, "pending": 0, "head": {"sequence": 0, "hash": GENESIS},
                                      "broken_sequence": False, "code": "", "reason": "", "problems": []})
        rows = [r for r in self.rows() if r["sequence"] is not None]
        self.assertTrue(rows)
        # tuples in column order work the same
        as_tuples = [tuple(r[c] for c in COLUMNS) for r in rows]
        self.assertEqual(verify(as_tuples)["count"], len(rows))
        self.assertEqual(row_hash(rows[-1]), rows[-1]["hash"])
        # a middle entry gone
        res = verify(rows[:1] + rows[2:])
        self.assertEqual((res["broken_sequence"], res["code"]), (rows[1]["sequence"], "missing_entry"))
        # duplicated / out of order
        res = verify(rows + rows[-1:])
        self.assertEqual(res["code"], "out_of_order")
        # a head that never existed
        res = verify(rows, [{"sequence": rows[-1]["sequence"], "hash": "0" * 64}])
        self.assertEqual(res["code"], "anchor_hash")
        # the true head given next to a forged one does not cover it
        res = verify(rows, [{"sequence": rows[-1]["sequence"], "hash": rows[-1]["hash"]},
                            {"sequence": rows[-1]["sequence"], "hash": "0" * 64}])
        self.assertEqual(res["code"], "anchor_hash")
        with self.assertRaisesRegex(ValueError, "negative"):
            verify(rows, [{"sequence": -1, "hash": GENESIS}])
        # receipts without payload hash give only their head; bad anchors are refused clearly
        self.assertEqual(anchors_from_receipt({"head": {"sequence": 3, "hash": "ab"}}), [{"sequence": 3, "hash": "ab"}])
        with self.assertRaisesRegex(ValueError, "anchor 1"):
            verify(rows, [{"foo": 1}])

    # -- documents print the head ----------------------------------------------------------------------------
    def test_opening_record_prints_the_head_when_issued(self):
        Report = self.env["ir.actions.report"]
        ref = "gov_public_resource_trading.action_report_opening_record"
        # a draft print before the opening shows the current head and fixes nothing
        html = Report._render_qweb_html(ref, self.lot.ids)[0].decode()
        self.assertIn(self.Log._head()["hash"], html)
        self.assertFalse(self.Log.search([("event", "=", "document_issued"), ("lot_id", "=", self.lot.id)]))
        # issued after the opening: the head of that moment, logged, printed again on every reprint
        self.env.flush_all()
        self.env.cr.execute("UPDATE gov_trading_lot SET state = 'evaluation' WHERE id = %s", [self.lot.id])
        self.lot.invalidate_recordset()
        head = self.Log._head()
        html = Report._render_qweb_html(ref, self.lot.ids)[0].decode()
        self.assertIn(head["hash"], html)
        issued = self.Log.search([("event", "=", "document_issued"), ("lot_id", "=", self.lot.id)])
        self.assertEqual(len(issued), 1)
        self.assertEqual(json.loads(issued.payload), {"document": "opening_record", "head": head})
        self.Log._chain_pending()
        self.assertNotEqual(self.Log._head(), head)
        html = Report._render_qweb_html(ref, self.lot.ids)[0].decode()
        self.assertIn(head["hash"], html)
        self.assertEqual(self.Log.search_count([("event", "=", "document_issued"), ("lot_id", "=", self.lot.id)]), 1)
        # the award notice keeps its own head, not the opening record's
        self.assertEqual(self.Log._document_head("award_notice", self.lot, issue=False), self.Log._head())

    # -- the command -----------------------------------------------------------------------------------------
    def test_verify_command_on_exported_file(self):
        """``gov_trading_verify --export`` writes the database's rows; ``--file`` verifies an exported file with
        the receipts held outside; exit code 0 intact, 2 broken."""
        import os
        import subprocess
        import sys
        import tempfile

        from odoo import release
        from odoo.tools import config

        odoo_bin = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(release.__file__))), "odoo-bin")
        addons_path = config["addons_path"]
        if not isinstance(addons_path, str):
            addons_path = ",".join(addons_path)

        def run(*args, db=False):
            cmd = [sys.executable, odoo_bin, f"--addons-path={addons_path}", "gov_trading_verify", *args]
            if db:
                cmd += ["-d", self.env.cr.dbname, f"--data-dir={config['data_dir']}", "--log-level=warn"]
                rcfile = config.get("config")
                if rcfile and os.path.exists(rcfile):
                    cmd += ["-c", rcfile]
            return subprocess.run(cmd, capture_output=True, text=True, timeout=180, check=False)

        receipts = [self.bid_entry(reg, n)[1] for n, reg in enumerate(self.regs, 1)]
        self.Log._chain_pending()
        with tempfile.TemporaryDirectory() as tmp:
            # the database's committed rows, exported by the command (the test's own rows are not committed)
            exported = os.path.join(tmp, "log.jsonl")
            result = run("--export", exported, db=True)
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            self.assertIn("chain intact", result.stdout)
            with open(exported, encoding="utf-8") as src:
                lines = src.read().splitlines()
            self.assertEqual(json.loads(lines[0])["columns"], list(COLUMNS))
            # this transaction's rows as a file, the last 3 entries (the bids) deleted, the receipt of one kept
            rows = [{c: (v.isoformat(sep=" ") if hasattr(v, "isoformat") else v) for c, v in r.items()}
                    for r in self.rows()]
            intact, tampered = (os.path.join(tmp, name) for name in ("intact.json", "tampered.json"))
            anchors = os.path.join(tmp, "receipts.json")
            with open(intact, "w", encoding="utf-8") as out:
                json.dump(rows, out, ensure_ascii=False)
            with open(tampered, "w", encoding="utf-8") as out:
                json.dump(rows[:-3], out, ensure_ascii=False)
            with open(anchors, "w", encoding="utf-8") as out:
                json.dump([receipts[2]], out)
            result = run("--file", intact, "--anchors", anchors)
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            result = run("--file", tampered, "--anchors", anchors)
            self.assertEqual(result.returncode, 2, result.stdout + result.stderr)
            self.assertIn("BROKEN at entry", result.stdout)
            # a malformed anchors file: a clear message, exit code 1
            with open(anchors, "w", encoding="utf-8") as out:
                out.write("[{\"foo\": 1}]")
            result = run("--file", intact, "--anchors", anchors)
            self.assertEqual(result.returncode, 1)
            self.assertIn("anchor 1", result.stderr)
