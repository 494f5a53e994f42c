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
        # a database reader edits an entry in place: detected at that entry
        victim = entries[len(entries) // 2]
        self.env.flush_all()
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
        self.assertEqual(result["reason"], "missing entry")
        action = Log.action_verify_chain()
        self.assertEqual(action["params"]["type"], "danger")
