from odoo import fields, models

from ..models.gov_assessment_year_line import GRADES


class GovAssessmentYearAppealWizard(models.TransientModel):
    """Staff: sign or appeal the yearly result; assessor: decide the appeal."""

    _name = "gov.assessment.year.appeal.wizard"
    _description = "Yearly Result: Appeal"

    line_id = fields.Many2one("gov.assessment.year.line", required=True, ondelete="cascade")
    line_state = fields.Selection(related="line_id.state")
    grade = fields.Selection(related="line_id.grade", string="Current Grade")
    reason = fields.Text("Reason of the Appeal")
    decision = fields.Text()
    new_grade = fields.Selection(GRADES, "Grade after the Appeal")

    def action_appeal(self):
        self.line_id.action_appeal(self.reason)
        return {"type": "ir.actions.act_window_close"}

    def action_accept(self):
        self.line_id.action_decide_appeal(True, self.decision, self.new_grade)
        return {"type": "ir.actions.act_window_close"}

    def action_reject(self):
        self.line_id.action_decide_appeal(False, self.decision)
        return {"type": "ir.actions.act_window_close"}
