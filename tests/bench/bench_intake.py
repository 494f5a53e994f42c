"""gov_hall_intake benchmarks: intake rate, one supervision scan, statistics by department x month.

Sizes (environment variables, defaults are the issue's sizes):
  GOV_BENCH_INTAKE_CASES   cases generated with the seed distributions, 20% open  (1,000,000)
  GOV_BENCH_INTAKE_N       cases received through the wizard's methods            (1,000)

Figures printed:
  intake: cases/s through ``create`` + ``action_accept`` (what the intake wizard calls, one case at a
  time) in the context the wizard runs in (mail.thread on: the clerk follows the case, the changes are
  tracked; the case is created with ``mail_create_nolog`` as the wizard does, its acceptance entry says it),
  and the ratio to creating a minimal mail.thread record (a first-inquiry log entry) in the same context
  (its creator follows it, its creation is logged): the goal figure; three alternating rounds of each, the
  best round counted. The same two legs with mail.thread's create bypassed on both sides
  (``tracking_disable``: the minimal create is then a bare ORM insert, no follower, no log), and a leg
  writing the same records (the case with its material lines, the task, the chatter entry) through the ORM
  alone, without the workflow, with tracking off: how much of an intake is the ORM's cost of what it writes;
  supervision scan: seconds and peak Python memory of the first full scan (all open cases change colour,
  no notifications) and of the next day's scan (only the colour changes, with the set-based activities),
  each as a ratio to the bare SQL UPDATE that sets the same colours (the floor);
  statistics: seconds of the department x month figures (grouped on the stored center day) as a ratio to the bare
  SQL GROUP BY (the floor), best of three each.
"""
import datetime
import os

from benchlib import floor_scan, floor_stats, measure, timed

from odoo.tools import SQL

from odoo.addons.gov_hall_base.tools.dates import center_tz

# Hanjiang zone volumes (seed 001): weights of the generated departments
ZONE_VOLUMES = [31000, 30000, 14268, 9504, 2403, 1983, 651]


def _setup(env, code="BM", name="基准测试行政服务中心", partner=None):
    """A bench center with seven departments (seed volumes), one comprehensive window and item each."""
    company = env["res.company"].create({"name": name, "gov_center_code": code,
                                         "gov_center_level": "district"})
    zone = env["gov.hall.zone"].create({"name": "综合受理区", "code": f"{code}-Z", "company_id": company.id})
    depts = env["hr.department"].create([
        {"name": f"基准部门{i + 1}", "gov_stationed": True, "company_id": company.id} for i in range(len(ZONE_VOLUMES))])
    window = env["gov.hall.window"].create({"name": "综合受理窗口", "code": f"{code}01", "kind": "comprehensive",
                                            "company_id": company.id, "zone_id": zone.id})
    items = env["gov.hall.service.item"].create([{
        "name": f"基准事项{i + 1}", "code": f"{code}-{i + 1}", "company_id": company.id, "department_id": d.id,
        "legal_days": 20, "promised_days": 10, "state": "published", "zone_ids": [(6, 0, zone.ids)],
        "material_ids": [(0, 0, {"name": "申请书", "requirement": "required"}),
                         (0, 0, {"name": "身份证明", "requirement": "required"})],
    } for i, d in enumerate(depts)])
    partner = partner or env["res.partner"].create({"name": "基准申请人", "gov_id_type": "id_card",
                                                    "gov_id_number": "361102198503120029"})
    user = env.ref("base.user_admin")
    user.write({"company_ids": [(4, company.id)]})
    return company, depts, window, items, partner, user


def _generate(env, company, depts, window, items, partner, user, n, analyze=True):
    """``n`` cases by SQL: departments weighted by the seed volumes, received over the last two years,
    20% still open with deadlines around today, 80% delivered (about 98% on time, seed 004).

    The working-day deadline (10 days from the day received) is computed by the mixin's set-based
    recomputation once per day a case can be received, on a small table the INSERT joins: one pass over the
    generated rows (updating every row after the INSERT wrote each case twice, a dead version in every index).
    ``analyze=False`` leaves the ANALYZE to the caller (the province analyzes once after all its centers)."""
    today = datetime.date.today()
    total = sum(ZONE_VOLUMES)
    bounds, acc = [], 0
    for v in ZONE_VOLUMES:
        acc += v
        bounds.append(acc / total)
    case_dept = " ".join(f"WHEN r < {b:.6f} THEN {i}" for i, b in enumerate(bounds))
    # required columns added by the addons since (e.g. the notify-and-commit choice) get the ORM's default
    listed = {"name", "company_id", "item_id", "applicant_id", "intake_channel", "state", "date_received",
              "date_received_day"}
    env.cr.execute("""SELECT column_name FROM information_schema.columns WHERE table_name = 'gov_hall_case'
                       AND is_nullable = 'NO' AND column_default IS NULL AND column_name != 'id'""")
    extra = sorted(set(c for (c,) in env.cr.fetchall()) - listed)
    defaults = env["gov.hall.case"].default_get(extra)
    missing = [c for c in extra if defaults.get(c) in (None, False)]
    assert not missing, f"required columns without a default to generate: {missing}"
    extra_cols = "".join(f", {c}" for c in extra)
    extra_vals = "".join(f", %(x_{c})s" for c in extra)
    # the days received: today - 0..19 (open), today - 30..729 (delivered); their deadlines in working days
    env.cr.execute("""
        DROP TABLE IF EXISTS bench_deadlines;
        CREATE TEMP TABLE bench_deadlines AS
        SELECT row_number() OVER () AS id, d::date AS deadline_start, 10 AS deadline_days, 0 AS deadline_paused_days,
               NULL::date AS deadline, NULL::boolean AS deadline_provisional
          FROM generate_series(%(today)s::date - 729, %(today)s::date, interval '1 day') d;
    """, {"today": today})
    env["gov.hall.case"]._recompute_deadlines_sql(SQL.identifier("bench_deadlines"), SQL("TRUE"))
    env.cr.execute(f"""
        DROP TABLE IF EXISTS bench_items;
        CREATE TEMP TABLE bench_items AS
        SELECT * FROM unnest(%(idx)s::int[], %(items)s::int[], %(depts)s::int[]) AS t(idx, item_id, dept_id);
        INSERT INTO gov_hall_case (name, company_id, item_id, item_family_id, department_id, window_id, zone_id,
                                   clerk_id, applicant_id, state, date_received, date_accepted, date_decided,
                                   deadline_start, deadline_days, deadline_paused_days, deadline, deadline_provisional,
                                   on_time, is_overdue,
                                   intake_channel, case_type, working_days_used, rating_value, handled_at_window,
                                   paused, create_uid, write_uid, create_date, write_date, date_received_day{extra_cols})
        SELECT %(prefix)s || g, %(company)s, b.item_id, b.item_id, b.dept_id, %(window)s, %(zone)s, %(uid)s, %(partner)s,
               CASE WHEN open THEN 'accepted' ELSE 'delivered' END,
               acc::timestamp + interval '9 hours', acc,
               CASE WHEN NOT open THEN acc + (CASE WHEN g %% 50 = 0 THEN 20 ELSE 5 END) END,
               acc, 10, 0, COALESCE(dl.deadline, acc + 14), dl.deadline_provisional,
               NOT open AND g %% 50 != 0, NOT open AND g %% 50 = 0,
               'window', 'promised', CASE WHEN open THEN 0 ELSE 4 END,
               CASE WHEN g %% 5 = 0 THEN 5 - (g %% 7 = 0)::int * 3 ELSE 0 END, g %% 4 = 0, FALSE,
               %(uid)s, %(uid)s, now(), now(),
               ((acc::timestamp + interval '9 hours') AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date{extra_vals}
          FROM (SELECT g, (g %% 5 = 0) AS open, random() AS r,
                       CASE WHEN g %% 5 = 0 THEN %(today)s::date - (g %% 20)
                            ELSE %(today)s::date - 30 - (g %% 700) END AS acc
                  FROM generate_series(1, %(n)s) g) s
          JOIN bench_items b ON b.idx = (CASE {case_dept} ELSE {len(bounds) - 1} END)
          LEFT JOIN bench_deadlines dl ON dl.deadline_start = s.acc
    """, {"idx": list(range(len(items))), "items": items.ids, "depts": depts.ids, "company": company.id,
          "window": window.id, "zone": window.zone_id.id, "uid": user.id, "partner": partner.id,
          "today": today, "n": n, "tz": str(center_tz(company)), "prefix": company.gov_center_code or "BM", **{f"x_{c}": defaults[c] for c in extra}})
    if analyze:
        env.cr.execute("ANALYZE gov_hall_case")


# where an intake spends its time: (label, functions whose cumulative time counts, file part)
PROFILE_PARTS = [
    ("numbering (ir.sequence)", ("_next_number",), "gov_hall_intake"),
    ("query code", ("_new_query_code",), "gov_hall_intake"),
    ("routing (department tasks)", ("_route",), "gov_hall_intake"),
    ("acceptance log (chatter)", ("_message_log",), "mail"),
    ("tracking", ("_message_track", "_track_prepare", "_track_finalize"), "mail"),
    ("followers", ("_insert_followers",), "mail"),
    ("activities", ("activity_schedule", "_deadline_create_activities"), ""),
    ("deadline computation", ("_deadline_compute", "add_working_days", "add_working_days_many"), ""),
    ("access checks (rules, groups)", ("_check_access", "has_group", "check_access"), ""),
    ("flush and recompute", ("flush_all", "_recompute_all", "_recompute_field"), "odoo"),
]


def _profile_intake(env, Case, items, partner, window, company, n, report):
    """The same intake (production context) under cProfile: the share of each step in the total
    (cumulative, overlapping)."""
    import cProfile
    import pstats

    prof = cProfile.Profile()
    prof.enable()
    for i in range(n):
        case = Case.with_context(mail_create_nolog=True).create({
            "item_id": items[i % len(items)].id, "applicant_id": partner.id, "window_id": window.id,
            "company_id": company.id, "gov_all_received": True})
        case.action_accept()
    env.cr.flush()
    prof.disable()
    stats = pstats.Stats(prof).stats
    total = sum(tt for (_cc, _nc, tt, _ct, _callers) in stats.values())
    for label, names, where in PROFILE_PARTS:
        cum = 0.0
        for (path, _line, func), (_cc, _nc, _tt, ct, callers) in stats.items():
            # count a function only where it is not called by itself (recursion) or by another of the group
            if func in names and where in path and not any(c[2] in names for c in callers):
                cum += ct
        report(f"intake profile: {label}", 100.0 * cum / total if total else 0.0, "% of the time")
    top = sorted(((ct, f"{os.path.basename(p)}:{func}") for (p, _l, func), (_cc, _nc, _tt, ct, _c) in stats.items()
                  if "gov_" in p), reverse=True)[:8]
    for ct, name in top:
        report(f"intake profile: cumulative {name}", 100.0 * ct / total if total else 0.0, "%")


def run(env, report):
    n_cases = int(os.environ.get("GOV_BENCH_INTAKE_CASES", 1_000_000))
    n_intake = int(os.environ.get("GOV_BENCH_INTAKE_N", 1_000))
    env = env(context=dict(env.context, tracking_disable=True, mail_notrack=True, lang="en_US"))
    company, depts, window, items, partner, user = _setup(env)
    env = env(user=user.id, context=dict(env.context, allowed_company_ids=[company.id]))
    Case = env["gov.hall.case"]

    # -- intake: the wizard's methods, one case at a time, vs a minimal mail.thread record ------------
    # in three alternating rounds, the best round of each counted: on a shared machine the load changes
    # between two long runs, less between two short neighbouring ones.
    # "production": the context the intake wizard runs in (no tracking_disable: the creator follows the
    # record, tracked fields are tracked; the wizard creates the case with mail_create_nolog, its acceptance
    # entry saying it), the minimal record in the same context (its creator follows it, "created" logged);
    # "tracking off": both with mail.thread's create bypassed (the minimal create is a bare ORM insert);
    # "ORM alone": the same records as an intake (the case with its material lines, the department's task,
    # the chatter entry) without the workflow (checks, numbering, deadline, routing), tracking off.
    # Each leg ends with the cursor's flush, as a commit does: the ORM's pending writes and the precommit
    # hooks (mail.thread writes its tracking values there)
    prod_env = env(context={k: v for k, v in env.context.items() if k not in ("tracking_disable", "mail_notrack")})
    legs = {"orm": [], "base_off": [], "intake_off": [], "base_prod": [], "intake_prod": []}
    rounds, k, prod_ids = 3, 0, []
    per_round = max(1, n_intake // rounds)
    Task = env["gov.hall.case.task"].sudo()

    def intake(case_model, i, ids=None):
        case = case_model.with_context(mail_create_nolog=True).create({
            "item_id": items[i % len(items)].id, "applicant_id": partner.id, "window_id": window.id,
            "company_id": company.id, "gov_all_received": True})
        case.action_accept()
        if ids is not None:
            ids.append(case.id)

    for _ in range(rounds):
        with timed() as m:
            for i in range(per_round):
                case = Case.create({"item_id": items[(k + i) % len(items)].id, "applicant_id": partner.id,
                                    "window_id": window.id, "company_id": company.id, "gov_all_received": True})
                Task.create({"case_id": case.id, "department_id": case.department_id.id, "is_lead": True,
                             "deadline_start": case.date_received.date(), "deadline_days": 10})
                case._message_log(body="Accepted.")
            env.cr.flush()
        legs["orm"].append(m.seconds)
        for leg, leg_env in (("off", env), ("prod", prod_env)):
            with timed() as m:
                for i in range(per_round):
                    leg_env["gov.hall.inquiry"].create({"name": f"咨询{leg}{k + i}", "outcome": "pending",
                                                        "company_id": company.id})
                leg_env.cr.flush()
            legs[f"base_{leg}"].append(m.seconds)
            with timed() as m:
                for i in range(per_round):
                    intake(leg_env["gov.hall.case"], k + i, prod_ids if leg == "prod" else None)
                leg_env.cr.flush()
            legs[f"intake_{leg}"].append(m.seconds)
        k += per_round
    best = {leg: per_round / min(seconds) for leg, seconds in legs.items()}
    _profile_intake(prod_env, prod_env["gov.hall.case"], items, partner, window, company, max(50, per_round // 2),
                    report)
    report("intake: cases received and accepted in each leg", per_round * rounds)
    report("intake (production context): cases per second", best["intake_prod"], "cases/s")
    report("intake (production context): minimal mail.thread records per second", best["base_prod"], "records/s")
    report("intake (production context): ratio to minimal mail.thread create", best["intake_prod"] / best["base_prod"])
    report("intake (tracking off on both sides): cases per second", best["intake_off"], "cases/s")
    report("intake (tracking off): minimal mail.thread records per second", best["base_off"], "records/s")
    report("intake (tracking off): ratio to minimal mail.thread create", best["intake_off"] / best["base_off"])
    report("intake: the same records through the ORM alone (tracking off), per second", best["orm"], "cases/s")
    report("intake (tracking off): ratio to the ORM alone writing the same records", best["intake_off"] / best["orm"])
    # what one intake writes: the case, its material lines, its department tasks, its chatter entries, its
    # followers
    env.cr.execute("""
        SELECT count(*),
               (SELECT count(*) FROM gov_hall_case_material m WHERE m.case_id = ANY(%(ids)s)),
               (SELECT count(*) FROM gov_hall_case_task t WHERE t.case_id = ANY(%(ids)s)),
               (SELECT count(*) FROM mail_message m WHERE m.model = 'gov.hall.case' AND m.res_id = ANY(%(ids)s)),
               (SELECT count(*) FROM mail_followers f WHERE f.res_model = 'gov.hall.case' AND f.res_id = ANY(%(ids)s))
          FROM gov_hall_case c WHERE c.id = ANY(%(ids)s)""", {"ids": prod_ids})
    n_received, n_lines, n_tasks, n_messages, n_followers = env.cr.fetchone()
    records = (n_received + n_lines + n_tasks + n_messages + n_followers) / n_received
    report("intake (production context): records created per case (case, material lines, tasks, chatter "
           "entries, followers)", records)
    report("intake (production context): ratio to as many minimal mail.thread creates",
           best["intake_prod"] * records / best["base_prod"])

    # -- generated history -------------------------------------------------------------------------------
    with timed() as m_gen:
        _generate(env, company, depts, window, items, partner, user, n_cases)
    report("generated cases", n_cases)
    report("generation seconds", m_gen.seconds, "s")
    env.cr.execute("SELECT count(*) FROM gov_hall_case WHERE company_id = %s AND state = 'accepted'", [company.id])
    report("open cases", env.cr.fetchone()[0])

    # -- supervision scan -----------------------------------------------------------------------------------
    today = datetime.date.today()
    calendar = env["gov.hall.calendar"]
    yesterday = today - datetime.timedelta(days=1)
    env.cr.execute("SAVEPOINT floor")
    with timed() as m_floor:
        floor_scan(env.cr, company.ids, yesterday)
    env.cr.execute("ROLLBACK TO SAVEPOINT floor")
    report("scan floor: bare SQL UPDATE of the colours", m_floor.seconds, "s")
    with measure() as m_scan:
        changed = Case._cron_supervision_scan(today=yesterday, notify=False)
    report("scan (first, all colours set): changed cases", changed)
    report("scan (first): seconds", m_scan.seconds, "s")
    report("scan (first): peak memory", m_scan.peak_mb, "MB")
    report("scan (first): ratio to floor", m_scan.seconds / m_floor.seconds)
    next_day = calendar.next_working_day(today + datetime.timedelta(days=1))
    env.cr.execute("SAVEPOINT floor2")
    with timed() as m_floor2:
        floor_scan(env.cr, company.ids, next_day)
    env.cr.execute("ROLLBACK TO SAVEPOINT floor2")
    with measure() as m_scan2:
        changed2 = Case._cron_supervision_scan(today=next_day)
    report("scan (next day, with activities): changed cases", changed2)
    report("scan (next day): seconds", m_scan2.seconds, "s")
    report("scan (next day): peak memory", m_scan2.peak_mb, "MB")
    report("scan (next day): ratio to floor", m_scan2.seconds / m_floor2.seconds)

    # -- statistics by department x month ------------------------------------------------------------------
    # best of five each, alternating: a few hundred milliseconds on a shared machine (best of three printed
    # 1.00 x to 1.51 x for the same plans, whose execution times differ by a tenth in EXPLAIN ANALYZE)
    Report = env["gov.hall.case.report"]
    domain = [("company_id", "=", company.id)]
    floors, runs = [], []
    for _ in range(5):
        with timed() as m_sql:
            floor_rows = floor_stats(env.cr, company.ids)
        floors.append(m_sql.seconds)
        with timed() as m_stats:
            rows = Report._statistics(domain, ["department_id", "date_received:month"])
        runs.append(m_stats.seconds)
    report("statistics: groups", len(rows))
    report("statistics floor: bare SQL GROUP BY", min(floors), "s")
    report("statistics: department x month", min(runs), "s")
    report("statistics: ratio to floor", min(runs) / min(floors))
    assert len(rows) == len(floor_rows), (len(rows), len(floor_rows))
