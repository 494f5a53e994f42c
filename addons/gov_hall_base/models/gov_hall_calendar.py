"""Working-day calendar (法定工作日历): statutory holidays and make-up working days (调休) per year.

Only the exceptions to "Monday to Friday" are stored (``gov.hall.calendar.day``). From them a flat
index of every day (``gov.hall.calendar.index``) is rebuilt in one SQL statement whenever the
schedule changes; it carries a running count of working days, which makes "N working days after a
date" a join in SQL and a list look-up in Python. Every deadline of the suite uses this service
(the AbstractModel ``gov.hall.calendar``).
"""
import datetime

from odoo import api, fields, models, tools

from ..tools.workdays import WorkdayTable

INDEX_FIRST_DAY = datetime.date(2000, 1, 1)
INDEX_YEARS_AHEAD = 15


class GovHallCalendar(models.AbstractModel):
    """The working-day service used by every addon of the suite."""

    _name = "gov.hall.calendar"
    _description = "Working-Day Calendar Service"

    # -- maintenance -------------------------------------------------------------------------------
    @api.model
    def _index_range(self):
        self.env.cr.execute("SELECT max(year) FROM gov_hall_calendar_year WHERE state = 'published'")
        last_year = max(self.env.cr.fetchone()[0] or 0, fields.Date.context_today(self).year)
        return INDEX_FIRST_DAY, datetime.date(last_year + INDEX_YEARS_AHEAD, 12, 31)

    @api.model
    def _rebuild_index(self):
        """Rebuild the day index from the published schedules in one statement."""
        self.env.flush_all()
        first, last = self._index_range()
        self.env.cr.execute("""
            DELETE FROM gov_hall_calendar_index;
            INSERT INTO gov_hall_calendar_index (day, is_working, provisional, wd_count)
            SELECT d.day, d.is_working, d.provisional,
                   count(*) FILTER (WHERE d.is_working) OVER (ORDER BY d.day)
              FROM (
                SELECT g.day::date AS day,
                       y.id IS NULL AS provisional,
                       CASE WHEN cd.kind = 'holiday' THEN FALSE
                            WHEN cd.kind = 'workday' THEN TRUE
                            ELSE extract(isodow FROM g.day) < 6 END AS is_working
                  FROM generate_series(%(first)s::date, %(last)s::date, interval '1 day') AS g(day)
             LEFT JOIN gov_hall_calendar_year y
                    ON y.year = extract(year FROM g.day) AND y.state = 'published'
             LEFT JOIN gov_hall_calendar_day cd
                    ON cd.date = g.day::date AND cd.year_id = y.id
              ) d
        """, {"first": first, "last": last})
        self.env["gov.hall.calendar.index"].invalidate_model()
        self.env.registry.clear_cache()

    @api.model
    def _schedule_changed(self):
        """A schedule changed: rebuild the index, then recompute every open deadline, set-based."""
        if self.env.context.get("gov_calendar_defer"):
            return
        self._rebuild_index()
        self.env["gov.hall.deadline.mixin"]._recompute_all_open_deadlines()

    @tools.ormcache()
    def _workday_table(self):
        self.env.cr.execute(
            "SELECT day, is_working, provisional FROM gov_hall_calendar_index ORDER BY day"
        )
        rows = self.env.cr.fetchall()
        if not rows:
            return WorkdayTable.weekends_only(INDEX_FIRST_DAY, datetime.date(2100, 12, 31))
        return WorkdayTable(rows[0][0], [r[1] for r in rows], [r[2] for r in rows])

    # -- public API ----------------------------------------------------------------------------------
    @api.model
    def is_working_day(self, day):
        return self._workday_table().is_working(fields.Date.to_date(day))

    @api.model
    def is_provisional(self, day):
        """True when ``day`` falls in a year without a published holiday schedule."""
        return self._workday_table().is_provisional(fields.Date.to_date(day))

    @api.model
    def add_working_days(self, day, days):
        """The ``days``-th working day after ``day`` (the start day is not counted)."""
        return self._workday_table().add(fields.Date.to_date(day), int(days))

    @api.model
    def subtract_working_days(self, day, days):
        """The working day ``days`` working days before ``day``: working_days_between(result, day) == days."""
        return self._workday_table().add(fields.Date.to_date(day), -int(days))

    @api.model
    def add_working_days_many(self, days, counts):
        """Bulk version of :meth:`add_working_days`: lists in, list out."""
        return self._workday_table().add_many([fields.Date.to_date(d) for d in days], [int(n) for n in counts])

    @api.model
    def working_days_between(self, start, end):
        """Working days elapsed after ``start`` up to and including ``end`` (negative if end < start)."""
        return self._workday_table().count_between(fields.Date.to_date(start), fields.Date.to_date(end))

    @api.model
    def add_days(self, day, days):
        """Calendar-day period (tendering law): start day not counted, a period ending on a rest day
        ends on the next working day."""
        return self._workday_table().add_calendar_days(fields.Date.to_date(day), int(days))

    @api.model
    def next_working_day(self, day):
        return self._workday_table().add(fields.Date.to_date(day), 0)
