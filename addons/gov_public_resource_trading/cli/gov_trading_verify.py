"""odoo-bin gov_trading_verify -c odoo.conf -d DB: verify the trading log hash chain.

Exit code 0 when the chain is intact, 2 when it is broken (the first broken entry is printed)."""
import sys

import odoo
from odoo.cli import Command
from odoo.modules.registry import Registry
from odoo.tools import config


class Gov_Trading_Verify(Command):
    """Verify the tamper-evident log of public resource trading and report the first broken link."""

    name = "gov_trading_verify"

    def run(self, args):
        config.parse_config(args, setup_logging=True)
        dbnames = config["db_name"]
        if not dbnames:
            sys.exit("gov_trading_verify needs a database: -d DB")
        registry = Registry(dbnames[0])
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            res = env["gov.trading.log"].verify_chain()
        if res["ok"]:
            print(f"OK: {res['count']} entries, chain intact")  # noqa: T201
            return
        print(f"BROKEN at entry {res['broken_sequence']}: {res['reason']}")  # noqa: T201
        sys.exit(2)
