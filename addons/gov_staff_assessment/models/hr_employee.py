from odoo import models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    def action_gov_assessment_trend(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_staff_assessment.action_month_staff_trend")
        action["domain"] = [("employee_id", "=", self.id)]
        action["name"] = self.env._("Assessment trend of %(name)s", name=self.name)
        return action
