"""Primary, streaming replica and two Odoo hosts behind a proxy, on this machine (issue 18).

    python3 tests/bench/replica.py DATABASE        (scripts/bench.sh replica, after the load fixture)

1. A PostgreSQL streaming replica of the local cluster: ``pg_basebackup -R -X stream`` as the postgres OS
   user into GOV_REPLICA_DIR (default /tmp/gov_hall_replica), a hot standby on port GOV_REPLICA_PORT (5442)
   listening on its own socket directory only (no TCP), with its own postgresql.conf and pg_hba.conf
   (Debian keeps the primary's in /etc). Kept running between runs; GOV_REPLICA_REBUILD=1 rebuilds it.
2. Two Odoo processes (--workers=2 each, ports GOV_REPLICA_ODOO_PORTS, default 8322 and 8324) on the same
   database and the same data_dir (filestore and sessions shared, as on shared storage), both with
   ``db_replica_host``/``db_replica_port`` pointing at the replica's socket directory and port.
3. A reverse proxy on GOV_REPLICA_PROXY_PORT (8326): nginx from Debian (tests/bench/load/setup.sh installs
   it) with the two hosts as one upstream, round robin, buffering each request and answer so that a worker
   is free as soon as it has answered (Odoo's prefork workers read a request with a 2 s socket timeout and
   expect such a proxy); a request that could not be sent goes to the other host, one that was sent and
   lost with its host is answered 502 (nginx does not resend a POST). Without nginx (GOV_REPLICA_NGINX=0
   or not installed) a small threaded Python proxy does the same without the buffering: on 2 cores under
   300 users its threads answer late enough for the workers' reads to time out (2 s each).
4. The locust workload of tests/bench/load through the proxy; halfway through, one Odoo is killed (SIGKILL
   of its process group) and restarted. Afterwards: the transactions each cluster served for the
   database (pg_stat_database), and every write that was answered 2xx (cases created and accepted,
   decisions, sealed bids) looked up in the primary.
"""
import http.client
import http.server
import json
import os
import shutil
import signal
import socketserver
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(HERE, "load"))
import run_load  # noqa: E402

PORT = int(os.environ.get("GOV_REPLICA_PORT", 5442))
DIR = os.environ.get("GOV_REPLICA_DIR", "/tmp/gov_hall_replica")
DATA, SOCK = os.path.join(DIR, "data"), os.path.join(DIR, "sock")
PRIMARY_SOCK = os.environ.get("GOV_PRIMARY_SOCKET", "/var/run/postgresql")
PRIMARY_PORT = int(os.environ.get("GOV_PRIMARY_PORT", 5432))
PG_BIN = os.environ.get("GOV_PG_BIN") or "/usr/lib/postgresql/%s/bin" % sorted(
    os.listdir("/usr/lib/postgresql"), key=lambda v: [int(x) for x in v.split(".")])[-1]
ODOO_PORTS = [int(p) for p in os.environ.get("GOV_REPLICA_ODOO_PORTS", "8322,8324").split(",")]
PROXY_PORT = int(os.environ.get("GOV_REPLICA_PROXY_PORT", 8326))


def as_postgres(*cmd, check=True, **kw):
    prefix = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else ["sudo", "-u", "postgres"]
    return subprocess.run([*prefix, *cmd], check=check, capture_output=True, text=True, **kw)


def psql(sock, port, db, sql):
    out = subprocess.run(["psql", "-h", sock, "-p", str(port), "-d", db, "-tAXc", sql], check=True,
                         capture_output=True, text=True).stdout
    return [line.split("|") for line in out.strip().splitlines() if line]


def replica_running():
    return subprocess.run(["pg_isready", "-q", "-h", SOCK, "-p", str(PORT)]).returncode == 0


def build_replica():
    if replica_running() and not os.environ.get("GOV_REPLICA_REBUILD"):
        print(f"replica: running on port {PORT} ({DATA})", flush=True)
        return
    if os.path.isdir(DATA):
        as_postgres(f"{PG_BIN}/pg_ctl", "-D", DATA, "-m", "fast", "stop", check=False)
        shutil.rmtree(DIR)
    os.makedirs(SOCK)
    shutil.chown(DIR, "postgres", "postgres")
    shutil.chown(SOCK, "postgres", "postgres")
    t0 = time.perf_counter()
    # the whole cluster (pg_basebackup copies clusters, not databases), at a bounded rate on a shared machine
    as_postgres(f"{PG_BIN}/pg_basebackup", "-D", DATA, "-h", PRIMARY_SOCK, "-p", str(PRIMARY_PORT), "-R",
                "-X", "stream", "-c", "fast", "--max-rate", os.environ.get("GOV_REPLICA_RATE", "200M"))
    size = subprocess.run(["du", "-sh", DATA], capture_output=True, text=True).stdout.split()[0]
    print(f"replica: pg_basebackup of the cluster ({size}) in {time.perf_counter() - t0:.0f} s", flush=True)
    with open(os.path.join(DATA, "pg_hba.conf"), "w") as f:
        f.write("local all all peer\nlocal replication all peer\n")
    with open(os.path.join(DATA, "pg_ident.conf"), "w") as f:
        f.write("")
    with open(os.path.join(DATA, "postgresql.conf"), "w") as f:
        f.write(f"""# the bench's hot standby (tests/bench/replica.py)
port = {PORT}
listen_addresses = ''
unix_socket_directories = '{SOCK}'
hba_file = '{DATA}/pg_hba.conf'
ident_file = '{DATA}/pg_ident.conf'
hot_standby = on
max_connections = 200
shared_buffers = 256MB
max_standby_streaming_delay = 30s
hot_standby_feedback = on
""")
    for name in ("pg_hba.conf", "pg_ident.conf", "postgresql.conf"):
        shutil.chown(os.path.join(DATA, name), "postgres", "postgres")
    as_postgres(f"{PG_BIN}/pg_ctl", "-D", DATA, "-l", os.path.join(DIR, "replica.log"), "-w", "start")
    print(f"replica: hot standby on port {PORT}, socket {SOCK}", flush=True)


def cluster_stats(db):
    sql = ("SELECT xact_commit + xact_rollback, tup_returned + tup_fetched FROM pg_stat_database "
           f"WHERE datname = '{db}'")
    (p,), (r,) = psql(PRIMARY_SOCK, PRIMARY_PORT, db, sql), psql(SOCK, PORT, db, sql)
    return {"primary": [int(x) for x in p], "replica": [int(x) for x in r]}


NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")  # (sbin is not on every PATH)


class NginxProxy:
    """nginx in the foreground with a configuration of its own under DIR/nginx; ``served`` per host from its
    access log (the upstream that answered each request)."""

    def __init__(self, port, upstreams):
        self.upstreams, self.dir = upstreams, os.path.join(DIR, "nginx")
        os.makedirs(self.dir, exist_ok=True)
        self.log = os.path.join(self.dir, "access.log")
        if os.path.exists(self.log):
            os.remove(self.log)
        # max_fails=0: a host is never taken out for being slow to accept (under load Odoo's listen backlog of
        # 8 x workers is full and a connect waits); a killed host refuses at once and the next one is tried
        servers = "".join(f"        server 127.0.0.1:{u} max_fails=0;\n" for u in upstreams)
        temp = "".join(f"    {k}_temp_path {self.dir}/{k};\n" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        conf = os.path.join(self.dir, "nginx.conf")
        with open(conf, "w") as f:
            f.write(f"""# the bench's reverse proxy (tests/bench/replica.py)
{"user root;" if os.getuid() == 0 else ""}
worker_processes 1;
pid {self.dir}/nginx.pid;
error_log {self.dir}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    log_format upstream '$upstream_addr $status';
    access_log {self.log} upstream;
{temp}    client_max_body_size 64m;
    upstream odoo {{
{servers}    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://odoo;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Host $http_host;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_connect_timeout 60s;
            proxy_read_timeout 600s;
            proxy_send_timeout 600s;
            proxy_buffers 64 16k;
            proxy_next_upstream error timeout;
        }}
    }}
}}
""")
        self.proc = subprocess.Popen([NGINX, "-p", self.dir, "-c", conf, "-g", "daemon off;"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)

    @property
    def served(self):
        counts = {u: 0 for u in self.upstreams}
        if os.path.exists(self.log):
            for line in open(self.log):
                # "127.0.0.1:8322 200", or "127.0.0.1:8322, 127.0.0.1:8324 200" when the first could not be reached
                last = line.rsplit(" ", 1)[0].split(",")[-1].strip()
                port = last.rsplit(":", 1)[-1]
                if port.isdigit() and int(port) in counts:
                    counts[int(port)] += 1
        return counts

    def serve_forever(self):
        self.proc.wait()

    def shutdown(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Proxy(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256

    def __init__(self, port, upstreams):
        self.upstreams, self.turn, self.lock = upstreams, 0, threading.Lock()
        self.served = {u: 0 for u in upstreams}
        super().__init__(("127.0.0.1", port), ProxyHandler)

    def order(self):
        with self.lock:
            self.turn += 1
            k = self.turn % len(self.upstreams)
        return self.upstreams[k:] + self.upstreams[:k]


class ProxyHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _proxy(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("connection", "keep-alive")}
        headers["X-Forwarded-For"] = self.client_address[0]
        for upstream in self.server.order():
            conn = http.client.HTTPConnection("127.0.0.1", upstream, timeout=600)
            try:
                conn.connect()
            except OSError:
                continue  # the host is down: the request was not sent, the next host gets it
            try:
                conn.request(self.command, self.path, body=body, headers=headers)
                resp = conn.getresponse()
                data = resp.read()
            except OSError:
                # the host died with the request: its outcome is unknown, the client gets a 502
                self.send_error(502)
                return
            finally:
                conn.close()
            self.server.served[upstream] += 1
            self.send_response(resp.status)
            for k, v in resp.getheaders():
                if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        self.send_error(503)

    def handle(self):
        try:
            super().handle()
        except OSError:
            pass  # the client gave up (its timeout) while it was answered: nobody to answer

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _proxy


def start_host(db, port):
    return run_load.start_odoo(db, port, int(os.environ.get("GOV_REPLICA_WORKERS", 2)), extra=(
        f"--db_replica_host={SOCK}", f"--db_replica_port={PORT}"))


def stop_host(proc, sig=signal.SIGTERM):
    try:
        os.killpg(proc.pid, sig)
        proc.wait(60)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        pass


def check_writes(db, path):
    kinds = {}
    if os.path.exists(path):
        for line in open(path):
            w = json.loads(line)
            kinds.setdefault(w["kind"], []).append(w)
    missing = {}
    queries = {
        "case": ("SELECT count(*) FROM gov_hall_case WHERE id = ANY(ARRAY[%s]::int[])", "id"),
        "accepted": ("SELECT count(*) FROM gov_hall_case WHERE id = ANY(ARRAY[%s]::int[]) AND state != 'draft'", "id"),
        "decided": ("SELECT count(*) FROM gov_hall_case WHERE id = ANY(ARRAY[%s]::int[]) "
                    "AND state NOT IN ('draft', 'accepted')", "id"),
        "bid": ("SELECT count(DISTINCT sha256) FROM gov_trading_bid WHERE sha256 = ANY(ARRAY[%s]::text[])", "sha256"),
    }
    for kind, (sql, key) in queries.items():
        values = sorted({w[key] for w in kinds.get(kind, [])})
        if not values:
            missing[kind] = (0, 0)
            continue
        literal = ",".join(str(v) if isinstance(v, int) else f"'{v}'" for v in values)
        (found,), = psql(PRIMARY_SOCK, PRIMARY_PORT, db, sql % literal)
        missing[kind] = (len(values), len(values) - int(found))
    return missing


def main():
    db = sys.argv[1]
    build_replica()
    (lag,), = psql(SOCK, PORT, db, "SELECT COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)")
    print(f"replica: in recovery {psql(SOCK, PORT, db, 'SELECT pg_is_in_recovery()')[0][0]}, "
          f"replay lag {float(lag[0]):.1f} s", flush=True)
    hosts = {port: start_host(db, port) for port in ODOO_PORTS}
    if NGINX and os.environ.get("GOV_REPLICA_NGINX", "1") != "0":
        proxy = NginxProxy(PROXY_PORT, ODOO_PORTS)
    else:
        proxy = Proxy(PROXY_PORT, ODOO_PORTS)
        threading.Thread(target=proxy.serve_forever, daemon=True).start()
    print(f"replica: proxy {type(proxy).__name__} on {PROXY_PORT}", flush=True)
    url = f"http://127.0.0.1:{PROXY_PORT}"
    writes = os.path.join(ROOT, "tests/bench/results", f"replica_writes_{db}.jsonl")
    if os.path.exists(writes):
        os.remove(writes)
    try:
        for port in ODOO_PORTS:
            if not run_load.wait_http(f"http://127.0.0.1:{port}"):
                print(f"replica: Odoo on {port} did not start", flush=True)
                sys.exit(1)
        users = int(os.environ.get("GOV_LOAD_USERS", 300))
        duration = os.environ.get("GOV_LOAD_TIME", "180s")
        seconds = int(duration.rstrip("s"))
        warmup = float(os.environ.get("GOV_LOAD_WARMUP", 180))
        before = cluster_stats(db)
        victim = ODOO_PORTS[0]

        def kill_and_restart():
            time.sleep(warmup + seconds / 2)
            stop_host(hosts[victim], signal.SIGKILL)
            print(f"replica: Odoo on {victim} killed {seconds / 2:.0f} s into the measured run", flush=True)
            time.sleep(5)
            hosts[victim] = start_host(db, victim)
            run_load.wait_http(f"http://127.0.0.1:{victim}")
            print(f"replica: Odoo on {victim} answering again", flush=True)

        killer = threading.Thread(target=kill_and_restart, daemon=True)
        killer.start()
        prefix = os.path.join(ROOT, "tests/bench/results", f"replica_{db}")
        spawn = os.environ.get("GOV_LOAD_SPAWN", "2")
        print(f"replica: {users} users (+{spawn}/s) for {duration} after a {warmup:.0f}s warm-up through the proxy "
              f"{url} to {ODOO_PORTS} (think times x {os.environ.get('GOV_LOAD_THINK', '1')})", flush=True)
        run_load.run_locust(url, db, prefix, users, spawn, duration, {"GOV_LOAD_WRITES_LOG": writes}, warmup=warmup)
        if os.path.exists(prefix + "_warmup.json"):
            w = json.load(open(prefix + "_warmup.json"))
            print(f"replica: warm-up {warmup:.0f}s (not counted): {w['requests']} requests, {w['failures']} failures",
                  flush=True)
        killer.join()
        time.sleep(2)
        after = cluster_stats(db)
        rows, failures = run_load.read_stats(prefix)
        run_load.report(rows, failures, f"two hosts + replica, {users} users, {duration}, one host killed")
        d = {k: [a - b for a, b in zip(after[k], before[k])] for k in after}
        total = d["primary"][0] + d["replica"][0]
        print(f"replica: transactions on the primary {d['primary'][0]}, on the replica {d['replica'][0]} "
              f"({100.0 * d['replica'][0] / max(total, 1):.0f}% of {total}); rows read: primary "
              f"{d['primary'][1]}, replica {d['replica'][1]}", flush=True)
        print(f"replica: requests per host {proxy.served}", flush=True)
        lost = check_writes(db, writes)
        for kind, (n, miss) in lost.items():
            print(f"replica: writes answered 2xx, {kind}: {n}, missing afterwards: {miss}", flush=True)
    finally:
        proxy.shutdown()
        for proc in hosts.values():
            stop_host(proc)
        if os.environ.get("GOV_REPLICA_STOP"):
            as_postgres(f"{PG_BIN}/pg_ctl", "-D", DATA, "-m", "fast", "stop", check=False)


if __name__ == "__main__":
    main()
