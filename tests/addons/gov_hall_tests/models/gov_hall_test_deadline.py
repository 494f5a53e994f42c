from odoo import fields, models
from odoo.fields import Domain


class GovHallTestDeadline(models.Model):
    """A minimal consumer of gov.hall.deadline.mixin, to test the suite-wide recomputation."""

    _name = "gov.hall.test.deadline"
    _description = "Test Deadline"
    _inherit = ["gov.hall.deadline.mixin"]
    _deadline_open_domain = Domain("state", "=", "open")

    name = fields.Char()
    state = fields.Selection([("open", "Open"), ("done", "Done")], default="open")
