"""Expert pool, committed random draw, committee, scoring, ranking, sign-off, publicity and award.

A draw runs in steps, each logged before the next (招标投标法 第37条: the committee list stays secret until
the result):

1. commit: the server draws a secret (32 bytes from :mod:`secrets`) and logs only its SHA-256;
2. snapshot: the eligible pool is frozen as a canonical JSON list of expert ids, its SHA-256 logged;
3. the supervising officer enters a value of their own (any text, its SHA-256 logged);
4. randomness = SHA-256(secret ∥ supervisor value ∥ snapshot hash) drives a Fisher-Yates permutation of the
   snapshot; the committee is its first N experts, top-ups (补抽) take the next ones.

``reproduce()`` re-runs a draw from its three inputs with nothing but this module; the verification button
checks every hash against the log entries of the draw.
"""
import hashlib
import hmac
import json
import math
import secrets

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.gov_hall_base.tools.protect import granted, is_granted, protected_action

from .gov_trading_lot import BIG_PROCUREMENT

SUPERVISOR = "gov_hall_base.group_gov_supervisor"
CENTER_LEADER = "gov_hall_base.group_gov_center_leader"
SECRET_BYTES = 32
# the lot's result: from then on the secret of its draws is in the record for whoever may read them
RESULT_STATES = ("awarded", "contracted")
DRAWN_STATES = ("done", "superseded")
DRAW_LOT_STATES = ("published", "decrypting", "evaluation")


def sha256_hex(data):
    return hashlib.sha256(data if isinstance(data, bytes) else data.encode()).hexdigest()


def canonical_snapshot(expert_ids):
    """The frozen pool: the eligible expert ids, ascending, as compact JSON."""
    return json.dumps(sorted(int(i) for i in expert_ids), separators=(",", ":"))


def draw_randomness(secret, supervisor_value, snapshot_sha256):
    """SHA-256(secret ∥ supervisor value ∥ snapshot hash), hex: the secret (32 bytes, given as bytes or hex)
    and the snapshot hash (32 bytes, hex) have fixed lengths, the value (UTF-8) sits between them."""
    secret = secret if isinstance(secret, bytes) else bytes.fromhex(secret)
    return hashlib.sha256(secret + supervisor_value.encode() + bytes.fromhex(snapshot_sha256)).hexdigest()


def draw_select(seed_hex, eligible_ids, count):
    """The first ``count`` ids of a Fisher-Yates permutation of ``eligible_ids`` (in their order) driven by
    HMAC-SHA256(seed, "i:counter"), with rejection sampling (no modulo bias). Step i depends only on the
    steps before it: the first n of a longer run are the run of n, so top-ups continue the permutation."""
    pool = list(eligible_ids)
    key = bytes.fromhex(seed_hex)
    chosen = []
    for i in range(min(count, len(pool))):
        remaining = len(pool) - i
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


def reproduce(secret, supervisor_value, snapshot_json, n):
    """The first ``n`` experts of a draw, from its secret (hex), the supervisor's value and the snapshot JSON
    exactly as frozen: a pure function, anyone can re-run it."""
    seed = draw_randomness(secret, supervisor_value, sha256_hex(snapshot_json))
    return draw_select(seed, json.loads(snapshot_json), n)


class GovTradingExpertDraw(models.Model):
    _name = "gov.trading.expert.draw"
    _description = "Expert Draw"
    _inherit = ["mail.thread", "gov.trading.integrity.mixin", "gov.hall.approval.mixin"]
    _order = "id desc"
    # the draw's secret, the pool it ran on, the supervisor's value and its result: written by the steps
    _protected_fields = ("state", "seed", "secret", "commitment", "snapshot", "snapshot_sha256", "excluded",
                         "supervisor_value", "supervisor_value_sha256", "selected_ids_json", "drawn_count",
                         "date_commit", "date_snapshot", "date_draw", "user_id", "previous_draw_id",
                         "redraw_reason")
    # what the draw was asked, fixed once its first step ran
    _DRAWN_LOCK = ("lot_id", "specialty_id", "committee_size", "tenderer_rep_count", "supervisor_id")

    # a full redraw is approved by a center leader or a supervisor other than the one who asks
    _approval_group = CENTER_LEADER
    _approval_submit_states = ("draft",)
    _approval_pending_state = "to_approve"
    _approval_approved_state = "approved"
    _approval_refused_state = "refused"

    lot_id = fields.Many2one("gov.trading.lot", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="lot_id.company_id", store=True)
    user_id = fields.Many2one("res.users", "Drawing Staff", default=lambda s: s.env.user, readonly=True)
    supervisor_id = fields.Many2one(
        "res.users", "Supervising Officer", domain=lambda s: [("all_group_ids", "in", s.env.ref(SUPERVISOR).ids)],
        help="The supervisor who witnesses the draw and enters a value of their own after the pool is frozen.")
    specialty_id = fields.Many2one("gov.trading.specialty", required=True)
    committee_size = fields.Integer(required=True, default=5)
    tenderer_rep_count = fields.Integer("Tenderer Representatives", default=0)
    expert_count = fields.Integer("Experts to Draw", compute="_compute_expert_count")
    state = fields.Selection([
        ("draft", "Draft"),
        ("to_approve", "Redraw Awaiting Approval"),
        ("approved", "Redraw Approved"),
        ("refused", "Redraw Refused"),
        ("committed", "Secret Committed"),
        ("frozen", "Pool Frozen"),
        ("done", "Drawn"),
        ("superseded", "Superseded by a Redraw"),
    ], default="draft", required=True, tracking=True)
    date_commit = fields.Datetime("Committed On", readonly=True)
    date_snapshot = fields.Datetime("Pool Frozen On", readonly=True)
    date_draw = fields.Datetime(readonly=True)
    secret = fields.Char("Server Secret (hex)", readonly=True, copy=False, groups="base.group_system",
                         help="32 random bytes drawn before the pool snapshot; only its SHA-256 is logged.")
    secret_revealed = fields.Char(
        "Server Secret", compute="_compute_secret_revealed",
        help="Shown to the supervisors once the draw is made, and to whoever reads the draw after the lot's "
             "result.")
    commitment = fields.Char("Secret Commitment (SHA-256)", readonly=True, copy=False)
    supervisor_value = fields.Char(readonly=True, copy=False)
    supervisor_value_sha256 = fields.Char("Supervisor Value SHA-256", readonly=True, copy=False)
    seed = fields.Char("Randomness (hex)", readonly=True, copy=False,
                       help="SHA-256(server secret + supervisor value + snapshot hash).")
    snapshot = fields.Text("Eligible Pool Snapshot", readonly=True, copy=False)
    snapshot_sha256 = fields.Char(readonly=True, copy=False)
    excluded = fields.Text("Excluded Experts", readonly=True, copy=False)
    selected_ids_json = fields.Char("Selected (ids)", readonly=True, copy=False)
    drawn_count = fields.Integer("Taken from the Permutation", readonly=True, copy=False,
                                 help="How many experts of the permutation were taken: the committee, then the "
                                      "top-ups and the experts they skipped.")
    previous_draw_id = fields.Many2one("gov.trading.expert.draw", "Redraw Of", readonly=True, copy=False,
                                       ondelete="restrict", index="btree_not_null")
    redraw_ids = fields.One2many("gov.trading.expert.draw", "previous_draw_id", string="Redraws")
    redraw_reason = fields.Text("Reason for the Redraw", readonly=True, copy=False)
    member_ids = fields.One2many("gov.trading.committee.member", "draw_id", string="Committee")
    all_member_ids = fields.One2many("gov.trading.committee.member", "draw_id", string="Seats and Replacements",
                                     context={"active_test": False})

    @api.depends("committee_size", "tenderer_rep_count")
    def _compute_expert_count(self):
        for rec in self:
            rec.expert_count = rec.committee_size - rec.tenderer_rep_count

    @api.depends("state", "lot_id.state")
    @api.depends_context("uid")
    def _compute_secret_revealed(self):
        supervisor = self.env.user.has_group(SUPERVISOR)
        for rec in self:
            draw = rec.sudo()
            shown = draw.state in DRAWN_STATES and (supervisor or draw.lot_id.state in RESULT_STATES)
            rec.secret_revealed = draw.secret if shown else False

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

    def _pool(self):
        """(eligible expert ids ascending, {id: reason} of the excluded): the active experts of the specialty,
        less the unavailable, the penalised and those employed by or related to a bidder or the tenderer."""
        self.ensure_one()
        conflicts = self._conflicts().ids
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
        """, {"c": conflicts, "spec": self.specialty_id.id})
        rows = self.env.cr.fetchall()
        eligible = sorted(r[0] for r in rows if r[1] is None)
        excluded = {str(r[0]): r[1] for r in sorted(rows) if r[1] is not None}
        return eligible, excluded

    def write(self, vals):
        if self.pool.ready and not is_granted(self._name) and set(self._DRAWN_LOCK) & set(vals) and \
                any(rec.state != "draft" for rec in self):
            self._gov_refuse_protected(sorted(set(self._DRAWN_LOCK) & set(vals)))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if not is_granted(self._name) and any(rec.state != "draft" for rec in self):
            raise UserError(self.env._("This draw has already been made."))

    def _log(self, step, **payload):
        self.ensure_one()
        self.env["gov.trading.log"]._append("expert_draw", self, lot=self.lot_id, payload=dict(payload, step=step))

    def _log_entries(self):
        """The draw's log entries in the order they were written, with their payloads."""
        self.ensure_one()
        entries = self.env["gov.trading.log"].sudo().search(
            [("event", "=", "expert_draw"), ("res_model", "=", self._name), ("res_id", "=", self.id)], order="id")
        return [(entry, json.loads(entry.payload or "{}")) for entry in entries]

    def _check_lot_open(self):
        for rec in self.sudo():
            if rec.lot_id.state not in DRAW_LOT_STATES:
                raise UserError(self.env._("Experts are drawn for a lot in tendering or evaluation."))
            if rec.lot_id.evaluation_started:
                raise UserError(self.env._("The evaluation has started: the committee can no longer be drawn."))

    # -- step 1: commit ------------------------------------------------------------------------------------
    @protected_action()
    def action_commit(self):
        """The server draws its secret and logs its SHA-256, before anything else of the draw."""
        self._check_trading_staff()
        self.check_access("write")
        for rec in self:
            if rec.state in ("committed", "frozen", "done", "superseded"):
                raise UserError(self.env._("This draw has already been made."))
            if rec.state != "approved" and (rec.state != "draft" or rec.previous_draw_id):
                raise UserError(self.env._(
                    "A full redraw needs a written reason and the approval of a center leader or a supervisor "
                    "other than the one who asks."))
            rec._check_lot_open()
            # one draw of the lot commits at a time: a concurrent commit waits, then fails to serialise and
            # is retried, and then sees this one
            self.env.cr.execute("SELECT id FROM gov_trading_lot WHERE id = %s FOR UPDATE", [rec.lot_id.id])
            others = rec.lot_id.sudo().draw_ids.filtered(
                lambda d, r=rec: d != r and d.state in ("committed", "frozen", "done"))
            if others:
                raise UserError(self.env._(
                    "This lot has a draw already: a full redraw needs a written reason and the approval of a "
                    "center leader or a supervisor other than the one who asks."))
            supervisor = rec.supervisor_id
            if not supervisor or not supervisor.has_group(SUPERVISOR) or rec.company_id not in supervisor.company_ids:
                raise UserError(self.env._("Choose the supervising officer of the center who witnesses the draw."))
            if supervisor == rec.user_id:
                raise UserError(self.env._(
                    "The supervising officer cannot be the staff member who runs the draw."))
            secret = secrets.token_bytes(SECRET_BYTES)
            rec.sudo().write({"state": "committed", "secret": secret.hex(), "commitment": sha256_hex(secret),
                              "date_commit": fields.Datetime.now()})
            rec._log("commit", commitment=rec.commitment)

    # -- step 2: snapshot ----------------------------------------------------------------------------------
    @protected_action()
    def action_snapshot(self):
        """Freeze the eligible pool (after the commitment, before the supervisor's value)."""
        self._check_trading_staff()
        self.check_access("write")
        for rec in self:
            if rec.state != "committed":
                raise UserError(self.env._("The pool is frozen once, after the server's secret is committed."))
            rec._check_lot_open()
            eligible, excluded = rec._pool()
            if len(eligible) < rec.expert_count:
                raise UserError(self.env._(
                    "Only %(count)s eligible experts of this specialty are available; %(needed)s are needed.",
                    count=len(eligible), needed=rec.expert_count))
            snapshot = canonical_snapshot(eligible)
            rec.sudo().write({
                "state": "frozen", "date_snapshot": fields.Datetime.now(), "snapshot": snapshot,
                "snapshot_sha256": sha256_hex(snapshot), "excluded": json.dumps(excluded, separators=(",", ":")),
            })
            rec._log("snapshot", snapshot_sha256=rec.snapshot_sha256, pool=len(eligible), excluded=len(excluded),
                     size=rec.committee_size)

    # -- step 3: the supervisor's value, the result --------------------------------------------------------
    @protected_action("gov.trading.committee.member")
    def action_draw(self, supervisor_value=None):
        """The supervising officer enters their value after the snapshot: the committee is drawn from
        SHA-256(secret ∥ value ∥ snapshot hash). A draw with a result is never run again."""
        for rec in self:
            if rec.state in ("done", "superseded"):
                raise UserError(self.env._("This draw has already been made."))
        if not self.env.user.has_group(SUPERVISOR):
            raise AccessError(self.env._("Only the supervising officer of the draw enters the supervisor's value."))
        value = supervisor_value if isinstance(supervisor_value, str) else ""
        if not value.strip():
            raise UserError(self.env._("Enter the supervisor's value (any text of your own)."))
        for rec in self:
            if rec.sudo().supervisor_id != self.env.user:
                raise AccessError(self.env._(
                    "Only the supervising officer of the draw enters the supervisor's value."))
            if rec.state != "frozen":
                raise UserError(self.env._("The supervisor's value comes after the pool snapshot."))
            rec._check_lot_open()
            draw = rec.sudo()
            seed = draw_randomness(draw.secret, value, draw.snapshot_sha256)
            chosen = draw_select(seed, json.loads(draw.snapshot), rec.expert_count)
            draw.write({
                "state": "done", "date_draw": fields.Datetime.now(), "seed": seed, "supervisor_value": value,
                "supervisor_value_sha256": sha256_hex(value), "selected_ids_json": json.dumps(chosen),
                "drawn_count": len(chosen),
            })
            self.env["gov.trading.committee.member"].sudo().create([
                {"draw_id": rec.id, "expert_id": expert_id, "role": "expert", "position": position}
                for position, expert_id in enumerate(chosen)
            ])
            rec._log("draw", supervisor_value_sha256=draw.supervisor_value_sha256, drawn=len(chosen))

    # -- top-up (补抽) -------------------------------------------------------------------------------------
    @protected_action("gov.trading.committee.member")
    def action_top_up(self, member_id, reason_kind, reason):
        """An expert declines or is recused: the seat goes to the next expert of the same committed
        permutation (experts no longer eligible are skipped, each logged); the reason is logged."""
        self.ensure_one()
        self._check_trading_staff()
        self.check_access("write")
        reason = (reason or "").strip() if isinstance(reason, str) else ""
        if reason_kind not in ("declined", "recused") or not reason:
            raise UserError(self.env._("Say why the expert leaves the committee (declined or recused) and give "
                                       "the reason."))
        draw = self.sudo()
        member = self.env["gov.trading.committee.member"].sudo().browse(
            member_id if isinstance(member_id, int) else 0).exists()
        if draw.state != "done":
            raise UserError(self.env._("A top-up follows a draw that has its result."))
        self._check_lot_open_for_top_up()
        if not member or member.draw_id != draw or member.role != "expert" or not member.active:
            raise UserError(self.env._("Choose a drawn expert of this committee."))
        if member.signed or member.score_ids:
            raise UserError(self.env._(
                "%(name)s has scored or signed: the seat is no longer replaced by a top-up.", name=member.name))
        eligible = set(draw._pool()[0])
        permutation = draw_select(draw.seed, json.loads(draw.snapshot), len(json.loads(draw.snapshot)))
        Member = self.env["gov.trading.committee.member"].sudo()
        member.write({"active": False, "seat_state": reason_kind, "replace_reason": reason,
                      "date_replaced": fields.Datetime.now()})
        skipped, position = [], draw.drawn_count
        while position < len(permutation) and permutation[position] not in eligible:
            skipped.append(position)
            Member.create({"draw_id": draw.id, "expert_id": permutation[position], "role": "expert",
                           "position": position, "active": False, "seat_state": "skipped",
                           "replace_reason": self.env._("No longer eligible at the top-up.")})
            position += 1
        if position >= len(permutation):
            raise UserError(self.env._(
                "No expert is left in this draw's permutation: request a full redraw."))
        new = Member.create({"draw_id": draw.id, "expert_id": permutation[position], "role": "expert",
                             "position": position})
        draw.drawn_count = position + 1
        self._log("top_up", replaced_position=member.position, reason_kind=reason_kind, reason=reason,
                  skipped=skipped, position=position)
        return new

    def _check_lot_open_for_top_up(self):
        for rec in self.sudo():
            if rec.lot_id.state not in DRAW_LOT_STATES:
                raise UserError(self.env._("Experts are drawn for a lot in tendering or evaluation."))

    # -- full redraw ---------------------------------------------------------------------------------------
    @protected_action()
    def action_request_redraw(self, reason):
        """Ask for a full redraw with a written reason: a new draw, linked to this one, awaits the approval of
        a center leader or a supervisor other than the one who asks. This draw stays as it is until then."""
        self.ensure_one()
        self._check_trading_staff()
        self.check_access("read")
        reason = (reason or "").strip() if isinstance(reason, str) else ""
        if not reason:
            raise UserError(self.env._("A full redraw needs a written reason."))
        if self.state != "done":
            raise UserError(self.env._("Only a draw that has its result can be drawn again."))
        self._check_lot_open()
        if self.sudo().redraw_ids.filtered(lambda d: d.state != "refused"):
            raise UserError(self.env._("A redraw of this draw is already requested."))
        redraw = self.sudo().create({
            "lot_id": self.lot_id.id, "specialty_id": self.specialty_id.id, "committee_size": self.committee_size,
            "tenderer_rep_count": self.tenderer_rep_count, "supervisor_id": self.sudo().supervisor_id.id,
            "user_id": self.env.uid, "previous_draw_id": self.id, "redraw_reason": reason,
        }).with_env(self.env)
        redraw.action_submit_for_approval()
        self._log("redraw_requested", redraw=redraw.id, reason=reason)
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": redraw.id, "view_mode": "form"}

    def _approval_check_submit(self):
        self._check_trading_staff()
        if any(not rec.previous_draw_id for rec in self):
            raise UserError(self.env._("Only a full redraw is submitted for approval."))

    def _approval_check_approver(self):
        user = self.env.user
        for rec in self:
            if not rec.previous_draw_id:
                raise UserError(self.env._("Only a full redraw is submitted for approval."))
            if not (user.has_group(CENTER_LEADER) or user.has_group(SUPERVISOR)) or \
                    rec.company_id not in user.company_ids:
                raise AccessError(self.env._(
                    "A full redraw is approved by a center leader or a supervisor of the lot's center."))
            if user == rec.user_id:
                raise AccessError(self.env._(
                    "A full redraw is approved by someone other than the staff member who asked for it."))
        if self.sudo().lot_id.filtered("evaluation_started"):
            raise UserError(self.env._("The evaluation has started: the committee can no longer be drawn."))

    def _approval_approvers(self):
        return super()._approval_approvers() - self.user_id

    def _on_approved(self):
        """The first draw is kept, marked superseded, its seats out of the committee; the redraw then runs
        its own steps (commit, snapshot, the supervisor's value)."""
        for rec in self:
            previous = rec.previous_draw_id.sudo()
            with granted("gov.trading.committee.member"):
                previous.write({"state": "superseded"})
                previous.member_ids.write({"active": False, "seat_state": "superseded"})
            rec._log("redraw_approved", previous=previous.id, reason=rec.sudo().redraw_reason)
            previous._log("superseded", redraw=rec.id)

    def _on_refused(self, reason):
        for rec in self:
            rec._log("redraw_refused", previous=rec.previous_draw_id.id, reason=reason)

    # -- verification --------------------------------------------------------------------------------------
    def _check_may_verify(self):
        """Before the lot's result the verification (it needs the secret) is for supervisors; afterwards for
        whoever may read the draw."""
        self.check_access("read")
        supervisor = self.env.user.has_group(SUPERVISOR)
        for rec in self:
            if not supervisor and rec.sudo().lot_id.state not in RESULT_STATES:
                raise AccessError(self.env._(
                    "Until the lot's result, only the supervisors verify a draw with its secret."))

    def _verify_problems(self):
        """What does not hold: the secret against its commitment, the snapshot and the supervisor's value
        against their hashes, each hash against the draw's log entries (in the order of the steps), and the
        seats against the permutation reproduced from the three inputs. Empty when everything holds."""
        self.ensure_one()
        draw = self.sudo().with_context(active_test=False)
        _ = self.env._
        if draw.state not in DRAWN_STATES:
            return [_("The draw has no result yet.")]
        problems = []
        secret, value, snapshot = draw.secret or "", draw.supervisor_value or "", draw.snapshot or ""
        steps = {}
        for entry, payload in draw._log_entries():
            steps.setdefault(payload.get("step"), []).append((entry, payload))
        commit, frozen, drawn = (steps.get(s, [(None, {})])[0] for s in ("commit", "snapshot", "draw"))
        if not (commit[0] and frozen[0] and drawn[0]):
            problems.append(_("A step of the draw is missing from the log."))
        elif not commit[0].id < frozen[0].id < drawn[0].id:
            problems.append(_("The log entries of the draw are not in the order commit, snapshot, value."))
        try:
            secret_hash = sha256_hex(bytes.fromhex(secret))
        except ValueError:
            secret_hash = None
        if not secret_hash or secret_hash != draw.commitment or secret_hash != commit[1].get("commitment"):
            problems.append(_("The secret does not match the commitment in the log."))
        if sha256_hex(snapshot) != draw.snapshot_sha256 or sha256_hex(snapshot) != frozen[1].get("snapshot_sha256"):
            problems.append(_("The pool snapshot does not match its hash in the log."))
        if sha256_hex(value) != draw.supervisor_value_sha256 or \
                sha256_hex(value) != drawn[1].get("supervisor_value_sha256"):
            problems.append(_("The supervisor's value does not match its hash in the log."))
        try:
            pool = json.loads(snapshot)
            permutation = reproduce(secret, value, snapshot, draw.drawn_count) if secret_hash else []
        except (ValueError, TypeError):
            pool, permutation = [], []
        seats = draw.all_member_ids.filtered(lambda m: m.role == "expert").sorted("position")
        logged = set(range(draw.expert_count))
        for _entry, payload in steps.get("top_up", []):
            logged.update(payload.get("skipped") or [])
            logged.add(payload.get("position"))
        try:
            seed_ok = bool(secret_hash) and draw_randomness(secret, value, draw.snapshot_sha256) == draw.seed
        except (ValueError, TypeError):
            seed_ok = False
        if not seed_ok:
            problems.append(_("The randomness is not SHA-256(secret, supervisor value, snapshot hash)."))
        if permutation[:draw.expert_count] != json.loads(draw.selected_ids_json or "[]") or \
                [(m.position, m.expert_id.id) for m in seats] != list(enumerate(permutation)) or \
                logged != set(range(draw.drawn_count)) or len(pool) < draw.drawn_count or \
                (draw.state == "done" and len(seats.filtered("active")) != draw.expert_count):
            problems.append(_("The committee is not the one the permutation gives."))
        return problems

    def verify_draw(self):
        """Reproduce the committee from the secret, the supervisor's value and the snapshot and check every hash
        against the log; True when everything holds."""
        self._check_may_verify()
        return all(not rec._verify_problems() for rec in self)

    def action_verify_draw(self):
        self.ensure_one()
        self._check_may_verify()
        problems = self._verify_problems()
        return {"type": "ir.actions.client", "tag": "display_notification", "params": {
            "title": self.env._("Draw verification"),
            "message": "\n".join(problems) if problems else self.env._(
                "The committee is reproduced exactly from the secret, the supervisor's value and the snapshot; "
                "every hash matches the log."),
            "type": "danger" if problems else "success", "sticky": True}}

    def _wizard(self, mode):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "gov.trading.expert.draw.wizard", "view_mode": "form",
                "target": "new", "context": {"default_draw_id": self.id, "default_mode": mode}}

    def action_open_value_wizard(self):
        return self._wizard("value")

    def action_open_top_up_wizard(self):
        return self._wizard("top_up")

    def action_open_redraw_wizard(self):
        return self._wizard("redraw")


class GovTradingCommitteeMember(models.Model):
    _name = "gov.trading.committee.member"
    _description = "Evaluation Committee Member"
    _inherit = ["gov.trading.integrity.mixin"]
    _order = "id"
    # the seats come from the draw; the sign-off from each member's own action
    _protected_fields = ("draw_id", "lot_id", "company_id", "expert_id", "user_id", "role", "signed",
                         "date_signed", "active", "position", "seat_state", "replace_reason", "date_replaced")

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
    # a seat left by a top-up or a superseded draw stays on record, out of the committee
    active = fields.Boolean(default=True, readonly=True)
    position = fields.Integer("Place in the Permutation", readonly=True,
                              help="0 for the first expert of the draw's permutation; top-ups take the next places.")
    seat_state = fields.Selection([
        ("seated", "Seated"),
        ("declined", "Declined"),
        ("recused", "Recused"),
        ("skipped", "Skipped (no longer eligible)"),
        ("superseded", "Superseded by a Redraw"),
    ], string="Seat", default="seated", required=True, readonly=True)
    replace_reason = fields.Text("Reason for Leaving", readonly=True)
    date_replaced = fields.Datetime("Left On", readonly=True)
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
