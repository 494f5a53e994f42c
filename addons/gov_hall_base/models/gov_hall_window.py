
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import center_now

WINDOW_KINDS = [
    ("comprehensive", "Comprehensive intake"),
    ("department", "Departmental"),
    ("rotating", "Rotating window"),
    ("seasonal", "Seasonal"),
    ("agency", "Comprehensive agency"),
    ("fee", "Unified fee collection"),
    ("result", "Result delivery"),
    ("major_project", "Major projects"),
    ("help", "Guidance and assisted service"),
]
WEEKDAYS = [
    ("0", "Monday"), ("1", "Tuesday"), ("2", "Wednesday"), ("3", "Thursday"),
    ("4", "Friday"), ("5", "Saturday"), ("6", "Sunday"),
]


class GovHallWindow(models.Model):
    _name = "gov.hall.window"
    _description = "Service Window"
    _inherit = ["mail.thread"]
    _order = "company_id, sequence, code, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char("Window No.", required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", "Center", required=True, index=True, default=lambda self: self.env.company
    )
    kind = fields.Selection(WINDOW_KINDS, required=True, default="department", tracking=True)
    zone_id = fields.Many2one("gov.hall.zone", "Zone", index=True, tracking=True, check_company=True)
    department_ids = fields.Many2many(
        "hr.department", "gov_hall_window_department_rel", "window_id", "department_id",
        string="Departments Served", domain=[("gov_stationed", "=", True)], check_company=True,
    )
    location = fields.Char(help="Floor and position in the hall, e.g. ground floor, area A")
    head_employee_id = fields.Many2one("hr.employee", "Window Head", tracking=True, check_company=True)
    slot_ids = fields.One2many("gov.hall.window.slot", "window_id", string="Timetable")
    season_start = fields.Date("Season Starts")
    season_end = fields.Date("Season Ends")
    posting_ids = fields.One2many("gov.hall.posting", "window_id", string="Postings")
    staff_count = fields.Integer(compute="_compute_staff_count", string="Staff on Post")
    is_open_now = fields.Boolean(compute="_compute_is_open_now", search="_search_is_open_now", string="Open Now")

    _code_uniq = models.Constraint("unique(code, company_id)", "The window number must be unique per center.")

    @api.constrains("kind", "season_start", "season_end")
    def _check_season(self):
        for window in self:
            if window.kind == "seasonal":
                if not (window.season_start and window.season_end):
                    raise ValidationError(self.env._(
                        "Seasonal window %(name)s needs the dates of its season.", name=window.name))
                if window.season_start > window.season_end:
                    raise ValidationError(self.env._("The season of window %(name)s ends before it starts.",
                                                     name=window.name))

    @api.constrains("kind", "slot_ids")
    def _check_rotating_timetable(self):
        for window in self:
            if window.kind == "rotating" and not window.slot_ids:
                raise ValidationError(self.env._(
                    "Rotating window %(name)s needs a timetable: which days and hours it is staffed.",
                    name=window.name))

    def _compute_staff_count(self):
        counts = dict(self.env["gov.hall.posting"]._read_group(
            [("window_id", "in", self.ids), ("state", "=", "active")], ["window_id"], ["__count"]))
        for window in self:
            window.staff_count = counts.get(window, 0)

    def _local_now(self, company):
        return center_now(company)

    def _is_open_at(self, moment):
        """Whether the window is staffed at the (local, naive) datetime ``moment``."""
        self.ensure_one()
        day = moment.date()
        hour = moment.hour + moment.minute / 60.0
        if not self.active:
            return False
        if self.kind == "seasonal" and not (self.season_start <= day <= self.season_end):
            return False
        if not self.env["gov.hall.calendar"].is_working_day(day):
            return False
        if self.slot_ids:
            return any(
                int(slot.weekday) == day.weekday() and slot.hour_from <= hour < slot.hour_to
                for slot in self.slot_ids
            )
        company = self.company_id
        return company.gov_hall_hour_from <= hour < company.gov_hall_hour_to

    @api.depends_context("uid")
    def _compute_is_open_now(self):
        moments = {}
        for window in self:
            if window.company_id not in moments:
                moments[window.company_id] = self._local_now(window.company_id)
            window.is_open_now = window._is_open_at(moments[window.company_id])

    def _search_is_open_now(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        windows = self.search([])
        open_ids = windows.filtered("is_open_now").ids
        wanted = (operator == "=") == value
        return [("id", "in" if wanted else "not in", open_ids)]


class GovHallWindowSlot(models.Model):
    _name = "gov.hall.window.slot"
    _description = "Window Timetable Slot"
    _order = "window_id, weekday, hour_from"
    _check_company_auto = True

    window_id = fields.Many2one("gov.hall.window", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="window_id.company_id", store=True)
    weekday = fields.Selection(WEEKDAYS, required=True, default="0")
    hour_from = fields.Float("From", required=True, default=9.0)
    hour_to = fields.Float("To", required=True, default=12.0)
    department_id = fields.Many2one(
        "hr.department", "Department on Duty", check_company=True,
        help="For rotating windows: which department staffs the slot.",
    )

    @api.constrains("hour_from", "hour_to")
    def _check_hours(self):
        for slot in self:
            if not (0 <= slot.hour_from < slot.hour_to <= 24):
                raise ValidationError(self.env._("A timetable slot must start before it ends, within the day."))

