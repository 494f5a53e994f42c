"""Live auction benchmark: GOV_AUCTION_BIDDERS (100) bidders, each with its own session and websocket
(Odoo started with --workers=2: the websockets on its gevent port, the bids over HTTP on its workers), bid at
random for GOV_AUCTION_SECONDS (120) seconds, every bidder at the price its own screen shows plus 1 to 3
increments after an exponential think time (mean GOV_AUCTION_THINK, 10 s: about 10 bids a second).

    python tests/bench/auction/run_auction.py DATABASE      (Odoo's Python; scripts/bench.sh auction)

Printed: bids sent, accepted, refused (per reason), lost (a bid without an answer, an accepted bid the
database does not hold, a refused bid it holds as accepted, an accepted bid a screen never received), the
final price against the highest accepted bid and the database, and the latency from sending a bid to each
screen showing it (p50/p95 over every screen, and to the last screen) next to Odoo's own bus round trip in the
same run (a bus notification written and NOTIFYed by the benchmark, to every screen): the floor.
Environment: GOV_ODOO_CONF, GOV_ADDONS_PATH, GOV_DATA_DIR, ODOO_SRC, GOV_ODOO_PYTHON, GOV_AUCTION_PORT
(8069 + 350; the gevent port is the next one), GOV_AUCTION_WORKERS (2; 0 runs the threaded server, whose
HTTP port serves the websockets too).
"""
import json
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time

import psycopg2
import requests
import websocket

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, os.path.dirname(HERE))
from benchlib import wait_http  # noqa: E402
BUS_TYPE = "gov_trading_auction/state"
PING_TYPE = "gov_bench/ping"


def ws_version():
    src = os.path.join(os.environ.get("ODOO_SRC", "/opt/odoo/19.0"), "addons/bus/websocket.py")
    return re.search(r'_VERSION = "([^"]+)"', open(src).read()).group(1)


def wait_ws(url, seconds=60):
    for _ in range(seconds):
        try:
            websocket.create_connection(url, timeout=5).close()
            return True
        except Exception:  # noqa: BLE001
            time.sleep(1)
    return False


def start_odoo(db, port, workers):
    cmd = [os.environ.get("GOV_ODOO_PYTHON", sys.executable),
           os.path.join(os.environ.get("ODOO_SRC", "/opt/odoo/19.0"), "odoo-bin"), "server",
           "-c", os.environ["GOV_ODOO_CONF"], "--addons-path", os.environ["GOV_ADDONS_PATH"],
           "--data-dir", os.environ["GOV_DATA_DIR"], "-d", db, "--db-filter", f"^{db}$", f"--workers={workers}",
           "--max-cron-threads=0", f"--http-port={port}", f"--gevent-port={port + 1}", "--http-interface=127.0.0.1",
           "--log-level=warn", "--limit-time-real=600", "--limit-time-cpu=600", "--limit-request=100000"]
    log = open(f"/tmp/{db}-auction-odoo-{port}.log", "w")  # noqa: SIM115
    return subprocess.Popen(["nice", "-n", os.environ.get("GOV_AUCTION_NICE", "10"), *cmd], stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)


def pct(values, q):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100.0 * (len(values) - 1))))]


class Screen(threading.Thread):
    """One bidder's screen: its websocket, the times it received each bid (by order) and each ping."""

    def __init__(self, url, cookie, channel):
        super().__init__(daemon=True)
        self.ws = websocket.create_connection(url, cookie=cookie, origin=url.split("/websocket")[0].replace(
            "ws://", "http://"), timeout=30)
        self.ws.send(json.dumps({"event_name": "subscribe", "data": {"channels": [channel], "last": 0}}))
        self.seen, self.pings, self.state = {}, {}, None
        self.stop = False

    def run(self):
        while not self.stop:
            try:
                frame = self.ws.recv()
            except websocket.WebSocketTimeoutException:
                continue
            except Exception:  # noqa: BLE001
                return
            now = time.monotonic()
            if not frame:
                continue
            for note in json.loads(frame):
                message = note.get("message") or {}
                payload = message.get("payload") or {}
                if message.get("type") == BUS_TYPE:
                    if payload.get("event") == "bid":
                        self.seen.setdefault(payload["bid"]["sequence"], now)
                    if not self.state or payload.get("sequence", 0) >= self.state.get("sequence", 0):
                        self.state = payload
                elif message.get("type") == PING_TYPE:
                    self.pings.setdefault(payload["n"], now)


def main():
    db = sys.argv[1]
    fixture_path = os.path.join(ROOT, "tests/bench/results", f"auction_fixture_{db}.json")
    subprocess.run([os.environ.get("GOV_ODOO_PYTHON", sys.executable), os.path.join(HERE, "prepare.py"), db,
                    fixture_path], check=True)
    fixture = json.load(open(fixture_path))
    port = int(os.environ.get("GOV_AUCTION_PORT", 8069 + 350))
    seconds = int(os.environ.get("GOV_AUCTION_SECONDS", 120))
    think = float(os.environ.get("GOV_AUCTION_THINK", 10.0))
    # GOV_AUCTION_WORKERS=0: the threaded server, websockets on the HTTP port (no gevent)
    workers = int(os.environ.get("GOV_AUCTION_WORKERS", 2))
    ws_port = port + 1 if workers else port
    http_url, ws_url = f"http://127.0.0.1:{port}", f"ws://127.0.0.1:{ws_port}/websocket?version={ws_version()}"
    auction_id = fixture["auction_id"]
    channel = f"gov_trading_auction:{auction_id}"
    server = start_odoo(db, port, workers)
    try:
        if not wait_http(http_url) or not wait_ws(ws_url):
            print(f"auction: the server did not start (see /tmp/{db}-auction-odoo-{port}.log)")
            return 1
        sessions, screens = [], []
        for bidder in fixture["bidders"]:
            s = requests.Session()
            r = s.post(f"{http_url}/web/session/authenticate", json={"jsonrpc": "2.0", "method": "call", "params": {
                "db": db, "login": bidder["login"], "password": fixture["password"]}}, timeout=60)
            r.raise_for_status()
            sessions.append(s)
            screens.append(Screen(ws_url, f"session_id={s.cookies['session_id']}", channel))
        for screen in screens:
            screen.start()
        time.sleep(3)  # subscriptions settle
        print(f"auction: {len(screens)} bidders connected (session {auction_id}, --workers={workers}, websockets "
              f"on {ws_port}), bidding for {seconds}s", flush=True)

        sent, answers, lock = [], [], threading.Lock()
        deadline = time.monotonic() + seconds

        def bidder_loop(i):
            rng = random.Random(i)
            s, screen = sessions[i], screens[i]
            while True:
                time.sleep(rng.expovariate(1.0 / think))
                if time.monotonic() >= deadline:
                    return
                state = screen.state or {}
                price = state.get("next_price") or fixture["start_price"]
                amount = price + rng.randint(0, 2) * fixture["increment"]
                t0 = time.monotonic()
                try:
                    r = s.post(f"{http_url}/trading/auction/{auction_id}/bid", json={"amount": amount}, timeout=30)
                    answer = r.json()
                except Exception as e:  # noqa: BLE001
                    answer = {"ok": False, "code": f"no_answer:{type(e).__name__}"}
                t1 = time.monotonic()
                with lock:
                    sent.append(amount)
                    answers.append((i, amount, t0, t1, answer))

        # Odoo's own bus round trip, in the same run: a notification written and NOTIFYed like bus.bus does
        pings = {}

        def ping_loop():
            conn = psycopg2.connect(dbname=db)
            conn.autocommit = True
            pg = psycopg2.connect(dbname="postgres")
            pg.autocommit = True
            n = 0
            chan = json.dumps([db, "gov.trading.auction", auction_id], separators=(",", ":"))
            while time.monotonic() < deadline:
                time.sleep(2)
                n += 1
                msg = json.dumps({"type": PING_TYPE, "payload": {"n": n}}, separators=(",", ":"))
                pings[n] = time.monotonic()
                with conn.cursor() as cr:
                    cr.execute("INSERT INTO bus_bus (channel, message, create_date, write_date) "
                               "VALUES (%s, %s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')", [chan, msg])
                with pg.cursor() as cr:
                    cr.execute("SELECT pg_notify('imbus', %s)", [json.dumps([[db, "gov.trading.auction", auction_id]])])

        threads = [threading.Thread(target=bidder_loop, args=(i,), daemon=True) for i in range(len(sessions))]
        threads.append(threading.Thread(target=ping_loop, daemon=True))
        for t in threads:
            t.start()
        for t in threads:
            t.join(seconds + 120)
        time.sleep(5)  # the last pushes
        for screen in screens:
            screen.stop = True

        # the database's record of the session
        conn = psycopg2.connect(dbname=db)
        with conn.cursor() as cr:
            cr.execute("SELECT current_price, bid_sequence FROM gov_trading_auction WHERE id = %s", [auction_id])
            db_price, db_seq = cr.fetchone()
            cr.execute("SELECT sequence, state, amount FROM gov_trading_auction_bid WHERE auction_id = %s", [auction_id])
            db_bids = {row[0]: (row[1], float(row[2])) for row in cr.fetchall()}
            cr.execute("SELECT count(*) FROM gov_trading_log WHERE lot_id = (SELECT lot_id FROM gov_trading_auction "
                       "WHERE id = %s) AND event IN ('auction_bid', 'auction_bid_refused')", [auction_id])
            logged = cr.fetchone()[0]
        accepted = [(i, a, t0, t1, ans) for i, a, t0, t1, ans in answers if ans.get("ok")]
        refused = [ans for _i, _a, _t0, _t1, ans in answers if not ans.get("ok")]
        codes = {}
        for ans in refused:
            codes[ans.get("code")] = codes.get(ans.get("code"), 0) + 1
        no_answer = sum(n for c, n in codes.items() if str(c).startswith("no_answer") or c == "server_error")
        lost_db = 0
        latencies, to_last = [], []
        for i, amount, t0, _t1, ans in accepted:
            seq = ans["state"]["bid"]["sequence"] if ans.get("state", {}).get("bid") else None
            if seq is None or db_bids.get(seq) != ("accepted", float(amount)):
                lost_db += 1
                continue
            times = [screen.seen.get(seq) for screen in screens]
            missing = sum(1 for t in times if t is None)
            lost_db += 1 if missing else 0
            got = [t - t0 for t in times if t is not None]
            latencies += got
            if got and not missing:
                to_last.append(max(got))
        refused_in_db = sum(1 for state, _amount in db_bids.values() if state == "refused")
        ping_lat, ping_last = [], []
        for n, t0 in pings.items():
            got = [screen.pings[n] - t0 for screen in screens if n in screen.pings]
            ping_lat += got
            if len(got) == len(screens):
                ping_last.append(max(got))
        highest = max((a for _i, a, _t0, _t1, _ans in accepted), default=fixture["start_price"])
        ms = lambda v: f"{v * 1000:.0f}"  # noqa: E731
        print(f"auction: bids sent {len(answers)}, accepted {len(accepted)}, refused {len(refused)} "
              f"({', '.join(f'{c} {n}' for c, n in sorted(codes.items()))})")
        print(f"auction: database: {len(db_bids)} bids ({len(db_bids) - refused_in_db} accepted, {refused_in_db} "
              f"refused), order 1..{db_seq}, {logged} log entries")
        print(f"auction: lost {no_answer + lost_db} (no answer {no_answer}, accepted but not in the database or "
              f"not on every screen {lost_db}); answered bids not in the database "
              f"{len(answers) - no_answer - len(db_bids)}")
        print(f"auction: final price {float(db_price):,.2f} (highest accepted bid {highest:,.2f}: "
              f"{'equal' if abs(float(db_price) - highest) < 0.005 else 'DIFFERENT'})")
        print(f"auction: bid -> every screen: p50 {ms(pct(latencies, 50))} ms, p95 {ms(pct(latencies, 95))} ms "
              f"({len(latencies)} deliveries); to the last screen: p50 {ms(pct(to_last, 50))} ms, "
              f"p95 {ms(pct(to_last, 95))} ms")
        print(f"auction: Odoo's bus round trip (floor): p50 {ms(pct(ping_lat, 50))} ms, p95 {ms(pct(ping_lat, 95))} ms "
              f"({len(pings)} notifications x {len(screens)} screens); to the last screen: p50 "
              f"{ms(pct(ping_last, 50))} ms, p95 {ms(pct(ping_last, 95))} ms")
        alive = sum(1 for screen in screens if screen.is_alive())
        counts = [len(screen.seen) for screen in screens]
        print(f"auction: screens still connected {alive}/{len(screens)}; bids received per screen min {min(counts)}, "
              f"max {max(counts)} of {len(accepted)}")
        if latencies:
            print(f"auction: bid answer (HTTP) p50 {ms(statistics.median([t1 - t0 for _i, _a, t0, t1, _x in answers]))} ms")
        ok = no_answer + lost_db == 0 and abs(float(db_price) - highest) < 0.005
        return 0 if ok else 1
    finally:
        os.killpg(server.pid, 15)
        server.wait(30)


if __name__ == "__main__":
    sys.exit(main())
