from odoo import fields, models


class GovHallRatingReviewWizard(models.TransientModel):
    _name = "gov.hall.rating.review.wizard"
    _description = "Call Back or Remove a Bad Rating"

    review_id = fields.Many2one("gov.hall.rating.review", required=True)
    mode = fields.Selection([("callback", "Call-back"), ("remove", "Remove on appeal")], required=True)
    satisfied = fields.Boolean("Applicant Satisfied")
    note = fields.Text(required=True)

    def action_confirm(self):
        if self.mode == "callback":
            self.review_id.action_callback(self.satisfied, self.note)
        else:
            self.review_id.action_remove(self.note)
        return {"type": "ir.actions.act_window_close"}
