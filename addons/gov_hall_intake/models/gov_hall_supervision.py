"""Electronic supervision (电子监察): one set-based scan colours every open case and task."""
import logging

from odoo import api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)


class GovHallCase(models.Model):
    _inherit = "gov.hall.case"

    @api.model
    def _supervision_color_sql(self, today):
        """UPDATE every open, running case whose colour changed; returns (id, color) of the changed rows."""
        return SQL("""
            WITH t AS (SELECT wd_count FROM gov_hall_calendar_index WHERE day = %(today)s),
            n AS (
                SELECT c.id,
                       CASE WHEN c.deadline < %(today)s THEN 'red'
                            WHEN d.wd_count - t.wd_count <= co.gov_yellow_days THEN 'yellow'
                            ELSE 'green' END AS color
                  FROM gov_hall_case c
                  JOIN gov_hall_calendar_index d ON d.day = c.deadline
                  JOIN res_company co ON co.id = c.company_id
                 CROSS JOIN t
                 WHERE c.state IN ('accepted', 'to_approve') AND NOT COALESCE(c.paused, FALSE)
            )
            UPDATE gov_hall_case c
               SET supervision_color = n.color, is_overdue = (n.color = 'red'), supervision_date = %(today)s
              FROM n
             WHERE n.id = c.id AND c.supervision_color IS DISTINCT FROM n.color
         RETURNING c.id, n.color
        """, today=today)

    @api.model
    def _cron_supervision_scan(self, today=None, notify=True):
        """Colour open cases green / yellow / red and mark overdue tasks, in SQL; notify once per change."""
        today = today or fields.Date.context_today(self)
        self.env.flush_all()
        self.env.cr.execute(self._supervision_color_sql(today))
        changed = self.env.cr.fetchall()
        self.env.cr.execute(SQL("""
            UPDATE gov_hall_case_task k SET is_overdue = TRUE
              FROM gov_hall_case c
             WHERE c.id = k.case_id AND k.state = 'open' AND k.deadline < %(today)s
               AND NOT k.is_overdue AND NOT COALESCE(c.paused, FALSE)
        """, today=today))
        self.invalidate_model(["supervision_color", "is_overdue", "supervision_date"])
        self.env["gov.hall.case.task"].invalidate_model(["is_overdue"])
        if notify and changed:
            self._supervision_notify([(cid, color) for cid, color in changed if color != "green"])
        _logger.info("Supervision scan: %d case colours changed", len(changed))
        return len(changed)

    @api.model
    def _supervision_notify(self, changes):
        """Once per colour change: one activity per case that turned yellow or red for its handler (the
        reviewer of its open task, else the lead department's chief representative), inserted set-based;
        and one digest activity per department for the department head and the center's supervisors."""
        if not changes:
            return
        today = fields.Date.context_today(self)
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        ids = {color: [cid for cid, c in changes if c == color] for color in ("yellow", "red")}
        red_prefix = self.env._("Overdue case")
        yellow_prefix = self.env._("Case approaching its deadline")
        self.env.cr.execute(SQL("""
            INSERT INTO mail_activity (res_model_id, res_model, res_id, res_name, activity_type_id, user_id,
                                       summary, date_deadline, automated, active, create_uid, write_uid,
                                       create_date, write_date)
            SELECT %(model_id)s, 'gov.hall.case', c.id, c.name, %(type)s, h.user_id,
                   CASE WHEN c.id = ANY(%(red)s) THEN %(red_prefix)s ELSE %(yellow_prefix)s END || ' ' || c.name,
                   GREATEST(c.deadline, %(today)s), TRUE, TRUE, %(uid)s, %(uid)s, now() at time zone 'UTC',
                   now() at time zone 'UTC'
              FROM gov_hall_case c
              JOIN LATERAL (
                    SELECT COALESCE(
                        (SELECT k.user_id FROM gov_hall_case_task k
                          WHERE k.case_id = c.id AND k.state = 'open' AND k.user_id IS NOT NULL
                          ORDER BY k.is_lead DESC, k.id LIMIT 1),
                        (SELECT e.user_id FROM gov_hall_posting p JOIN hr_employee e ON e.id = p.employee_id
                          WHERE p.department_id = c.department_id AND p.company_id = c.company_id
                            AND p.state = 'active' AND p.is_chief_representative AND e.user_id IS NOT NULL
                          LIMIT 1)) AS user_id
                   ) h ON h.user_id IS NOT NULL
             WHERE c.id = ANY(%(all)s)
        """, model_id=model_id, type=todo.id, red=ids["red"], yellow=ids["yellow"], red_prefix=red_prefix,
            yellow_prefix=yellow_prefix, today=today, uid=self.env.uid, all=ids["red"] + ids["yellow"]))
        self.env["mail.activity"].invalidate_model()
        # digests: per center and department, counted in SQL
        self.env.cr.execute(SQL("""
            SELECT c.company_id, c.department_id, min(c.id),
                   count(*) FILTER (WHERE c.id = ANY(%(red)s)), count(*) FILTER (WHERE c.id = ANY(%(yellow)s))
              FROM gov_hall_case c WHERE c.id = ANY(%(all)s)
             GROUP BY c.company_id, c.department_id
        """, red=ids["red"], yellow=ids["yellow"], all=ids["red"] + ids["yellow"]))
        rows = self.env.cr.fetchall()
        supervisors = self.env.ref("gov_hall_base.group_gov_supervisor").all_user_ids.filtered(
            lambda u: not u._is_superuser() and not u.has_group("gov_hall_base.group_gov_hall_admin")
            and u.active)
        Company, Dept = self.env["res.company"], self.env["hr.department"].sudo()
        vals = []
        for company_id, dept_id, first_id, reds, yellows in rows:
            company, dept = Company.browse(company_id), Dept.browse(dept_id)
            summary = self.env._("%(dept)s: %(r)s case(s) turned red, %(y)s turned yellow",
                                 dept=dept.name or "", r=reds, y=yellows)
            recipients = dept.manager_id.user_id | supervisors.filtered(lambda u, company=company: company in u.company_ids)
            for user in recipients:
                vals.append({"res_model_id": model_id, "res_id": first_id, "activity_type_id": todo.id,
                             "user_id": user.id, "summary": summary, "date_deadline": today, "automated": True})
        if vals:
            self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(vals)
