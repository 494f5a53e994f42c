from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.gov_hall_base.tools.lang import center_env
from odoo.addons.gov_hall_base.tools.protect import granted, is_granted, protected_action

# what the assessor enters during the review (a check in write); everything else is the year's computation
REVIEW_FIELDS = {"review_score", "review_comment", "grade"}
GRADES = [("excellent", "Excellent"), ("competent", "Competent"),
          ("basic", "Basically competent"), ("incompetent", "Incompetent")]


class GovAssessmentYearLine(models.Model):
    _name = "gov.assessment.year.line"
    _description = "Yearly Staff Result"
    _inherit = ["mail.thread", "mail.activity.mixin", "gov.hall.protected.mixin", "gov.assessment.company.mixin"]
    _order = "year_id desc, rank, id"
    _protected_fields = ("year_id", "company_id", "employee_id", "department_id", "window_id", "months_count",
                         "month_score", "final_score", "rank", "proposed_grade", "state", "date_signed",
                         "appeal_reason", "appeal_result", "appeal_decision") + tuple(sorted(REVIEW_FIELDS))

    year_id = fields.Many2one("gov.assessment.year", "Yearly Assessment", required=True, ondelete="cascade", index=True)
    year = fields.Integer(related="year_id.year", store=True)
    year_state = fields.Selection(related="year_id.state", string="Year Status")
    company_id = fields.Many2one("res.company", "Center", required=True, index=True)
    employee_id = fields.Many2one("hr.employee", "Staff Member", required=True, index=True, check_company=True)
    department_id = fields.Many2one("hr.department", "Home Department", index=True, check_company=True)
    window_id = fields.Many2one("gov.hall.window", "Window", check_company=True)
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
        if REVIEW_FIELDS & set(vals) and not is_granted(self._name) and self.pool.ready:
            if not self.env.user.has_group("gov_hall_base.group_gov_assessor"):
                raise AccessError(self.env._("Only an HR assessor reviews and grades."))
            if any(line.year_id.state != "review" for line in self):
                raise UserError(self.env._("Reviews and grades are entered during the assessor's review."))
            rest = self._gov_protected_hit(set(vals) - REVIEW_FIELDS)
            if rest:
                self._gov_refuse_protected(rest)
            with granted(self):
                return self._gov_write(vals)
        return self._gov_write(vals)

    def _gov_write(self, vals):
        res = super().write(vals)
        if {"review_score"} & set(vals):
            with granted(self):
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

    @protected_action()
    def action_sign(self):
        self._check_own()
        self.sudo().write({"state": "signed", "date_signed": fields.Date.context_today(self)})
        self.sudo().activity_feedback(["mail.mail_activity_data_todo"])
        return True

    @protected_action()
    def action_appeal(self, reason):
        self._check_own()
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason of the appeal."))
        self.sudo().write({"state": "appealed", "appeal_reason": reason})
        self.sudo().activity_feedback(["mail.mail_activity_data_todo"])
        for line in self.sudo():
            assessor = line.year_id.create_uid
            line.activity_schedule("mail.mail_activity_data_todo", user_id=assessor.id,
                                   summary=center_env(line).env._("Decide the appeal against a yearly grade"))
        return True

    @protected_action()
    def action_decide_appeal(self, accepted, decision, grade=None):
        if not self.env.user.has_group("gov_hall_base.group_gov_assessor"):
            raise AccessError(self.env._("Only an HR assessor decides appeals."))
        if not (decision or "").strip():
            raise UserError(self.env._("Explain the decision on the appeal."))
        for line in self:
            if line.state != "appealed":
                raise UserError(self.env._("This result is not under appeal."))
            if line.employee_id.user_id == self.env.user:
                raise UserError(self.env._("Nobody decides their own appeal."))
            vals = {"state": "decided", "appeal_decision": decision,
                    "appeal_result": "accepted" if accepted else "rejected"}
            if accepted and grade:
                vals["grade"] = grade
            line.write(vals)
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def action_open_appeal_wizard(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "gov.assessment.year.appeal.wizard",
                "view_mode": "form", "target": "new", "context": {"default_line_id": self.id}}
