"""The load test: Odoo with --workers=4 on the load database, locust's mixed workload against it, and the
figures per route with the baseline measured in the same run.

    python3 tests/bench/load/run_load.py DATABASE     (scripts/bench.sh runs it after prepare.py)

Environment: GOV_LOAD_USERS (300), GOV_LOAD_SPAWN (users started per second, 2:
the logins hash their password, about half a second of CPU each), GOV_LOAD_WARMUP (180 s started and
not counted: every user logs in), GOV_LOAD_THINK (1: a person's think times, see the locustfile; 0.1 for
a stress run of 1 to 3 seconds), GOV_LOAD_TIME (180s),
GOV_LOAD_PORT (8069 + 250), GOV_LOAD_WORKERS (4), GOV_LOAD_URL (an already running server or proxy: no
server is started), GOV_LOAD_FIXTURE (the fixture JSON of prepare.py), GOV_ODOO_CONF, GOV_ADDONS_PATH,
GOV_DATA_DIR, ODOO_SRC, GOV_ODOO_PYTHON (Odoo's virtualenv python). Loopback only.

Printed: for each route its requests, failures, p50/p95/p99 (ms) and the ratio of its p95 to the baseline's
p95: the public pages to Odoo's own /web/login page, the JSON-RPC calls to a core list view (res.partner
search_read of 80 records); goal p95 <= 3x the baseline and no failures. Each failure message once with
its count.
"""
import csv
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, os.path.dirname(HERE))
from benchlib import wait_http  # noqa: E402
GOAL = 3.0


def start_odoo(db, port, workers, extra=()):
    cmd = [os.environ.get("GOV_ODOO_PYTHON", sys.executable),
           os.path.join(os.environ.get("ODOO_SRC", "/opt/odoo/19.0"), "odoo-bin"), "server",
           "-c", os.environ["GOV_ODOO_CONF"], "--addons-path", os.environ["GOV_ADDONS_PATH"],
           "--data-dir", os.environ["GOV_DATA_DIR"], "-d", db, "--db-filter", f"^{db}$",
           f"--workers={workers}", "--max-cron-threads=0", f"--http-port={port}", f"--gevent-port={port + 1}",
           "--http-interface=127.0.0.1", "--log-level=warn", "--limit-time-real=600", "--limit-time-cpu=600",
           "--limit-request=100000", *extra]
    log = open(os.environ.get("GOV_LOAD_SERVER_LOG", f"/tmp/{db}-odoo-{port}.log"), "w")  # noqa: SIM115
    return subprocess.Popen(["nice", "-n", os.environ.get("GOV_LOAD_NICE", "15"), *cmd], stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)


def seconds(duration):
    """Locust's duration ("180s", "3m", "1h") in seconds."""
    unit = {"s": 1, "m": 60, "h": 3600}.get(duration[-1:], None)
    return float(duration[:-1]) * unit if unit else float(duration)


def run_locust(url, db, prefix, users, spawn, duration, extra_env=None, warmup=0):
    """Locust for ``duration`` after ``warmup`` seconds whose statistics are dropped (every user logs in and
    makes its one-time setup then: the logins are PBKDF2 password checks, slow by design, and with 2 cores
    they hold up every request of the first seconds); the warm-up's requests and failures are written to
    ``prefix_warmup.json`` and printed, so a failure there is not hidden."""
    env = dict(os.environ, GOV_LOAD_DB=db,
               GOV_LOAD_SEAL_TOOL=os.path.join(ROOT, "addons/gov_public_resource_trading/tools/seal_bid.py"),
               GOV_LOAD_WARMUP=str(warmup), GOV_LOAD_WARMUP_LOG=prefix + "_warmup.json",
               **(extra_env or {}))
    if os.path.exists(prefix + "_warmup.json"):
        os.remove(prefix + "_warmup.json")
    duration = f"{seconds(duration) + warmup:.0f}s"
    cmd = ["nice", "-n", os.environ.get("GOV_LOAD_NICE", "15"), os.path.join(HERE, ".venv/bin/locust"),
           "-f", os.path.join(HERE, "locustfile.py"), "--headless", "--host", url, "-u", str(users),
           "-r", str(spawn), "-t", duration, "--csv", prefix, "--only-summary", "--stop-timeout", "30",
           "--loglevel", "WARNING"]
    with open(prefix + "_locust.log", "w") as log:
        return subprocess.call(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)


def read_stats(prefix):
    rows = {}
    with open(prefix + "_stats.csv") as f:
        for row in csv.DictReader(f):
            if row["Name"] == "Aggregated" or not int(row["Request Count"]):
                continue  # (a route met only during the warm-up has no figures: N/A)
            rows[row["Name"]] = {
                "type": row["Type"], "n": int(row["Request Count"]), "failures": int(row["Failure Count"]),
                "p50": float(row["50%"] or 0), "p95": float(row["95%"] or 0), "p99": float(row["99%"] or 0),
                "rps": float(row["Requests/s"] or 0)}
    failures = []
    if os.path.exists(prefix + "_failures.csv"):
        with open(prefix + "_failures.csv") as f:
            failures = [(r["Name"], r["Error"][:160], int(r["Occurrences"])) for r in csv.DictReader(f)]
    return rows, failures


def report(rows, failures, title):
    base_http = rows.get("BASELINE /web/login", {}).get("p95") or 0
    base_rpc = rows.get("BASELINE rpc res.partner.search_read", {}).get("p95") or 0
    print(f"load [{title}]: baseline p95 /web/login {base_http:.0f} ms, res.partner search_read "
          f"{base_rpc:.0f} ms", flush=True)
    print(f"{'route':48} {'reqs':>6} {'fail':>5} {'p50':>7} {'p95':>7} {'p99':>7}  {'p95/base':>8}")
    worst, total_fail = 0.0, 0
    for name, r in sorted(rows.items()):
        base = base_rpc if name.startswith(("rpc ", "BASELINE rpc")) else base_http
        ratio = r["p95"] / base if base else 0.0
        if not name.startswith(("BASELINE", "login")):
            worst = max(worst, ratio)
        total_fail += r["failures"]
        print(f"{name[:48]:48} {r['n']:6d} {r['failures']:5d} {r['p50']:7.0f} {r['p95']:7.0f} {r['p99']:7.0f}"
              f"  {ratio:8.2f}")
    for name, error, n in failures:
        print(f"  failure x{n} {name}: {error}")
    reqs = sum(r["n"] for r in rows.values())
    print(f"load [{title}]: requests {reqs}, failures {total_fail}, worst p95 ratio to its baseline "
          f"{worst:.2f} (goal <= {GOAL:.0f})", flush=True)
    return worst, total_fail


def main():
    db = sys.argv[1]
    users = int(os.environ.get("GOV_LOAD_USERS", 300))
    spawn = os.environ.get("GOV_LOAD_SPAWN", "2")
    duration = os.environ.get("GOV_LOAD_TIME", "180s")
    port = int(os.environ.get("GOV_LOAD_PORT", 8069 + 250))
    workers = int(os.environ.get("GOV_LOAD_WORKERS", 4))
    warmup = float(os.environ.get("GOV_LOAD_WARMUP", 180))
    url = os.environ.get("GOV_LOAD_URL")
    results = os.path.join(ROOT, "tests/bench/results")
    os.makedirs(results, exist_ok=True)
    prefix = os.path.join(results, f"load_{db}")
    server = None
    if not url:
        url = f"http://127.0.0.1:{port}"
        server = start_odoo(db, port, workers)
    try:
        if not wait_http(url):
            print("load: the server did not answer", flush=True)
            sys.exit(1)
        print(f"load: {users} users (+{spawn}/s) for {duration} after a {warmup:.0f}s warm-up against {url} "
              f"(--workers={workers}, think times x {os.environ.get('GOV_LOAD_THINK', '1')})", flush=True)
        run_locust(url, db, prefix, users, spawn, duration, warmup=warmup)
        if os.path.exists(prefix + "_warmup.json"):
            w = json.load(open(prefix + "_warmup.json"))
            print(f"load: warm-up {warmup:.0f}s (not counted): {w['requests']} requests, {w['failures']} failures",
                  flush=True)
        rows, failures = read_stats(prefix)
        report(rows, failures, f"{users} users, {duration}, workers={workers}")
    finally:
        if server:
            os.killpg(server.pid, 15)
            server.wait(60)


if __name__ == "__main__":
    main()
