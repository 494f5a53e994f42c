from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from odoo.addons.gov_hall_base.tools.protect import is_granted


class GovTradingScore(models.Model):
    _name = "gov.trading.score"
    _description = "Expert Score"
    _inherit = ["gov.trading.integrity.mixin"]
    _order = "bid_id, criterion_id"
    # the expert's own input: ``score`` and ``comment``, by that expert only (see _check_scorer)
    _frozen_fields = ("member_id", "lot_id", "company_id", "user_id", "bid_id", "criterion_id")
    _SCORER_FIELDS = ("score", "comment")

    member_id = fields.Many2one("gov.trading.committee.member", required=True, ondelete="cascade", index=True)
    lot_id = fields.Many2one(related="member_id.lot_id", store=True, index=True)
    company_id = fields.Many2one(related="lot_id.company_id", store=True)
    user_id = fields.Many2one(related="member_id.user_id", store=True)
    bid_id = fields.Many2one("gov.trading.bid", required=True, ondelete="cascade")
    bidder_id = fields.Many2one(related="bid_id.bidder_id")
    criterion_id = fields.Many2one("gov.trading.criterion", required=True, ondelete="cascade")
    max_points = fields.Float(related="criterion_id.weight")
    score = fields.Float(required=True, digits=(16, 2))
    comment = fields.Char()

    _uniq = models.Constraint("unique(member_id, bid_id, criterion_id)",
                              "An expert scores each criterion of each bid once.")

    @api.constrains("score", "criterion_id", "bid_id", "member_id")
    def _check_score(self):
        for rec in self:
            lot = rec.member_id.lot_id
            if rec.criterion_id.kind == "price":
                raise ValidationError(self.env._("The price score is computed by the system, not scored by experts."))
            if rec.criterion_id.lot_id != lot or rec.bid_id.lot_id != lot:
                raise ValidationError(self.env._("The score does not belong to this lot."))
            if rec.bid_id.state != "decrypted":
                raise ValidationError(self.env._("Only valid (decrypted) bids are scored."))
            if not 0 <= rec.score <= rec.criterion_id.weight:
                raise ValidationError(self.env._(
                    "The score of %(criterion)s is between 0 and %(max)s: %(score)s is out of range.",
                    criterion=rec.criterion_id.name, max=rec.criterion_id.weight, score=rec.score))
            if lot.state != "evaluation" or not lot.evaluation_started:
                raise ValidationError(self.env._("Scores are entered during the evaluation only."))
            if rec.member_id.signed:
                raise ValidationError(self.env._("%(name)s has signed: the scores are final.",
                                                 name=rec.member_id.name))

    def _check_scorer(self, members):
        """A score is entered and changed by the expert of its committee seat only, while the evaluation runs
        and before that expert signs; not by the staff, another expert or an administrator."""
        if is_granted(self._name):
            return
        for member in members.sudo():
            lot = member.lot_id
            if lot.state != "evaluation" or not lot.evaluation_started:
                raise ValidationError(self.env._("Scores are entered during the evaluation only."))
            if member.signed:
                raise ValidationError(self.env._("%(name)s has signed: the scores are final.", name=member.name))
            if not member.user_id or member.user_id != self.env.user:
                raise AccessError(self.env._("Each expert enters and changes only their own scores."))

    @api.model_create_multi
    def create(self, vals_list):
        self._check_scorer(self.env["gov.trading.committee.member"].browse(
            {vals.get("member_id") for vals in vals_list if vals.get("member_id")}))
        records = super().create(vals_list)
        for rec in records:
            self.env["gov.trading.log"]._append("score", rec, lot=rec.lot_id, payload={
                "member": rec.member_id.id, "bid": rec.bid_id.receipt_number, "criterion": rec.criterion_id.name,
                "score": rec.score})
        return records

    def write(self, vals):
        if self.pool.ready and set(self._SCORER_FIELDS) & set(vals):
            self._check_scorer(self.member_id)
        res = super().write(vals)
        for rec in self:
            self.env["gov.trading.log"]._append("score", rec, lot=rec.lot_id, payload={
                "member": rec.member_id.id, "bid": rec.bid_id.receipt_number, "criterion": rec.criterion_id.name,
                "score": rec.score, "changed": True})
        return res
