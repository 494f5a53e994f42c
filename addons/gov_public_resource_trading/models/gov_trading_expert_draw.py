"""Expert pool, verifiable random draw, committee, scoring, ranking, sign-off, publicity and award."""
import hashlib
import hmac
import json
import math
import secrets

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.gov_hall_base.tools.protect import granted, is_granted, protected_action

from .gov_trading_lot import BIG_PROCUREMENT


def draw_select(seed_hex, eligible_ids, count):
    """Deterministic partial Fisher-Yates shuffle of ``eligible_ids`` (sorted) driven by
    HMAC-SHA256(seed, i): anyone holding the snapshot and the seed can re-run the draw."""
    pool = sorted(eligible_ids)
    key = bytes.fromhex(seed_hex)
    chosen = []
    for i in range(count):
        remaining = len(pool) - i
        # rejection sampling: no modulo bias
        limit = (2**256 // remaining) * remaining
        counter = 0
        while True:
            digest = hmac.new(key, f"{i}:{counter}".encode(), hashlib.sha256).digest()
            value = int.from_bytes(digest, "big")
            if value < limit:
                break
            counter += 1
        j = i + value % remaining
        pool[i], pool[j] = pool[j], pool[i]
        chosen.append(pool[i])
    return chosen


class GovTradingExpertDraw(models.Model):
    _name = "gov.trading.expert.draw"
    _description = "Expert Draw"
    _inherit = ["mail.thread", "gov.trading.integrity.mixin"]
    _order = "id desc"
    # the draw's randomness, the pool it ran on and its result: written once, by action_draw
    _protected_fields = ("state", "seed", "snapshot", "snapshot_sha256", "excluded", "selected_ids_json",
                         "date_draw", "user_id")
    # what the draw was asked, fixed once it was made
    _DRAWN_LOCK = ("lot_id", "specialty_id", "committee_size", "tenderer_rep_count")

    lot_id = fields.Many2one("gov.trading.lot", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="lot_id.company_id", store=True)
    user_id = fields.Many2one("res.users", "Drawing Staff", default=lambda s: s.env.user, readonly=True)
    specialty_id = fields.Many2one("gov.trading.specialty", required=True)
    committee_size = fields.Integer(required=True, default=5)
    tenderer_rep_count = fields.Integer("Tenderer Representatives", default=0)
    expert_count = fields.Integer("Experts to Draw", compute="_compute_expert_count")
    state = fields.Selection([("draft", "Draft"), ("done", "Drawn")], default="draft", required=True)
    date_draw = fields.Datetime(readonly=True)
    seed = fields.Char("Randomness (hex)", readonly=True, help="256 bits from the secrets module.")
    snapshot = fields.Text("Eligible Pool Snapshot", readonly=True)
    snapshot_sha256 = fields.Char(readonly=True)
    excluded = fields.Text("Excluded Experts", readonly=True)
    selected_ids_json = fields.Char("Selected (ids)", readonly=True)
    member_ids = fields.One2many("gov.trading.committee.member", "draw_id", string="Committee")

    @api.depends("committee_size", "tenderer_rep_count")
    def _compute_expert_count(self):
        for rec in self:
            rec.expert_count = rec.committee_size - rec.tenderer_rep_count

    @api.constrains("committee_size", "tenderer_rep_count", "lot_id")
    def _check_size(self):
        for rec in self:
            size = rec.committee_size
            if size < 5 or size % 2 == 0:
                raise ValidationError(self.env._(
                    "The evaluation committee has an odd number of members, at least 5 (Bidding Law, art. "
                    "37): %(size)s is not allowed.", size=size))
            if rec.tenderer_rep_count < 0 or rec.expert_count * 3 < size * 2:
                raise ValidationError(self.env._(
                    "Experts must be at least two thirds of the committee: %(experts)s experts of %(size)s "
                    "members is too few (at least %(min)s).", experts=rec.expert_count, size=size,
                    min=math.ceil(size * 2 / 3)))
            if rec.lot_id.kind == "procurement" and rec.lot_id.estimate_amount >= BIG_PROCUREMENT and size < 7:
                raise ValidationError(self.env._(
                    "A procurement with a budget of 10 million yuan or more needs a committee of at least 7 "
                    "(MOF Order No. 87, art. 47)."))

    def _conflicts(self):
        """Partners whose employees or relations may not evaluate: bidders and the tenderer."""
        self.ensure_one()
        lot = self.lot_id.sudo()
        partners = lot.registration_ids.filtered(lambda r: r.state == "registered").bidder_id.partner_id
        partners |= lot.tenderer_id | lot.project_id.agency_id
        return partners | partners.mapped("commercial_partner_id")

    def write(self, vals):
        if self.pool.ready and not is_granted(self._name) and set(self._DRAWN_LOCK) & set(vals) and \
                any(rec.state != "draft" for rec in self):
            self._gov_refuse_protected(sorted(set(self._DRAWN_LOCK) & set(vals)))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if not is_granted(self._name) and any(rec.state != "draft" for rec in self):
            raise UserError(self.env._("This draw has already been made."))

    @protected_action("gov.trading.committee.member")
    def action_draw(self):
        self._check_trading_staff()
        Expert = self.env["gov.trading.expert"].sudo()
        for rec in self:
            if rec.state != "draft":
                raise UserError(self.env._("This draw has already been made."))
            if rec.lot_id.state not in ("published", "decrypting", "evaluation"):
                raise UserError(self.env._("Experts are drawn for a lot in tendering or evaluation."))
            if rec.lot_id.evaluation_started:
                raise UserError(self.env._("The evaluation has started: the committee can no longer be drawn."))
            conflicts = rec._conflicts().ids
            self.env.flush_all()
            self.env.cr.execute("""
                SELECT e.id,
                       CASE WHEN NOT e.available THEN 'unavailable'
                            WHEN e.penalized THEN 'penalised'
                            WHEN e.employer_id = ANY(%(c)s) THEN 'employer'
                            WHEN EXISTS (SELECT 1 FROM gov_trading_expert_relation_rel r
                                          WHERE r.expert_id = e.id AND r.partner_id = ANY(%(c)s)) THEN 'relation'
                       END
                  FROM gov_trading_expert e
                  JOIN gov_trading_expert_gov_trading_specialty_rel s
                    ON s.gov_trading_expert_id = e.id AND s.gov_trading_specialty_id = %(spec)s
                 WHERE e.active
            """, {"c": conflicts, "spec": rec.specialty_id.id})
            rows = self.env.cr.fetchall()
            eligible = sorted(r[0] for r in rows if r[1] is None)
            excluded = {str(r[0]): r[1] for r in rows if r[1] is not None}
            if len(eligible) < rec.expert_count:
                raise UserError(self.env._(
                    "Only %(count)s eligible experts of this specialty are available; %(needed)s are needed.",
                    count=len(eligible), needed=rec.expert_count))
            seed = secrets.token_hex(32)
            chosen = draw_select(seed, eligible, rec.expert_count)
            snapshot = json.dumps(eligible, separators=(",", ":"))
            rec.write({
                "state": "done", "date_draw": fields.Datetime.now(), "seed": seed, "snapshot": snapshot,
                "snapshot_sha256": hashlib.sha256(snapshot.encode()).hexdigest(),
                "excluded": json.dumps(excluded, separators=(",", ":")),
                "selected_ids_json": json.dumps(chosen),
            })
            experts = Expert.browse(chosen)
            self.env["gov.trading.committee.member"].sudo().create([
                {"draw_id": rec.id, "expert_id": e.id, "role": "expert"} for e in experts
            ])
            self.env["gov.trading.log"]._append("expert_draw", rec, lot=rec.lot_id, payload={
                "snapshot_sha256": rec.snapshot_sha256, "seed_sha256": hashlib.sha256(seed.encode()).hexdigest(),
                "pool": len(eligible), "excluded": len(excluded), "size": rec.committee_size})

    def verify_draw(self):
        """Re-run the draw from the stored snapshot and randomness; True when it gives the same committee."""
        self.ensure_one()
        eligible = json.loads(self.snapshot)
        if hashlib.sha256(self.snapshot.encode()).hexdigest() != self.snapshot_sha256:
            return False
        chosen = draw_select(self.seed, eligible, self.expert_count)
        return chosen == json.loads(self.selected_ids_json) and set(chosen) == set(
            self.member_ids.filtered(lambda m: m.role == "expert").expert_id.ids)

    def action_verify_draw(self):
        ok = self.verify_draw()
        return {"type": "ir.actions.client", "tag": "display_notification", "params": {
            "title": self.env._("Draw verification"),
            "message": self.env._("The draw is reproduced exactly from its snapshot and randomness.") if ok
            else self.env._("The draw could NOT be reproduced: the record was altered."),
            "type": "success" if ok else "danger", "sticky": True}}


class GovTradingCommitteeMember(models.Model):
    _name = "gov.trading.committee.member"
    _description = "Evaluation Committee Member"
    _inherit = ["gov.trading.integrity.mixin"]
    _order = "id"
    # the seats come from the draw; the sign-off from each member's own action
    _protected_fields = ("draw_id", "lot_id", "company_id", "expert_id", "user_id", "role", "signed",
                         "date_signed")

    draw_id = fields.Many2one("gov.trading.expert.draw", required=True, ondelete="cascade", index=True)
    lot_id = fields.Many2one(related="draw_id.lot_id", store=True, index=True)
    company_id = fields.Many2one(related="lot_id.company_id", store=True)
    expert_id = fields.Many2one("gov.trading.expert", index=True)
    user_id = fields.Many2one(related="expert_id.user_id", store=True, index=True)
    role = fields.Selection([("expert", "Expert"), ("tenderer_rep", "Tenderer Representative")],
                            required=True, default="expert")
    name = fields.Char(compute="_compute_name", store=True, readonly=False)
    signed = fields.Boolean(readonly=True)
    date_signed = fields.Datetime(readonly=True)
    score_ids = fields.One2many("gov.trading.score", "member_id")

    @api.depends("expert_id")
    def _compute_name(self):
        for rec in self:
            if rec.expert_id:
                rec.name = rec.expert_id.name

    def action_open_score_sheet(self):
        self.ensure_one()
        action = self.lot_id.action_open_score_sheet()
        action["context"]["default_member_id"] = self.id
        return action

    _MANUAL_SEAT = ("draw_id", "role", "name")

    def _check_manual_seats(self, draws, vals_list=None):
        """Outside the draw, the staff only add (or remove) the tenderer's representatives, before the
        evaluation starts."""
        self._check_trading_staff()
        refused = any(d.lot_id.evaluation_started or d.state != "done" for d in draws.sudo())
        if vals_list is not None:
            refused = refused or any(
                vals.get("role") != "tenderer_rep" or {k for k, v in vals.items() if v} - set(self._MANUAL_SEAT)
                for vals in vals_list)
        else:
            refused = refused or any(m.role != "tenderer_rep" or m.signed for m in self.sudo())
        if refused:
            raise UserError(self.env._(
                "Experts take their seats by the draw only; the staff add or remove the tenderer's "
                "representatives here, after the draw and before the evaluation starts."))

    @api.model_create_multi
    def create(self, vals_list):
        if self.pool.ready and not is_granted(self._name):
            self._check_manual_seats(self.env["gov.trading.expert.draw"].browse(
                {vals.get("draw_id") for vals in vals_list if vals.get("draw_id")}), vals_list)
            with granted(self):
                return super().create(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if "name" in vals and self.pool.ready and not is_granted(self._name) and \
                any(m.expert_id for m in self.sudo()):
            self._gov_refuse_protected(["name"])
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_drawn_seats(self):
        if not is_granted(self._name):
            self._check_manual_seats(self.sudo().draw_id)

    def action_sign(self):
        """Each expert signs for themselves; the staff record the sign-off only of a seat without a user
        account (signed on paper)."""
        is_staff = self.env.user.has_group("gov_hall_base.group_gov_trading_staff")
        for member in self:
            lot = member.lot_id
            if member.user_id != self.env.user and (member.sudo().user_id or not is_staff):
                raise UserError(self.env._("Each expert signs for themselves."))
            if member.signed:
                raise UserError(self.env._("%(name)s has signed: the scores are final.", name=member.name))
            if lot.state != "evaluation" or not lot.evaluation_started:
                raise UserError(self.env._("The committee signs during the evaluation."))
            if member.role == "expert":
                expected = len(lot._scored_bids()) * len(lot._expert_criteria())
                if len(member.score_ids) < expected:
                    raise UserError(self.env._(
                        "%(name)s has scored %(done)s of %(expected)s items: score every valid bid first.",
                        name=member.name, done=len(member.score_ids), expected=expected))
            with granted(member, lot):
                member.sudo().write({"signed": True, "date_signed": fields.Datetime.now()})
                self.env["gov.trading.log"]._append("sign_off", member, lot=lot, payload={"member": member.name})
                if all(m.signed for m in lot.sudo().member_ids):
                    lot._compute_ranking()
                    lot.sudo().date_report = fields.Datetime.now()
