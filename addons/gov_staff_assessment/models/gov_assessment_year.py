"""Yearly assessment (年度考核): the approved months and the assessor's review give each staff member a
grade (优秀/称职/基本称职/不称职) with a quota for the top grade; the staff member signs or appeals; the
result goes back to the home department (dual management, seed 003). The department's window score
is reported as the 10% component of the department's own assessment.
"""
import math

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.gov_hall_base.tools.lang import center_env
from odoo.addons.gov_hall_base.tools.protect import granted, is_granted, protected_action


DEPARTMENT_WEIGHT = 10.0  # % of the department's assessment (seed 003)
# the rules of the year: the assessor's until the grades are sent for signing (a check in write)
RULE_FIELDS = {"company_id", "year", "month_weight", "review_weight", "excellent_quota", "excellent_min",
               "competent_min", "basic_min"}


class GovAssessmentYear(models.Model):
    _name = "gov.assessment.year"
    _description = "Yearly Assessment"
    _inherit = ["mail.thread", "gov.hall.approval.mixin", "gov.hall.job.mixin"]
    _order = "year desc, company_id"
    _check_company_auto = True
    # the grades go to the staff for signing once the center leader approved them (gov.hall.approval.mixin);
    # sending them back returns the year to the assessor's review
    _approval_submit_states = ("review",)
    _approval_approved_state = "signing"
    _approval_refused_state = "review"
    _approval_reason_required = False
    _protected_fields = ("state", "scheme_id", "month_count")

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one("res.company", "Center", required=True, index=True,
                                 default=lambda self: self.env.company)
    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year)
    scheme_id = fields.Many2one("gov.assessment.scheme", "Scheme", readonly=True, check_company=True)
    state = fields.Selection(
        [("draft", "Draft"), ("review", "Assessor Review"), ("to_approve", "Awaiting Leader Approval"),
         ("signing", "Signing by Staff"), ("done", "Sent to Departments")],
        default="draft", required=True, tracking=True, index=True)
    month_weight = fields.Float("Weight of the Months (%)", default=70.0)
    review_weight = fields.Float("Weight of the Review (%)", default=30.0)
    excellent_quota = fields.Float("Quota of Excellent (%)", default=15.0)
    excellent_min = fields.Float("Excellent from", default=90.0)
    competent_min = fields.Float("Competent from", default=75.0)
    basic_min = fields.Float("Basically Competent from", default=60.0)
    excellent_max = fields.Integer("Places for Excellent", compute="_compute_quota")
    excellent_count = fields.Integer("Graded Excellent", compute="_compute_quota")
    line_ids = fields.One2many("gov.assessment.year.line", "year_id", string="Staff")
    department_line_ids = fields.One2many("gov.assessment.year.department", "year_id", string="Departments")
    month_count = fields.Integer("Approved Months", readonly=True)

    _year_uniq = models.Constraint("unique(company_id, year)", "This year is already assessed for the center.")

    @api.depends("year", "company_id")
    def _compute_name(self):
        for rec in self:
            rec.name = center_env(rec).env._("%(center)s %(year)s yearly assessment", center=rec.company_id.name or "",
                                  year=rec.year)

    @api.depends("line_ids.grade", "excellent_quota")
    def _compute_quota(self):
        for rec in self:
            rec.excellent_max = rec._excellent_places()
            rec.excellent_count = len(rec.line_ids.filtered(lambda l: l.grade == "excellent"))

    def _excellent_places(self):
        self.ensure_one()
        return math.floor(len(self.line_ids) * self.excellent_quota / 100.0 + 1e-9)

    @api.constrains("month_weight", "review_weight", "excellent_quota", "excellent_min", "competent_min",
                    "basic_min")
    def _check_rules(self):
        for rec in self:
            if abs(rec.month_weight + rec.review_weight - 100.0) > 0.001:
                raise ValidationError(self.env._(
                    "The weights of the months and of the review must add up to 100%%."))
            if not 0 <= rec.excellent_quota <= 100:
                raise ValidationError(self.env._("The quota of the top grade is a percentage between 0 and 100."))
            if not rec.excellent_min > rec.competent_min > rec.basic_min:
                raise ValidationError(self.env._(
                    "The grade thresholds must decrease: Excellent above Competent above Basically competent."))

    def _check_quota(self):
        for rec in self:
            places = rec._excellent_places()
            count = len(rec.line_ids.filtered(lambda l: l.grade == "excellent"))
            if count > places:
                raise ValidationError(self.env._(
                    "Only %(places)s of %(n)s staff members (%(quota)s%%) can be graded Excellent; %(count)s are.",
                    places=places, n=len(rec.line_ids), quota=rec.excellent_quota, count=count))

    def _check_assessor(self):
        if not self.env.user.has_group("gov_hall_base.group_gov_assessor"):
            raise AccessError(self.env._("Only an HR assessor runs the yearly assessment."))

    def write(self, vals):
        if RULE_FIELDS & set(vals) and not is_granted(self._name) and self.pool.ready \
                and any(rec.state not in ("draft", "review") for rec in self):
            raise UserError(self.env._("The rules of a yearly assessment sent for signing can no longer change."))
        return super().write(vals)

    # -- computation ------------------------------------------------------------------------------------
    def action_compute_background(self):
        """The form's Compute button: the year's lines and departments computed in a background job."""
        self._check_assessor()
        if any(rec.state not in ("draft", "review") for rec in self):
            raise UserError(self.env._("The grades are already sent for signing: the year cannot be recomputed."))
        return self._gov_delay("action_compute", self.env._("Compute the yearly assessment"))

    @protected_action("gov.assessment.year.line")
    def action_compute(self):
        """One line per staff member assessed in an approved month of the year (average of the months),
        keeping the review already entered; one line per stationed department with its window score."""
        self._check_assessor()
        cr = self.env.cr
        for rec in self:
            if rec.state not in ("draft", "review"):
                raise UserError(self.env._("The grades are already sent for signing: the year cannot be recomputed."))
            scheme = self.env["gov.assessment.scheme"].search([
                ("company_id", "=", rec.company_id.id), ("state", "in", ("active", "closed")),
                ("date_from", "<=", f"{rec.year}-12-31"), ("date_to", ">=", f"{rec.year}-01-01")],
                order="date_to desc", limit=1)
            if scheme and rec.state == "draft":
                rec.write({k: scheme[f] for k, f in (
                    ("month_weight", "year_month_weight"), ("review_weight", "year_review_weight"),
                    ("excellent_quota", "excellent_quota"), ("excellent_min", "excellent_min"),
                    ("competent_min", "competent_min"), ("basic_min", "basic_min"))})
            rec.scheme_id = scheme
            # The year's lines and departments are written by the statements below on purpose: with the ORM
            # instead (the month lines read by search_fetch, the year lines updated by write and created by
            # one batched create, the departments replaced by unlink and one create) the computation took
            # 0.52 s on the benchmark's year (12 months of 250 staff and 100 windows) against 0.195 s here.
            self.env.flush_all()
            params = {"year": rec.id, "company": rec.company_id.id, "date_from": f"{rec.year}-01-01",
                      "date_to": f"{rec.year}-12-31", "uid": self.env.uid}
            cr.execute(SQL("""
                SELECT count(*) FROM gov_assessment_month
                 WHERE company_id = %(company)s AND state IN ('approved', 'published')
                   AND date_from BETWEEN %(date_from)s AND %(date_to)s
            """, **params))
            rec.month_count = cr.fetchone()[0]
            cr.execute(SQL("""
                WITH m AS (
                    SELECT l.employee_id, avg(l.score) AS avg_score, count(*) AS n,
                           (array_agg(l.department_id ORDER BY l.date_from DESC))[1] AS department_id,
                           (array_agg(l.window_id ORDER BY l.date_from DESC))[1] AS window_id
                      FROM gov_assessment_month_staff l
                      JOIN gov_assessment_month mo ON mo.id = l.month_id
                     WHERE mo.company_id = %(company)s AND mo.state IN ('approved', 'published')
                       AND mo.date_from BETWEEN %(date_from)s AND %(date_to)s
                     GROUP BY l.employee_id
                ), upd AS (
                    UPDATE gov_assessment_year_line y
                       SET month_score = round(m.avg_score::numeric, 2), months_count = m.n,
                           department_id = m.department_id, window_id = m.window_id
                      FROM m WHERE y.year_id = %(year)s AND y.employee_id = m.employee_id
                    RETURNING y.employee_id
                )
                INSERT INTO gov_assessment_year_line
                    (year_id, company_id, employee_id, department_id, window_id, month_score, months_count,
                     state, create_uid, write_uid, create_date, write_date)
                SELECT %(year)s, %(company)s, m.employee_id, m.department_id, m.window_id,
                       round(m.avg_score::numeric, 2), m.n, 'draft',
                       %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
                  FROM m WHERE m.employee_id NOT IN (SELECT employee_id FROM upd)
            """, **params))
            cr.execute(SQL("""
                DELETE FROM gov_assessment_year_department WHERE year_id = %(year)s;
                WITH w AS (
                    SELECT r.department_id, avg(l.score) AS window_score, count(DISTINCT l.window_id) AS windows
                      FROM gov_assessment_month_window l
                      JOIN gov_assessment_month mo ON mo.id = l.month_id
                      JOIN gov_hall_window_department_rel r ON r.window_id = l.window_id
                     WHERE mo.company_id = %(company)s AND mo.state IN ('approved', 'published')
                       AND mo.date_from BETWEEN %(date_from)s AND %(date_to)s
                     GROUP BY r.department_id
                ), s AS (
                    SELECT department_id, count(*) AS staff FROM gov_assessment_year_line
                     WHERE year_id = %(year)s AND department_id IS NOT NULL GROUP BY department_id
                )
                INSERT INTO gov_assessment_year_department
                    (year_id, company_id, department_id, window_count, window_score, component, staff_count,
                     create_uid, write_uid, create_date, write_date)
                SELECT %(year)s, %(company)s, COALESCE(w.department_id, s.department_id), COALESCE(w.windows, 0),
                       round(COALESCE(w.window_score, 0)::numeric, 2),
                       round((COALESCE(w.window_score, 0) * %(weight)s / 100.0)::numeric, 2),
                       COALESCE(s.staff, 0),
                       %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
                  FROM w FULL JOIN s ON s.department_id = w.department_id
            """, weight=DEPARTMENT_WEIGHT, **params))
            self.env["gov.assessment.year.line"].invalidate_model()
            self.env["gov.assessment.year.department"].invalidate_model()
            rec.invalidate_recordset()
            rec.line_ids._compute_final()
            rec._rank()
            rec.state = "review"
        return True

    def _rank(self):
        for rec in self:
            ordered = rec.line_ids.sorted(lambda l: (-l.final_score, l.employee_id.name or "", l.id))
            rank, last = 0, None
            for pos, line in enumerate(ordered, start=1):
                if line.final_score != last:
                    rank, last = pos, line.final_score
                line.rank = rank

    @protected_action("gov.assessment.year.line")
    def action_propose_grades(self):
        """Grade by the thresholds; 优秀 goes to the best ranked within the quota, the others get 称职."""
        self._check_assessor()
        for rec in self:
            if rec.state != "review":
                raise UserError(self.env._("Grades are proposed during the assessor's review."))
            missing = rec.line_ids.filtered(lambda l: not l.reviewed)
            if missing:
                raise UserError(self.env._("Enter the review of %(n)s staff members first (e.g. %(name)s).",
                                           n=len(missing), name=missing[0].employee_id.name))
            rec._rank()
            places = rec._excellent_places()
            for line in rec.line_ids.sorted(lambda l: (l.rank, l.id)):
                grade = line._grade_by_score()
                if grade == "excellent":
                    if places > 0:
                        places -= 1
                    else:
                        grade = "competent"
                line.proposed_grade = grade
                line.grade = grade
        return True

    def action_send_for_signing(self):
        """Submit the graded year to the center leader, who sends it to the staff for signing."""
        return self.action_submit_for_approval()

    def _approval_check_submit(self):
        self._check_assessor()
        for rec in self:
            if rec.state != "review":
                raise UserError(self.env._("Only a reviewed year can be sent for signing."))
            ungraded = rec.line_ids.filtered(lambda l: not l.grade)
            if ungraded:
                raise UserError(self.env._("%(n)s staff members have no grade yet (e.g. %(name)s).",
                                           n=len(ungraded), name=ungraded[0].employee_id.name))
            rec._check_quota()

    def _approval_check_approver(self):
        if not self.env.user.has_group(self._approval_group):
            raise AccessError(self.env._("Only the center leader approves the yearly assessment."))

    def _approval_activity_summary(self):
        return self.env._("Approve the grades of the yearly assessment")

    def action_approve(self):
        self._approval_check_approver()
        self._check_quota()
        return super().action_approve()

    def _on_approved(self):
        """The approved grades go to the staff for signing."""
        with granted("gov.assessment.year.line"):
            self.line_ids.write({"state": "to_sign"})
        for line in self.line_ids.filtered(lambda l: l.employee_id.user_id):
            line.activity_schedule("mail.mail_activity_data_todo", user_id=line.employee_id.user_id.id,
                                   summary=center_env(line).env._("Sign or appeal your yearly assessment result"))

    def action_send_back(self):
        """The leader sends the grades back to the assessor's review (a refusal, the reason optional)."""
        self._approval_check_approver()
        return self.action_refuse()

    @protected_action("gov.assessment.year.department")
    def action_send_to_departments(self):
        """Report the results back to each home department (dual management)."""
        self._check_assessor()
        for rec in self:
            if rec.state != "signing":
                raise UserError(self.env._("The results go back to the departments after the staff signed."))
            open_lines = rec.line_ids.filtered(lambda l: l.state not in ("signed", "decided"))
            if open_lines:
                raise UserError(self.env._(
                    "%(n)s staff members have not signed yet or their appeal is pending (e.g. %(name)s).",
                    n=len(open_lines), name=open_lines[0].employee_id.name))
            for dep in rec.department_line_ids:
                dep.date_sent = fields.Date.context_today(self)
                manager = dep.department_id.manager_id.user_id
                if manager:
                    dep.activity_schedule(
                        "mail.mail_activity_data_todo", user_id=manager.id,
                        summary=center_env(rec).env._("Yearly assessment results of your staff at the service center"))
            rec.state = "done"
            center_env(rec).message_post(body=center_env(rec).env._("Results sent to %(n)s departments.", n=len(rec.department_line_ids)))
        return True

    @protected_action("gov.assessment.year.line")
    def action_reset_review(self):
        self._check_assessor()
        for rec in self:
            if rec.state != "signing" or rec.line_ids.filtered(lambda l: l.state != "to_sign"):
                raise UserError(self.env._("Once a staff member signed or appealed, the grades can no longer be reopened."))
            rec.line_ids.write({"state": "draft"})
            rec.state = "review"
        return True
