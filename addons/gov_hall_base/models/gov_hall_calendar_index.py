from odoo import fields, models


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
