"""The rules that turn the hall's activity into scored events, set-based per center and period.

Every rule is one INSERT ... SELECT into a temporary table of wanted events, keyed by
``rule:source record:target`` (metric rules: ``rule:target:subject:month``). The wanted set is then
upserted into ``gov_assessment_event`` on the unique (center, key) constraint and the automatic
events of the period that the rules no longer produce are removed (unless appealed). Recomputing a
period therefore never counts an event twice, and an event keeps the month it was first counted in.

The rules read the models of gov_hall_intake (cases, department tasks, ratings and their reviews)
and gov_complaints (complaints) through the cross-addon contract; a rule whose model or fields are
missing is skipped with a warning.
"""
import calendar
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.gov_hall_base.tools.dates import center_day_bounds
from odoo.addons.gov_hall_base.tools.protect import granted

_logger = logging.getLogger(__name__)

PER_RECORD_SOURCES = ["inspection", "case_overdue", "task_overdue", "bad_rating", "complaint", "commendation",
                      "training", "accountability"]
METRIC_SOURCES = ["satisfaction", "volume"]
ALL_SOURCES = PER_RECORD_SOURCES + METRIC_SOURCES

# model and stored fields each rule needs (contract of gov_hall_intake / gov_complaints)
REQUIRED = {
    "case_overdue": {"gov.hall.case": ["company_id", "is_overdue", "deadline", "handler_id", "window_id", "state",
                                       "name"]},
    "task_overdue": {"gov.hall.case.task": ["company_id", "is_overdue", "deadline", "user_id", "state", "case_id"],
                     "gov.hall.case": ["window_id", "name"]},
    "bad_rating": {"gov.hall.rating.review": ["company_id", "verified", "state", "date_verified", "employee_id",
                                              "window_id", "case_id"]},
    "satisfaction": {"gov.hall.case": ["company_id", "clerk_employee_id", "window_id"]},
    "volume": {"gov.hall.case": ["company_id", "clerk_employee_id", "handler_id", "window_id", "date_received",
                                 "state"]},
    "complaint": {"gov.complaint": ["company_id", "substantiated", "state", "date_closed", "fault_employee_id",
                                    "window_id", "name"]},
}


def month_bounds(day):
    first = day.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


class GovAssessmentEngine(models.AbstractModel):
    _name = "gov.assessment.engine"
    _description = "Assessment Rules Engine"

    # -- availability of the other addons' models ------------------------------------------------------
    @api.model
    def _rule_available(self, source):
        for model, names in REQUIRED.get(source, {}).items():
            if model not in self.env:
                _logger.warning("Assessment rule %s skipped: model %s is not installed", source, model)
                return False
            Model = self.env[model]
            missing = [n for n in names if n not in Model._fields or not Model._fields[n].store]
            if missing:
                _logger.warning("Assessment rule %s skipped: %s lacks stored fields %s", source, model, missing)
                return False
        return True

    # -- the wanted events ----------------------------------------------------------------------------------
    @api.model
    def _prepare_tmp(self):
        self.env.cr.execute("""
            CREATE TEMP TABLE IF NOT EXISTS gov_assessment_wanted (
                key varchar PRIMARY KEY, source varchar, item_id int, target varchar, employee_id int,
                window_id int, date date, quantity numeric, res_model varchar, res_id int, name varchar
            );
            TRUNCATE gov_assessment_wanted;
        """)

    def _insert_wanted(self, select_sql):
        self.env.cr.execute(SQL("""
            INSERT INTO gov_assessment_wanted
                (key, source, item_id, target, employee_id, window_id, date, quantity, res_model, res_id, name)
            %s
            ON CONFLICT (key) DO NOTHING
        """, select_sql))

    @staticmethod
    def _items_join(p, source):
        return SQL("""JOIN gov_assessment_item i ON i.scheme_id = %(scheme)s AND i.active AND i.mode = 'auto'
                      AND i.source = %(source)s""", scheme=p["scheme"], source=source)

    def _rule_inspection(self, p):
        self._insert_wanted(SQL("""
            SELECT 'inspection:' || l.id || ':' || i.inspection_check || ':' || i.target, 'inspection', i.id,
                   i.target, CASE WHEN i.target = 'staff' THEN l.employee_id END, l.window_id, r.date, 1,
                   'gov.assessment.inspection.line', l.id, i.name || ' · ' || r.name
              FROM gov_assessment_inspection_line l
              JOIN gov_assessment_inspection r ON r.id = l.round_id
              %(items)s
             WHERE r.company_id = %(company)s AND r.state = 'done' AND r.date BETWEEN %(date_from)s AND %(date_to)s
               AND (i.target = 'window' OR l.employee_id IS NOT NULL)
               AND CASE i.inspection_check
                       WHEN 'on_post' THEN NOT l.on_post
                       WHEN 'badge' THEN l.on_post AND NOT l.badge
                       WHEN 'uniform' THEN l.on_post AND NOT l.uniform
                       WHEN 'discipline' THEN l.on_post AND NOT l.discipline
                       WHEN 'etiquette' THEN l.on_post AND NOT l.etiquette
                   END
        """, items=self._items_join(p, "inspection"), **p))

    def _overdue_rule(self, p, source, model, rec, from_sql):
        """Overdue cases or department tasks, charged to the handler and to the handler's window at the
        deadline (else the intake window). ``rec`` is the alias of the overdue record in ``from_sql``,
        which also joins the case as ``c``."""
        self._insert_wanted(SQL("""
            SELECT %(source)s || ':' || %(rec)s.id || ':' || i.target, %(source)s, i.id, i.target,
                   CASE WHEN i.target = 'staff' THEN he.id END, COALESCE(pw.window_id, c.window_id),
                   %(rec)s.deadline, 1, %(model)s, %(rec)s.id, i.name || ' · ' || c.name
              %(from_sql)s
              LEFT JOIN (SELECT DISTINCT ON (e.user_id) e.user_id, e.id FROM hr_employee e
                          WHERE e.company_id = %(company)s AND e.user_id IS NOT NULL
                          ORDER BY e.user_id, e.id) he ON he.user_id = %(handler)s
              LEFT JOIN LATERAL (SELECT p.window_id FROM gov_hall_posting p
                                  WHERE p.employee_id = he.id AND p.date_start <= %(rec)s.deadline
                                    AND (p.date_end IS NULL OR p.date_end >= %(rec)s.deadline)
                                  ORDER BY p.date_start DESC LIMIT 1) pw ON TRUE
              %(items)s
             WHERE %(rec)s.company_id = %(company)s AND %(rec)s.is_overdue AND %(rec)s.state != 'cancel'
               AND %(rec)s.deadline BETWEEN %(date_from)s AND %(date_to)s
               AND CASE WHEN i.target = 'staff' THEN he.id ELSE COALESCE(pw.window_id, c.window_id) END IS NOT NULL
        """, source=source, model=model, rec=SQL.identifier(rec), from_sql=from_sql,
            handler=SQL.identifier(rec, "handler_id" if rec == "c" else "user_id"),
            items=self._items_join(p, source), **p))

    def _rule_case_overdue(self, p):
        self._overdue_rule(p, "case_overdue", "gov.hall.case", "c", SQL("FROM gov_hall_case c"))

    def _rule_task_overdue(self, p):
        self._overdue_rule(p, "task_overdue", "gov.hall.case.task", "t",
                           SQL("FROM gov_hall_case_task t JOIN gov_hall_case c ON c.id = t.case_id"))

    def _rule_bad_rating(self, p):
        self._insert_wanted(SQL("""
            SELECT 'bad_rating:' || v.id || ':' || i.target, 'bad_rating', i.id, i.target,
                   CASE WHEN i.target = 'staff' THEN v.employee_id END, v.window_id, v.date_verified::date, 1,
                   'gov.hall.rating.review', v.id, i.name || ' · ' || COALESCE(c.name, '')
              FROM gov_hall_rating_review v
              LEFT JOIN gov_hall_case c ON c.id = v.case_id
              %(items)s
             WHERE v.company_id = %(company)s AND v.verified AND v.state != 'removed'
               AND v.date_verified::date BETWEEN %(date_from)s AND %(date_to)s
               AND CASE WHEN i.target = 'staff' THEN v.employee_id ELSE v.window_id END IS NOT NULL
        """, items=self._items_join(p, "bad_rating"), **p))

    def _rule_complaint(self, p):
        self._insert_wanted(SQL("""
            SELECT 'complaint:' || k.id || ':' || i.target, 'complaint', i.id, i.target,
                   CASE WHEN i.target = 'staff' THEN k.fault_employee_id END, k.window_id, k.date_closed::date, 1,
                   'gov.complaint', k.id, i.name || ' · ' || k.name
              FROM gov_complaint k
              %(items)s
             WHERE k.company_id = %(company)s AND k.substantiated AND k.state = 'closed'
               AND k.date_closed::date BETWEEN %(date_from)s AND %(date_to)s
               AND CASE WHEN i.target = 'staff' THEN k.fault_employee_id ELSE k.window_id END IS NOT NULL
        """, items=self._items_join(p, "complaint"), **p))

    def _confirmed_record_rule(self, p, source, model):
        """Confirmed records of ``model`` (employee_id, window_id, date, name), charged to the person and
        the window they name: commendations and accountability measures."""
        self._insert_wanted(SQL("""
            SELECT %(source)s || ':' || k.id || ':' || i.target, %(source)s, i.id, i.target,
                   CASE WHEN i.target = 'staff' THEN k.employee_id END, k.window_id, k.date, 1,
                   %(model)s, k.id, i.name || ' · ' || k.name
              FROM %(table)s k
              %(items)s
             WHERE k.company_id = %(company)s AND k.state = 'confirmed'
               AND k.date BETWEEN %(date_from)s AND %(date_to)s
               AND CASE WHEN i.target = 'staff' THEN k.employee_id ELSE k.window_id END IS NOT NULL
        """, source=source, model=model, table=SQL.identifier(self.env[model]._table),
            items=self._items_join(p, source), **p))

    def _rule_commendation(self, p):
        self._confirmed_record_rule(p, "commendation", "gov.assessment.commendation")

    def _rule_training(self, p):
        self._insert_wanted(SQL("""
            SELECT 'training:' || a.id || ':staff', 'training', i.id, 'staff', a.employee_id, NULL,
                   s.date_local, 1, 'gov.assessment.training.attendance', a.id, i.name || ' · ' || s.name
              FROM gov_assessment_training_attendance a
              JOIN gov_assessment_training s ON s.id = a.training_id
              %(items)s
             WHERE s.company_id = %(company)s AND s.state = 'done' AND a.state = 'absent' AND i.target = 'staff'
               AND s.date_local BETWEEN %(date_from)s AND %(date_to)s
        """, items=self._items_join(p, "training"), **p))

    def _rule_accountability(self, p):
        self._confirmed_record_rule(p, "accountability", "gov.assessment.accountability")

    def _ratings_sql(self, p):
        """Ratings of the period per staff member (the clerk who received the case) and per window."""
        return SQL("""
            WITH r AS (
                SELECT c.clerk_employee_id AS emp, c.window_id AS win, rr.rating
                  FROM rating_rating rr
                  JOIN gov_hall_case c ON c.id = rr.res_id
                 WHERE rr.res_model = 'gov.hall.case' AND rr.consumed AND rr.rating > 0
                   AND c.company_id = %(company)s
                   AND COALESCE(rr.rated_on, rr.write_date) >= %(utc_from)s
                   AND COALESCE(rr.rated_on, rr.write_date) < %(utc_to)s
            )
            SELECT 'staff' AS target, emp AS subject, count(*) AS n, count(*) FILTER (WHERE rating >= 3) AS good
              FROM r WHERE emp IS NOT NULL GROUP BY emp
            UNION ALL
            SELECT 'window', win, count(*), count(*) FILTER (WHERE rating >= 3)
              FROM r WHERE win IS NOT NULL GROUP BY win
        """, **p)

    def _volume_sql(self, p):
        """Cases received (clerk) or decided (handler) in the period, per staff member and per window."""
        return SQL("""
            WITH emp AS (
                SELECT DISTINCT ON (e.user_id) e.user_id, e.id FROM hr_employee e
                 WHERE e.company_id = %(company)s AND e.user_id IS NOT NULL ORDER BY e.user_id, e.id
            ), cs AS (
                SELECT c.id, c.clerk_employee_id AS emp, c.handler_id, c.window_id AS win
                  FROM gov_hall_case c
                 WHERE c.company_id = %(company)s AND c.state != 'cancel'
                   AND c.date_received >= %(utc_from)s AND c.date_received < %(utc_to)s
            ), people AS (
                SELECT id, emp FROM cs WHERE emp IS NOT NULL
                UNION
                SELECT cs.id, emp.id FROM cs JOIN emp ON emp.user_id = cs.handler_id
            )
            SELECT 'staff' AS target, emp AS subject, count(*) AS n FROM people GROUP BY emp
            UNION ALL
            SELECT 'window', win, count(*) FROM cs WHERE win IS NOT NULL GROUP BY win
        """, **p)

    def _rule_satisfaction(self, p):
        self._insert_wanted(SQL("""
            SELECT 'satisfaction:' || a.target || ':' || a.subject || ':' || %(month)s, 'satisfaction', i.id,
                   a.target, CASE WHEN a.target = 'staff' THEN a.subject END,
                   CASE WHEN a.target = 'window' THEN a.subject END, %(date_to)s,
                   ceil(i.threshold - 100.0 * a.good / a.n), NULL, NULL,
                   i.name || ' · ' || round(100.0 * a.good / a.n, 2) || '%%'
              FROM (%(ratings)s) a
              %(items)s AND i.target = a.target
             WHERE a.n >= GREATEST(i.min_count, 1) AND 100.0 * a.good / a.n < i.threshold
        """, ratings=self._ratings_sql(p), items=self._items_join(p, "satisfaction"), **p))

    def _rule_volume(self, p):
        self._insert_wanted(SQL("""
            SELECT 'volume:' || a.target || ':' || a.subject || ':' || %(month)s, 'volume', i.id, a.target,
                   CASE WHEN a.target = 'staff' THEN a.subject END,
                   CASE WHEN a.target = 'window' THEN a.subject END, %(date_to)s, floor(a.n / i.unit), NULL, NULL,
                   i.name || ' · ' || a.n
              FROM (%(volume)s) a
              %(items)s AND i.target = a.target
             WHERE floor(a.n / i.unit) >= 1
        """, volume=self._volume_sql(p), items=self._items_join(p, "volume"), **p))

    # -- public entry points ---------------------------------------------------------------------------------
    @api.model
    def _params(self, company, date_from, date_to, scheme):
        utc_from, utc_to = center_day_bounds(date_from, date_to, company)
        return {"company": company.id, "date_from": date_from, "date_to": date_to, "scheme": scheme.id,
                "month": date_from.strftime("%Y-%m"), "utc_from": utc_from, "utc_to": utc_to}

    @api.private
    @api.model
    def sync_events(self, company, date_from, date_to, sources=None):
        """Upsert the automatic events of ``company`` between the two dates (one month at most) and drop
        the ones the rules no longer produce. Returns ``{"created": n, "updated": n, "removed": n}``."""
        date_from, date_to = fields.Date.to_date(date_from), fields.Date.to_date(date_to)
        first, last = month_bounds(date_from)
        if date_to > last or date_to < date_from:
            raise UserError(self.env._("Events are computed one month at a time."))
        sources = list(sources or ALL_SOURCES)
        if (date_from, date_to) != (first, last):
            sources = [s for s in sources if s not in METRIC_SOURCES]
        locked = self.env["gov.assessment.month"]._locked_periods(company)
        if (company.id, first) in locked:
            raise UserError(self.env._(
                "The monthly assessment of %(month)s is already approved: its events can no longer change.",
                month=first.strftime("%Y-%m")))
        scheme = self.env["gov.assessment.scheme"].sudo()._for_day(company, date_from)
        if not scheme:
            raise UserError(self.env._("No assessment scheme is in force in %(center)s on %(date)s.",
                                       center=company.name, date=date_from))
        self.env.flush_all()
        self._prepare_tmp()
        params = self._params(company, date_from, date_to, scheme)
        ran = []
        for source in sources:
            if not self._rule_available(source):
                continue
            getattr(self, f"_rule_{source}")(params)
            ran.append(source)
        if not ran:
            return {"created": 0, "updated": 0, "removed": 0}
        cr = self.env.cr
        # One upsert statement on purpose. The ORM was measured again on the benchmark's month (9,213 new
        # events): the rules read into Python, the new events given every value (month, dimension, points,
        # department: no precompute through new records, no per-record write, no tracking, inside the grant)
        # and created by one batched create took 9.3 s for the create alone (of 15.3 s for the month), this
        # statement about 1.2 s. What remains is the ORM's cost per record (defaults, cache, constraints,
        # INSERT batches of 100). Removing the events the rules no longer produce goes through the ORM.
        cr.execute(SQL("""
            INSERT INTO gov_assessment_event
                (name, company_id, date, period, target, employee_id, window_id, department_id, item_id,
                 dimension_id, source, res_model, res_id, quantity, points, key, state,
                 create_uid, write_uid, create_date, write_date)
            SELECT t.name, %(company)s, t.date, date_trunc('month', t.date)::date, t.target, t.employee_id,
                   t.window_id,
                   CASE WHEN t.target = 'staff' THEN ev.department_id
                        ELSE (SELECT min(r.department_id) FROM gov_hall_window_department_rel r
                               WHERE r.window_id = t.window_id) END,
                   t.item_id, i.dimension_id, t.source, t.res_model, t.res_id, t.quantity,
                   CASE WHEN i.kind = 'deduction' THEN -1 ELSE 1 END * i.points * t.quantity,
                   t.key, 'valid', %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
              FROM gov_assessment_wanted t
              JOIN gov_assessment_item i ON i.id = t.item_id
              LEFT JOIN hr_employee e ON e.id = t.employee_id
              LEFT JOIN hr_version ev ON ev.id = e.current_version_id
            ON CONFLICT (company_id, key) DO UPDATE
               SET quantity = EXCLUDED.quantity, points = EXCLUDED.points, item_id = EXCLUDED.item_id,
                   dimension_id = EXCLUDED.dimension_id, name = EXCLUDED.name, date = EXCLUDED.date,
                   period = EXCLUDED.period, write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date
             WHERE gov_assessment_event.date BETWEEN %(date_from)s AND %(date_to)s
               AND (gov_assessment_event.quantity, gov_assessment_event.points, gov_assessment_event.item_id,
                    gov_assessment_event.date, gov_assessment_event.name)
                   IS DISTINCT FROM (EXCLUDED.quantity, EXCLUDED.points, EXCLUDED.item_id, EXCLUDED.date,
                                     EXCLUDED.name)
            RETURNING (xmax = 0)
        """, uid=self.env.uid, **params))
        flags = [r[0] for r in cr.fetchall()]
        created = sum(1 for f in flags if f)
        # the automatic events of the period that the rules no longer produce (unless appealed): read here,
        # removed with the ORM
        cr.execute(SQL("""
            SELECT ev.id FROM gov_assessment_event ev
             WHERE ev.company_id = %(company)s AND ev.date BETWEEN %(date_from)s AND %(date_to)s
               AND ev.source = ANY(%(sources)s) AND ev.key IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM gov_assessment_wanted t WHERE t.key = ev.key)
               AND NOT EXISTS (SELECT 1 FROM gov_assessment_appeal a WHERE a.event_id = ev.id)
        """, sources=ran, **params))
        gone = self.env["gov.assessment.event"].sudo().browse([r[0] for r in cr.fetchall()])
        self.env["gov.assessment.event"].invalidate_model()
        with granted(gone):
            gone.unlink()
        removed = len(gone)
        self.env["gov.assessment.event"].invalidate_model()
        return {"created": created, "updated": len(flags) - created, "removed": removed}

    @api.private
    @api.model
    def metrics(self, company, date_from, date_to):
        """Ratings, satisfaction, volume and substantiated complaints of the period, per subject:
        ``{(target, id): {"ratings": n, "good": n, "volume": n, "complaints": n}}``."""
        utc_from, utc_to = center_day_bounds(date_from, date_to, company)
        params = {"company": company.id, "date_from": date_from, "date_to": date_to, "utc_from": utc_from,
                  "utc_to": utc_to}
        result = {}

        def slot(target, subject):
            return result.setdefault((target, subject), {"ratings": 0, "good": 0, "volume": 0, "complaints": 0})

        cr = self.env.cr
        if self._rule_available("satisfaction"):
            cr.execute(self._ratings_sql(params))
            for target, subject, n, good in cr.fetchall():
                rec = slot(target, subject)
                rec["ratings"], rec["good"] = n, good
        if self._rule_available("volume"):
            cr.execute(self._volume_sql(params))
            for target, subject, n in cr.fetchall():
                slot(target, subject)["volume"] = n
        if self._rule_available("complaint"):
            cr.execute(SQL("""
                SELECT 'staff', fault_employee_id, count(*) FROM gov_complaint
                 WHERE company_id = %(company)s AND substantiated AND state = 'closed'
                   AND fault_employee_id IS NOT NULL AND date_closed::date BETWEEN %(date_from)s AND %(date_to)s
                 GROUP BY fault_employee_id
                UNION ALL
                SELECT 'window', window_id, count(*) FROM gov_complaint
                 WHERE company_id = %(company)s AND substantiated AND state = 'closed'
                   AND window_id IS NOT NULL AND date_closed::date BETWEEN %(date_from)s AND %(date_to)s
                 GROUP BY window_id
            """, **params))
            for target, subject, n in cr.fetchall():
                slot(target, subject)["complaints"] = n
        return result
