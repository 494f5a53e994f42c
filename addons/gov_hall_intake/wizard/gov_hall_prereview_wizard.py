from odoo import api, fields, models
from odoo.exceptions import UserError


class GovHallPrereviewWizard(models.TransientModel):
    """The clerk's pre-review (预审) of an online application: accept, one-time notice or refusal."""
    _name = "gov.hall.prereview.wizard"
    _description = "Pre-Review of an Online Application"

    case_id = fields.Many2one("gov.hall.case", "Case", required=True, readonly=True)
    item_id = fields.Many2one(related="case_id.item_id")
    applicant_id = fields.Many2one(related="case_id.applicant_id")
    gov_prereview_deadline = fields.Date(related="case_id.gov_prereview_deadline")
    line_ids = fields.One2many("gov.hall.prereview.wizard.line", "wizard_id", string="Materials")
    refusal_reason = fields.Text("Reason Not Accepted")
    refusal_basis = fields.Text("Legal Basis of Refusal")

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        case = self.env["gov.hall.case"].browse(res.get("case_id") or self.env.context.get("default_case_id"))
        if case and "line_ids" in fields_list:
            res["line_ids"] = [fields.Command.create({
                "case_line_id": line.id, "name": line.name, "requirement": line.requirement,
                "tolerable": line.tolerable, "received": line.received, "note": line.note,
                "attachment_count": len(line.attachment_ids)}) for line in case.material_line_ids]
        return res

    def _apply_lines(self):
        self.ensure_one()
        if self.case_id.state not in ("draft", "supplement"):
            raise UserError(self.env._("Case %(case)s is not waiting for its pre-review.", case=self.case_id.name))
        for line in self.line_ids:
            vals = {}
            if line.case_line_id.received != line.received:
                vals["received"] = line.received
            if (line.case_line_id.note or "") != (line.note or ""):
                vals["note"] = line.note
            if vals:
                line.case_line_id.write(vals)

    def action_accept(self):
        self._apply_lines()
        self.case_id.action_accept()
        return {"type": "ir.actions.act_window_close"}

    def action_notice(self):
        self._apply_lines()
        self.case_id.action_one_time_notice()
        return {"type": "ir.actions.act_window_close"}

    def action_refuse(self):
        self.case_id.action_refuse_intake(self.refusal_reason, self.refusal_basis)
        return {"type": "ir.actions.act_window_close"}


class GovHallPrereviewWizardLine(models.TransientModel):
    _name = "gov.hall.prereview.wizard.line"
    _description = "Pre-Review Material"

    wizard_id = fields.Many2one("gov.hall.prereview.wizard", required=True, ondelete="cascade")
    case_line_id = fields.Many2one("gov.hall.case.material", required=True, ondelete="cascade")
    name = fields.Char("Material", readonly=True)
    requirement = fields.Selection([("required", "Required"), ("optional", "Optional")], readonly=True)
    tolerable = fields.Boolean("May Be Tolerated Missing", readonly=True)
    attachment_count = fields.Integer("Files", readonly=True)
    received = fields.Boolean("Complete")
    note = fields.Char("What Is Missing or Wrong")
