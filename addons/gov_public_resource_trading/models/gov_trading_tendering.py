"""Tendering completeness: the deposit the tender documents ask for (and its secrecy until the opening), the
opening at the deadline presided by the tenderer or its agent (objections answered on the spot), the trading
supervisor (suspension and resumption, complaints) and the award among the candidates.

招标投标法 第22条, 第40条; 招标投标法实施条例 第44条, 第55条, 第62条; 政府采购法 第57条;
政府采购货物和服务招标投标管理办法 (87号令) 第40条."""
import datetime
import math

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.gov_hall_base.tools.dates import center_today
from odoo.addons.gov_hall_base.tools.lang import center_env
from odoo.addons.gov_hall_base.tools.protect import granted, is_granted, protected_action

from .gov_trading_lot import fmt_local
from .gov_trading_project import TENDER_METHODS

TENDERER = "gov_public_resource_trading.group_gov_trading_tenderer"
SUPERVISOR = "gov_public_resource_trading.group_gov_trading_supervisor"
# a server grant (never a context key): the cron opening a lot at its deadline, the award after a drop-out
OPEN_AT_DEADLINE = "gov.trading.lot/open_at_deadline"
AWARD_BY_TENDERER = "gov.trading.lot/award_by_tenderer"


def check_trading_supervisor(env):
    if not env.user.has_group(SUPERVISOR):
        raise AccessError(env._("Only the trading supervisor (administrative supervision department) can do this."))


class GovTradingIntegrityTendering(models.AbstractModel):
    _inherit = "gov.trading.integrity.mixin"

    def _check_trading_staff(self):
        if is_granted(OPEN_AT_DEADLINE) or is_granted(AWARD_BY_TENDERER):
            return  # the server's own step (the cron at the deadline, the award the tenderer decided)
        return super()._check_trading_staff()


class GovTradingProjectTendering(models.Model):
    _inherit = "gov.trading.project"

    tenderer_user_ids = fields.Many2many(
        "res.users", "gov_trading_project_tenderer_user_rel", "project_id", "user_id", string="Tenderer's Users",
        help="Users of the tenderer (procurer): they preside over the opening, answer the objections raised at it "
             "and choose among the candidates where the law allows.")
    agent_user_ids = fields.Many2many(
        "res.users", "gov_trading_project_agent_user_rel", "project_id", "user_id", string="Agency's Users",
        help="Users of the tendering (procurement) agency acting for the tenderer.")

    def _is_tenderer_user(self, user=None):
        """``user`` (default: the current user) acts for the tenderer of this project: one of its users or of
        its agency, in the tenderer group."""
        self.ensure_one()
        user = user or self.env.user
        project = self.sudo()
        return user.has_group(TENDERER) and user in (project.tenderer_user_ids | project.agent_user_ids)


class GovTradingLotTendering(models.Model):
    _inherit = "gov.trading.lot"

    # -- the deposit asked by the tender documents ---------------------------------------------------------
    deposit_required = fields.Boolean(
        "Deposit Required", tracking=True,
        help="The tender documents ask for a bid deposit: a bid then needs a confirmed deposit, a bank guarantee "
             "or the waiver the documents allow.")
    deposit_waiver_allowed = fields.Boolean(
        "Deposit Waiver Allowed", tracking=True,
        help="The tender documents exempt bidders who sign the commitment letter they set out (e.g. small and "
             "medium-sized enterprises in procurement).")
    deposit_sealed = fields.Boolean(
        "Deposits Secret", compute="_compute_deposit_sealed", store=True, index=True,
        help="Until the opening, who paid a deposit and how many did stay secret from the tenderer and the staff "
             "(Bidding Law, art. 22).")
    # -- the trading supervisor's suspension ---------------------------------------------------------------
    supervisor_suspended = fields.Boolean("Suspended by the Supervisor", readonly=True, copy=False, tracking=True)
    suspension_reason = fields.Text("Reason for the Suspension", readonly=True, copy=False)
    date_suspended = fields.Datetime("Suspended At", readonly=True, copy=False)
    # -- the opening presided by the tenderer --------------------------------------------------------------
    opening_objection_ids = fields.One2many(
        "gov.trading.question", "lot_id", string="Objections at the Opening",
        domain=[("kind", "=", "opening_objection")])
    recording_ids = fields.One2many("gov.trading.recording", "lot_id", string="Recordings")
    # -- the award among the candidates --------------------------------------------------------------------
    dropped_bid_ids = fields.Many2many(
        "gov.trading.bid", "gov_trading_lot_dropped_bid_rel", "lot_id", "bid_id", string="Candidates Out",
        readonly=True, copy=False,
        help="Candidates that gave up, did not sign the contract or were disqualified (Bidding Law Implementing "
             "Regulations, art. 55).")
    award_choice_bid_id = fields.Many2one("gov.trading.bid", "Candidate Chosen by the Tenderer", readonly=True,
                                          copy=False)
    award_reason = fields.Text("Reason for the Choice", readonly=True, copy=False)
    state_funded = fields.Boolean(related="project_id.state_funded")

    @api.depends("method", "state")
    def _compute_deposit_sealed(self):
        for lot in self:
            lot.deposit_sealed = lot.method in TENDER_METHODS and lot.state in ("draft", "published")

    @api.depends("question_ids.state", "question_ids.kind", "supervisor_suspended")
    def _compute_suspended(self):
        for lot in self:
            lot.suspended = lot.supervisor_suspended or any(
                q.kind == "doc_objection" and q.state == "open" for q in lot.question_ids)

    @api.constrains("deposit_required", "deposit_amount", "deposit_waiver_allowed")
    def _check_deposit_required(self):
        for lot in self:
            if lot.deposit_required and lot.deposit_amount <= 0:
                raise ValidationError(self.env._(
                    "%(lot)s: the tender documents ask for a deposit: enter its amount (Bidding Law Implementing "
                    "Regulations, art. 26).", lot=lot.name))
            if lot.deposit_waiver_allowed and not lot.deposit_required:
                raise ValidationError(self.env._(
                    "%(lot)s: a deposit waiver only makes sense when the tender documents ask for a deposit.",
                    lot=lot.name))

    def write(self, vals):
        if {"deposit_required", "deposit_waiver_allowed"} & set(vals) and not is_granted(self._name):
            locked = self.filtered(lambda lot: lot.state != "draft")
            if locked:
                raise UserError(self.env._(
                    "The deposit terms of a published lot can only change through a clarification; %(lot)s is "
                    "published.", lot=", ".join(locked.mapped("name"))))
        return super().write(vals)

    def _gov_protected_names(self):
        return super()._gov_protected_names() | {
            "deposit_sealed", "supervisor_suspended", "suspension_reason", "date_suspended", "dropped_bid_ids",
            "award_choice_bid_id", "award_reason"}

    # -- suspension ----------------------------------------------------------------------------------------
    def _check_not_suspended(self):
        for lot in self:
            if lot.supervisor_suspended:
                raise UserError(self.env._(
                    "%(lot)s is suspended by the trading supervisor: %(reason)s (Bidding Law Implementing "
                    "Regulations, art. 62).", lot=lot.name, reason=lot.suspension_reason))
        return super()._check_not_suspended()

    @protected_action()
    def _supervisor_suspend(self, reason):
        check_trading_supervisor(self.env)
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for the suspension: it is logged and posted."))
        for lot in self:
            if lot.supervisor_suspended:
                raise UserError(self.env._("%(lot)s is already suspended.", lot=lot.name))
            if lot.state in ("draft", "contracted", "failed", "cancel"):
                raise UserError(self.env._("%(lot)s has no procedure running to suspend.", lot=lot.name))
            lot.sudo().write({"supervisor_suspended": True, "suspension_reason": reason.strip(),
                              "date_suspended": fields.Datetime.now()})
            self.env["gov.trading.log"]._append("suspension", lot, lot=lot, payload={
                "action": "suspended", "reason": reason.strip()})
            env_lot = center_env(lot)
            env_lot.sudo().message_post(body=env_lot.env._(
                "The trading supervisor suspended the procedure: %(reason)s", reason=reason.strip()))

    @protected_action()
    def _supervisor_resume(self, reason):
        check_trading_supervisor(self.env)
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for the resumption: it is logged and posted."))
        for lot in self:
            if not lot.supervisor_suspended:
                raise UserError(self.env._("%(lot)s is not suspended.", lot=lot.name))
            moved = lot._resume_timetable()
            lot.sudo().write({"supervisor_suspended": False, "suspension_reason": False, "date_suspended": False,
                              **moved})
            self.env["gov.trading.log"]._append("suspension", lot, lot=lot, payload={
                "action": "resumed", "reason": reason.strip(),
                **{fname: fields.Datetime.to_string(value) for fname, value in moved.items()}})
            env_lot = center_env(lot)
            env_lot.sudo().message_post(body=env_lot.env._(
                "The trading supervisor resumed the procedure: %(reason)s", reason=reason.strip()))
            if "date_bid_deadline" in moved:
                env_lot.sudo().message_post(body=env_lot.env._(
                    "The bid deadline moves by the time the procedure was suspended, to %(deadline)s.",
                    deadline=fmt_local(moved["date_bid_deadline"], lot.company_id)))

    def _resume_timetable(self):
        """The dates of a tender still to come when the suspension began move by the time it lasted, so that
        the bidders lose none of their period (and a deadline missed while suspended is never opened late):
        the end of the document sale and the bid deadline (the opening), in whole minutes."""
        self.ensure_one()
        if self.state != "published" or not self.date_suspended:
            return {}
        lost = fields.Datetime.now() - self.date_suspended
        lost = datetime.timedelta(minutes=math.ceil(lost.total_seconds() / 60))
        return {fname: self[fname] + lost for fname in ("date_sale_end", "date_bid_deadline")
                if self[fname] and self[fname] > self.date_suspended}

    def action_open_suspension_wizard(self):
        self.ensure_one()
        check_trading_supervisor(self.env)
        action = self.env["ir.actions.actions"]._for_xml_id(
            "gov_public_resource_trading.action_gov_trading_suspension_wizard")
        action["context"] = {"default_lot_id": self.id,
                             "default_action": "resume" if self.supervisor_suspended else "suspend"}
        return action

    # every step of the procedure waits while the supervisor suspends it
    def action_close_decryption(self):
        self._check_not_suspended()
        self._check_opening_objections_answered()
        return super().action_close_decryption()

    def action_start_evaluation(self):
        self._check_not_suspended()
        return super().action_start_evaluation()

    def action_publish_candidates(self):
        self._check_not_suspended()
        return super().action_publish_candidates()

    def action_record_contract(self):
        self._check_not_suspended()
        return super().action_record_contract()

    # -- the opening at the deadline -----------------------------------------------------------------------
    @api.model
    def _cron_open_at_deadline(self):
        """Open every lot whose bid deadline has passed (招标投标法 第34条: the opening is at the same moment as
        the deadline), without waiting for anyone. One query selects them; each lot opens in its own
        savepoint so one failing lot does not hold the others back."""
        self.env["gov.trading.lot"].flush_model(["state", "suspended", "date_bid_deadline"])
        self.env.cr.execute("""
            SELECT id FROM gov_trading_lot
             WHERE state = 'published' AND NOT COALESCE(suspended, FALSE)
               AND date_bid_deadline IS NOT NULL AND date_bid_deadline <= %s
             ORDER BY date_bid_deadline, id
        """, [fields.Datetime.now()])
        ids = [r[0] for r in self.env.cr.fetchall()]
        opened = self.browse()
        for lot in self.browse(ids):
            try:
                with self.env.cr.savepoint(), granted(OPEN_AT_DEADLINE, lot):
                    lot.action_open()
                opened |= lot
            except (UserError, ValidationError):
                continue
        return opened

    def _close_decryption(self):
        """The opening ends only when the objections raised at it are answered (实施条例 第44条: on the spot)."""
        waiting = self.filtered(lambda lot: lot.sudo().opening_objection_ids.filtered(lambda q: q.state == "open"))
        if not waiting:
            return super()._close_decryption()
        rest = self - waiting
        return super(GovTradingLotTendering, rest)._close_decryption() if rest else None

    def _check_opening_objections_answered(self):
        for lot in self:
            if lot.sudo().opening_objection_ids.filtered(lambda q: q.state == "open"):
                raise UserError(self.env._(
                    "An objection raised at the opening of %(lot)s waits for the answer of the tenderer, who "
                    "answers it on the spot (Bidding Law Implementing Regulations, art. 44).", lot=lot.name))

    def _opening_note(self):
        """The line of the opening record for the bidders who did not attend (87号令 第40条)."""
        self.ensure_one()
        if self.kind == "procurement":
            return center_env(self).env._(
                "Suppliers who did not attend the opening are deemed to accept its result (MOF Order No. 87, "
                "art. 40).")
        return ""

    # -- the award -----------------------------------------------------------------------------------------
    def _candidate_bids(self):
        """The ranked candidates still in the running, best first."""
        self.ensure_one()
        return self._scored_bids().filtered(
            lambda b: 0 < b.rank <= self.candidate_count and b not in self.sudo().dropped_bid_ids).sorted("rank")

    def _award_winner(self):
        self.ensure_one()
        candidates = self._candidate_bids()
        choice = self.sudo().award_choice_bid_id
        if choice and choice in candidates:
            if self.project_id.state_funded and choice != candidates[:1]:
                raise UserError(self.env._(
                    "%(lot)s is a state-controlled project that must be tendered: the first candidate still "
                    "in the running is awarded (Bidding Law Implementing Regulations, art. 55).", lot=self.name))
            return choice
        return candidates[:1]

    def action_award(self):
        self._check_not_suspended()
        return super().action_award()

    @protected_action()
    def _tenderer_choose(self, bid, reason):
        """The tenderer names the winner among the candidates (招标投标法 第40条), with a written reason; a
        state-controlled project awards the first candidate (实施条例 第55条)."""
        self.ensure_one()
        lot = self
        if not lot.project_id._is_tenderer_user():
            raise AccessError(self.env._("Only the tenderer or its agent on this project can choose the winner."))
        lot._check_not_suspended()
        if lot.state not in ("publicity", "evaluation") or not lot.sudo().date_report:
            raise UserError(self.env._("The winner is chosen among the candidates once they are proposed."))
        candidates = lot.sudo()._candidate_bids()
        if bid not in candidates:
            raise UserError(self.env._("%(bidder)s is not a candidate still in the running.",
                                       bidder=bid.sudo().bidder_id.name))
        if lot.project_id.state_funded and bid != candidates[:1]:
            raise UserError(self.env._(
                "%(lot)s is a state-controlled project that must be tendered: the first candidate, %(first)s, is "
                "awarded; another candidate cannot be chosen (Bidding Law Implementing Regulations, art. 55).",
                lot=lot.name, first=candidates[:1].bidder_id.name))
        if bid != candidates[:1] and not (reason or "").strip():
            raise UserError(self.env._(
                "Choosing a candidate other than the first needs a written reason (Bidding Law, art. 40)."))
        lot.sudo().write({"award_choice_bid_id": bid.id, "award_reason": (reason or "").strip() or False})
        self.env["gov.trading.log"]._append("award", lot, lot=lot, payload={
            "action": "chosen", "bidder": bid.sudo().bidder_id.uscc, "rank": bid.sudo().rank,
            "reason": (reason or "").strip()})

    @protected_action("gov.trading.project")
    def _candidate_drops_out(self, bid, reason, decision):
        """The first candidate drops out (gives up, does not sign, does not furnish the performance security,
        or is found ineligible): the tenderer takes the next candidate in order or re-tenders (实施条例 第55条)."""
        self.ensure_one()
        lot = self
        if not (lot.project_id._is_tenderer_user() or self.env.user.has_group(
                "gov_hall_base.group_gov_trading_staff")):
            raise AccessError(self.env._("Only the tenderer, its agent or the trading staff can record this."))
        lot._check_not_suspended()
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason the candidate drops out: it is logged."))
        if lot.state not in ("publicity", "awarded"):
            raise UserError(self.env._("A candidate drops out during the publicity or after the award."))
        sudo = lot.sudo()
        candidates = sudo._candidate_bids()
        first = sudo.winner_bid_id if lot.state == "awarded" else candidates[:1]
        if bid != first:
            raise UserError(self.env._(
                "Only the first candidate (or the winner) can drop out here: %(bidder)s is not.",
                bidder=bid.sudo().bidder_id.name))
        reason = reason.strip()
        vals = {"dropped_bid_ids": [(4, bid.id)]}
        if sudo.award_choice_bid_id == bid:
            vals.update(award_choice_bid_id=False, award_reason=False)
        if lot.state == "awarded":
            vals.update(state="publicity" if sudo.date_publicity_end else "evaluation", winner_bid_id=False,
                        award_amount=0.0, date_award=False)
        sudo.write(vals)
        lot._deadline_close_alerts(["contract_deadline"])
        self.env["gov.trading.log"]._append("award", lot, lot=lot, payload={
            "action": "dropped_out", "bidder": bid.sudo().bidder_id.uscc, "reason": reason, "decision": decision})
        env_lot = center_env(lot)
        env_lot.sudo().message_post(body=env_lot.env._(
            "%(bidder)s drops out: %(reason)s", bidder=bid.sudo().bidder_id.name, reason=reason))
        following = sudo._candidate_bids()
        if decision == "next" and following:
            with granted(AWARD_BY_TENDERER):
                sudo.action_award()
            return
        sudo._fail(env_lot.env._(
            "The first candidate dropped out (%(reason)s) and the tenderer re-tenders (Bidding Law Implementing "
            "Regulations, art. 55).", reason=reason))

    # -- recordings ----------------------------------------------------------------------------------------
    def action_view_recordings(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("gov_public_resource_trading.action_gov_trading_recording")
        action["domain"] = [("lot_id", "=", self.id)]
        action["context"] = {"default_lot_id": self.id}
        return action


class GovTradingRegistrationTendering(models.Model):
    _inherit = "gov.trading.registration"

    deposit_state = fields.Selection(
        [("declared", "Declared by Bidder"), ("received", "Receipt Confirmed"), ("refunded", "Refunded"),
         ("kept", "Kept")], string="Deposit", related=None, compute="_compute_deposit_state_sealed", compute_sudo=False,
        help="Hidden from the tenderer and the staff until the opening (Bidding Law, art. 22).")

    @api.depends("deposit_ids.state", "lot_id.deposit_sealed")
    @api.depends_context("uid")
    def _compute_deposit_state_sealed(self):
        user = self.env.user
        sees_all = user.has_group(SUPERVISOR)
        for rec in self:
            sudo = rec.sudo()
            own = user in sudo.bidder_id.user_ids
            if sudo.lot_id.deposit_sealed and not (own or sees_all or self.env.su):
                rec.deposit_state = False
            else:
                rec.deposit_state = sudo.deposit_ids[:1].state

    def _check_deposit_for_bid(self):
        """A bid needs the deposit the tender documents ask for: a confirmed payment, a bank guarantee or the
        waiver the documents allow."""
        for rec in self.sudo():
            lot = rec.lot_id
            if not lot.deposit_required:
                continue
            deposits = rec.deposit_ids
            ok = deposits.filtered(lambda d: d.state == "received" or (
                d.state == "declared" and d.payment_method in ("guarantee", "waiver")))
            if not ok:
                raise UserError(self.env._(
                    "The tender documents of %(lot)s ask for a deposit of %(amount).2f: a bid needs its receipt "
                    "confirmed, a bank guarantee or the waiver the documents allow (Bidding Law Implementing "
                    "Regulations, art. 26).", lot=lot.name, amount=lot.deposit_amount))


class GovTradingBidTendering(models.Model):
    _inherit = "gov.trading.bid"

    def _check_can_seal(self, registration):
        lot = super()._check_can_seal(registration)
        registration._check_deposit_for_bid()
        return lot


class GovTradingDepositTendering(models.Model):
    _inherit = "gov.trading.deposit"

    payment_method = fields.Selection(selection_add=[("waiver", "Waiver (Commitment Letter)")],
                                      ondelete={"waiver": "cascade"})

    @api.constrains("payment_method", "lot_id")
    def _check_waiver(self):
        for rec in self:
            if rec.payment_method == "waiver" and not rec.lot_id.deposit_waiver_allowed:
                raise ValidationError(self.env._(
                    "The tender documents of %(lot)s allow no deposit waiver.", lot=rec.lot_id.name))

    @api.model_create_multi
    def create(self, vals_list):
        lots = self.env["gov.trading.registration"].sudo().browse(
            {v.get("registration_id") for v in vals_list if v.get("registration_id")}).lot_id
        for lot in lots:
            if lot.method in TENDER_METHODS and not (lot.deposit_required or lot.deposit_amount):
                raise UserError(self.env._(
                    "The tender documents of %(lot)s ask for no deposit.", lot=lot.name))
        return super().create(vals_list)

    # The staff confirm a receipt, refund or keep a deposit they may not read before the opening (record rule):
    # the action checks the caller's group, then works on the record as the server.
    def action_confirm_receipt(self):
        self._check_trading_staff()
        return super(GovTradingDepositTendering, self.sudo()).action_confirm_receipt()

    def action_refund(self):
        self._check_trading_staff()
        return super(GovTradingDepositTendering, self.sudo()).action_refund()

    def action_keep(self):
        self._check_trading_staff()
        return super(GovTradingDepositTendering, self.sudo()).action_keep()


class GovTradingQuestionTendering(models.Model):
    _inherit = "gov.trading.question"

    kind = fields.Selection(selection_add=[("opening_objection", "Objection at the Opening")],
                            ondelete={"opening_objection": "cascade"})
    answered_by_id = fields.Many2one("res.users", "Answered By", readonly=True, copy=False)

    def _gov_protected_names(self):
        return super()._gov_protected_names() | {"answered_by_id"}

    @api.depends("answer_due", "date_raised", "kind", "lot_id.date_decrypt_end")
    def _compute_answer_deadline(self):
        """An objection at the opening is answered on the spot: by the end of the opening session."""
        super()._compute_answer_deadline()
        for rec in self.filtered(lambda q: q.kind == "opening_objection"):
            rec.answer_deadline = rec.lot_id.date_decrypt_end or rec.answer_deadline

    def _check_raised(self):
        for rec in self.filtered(lambda q: q.kind == "opening_objection"):
            lot = rec.lot_id
            if lot.state != "decrypting":
                raise UserError(self.env._(
                    "An objection to the opening is raised during the opening session of %(lot)s, where the "
                    "tenderer answers it on the spot (Bidding Law Implementing Regulations, art. 44).",
                    lot=lot.name))
        rest = self.filtered(lambda q: q.kind != "opening_objection")
        opening = self - rest
        if rest:
            super(GovTradingQuestionTendering, rest)._check_raised()
        for rec in opening:
            registered = rec.lot_id.registration_ids.filtered(
                lambda r, b=rec.bidder_id: r.bidder_id == b and r.state == "registered")
            if not registered:
                raise UserError(self.env._("Only a bidder registered for %(lot)s can raise this.", lot=rec.lot_id.name))
            self.env["gov.trading.log"]._append("objection", rec, lot=rec.lot_id, payload={
                "kind": rec.kind, "action": "raised", "subject": rec.name, "body": rec.body})
            users = rec.project_id.sudo().tenderer_user_ids | rec.project_id.sudo().agent_user_ids
            for user in users[:1] or rec.project_id.user_id:
                rec.activity_schedule(
                    "mail.mail_activity_data_todo", date_deadline=center_today(rec.company_id),
                    summary=center_env(rec).env._("Answer the objection raised at the opening on the spot"),
                    user_id=user.id)

    def _check_trading_staff(self):
        # complaints are decided by the trading supervisor too (实施条例 第62条; 政府采购法 第56条)
        if self and all(q.kind == "complaint" for q in self) and self.env.user.has_group(SUPERVISOR):
            return
        return super()._check_trading_staff()

    @protected_action()
    def action_answer_opening(self):
        """The tenderer or its agent, presiding over the opening, answers on the spot (实施条例 第44条)."""
        for rec in self:
            if rec.kind != "opening_objection":
                raise UserError(self.env._("Only an objection raised at the opening is answered here."))
            if not rec.project_id._is_tenderer_user():
                raise AccessError(self.env._(
                    "The tenderer or its agent, who presides over the opening, answers the objections raised at "
                    "it (Bidding Law Implementing Regulations, art. 44)."))
            if rec.state != "open":
                raise UserError(self.env._("This objection is already answered."))
            if not (rec.answer or "").strip():
                raise UserError(self.env._("Write the answer first."))
            now = fields.Datetime.now()
            rec.sudo().write({"state": "answered", "date_answered": now, "answered_by_id": self.env.uid,
                              "answered_late": bool(rec.answer_deadline and now > rec.answer_deadline)})
            rec.sudo().activity_ids.action_done()
            self.env["gov.trading.log"]._append("objection", rec, lot=rec.lot_id, payload={
                "kind": rec.kind, "action": "answered", "answer": rec.answer, "by": self.env.user.name})
            env_rec = center_env(rec)
            env_rec.sudo().message_post(body=env_rec.env._(
                "Answered at the opening by %(user)s: %(answer)s", user=self.env.user.name, answer=rec.answer))
            lot = rec.lot_id.sudo()
            if lot.state == "decrypting" and not lot.opening_objection_ids.filtered(lambda q: q.state == "open"):
                pending = lot.bid_ids.filtered(lambda b: b.state == "submitted")
                if not pending or now >= lot.date_decrypt_end:
                    with granted("gov.trading.lot", "gov.trading.bid"):
                        lot._close_decryption()


class GovTradingLogTendering(models.Model):
    _inherit = "gov.trading.log"

    event = fields.Selection(selection_add=[
        ("suspension", "Procedure suspended or resumed"), ("recording", "Recording attached")],
        ondelete={"suspension": "cascade", "recording": "cascade"})
