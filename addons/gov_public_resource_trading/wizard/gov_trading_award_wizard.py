from odoo import api, fields, models


class GovTradingAwardWizard(models.TransientModel):
    _name = "gov.trading.award.wizard"
    _description = "Choose the Winner or Record a Candidate Dropping Out"

    lot_id = fields.Many2one("gov.trading.lot", required=True, ondelete="cascade")
    mode = fields.Selection([("choose", "Choose the Winner"), ("dropout", "First Candidate Drops Out")],
                            required=True, default="choose")
    candidate_ids = fields.Many2many("gov.trading.bid", string="Candidates in the Running",
                                     compute="_compute_candidate_ids")
    bid_id = fields.Many2one("gov.trading.bid", "Candidate", required=True,
                             domain="[('id', 'in', candidate_ids)]")
    decision = fields.Selection([("next", "Award the Next Candidate"), ("retender", "Re-tender")],
                                default="next")
    reason = fields.Text()

    @api.depends("lot_id", "mode")
    def _compute_candidate_ids(self):
        for wiz in self:
            lot = wiz.lot_id.sudo()
            if not lot:
                wiz.candidate_ids = False
            elif wiz.mode == "dropout" and lot.state == "awarded":
                wiz.candidate_ids = lot.winner_bid_id
            elif wiz.mode == "dropout":
                wiz.candidate_ids = lot._candidate_bids()[:1]
            else:
                wiz.candidate_ids = lot._candidate_bids()

    def action_confirm(self):
        self.ensure_one()
        if self.mode == "choose":
            self.lot_id._tenderer_choose(self.bid_id, self.reason)
        else:
            self.lot_id._candidate_drops_out(self.bid_id, self.reason, self.decision)
        return {"type": "ir.actions.act_window_close"}
