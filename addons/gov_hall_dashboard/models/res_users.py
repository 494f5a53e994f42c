from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        for user in users.filtered(lambda u: not u.action_id and not u.share):
            action = user._gov_default_home_action()
            if action:
                user.sudo().action_id = action
        return users

    def _gov_default_home_action(self):
        """The workbench of the user's groups (implied groups included) with the lowest priority."""
        self.ensure_one()
        groups = self.sudo().all_group_ids.filtered("gov_home_action_id").sorted(
            lambda g: (g.gov_home_sequence, g.id))
        return groups[:1].gov_home_action_id
