from odoo import fields, models


class GovHallRatingCallback(models.Model):
    _name = "gov.hall.rating.callback"
    _description = "Call-back to the Applicant"
    _order = "date desc"

    review_id = fields.Many2one("gov.hall.rating.review", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="review_id.company_id", store=True)
    date = fields.Datetime(default=fields.Datetime.now, required=True)
    user_id = fields.Many2one("res.users", "Called By", default=lambda self: self.env.user)
    satisfied = fields.Boolean("Applicant Satisfied with the Rectification")
    note = fields.Text(required=True)
