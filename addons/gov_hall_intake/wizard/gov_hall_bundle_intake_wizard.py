from odoo import api, fields, models
from odoo.exceptions import UserError


class GovHallBundleIntakeWizard(models.TransientModel):
    _name = "gov.hall.bundle.intake.wizard"
    _description = "Receive a Bundle"

    bundle_id = fields.Many2one("gov.hall.bundle", "Bundle", required=True,
                                domain="[('company_id', '=', company_id)]")
    company_id = fields.Many2one("res.company", "Center", required=True, default=lambda self: self.env.company)
    applicant_id = fields.Many2one("res.partner", "Applicant", required=True)
    window_id = fields.Many2one("gov.hall.window", "Lead Window", domain="[('company_id', '=', company_id)]")
    credit_warning = fields.Text("Credit Warning", compute="_compute_credit_warning")
    line_ids = fields.One2many("gov.hall.bundle.intake.wizard.line", "wizard_id", string="Merged Materials",
                               compute="_compute_line_ids", store=True, readonly=False)
    delivery_together = fields.Boolean("Results Handed Out Together", default=True)
    commitment = fields.Text("Commitment", help="The applicant's written commitment for tolerated missing materials.")

    @api.depends("applicant_id")
    def _compute_credit_warning(self):
        for wizard in self:
            wizard.credit_warning = wizard.applicant_id._gov_credit_warning() if wizard.applicant_id else False

    @api.depends("bundle_id")
    def _compute_line_ids(self):
        for wizard in self:
            names = wizard.bundle_id._merged_material_names() if wizard.bundle_id else []
            wizard.line_ids = [fields.Command.clear()] + [fields.Command.create({"name": n}) for n in names]

    def action_submit(self):
        self.ensure_one()
        if not self.line_ids:
            raise UserError(self.env._("The bundle asks no material: check its items."))
        bcase = self.env["gov.hall.bundle.case"].gov_submit(
            self.bundle_id, self.applicant_id, self.window_id, self.line_ids.filtered("received").mapped("name"),
            delivery_together=self.delivery_together, commitment=self.commitment)
        return {"type": "ir.actions.act_window", "res_model": "gov.hall.bundle.case", "res_id": bcase.id,
                "view_mode": "form", "target": "current"}
