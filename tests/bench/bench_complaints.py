"""gov_complaints: the set-based deadline scan of complaints (lights, alerts, escalation).

Sizes: GOV_BENCH_COMPLAINTS (default 200000) open complaints with step deadlines spread over the next
and past 40 working days. Figures: bulk load, recomputation of every open deadline after a holiday
schedule change, the first scan (every light set), a daily scan with its alerts and escalations, and a
scan with nothing to change; the first and the daily scan as a ratio to the bare SQL UPDATE of the same
lights over the same complaints (the floor, rolled back; goal <= 3x); the daily scan and its floor are the best
of three alternating rounds.
"""
import datetime
import os

from benchlib import measure, timed

from odoo.tools import SQL

N = int(os.environ.get("GOV_BENCH_COMPLAINTS", 200000))


def _floor_update(cr, company, today):
    """The lights as one bare SQL UPDATE (the center's yellow days, red once the deadline passed), writing
    the rows whose light changes only, as the scan does."""
    cr.execute("""
        UPDATE gov_complaint c
           SET supervision_color = CASE WHEN c.deadline < %(today)s THEN 'red'
                                        WHEN d.wd_count - t.wd_count <= %(yellow)s THEN 'yellow' ELSE 'green' END
          FROM gov_hall_calendar_index d, gov_hall_calendar_index t
         WHERE d.day = c.deadline AND t.day = %(today)s
           AND c.company_id = %(company)s AND c.state IN ('registered', 'department', 'reply')
           AND c.supervision_color IS DISTINCT FROM
               CASE WHEN c.deadline < %(today)s THEN 'red'
                    WHEN d.wd_count - t.wd_count <= %(yellow)s THEN 'yellow' ELSE 'green' END
    """, {"today": today, "company": company.id, "yellow": company.gov_yellow_days or 0})


def run(env, report):
    cr = env.cr
    Complaint = env["gov.complaint"]
    company = env.company
    calendar = env["gov.hall.calendar"]
    today = datetime.date(2025, 9, 22)  # the scan of the week before the National Day holidays
    depts = env["hr.department"].search([("company_id", "in", [company.id, False])], limit=20)
    if not depts:
        depts = env["hr.department"].create([{"name": f"压测部门{i}", "gov_stationed": True,
                                             "company_id": company.id} for i in range(20)])
    dept_ids = depts.ids
    officer = env.ref("base.user_admin")
    company.gov_yellow_days = 1  # yellow on the last working day, as the figures were first taken
    env.flush_all()

    with timed() as m:
        cr.execute("""
            INSERT INTO gov_complaint (name, company_id, channel, kind, title, facts, date_received,
                                       date_received_day, state, path, step, deadline_start, deadline_days,
                                       deadline_paused_days, supervision_color, overdue, escalated, anonymous,
                                       department_days, department_id, user_id, on_time, on_time_rate,
                                       substantiated, substantiated_count,
                                       create_uid, create_date, write_uid, write_date)
            SELECT 'BENCH' || g, %(company)s,
                   (ARRAY['desk','form','card','mailbox','web','phone','hotline','rating'])[1 + g %% 8],
                   CASE WHEN g %% 3 = 0 THEN 'business' ELSE 'service' END,
                   '窗口人员态度生硬', '压测数据', %(today)s::timestamp - (g %% 30) * interval '1 day',
                   %(today)s::date - (g %% 30),
                   (ARRAY['registered','department','reply'])[1 + g %% 3],
                   CASE WHEN g %% 3 = 0 THEN NULL ELSE 'transfer' END,
                   (ARRAY['opinion','department','reply'])[1 + g %% 3],
                   %(today)s::date - (g %% 40), 1 + (g %% 45), 0, 'green', FALSE, FALSE, TRUE,
                   5, (%(depts)s::int[])[1 + g %% %(ndept)s], CASE WHEN g %% 50 = 0 THEN %(officer)s END,
                   FALSE, 0, FALSE, 0,
                   1, now(), 1, now()
              FROM generate_series(1, %(n)s) g
        """, {"company": company.id, "today": today, "n": N, "depts": dept_ids, "ndept": len(dept_ids),
              "officer": officer.id})
        # deadlines in one statement (the mixin's own SQL)
        Complaint._recompute_deadlines_sql(SQL.identifier(Complaint._table), SQL("t.name LIKE 'BENCH%%'"))
        cr.execute("ANALYZE gov_complaint")
    report("complaints_load", m.seconds, "s")
    report("complaints_count", N)

    # a holiday schedule entered: every open complaint deadline recomputed in one UPDATE
    cr.execute("UPDATE gov_complaint SET deadline = NULL WHERE name LIKE 'BENCH%%'")
    with timed() as m:
        Complaint._recompute_open_deadlines()
    report("complaints_recompute_deadlines", m.seconds, "s")

    # the floor: the bare UPDATE of the same lights over the same open complaints (rolled back)
    # twice, the second one counted: the first pass over freshly loaded rows also sets their hint bits
    for _ in range(2):
        cr.execute("SAVEPOINT complaints_floor")
        with timed() as m_floor:
            _floor_update(cr, company, today)
        cr.execute("ROLLBACK TO SAVEPOINT complaints_floor")
    report("complaints_scan_floor_bare_update", m_floor.seconds, "s")
    with measure() as m:
        changed = Complaint._deadline_scan(today=today, notify=False)
    report("complaints_first_scan_lights", m.seconds, "s")
    report("complaints_first_scan_ratio_to_floor", m.seconds / m_floor.seconds)
    report("complaints_first_scan_peak_mem", m.peak_mb, "MB")
    report("complaints_first_scan_yellow", len(changed["yellow"]))
    report("complaints_first_scan_red", len(changed["red"]))

    # the next working day: lights that change, alerts to officers, escalations to the leaders
    next_day = calendar.add_working_days(today, 1)
    cr.execute("SELECT count(*) FROM mail_activity WHERE res_model = 'gov.complaint'")
    activities_before = cr.fetchone()[0]
    # three rounds, alternating the floor and the scan (each scan but the last rolled back), the best of each
    # counted: a few hundred milliseconds on a shared machine
    floors, scans, peak = [], [], 0.0
    for last in (False, False, True):
        cr.execute("SAVEPOINT complaints_floor2")
        with timed() as m_floor2:
            _floor_update(cr, company, next_day)
        cr.execute("ROLLBACK TO SAVEPOINT complaints_floor2")
        floors.append(m_floor2.seconds)
        if not last:
            cr.execute("SAVEPOINT complaints_daily")
        with measure() as m:
            changed = Complaint._cron_deadline_scan(today=next_day)
            env.flush_all()
        scans.append(m.seconds)
        peak = max(peak, m.peak_mb)
        if not last:
            cr.execute("ROLLBACK TO SAVEPOINT complaints_daily")
            env.invalidate_all(flush=False)
    cr.execute("SELECT count(*) FROM mail_activity WHERE res_model = 'gov.complaint'")
    report("complaints_daily_scan_floor_bare_update", min(floors), "s")
    report("complaints_daily_scan", min(scans), "s")
    report("complaints_daily_scan_peak_mem", peak, "MB")
    report("complaints_daily_scan_changed", len(changed["yellow"]) + len(changed["red"]))
    report("complaints_daily_scan_activities", cr.fetchone()[0] - activities_before)
    report("complaints_daily_scan_ratio_to_floor", min(scans) / min(floors))

    with timed() as m:
        changed = Complaint._cron_deadline_scan(today=next_day)
    report("complaints_idle_scan", m.seconds, "s")
    assert not changed["yellow"] and not changed["red"], "a second scan of the same day changes nothing"
