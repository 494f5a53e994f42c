from odoo import fields, models

from odoo.addons.gov_hall_base.tools.lang import center_env

from ..models.gov_hall_case import DELIVERY_METHODS


class GovHallCaseDeliverWizard(models.TransientModel):
    _name = "gov.hall.case.deliver.wizard"
    _description = "Deliver the Result"

    case_id = fields.Many2one("gov.hall.case", required=True)
    method = fields.Selection(DELIVERY_METHODS, "Delivery", required=True, default="window")
    recipient = fields.Char("Collected By")
    signature = fields.Binary("Signature")
    address = fields.Char("Mailing Address")
    carrier = fields.Char("Carrier", default=lambda self: center_env(self).env._("China Post EMS"))
    tracking = fields.Char("Tracking Number")
    attachment_ids = fields.Many2many("ir.attachment", string="Electronic Result")

    def action_confirm(self):
        self.ensure_one()
        if self.attachment_ids:
            self.case_id.result_attachment_ids = [fields.Command.link(a.id) for a in self.attachment_ids]
        case = self.case_id
        if case.intake_channel == "remote" and case.remote_result_at == "receiving_window" \
                and case.sudo().receiving_company_id == self.env.company:
            # the applicant collects it at this, the receiving, window
            case.action_deliver_receiving_window(recipient=self.recipient, signature=self.signature)
            return {"type": "ir.actions.act_window_close"}
        case.action_deliver(self.method, recipient=self.recipient, signature=self.signature,
                            tracking=self.tracking, carrier=self.carrier, address=self.address)
        return {"type": "ir.actions.act_window_close"}
