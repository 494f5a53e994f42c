from odoo import api, fields, models


class GovHallIntakeWizard(models.TransientModel):
    """The intake dialog at the window: every material ticked at once, a warning when the item is not one the
    window takes, and the refusal's section only once the clerk chooses not to accept."""
    _inherit = "gov.hall.intake.wizard"

    gov_refuse = fields.Boolean("Not Accepted", help="Tick to refuse the application and give the reason.")
    gov_scope_warning = fields.Char("Scope Warning", compute="_compute_gov_scope_warning")

    @api.depends("window_id", "item_id")
    def _compute_gov_scope_warning(self):
        for wizard in self:
            window, item = wizard.window_id, wizard.item_id
            warning = False
            if window and item:
                if window.kind == "comprehensive":
                    if item.zone_ids and window.zone_id not in item.zone_ids:
                        warning = self.env._(
                            "Item %(item)s is not accepted at the comprehensive windows of %(zone)s: check the "
                            "window.", item=item.name, zone=window.zone_id.name or "-")
                elif window.department_ids and item.department_id not in window.department_ids:
                    warning = self.env._(
                        "Window %(window)s does not serve %(department)s, the department of %(item)s: check the "
                        "window.", window=window.display_name, department=item.department_id.name or "-",
                        item=item.name)
            wizard.gov_scope_warning = warning

    def action_gov_all_received(self):
        """The materials are complete (材料齐全): tick every line at once."""
        self.ensure_one()
        self.line_ids.received = True
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id, "view_mode": "form",
                "target": "new", "context": self.env.context}
