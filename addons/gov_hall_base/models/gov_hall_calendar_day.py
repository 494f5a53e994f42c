from babel.dates import get_day_names

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import babel_locale_parse


class GovHallCalendarDay(models.Model):
    _name = "gov.hall.calendar.day"
    _description = "Holiday or Make-up Working Day"
    _order = "date"

    date = fields.Date(required=True, index=True)
    year_id = fields.Many2one("gov.hall.calendar.year", required=True, ondelete="cascade", index=True)
    kind = fields.Selection(
        [("holiday", "Statutory holiday (day off)"), ("workday", "Make-up working day")],
        required=True, default="holiday",
    )
    name = fields.Char("Holiday", help="The holiday this day belongs to, e.g. National Day")
    weekday = fields.Char(compute="_compute_weekday")

    _date_uniq = models.Constraint("unique(date)", "This date is already in the calendar.")

    @api.depends("date")
    def _compute_weekday(self):
        names = get_day_names("wide", locale=babel_locale_parse(self.env.lang or "en_US"))
        for rec in self:
            rec.weekday = rec.date and names[rec.date.weekday()]

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
