"""odoo-bin gov_trading_verify: verify the trading log hash chain against heads held outside the database.

    odoo-bin gov_trading_verify -c odoo.conf -d DB [--anchors HEADS.json]      # the rows of the database
    odoo-bin gov_trading_verify -c odoo.conf -d DB --export LOG.jsonl           # ... also written to a file
    odoo-bin gov_trading_verify --file LOG.jsonl [--anchors HEADS.json]         # an exported file, no database

``--anchors`` is a JSON list of heads ``{"sequence": n, "hash": h}``, payload anchors ``{"after_sequence": n,
"payload_sha256": s}`` and bid receipts (``{"head": {...}, "log_payload_sha256": s, ...}``), as kept by bidders,
auditors or copied from ``/trading/log/head``. The verification (``tools/chain.py``) reads only: it never
chains an entry. Exit code 0 when the chain is intact, 2 when it is broken (every problem is printed, the first
broken link first), 1 on a usage error."""
import argparse
import importlib.util
import json
import sys
from datetime import date, datetime
from pathlib import Path

from odoo.cli import Command


def _load_chain():
    """``tools/chain.py`` of this addon, loaded by path: Odoo loads this command as ``odoo.cli.*``, outside the
    addon's package, and the verification imports nothing from Odoo."""
    path = Path(__file__).resolve().parent.parent / "tools" / "chain.py"
    spec = importlib.util.spec_from_file_location("gov_trading_chain", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_chain = _load_chain()
COLUMNS, normalize_anchors, verify = _chain.COLUMNS, _chain.normalize_anchors, _chain.verify

FORMAT = "gov_trading_log"


def _jsonable(value):
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return value


def write_export(path, rows):
    """Write ``rows`` (dicts of ``COLUMNS``) as JSON Lines after a header line; yield them on."""
    with open(path, "w", encoding="utf-8") as out:
        out.write(json.dumps({"format": FORMAT, "version": 1, "columns": list(COLUMNS)}) + "\n")
        for row in rows:
            out.write(json.dumps({c: _jsonable(row.get(c)) for c in COLUMNS}, ensure_ascii=False) + "\n")
            yield row


def read_export(path):
    """The rows of an exported file (JSON Lines as ``--export`` writes them, or a JSON list of rows)."""
    with open(path, encoding="utf-8") as src:
        text = src.read()
    stripped = text.lstrip()
    if stripped.startswith("["):
        items = json.loads(stripped)
    else:
        items = [json.loads(line) for line in text.splitlines() if line.strip()]
    rows = []
    for number, item in enumerate(items, 1):
        if isinstance(item, dict) and "format" in item and "columns" in item:
            continue
        if isinstance(item, list):
            item = dict(zip(COLUMNS, item))
        if not isinstance(item, dict):
            raise ValueError(f"line {number}: not a row")
        rows.append(item)
    # the verification wants the chained rows in sequence order
    rows.sort(key=lambda r: (r.get("sequence") is None, r.get("sequence") or 0, r.get("id") or 0))
    return rows


def read_anchors(path):
    with open(path, encoding="utf-8") as src:
        items = json.load(src)
    if isinstance(items, dict):
        items = [items]
    if not isinstance(items, list):
        raise ValueError("the anchors file holds a JSON list")
    return normalize_anchors(items)


def report(res):
    if res["ok"]:
        print(f"OK: {res['count']} entries, chain intact; head {res['head']['sequence']} "  # noqa: T201
              f"{res['head']['hash']}; {res['pending']} pending")
        return 0
    print(f"BROKEN at entry {res['broken_sequence']}: {res['reason']}")  # noqa: T201
    for problem in res["problems"][1:]:
        print(f"  also at entry {problem['sequence']}: {problem['reason']}")  # noqa: T201
    return 2


class Gov_Trading_Verify(Command):
    """Verify the tamper-evident log of public resource trading and report the first broken link."""

    name = "gov_trading_verify"

    def run(self, args):
        parser = argparse.ArgumentParser(prog="odoo-bin gov_trading_verify", add_help=False)
        parser.add_argument("--export", metavar="FILE", help="also write the database's rows to FILE (JSON Lines)")
        parser.add_argument("--file", metavar="FILE", help="verify the rows of an exported FILE, no database")
        parser.add_argument("--anchors", metavar="FILE", help="JSON list of heads and receipts held outside")
        parser.add_argument("-h", "--help", action="store_true")
        opts, rest = parser.parse_known_args(args)
        if opts.help:
            print(__doc__)  # noqa: T201
            return
        if opts.file and opts.export:
            sys.exit("gov_trading_verify: --file and --export exclude each other")
        try:
            anchors = read_anchors(opts.anchors) if opts.anchors else []
            if opts.file:
                sys.exit(report(verify(read_export(opts.file), anchors)))
        except (OSError, ValueError) as exc:
            sys.exit(f"gov_trading_verify: {exc}")

        import odoo  # noqa: PLC0415
        from odoo.modules.registry import Registry  # noqa: PLC0415
        from odoo.tools import config  # noqa: PLC0415

        config.parse_config(rest, setup_logging=True)
        dbnames = config["db_name"]
        if not dbnames:
            sys.exit("gov_trading_verify needs a database (-d DB) or an exported file (--file FILE)")
        registry = Registry(dbnames[0])
        with registry.cursor() as cr:
            cr.execute("SET TRANSACTION READ ONLY")
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            Log = env["gov.trading.log"]
            rows = Log._rows()
            try:
                if opts.export:
                    rows = write_export(opts.export, rows)
                res = verify(rows, Log._anchors() + anchors)
            except OSError as exc:
                sys.exit(f"gov_trading_verify: {exc}")
            cr.rollback()
        sys.exit(report(res))
