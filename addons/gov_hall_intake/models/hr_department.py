from odoo import fields, models


class HrDepartment(models.Model):
    _inherit = "hr.department"

    gov_mail_exempt = fields.Boolean(
        "No Free Mailing of Results",
        help="Results of this department are collected at the window, not mailed free of charge "
        "(e.g. certificates that must be signed for in person).")
