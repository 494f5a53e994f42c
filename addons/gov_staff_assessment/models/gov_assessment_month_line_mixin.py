from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.gov_hall_base.tools.protect import granted, is_granted

# every stored value of a month line is the month computation's (set-based SQL in gov.assessment.month)
LINE_PROTECTED_FIELDS = (
    "month_id", "company_id", "date_from", "department_id", "base", "deduction", "addition", "score", "rank",
    "ratings_count", "good_count", "satisfaction", "volume", "complaint_count",
)


class GovAssessmentMonthLineMixin(models.AbstractModel):
    _name = "gov.assessment.month.line.mixin"
    _inherit = ["gov.hall.protected.mixin", "gov.assessment.company.mixin"]
    _description = "Monthly Assessment Line"
    # the honour the assessor or the leader chooses (is_star / is_red_flag): a check in write
    _honour_field = None
    _protected_fields = LINE_PROTECTED_FIELDS

    month_id = fields.Many2one("gov.assessment.month", "Monthly Assessment", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one("res.company", "Center", required=True, index=True)
    date_from = fields.Date("Month", index=True)
    month_state = fields.Selection(related="month_id.state", string="Assessment Status")
    department_id = fields.Many2one("hr.department", "Department", index=True, check_company=True)
    base = fields.Float("Base", aggregator="avg")
    deduction = fields.Float("Deductions", aggregator="avg")
    addition = fields.Float("Additions", aggregator="avg")
    score = fields.Float(aggregator="avg")
    rank = fields.Integer(aggregator="min")
    ratings_count = fields.Integer("Ratings")
    good_count = fields.Integer("Satisfied Ratings")
    satisfaction = fields.Float("Satisfaction (%)", aggregator="avg")
    volume = fields.Integer("Cases Handled")
    complaint_count = fields.Integer("Substantiated Complaints")

    def _check_honour_edit(self):
        if not self.env.user.has_group("gov_hall_base.group_gov_assessor"):
            raise AccessError(self.env._("Only an HR assessor or the center leader chooses the honours of the month."))
        if any(line.month_id.state not in ("computed", "to_approve") for line in self):
            raise UserError(self.env._("Honours are chosen while the assessment is computed or awaiting approval."))

    def write(self, vals):
        honour = self._honour_field
        if honour in vals and not is_granted(self._name) and self.pool.ready:
            self._check_honour_edit()
            rest = self._gov_protected_hit(set(vals) - {honour})
            if rest:
                self._gov_refuse_protected(rest)
            with granted(self):
                return super().write(vals)
        return super().write(vals)
