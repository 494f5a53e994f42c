from odoo import api, fields, models
from odoo.tools import SQL


class GovHallDeadlineMixin(models.AbstractModel):
    """A deadline counted in working days with the hall's calendar.

    Inheriting models set ``deadline_start`` and ``deadline_days`` (and ``deadline_paused_days`` for
    clocks stopped under 行政许可法 第45条) and define ``_deadline_open_sql`` (which records still have
    a running deadline). When a year's holiday schedule is entered or corrected, every open deadline
    of every inheriting model is recomputed by one UPDATE per model (see ``_recompute_open_deadlines``).
    """

    _name = "gov.hall.deadline.mixin"
    _description = "Working-Day Deadline"

    # SQL condition (on alias "t") selecting the records whose deadline still runs
    _deadline_open_sql = "TRUE"

    deadline_start = fields.Date("Clock Start", help="The day the clock starts; it is not counted.")
    deadline_days = fields.Integer("Time Limit (working days)")
    deadline_paused_days = fields.Integer(
        "Paused Working Days", default=0,
        help="Working days during which the clock was stopped (hearing, test, expert review...).",
    )
    deadline = fields.Date(compute="_compute_deadline", store=True, index=True, string="Deadline")
    deadline_provisional = fields.Boolean(
        compute="_compute_deadline", store=True, string="Provisional Deadline",
        help="The deadline falls in a year whose holiday schedule is not published yet: only weekends "
        "were excluded. It is recomputed when the schedule is entered.",
    )

    @api.depends("deadline_start", "deadline_days", "deadline_paused_days")
    def _compute_deadline(self):
        calendar = self.env["gov.hall.calendar"]
        todo = self.filtered(lambda r: r.deadline_start and r.deadline_days is not False)
        (self - todo).update({"deadline": False, "deadline_provisional": False})
        if not todo:
            return
        ends = calendar.add_working_days_many(
            todo.mapped("deadline_start"),
            [r.deadline_days + (r.deadline_paused_days or 0) for r in todo],
        )
        for rec, end in zip(todo, ends):
            rec.deadline = end
            rec.deadline_provisional = calendar.is_provisional(end)

    def deadline_remaining_working_days(self, today=None):
        """Working days from ``today`` to the deadline (negative when overdue)."""
        self.ensure_one()
        if not self.deadline:
            return 0
        today = today or fields.Date.context_today(self)
        return self.env["gov.hall.calendar"].working_days_between(today, self.deadline)

    @api.model
    def _recompute_open_deadlines(self):
        """Recompute the open deadlines of this model in one UPDATE; returns the rows changed."""
        if self._abstract:
            return 0
        self.env.flush_all()
        count = self._recompute_deadlines_sql(SQL.identifier(self._table), SQL(self._deadline_open_sql))
        self.invalidate_model(["deadline", "deadline_provisional"])
        return count

    @api.model
    def _recompute_deadlines_sql(self, table, open_condition):
        """The set-based recomputation itself, on ``table`` (alias t) rows matching ``open_condition``."""
        self.env.cr.execute(SQL("""
            UPDATE %(table)s AS t
               SET deadline = r.day, deadline_provisional = r.provisional
              FROM gov_hall_calendar_index s, gov_hall_calendar_index r
             WHERE s.day = t.deadline_start
               AND r.is_working
               AND r.wd_count = s.wd_count + t.deadline_days + COALESCE(t.deadline_paused_days, 0)
                   + (CASE WHEN t.deadline_days + COALESCE(t.deadline_paused_days, 0) = 0
                            AND NOT s.is_working THEN 1 ELSE 0 END)
               AND t.deadline_days IS NOT NULL
               AND (%(open)s)
               AND (t.deadline IS DISTINCT FROM r.day OR t.deadline_provisional IS DISTINCT FROM r.provisional)
        """, table=table, open=open_condition))
        return self.env.cr.rowcount

    @api.model
    def _recompute_all_open_deadlines(self):
        total = 0
        for name in self.env.registry[self._name]._inherit_children:
            model = self.env[name]
            if not model._abstract and model._auto:
                total += model._recompute_open_deadlines()
        return total
