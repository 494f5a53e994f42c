"""Public resource trading benchmarks (issue 4).

1. Sealed bids in the last minute: N bidders (default 200) each upload one sealed bid of S MB (default
   5) to a real Odoo started here with --workers=2 on a loopback port, their start times spread over the
   last W seconds (default 60) before the deadline. Reported: received, bidders without a receipt (must
   be 0), refused, lost (must be 0), duplicated (must be 0), latency p50/p95, throughput, and each distinct
   refusal with its message; the server's log is kept in GOV_BENCH_TRADING_SERVER_LOG (default
   /tmp/gov_bench_trading_server.log).
2. Expert draw from a pool of P experts (default 10,000) with conflict exclusion, and its re-verification.
3. Opening of B sealed bids (default 300): opening, decryption of every bid, closing, and the opening
   record PDF (a background job from 50 bids, run here in the benchmark's transaction).

Sizes: GOV_BENCH_TRADING_BIDDERS, GOV_BENCH_TRADING_BID_MB, GOV_BENCH_TRADING_WINDOW,
GOV_BENCH_TRADING_POOL, GOV_BENCH_TRADING_OPENING, GOV_BENCH_TRADING_PORT (0 = any free port),
GOV_BENCH_TRADING_DOUBLE (share of bidders who send their bid twice at once, default 0.1).
The upload part commits its data (the server must see it) and deletes it afterwards.
"""
import base64
import collections
import concurrent.futures
import datetime
import json
import os
import random
import re
import socket
import subprocess
import sys
import threading
import time

import requests
from benchlib import timed
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from odoo.addons.gov_public_resource_trading.tools import seal_bid as sealing

from odoo import fields

N_BIDDERS = int(os.environ.get("GOV_BENCH_TRADING_BIDDERS", "200"))
BID_MB = float(os.environ.get("GOV_BENCH_TRADING_BID_MB", "5"))
WINDOW = float(os.environ.get("GOV_BENCH_TRADING_WINDOW", "60"))
POOL = int(os.environ.get("GOV_BENCH_TRADING_POOL", "10000"))
OPENING = int(os.environ.get("GOV_BENCH_TRADING_OPENING", "300"))
PORT = int(os.environ.get("GOV_BENCH_TRADING_PORT", "0"))
DOUBLE = float(os.environ.get("GOV_BENCH_TRADING_DOUBLE", "0.1"))
PASSWORD = "bench-Trading-2026"


def _uscc(i):
    from stdnum.cn import uscc
    base = f"91361100MA{i:06X}"[:16] + "0"
    base = (base + "0" * 17)[:17]
    return base + uscc.calc_check_digit(base)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _percentile(values, pct):
    if not values:
        return 0.0
    values = sorted(values)
    k = (len(values) - 1) * pct / 100.0
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def _make_lot(env, name, deadline, n_registrations, tag):
    """A published lot with approved bidders registered (bench set-up, rules bypassed on purpose)."""
    company = env.ref("base.main_company")
    tenderer = env["res.partner"].create({"name": f"基准测试招标人{tag}", "is_company": True})
    now = fields.Datetime.now()
    project = env["gov.trading.project"].create({
        "name": name, "kind": "construction", "method": "open", "company_id": company.id,
        "tenderer_id": tenderer.id, "estimate_amount": 50_000_000, "state": "registered"})
    lot = env["gov.trading.lot"].create({
        "project_id": project.id, "name": "一标段", "estimate_amount": 50_000_000, "deposit_amount": 0,
        "date_sale_start": now - datetime.timedelta(days=30), "date_sale_end": now - datetime.timedelta(days=20),
        "date_bid_deadline": now + datetime.timedelta(days=1), "scoring_method": "lowest_price"})
    partners = env["res.partner"].create([
        {"name": f"基准投标人{tag}-{i:04d}", "is_company": True, "gov_id_type": "uscc",
         "gov_id_number": _uscc(i + (0 if tag == "u" else 500000))} for i in range(n_registrations)])
    bidders = env["gov.trading.bidder"].create([{"partner_id": p.id, "state": "approved"} for p in partners])
    env.flush_all()
    env.cr.execute("UPDATE gov_trading_lot SET state = 'published', date_bid_deadline = %s WHERE id = %s",
                   [deadline, lot.id])
    lot.invalidate_recordset()
    regs = env["gov.trading.registration"]
    # registrations inserted directly: the registration window of the set-up lot is over on purpose
    env.cr.execute("""
        INSERT INTO gov_trading_registration (bidder_id, lot_id, project_id, company_id, state, date_registered,
                                              create_uid, write_uid, create_date, write_date)
        SELECT b.id, %s, %s, %s, 'registered', now() at time zone 'UTC', 1, 1, now() at time zone 'UTC',
               now() at time zone 'UTC'
          FROM gov_trading_bidder b WHERE b.id = ANY(%s) ORDER BY b.id RETURNING id
    """, [lot.id, project.id, company.id, bidders.ids])
    regs = regs.browse([r[0] for r in env.cr.fetchall()])
    return project, lot, bidders, regs


def bench_uploads(env, report):
    n, size = N_BIDDERS, int(BID_MB * 1024 * 1024)
    db = env.cr.dbname
    start_setup = time.perf_counter()
    env.cr.execute("SELECT COALESCE(max(sequence), 0) FROM gov_trading_log")
    log_seq = env.cr.fetchone()[0]
    project, lot, bidders, regs = _make_lot(env, "基准测试：最后一分钟递交", fields.Datetime.now()
                                            + datetime.timedelta(days=1), n, "u")
    group = env.ref("gov_hall_base.group_gov_portal_bidder")
    stamp = int(time.time())
    users = env["res.users"].with_context(no_reset_password=True).create([
        {"name": b.name, "login": f"bench_bidder_{stamp}_{i:04d}", "group_ids": [(6, 0, group.ids)]}
        for i, b in enumerate(bidders)])
    # one PBKDF2 hash computed once for all the bench users (not one per user at creation)
    from passlib.hash import pbkdf2_sha512
    env.flush_all()
    env.cr.execute("UPDATE res_users SET password = %s WHERE id = ANY(%s)",
                   [pbkdf2_sha512.using(rounds=600_000).hash(PASSWORD), users.ids])
    for bidder, user in zip(bidders, users):
        bidder.user_ids = [(6, 0, user.ids)]
    env.cr.commit()
    port = PORT or _free_port()
    cmd = [sys.executable, os.path.join(os.environ.get("ODOO_SRC", "/opt/odoo/19.0"), "odoo-bin"), "server",
           "-c", os.environ["GOV_ODOO_CONF"], "--addons-path", os.environ["GOV_ADDONS_PATH"],
           "--data-dir", os.environ["GOV_DATA_DIR"], "-d", db, "--db-filter", f"^{db}$",
           "--workers=2", "--max-cron-threads=0", f"--http-port={port}", "--http-interface=127.0.0.1",
           "--log-level=warn", "--limit-time-real=600", "--limit-time-cpu=600"]
    # the server's log is kept: a refused upload is explained there (the serialisation retries are logged too)
    log_path = os.environ.get("GOV_BENCH_TRADING_SERVER_LOG") or "/tmp/gov_bench_trading_server.log"
    log_file = open(log_path, "w")  # noqa: SIM115
    report("trading.upload.server_log", log_path)
    server = subprocess.Popen(cmd, stdout=log_file, stderr=log_file)
    base = f"http://127.0.0.1:{port}"
    sessions = []
    try:
        for _ in range(120):
            try:
                if requests.get(base + "/web/login", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(1)

        def login(user):
            s = requests.Session()
            r = s.post(base + "/web/session/authenticate", timeout=120, json={
                "jsonrpc": "2.0", "params": {"db": db, "login": user.login, "password": PASSWORD}})
            r.raise_for_status()
            page = s.get(f"{base}/my/trading", timeout=120).text
            csrf = re.search(r'csrf_token[^0-9a-f]{1,20}([0-9a-f]{40}o[0-9]+)', page).group(1)
            # the bidder's signing key, registered on the portal as the sealing page does
            signing_key = sealing.new_signing_key()
            s.post(f"{base}/my/trading/signing_key", timeout=120,
                   data={"csrf_token": csrf, "public_key": signing_key["public_spki"]}).raise_for_status()
            return s, csrf, signing_key

        report("trading.upload.server_start_seconds", time.perf_counter() - start_setup, "s")
        t_login = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            sessions = list(pool.map(login, users))
        report("trading.upload.login_seconds", time.perf_counter() - t_login, "s")
        report("trading.upload.setup_seconds", time.perf_counter() - start_setup, "s")
        payloads = {}
        lock = threading.Lock()

        def payload(i):
            # one sealed bid file per bidder (the same file when sent twice): a ticket, then sealed and
            # signed with the portal's own tool (tools/seal_bid.py)
            with lock:
                if i not in payloads:
                    s, _csrf, signing_key = sessions[i]
                    ticket = s.get(f"{base}/my/trading/registration/{regs[i].id}/ticket", timeout=120).json()
                    sealed, _key = sealing.seal(ticket, signing_key, "%.2f" % (40_000_000 + i), 90,
                                                files=[("投标文件.pdf", os.urandom(size), "application/pdf")])
                    payloads[i] = (json.dumps(sealed).encode(), sealed["sha256"])
                return payloads[i]

        # the bids are sealed before the last minute (sealing is the bidder's own work)
        for i in range(n):
            payload(i)
        # the deadline: the last minute starts now
        t0 = time.time()
        deadline = fields.Datetime.now() + datetime.timedelta(seconds=WINDOW + 30)
        env.cr.execute("UPDATE gov_trading_lot SET date_bid_deadline = %s WHERE id = %s", [deadline, lot.id])
        env.cr.commit()
        # some bidders send their bid twice at once (double click, client retry): still one bid each
        doubles = set(random.sample(range(n), int(n * DOUBLE)))
        jobs = [(i, 0) for i in range(n)] + [(i, 1) for i in sorted(doubles)]
        results = {}
        offsets = sorted(random.uniform(0, WINDOW) for _ in range(n))

        def upload(job):
            i, _copy = job
            body, digest = payload(i)
            time.sleep(max(0.0, t0 + offsets[i] - time.time()))
            s, csrf, _signing_key = sessions[i]
            started = time.perf_counter()
            try:
                r = s.post(f"{base}/my/trading/registration/{regs[i].id}/bid", timeout=300,
                           data={"csrf_token": csrf},
                           files={"bid": ("bid.sealed.json", body, "application/json")})
                latency = time.perf_counter() - started
                body = r.json() if r.headers.get("Content-Type", "").startswith("application/json") else {}
                ok = r.status_code == 200 and body.get("sha256") == digest
                # an error page: its title and its message (werkzeug's pages give the message in <p>)
                title = r.text.split("<title>")[-1].split("</title>")[0][:200]
                message = r.text.split("<p>")[-1].split("</p>")[0][:300] if "<p>" in r.text else ""
                results[job] = ("ok" if ok else "refused", latency, body.get("receipt"),
                                body.get("error") or f"HTTP {r.status_code}: {title} {message}".strip())
            except requests.RequestException as e:
                results[job] = ("error", time.perf_counter() - started, None, str(e))

        threads = [threading.Thread(target=upload, args=(job,)) for job in jobs]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.time() - t0
        env.cr.rollback()
        env.invalidate_all()
        env.cr.execute("""SELECT receipt_number, registration_id, state FROM gov_trading_bid WHERE lot_id = %s""",
                       [lot.id])
        stored = env.cr.fetchall()
        all_receipts = {r[0] for r in stored}
        active = {}
        for receipt, reg, state in stored:
            if state == "submitted":
                active.setdefault(reg, []).append(receipt)
        ok_by_reg = {}
        for (i, _copy), res in results.items():
            if res[0] == "ok":
                ok_by_reg.setdefault(regs[i].id, []).append(res[2])
        # lost: a receipt given but no stored bid, a bidder with a receipt but no active bid, or no answer
        lost = sum(1 for rs in ok_by_reg.values() for r in rs if r not in all_receipts)
        lost += sum(1 for reg in ok_by_reg if reg not in active)
        lost += sum(1 for res in results.values() if res[0] == "error")
        duplicated = sum(len(v) - 1 for v in active.values() if len(v) > 1)
        duplicated += sum(1 for reg in active if reg not in ok_by_reg)
        latencies = [res[1] for res in results.values() if res[0] == "ok"]
        receipts = [r for rs in ok_by_reg.values() for r in rs]
        report("trading.upload.double_submissions", len(doubles))
        report("trading.upload.bidders", n)
        report("trading.upload.bid_size", BID_MB, "MB")
        report("trading.upload.received", len(ok_by_reg))
        # a bidder whose every copy was refused has no bid (must be 0; the refusal's message is printed below)
        report("trading.upload.bidders_without_receipt", n - len(ok_by_reg))
        report("trading.upload.receipts", len(receipts))
        report("trading.upload.refused", sum(1 for res in results.values() if res[0] == "refused"))
        report("trading.upload.lost", lost)
        report("trading.upload.duplicated", duplicated)
        report("trading.upload.latency_p50", _percentile(latencies, 50), "s")
        report("trading.upload.latency_p95", _percentile(latencies, 95), "s")
        report("trading.upload.elapsed", elapsed, "s")
        env.cr.execute("""SELECT count(*), count(sequence) FROM gov_trading_log
                           WHERE lot_id = %s AND event IN ('bid_received', 'bid_replaced')""", [lot.id])
        logged, chained = env.cr.fetchone()
        report("trading.upload.logged", logged)
        report("trading.upload.log_chained", chained)
        report("trading.upload.log_intact", env["gov.trading.log"].verify_chain()["ok"])
        report("trading.upload.throughput", n * BID_MB / elapsed if elapsed else 0.0, "MB/s")
        # each distinct refusal once, with how many got it (the second copies' "nonce already used" and
        # anything else, which the server's log then explains)
        errors = collections.Counter(str(res[3])[:300] for res in results.values() if res[0] != "ok")
        if errors:
            report("trading.upload.errors", "; ".join(f"{count} x {e}" for e, count in errors.most_common()))
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
        log_file.close()
        env.cr.rollback()
        env.invalidate_all()
        # clean up what was committed: the trading log is append-only (PostgreSQL refuses its DELETE), so
        # the lot, its bids, their ciphertexts and their log entries then stay on the bench database
        bids = env["gov.trading.bid"].search([("lot_id", "=", lot.id)])
        attachments = env["ir.attachment"].search([("res_model", "=", "gov.trading.bid"), ("res_id", "in", bids.ids)])
        partners = bidders.partner_id
        try:
            with env.cr.savepoint():
                env.cr.execute("DELETE FROM gov_trading_log WHERE sequence > %s", [log_seq])
                env.cr.execute("DELETE FROM gov_trading_bid WHERE lot_id = %s", [lot.id])
                attachments.unlink()
                env.cr.execute("DELETE FROM gov_trading_registration WHERE lot_id = %s", [lot.id])
                env.invalidate_all()
                bidders.unlink()
                project.unlink()
        except Exception:  # noqa: BLE001 - the append-only log keeps its entries, and so their records
            env.invalidate_all()
            report("trading.upload.cleanup", "the lot and its log entries stay (append-only log)")
        try:
            with env.cr.savepoint():
                users.unlink()
        except Exception:  # noqa: BLE001 - a user with history cannot be deleted: archive it
            users.write({"active": False})
        try:
            with env.cr.savepoint():
                partners.unlink()
        except Exception:  # noqa: BLE001
            partners.write({"active": False})
        env.cr.commit()


def bench_draw(env, report):
    spec = env["gov.trading.specialty"].create({"name": "基准测试专业"})
    project, lot, bidders, regs = _make_lot(env, "基准测试：专家抽取", fields.Datetime.now()
                                            + datetime.timedelta(days=1), 20, "d")
    with timed() as m:
        env.cr.execute("""
            INSERT INTO gov_trading_expert (name, region, available, penalized, active, employer_id,
                                            create_uid, write_uid, create_date, write_date)
            SELECT '专家' || g, '上饶市', g %% 50 <> 0, g %% 97 = 0, TRUE,
                   CASE WHEN g %% 500 = 0 THEN %s END, 1, 1, now(), now()
              FROM generate_series(1, %s) g RETURNING id
        """, [bidders[0].partner_id.id, POOL])
        ids = [r[0] for r in env.cr.fetchall()]
        env.cr.execute("""INSERT INTO gov_trading_expert_gov_trading_specialty_rel
                          (gov_trading_expert_id, gov_trading_specialty_id) SELECT unnest(%s::int[]), %s""",
                       [ids, spec.id])
    report("trading.draw.pool", POOL)
    report("trading.draw.pool_setup", m.seconds, "s")
    supervisor = env.ref("base.user_admin")  # a hall administrator: a supervisor other than the drawing user
    draw = env["gov.trading.expert.draw"].create({"lot_id": lot.id, "specialty_id": spec.id,
                                                  "committee_size": 9, "tenderer_rep_count": 2,
                                                  "supervisor_id": supervisor.id})
    with timed() as m:
        draw.action_commit()
        draw.action_snapshot()
        draw.with_user(supervisor).action_draw("基准测试监督员输入")
    report("trading.draw.seconds", m.seconds, "s")
    report("trading.draw.eligible", len(draw.snapshot.split(",")))
    with timed() as m:
        ok = draw.verify_draw()
    report("trading.draw.verify_seconds", m.seconds, "s")
    report("trading.draw.verified", ok)


def bench_opening(env, report):
    n = OPENING
    project, lot, bidders, regs = _make_lot(env, "基准测试：开标", fields.Datetime.now()
                                            + datetime.timedelta(days=1), n, "o")
    keys = []
    with timed() as m:
        for i, reg in enumerate(regs):
            key, iv, salt = os.urandom(32), os.urandom(12), os.urandom(16)
            payload = ('{"price": %d, "duration_days": 200, "files": [{"name": "bid.pdf", "size": 65536, '
                       '"data": "%s"}]}' % (40_000_000 + i * 1000, base64.b64encode(os.urandom(48_000)).decode()))
            ciphertext = AESGCM(key).encrypt(iv, payload.encode(), None)
            bid = env["gov.trading.bid"]._seal(reg, ciphertext, None, base64.b64encode(salt).decode(),
                                               base64.b64encode(iv).decode(), 250_000)
            keys.append((bid, base64.b64encode(key).decode()))
    report("trading.opening.bids", n)
    report("trading.opening.seal_seconds", m.seconds, "s")
    env.flush_all()
    env.cr.execute("UPDATE gov_trading_lot SET date_bid_deadline = (now() at time zone 'UTC') - interval '1 second' "
                   "WHERE id = %s", [lot.id])
    lot.invalidate_recordset()
    with timed() as m:
        lot.action_open()
    report("trading.opening.open_seconds", m.seconds, "s")
    with timed() as m:
        for bid, key in keys[:-1]:
            bid._decrypt(key)
    report("trading.opening.decrypt_seconds", m.seconds, "s")
    with timed() as m:
        keys[-1][0]._decrypt(keys[-1][1])  # the last decryption closes the opening and publishes the record
    report("trading.opening.close_seconds", m.seconds, "s")
    # from 50 bids the opening record PDF is a background job (queue_job): run here, as the job runner would
    if lot.gov_job_id:
        from odoo.addons.queue_job.job import Job
        with timed() as m:
            Job.load(env, lot.gov_job_id.uuid).perform()
        report("trading.opening.record_job_seconds", m.seconds, "s")
    report("trading.opening.record_published", bool(lot.project_id.announcement_ids.filtered(
        lambda a: a.kind == "opening")))
    report("trading.opening.valid_bids", lot.valid_bid_count)
    env["gov.trading.log"]._chain_pending()  # this benchmark's entries are not committed: chain them here
    with timed() as m:
        res = env["gov.trading.log"].verify_chain()
    report("trading.log.entries", res["count"])
    report("trading.log.verify_seconds", m.seconds, "s")
    report("trading.log.intact", res["ok"])


def run(env, report):
    bench_uploads(env, report)
    bench_draw(env, report)
    bench_opening(env, report)
