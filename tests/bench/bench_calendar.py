"""Working-day calendar: adding working days to 1,000,000 dates, and recomputing 200,000 open
deadlines after a holiday schedule is entered. Sizes: GOV_BENCH_DATES, GOV_BENCH_DEADLINES."""
import datetime
import os
import random

from benchlib import measure, timed

from odoo.tools import SQL


def run(env, report):
    cal = env["gov.hall.calendar"]
    n_dates = int(os.environ.get("GOV_BENCH_DATES", 1_000_000))
    n_deadlines = int(os.environ.get("GOV_BENCH_DEADLINES", 200_000))
    rnd = random.Random(42)
    first = datetime.date(2020, 1, 1).toordinal()
    days = [datetime.date.fromordinal(first + rnd.randrange(0, 2500)) for _ in range(n_dates)]
    counts = [rnd.randrange(1, 61) for _ in range(n_dates)]
    cal.add_working_days(days[0], 1)  # load the index once (cached per registry)
    with timed() as t:
        ends = cal.add_working_days_many(days, counts)
    assert len(ends) == n_dates
    report(f"calendar: add working days to {n_dates:,} dates", t.seconds, "s")
    report("calendar: add working days, rate", n_dates / t.seconds, "dates/s")
    with measure() as m:  # second run under tracemalloc, for the memory figure only
        cal.add_working_days_many(days, counts)
    report("calendar: add working days, peak Python memory", m.peak_mb, "MB")

    cr = env.cr
    cr.execute("""
        CREATE TEMP TABLE bench_deadline (id serial PRIMARY KEY, deadline_start date, deadline_days int,
            deadline_paused_days int, deadline date, deadline_provisional bool, state varchar);
        INSERT INTO bench_deadline (deadline_start, deadline_days, deadline_paused_days, state)
        SELECT DATE '2026-10-01' + (i %% 150), 5 + (i %% 40), (i %% 7 = 0)::int * 3,
               CASE WHEN i %% 10 = 0 THEN 'done' ELSE 'open' END
          FROM generate_series(1, %s) i;
        CREATE INDEX ON bench_deadline (state);
        ANALYZE bench_deadline;
    """, (n_deadlines,))
    mixin = env["gov.hall.deadline.mixin"]
    mixin._recompute_deadlines_sql(SQL.identifier("bench_deadline"), SQL("TRUE"))
    # enter the 2027 schedule (hypothetical dates), as the administrator would
    year = env["gov.hall.calendar.year"].search([("year", "=", 2027)])
    year.unlink()
    env["gov.hall.calendar.schedule"].create({
        "year": 2027,
        "line_ids": [(0, 0, {"name": "元旦", "date_from": "2027-01-01", "date_to": "2027-01-03"}),
                     (0, 0, {"name": "春节", "date_from": "2027-02-06", "date_to": "2027-02-14",
                             "makeup_dates": "2027-02-20"})],
    }).with_context(gov_calendar_defer=True).action_confirm()
    with measure() as m:
        cal._rebuild_index()
        changed = mixin._recompute_deadlines_sql(SQL.identifier("bench_deadline"), SQL("t.state = 'open'"))
    report(f"calendar: recompute {n_deadlines:,} deadlines after a schedule change", m.seconds, "s")
    report("calendar: recompute, rows changed", changed, "rows")
    report("calendar: recompute, peak Python memory", m.peak_mb, "MB")
