"""Benchmark of gov_staff_assessment: computing a month and a year of window and staff assessment.

Sizes (seed 004: 242 staff, 92 windows, 247,500 cases in six months) come from the environment variable
GOV_BENCH_ASSESSMENT, e.g. "staff=250,windows=100,cases=50000,inspections=2000,months=12" (the defaults):
``cases`` and ``inspections`` (inspection checks) are per month, ``months`` is the length of the year run.

Figures: seconds and peak Python memory of computing the first month (all rules + scores + ranks +
honours), of recomputing it (idempotent: nothing is counted twice), and of the whole year (every month
computed and approved, then the yearly assessment).
"""
import datetime
import os
import random

from dateutil.relativedelta import relativedelta

from benchlib import measure, timed

DEFAULTS = {"staff": 250, "windows": 100, "cases": 50000, "inspections": 2000, "months": 12}
YEAR = 2026


def sizes():
    result = dict(DEFAULTS)
    for part in os.environ.get("GOV_BENCH_ASSESSMENT", "").split(","):
        if "=" in part:
            key, value = part.split("=", 1)
            if key.strip() in result:
                result[key.strip()] = int(value)
    return result


def setup(env, size):
    """Center, departments, windows, staff with users and postings, a scheme in force."""
    rnd = random.Random(4)
    center = env["res.company"].create({"name": "梅县区行政服务中心(基准)", "gov_center_level": "district",
                                        "gov_center_code": "MXB"})
    departments = env["hr.department"].create([
        {"name": f"进驻单位{i:02d}", "gov_stationed": True, "company_id": center.id} for i in range(1, 48)])
    windows = env["gov.hall.window"].create([
        {"name": f"窗口{i:03d}", "code": f"B{i:03d}", "company_id": center.id, "kind": "department",
         "department_ids": [(6, 0, [departments[i % len(departments)].id])]}
        for i in range(size["windows"])])
    users = env["res.users"].with_context(no_reset_password=True, mail_create_nosubscribe=True).create([
        {"name": f"窗口人员{i:03d}", "login": f"bench_assess_{i}", "company_id": center.id,
         "company_ids": [(6, 0, center.ids)]} for i in range(size["staff"])])
    employees = env["hr.employee"].create([
        {"name": u.name, "user_id": u.id, "company_id": center.id,
         "department_id": windows[i % len(windows)].department_ids[:1].id} for i, u in enumerate(users)])
    env["gov.hall.posting"].create([
        {"employee_id": e.id, "window_id": windows[i % len(windows)].id,
         "department_id": windows[i % len(windows)].department_ids[:1].id, "date_start": f"{YEAR - 1}-06-01"}
        for i, e in enumerate(employees)])
    scheme = env["gov.assessment.scheme"].create({
        "name": "基准考核方案", "company_id": center.id, "date_from": f"{YEAR}-01-01", "date_to": f"{YEAR}-12-31"})
    scheme.action_load_standard_items()
    scheme.action_activate()
    item = env["gov.hall.service.item"].create({
        "name": "基准事项", "code": "BENCH-01", "company_id": center.id, "department_id": departments[0].id,
        "case_type": "promised", "legal_days": 20, "promised_days": 10, "state": "published"})
    applicant = env["res.partner"].create({"name": "基准申请人"})
    env.flush_all()
    return center, windows, users, employees, item, applicant, rnd


def generate_month(env, size, ctx, month):
    """One month of activity in SQL: cases (5% overdue), tasks, ratings (30% of cases, 2% bad, half
    verified), complaints, inspection rounds with checks (8% findings), Friday trainings."""
    center, windows, users, employees, item, applicant, rnd = ctx
    cr = env.cr
    first = month
    last = month + relativedelta(months=1, days=-1)
    days = (last - first).days + 1
    n = size["cases"]
    staff = len(employees)
    params = {"center": center.id, "item": item.id, "applicant": applicant.id, "first": first, "days": days,
              "n": n, "users": users.ids, "employees": employees.ids, "windows": windows.ids, "staff": staff,
              "nwin": len(windows), "prefix": f"BENCH{first:%Y%m}-"}
    cr.execute("""
        INSERT INTO gov_hall_case (company_id, item_id, applicant_id, name, intake_channel, state, date_received,
                                   window_id, clerk_id, clerk_employee_id, handler_id, deadline, date_decided,
                                   is_overdue, on_time, create_date, write_date)
        SELECT %(center)s, %(item)s, %(applicant)s, %(prefix)s || g, 'window',
               CASE WHEN g %% 50 = 0 THEN 'accepted' ELSE 'decided' END,
               %(first)s::date + ((g %% %(days)s) || ' days')::interval + interval '2 hours',
               (%(windows)s::int[])[1 + (g %% %(staff)s) %% %(nwin)s],
               (%(users)s::int[])[1 + g %% %(staff)s], (%(employees)s::int[])[1 + g %% %(staff)s],
               (%(users)s::int[])[1 + (g * 7) %% %(staff)s],
               %(first)s::date + (g %% %(days)s), %(first)s::date + (g %% %(days)s) + (g %% 20 = 0)::int,
               g %% 20 = 0, g %% 20 != 0, now(), now()
          FROM generate_series(1, %(n)s) g
        RETURNING id
    """, params)
    case_ids = [r[0] for r in cr.fetchall()]
    cr.execute("""
        INSERT INTO gov_hall_case_task (case_id, company_id, department_id, user_id, state, deadline, is_overdue)
        SELECT c.id, c.company_id, (SELECT department_id FROM gov_hall_window_department_rel r
                                     WHERE r.window_id = c.window_id LIMIT 1),
               c.handler_id, 'done', c.deadline, c.id %% 40 = 0
          FROM gov_hall_case c WHERE c.id = ANY(%s) AND c.id %% 5 = 0
    """, [case_ids])
    model_id = env["ir.model"]._get_id("gov.hall.case")
    cr.execute("""
        INSERT INTO rating_rating (res_model_id, res_model, res_id, rating, consumed, rated_on, create_date,
                                   write_date)
        SELECT %s, 'gov.hall.case', c.id, CASE WHEN c.id %% 50 = 0 THEN 1 WHEN c.id %% 7 = 0 THEN 4 ELSE 5 END,
               TRUE, c.date_received + interval '1 hour', now(), now()
          FROM gov_hall_case c WHERE c.id = ANY(%s) AND c.id %% 10 < 3
        RETURNING id, res_id, rating
    """, [model_id, case_ids])
    bad = [(rid, res_id) for rid, res_id, value in cr.fetchall() if value <= 2]
    if bad:
        cr.execute("""
            INSERT INTO gov_hall_rating_review (rating_id, state, company_id, case_id, window_id, employee_id,
                                                verified, date_verified)
            SELECT v.rating_id, 'closed', c.company_id, c.id, c.window_id, c.clerk_employee_id,
                   v.rating_id %% 2 = 0, (c.date_received + interval '3 days')::date
              FROM unnest(%s::int[], %s::int[]) AS v(rating_id, case_id)
              JOIN gov_hall_case c ON c.id = v.case_id
        """, [[b[0] for b in bad], [b[1] for b in bad]])
    cr.execute("""
        INSERT INTO gov_complaint (company_id, name, channel, kind, title, state, facts, date_received, window_id,
                                   employee_id, substantiated, fault_employee_id, date_closed)
        SELECT %(center)s, %(prefix)s || 'TS' || g, 'desk', 'service', '服务态度', 'closed', '基准投诉',
               %(first)s::date + (g %% %(days)s), (%(windows)s::int[])[1 + (g * 3 %% %(staff)s) %% %(nwin)s],
               (%(employees)s::int[])[1 + g * 3 %% %(staff)s], g %% 3 = 0,
               (%(employees)s::int[])[1 + g * 3 %% %(staff)s], %(first)s::date + (g %% %(days)s)
          FROM generate_series(1, GREATEST(%(staff)s / 5, 1)) g
    """, params)
    # inspection rounds: four a day on the working days, checks spread over them
    calendar = env["gov.hall.calendar"]
    work_days = [first + datetime.timedelta(days=i) for i in range(days)
                 if calendar.is_working_day(first + datetime.timedelta(days=i))]
    rounds = [(d, r) for d in work_days for r in range(1, 5)]
    cr.execute("""
        INSERT INTO gov_assessment_inspection (company_id, date, round_no, hour, state, name, create_date, write_date)
        SELECT %s, v.d, v.r, 8 + v.r * 2, 'done', v.d || ' #' || v.r, now(), now()
          FROM unnest(%s::date[], %s::int[]) AS v(d, r)
        RETURNING id, date
    """, [center.id, [r[0] for r in rounds], [r[1] for r in rounds]])
    round_rows = cr.fetchall()
    cr.execute("""
        INSERT INTO gov_assessment_inspection_line (round_id, company_id, date, window_id, employee_id, checked,
                                                    on_post, badge, uniform, discipline, etiquette, has_finding)
        SELECT rr.id, %(center)s, rr.date, (%(windows)s::int[])[1 + (g %% %(staff)s) %% %(nwin)s],
               (%(employees)s::int[])[1 + g %% %(staff)s], TRUE,
               g %% 97 != 0, g %% 31 != 0, g %% 53 != 0, g %% 41 != 0, g %% 89 != 0,
               g %% 97 = 0 OR g %% 31 = 0 OR g %% 53 = 0 OR g %% 41 = 0 OR g %% 89 = 0
          FROM generate_series(1, %(checks)s) g
          JOIN unnest(%(round_ids)s::int[], %(round_dates)s::date[]) WITH ORDINALITY AS rr(id, date, k)
            ON rr.k = 1 + g %% %(nrounds)s
    """, dict(params, checks=size["inspections"], round_ids=[r[0] for r in round_rows],
              round_dates=[r[1] for r in round_rows], nrounds=len(round_rows)))
    fridays = [d for d in work_days if d.weekday() == 4]
    cr.execute("""
        INSERT INTO gov_assessment_training (company_id, name, date, date_local, duration, kind, state,
                                             create_date, write_date)
        SELECT %s, '每周五学习培训 ' || d, d + interval '8 hours', d, 1.5, 'business', 'done', now(), now()
          FROM unnest(%s::date[]) d
        RETURNING id, date_local
    """, [center.id, fridays])
    for training_id, _day in cr.fetchall():
        cr.execute("""
            INSERT INTO gov_assessment_training_attendance (training_id, company_id, date, employee_id, state)
            SELECT %s, %s, %s, e, CASE WHEN (e + %s) %% 25 = 0 THEN 'absent' ELSE 'present' END
              FROM unnest(%s::int[]) e
        """, [training_id, center.id, _day, training_id, employees.ids])
    env.invalidate_all()
    return len(case_ids)


def analyze(env):
    """Fresh bulk-loaded tables have no planner statistics yet; autovacuum would gather them in production."""
    env.cr.execute("""ANALYZE gov_hall_case, gov_hall_case_task, rating_rating, gov_hall_rating_review, gov_complaint,
                      gov_assessment_inspection, gov_assessment_inspection_line, gov_assessment_training,
                      gov_assessment_training_attendance, hr_employee, gov_hall_posting""")


def run(env, report):
    size = sizes()
    report("assessment_sizes", ", ".join(f"{k}={v}" for k, v in size.items()))
    with timed() as t:
        ctx = setup(env, size)
        center = ctx[0]
        months = [datetime.date(YEAR, 1, 1) + relativedelta(months=i) for i in range(size["months"])]
        for month in months:
            generate_month(env, size, ctx, month)
        analyze(env)
    report("assessment_generate_seconds", t.seconds, "s")
    Month = env["gov.assessment.month"]
    first = Month.create({"company_id": center.id, "date_from": months[0]})
    with measure() as m:
        first.action_compute()
        env.flush_all()
    report("assessment_month_seconds", m.seconds, "s")
    report("assessment_month_peak_mb", m.peak_mb, "MB")
    report("assessment_month_events", first.event_count)
    report("assessment_month_staff_lines", len(first.staff_line_ids))
    report("assessment_month_window_lines", len(first.window_line_ids))
    with measure() as m:
        first.action_compute()
        env.flush_all()
    report("assessment_month_recompute_seconds", m.seconds, "s")
    report("assessment_month_recompute_events", first.event_count)
    with measure() as m:
        first.action_submit()
        first.action_approve()
        for month in months[1:]:
            rec = Month.create({"company_id": center.id, "date_from": month})
            rec.action_compute()
            rec.action_submit()
            rec.action_approve()
        year = env["gov.assessment.year"].create({"company_id": center.id, "year": YEAR})
        with timed() as y:
            year.action_compute()
            env.flush_all()
    report("assessment_year_seconds", m.seconds, "s")
    report("assessment_year_peak_mb", m.peak_mb, "MB")
    report("assessment_year_compute_only_seconds", y.seconds, "s")
    report("assessment_year_lines", len(year.line_ids))
