import datetime
import logging

from odoo import api, fields, models

from ..tools.lang import center_env

_logger = logging.getLogger(__name__)



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
    notice_ref = fields.Char("State Council Notice", help="e.g. State Council General Office notice [2025] No. 7")
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
    def _holiday_names(self):
        """The statutory holidays by their name in the ``chinese-calendar`` package, in the language of
        the environment."""
        _ = self.env._
        return {
            "New Year's Day": _("New Year's Day"),
            "Spring Festival": _("Spring Festival"),
            "Tomb-sweeping Day": _("Tomb-sweeping Day"),
            "Labour Day": _("Labour Day"),
            "Dragon Boat Festival": _("Dragon Boat Festival"),
            "National Day": _("National Day"),
            "Mid-autumn Festival": _("Mid-autumn Festival"),
            "Anti-Fascist 70th Day": _("Anti-Fascist 70th Day"),
        }

    @api.model
    def _import_chinese_calendar(self):
        """Create (or complete) the years known to the ``chinese-calendar`` package, in one batch."""
        import chinese_calendar

        by_year = {}
        for day, name in chinese_calendar.holidays.items():
            by_year.setdefault(day.year, []).append((day, "holiday", name))
        for day, name in chinese_calendar.workdays.items():
            by_year.setdefault(day.year, []).append((day, "workday", name))
        names = center_env(self)._holiday_names()
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
                        "name": names.get(name, name),
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
