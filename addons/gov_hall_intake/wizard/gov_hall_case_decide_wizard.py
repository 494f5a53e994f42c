from odoo import fields, models


class GovHallCaseDecideWizard(models.TransientModel):
    _name = "gov.hall.case.decide.wizard"
    _description = "Decide a Case or a Department Task"

    case_id = fields.Many2one("gov.hall.case")
    task_id = fields.Many2one("gov.hall.case.task")
    mode = fields.Selection([("decide", "Decide"), ("escalate", "Submit for Approval"),
                             ("window_review", "Review at the Window"), ("task", "Finish Department Review")],
                            default="decide", required=True)
    decision = fields.Selection([("approved", "Approve"), ("rejected", "Reject")],
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
