"""Button on the complaint form that opens its fault accountability records."""
from odoo import fields, models
from odoo.exceptions import UserError


class GovComplaint(models.Model):
    _inherit = "gov.complaint"

    accountability_ids = fields.One2many("gov.assessment.accountability", "complaint_id",
                                         string="Fault Accountability")
    accountability_count = fields.Integer(compute="_compute_accountability_count", string="Accountability")

    def _compute_accountability_count(self):
        counts = dict(self.env["gov.assessment.accountability"]._read_group(
            [("complaint_id", "in", self.ids)], ["complaint_id"], ["__count"]))
        for complaint in self:
            complaint.accountability_count = counts.get(complaint, 0)

    def action_gov_accountability(self):
        """Open (or start) the fault accountability record of a substantiated complaint."""
        self.ensure_one()
        records = self.accountability_ids
        if not records and not self.substantiated:
            raise UserError(self.env._("Only a substantiated complaint leads to fault accountability."))
        if not records:
            records = self.env["gov.assessment.accountability"].create(
                self.env["gov.assessment.accountability"]._prepare_from_complaint(self))
        return {
            "type": "ir.actions.act_window",
            "res_model": "gov.assessment.accountability",
            "view_mode": "form" if len(records) == 1 else "list,form",
            "res_id": records.id if len(records) == 1 else False,
            "domain": [("id", "in", records.ids)],
        }
