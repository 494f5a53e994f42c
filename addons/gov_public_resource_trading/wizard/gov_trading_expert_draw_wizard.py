"""What a step of an expert draw asks of a person: the supervisor's value, the reason of a top-up (补抽) or of
a full redraw. The wizard only collects the input; the draw's own actions check who asks and when."""
from odoo import fields, models


class GovTradingExpertDrawWizard(models.TransientModel):
    _name = "gov.trading.expert.draw.wizard"
    _description = "Expert Draw Step"

    draw_id = fields.Many2one("gov.trading.expert.draw", required=True, ondelete="cascade")
    mode = fields.Selection([("value", "Supervisor's Value"), ("top_up", "Top-up"), ("redraw", "Full Redraw")],
                            required=True, default="value")
    supervisor_value = fields.Char(
        help="Any text of your own, entered now that the pool is frozen: it enters the draw's randomness.")
    member_id = fields.Many2one("gov.trading.committee.member", "Leaving Expert",
                                domain="[('draw_id', '=', draw_id), ('role', '=', 'expert')]")
    reason_kind = fields.Selection([("declined", "Declined"), ("recused", "Recused")], default="declined")
    reason = fields.Text()

    def action_confirm(self):
        self.ensure_one()
        draw = self.draw_id
        if self.mode == "value":
            draw.action_draw(self.supervisor_value or "")
        elif self.mode == "top_up":
            draw.action_top_up(self.member_id.id, self.reason_kind, self.reason or "")
        else:
            return draw.action_request_redraw(self.reason or "")
        return {"type": "ir.actions.act_window_close"}
