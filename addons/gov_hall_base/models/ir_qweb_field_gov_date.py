from odoo import models


class IrQwebFieldGovDate(models.AbstractModel):
    """The day at the center of a date or datetime, written 2026年12月1日 (see ir.qweb.field.gov_datetime)."""
    _name = "ir.qweb.field.gov_date"
    _description = "QWeb Field: Day at the Center"
    _inherit = ["ir.qweb.field.gov_datetime"]

    _gov_date_only = True
