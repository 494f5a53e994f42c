"""A province: 10,000,000 cases over 100 centers (issue 18). Run alone: ``scripts/bench.sh scale``.

Sizes: GOV_BENCH_SCALE_CASES (10,000,000), GOV_BENCH_SCALE_CENTERS (100). A full run needs about 25 GB of
disk for the table and its indexes (about 2.3 kB per case with the indexes, measured at 100,000 cases), and
on this 2-core machine several hours of generation (the intake generator makes about 1,500 cases/s with
the working-day deadlines); run it on a database of its own (GOV_SCALE_DB). Everything is rolled back.

Figures (each with its floor, in the same run, and peak memory):
- supervision scan over every center (the daily cron, no notifications) vs the bare SQL UPDATE of the
  colours over the same open cases;
- statistics department x month of one center (what a center's statistics page asks) and of the whole
  province vs the bare GROUP BY, with the B-tree index on the center only, then with a BRIN index on
  ``date_received`` added (cases arrive in date order, so the BRIN summary of a block range is tight).

Partitioning: declarative partitioning of gov_hall_case (by center or by year) is not used. Odoo creates
and migrates the table itself, the primary key of a partitioned table must contain the partition key, and
every foreign key to a case (tasks, materials, fees, ratings, pauses) points at ``id`` alone; the 20% of
open cases that the scan touches are found through the partial index on the open states instead. The BRIN
index on ``date_received`` helped while the statistics view converted every case's time to the center's day;
it is still measured, now that the view groups on the stored ``date_received_day``; archiving delivered
cases older than the retention period into a history table is the next step if a center outgrows it.
"""
import datetime
import os
import resource

import bench_intake
from benchlib import floor_scan, floor_stats, measure, timed

N = int(os.environ.get("GOV_BENCH_SCALE_CASES", 10_000_000))
CENTERS = int(os.environ.get("GOV_BENCH_SCALE_CENTERS", 100))


def _stats_pair(env, report, label, company_ids):
    Report = env["gov.hall.case.report"]
    # best of three each: the figures are a few hundred milliseconds on a shared machine
    floors, runs = [], []
    for _ in range(3):
        with timed() as m:
            floor_rows = floor_stats(env.cr, company_ids)
        floors.append(m.seconds)
        with timed() as m:
            rows = Report._statistics([("company_id", "in", company_ids)], ["department_id", "date_received:month"])
        runs.append(m.seconds)
    assert len(rows) == len(floor_rows), (len(rows), len(floor_rows))
    report(f"scale statistics {label}: groups", len(rows))
    report(f"scale statistics {label}: bare GROUP BY", min(floors), "s")
    report(f"scale statistics {label}: department x month", min(runs), "s")
    report(f"scale statistics {label}: ratio to floor", min(runs) / min(floors))


def run(env, report):
    env = env(context=dict(env.context, tracking_disable=True, mail_notrack=True, lang="en_US"))
    per_center = N // CENTERS
    partner = None
    centers = []
    with timed() as m_gen:
        for i in range(CENTERS):
            company, depts, window, items, partner, user = bench_intake._setup(
                env, code=f"S{i:03d}", name=f"省级基准中心{i:03d}", partner=partner)
            bench_intake._generate(env, company, depts, window, items, partner, user, per_center)
            centers.append(company.id)
    env.cr.execute("ANALYZE gov_hall_case")
    report("scale: centers", CENTERS)
    report("scale: generated cases", per_center * CENTERS)
    report("scale: generation seconds", m_gen.seconds, "s")
    env.cr.execute("SELECT pg_size_pretty(pg_total_relation_size('gov_hall_case'))")
    report("scale: gov_hall_case with its indexes", env.cr.fetchone()[0])
    env.cr.execute("SELECT count(*) FROM gov_hall_case WHERE company_id = ANY(%s) AND state = 'accepted'", [centers])
    report("scale: open cases", env.cr.fetchone()[0])

    # -- supervision scan over the province ------------------------------------------------------------------
    today = datetime.date.today() - datetime.timedelta(days=1)
    env.cr.execute("SAVEPOINT scale_floor")
    with timed() as m_floor:
        floor_scan(env.cr, centers, today)
    env.cr.execute("ROLLBACK TO SAVEPOINT scale_floor")
    report("scale scan floor: bare SQL UPDATE", m_floor.seconds, "s")
    with measure() as m_scan:
        changed = env["gov.hall.case"]._cron_supervision_scan(today=today, notify=False)
    report("scale scan: changed cases", changed)
    report("scale scan: seconds", m_scan.seconds, "s")
    report("scale scan: peak Python memory", m_scan.peak_mb, "MB")
    report("scale scan: ratio to floor", m_scan.seconds / m_floor.seconds)

    # -- statistics: one center, the province; then with a BRIN index on the day received -----------------------
    _stats_pair(env, report, "one center (B-tree)", centers[:1])
    _stats_pair(env, report, "province (B-tree)", centers)
    env.cr.execute("CREATE INDEX gov_hall_case_bench_brin ON gov_hall_case USING brin (date_received)")
    env.cr.execute("ANALYZE gov_hall_case")
    _stats_pair(env, report, "one center (+BRIN)", centers[:1])
    _stats_pair(env, report, "province (+BRIN)", centers)
    report("scale: peak resident memory of the process", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "MB")
