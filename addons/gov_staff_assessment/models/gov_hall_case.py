"""Button on the case form that opens its fault accountability records."""
from odoo import models


class GovHallCase(models.Model):
    _inherit = "gov.hall.case"

    def action_gov_accountability(self):
        """Open the fault accountability records of the case, or start one (the handler by default)."""
        self.ensure_one()
        Record = self.env["gov.assessment.accountability"]
        records = Record.search([("case_id", "=", self.id)])
        if records:
            return {"type": "ir.actions.act_window", "res_model": Record._name, "view_mode": "list,form",
                    "domain": [("id", "in", records.ids)]}
        handler = self.env["hr.employee"].search(
            [("user_id", "=", self.handler_id.id), ("company_id", "=", self.company_id.id)], limit=1) \
            if self.handler_id else self.clerk_employee_id
        return {
            "type": "ir.actions.act_window", "res_model": Record._name, "view_mode": "form",
            "context": {"default_origin": "case", "default_case_id": self.id, "default_origin_ref": self.name,
                        "default_company_id": self.company_id.id, "default_window_id": self.window_id.id,
                        "default_department_id": self.department_id.id, "default_employee_id": handler.id},
        }
