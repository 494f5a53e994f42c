from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.exceptions import UserError


class GovAssessmentInspectionPlan(models.TransientModel):
    _name = "gov.assessment.inspection.plan"
    _description = "Plan Inspection Rounds"

    company_id = fields.Many2one("res.company", "Center", required=True, default=lambda self: self.env.company)
    date_from = fields.Date(required=True, default=fields.Date.context_today)
    date_to = fields.Date(required=True, default=fields.Date.context_today)

    def action_plan(self):
        self.ensure_one()
        if self.date_to < self.date_from or (self.date_to - self.date_from).days > 62:
            raise UserError(self.env._("Plan at most two months of rounds at a time, from the first to the last day."))
        rounds = self.env["gov.assessment.inspection"]
        day = self.date_from
        while day <= self.date_to:
            rounds |= rounds.plan_day(self.company_id, day)
            day += relativedelta(days=1)
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_staff_assessment.action_inspection")
        action["domain"] = [("id", "in", rounds.ids)]
        action["context"] = {}
        return action
