"""Expert pool, verifiable random draw, committee, scoring, ranking, sign-off, publicity and award."""
import datetime
import hashlib
import hmac
import json
import math
import secrets

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .trading_project import BIG_PROCUREMENT, fmt_local, local_date, public_env


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


class GovTradingSpecialty(models.Model):
    _name = "gov.trading.specialty"
    _description = "Expert Specialty"
    _order = "code, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()


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
                               help="Experts with a past penalty are excluded from draws (12号令 第12条).")
    relation_partner_ids = fields.Many2many(
        "res.partner", "gov_trading_expert_relation_rel", "expert_id", "partner_id",
        string="Declared Relations", help="Companies the expert declared a near relative, employment within "
        "3 years, control or economic interest in: excluded when they bid or tender.")
    draw_count = fields.Integer("Past Draws", compute="_compute_draw_count")
    active = fields.Boolean(default=True)

    def _compute_draw_count(self):
        # only draws whose names are unsealed count: a fresh draw must not leak who was drawn
        groups = dict(self.env["gov.trading.committee.member"].sudo()._read_group(
            [("expert_id", "in", self.ids), ("lot_id.evaluation_started", "=", True)], ["expert_id"], ["__count"]))
        for rec in self:
            rec.draw_count = groups.get(rec, 0)


class GovTradingExpertDraw(models.Model):
    _name = "gov.trading.expert.draw"
    _description = "Expert Draw"
    _inherit = ["mail.thread"]
    _order = "id desc"

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
                    "The evaluation committee has an odd number of members, at least 5 (招标投标法 第37条): "
                    "%(size)s is not allowed.", size=size))
            if rec.tenderer_rep_count < 0 or rec.expert_count * 3 < size * 2:
                raise ValidationError(self.env._(
                    "Experts must be at least two thirds of the committee: %(experts)s experts of %(size)s "
                    "members is too few (at least %(min)s).", experts=rec.expert_count, size=size,
                    min=math.ceil(size * 2 / 3)))
            if rec.lot_id.kind == "procurement" and rec.lot_id.estimate_amount >= BIG_PROCUREMENT and size < 7:
                raise ValidationError(self.env._(
                    "A procurement with a budget of 10 million yuan or more needs a committee of at least 7 "
                    "(87号令 第47条)."))

    def _conflicts(self):
        """Partners whose employees or relations may not evaluate: bidders and the tenderer."""
        self.ensure_one()
        lot = self.lot_id.sudo()
        partners = lot.registration_ids.filtered(lambda r: r.state == "registered").bidder_id.partner_id
        partners |= lot.tenderer_id | lot.project_id.agency_id
        return partners | partners.mapped("commercial_partner_id")

    def action_draw(self):
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
    _order = "id"

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

    def action_sign(self):
        is_staff = self.env.user.has_group("gov_hall_base.group_gov_trading_staff")
        for member in self:
            lot = member.lot_id
            if not is_staff and member.user_id != self.env.user:
                raise UserError(self.env._("Each expert signs for themselves."))
            if lot.state != "evaluation" or not lot.evaluation_started:
                raise UserError(self.env._("The committee signs during the evaluation."))
            if member.role == "expert":
                expected = len(lot._scored_bids()) * len(lot._expert_criteria())
                if len(member.score_ids) < expected:
                    raise UserError(self.env._(
                        "%(name)s has scored %(done)s of %(expected)s items: score every valid bid first.",
                        name=member.name, done=len(member.score_ids), expected=expected))
            member.sudo().write({"signed": True, "date_signed": fields.Datetime.now()})
            self.env["gov.trading.log"]._append("sign_off", member, lot=lot, payload={"member": member.name})
            if all(m.signed for m in lot.sudo().member_ids):
                lot._compute_ranking()
                lot.sudo().date_report = fields.Datetime.now()


class GovTradingScore(models.Model):
    _name = "gov.trading.score"
    _description = "Expert Score"
    _order = "bid_id, criterion_id"

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

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        for rec in records:
            self.env["gov.trading.log"]._append("score", rec, lot=rec.lot_id, payload={
                "member": rec.member_id.id, "bid": rec.bid_id.receipt_number, "criterion": rec.criterion_id.name,
                "score": rec.score})
        return records

    def write(self, vals):
        res = super().write(vals)
        for rec in self:
            self.env["gov.trading.log"]._append("score", rec, lot=rec.lot_id, payload={
                "member": rec.member_id.id, "bid": rec.bid_id.receipt_number, "criterion": rec.criterion_id.name,
                "score": rec.score, "changed": True})
        return res


class GovTradingLotEvaluation(models.Model):
    _inherit = "gov.trading.lot"

    draw_ids = fields.One2many("gov.trading.expert.draw", "lot_id", string="Expert Draws")
    member_ids = fields.One2many("gov.trading.committee.member", "lot_id", string="Committee")
    score_ids = fields.One2many("gov.trading.score", "lot_id", string="Scores")
    delay_reason = fields.Text(
        "Reason for a Late Step", copy=False,
        help="A legal time limit of the staff (candidates within 3 days, procurement decision within 5 working "
             "days) was missed: the reason is required, posted and logged.")
    ranked_bid_ids = fields.One2many("gov.trading.bid", "lot_id", string="Ranking",
                                     domain=[("state", "=", "decrypted")])

    def _scored_bids(self):
        return self.sudo().bid_ids.filtered(lambda b: b.state == "decrypted")

    def _expert_criteria(self):
        return self.criterion_ids.filtered(lambda c: c.kind != "price")

    def action_start_evaluation(self):
        for lot in self:
            if lot.state != "evaluation":
                raise UserError(self.env._("The evaluation starts after the opening."))
            draws = lot.sudo().draw_ids.filtered(lambda d: d.state == "done")
            if not draws:
                raise UserError(self.env._("Draw the evaluation experts first."))
            lot.evaluation_started = True
            self.env["gov.trading.log"]._append("evaluation", lot, lot=lot, payload={
                "members": lot.sudo().member_ids.mapped("name")})

    def _compute_ranking(self):
        """Price score by 87号令 第55条: (lowest valid price / price) x price weight; technical and
        commercial points are the average over the experts; ties go to the lower price."""
        for lot in self:
            bids = lot._scored_bids()
            if not bids:
                continue
            lowest = min(bids.mapped("price"))
            experts = lot.sudo().member_ids.filtered(lambda m: m.role == "expert")
            scores = lot.sudo().score_ids
            for bid in bids:
                if lot.scoring_method == "comprehensive":
                    price_score = (lowest / bid.price * lot.price_weight) if bid.price else 0.0
                    tech = sum(scores.filtered(lambda s, b=bid: s.bid_id == b).mapped("score"))
                    tech = tech / len(experts) if experts else 0.0
                else:
                    price_score, tech = 0.0, 0.0
                bid.sudo().write({"price_score": round(price_score, 2), "technical_score": round(tech, 2),
                                  "total_score": round(price_score + tech, 2)})
            if lot.scoring_method == "comprehensive":
                ordered = bids.sorted(lambda b: (-b.total_score, b.price, b.date_received))
            else:
                ordered = bids.sorted(lambda b: (b.price, b.date_received))
            for rank, bid in enumerate(ordered, start=1):
                bid.sudo().rank = rank

    def _log_delay(self, what):
        self.ensure_one()
        self.message_post(body=self.env._("Late step (%(what)s): %(reason)s", what=what, reason=self.delay_reason))
        self.env["gov.trading.log"]._append("other", self, lot=self, payload={
            "late": what, "reason": self.delay_reason})
        self.delay_reason = False

    def action_open_score_sheet(self):
        """The expert's score sheet for this lot."""
        member = self.sudo().member_ids.filtered(lambda m: m.user_id == self.env.user)[:1]
        action = self.env["ir.actions.actions"]._for_xml_id("gov_public_resource_trading.action_gov_trading_score")
        action["domain"] = [("lot_id", "=", self.id)]
        action["context"] = {"default_member_id": member.id, "search_default_group_bid": 1}
        return action

    def action_compute_ranking(self):
        self._compute_ranking()

    def action_publish_candidates(self):
        for lot in self:
            now = fields.Datetime.now()
            if lot.state != "evaluation" or not lot.date_report:
                raise UserError(self.env._("Every committee member must sign the evaluation report first."))
            if (local_date(now) - local_date(lot.date_report)).days > 3:
                if not lot.delay_reason:
                    raise UserError(self.env._(
                        "The candidates must be published within 3 days of the evaluation report (%(date)s) "
                        "(招标投标法实施条例 第54条): enter the reason for the delay first; it is logged.",
                        date=fmt_local(lot.date_report)))
                lot._log_delay("candidates_late")
            if not lot.date_publicity_end:
                raise UserError(self.env._("Set the end of the publicity (at least 3 days)."))
            lot.date_publicity_start = now  # the constraint checks the 3 days
            candidates = lot._scored_bids().filtered(lambda b: 0 < b.rank <= lot.candidate_count).sorted("rank")
            lot.state = "publicity"
            ann = self.env["gov.trading.announcement"].create({
                "name": public_env(self.env)._("Candidate publicity: %(project)s %(lot)s", project=lot.project_id.name,
                                   lot=lot.name),
                "project_id": lot.project_id.id, "lot_ids": [(6, 0, lot.ids)], "kind": "candidates",
                "body": "<ol>%s</ol><p>%s</p>" % (
                    "".join("<li>%s: %.2f</li>" % (b.bidder_id.name, b.price) for b in candidates),
                    self.env._("Publicity from %(start)s to %(end)s.", start=fmt_local(now),
                               end=fmt_local(lot.date_publicity_end))),
            })
            ann.action_publish()

    def action_award(self):
        for lot in self:
            now = fields.Datetime.now()
            direct = lot.kind == "procurement" and lot.state == "evaluation" and lot.date_report
            if lot.state != "publicity" and not direct:
                raise UserError(self.env._("The award follows the publicity of the candidates."))
            if direct:
                # 87号令 第68条: the procurer decides within 5 working days of the evaluation report
                last = self.env["gov.hall.calendar"].add_working_days(local_date(lot.date_report), 5)
                if local_date(now) > last:
                    if not lot.delay_reason:
                        raise UserError(self.env._(
                            "The procurer confirms the supplier within 5 working days of the evaluation report, "
                            "by %(last)s (政府采购货物和服务招标投标管理办法 第68条): enter the reason for the "
                            "delay first; it is logged.", last=last))
                    lot._log_delay("award_late")
            elif now < lot.date_publicity_end:
                raise UserError(self.env._(
                    "The publicity runs until %(end)s: the award comes after it (招标投标法实施条例 第54条).",
                    end=fmt_local(lot.date_publicity_end)))
            open_obj = lot.question_ids.filtered(lambda q: q.kind == "candidate_objection" and q.state == "open")
            if open_obj:
                raise UserError(self.env._(
                    "%(count)s objections to the candidates are not answered: the award waits for the answers.",
                    count=len(open_obj)))
            winner = lot._scored_bids().filtered(lambda b: b.rank == 1)
            if not winner:
                raise UserError(self.env._("No first-ranked candidate."))
            lot.write({"state": "awarded", "winner_bid_id": winner.id, "award_amount": winner.price,
                       "date_award": fields.Date.context_today(self)})
            self.env["gov.trading.log"]._append("award", lot, lot=lot, payload={
                "winner": winner.bidder_id.uscc, "price": winner.price, "receipt": winner.receipt_number})
            ann = self.env["gov.trading.announcement"].create({
                "name": public_env(self.env)._("Award result: %(project)s %(lot)s", project=lot.project_id.name, lot=lot.name),
                "project_id": lot.project_id.id, "lot_ids": [(6, 0, lot.ids)], "kind": "result",
            })
            ann._attach_report("gov_public_resource_trading.action_report_award_result", lot)
            ann.action_publish()
            # the award notice (中标通知书) goes to the winner, on its registration
            pdf, ext = self.env["ir.actions.report"].sudo()._render_qweb_pdf(
                "gov_public_resource_trading.action_report_award_notice", lot.ids)
            registration = winner.registration_id.sudo()
            notice = self.env["ir.attachment"].sudo().create({
                "name": f"中标通知书-{lot.code}.{ext}", "raw": pdf, "res_model": registration._name,
                "res_id": registration.id, "mimetype": "application/pdf" if ext == "pdf" else "text/html"})
            registration.message_post(
                body=public_env(self.env)._("Award notice for %(lot)s.", lot=lot.name), attachment_ids=notice.ids,
                partner_ids=winner.bidder_id.partner_id.ids)
            lot.activity_schedule("mail.mail_activity_data_todo", date_deadline=lot.contract_deadline,
                                  summary=self.env._("Contract due within 30 days of the award notice"),
                                  user_id=lot.project_id.user_id.id or self.env.uid)

    def action_record_contract(self):
        for lot in self:
            if lot.state != "awarded":
                raise UserError(self.env._("Record the contract of an awarded lot."))
            if not lot.date_contract:
                raise UserError(self.env._("Enter the contract date first."))
            if lot.date_contract < lot.date_award:
                raise ValidationError(self.env._("The contract cannot be signed before the award notice."))
            lot.state = "contracted"
            self.env["gov.trading.log"]._append("contract", lot, lot=lot, payload={
                "date": lot.date_contract, "late": lot.contract_overdue})
            lot.activity_ids.filtered(lambda a: a.summary and "30" in a.summary).action_done()

    @api.model
    def _cron_alerts(self):
        """Alert every overdue step: contracts, deposit refunds, objection answers (set-based search)."""
        today = fields.Date.context_today(self)
        lots = self.search([("state", "=", "awarded"), ("contract_deadline", "<", today)])
        lots.write({"contract_overdue": True})
        for lot in lots:
            lot.activity_schedule("mail.mail_activity_data_warning", date_deadline=today,
                                  summary=self.env._("Contract overdue (30 days after the award notice)"),
                                  user_id=lot.project_id.user_id.id or self.env.uid)
        deposits = self.env["gov.trading.deposit"].search([("state", "=", "received"),
                                                           ("refund_deadline", "<", today)])
        deposits.write({"refund_overdue": True})
        for dep in deposits:
            dep.activity_schedule("mail.mail_activity_data_warning", date_deadline=today,
                                  summary=self.env._("Deposit refund overdue"),
                                  user_id=dep.lot_id.project_id.user_id.id or self.env.uid)
        reported = self.search([("state", "=", "evaluation"), ("date_report", "!=", False),
                                ("date_report", "<", fields.Datetime.now() - datetime.timedelta(days=3))])
        calendar = self.env["gov.hall.calendar"]
        for lot in reported:
            if lot.kind == "procurement":
                if calendar.add_working_days(local_date(lot.date_report), 5) >= today:
                    continue
                summary = self.env._("Procurement decision overdue (5 working days after the report)")
            else:
                summary = self.env._("Candidate publicity overdue (3 days after the report)")
            lot.activity_schedule("mail.mail_activity_data_warning", date_deadline=today, summary=summary,
                                  user_id=lot.project_id.user_id.id or self.env.uid)
        complaints = self.env["gov.trading.question"].search([
            ("state", "=", "open"), ("kind", "=", "complaint"), ("date_accepted", "=", False),
            ("accept_deadline", "<", today)])
        for q in complaints:
            q.activity_schedule("mail.mail_activity_data_warning", date_deadline=today,
                                summary=self.env._("Complaint acceptance overdue (3 working days)"),
                                user_id=q.lot_id.project_id.user_id.id or self.env.uid)
        questions = self.env["gov.trading.question"].search([
            ("state", "=", "open"), ("kind", "!=", "question"), ("answer_deadline", "<", fields.Datetime.now())])
        for q in questions:
            q.activity_schedule("mail.mail_activity_data_warning", date_deadline=today,
                                summary=self.env._("Objection answer overdue (3 days)"),
                                user_id=q.lot_id.project_id.user_id.id or self.env.uid)
