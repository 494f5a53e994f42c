from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    gov_inspection_rounds = fields.Integer(
        "Inspection Rounds per Day", default=4,
        help="The managers inspect the windows four times a day (seed 000); 0 stops the daily planning.")
    gov_inspection_hours = fields.Char(
        "Inspection Times", default="9.0,10.5,14.5,16.0",
        help="Times of the rounds in hours, separated by commas (9.5 = 09:30). Missing times are spread "
             "evenly over the opening hours.")

    gov_appeal_days = fields.Integer(
        "Appeal Period (working days)", default=5,
        help="A staff member appeals a scored event within this many working days after it was recorded; "
             "0: until the month is approved.")

    @api.constrains("gov_appeal_days")
    def _check_gov_appeal_days(self):
        for company in self:
            if company.gov_appeal_days < 0:
                raise ValidationError(self.env._("The appeal period cannot be negative."))

    @api.constrains("gov_inspection_rounds")
    def _check_gov_inspection_rounds(self):
        for company in self:
            if not 0 <= company.gov_inspection_rounds <= 12:
                raise ValidationError(self.env._("Plan between 0 and 12 inspection rounds a day."))
