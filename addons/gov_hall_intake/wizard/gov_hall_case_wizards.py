from odoo import fields, models
from odoo.exceptions import UserError

from ..models.gov_hall_case import DELIVERY_METHODS, PAUSE_REASONS
from ..models.gov_hall_rating import RATING_LEVELS


class GovHallCaseDecideWizard(models.TransientModel):
    _name = "gov.hall.case.decide.wizard"
    _description = "Decide a Case or a Department Task"

    case_id = fields.Many2one("gov.hall.case")
    task_id = fields.Many2one("gov.hall.case.task")
    mode = fields.Selection([("decide", "Decide"), ("escalate", "Submit for Approval"),
                             ("window_review", "Review at the Window"), ("task", "Finish Department Review")],
                            default="decide", required=True)
    decision = fields.Selection([("approved", "Approve (准予)"), ("rejected", "Reject (不予)")],
                                default="approved", required=True)
    basis = fields.Text("Legal Basis")
    note = fields.Text("Remarks")

    def action_confirm(self):
        self.ensure_one()
        if self.mode == "task":
            self.task_id.action_done("approve" if self.decision == "approved" else "reject", self.note)
        elif self.mode == "window_review":
            self.case_id.action_window_review(self.decision, self.note)
        elif self.mode == "escalate":
            self.case_id.action_escalate(self.decision, self.basis, self.note)
        else:
            if self.case_id._decision_authority() == "escalate":
                self.case_id.action_escalate(self.decision, self.basis, self.note)
            else:
                self.case_id.action_decide(self.decision, self.basis, self.note)
        return {"type": "ir.actions.act_window_close"}


class GovHallCaseDeliverWizard(models.TransientModel):
    _name = "gov.hall.case.deliver.wizard"
    _description = "Deliver the Result"

    case_id = fields.Many2one("gov.hall.case", required=True)
    method = fields.Selection(DELIVERY_METHODS, "Delivery", required=True, default="window")
    recipient = fields.Char("Collected By")
    signature = fields.Binary("Signature")
    address = fields.Char("Mailing Address")
    carrier = fields.Char("Carrier", default="中国邮政EMS")
    tracking = fields.Char("Tracking Number")
    attachment_ids = fields.Many2many("ir.attachment", string="Electronic Result")

    def action_confirm(self):
        self.ensure_one()
        if self.attachment_ids:
            self.case_id.result_attachment_ids = [fields.Command.link(a.id) for a in self.attachment_ids]
        self.case_id.action_deliver(self.method, recipient=self.recipient, signature=self.signature,
                                    tracking=self.tracking, carrier=self.carrier, address=self.address)
        return {"type": "ir.actions.act_window_close"}


class GovHallCasePauseWizard(models.TransientModel):
    _name = "gov.hall.case.pause.wizard"
    _description = "Pause the Clock"

    case_id = fields.Many2one("gov.hall.case", required=True)
    reason_type = fields.Selection(PAUSE_REASONS, "Reason", required=True, default="expert")
    reason = fields.Text("Details", required=True)

    def action_confirm(self):
        self.case_id.action_pause(self.reason_type, self.reason)
        return {"type": "ir.actions.act_window_close"}


class GovHallCaseRateWizard(models.TransientModel):
    _name = "gov.hall.case.rate.wizard"
    _description = "Rate on the Applicant's Behalf"

    case_id = fields.Many2one("gov.hall.case", required=True)
    value = fields.Selection(RATING_LEVELS, "Rating", required=True, default="5")
    feedback = fields.Text()

    def action_confirm(self):
        if not self.case_id:
            raise UserError(self.env._("No case to rate."))
        self.case_id.action_rate(int(self.value), self.feedback, channel="staff")
        return {"type": "ir.actions.act_window_close"}
