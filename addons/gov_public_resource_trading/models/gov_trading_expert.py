from odoo import fields, models
from odoo.exceptions import UserError


class GovTradingExpert(models.Model):
    _name = "gov.trading.expert"
    _description = "Evaluation Expert"
    _inherit = ["mail.thread"]
    _order = "name"

    name = fields.Char(required=True)
    user_id = fields.Many2one("res.users", "User", help="The backend user who scores as this expert.")
    specialty_ids = fields.Many2many("gov.trading.specialty", string="Specialties")
    region = fields.Char()
    employer_id = fields.Many2one("res.partner", "Employer")
    title = fields.Char("Professional Title")
    available = fields.Boolean(default=True, tracking=True)
    penalized = fields.Boolean("Penalised in the Past", tracking=True,
                               help="Experts with a past penalty are excluded from draws (NDRC Order No. 12, art. 12).")
    relation_partner_ids = fields.Many2many(
        "res.partner", "gov_trading_expert_relation_rel", "expert_id", "partner_id",
        string="Declared Relations", help="Companies the expert declared a near relative, employment within "
        "3 years, control or economic interest in: excluded when they bid or tender.")
    draw_count = fields.Integer("Past Draws", compute="_compute_draw_count")
    active = fields.Boolean(default=True)

    def write(self, vals):
        if "user_id" in vals and self.pool.ready:
            seated = self.env["gov.trading.committee.member"].sudo().search_count([
                ("expert_id", "in", self.ids), ("lot_id.state", "in", ("decrypting", "evaluation")),
                ("lot_id.evaluation_started", "=", True)], limit=1)
            if seated:
                raise UserError(self.env._(
                    "This expert sits on a committee whose evaluation is running: the user who scores as "
                    "this expert cannot change now."))
        return super().write(vals)

    def _compute_draw_count(self):
        # only draws whose names are unsealed count: a fresh draw must not leak who was drawn
        groups = dict(self.env["gov.trading.committee.member"].sudo()._read_group(
            [("expert_id", "in", self.ids), ("lot_id.evaluation_started", "=", True)], ["expert_id"], ["__count"]))
        for rec in self:
            rec.draw_count = groups.get(rec, 0)
