"""Yearly assessment (年度考核): the approved months and the assessor's review give each staff member a
grade (优秀/称职/基本称职/不称职) with a quota for the top grade; the staff member signs or appeals; the
result goes back to the home department (dual management, seed 003). The department's window score
is reported as the 10% component of the department's own assessment.
"""
import math

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..tools import lang_env

GRADES = [("excellent", "优秀 (Excellent)"), ("competent", "称职 (Competent)"),
          ("basic", "基本称职 (Basically competent)"), ("incompetent", "不称职 (Incompetent)")]
DEPARTMENT_WEIGHT = 10.0  # % of the department's assessment (seed 003)


class GovAssessmentYear(models.Model):
    _name = "gov.assessment.year"
    _description = "Yearly Assessment"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "year desc, company_id"

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one("res.company", "Center", required=True, index=True,
                                 default=lambda self: self.env.company)
    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year)
    scheme_id = fields.Many2one("gov.assessment.scheme", "Scheme", readonly=True)
    state = fields.Selection(
        [("draft", "Draft"), ("review", "Assessor Review"), ("signing", "Signing by Staff"),
         ("done", "Sent to Departments")],
        default="draft", required=True, tracking=True, index=True)
    month_weight = fields.Float("Weight of the Months (%)", default=70.0)
    review_weight = fields.Float("Weight of the Review (%)", default=30.0)
    excellent_quota = fields.Float("Quota of 优秀 (%)", default=15.0)
    excellent_min = fields.Float("优秀 from", default=90.0)
    competent_min = fields.Float("称职 from", default=75.0)
    basic_min = fields.Float("基本称职 from", default=60.0)
    excellent_max = fields.Integer("Places for 优秀", compute="_compute_quota")
    excellent_count = fields.Integer("Graded 优秀", compute="_compute_quota")
    line_ids = fields.One2many("gov.assessment.year.line", "year_id", string="Staff")
    department_line_ids = fields.One2many("gov.assessment.year.department", "year_id", string="Departments")
    month_count = fields.Integer("Approved Months", readonly=True)

    _year_uniq = models.Constraint("unique(company_id, year)", "This year is already assessed for the center.")

    @api.depends("year", "company_id")
    def _compute_name(self):
        for rec in self:
            rec.name = lang_env(self)._("%(center)s %(year)s yearly assessment", center=rec.company_id.name or "",
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
                    "The grade thresholds must decrease: 优秀 above 称职 above 基本称职."))

    def _check_quota(self):
        for rec in self:
            places = rec._excellent_places()
            count = len(rec.line_ids.filtered(lambda l: l.grade == "excellent"))
            if count > places:
                raise ValidationError(self.env._(
                    "Only %(places)s of %(n)s staff members (%(quota)s%%) can be graded 优秀; %(count)s are.",
                    places=places, n=len(rec.line_ids), quota=rec.excellent_quota, count=count))

    def _check_assessor(self):
        if not self.env.user.has_group("gov_hall_base.group_gov_assessor"):
            raise AccessError(self.env._("Only an HR assessor runs the yearly assessment."))

    # -- computation ------------------------------------------------------------------------------------
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
        self._check_assessor()
        for rec in self:
            if rec.state != "review":
                raise UserError(self.env._("Only a reviewed year can be sent for signing."))
            ungraded = rec.line_ids.filtered(lambda l: not l.grade)
            if ungraded:
                raise UserError(self.env._("%(n)s staff members have no grade yet (e.g. %(name)s).",
                                           n=len(ungraded), name=ungraded[0].employee_id.name))
            rec._check_quota()
            rec.line_ids.write({"state": "to_sign"})
            rec.state = "signing"
            for line in rec.line_ids.filtered(lambda l: l.employee_id.user_id):
                line.activity_schedule("mail.mail_activity_data_todo", user_id=line.employee_id.user_id.id,
                                       summary=self.env._("Sign or appeal your yearly assessment result"))
        return True

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
                        summary=self.env._("Yearly assessment results of your staff at the service center"))
            rec.state = "done"
            rec.message_post(body=self.env._("Results sent to %(n)s departments.", n=len(rec.department_line_ids)))
        return True

    def action_reset_review(self):
        self._check_assessor()
        for rec in self:
            if rec.state != "signing" or rec.line_ids.filtered(lambda l: l.state != "to_sign"):
                raise UserError(self.env._("Once a staff member signed or appealed, the grades can no longer be reopened."))
            rec.line_ids.write({"state": "draft"})
            rec.state = "review"
        return True


class GovAssessmentYearLine(models.Model):
    _name = "gov.assessment.year.line"
    _description = "Yearly Staff Result"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "year_id desc, rank, id"

    year_id = fields.Many2one("gov.assessment.year", "Yearly Assessment", required=True, ondelete="cascade", index=True)
    year = fields.Integer(related="year_id.year", store=True)
    year_state = fields.Selection(related="year_id.state", string="Year Status")
    company_id = fields.Many2one("res.company", "Center", required=True, index=True)
    employee_id = fields.Many2one("hr.employee", "Staff Member", required=True, index=True)
    department_id = fields.Many2one("hr.department", "Home Department", index=True)
    window_id = fields.Many2one("gov.hall.window", "Window")
    months_count = fields.Integer("Months")
    month_score = fields.Float("Average of the Months", aggregator="avg")
    review_score = fields.Float("Review Score", aggregator="avg", tracking=True)
    reviewed = fields.Boolean(compute="_compute_reviewed", store=True)
    review_comment = fields.Text("Assessor's Review", tracking=True)
    final_score = fields.Float("Final Score", aggregator="avg", readonly=True)
    rank = fields.Integer(aggregator="min", readonly=True)
    proposed_grade = fields.Selection(GRADES, readonly=True)
    grade = fields.Selection(GRADES, tracking=True, index=True)
    state = fields.Selection(
        [("draft", "In Review"), ("to_sign", "To Sign"), ("signed", "Signed"), ("appealed", "Appealed"),
         ("decided", "Appeal Decided")],
        default="draft", required=True, tracking=True, index=True)
    date_signed = fields.Date(readonly=True)
    appeal_reason = fields.Text(readonly=True, tracking=True)
    appeal_decision = fields.Text(tracking=True)
    appeal_result = fields.Selection([("accepted", "Accepted"), ("rejected", "Rejected")], readonly=True,
                                     tracking=True)

    _employee_uniq = models.Constraint("unique(year_id, employee_id)", "The staff member is already assessed this year.")
    _review_range = models.Constraint("CHECK(review_score >= 0 AND review_score <= 100)",
                                      "The review score is between 0 and 100.")

    @api.depends("employee_id", "year")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.employee_id.name} · {line.year}"

    @api.depends("review_score", "review_comment")
    def _compute_reviewed(self):
        for line in self:
            line.reviewed = bool(line.review_score or (line.review_comment or "").strip())

    def _compute_final(self):
        for line in self:
            year = line.year_id
            line.final_score = round(
                (line.month_score * year.month_weight + line.review_score * year.review_weight) / 100.0, 2)

    def _grade_by_score(self):
        self.ensure_one()
        year = self.year_id
        if self.final_score >= year.excellent_min:
            return "excellent"
        if self.final_score >= year.competent_min:
            return "competent"
        if self.final_score >= year.basic_min:
            return "basic"
        return "incompetent"

    def write(self, vals):
        if {"review_score", "review_comment", "grade"} & set(vals):
            if not self.env.user.has_group("gov_hall_base.group_gov_assessor"):
                raise AccessError(self.env._("Only an HR assessor reviews and grades."))
            if any(line.year_id.state != "review" for line in self) and not self.env.context.get("gov_appeal_decision"):
                raise UserError(self.env._("Reviews and grades are entered during the assessor's review."))
        res = super().write(vals)
        if {"review_score"} & set(vals):
            self._compute_final()
        if "grade" in vals:
            self.year_id._check_quota()
        return res

    def _check_own(self):
        for line in self:
            if line.employee_id.user_id != self.env.user:
                raise AccessError(self.env._("Only %(name)s signs or appeals this result.", name=line.employee_id.name))
            if line.state != "to_sign":
                raise UserError(self.env._("This result is not waiting for your signature."))

    def action_sign(self):
        self._check_own()
        self.sudo().write({"state": "signed", "date_signed": fields.Date.context_today(self)})
        self.sudo().activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def action_appeal(self, reason):
        self._check_own()
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason of the appeal."))
        self.sudo().write({"state": "appealed", "appeal_reason": reason})
        self.sudo().activity_feedback(["mail.mail_activity_data_todo"])
        for line in self.sudo():
            assessor = line.year_id.create_uid
            line.activity_schedule("mail.mail_activity_data_todo", user_id=assessor.id,
                                   summary=self.env._("Decide the appeal against a yearly grade"))
        return True

    def action_decide_appeal(self, accepted, decision, grade=None):
        if not self.env.user.has_group("gov_hall_base.group_gov_assessor"):
            raise AccessError(self.env._("Only an HR assessor decides appeals."))
        if not (decision or "").strip():
            raise UserError(self.env._("Explain the decision on the appeal."))
        for line in self:
            if line.state != "appealed":
                raise UserError(self.env._("This result is not under appeal."))
            vals = {"state": "decided", "appeal_decision": decision,
                    "appeal_result": "accepted" if accepted else "rejected"}
            if accepted and grade:
                vals["grade"] = grade
            line.with_context(gov_appeal_decision=True).write(vals)
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def action_open_appeal_wizard(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "gov.assessment.year.appeal.wizard",
                "view_mode": "form", "target": "new", "context": {"default_line_id": self.id}}


class GovAssessmentYearDepartment(models.Model):
    _name = "gov.assessment.year.department"
    _description = "Yearly Department Window Component"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "year_id desc, component desc, id"

    year_id = fields.Many2one("gov.assessment.year", "Yearly Assessment", required=True, ondelete="cascade", index=True)
    year = fields.Integer(related="year_id.year", store=True)
    company_id = fields.Many2one("res.company", "Center", required=True, index=True)
    department_id = fields.Many2one("hr.department", "Department", required=True, index=True)
    window_count = fields.Integer("Windows")
    staff_count = fields.Integer("Staff")
    window_score = fields.Float("Window Score", aggregator="avg",
                                help="Average monthly score of the department's windows over the year.")
    component = fields.Float("Component of the Department's Assessment (10%)", aggregator="avg",
                             help="Window score x 10%: the points the center reports for the department's own "
                                  "assessment (seed 003).")
    line_ids = fields.One2many("gov.assessment.year.line", compute="_compute_line_ids", string="Staff Results")
    date_sent = fields.Date("Sent On", readonly=True)

    def _compute_line_ids(self):
        for dep in self:
            dep.line_ids = dep.year_id.line_ids.filtered(lambda l: l.department_id == dep.department_id)

    @api.depends("department_id", "year")
    def _compute_display_name(self):
        for dep in self:
            dep.display_name = f"{dep.department_id.name} · {dep.year}"
