"""The one deadline mechanism of the suite: named working-day (or calendar-day) deadlines, one colour, one scan.

A model inherits ``gov.hall.deadline.mixin`` and declares:

- ``_deadline_open_domain``: a :class:`~odoo.fields.Domain` selecting the records whose deadlines still run
  (recomputed when a holiday schedule changes, lit by the scan);
- ``_deadlines``: its named deadlines, each a :class:`Deadline` (result, start, days, paused, ...). The
  default is the mixin's own fields (``deadline_start`` + ``deadline_days`` + ``deadline_paused_days`` =
  ``deadline``); a model with other deadlines lists them (their stored compute calls
  ``_deadline_compute``);
- ``_deadline_lit``: the result field the scan lights (``supervision_color``: green, yellow, red);
- ``_deadline_red_flags``: Boolean columns (``overdue``, ``escalated``...) the scan sets on a record turning
  red and never clears itself (the record does, when a new clock starts).

When a year's holiday schedule is entered every open deadline of every inheriting model is recomputed by one
UPDATE per named deadline. The daily scan ``_deadline_scan()`` colours every open record of the model in one
UPDATE (yellow from the center's ``gov_yellow_days`` working days before the deadline, red once it passed) and
hands what changed to ``_deadline_notify(changed)``, the model's hook: its alerts are created in one batched
``mail.activity`` create, once per change, tagged with the deadline (``gov_deadline``) so that the record
closes them itself when the item is done (``_deadline_close_alerts``).
"""
from typing import NamedTuple

from odoo import api, fields, models, tools
from odoo.fields import Domain
from odoo.tools import SQL

from ..tools.dates import center_days, center_today, companies_domain
from ..tools.protect import granted

DEADLINE_COLORS = [("green", "On track"), ("yellow", "Deadline near"), ("red", "Overdue")]
# the values of an alert (_deadline_activity) that _deadline_insert_activities writes itself
ALERT_KEYS = frozenset({"res_model_id", "res_id", "activity_type_id", "summary", "note", "user_id",
                        "date_deadline", "gov_deadline", "automated"})
# the fields of a record about its activities and followers, invalidated after the alerts' INSERT
THREAD_CACHED_FIELDS = ("activity_ids", "activity_state", "activity_user_id", "activity_type_id",
                        "activity_date_deadline", "activity_summary", "activity_exception_decoration",
                        "my_activity_date_deadline", "message_follower_ids", "message_partner_ids",
                        "message_is_follower", "has_message")


def _str_or_none(value):
    return str(value) if value else None


class Deadline(NamedTuple):
    """One named deadline of a record: ``result`` (a stored Date) is ``days`` after ``start`` (not counted).

    ``days`` (an Integer field, or a fixed number) is counted in working days, plus ``paused`` working days
    (clock stopped), or, where ``calendar_days`` (a Boolean field, or ``True``) holds, in calendar days moved
    off a rest day (tendering law). ``provisional`` (a Boolean field) tells the deadline falls in a year
    without its holiday schedule.
    """

    result: str
    start: str
    days: str
    paused: str = None
    provisional: str = None
    calendar_days: str | bool = None

    def value(self, record, attr):
        """The record's value of ``attr`` (a field name or a fixed value)."""
        spec = getattr(self, attr)
        return record[spec] if isinstance(spec, str) else spec

    def sql(self, attr):
        spec = getattr(self, attr)
        return SQL("t.%s", SQL.identifier(spec)) if isinstance(spec, str) else SQL("%s", spec)


class GovHallDeadlineMixin(models.AbstractModel):
    """Working-day deadlines counted with the hall's calendar, their colour and their alerts."""

    _name = "gov.hall.deadline.mixin"
    _description = "Working-Day Deadline"

    # the records whose deadlines still run
    _deadline_open_domain = Domain.TRUE
    # the named deadlines of the model
    _deadlines = (Deadline("deadline", "deadline_start", "deadline_days", "deadline_paused_days",
                           "deadline_provisional"),)
    # the deadline lit by the scan
    _deadline_lit = "deadline"
    # Boolean columns set by the scan when the record turns red, kept set afterwards
    _deadline_red_flags = ()

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
    supervision_color = fields.Selection(
        DEADLINE_COLORS, "Deadline Light", readonly=True, copy=False, index=True,
        help="Set by the daily deadline scan: green on track, yellow close to the deadline, red overdue.")

    @api.depends("deadline_start", "deadline_days", "deadline_paused_days")
    def _compute_deadline(self):
        self._deadline_compute(GovHallDeadlineMixin._deadlines[0])

    def _deadline_compute(self, spec):
        """Compute the named deadline ``spec`` of these records (call it from the result field's compute)."""
        calendar = self.env["gov.hall.calendar"]
        empty = {spec.result: False}
        if spec.provisional:
            empty[spec.provisional] = False
        todo = self.filtered(lambda r: r[spec.start] and spec.value(r, "days") is not False
                             and spec.value(r, "days") is not None)
        (self - todo).update(empty)
        if not todo:
            return
        by_calendar = todo.filtered(lambda r: spec.value(r, "calendar_days"))
        working = todo - by_calendar
        ends = calendar.add_working_days_many(
            working.mapped(spec.start),
            [spec.value(r, "days") + ((r[spec.paused] or 0) if spec.paused else 0) for r in working],
        )
        pairs = list(zip(working, ends)) + [
            (r, calendar.add_days(r[spec.start], spec.value(r, "days"))) for r in by_calendar]
        for rec, end in pairs:
            rec[spec.result] = end
            if spec.provisional:
                rec[spec.provisional] = calendar.is_provisional(end)

    def deadline_remaining_working_days(self, today=None):
        """Working days from ``today`` to the deadline (negative when overdue)."""
        self.ensure_one()
        deadline = self[self._deadline_lit]
        if not deadline:
            return 0
        today = today or center_today(self.company_id if "company_id" in self._fields else self.env.company)
        return self.env["gov.hall.calendar"].working_days_between(today, deadline)

    # -- SQL on the records selected by a domain --------------------------------------------------
    @api.model
    def _deadline_domain_sql(self, domain=None):
        """SQL condition on alias ``t``: the row is one of the records selected by ``domain`` (default: the
        open ones), compiled by the ORM without record rules nor archive filter."""
        domain = self._deadline_open_domain if domain is None else domain
        if Domain(domain).is_true():
            return SQL("TRUE")
        query = self.sudo().with_context(active_test=False)._search(domain)
        return SQL("t.id IN %s", query.subselect())

    @api.model
    def _deadline_where(self, domain):
        """SQL condition on the model's table (under its own name) selecting the records of ``domain``: the
        ORM's WHERE clause itself when the domain needs no join, else a sub-select."""
        query = self.sudo().with_context(active_test=False)._search(domain)
        if not query._joins and len(query._tables) == 1 and query._ids is None:
            where = query.where_clause
            return where if where else SQL("TRUE")
        return SQL("%s.id IN %s", SQL.identifier(self._table), query.subselect())

    # -- recomputation when a holiday schedule changes ---------------------------------------------
    @api.model
    def _recompute_open_deadlines(self):
        """Recompute the open deadlines of this model, one UPDATE per named deadline; returns the rows changed."""
        if self._abstract:
            return 0
        self.env.flush_all()
        open_sql = self._deadline_domain_sql()
        count = 0
        for spec in self._deadlines:
            ids = self._recompute_deadlines_sql(SQL.identifier(self._table), open_sql, spec, returning=True)
            count += len(ids)
            self.invalidate_model([f for f in (spec.result, spec.provisional) if f])
            if ids:
                # what depends on the deadline (an hour of the last day, an overdue flag...) follows it
                self.browse(ids).modified([spec.result])
                self._deadline_moved(spec, ids)
        return count

    @api.model
    def _deadline_moved(self, spec, ids):
        """Hook: a holiday schedule change moved the named deadline ``spec`` of the records ``ids`` (already
        recomputed). A model tells the people concerned here, in background jobs when they are many."""
        return

    @api.model
    def _recompute_deadlines_sql(self, table, open_condition, spec=None, returning=False):
        """The set-based recomputation of the named deadline ``spec`` (default: the mixin's fields) on
        ``table`` (alias t) rows matching ``open_condition``: the count of rows changed, or their ids."""
        spec = spec or GovHallDeadlineMixin._deadlines[0]
        col = SQL.identifier
        paused = SQL("COALESCE(t.%s, 0)", col(spec.paused)) if spec.paused else SQL("0")
        sets = [SQL("%s = r.day", col(spec.result))]
        distinct = [SQL("t.%s IS DISTINCT FROM r.day", col(spec.result))]
        if spec.provisional:
            sets.append(SQL("%s = r.provisional", col(spec.provisional)))
            distinct.append(SQL("t.%s IS DISTINCT FROM r.provisional", col(spec.provisional)))
        days = spec.sql("days")
        calendar_cond = SQL("COALESCE(%s, FALSE)", spec.sql("calendar_days")) if spec.calendar_days else None
        common = SQL("t.%(start)s IS NOT NULL AND %(days)s IS NOT NULL AND (%(open)s) AND (%(distinct)s)",
                     start=col(spec.start), days=days, open=open_condition, distinct=SQL(" OR ").join(distinct))
        ret = SQL("RETURNING t.id") if returning else SQL()
        ids, count = [], 0
        self.env.cr.execute(SQL("""
            UPDATE %(table)s AS t
               SET %(sets)s
              FROM gov_hall_calendar_index s, gov_hall_calendar_index r
             WHERE s.day = t.%(start)s
               AND r.is_working
               AND r.wd_count = s.wd_count + %(days)s + %(paused)s
                   + (CASE WHEN %(days)s + %(paused)s = 0 AND NOT s.is_working THEN 1 ELSE 0 END)
               AND %(working)s AND %(common)s
            %(ret)s
        """, table=table, sets=SQL(", ").join(sets), start=col(spec.start), days=days, paused=paused,
            working=SQL("NOT %s", calendar_cond) if calendar_cond else SQL("TRUE"), common=common, ret=ret))
        count += self.env.cr.rowcount
        if returning:
            ids += [r[0] for r in self.env.cr.fetchall()]
        if calendar_cond:
            # calendar days: start + days, moved to the next working day when that is a rest day
            self.env.cr.execute(SQL("""
                UPDATE %(table)s AS t
                   SET %(sets)s
                  FROM gov_hall_calendar_index c, gov_hall_calendar_index r
                 WHERE c.day = t.%(start)s + %(days)s
                   AND r.is_working
                   AND r.wd_count = c.wd_count + (CASE WHEN c.is_working THEN 0 ELSE 1 END)
                   AND %(calendar)s AND %(common)s
                %(ret)s
            """, table=table, sets=SQL(", ").join(sets), start=col(spec.start), days=days,
                calendar=calendar_cond, common=common, ret=ret))
            count += self.env.cr.rowcount
            if returning:
                ids += [r[0] for r in self.env.cr.fetchall()]
        return ids if returning else count

    @api.model
    def _recompute_all_open_deadlines(self):
        total = 0
        for name in self.env.registry[self._name]._inherit_children:
            model = self.env[name]
            if not model._abstract and model._auto:
                total += model._recompute_open_deadlines()
        return total

    # -- the daily scan ------------------------------------------------------------------------------
    @api.model
    def _deadline_scan_domain(self):
        """The records the scan lights: the open ones (a model may leave out paused clocks)."""
        return self._deadline_open_domain

    @api.model
    def _deadline_scan_set_sql(self, today, color):
        """More columns the scan's UPDATE sets on a changed row, beyond the ``_deadline_red_flags`` it keeps in
        step with red: ``color`` is the SQL of the row's new colour; the row's columns are named after the
        model's table (the UPDATE has no alias, its condition being the ORM's WHERE clause)."""
        return []

    @api.model
    def _deadline_scan(self, today=None, notify=True, company_ids=None):
        """Colour every open record of this model in one UPDATE: red once ``_deadline_lit`` passed, yellow
        within the center's ``gov_yellow_days`` working days of it, green before. Returns the rows whose
        colour changed, ``{'green'|'yellow'|'red': [ids]}``, and hands them to ``_deadline_notify``. Without
        ``today``, each center is scanned on its own day (``center_days``), not the day of the user's zone;
        ``company_ids`` limits the scan to those centers.

        The colour is computed in the UPDATE itself, over one scan of the table (joined to the calendar and
        the centers, both small): a CTE of the open rows joined back by id read the whole table twice at
        10,000,000 cases (issue 18)."""
        if not today:
            changed = {"green": [], "yellow": [], "red": []}
            for day, centers in center_days(self.env):
                for color, ids in self._deadline_scan(today=day, notify=notify, company_ids=centers).items():
                    changed[color] += ids
            return changed
        self.env.flush_all()
        table = SQL.identifier(self._table)
        lit = SQL("%s.%s", table, SQL.identifier(self._deadline_lit))
        if "company_id" in self._fields:
            # an inner join on a center row or on the "no center" row 0 (no outer join onto an UPDATE's target)
            yellow = SQL("co.gov_yellow_days")
            from_company = SQL(", (SELECT id, gov_yellow_days FROM res_company UNION ALL SELECT 0, NULL) co")
            where_company = SQL("AND co.id = COALESCE(%s.company_id, 0)", table)
        else:
            yellow, from_company, where_company = SQL("NULL"), SQL(), SQL()
        color = SQL("""(CASE WHEN %(lit)s < %(today)s THEN 'red'
                             WHEN d.wd_count - today.wd_count <= COALESCE(%(yellow)s, 2) THEN 'yellow'
                             ELSE 'green' END)""", lit=lit, today=today, yellow=yellow)
        sets = [SQL("supervision_color = %s", color)]
        sets += [SQL("%(flag)s = %(table)s.%(flag)s OR %(color)s = 'red'", flag=SQL.identifier(flag), table=table,
                     color=color)
                 for flag in self._deadline_red_flags]
        sets += list(self._deadline_scan_set_sql(today, color))
        with granted(self):  # server code: the colour is a protected output of the scan
            self.env.cr.execute(SQL("""
                WITH today AS (
                    SELECT wd_count FROM gov_hall_calendar_index WHERE day = %(today)s
                )
                UPDATE %(table)s
                   SET %(sets)s
                  FROM gov_hall_calendar_index d, today %(from_company)s
                 WHERE d.day = %(lit)s %(where_company)s
                   AND %(lit)s IS NOT NULL AND (%(open)s)
                   AND %(table)s.supervision_color IS DISTINCT FROM %(color)s
             RETURNING %(table)s.id, %(color)s
            """, today=today, lit=lit, table=table, from_company=from_company, where_company=where_company,
                open=self._deadline_where(self._deadline_scan_domain() & companies_domain(self, company_ids)),
                sets=SQL(", ").join(sets), color=color))
            changed = {"green": [], "yellow": [], "red": []}
            for rid, color in self.env.cr.fetchall():
                changed[color].append(rid)
            self.invalidate_model()
            if notify and (changed["yellow"] or changed["red"]):
                self._deadline_notify(changed, today)
        return changed

    @api.model
    def _deadline_notify(self, changed, today=None):
        """The model's alerts for the rows whose colour changed (``{'green'|'yellow'|'red': [ids]}``) on the
        scan of ``today``."""
        return

    # -- alerts ----------------------------------------------------------------------------------
    @api.model
    def _deadline_activity(self, res_id, user, summary, date_deadline, note=False, deadline=None,
                           model=None, activity_type="mail.mail_activity_data_todo"):
        """Values of one alert activity about the named deadline ``deadline`` of record ``res_id``."""
        return {
            "res_model_id": self.env["ir.model"]._get_id(model or self._name), "res_id": res_id,
            "activity_type_id": self.env["ir.model.data"]._xmlid_to_res_id(activity_type), "summary": summary, "note": note,
            "user_id": user.id if hasattr(user, "id") else user, "date_deadline": date_deadline,
            "gov_deadline": deadline or self._deadline_lit, "automated": True,
        }

    @api.model
    def _deadline_create_activities(self, vals_list):
        """All the alerts of a scan at once, without one e-mail per activity. Alerts made by
        ``_deadline_activity`` are inserted set-based (``_deadline_insert_activities``); others go through
        ``mail.activity``'s create."""
        if not vals_list:
            return self.env["mail.activity"]
        if all(set(vals) <= ALERT_KEYS for vals in vals_list) and self._deadline_insert_ok():
            return self._deadline_insert_activities(vals_list)
        return self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(vals_list)

    @api.model
    @tools.ormcache()
    def _deadline_insert_ok(self):
        """Whether ``_deadline_insert_activities`` fills every required column of ``mail_activity`` (a module
        adding a required column of its own makes the alerts go through the ORM's create instead)."""
        self.env.cr.execute("""
            SELECT column_name FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = 'mail_activity' AND is_nullable = 'NO'
               AND column_default IS NULL""")
        return {name for (name,) in self.env.cr.fetchall()} <= {"date_deadline"}

    @api.model
    def _deadline_res_names(self, ids):
        """``{id: display name}`` of the records ``ids``, the document name of their alerts. A model whose
        display name is a plain expression of its columns may return it in one query (a daily scan names
        thousands of records: the ORM's compute of their display names was a sixth of a complaint scan)."""
        # only the columns the name needs (no prefetch of the record's other columns)
        records = self.sudo().browse(ids).with_context(active_test=False, prefetch_fields=False)
        return {rec.id: rec.display_name for rec in records}

    @api.model
    def _deadline_insert_activities(self, vals_list):
        """The alerts of a scan (values of ``_deadline_activity``) in three statements, as ``mail.activity``'s
        create would leave them with ``mail_activity_quick_update`` (no e-mail): the activities in one INSERT
        (document name, the user's time zone), their users made followers of the records in one INSERT per
        model (skipping those already following, with the model's default subtypes, external ones for portal
        users), and the activity counter of each user's systray told once. The ORM's create of a thousand
        activities and of their followers took most of a daily scan (issue 18)."""
        Activity = self.env["mail.activity"].sudo()
        cr = self.env.cr
        model_names = dict(self.env["ir.model"].sudo().browse({v["res_model_id"] for v in vals_list})
                           .mapped(lambda m: (m.id, m.model)))
        by_model = {}
        for vals in vals_list:
            by_model.setdefault(model_names[vals["res_model_id"]], set()).add(vals["res_id"])
        names = {}
        for model, ids in by_model.items():
            Model = self.env[model]
            if isinstance(Model, GovHallDeadlineMixin):
                found = Model._deadline_res_names(ids)
            else:
                found = GovHallDeadlineMixin._deadline_res_names(Model, ids)
            names.update(((model, rid), name) for rid, name in found.items())
        note_field = Activity._fields["note"]
        # one column per field, as the ORM converts the values (the note is sanitized HTML)
        columns = {
            "model_id": [v["res_model_id"] for v in vals_list],
            "res_id": [v["res_id"] for v in vals_list],
            "res_name": [names.get((model_names[v["res_model_id"]], v["res_id"])) or None for v in vals_list],
            "type_id": [v.get("activity_type_id") or None for v in vals_list],
            "summary": [v.get("summary") or None for v in vals_list],
            "note": [_str_or_none(note_field.convert_to_column(v.get("note") or None, Activity)) for v in vals_list],
            "user_id": [v.get("user_id") or None for v in vals_list],
            "day": [fields.Date.to_date(v["date_deadline"]) for v in vals_list],
            "deadline": [v.get("gov_deadline") or None for v in vals_list],
            "automated": [bool(v.get("automated")) for v in vals_list],
        }
        now = cr.now()
        cr.execute(SQL("""
            INSERT INTO mail_activity (res_model_id, res_model, res_id, res_name, activity_type_id, summary, note,
                                       user_id, user_tz, date_deadline, gov_deadline, automated, active,
                                       create_uid, create_date, write_uid, write_date)
            SELECT v.model_id, m.model, v.res_id, v.res_name, v.type_id, v.summary, v.note,
                   v.user_id, p.tz, v.day, v.deadline, v.automated, TRUE, %(uid)s, %(now)s, %(uid)s, %(now)s
              FROM unnest(%(model_id)s::int[], %(res_id)s::int[], %(res_name)s::varchar[], %(type_id)s::int[],
                          %(summary)s::varchar[], %(note)s::text[], %(user_id)s::int[], %(day)s::date[],
                          %(deadline)s::varchar[], %(automated)s::bool[])
                   AS v(model_id, res_id, res_name, type_id, summary, note, user_id, day, deadline, automated)
              JOIN ir_model m ON m.id = v.model_id
              LEFT JOIN res_users u ON u.id = v.user_id
              LEFT JOIN res_partner p ON p.id = u.partner_id
         RETURNING id
        """, uid=self.env.uid, now=now, **columns))
        activity_ids = [r[0] for r in cr.fetchall()]
        # the users follow the records they are alerted about (what mail.activity's create does)
        Subtype = self.env["mail.message.subtype"].sudo()
        for model in by_model:
            default, _internal, external = Subtype.default_subtypes(model)
            cr.execute(SQL("""
                WITH new AS (
                    INSERT INTO mail_followers (res_model, res_id, partner_id)
                    SELECT DISTINCT %(model)s, v.res_id, u.partner_id
                      FROM unnest(%(model_id)s::int[], %(res_id)s::int[], %(user_id)s::int[]) AS v(model_id, res_id, user_id)
                      JOIN res_users u ON u.id = v.user_id
                     WHERE v.model_id = %(model_id_one)s AND u.partner_id IS NOT NULL
                    ON CONFLICT (res_model, res_id, partner_id) DO NOTHING
                 RETURNING id, partner_id
                )
                INSERT INTO mail_followers_mail_message_subtype_rel (mail_followers_id, mail_message_subtype_id)
                SELECT new.id, s.id
                  FROM new
                  JOIN res_partner p ON p.id = new.partner_id
                 CROSS JOIN LATERAL unnest(CASE WHEN p.partner_share THEN %(external)s::int[]
                                                ELSE %(default)s::int[] END) AS s(id)
            """, model=model, model_id=columns["model_id"], res_id=columns["res_id"], user_id=columns["user_id"],
                model_id_one=self.env["ir.model"]._get_id(model), external=external.ids, default=default.ids))
        # caches of what was written behind the ORM's back
        Activity.invalidate_model()
        self.env["mail.followers"].invalidate_model()
        for model in by_model:
            Model = self.env[model]
            Model.invalidate_model([f for f in THREAD_CACHED_FIELDS if f in Model._fields])
        today = fields.Date.today()  # as mail.activity's create counts the activities due
        counts = {}
        for user_id, day in zip(columns["user_id"], columns["day"]):
            if user_id and day <= today:
                counts[user_id] = counts.get(user_id, 0) + 1
        for user in self.env["res.users"].sudo().browse(counts):
            user._bus_send("mail.activity/updated", {"activity_created": True, "count_diff": counts[user.id]})
        return Activity.browse(activity_ids)

    def _deadline_without_alert(self, deadline):
        """These records without an open alert about ``deadline``: an item is alerted once."""
        alerted = self.env["mail.activity"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "in", self.ids), ("gov_deadline", "=", deadline)])
        return self - self.browse(alerted.mapped("res_id"))

    def _deadline_close_alerts(self, deadlines=None, feedback=False):
        """The item is done: mark done the alerts of these records about ``deadlines`` (default: all)."""
        if not self:
            return
        domain = [("res_model", "=", self._name), ("res_id", "in", self.ids), ("gov_deadline", "!=", False)]
        if deadlines:
            domain.append(("gov_deadline", "in", list(deadlines)))
        activities = self.env["mail.activity"].sudo().search(domain)
        if activities:
            activities.action_feedback(feedback=feedback)


class MailActivity(models.Model):
    _inherit = "mail.activity"

    gov_deadline = fields.Char(
        "Deadline Alerted", readonly=True, index="btree_not_null", copy=False,
        help="The named deadline of the record this alert is about: the record closes it when the item is done.")
