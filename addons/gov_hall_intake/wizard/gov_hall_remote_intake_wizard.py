from odoo import api, fields, models
from odoo.exceptions import UserError


class GovHallRemoteIntakeWizard(models.TransientModel):
    _name = "gov.hall.remote.intake.wizard"
    _description = "Receive on Behalf of Another Center"

    owning_center_code = fields.Char("Owning Center Code", required=True)
    item_code = fields.Char("Item Code", required=True)
    item_name = fields.Char("Item", compute="_compute_item", compute_sudo=True)
    material_names = fields.Text("Materials of the Item", compute="_compute_item", compute_sudo=True)
    applicant_id = fields.Many2one("res.partner", "Applicant", required=True)
    received_names = fields.Text("Materials Received (one a line)")
    originals_tracking = fields.Char("Originals Sent By Post (tracking)")
    remote_result_at = fields.Selection(
        [("mail", "Mailed free to the applicant"), ("receiving_window", "At the receiving window")],
        "Result Handed Out", default="mail", required=True)

    def _item(self):
        self.ensure_one()
        if not (self.owning_center_code and self.item_code):
            return self.env["gov.hall.service.item"]
        return self.env["gov.hall.service.item"].sudo().search([
            ("company_id.gov_center_code", "=", self.owning_center_code.strip()), ("code", "=", self.item_code.strip()),
            ("state", "=", "published"), ("cross_region", "=", True)], limit=1)

    @api.depends("owning_center_code", "item_code")
    def _compute_item(self):
        for wizard in self:
            item = wizard._item()
            wizard.item_name = item.display_name or False
            wizard.material_names = "\n".join(item.material_ids.mapped("name")) or False

    def action_receive(self):
        self.ensure_one()
        item = self._item()
        if not item:
            raise UserError(self.env._("This item is not on the list of items handled across regions."))
        names = [n.strip() for n in (self.received_names or "").splitlines() if n.strip()]
        case = self.env["gov.hall.case"].gov_remote_receive(item.id, self.applicant_id.id, names,
                                                            self.originals_tracking, self.remote_result_at)
        return {"type": "ir.actions.act_window", "res_model": "gov.hall.case", "res_id": case.id, "view_mode": "form"}
