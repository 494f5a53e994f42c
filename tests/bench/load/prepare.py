"""The load test's data on the bench database, committed (the server processes must see it).

Run with Odoo's Python (scripts/bench.sh does):  python tests/bench/load/prepare.py DATABASE FIXTURE.json

Built once per database (the system parameter ``gov_bench.load_fixture`` remembers it, the JSON file
keeps the accounts and ids; drop the database to build it at another size): the bench center of bench_intake.py with its seven departments, items and window and
``GOV_LOAD_CASES`` generated cases (default 1,000,000; the same SQL generator as the intake benchmark),
``GOV_LOAD_TRACK`` delivered cases given query codes for the public tracking and rating pages, clerks at the
comprehensive window, one reviewer per department (items decided by a reviewer), a supervisor, applicants
with a portal account, and a tendering lot open for bids with ``GOV_LOAD_BIDDERS`` registered bidders
(bench_trading.py's set-up). Every account has the password of the fixture file.
"""
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

PASSWORD = "bench-Load-2026"
N_CASES = int(os.environ.get("GOV_LOAD_CASES", 1_000_000))
N_TRACK = int(os.environ.get("GOV_LOAD_TRACK", 20_000))
N_CLERKS = int(os.environ.get("GOV_LOAD_CLERKS", 20))
N_BIDDERS = int(os.environ.get("GOV_LOAD_BIDDERS", 100))
N_APPLICANTS = int(os.environ.get("GOV_LOAD_APPLICANTS", 50))
N_SUPERVISORS = int(os.environ.get("GOV_LOAD_SUPERVISORS", 5))


def _users(env, prefix, n, groups, company, stamp):
    from passlib.hash import pbkdf2_sha512
    users = env["res.users"].with_context(no_reset_password=True).create([{
        "name": f"{prefix}{i:03d}", "login": f"load_{prefix}_{stamp}_{i:03d}",
        "group_ids": [(6, 0, groups.ids)], "company_id": company.id, "company_ids": [(6, 0, company.ids)],
        "lang": "zh_CN", "tz": "Asia/Shanghai"} for i in range(n)])
    env.flush_all()
    # one PBKDF2 hash for every bench account (not one per user at creation)
    env.cr.execute("UPDATE res_users SET password = %s WHERE id = ANY(%s)",
                   [pbkdf2_sha512.using(rounds=600_000).hash(PASSWORD), users.ids])
    return users


def build(env):
    import datetime

    import bench_intake
    import bench_trading

    from odoo import fields

    stamp = int(time.time())
    env = env(context=dict(env.context, tracking_disable=True, mail_notrack=True, lang="en_US"))
    company, depts, window, items, partner, admin = bench_intake._setup(env, code="LD", name="负载测试行政服务中心")
    # decided by a department reviewer (a published version is not edited through the ORM: set-up only)
    env.flush_all()
    env.cr.execute("UPDATE gov_hall_service_item SET decision_level = 'reviewer' WHERE id = ANY(%s)", [items.ids])
    # the items are also applied for online (the online hall's pages)
    if "online" in env["gov.hall.service.item"]._fields:
        env.cr.execute("UPDATE gov_hall_service_item SET online = TRUE WHERE id = ANY(%s)", [items.ids])
    items.invalidate_recordset()
    t0 = time.perf_counter()
    bench_intake._generate(env, company, depts, window, items, partner, admin, N_CASES)
    print(f"generated {N_CASES} cases in {time.perf_counter() - t0:.1f} s", flush=True)
    # the public pages: delivered cases with a query code (tracking, rating once)
    env.cr.execute("""
        UPDATE gov_hall_case SET query_code = 'LD' || lpad(id::text, 8, '0'), fee_state = 'none',
                                 decision = 'approved', date_delivered = date_decided + interval '1 day' 
         WHERE id IN (SELECT id FROM gov_hall_case WHERE company_id = %s AND state = 'delivered'
                       ORDER BY id LIMIT %s)
        RETURNING id, name, query_code
    """, [company.id, N_TRACK])
    track = [{"number": n, "code": c} for _i, n, c in env.cr.fetchall()]
    ref = env.ref
    clerks = _users(env, "clerk", N_CLERKS, ref("gov_hall_base.group_gov_clerk"), company, stamp)
    reviewers = _users(env, "reviewer", len(depts), ref("gov_hall_base.group_gov_reviewer"), company, stamp)
    env["hr.employee"].create([{"name": u.name, "user_id": u.id, "company_id": company.id,
                                "department_id": d.id} for u, d in zip(reviewers, depts)])
    supervisors = _users(env, "supervisor", N_SUPERVISORS, ref("gov_hall_base.group_gov_supervisor"), company,
                         stamp)
    applicants = _users(env, "applicant", N_APPLICANTS, ref("gov_hall_base.group_gov_portal_applicant"),
                        company, stamp)
    for i, user in enumerate(applicants):
        # a valid resident ID card number each (the online hall needs one)
        base = f"3611021985{(i % 12) + 1:02d}{(i % 28) + 1:02d}{i % 1000:03d}"
        weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        check = "10X98765432"[sum(int(c) * w for c, w in zip(base, weights)) % 11]
        user.partner_id.write({"gov_id_type": "id_card", "gov_id_number": base + check})
    # trading: a lot open for bids, every bidder registered
    deadline = fields.Datetime.now() + datetime.timedelta(days=30)
    project, lot, bidders, regs = bench_trading._make_lot(env, "负载测试：在线投标", deadline, N_BIDDERS,
                                                          f"L{stamp % 100000}")
    bidder_users = _users(env, "bidder", N_BIDDERS, ref("gov_hall_base.group_gov_portal_bidder"),
                          env.ref("base.main_company"), stamp)
    for bidder, user in zip(bidders, bidder_users):
        bidder.user_ids = [(6, 0, user.ids)]
    ann = env["gov.trading.announcement"].search([("state", "=", "published")], limit=1)
    env.flush_all()
    return {
        "password": PASSWORD, "company_id": company.id, "window_id": window.id, "item_ids": items.ids,
        "partner_id": partner.id, "department_ids": depts.ids, "cases": N_CASES, "track": track,
        "clerks": clerks.mapped("login"),
        "reviewers": [{"login": u.login, "department_id": d.id} for u, d in zip(reviewers, depts)],
        "supervisors": supervisors.mapped("login"), "applicants": applicants.mapped("login"),
        "bidders": [{"login": u.login, "registration_id": r.id} for u, r in zip(bidder_users, regs)],
        "lot_id": lot.id, "project_id": project.id, "announcement_id": ann.id or 0,
    }


def main():
    import odoo
    from odoo.modules.registry import Registry
    from odoo.tools import config

    db, out = sys.argv[1], sys.argv[2]
    config.parse_config(["-c", os.environ["GOV_ODOO_CONF"], "--addons-path", os.environ["GOV_ADDONS_PATH"],
                         "--data-dir", os.environ["GOV_DATA_DIR"], "-d", db, "--log-level", "warn"])
    registry = Registry(db)
    from odoo.addons.gov_hall_base.tools.protect import granted

    mixin = registry["gov.hall.protected.mixin"]
    protected = [name for name in registry if issubclass(registry[name], mixin)] + ["rating.rating"]
    with registry.cursor() as cr, granted(*protected):
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        ICP = env["ir.config_parameter"]
        done = ICP.get_param("gov_bench.load_fixture")
        if done:
            if os.path.exists(out):
                print(f"load fixture already built on {db} ({done}, {json.load(open(out)).get('cases')} cases)")
                return
            sys.exit(f"the load fixture of {db} was built on {done} but {out} is missing: drop {db} "
                     f"(dropdb {db}) to build it again")
        fixture = build(env)
        ICP.set_param("gov_bench.load_fixture", time.strftime("%Y-%m-%d %H:%M:%S"))
        cr.commit()
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as f:
        json.dump(fixture, f)
    print(f"load fixture written to {out}")


if __name__ == "__main__":
    main()
