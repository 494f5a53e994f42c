from odoo import fields, models


class ResGroups(models.Model):
    _inherit = "res.groups"

    gov_home_action_id = fields.Many2one(
        "ir.actions.actions", "Workbench", ondelete="set null",
        help="The home action of a new user of this group: the screen the user lands on after logging in.")
    gov_home_sequence = fields.Integer(
        "Workbench Priority", default=100,
        help="When a user belongs to several groups with a workbench, the lowest priority wins.")
