import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from odoo.addons.gov_hall_base.models.gov_hall_deadline_mixin import Deadline
from odoo.addons.gov_hall_base.tools.dates import center_today, from_center
from odoo.addons.gov_hall_base.tools.lang import center_env
from odoo.addons.gov_hall_base.tools.protect import granted, is_granted, protected_action

from .gov_trading_lot import alert_once, fmt_local, local_date


class GovTradingQuestion(models.Model):
    _name = "gov.trading.question"
    _description = "Question or Objection"
    _inherit = ["mail.thread", "mail.activity.mixin", "gov.hall.deadline.mixin", "gov.trading.integrity.mixin"]
    _order = "date_raised desc"
    _check_company_auto = True
    _protected_fields = ("state", "date_answered", "answered_late", "date_accepted", "accept_deadline",
                         "clarification_id", "answer_deadline", "answer_start", "answer_days", "answer_in_days",
                         "answer_due", "supervision_color", "deadline_start", "deadline_days", "deadline_paused_days")
    # objections, challenges and complaints are answered by a day counted in the hall's calendar
    _deadline_open_domain = Domain("state", "=", "open") & Domain("kind", "!=", "question")
    _deadlines = (Deadline("answer_due", "answer_start", "answer_days", calendar_days="answer_in_days"),)
    _deadline_lit = "answer_due"
    # what the bidder raised, and when
    _frozen_fields = ("lot_id", "project_id", "company_id", "bidder_id", "kind", "challenge_id",
                      "challenge_basis", "name", "body", "date_raised")

    name = fields.Char("Subject", required=True)
    kind = fields.Selection([
        ("question", "Question on the Documents"),
        ("doc_objection", "Objection to the Tender Documents"),
        ("candidate_objection", "Objection to the Candidates"),
        ("challenge", "Procurement Challenge"),
        ("complaint", "Complaint to the Supervisor"),
    ], required=True, default="question")
    challenge_id = fields.Many2one(
        "gov.trading.question", "Challenge Answered", domain=[("kind", "=", "challenge")], check_company=True,
        help="A procurement complaint follows a challenge (Government Procurement Law, art. 55).")
    accept_deadline = fields.Date("Acceptance Due", readonly=True,
                                  help="Complaints are accepted or refused within 3 working days (Bidding Law Implementing Regulations, art. 61).")
    date_accepted = fields.Date("Accepted On", readonly=True)
    challenge_basis = fields.Selection([
        ("documents", "Procurement Documents"), ("process", "Procurement Process"), ("result", "Award Result"),
    ], string="Challenge Against", help="A procurement challenge is raised within 7 working days of the day "
                                        "the supplier knew of the harm (Government Procurement Law, art. 52):"
                                        " the documents obtained, the opening, the result notice.")
    lot_id = fields.Many2one("gov.trading.lot", required=True, ondelete="cascade", index=True)
    project_id = fields.Many2one(related="lot_id.project_id", store=True)
    company_id = fields.Many2one(related="lot_id.company_id", store=True)
    bidder_id = fields.Many2one("gov.trading.bidder", required=True, index=True)
    body = fields.Text("Question / Objection", required=True)
    date_raised = fields.Datetime(default=fields.Datetime.now, readonly=True, required=True)
    answer_start = fields.Date(compute="_compute_answer_period", store=True)
    answer_days = fields.Integer(compute="_compute_answer_period", store=True)
    answer_in_days = fields.Boolean(compute="_compute_answer_period", store=True)
    answer_due = fields.Date("Answer Due", compute="_compute_answer_due", store=True, index=True,
                             help="The last day of the answer, counted in the hall's calendar.")
    answer_deadline = fields.Datetime(compute="_compute_answer_deadline", store=True)
    answer = fields.Text()
    date_answered = fields.Datetime(readonly=True)
    answered_late = fields.Boolean(readonly=True)
    state = fields.Selection([("open", "Open"), ("answered", "Answered")], default="open", required=True,
                             tracking=True)
    clarification_id = fields.Many2one("gov.trading.clarification", readonly=True, check_company=True)

    @api.depends("date_raised", "kind", "date_accepted")
    def _compute_answer_period(self):
        for rec in self:
            raised = local_date(rec.date_raised, rec.company_id)
            if rec.kind == "complaint" and raised:
                # decided within 30 working days of the acceptance (实施条例 第61条, 政府采购法 第56条)
                rec.update({"answer_start": rec.date_accepted or raised, "answer_days": 30, "answer_in_days": False})
            elif rec.kind == "challenge" and raised:
                # 7 working days (政府采购法 第53条)
                rec.update({"answer_start": raised, "answer_days": 7, "answer_in_days": False})
            elif rec.kind != "question" and raised:
                # objections: 3 days (招标投标法实施条例 第22条, 第54条)
                rec.update({"answer_start": raised, "answer_days": 3, "answer_in_days": True})
            else:
                rec.update({"answer_start": False, "answer_days": False, "answer_in_days": False})

    @api.depends("answer_start", "answer_days", "answer_in_days")
    def _compute_answer_due(self):
        self._deadline_compute(self._deadlines[0])

    @api.depends("answer_due", "date_raised", "kind")
    def _compute_answer_deadline(self):
        for rec in self:
            if rec.kind in ("complaint", "challenge") and rec.answer_due:
                # to 24:00 at the center on the last day
                rec.answer_deadline = from_center(datetime.datetime.combine(
                    rec.answer_due + datetime.timedelta(days=1), datetime.time.min), rec.company_id)
            else:
                rec.answer_deadline = rec.kind != "question" and rec.date_raised and (
                    rec.date_raised + datetime.timedelta(days=3))

    @api.model
    def _deadline_notify(self, changed, today=None):
        alert_once(self.browse(changed["red"]), lambda q: q.env._("Objection answer overdue (3 days)"),
                   today or (lambda q: center_today(q.company_id)))

    @api.model_create_multi
    def create(self, vals_list):
        """The bidder raises it (portal route, under sudo: the request's user is checked)."""
        self._check_bidder_user(self.env["gov.trading.bidder"].browse(
            {vals.get("bidder_id") for vals in vals_list if vals.get("bidder_id")}))
        for vals in vals_list:
            vals["date_raised"] = fields.Datetime.now()  # never back-dated
        records = super().create(vals_list)
        with granted(self):  # the legal windows set the acceptance deadline of a complaint
            records._check_raised()
        return records

    def write(self, vals):
        if "answer" in vals and self.pool.ready and not is_granted(self._name) and \
                any(rec.state != "open" for rec in self):
            self._gov_refuse_protected(["answer"])
        return super().write(vals)

    def _check_raised(self):
        for rec in self:
            lot = rec.lot_id
            registered = lot.registration_ids.filtered(
                lambda r, b=rec.bidder_id: r.bidder_id == b and r.state == "registered")
            if not registered:
                raise UserError(self.env._("Only a bidder registered for %(lot)s can raise this.", lot=lot.name))
            raised = local_date(rec.date_raised, rec.company_id)
            if rec.kind in ("question", "doc_objection"):
                if lot.state != "published" or rec.date_raised >= lot.date_bid_deadline:
                    raise UserError(self.env._("The bid deadline of %(lot)s has passed.", lot=lot.name))
            if rec.kind == "doc_objection":
                days = (local_date(lot.date_bid_deadline, lot.company_id) - raised).days
                if days < 10:
                    raise UserError(self.env._(
                        "An objection to the tender documents must be raised at least 10 days before the bid "
                        "deadline (%(deadline)s); today is only %(days)s days before it (Bidding Law "
                        "Implementing Regulations, art. 22).",
                        deadline=fmt_local(lot.date_bid_deadline, lot.company_id), days=days))
            if rec.kind == "candidate_objection":
                if lot.state != "publicity" or not (
                        lot.date_publicity_start <= rec.date_raised <= lot.date_publicity_end):
                    raise UserError(self.env._(
                        "Objections to the candidates are raised during their publicity only (Bidding Law Implementing Regulations, art. 54)."))
            if rec.kind == "challenge":
                rec._check_challenge_window(registered[:1])
            if rec.kind == "complaint":
                rec._check_complaint_window(registered[:1])
            if rec.kind != "question":
                self.env["gov.trading.log"]._append("objection", rec, lot=lot, payload={
                    "kind": rec.kind, "action": "raised"})
                rec.activity_schedule(
                    "mail.mail_activity_data_todo", date_deadline=local_date(rec.answer_deadline, rec.company_id),
                    summary=center_env(rec).env._("Answer the objection within 3 days"),
                    user_id=lot.project_id.user_id.id or self.env.uid)

    def _check_challenge_window(self, registration):
        """Procurement challenge: within 7 working days of knowing (政府采购法 第52条)."""
        self.ensure_one()
        lot = self.lot_id
        if lot.kind != "procurement":
            raise UserError(self.env._("A challenge concerns government procurement; for tenders raise an "
                                       "objection."))
        known = {
            "documents": registration.date_registered,
            "process": lot.date_opened,
            "result": lot.date_award and datetime.datetime.combine(lot.date_award, datetime.time(0, 0)),
        }.get(self.challenge_basis or "documents")
        if not known:
            raise UserError(self.env._("There is nothing to challenge yet for %(lot)s.", lot=lot.name))
        last = self.env["gov.hall.calendar"].add_working_days(local_date(known, lot.company_id), 7)
        if local_date(self.date_raised, lot.company_id) > last:
            raise UserError(self.env._(
                "A procurement challenge is raised within 7 working days of knowing of the harm: the last day"
                " was %(last)s (Government Procurement Law, art. 52).", last=last))

    def _check_complaint_window(self, registration):
        """Tendering: within 10 days of knowing (实施条例 第60条). Procurement: after a challenge, within 15
        working days of its answer or of the end of the answer period (政府采购法 第55条)."""
        self.ensure_one()
        lot, calendar = self.lot_id, self.env["gov.hall.calendar"]
        today = local_date(self.date_raised, lot.company_id)
        if lot.kind == "procurement":
            challenge = self.challenge_id
            if not challenge or challenge.kind != "challenge" or challenge.lot_id != lot or \
                    challenge.bidder_id != self.bidder_id:
                raise UserError(self.env._(
                    "A procurement complaint follows your own challenge on this lot (Government Procurement Law, art. 55)."))
            if challenge.state == "open" and self.date_raised <= challenge.answer_deadline:
                raise UserError(self.env._("Wait for the answer to your challenge, due by %(date)s.",
                                           date=fmt_local(challenge.answer_deadline, lot.company_id)))
            start = local_date(challenge.date_answered or challenge.answer_deadline, lot.company_id)
            last = calendar.add_working_days(start, 15)
            if today > last:
                raise UserError(self.env._(
                    "A procurement complaint is filed within 15 working days of the answer to the challenge: "
                    "the last day was %(last)s (Government Procurement Law, art. 55).", last=last))
        else:
            known = {
                "documents": registration.date_registered,
                "process": lot.date_opened,
                "result": lot.date_publicity_start or (
                    lot.date_award and datetime.datetime.combine(lot.date_award, datetime.time(0, 0))),
            }.get(self.challenge_basis or "documents")
            if not known:
                raise UserError(self.env._("There is nothing to complain about yet for %(lot)s.", lot=lot.name))
            last = local_date(known, lot.company_id) + datetime.timedelta(days=10)
            if today > last:
                raise UserError(self.env._(
                    "A complaint is filed within 10 days of knowing of the breach: the last day was %(last)s "
                    "(Bidding Law Implementing Regulations, art. 60).", last=last))
        self.sudo().accept_deadline = calendar.add_working_days(today, 3)

    @protected_action()
    def action_accept(self):
        """Accept a complaint (within 3 working days); the 30 working days of the decision start."""
        self._check_trading_staff()
        for rec in self:
            if rec.kind != "complaint" or rec.state != "open" or rec.date_accepted:
                raise UserError(self.env._("Only an open complaint not yet accepted can be accepted."))
            rec.date_accepted = center_today(rec.company_id)
            rec._deadline_close_alerts(["accept_deadline"])
            self.env["gov.trading.log"]._append("objection", rec, lot=rec.lot_id, payload={
                "kind": "complaint", "action": "accepted",
                "late": bool(rec.accept_deadline and rec.date_accepted > rec.accept_deadline)})

    @protected_action()
    def action_answer(self):
        self._check_trading_staff()
        for rec in self:
            if rec.kind == "complaint" and not rec.date_accepted:
                raise UserError(self.env._("Accept the complaint before deciding it."))
            if rec.state != "open":
                continue
            if not rec.answer:
                raise UserError(self.env._("Write the answer first."))
            now = fields.Datetime.now()
            rec.write({"state": "answered", "date_answered": now,
                       "answered_late": bool(rec.answer_deadline and now > rec.answer_deadline)})
            rec.activity_ids.action_done()
            if rec.kind != "question":
                self.env["gov.trading.log"]._append("objection", rec, lot=rec.lot_id, payload={
                    "kind": rec.kind, "action": "answered", "late": rec.answered_late})

    @protected_action()
    def _answer_by_clarification(self, clarification):
        for rec in self:
            rec.write({"answer": rec.answer or center_env(rec).env._("Answered by the clarification: %(name)s",
                                                          name=clarification.name),
                       "clarification_id": clarification.id})
        self.action_answer()
