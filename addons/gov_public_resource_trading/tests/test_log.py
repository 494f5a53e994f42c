"""The tamper-evident log: the chain verifies, and any edit or deletion is found at its first link."""
from odoo.tests import tagged

from .common import TradingCase


@tagged("post_install", "-at_install")
class TestLog(TradingCase):

    def test_chain_and_tampering(self):
        Log = self.env["gov.trading.log"]
        project, lot = self.make_project()
        self.publish(lot)
        regs = self.register(lot)
        for reg in regs:
            self.seal_bid(reg, 12_000_000)
        Log._chain_pending()  # what the commit does; the verification itself never links an entry
        result = Log.verify_chain()
        self.assertTrue(result["ok"], result)
        entries = Log.search([], order="sequence")
        self.assertGreaterEqual(len(entries), 7)
        for prev, entry in zip(entries, entries[1:]):
            self.assertEqual(entry.prev_hash, prev.hash)
        # nobody writes the log through the ORM, not even trading staff
        from odoo.exceptions import AccessError
        with self.assertRaises(AccessError):
            entries[-1].with_user(self.trading).write({"payload": "{}"})
        with self.assertRaises(AccessError):
            entries[-1].with_user(self.trading).unlink()
        # whoever holds the database disables the trigger and edits an entry in place: detected at that entry
        victim = entries[len(entries) // 2]
        self.env.flush_all()
        self.env.cr.execute("ALTER TABLE gov_trading_log DISABLE TRIGGER USER")
        self.env.cr.execute("UPDATE gov_trading_log SET payload = replace(payload, '1', '2') WHERE id = %s",
                            [victim.id])
        result = Log.verify_chain()
        self.assertFalse(result["ok"])
        self.assertEqual(result["broken_sequence"], victim.sequence)
        # recomputing that entry's hash does not help: the next link breaks
        self.env.cr.execute("UPDATE gov_trading_log SET hash = md5(hash) || md5(hash) WHERE id = %s", [victim.id])
        result = Log.verify_chain()
        self.assertEqual(result["broken_sequence"], victim.sequence)
        # a deleted entry is reported as missing
        deleted_seq = entries[1].sequence
        self.env.cr.execute("DELETE FROM gov_trading_log WHERE id = %s", [entries[1].id])
        result = Log.verify_chain()
        self.assertEqual(result["broken_sequence"], deleted_seq)
        self.assertEqual(result["code"], "missing_entry")
        action = Log.action_verify_chain()
        self.assertEqual(action["params"]["type"], "danger")

    def test_verify_command(self):
        """The command line verification runs against the database (committed entries) and says so."""
        import os
        import subprocess
        import sys

        from odoo import release
        from odoo.tools import config

        odoo_bin = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(release.__file__))), "odoo-bin")
        addons_path = config["addons_path"]
        if not isinstance(addons_path, str):
            addons_path = ",".join(addons_path)
        args = [sys.executable, odoo_bin, f"--addons-path={addons_path}",
                "gov_trading_verify", "-d", self.env.cr.dbname, f"--data-dir={config['data_dir']}",
                "--log-level=warn"]
        rcfile = config.get("config")
        if rcfile and os.path.exists(rcfile):
            args += ["-c", rcfile]
        result = subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("chain intact", result.stdout)
