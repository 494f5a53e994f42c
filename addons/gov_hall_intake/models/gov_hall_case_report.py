"""Case statistics: one row per case in an SQL view, aggregated by the pivot, graph and XLSX report."""
from odoo import api, fields, models, tools

from .gov_hall_case import CASE_STATES

# the channel of the statistics (gov.hall.case.stat_channel): a bundle's cases count as bundle whatever their intake
STAT_CHANNELS = [("window", "Window"), ("online", "Online"), ("remote", "Cross-region"), ("bundle", "Bundle")]
SATISFIED_MIN = 3  # 非常满意, 满意, 基本满意


class GovHallCaseReport(models.Model):
    _name = "gov.hall.case.report"
    _description = "Case Statistics"
    _auto = False
    _order = "date_received desc"
    _rec_name = "name"

    name = fields.Char("Case Number", readonly=True)
    company_id = fields.Many2one("res.company", "Center", readonly=True)
    zone_id = fields.Many2one("gov.hall.zone", "Zone", readonly=True)
    department_id = fields.Many2one("hr.department", "Department", readonly=True)
    window_id = fields.Many2one("gov.hall.window", "Window", readonly=True)
    clerk_id = fields.Many2one("res.users", "Clerk", readonly=True)
    item_id = fields.Many2one("gov.hall.service.item", "Item", readonly=True)
    case_type = fields.Selection([("instant", "Instant"), ("promised", "Promised"), ("joint", "Joint")],
                                 readonly=True)
    state = fields.Selection(CASE_STATES, readonly=True)
    channel = fields.Selection(STAT_CHANNELS, string="Channel", readonly=True,
                               help="Window, online, cross-region (received on behalf) or bundle (one thing done once).")
    date_received = fields.Date("Received On", readonly=True)  # the day at the center (case.date_received_day)
    received = fields.Integer("Cases Received", readonly=True)
    accepted = fields.Integer("Cases Accepted", readonly=True)
    completed = fields.Integer("Cases Completed", readonly=True)
    on_time = fields.Integer("Completed on Time", readonly=True)
    overdue = fields.Integer("Overdue", readonly=True)
    handled_at_window = fields.Integer("Handled at the Window", readonly=True)
    on_time_rate = fields.Float("On-time Rate (%)", readonly=True, aggregator="avg")
    working_days = fields.Float("Average Working Days", readonly=True, aggregator="avg")
    rated = fields.Integer("Ratings", readonly=True)
    satisfied = fields.Integer("Satisfied Ratings", readonly=True)
    bad = fields.Integer("Bad Ratings", readonly=True)
    satisfaction_rate = fields.Float("Satisfaction Rate (%)", readonly=True, aggregator="avg")
    rating_avg = fields.Float("Average Rating", readonly=True, aggregator="avg")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(f"""
            CREATE VIEW {self._table} AS (
                SELECT c.id, c.name, c.company_id, c.zone_id, c.department_id, c.window_id, c.clerk_id,
                       c.item_family_id AS item_id, c.case_type, c.state, c.stat_channel AS channel,
                       c.date_received_day AS date_received,
                       1 AS received,
                       (c.date_accepted IS NOT NULL)::int AS accepted,
                       (c.date_decided IS NOT NULL)::int AS completed,
                       (c.date_decided IS NOT NULL AND c.on_time)::int AS on_time,
                       COALESCE(c.is_overdue, FALSE)::int AS overdue,
                       COALESCE(c.handled_at_window, FALSE)::int AS handled_at_window,
                       CASE WHEN c.date_decided IS NOT NULL THEN (CASE WHEN c.on_time THEN 100.0 ELSE 0.0 END) END
                           AS on_time_rate,
                       CASE WHEN c.date_decided IS NOT NULL THEN c.working_days_used END AS working_days,
                       (COALESCE(c.rating_value, 0) > 0)::int AS rated,
                       (COALESCE(c.rating_value, 0) >= {SATISFIED_MIN})::int AS satisfied,
                       (c.rating_value BETWEEN 1 AND 2)::int AS bad,
                       CASE WHEN c.rating_value > 0 THEN (CASE WHEN c.rating_value >= {SATISFIED_MIN}
                            THEN 100.0 ELSE 0.0 END) END AS satisfaction_rate,
                       CASE WHEN c.rating_value > 0 THEN c.rating_value END AS rating_avg
                  FROM gov_hall_case c
                 WHERE c.state NOT IN ('draft', 'apply_draft')
            )
        """)

    @api.model
    def _statistics(self, domain, groupby):
        """Figures per group: list of dicts with the group values and received, accepted, completed,
        on_time, on_time_rate (%), working_days (average), rated, satisfied, satisfaction_rate (%),
        handled_at_window and window_share (%)."""
        self.env["gov.hall.case"].flush_model()
        aggregates = ["received:sum", "accepted:sum", "completed:sum", "on_time:sum", "overdue:sum",
                      "handled_at_window:sum", "working_days:avg", "rated:sum", "satisfied:sum", "bad:sum"]
        rows = []
        # grouped in the database by the ids (the default order): ordering by a many2one's name there joins the
        # comodel to every case and groups on its translated name too (1.5 x the GROUP BY over 1,000,000 cases,
        # against 1.0 x); the groups are sorted by name here instead
        for group in self._read_group(domain, groupby, aggregates):
            keys, values = group[:len(groupby)], group[len(groupby):]
            row = dict(zip(groupby, keys))
            row.update(zip([a.split(":")[0] for a in aggregates], values))
            row["on_time_rate"] = round(100.0 * row["on_time"] / row["completed"], 1) if row["completed"] else 0.0
            row["satisfaction_rate"] = round(100.0 * row["satisfied"] / row["rated"], 1) if row["rated"] else 0.0
            row["window_share"] = (round(100.0 * row["handled_at_window"] / row["completed"], 1)
                                   if row["completed"] else 0.0)
            row["working_days"] = round(row["working_days"] or 0.0, 2)
            rows.append(row)
        rows.sort(key=lambda row: [self._statistics_sort_key(row[spec]) for spec in groupby])
        return rows

    @api.model
    def _statistics_sort_key(self, value):
        """The groups in the order of the pivot: records by name, then the other values; empty ones last."""
        if isinstance(value, models.BaseModel):
            return (not value, value.display_name or "")
        empty = value is False or value is None
        return (empty, "" if empty else value)
