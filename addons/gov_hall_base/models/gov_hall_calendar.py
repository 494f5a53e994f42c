"""Working-day calendar (法定工作日历): statutory holidays and make-up working days (调休) per year.

Only the exceptions to "Monday to Friday" are stored (``gov.hall.calendar.day``). From them a flat
index of every day (``gov.hall.calendar.index``) is rebuilt in one SQL statement whenever the
schedule changes; it carries a running count of working days, which makes "N working days after a
date" a join in SQL and a list look-up in Python. Every deadline of the suite uses this service
(the AbstractModel ``gov.hall.calendar``).
"""
import datetime
import logging

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

from ..tools.workdays import WorkdayTable

_logger = logging.getLogger(__name__)

INDEX_FIRST_DAY = datetime.date(2000, 1, 1)
INDEX_YEARS_AHEAD = 15

HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


class GovHallCalendarYear(models.Model):
    _name = "gov.hall.calendar.year"
    _description = "Working-Day Calendar Year"
    _inherit = ["mail.thread"]
    _order = "year desc"
    _rec_name = "year"

    year = fields.Integer(required=True, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("published", "Published")],
        default="published", required=True, tracking=True,
        help="Only a published schedule counts. A year without a published schedule uses weekends "
        "only and every deadline falling in it is marked provisional.",
    )
    source = fields.Selection(
        [("chinese_calendar", "chinese-calendar package"), ("manual", "Entered by hand")],
        default="manual", required=True,
    )
    notice_ref = fields.Char("State Council Notice", help="e.g. 国办发明电〔2025〕7号")
    day_ids = fields.One2many("gov.hall.calendar.day", "year_id", string="Days")
    holiday_count = fields.Integer(compute="_compute_counts", string="Holidays")
    makeup_count = fields.Integer(compute="_compute_counts", string="Make-up Working Days")
    working_day_count = fields.Integer(compute="_compute_counts", string="Working Days")
    note = fields.Text()

    _year_uniq = models.Constraint("unique(year)", "There is already a calendar for this year.")
    _year_range = models.Constraint("CHECK(year BETWEEN 1990 AND 2200)", "The year is out of range.")

    @api.depends("day_ids.kind", "state")
    def _compute_counts(self):
        calendar = self.env["gov.hall.calendar"]
        for rec in self:
            rec.holiday_count = len(rec.day_ids.filtered(lambda d: d.kind == "holiday"))
            rec.makeup_count = len(rec.day_ids.filtered(lambda d: d.kind == "workday"))
            rec.working_day_count = calendar.working_days_between(
                datetime.date(rec.year - 1, 12, 31), datetime.date(rec.year, 12, 31)
            ) if rec.year else 0

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env["gov.hall.calendar"]._schedule_changed()
        return records

    def write(self, vals):
        res = super().write(vals)
        if {"year", "state"} & set(vals):
            self.env["gov.hall.calendar"]._schedule_changed()
        return res

    def unlink(self):
        res = super().unlink()
        self.env["gov.hall.calendar"]._schedule_changed()
        return res

    def action_publish(self):
        self.write({"state": "published"})

    def action_draft(self):
        self.write({"state": "draft"})

    @api.model
    def _import_chinese_calendar(self):
        """Create (or complete) the years known to the ``chinese-calendar`` package, in one batch."""
        import chinese_calendar

        by_year = {}
        for day, name in chinese_calendar.holidays.items():
            by_year.setdefault(day.year, []).append((day, "holiday", name))
        for day, name in chinese_calendar.workdays.items():
            by_year.setdefault(day.year, []).append((day, "workday", name))
        existing = set(self.search([]).mapped("year"))
        years = self.with_context(gov_calendar_defer=True).create([
            {
                "year": year,
                "source": "chinese_calendar",
                "state": "published",
                "day_ids": [
                    fields.Command.create({
                        "date": day,
                        "kind": kind,
                        "name": HOLIDAY_NAMES_ZH.get(name, name),
                    })
                    for day, kind, name in sorted(days)
                ],
            }
            for year, days in sorted(by_year.items())
            if year not in existing
        ])
        self.env["gov.hall.calendar"]._schedule_changed()
        _logger.info("Imported %d working-day calendar years from chinese-calendar", len(years))
        return years


class GovHallCalendarDay(models.Model):
    _name = "gov.hall.calendar.day"
    _description = "Holiday or Make-up Working Day"
    _order = "date"

    date = fields.Date(required=True, index=True)
    year_id = fields.Many2one("gov.hall.calendar.year", required=True, ondelete="cascade", index=True)
    kind = fields.Selection(
        [("holiday", "Statutory holiday (day off)"), ("workday", "Make-up working day (调休)")],
        required=True, default="holiday",
    )
    name = fields.Char("Holiday", help="The holiday this day belongs to, e.g. 国庆节")
    weekday = fields.Char(compute="_compute_weekday")

    _date_uniq = models.Constraint("unique(date)", "This date is already in the calendar.")

    @api.depends("date")
    def _compute_weekday(self):
        names = ["一", "二", "三", "四", "五", "六", "日"]
        for rec in self:
            rec.weekday = rec.date and "星期" + names[rec.date.weekday()]

    @api.constrains("date", "year_id")
    def _check_year(self):
        for rec in self:
            if rec.date.year != rec.year_id.year:
                raise ValidationError(self.env._(
                    "The date %(date)s does not belong to the calendar year %(year)s.",
                    date=rec.date, year=rec.year_id.year,
                ))

    @api.constrains("date", "kind")
    def _check_kind(self):
        for rec in self:
            if rec.kind == "workday" and rec.date.weekday() < 5:
                raise ValidationError(self.env._(
                    "%(date)s is a weekday: only a Saturday or Sunday can be a make-up working day.",
                    date=rec.date,
                ))

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        if not self.env.context.get("gov_calendar_defer"):
            self.env["gov.hall.calendar"]._schedule_changed()
        return records

    def write(self, vals):
        res = super().write(vals)
        self.env["gov.hall.calendar"]._schedule_changed()
        return res

    def unlink(self):
        res = super().unlink()
        self.env["gov.hall.calendar"]._schedule_changed()
        return res


class GovHallCalendarIndex(models.Model):
    """One row per calendar day with the running count of working days; rebuilt by SQL."""

    _name = "gov.hall.calendar.index"
    _description = "Working-Day Index"
    _log_access = False
    _order = "day"
    _rec_name = "day"

    day = fields.Date(required=True, readonly=True)
    is_working = fields.Boolean(readonly=True)
    provisional = fields.Boolean(readonly=True)
    wd_count = fields.Integer("Working Days Up To This Day", readonly=True)

    _day_uniq = models.UniqueIndex("(day)")
    _workday_idx = models.Index("(wd_count) WHERE is_working")


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
