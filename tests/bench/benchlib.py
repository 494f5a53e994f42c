"""Helpers for the benchmarks under tests/bench (run by `make bench`).

Each bench_*.py file defines ``run(env, report)``; ``env`` is a superuser environment on the bench
database (all five addons installed, no demo data) and ``report(name, value, unit)`` prints one line
per figure. The runner rolls the transaction back after each file: a benchmark that needs other
processes to see its data commits it itself and cleans up after.
"""
import time
import tracemalloc
import urllib.request
from contextlib import contextmanager


class Measure:
    seconds = 0.0
    peak_mb = 0.0


@contextmanager
def measure():
    """Wall time and peak Python memory (tracemalloc) of the block: ``with measure() as m: ...``."""
    m = Measure()
    tracemalloc.start()
    start = time.perf_counter()
    try:
        yield m
    finally:
        m.seconds = time.perf_counter() - start
        m.peak_mb = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()


@contextmanager
def timed():
    """Wall time only (no tracemalloc overhead): ``with timed() as m: ...``."""
    m = Measure()
    start = time.perf_counter()
    try:
        yield m
    finally:
        m.seconds = time.perf_counter() - start


def wait_http(url, seconds=180):
    """Wait until the Odoo server at ``url`` answers its login page (the load and auction runs start their own
    servers); False after ``seconds``."""
    for _ in range(seconds):
        try:
            with urllib.request.urlopen(url + "/web/login", timeout=5) as r:
                if r.status == 200:
                    return True
        except Exception:  # noqa: BLE001
            time.sleep(1)
    return False



# -- floors shared by the intake and province figures: the bare SQL the ORM's work is compared with ---------
def floor_scan(cr, company_ids, today):
    """The supervision scan's floor: one bare UPDATE setting the colours (red past the deadline, yellow within 2
    working days) of the open cases of ``company_ids`` as of ``today``."""
    cr.execute("""
        UPDATE gov_hall_case c
           SET supervision_color = CASE WHEN c.deadline < %(today)s THEN 'red'
                                        WHEN d.wd_count - t.wd_count <= 2 THEN 'yellow' ELSE 'green' END
          FROM gov_hall_calendar_index d, gov_hall_calendar_index t
         WHERE d.day = c.deadline AND t.day = %(today)s AND c.company_id = ANY(%(companies)s)
           AND c.state IN ('accepted', 'to_approve')
    """, {"today": today, "companies": list(company_ids)})


def floor_stats(cr, company_ids):
    """The statistics' floor: the bare GROUP BY department x month (of the stored UTC time) of the same figures
    over the cases of ``company_ids``; returns the rows."""
    cr.execute("""
        SELECT department_id, date_trunc('month', date_received), count(*),
               count(date_accepted), count(date_decided), count(*) FILTER (WHERE date_decided IS NOT NULL AND on_time),
               sum(is_overdue::int), sum(handled_at_window::int), avg(working_days_used) FILTER (WHERE date_decided IS NOT NULL),
               count(*) FILTER (WHERE rating_value > 0), count(*) FILTER (WHERE rating_value >= 3),
               count(*) FILTER (WHERE rating_value BETWEEN 1 AND 2)
          FROM gov_hall_case WHERE company_id = ANY(%s) AND state != 'draft'
         GROUP BY 1, 2
    """, [list(company_ids)])
    return cr.fetchall()
