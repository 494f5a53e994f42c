import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.lang import center_env


class GovHallCalendarSchedule(models.TransientModel):
    """Enter a year's State Council holiday schedule (放假安排) in one go: holiday ranges and the
    make-up working days. Confirming publishes the year and recomputes every open deadline."""

    _name = "gov.hall.calendar.schedule"
    _description = "Enter a Year's Holiday Schedule"

    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year + 1)
    notice_ref = fields.Char("State Council Notice")
    line_ids = fields.One2many("gov.hall.calendar.schedule.line", "wizard_id", string="Holidays")
    replace = fields.Boolean(
        "Replace Existing Days", default=True,
        help="Remove the days already entered for this year before adding these.",
    )

    @api.onchange("year")
    def _onchange_year(self):
        if self.line_ids or not self.year:
            return
        names = center_env(self.env["gov.hall.calendar.year"])._holiday_names()
        self.line_ids = [fields.Command.create({"name": names[name]}) for name in (
            "New Year's Day", "Spring Festival", "Tomb-sweeping Day", "Labour Day", "Dragon Boat Festival",
            "Mid-autumn Festival", "National Day")]

    def action_confirm(self):
        self.ensure_one()
        days = {}
        for line in self.line_ids:
            if not line.date_from:
                continue
            end = line.date_to or line.date_from
            if end < line.date_from:
                raise UserError(self.env._("%(name)s ends before it starts.", name=line.name))
            day = line.date_from
            while day <= end:
                days[day] = ("holiday", line.name)
                day += datetime.timedelta(days=1)
            for makeup in line._makeup_dates():
                if makeup in days and days[makeup][0] == "holiday":
                    raise UserError(self.env._("%(date)s is both a holiday and a make-up working day.", date=makeup))
                days[makeup] = ("workday", line.name)
        wrong_year = sorted(d for d in days if d.year != self.year)
        if wrong_year:
            raise UserError(self.env._(
                "%(date)s is not in %(year)s: enter each year's schedule separately.",
                date=wrong_year[0], year=self.year))
        if not days:
            raise UserError(self.env._("Enter at least one holiday."))
        Year = self.env["gov.hall.calendar.year"].with_context(gov_calendar_defer=True)
        year = Year.search([("year", "=", self.year)])
        if year and self.replace:
            year.day_ids.unlink()
        elif year and year.day_ids.filtered(lambda d: d.date in days):
            raise UserError(self.env._("Some of these dates are already in the %(year)s calendar.", year=self.year))
        values = [fields.Command.create({"date": d, "kind": k, "name": n}) for d, (k, n) in sorted(days.items())]
        if year:
            year.write({"day_ids": values, "state": "published", "source": "manual",
                        "notice_ref": self.notice_ref or year.notice_ref})
        else:
            year = Year.create({"year": self.year, "state": "published", "source": "manual",
                                "notice_ref": self.notice_ref, "day_ids": values})
        self.env["gov.hall.calendar"]._schedule_changed()
        year_c = center_env(year)
        year_c.message_post(body=year_c.env._(
            "Holiday schedule entered: %(h)s holidays, %(w)s make-up working days.",
            h=year.holiday_count, w=year.makeup_count))
        return {
            "type": "ir.actions.act_window", "res_model": "gov.hall.calendar.year",
            "res_id": year.id, "view_mode": "form",
        }


class GovHallCalendarScheduleLine(models.TransientModel):
    _name = "gov.hall.calendar.schedule.line"
    _description = "Holiday of a Schedule"

    wizard_id = fields.Many2one("gov.hall.calendar.schedule", required=True, ondelete="cascade")
    name = fields.Char("Holiday", required=True)
    date_from = fields.Date("Days Off From")
    date_to = fields.Date("Days Off To")
    makeup_dates = fields.Char(
        "Make-up Working Days", help="Dates worked in exchange, separated by commas: 2027-02-07, 2027-02-20"
    )

    def _makeup_dates(self):
        result = []
        for chunk in (self.makeup_dates or "").replace("，", ",").replace(";", ",").split(","):
            chunk = chunk.strip()
            if not chunk:
                continue
            try:
                result.append(fields.Date.to_date(chunk))
            except ValueError:
                raise UserError(self.env._(
                    "%(value)s is not a date: write make-up days as YYYY-MM-DD, separated by commas.",
                    value=chunk)) from None
        return result
