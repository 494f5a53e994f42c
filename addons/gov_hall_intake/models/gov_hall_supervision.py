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
        """One activity per case that turned yellow or red, for its handler (the open task's reviewer,
        else the lead department's chief representative); one digest per department head and supervisor."""
        if not changes:
            return
        Activity = self.env["mail.activity"].sudo()
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        cases = self.browse([cid for cid, _color in changes]).sudo()
        color_of = dict(changes)
        chiefs = {}
        vals = []
        digest = {}
        for case in cases:
            color = color_of[case.id]
            handler = case.task_ids.filtered(lambda t: t.state == "open" and t.user_id)[:1].user_id
            if not handler:
                dept = case.department_id
                if dept.id not in chiefs:
                    chiefs[dept.id] = dept.gov_chief_representative_id.user_id
                handler = chiefs[dept.id]
            summary = (self.env._("Overdue case %(c)s (deadline %(d)s)", c=case.name, d=case.deadline)
                       if color == "red" else
                       self.env._("Case %(c)s approaches its deadline %(d)s", c=case.name, d=case.deadline))
            if handler:
                vals.append({"res_model_id": model_id, "res_id": case.id, "activity_type_id": todo.id,
                             "user_id": handler.id, "summary": summary, "date_deadline": case.deadline})
            digest.setdefault((case.company_id, case.department_id), []).append((case, color))
        supervisors = self.env.ref("gov_hall_base.group_gov_supervisor").all_user_ids.filtered(
            lambda u: not u._is_superuser() and not u.has_group("gov_hall_base.group_gov_hall_admin"))
        for (company, dept), items in digest.items():
            reds = sum(1 for _c, color in items if color == "red")
            yellows = len(items) - reds
            summary = self.env._("%(dept)s: %(r)s case(s) turned red, %(y)s turned yellow",
                                 dept=dept.name, r=reds, y=yellows)
            recipients = dept.manager_id.user_id | supervisors.filtered(lambda u, company=company: company in u.company_ids)
            first = items[0][0]
            for user in recipients:
                vals.append({"res_model_id": model_id, "res_id": first.id, "activity_type_id": todo.id,
                             "user_id": user.id, "summary": summary, "date_deadline": fields.Date.context_today(self),
                             "note": "<br/>".join(f"{c.name} ({color})" for c, color in items[:200])})
        if vals:
            Activity.with_context(mail_activity_quick_update=True, mail_notify_author=False).create(vals)
