"""Link to gov_hall_intake: the complaints about a case."""
from odoo import fields, models


class GovHallCase(models.Model):
    _inherit = "gov.hall.case"

    gov_complaint_ids = fields.One2many("gov.complaint", "case_id", string="Complaints")
    gov_complaint_count = fields.Integer(compute="_compute_gov_complaint_count", string="Complaint Count")

    def _compute_gov_complaint_count(self):
        counts = dict(self.env["gov.complaint"]._read_group(
            [("case_id", "in", self.ids)], ["case_id"], ["__count"]))
        for case in self:
            case.gov_complaint_count = counts.get(case, 0)

    def action_view_gov_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_complaints.action_gov_complaint")
        action.update({"domain": [("case_id", "=", self.id)], "context": {"default_case_id": self.id,
                                                                           "default_company_id": self.company_id.id}})
        return action
