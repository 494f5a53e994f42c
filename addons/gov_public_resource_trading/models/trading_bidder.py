"""Bidder company accounts, qualification certificates, registrations, downloads, deposits,
questions and objections. A portal bidder sees only its own records (security/trading_security.xml).
The bidder model is generic (a company or, for land and property auctions, a natural person)."""
import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .trading_project import fmt_local, local_date


class GovTradingBidder(models.Model):
    _name = "gov.trading.bidder"
    _description = "Bidder / Supplier Account"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "name"

    name = fields.Char(related="partner_id.name", store=True, readonly=False)
    partner_id = fields.Many2one("res.partner", "Company", required=True, ondelete="restrict", index=True)
    uscc = fields.Char("Unified Social Credit Code", related="partner_id.gov_id_number", readonly=False,
                       store=True)
    legal_representative = fields.Char(related="partner_id.gov_legal_representative", readonly=False)
    phone = fields.Char(related="partner_id.phone", readonly=False)
    email = fields.Char(related="partner_id.email", readonly=False)
    contact_ids = fields.One2many(related="partner_id.child_ids", string="Contacts", readonly=False)
    user_ids = fields.Many2many("res.users", "gov_trading_bidder_user_rel", "bidder_id", "user_id",
                                string="Portal Users")
    state = fields.Selection([
        ("draft", "Draft"), ("submitted", "Awaiting Review"), ("approved", "Approved"), ("rejected", "Rejected"),
    ], default="draft", required=True, tracking=True)
    review_note = fields.Text(tracking=True)
    reviewer_id = fields.Many2one("res.users", readonly=True)
    certificate_ids = fields.One2many("gov.trading.certificate", "bidder_id", string="Qualification Certificates")
    registration_ids = fields.One2many("gov.trading.registration", "bidder_id", string="Registrations")
    blacklisted = fields.Boolean(related="partner_id.gov_blacklisted")

    _partner_uniq = models.Constraint("unique(partner_id)", "This company already has a bidder account.")

    @api.constrains("partner_id", "uscc")
    def _check_uscc(self):
        for rec in self:
            if rec.partner_id.is_company and not rec.uscc:
                raise ValidationError(self.env._(
                    "A bidder company needs its unified social credit code (统一社会信用代码)."))

    def action_submit(self):
        for rec in self:
            if not rec.certificate_ids:
                raise UserError(self.env._("Upload at least one qualification certificate before submitting."))
        self.write({"state": "submitted"})

    def action_approve(self):
        for rec in self:
            if rec.blacklisted:
                raise UserError(self.env._("%(name)s is on the blacklist and cannot be approved.", name=rec.name))
            if rec.certificate_ids.filtered(lambda c: c.state == "pending"):
                raise UserError(self.env._("Review every certificate of %(name)s first.", name=rec.name))
        self.write({"state": "approved", "reviewer_id": self.env.uid})

    def action_reject(self):
        for rec in self:
            if not rec.review_note:
                raise UserError(self.env._("Give the reason for the rejection in the review note."))
        self.write({"state": "rejected"})


class GovTradingCertificate(models.Model):
    _name = "gov.trading.certificate"
    _description = "Qualification Certificate"
    _order = "date_expiry"

    bidder_id = fields.Many2one("gov.trading.bidder", required=True, ondelete="cascade", index=True)
    type_id = fields.Many2one("gov.trading.qualification.type", "Qualification", required=True)
    number = fields.Char("Certificate Number", required=True)
    date_issue = fields.Date("Issued On")
    date_expiry = fields.Date("Valid Until", required=True)
    attachment_id = fields.Many2one("ir.attachment", "Scan")
    state = fields.Selection([("pending", "Pending Review"), ("valid", "Verified"), ("rejected", "Rejected")],
                             default="pending", required=True)
    expired = fields.Boolean(compute="_compute_expired")

    @api.depends("date_expiry")
    def _compute_expired(self):
        today = fields.Date.context_today(self)
        for rec in self:
            rec.expired = bool(rec.date_expiry and rec.date_expiry < today)

    @api.constrains("date_issue", "date_expiry")
    def _check_dates(self):
        for rec in self:
            if rec.date_issue and rec.date_expiry < rec.date_issue:
                raise ValidationError(self.env._("A certificate cannot expire before it is issued."))

    def action_verify(self):
        self.write({"state": "valid"})

    def action_reject(self):
        self.write({"state": "rejected"})


class GovTradingRegistration(models.Model):
    _name = "gov.trading.registration"
    _description = "Registration for a Lot"
    _inherit = ["mail.thread"]
    _order = "date_registered desc"
    _rec_name = "bidder_id"

    bidder_id = fields.Many2one("gov.trading.bidder", required=True, ondelete="restrict", index=True)
    lot_id = fields.Many2one("gov.trading.lot", required=True, ondelete="cascade", index=True)
    project_id = fields.Many2one(related="lot_id.project_id", store=True)
    company_id = fields.Many2one(related="lot_id.company_id", store=True)
    date_registered = fields.Datetime(default=fields.Datetime.now, readonly=True, required=True)
    state = fields.Selection([("registered", "Registered"), ("cancelled", "Cancelled")],
                             default="registered", required=True, tracking=True)
    download_ids = fields.One2many("gov.trading.download", "registration_id", string="Downloads")
    deposit_ids = fields.One2many("gov.trading.deposit", "registration_id", string="Deposits")
    bid_ids = fields.One2many("gov.trading.bid", "registration_id", string="Bids")
    deposit_state = fields.Selection(related="deposit_ids.state", string="Deposit")
    download_count = fields.Integer(compute="_compute_download_count")

    _bidder_lot_uniq = models.Constraint("unique(bidder_id, lot_id)", "This bidder is already registered for the lot.")

    def _compute_download_count(self):
        for rec in self:
            rec.download_count = len(rec.download_ids)

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        now = fields.Datetime.now()
        for rec in records:
            lot, bidder = rec.lot_id, rec.bidder_id
            if bidder.state != "approved":
                raise UserError(self.env._(
                    "The account of %(name)s is not approved yet: it cannot register for a lot.", name=bidder.name))
            if bidder.blacklisted:
                raise UserError(self.env._("%(name)s is blacklisted and cannot take part.", name=bidder.name))
            if lot.state != "published":
                raise UserError(self.env._("%(lot)s is not open for registration.", lot=lot.name))
            if not (lot.date_sale_start <= now <= lot.date_sale_end):
                raise UserError(self.env._(
                    "Registration and document sale for %(lot)s run from %(start)s to %(end)s.",
                    lot=lot.name, start=fmt_local(lot.date_sale_start), end=fmt_local(lot.date_sale_end)))
            deadline = local_date(lot.date_bid_deadline)
            for qtype in lot.project_id.qualification_type_ids:
                ok = bidder.certificate_ids.filtered(
                    lambda c, q=qtype: c.type_id == q and c.state == "valid" and c.date_expiry >= deadline)
                if not ok:
                    raise UserError(self.env._(
                        "%(name)s has no verified %(qualification)s certificate valid until the bid deadline.",
                        name=bidder.name, qualification=qtype.name))
            self.env["gov.trading.log"]._append("registration", rec, lot=lot, payload={"bidder": bidder.uscc})
        return records

    def _log_download(self, attachment):
        """Record that this registration downloaded a tender document (with time and IP)."""
        self.ensure_one()
        if attachment not in self.lot_id.document_ids:
            raise UserError(self.env._("This document does not belong to the lot."))
        if self.state != "registered":
            raise UserError(self.env._("Only registered bidders download the tender documents."))
        dl = self.env["gov.trading.download"].sudo().create({
            "registration_id": self.id, "attachment_id": attachment.id,
        })
        self.env["gov.trading.log"]._append("download", dl, lot=self.lot_id, payload={
            "document": attachment.name, "checksum": attachment.checksum})
        return dl


class GovTradingDownload(models.Model):
    _name = "gov.trading.download"
    _description = "Tender Document Download"
    _order = "date desc"

    registration_id = fields.Many2one("gov.trading.registration", required=True, ondelete="cascade", index=True)
    bidder_id = fields.Many2one(related="registration_id.bidder_id", store=True)
    lot_id = fields.Many2one(related="registration_id.lot_id", store=True)
    attachment_id = fields.Many2one("ir.attachment", "Document", required=True, ondelete="cascade")
    date = fields.Datetime(default=fields.Datetime.now, required=True, readonly=True)
    user_id = fields.Many2one("res.users", default=lambda s: s.env.user, readonly=True)
    ip_address = fields.Char(default=lambda s: s._default_ip(), readonly=True)

    def _default_ip(self):
        from odoo.http import request
        try:
            return request.httprequest.remote_addr if request else False
        except RuntimeError:
            return False


class GovTradingDeposit(models.Model):
    _name = "gov.trading.deposit"
    _description = "Bid Deposit"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"

    registration_id = fields.Many2one("gov.trading.registration", required=True, ondelete="cascade", index=True)
    bidder_id = fields.Many2one(related="registration_id.bidder_id", store=True, index=True)
    lot_id = fields.Many2one(related="registration_id.lot_id", store=True, index=True)
    company_id = fields.Many2one(related="lot_id.company_id", store=True)
    currency_id = fields.Many2one(related="lot_id.currency_id")
    amount = fields.Monetary(required=True, currency_field="currency_id")
    payment_method = fields.Selection([
        ("bank_transfer", "Bank Transfer"), ("guarantee", "Bank Guarantee / Insurance"), ("cash", "Cash"),
    ], default="bank_transfer", required=True)
    bank_reference = fields.Char("Bank Transfer Reference", required=True)
    state = fields.Selection([
        ("declared", "Declared by Bidder"), ("received", "Receipt Confirmed"), ("refunded", "Refunded"),
        ("kept", "Kept"),
    ], default="declared", required=True, tracking=True)
    date_declared = fields.Datetime(default=fields.Datetime.now, readonly=True)
    date_received = fields.Date(readonly=True, tracking=True)
    refund_deadline = fields.Date(compute="_compute_refund_deadline", store=True,
                                  help="5 days after the contract (procurement: 5 working days).")
    date_refunded = fields.Date(tracking=True)
    refund_overdue = fields.Boolean(compute="_compute_refund_deadline", store=True)
    keep_reason = fields.Text()
    interest_rate = fields.Float(
        "Interest Rate (% a year)", digits=(6, 4), readonly=True,
        default=lambda self: self.env.company.gov_deposit_interest_rate,
        help="Bank deposit rate of the same period; a deposit is returned with its interest (实施条例 第57条).")
    interest_amount = fields.Monetary(
        "Interest", compute="_compute_interest", store=True, currency_field="currency_id",
        help="Amount x rate x days held / 360, from the day the receipt was confirmed to the refund (or today).")
    refund_amount = fields.Monetary("Amount to Refund", compute="_compute_interest", store=True,
                                    currency_field="currency_id")

    @api.depends("lot_id.date_contract", "lot_id.state", "date_refunded", "state")
    def _compute_refund_deadline(self):
        calendar = self.env["gov.hall.calendar"]
        today = fields.Date.context_today(self)
        for rec in self:
            base = rec.lot_id.date_contract
            if not base and rec.lot_id.state == "failed" and rec.lot_id.date_opened:
                base = local_date(rec.lot_id.date_opened)
            if not base or rec.state not in ("received", "refunded"):
                rec.refund_deadline = False
            elif rec.lot_id.kind == "procurement":
                rec.refund_deadline = calendar.add_working_days(base, 5)
            else:
                rec.refund_deadline = base + datetime.timedelta(days=5)
            rec.refund_overdue = bool(rec.refund_deadline and (rec.date_refunded or today) > rec.refund_deadline)

    @api.depends("amount", "payment_method", "interest_rate", "date_received", "date_refunded", "state")
    def _compute_interest(self):
        today = fields.Date.context_today(self)
        for rec in self:
            held = rec.payment_method != "guarantee" and rec.date_received and rec.state in ("received", "refunded")
            days = max(((rec.date_refunded or today) - rec.date_received).days, 0) if held else 0
            rec.interest_amount = round(rec.amount * (rec.interest_rate or 0.0) / 100.0 * days / 360.0, 2)
            rec.refund_amount = rec.amount + rec.interest_amount if held else 0.0

    @api.constrains("amount", "payment_method", "lot_id")
    def _check_amount(self):
        for rec in self:
            if rec.amount < rec.lot_id.deposit_amount - 0.005:
                raise ValidationError(self.env._(
                    "The deposit for %(lot)s is %(required).2f; %(amount).2f was declared.",
                    lot=rec.lot_id.name, required=rec.lot_id.deposit_amount, amount=rec.amount))
            if rec.lot_id.kind == "procurement" and rec.payment_method == "cash":
                raise ValidationError(self.env._(
                    "A government procurement deposit is paid by transfer or guarantee, never in cash "
                    "(政府采购法实施条例 第33条)."))

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        for rec in records:
            if rec.registration_id.state != "registered":
                raise UserError(self.env._("The registration is cancelled."))
            self.env["gov.trading.log"]._append("deposit", rec, lot=rec.lot_id, payload={
                "action": "declared", "amount": rec.amount, "reference": rec.bank_reference})
        return records

    def action_confirm_receipt(self):
        for rec in self:
            if rec.state != "declared":
                raise UserError(self.env._("Only a declared deposit can be confirmed."))
            rec.write({"state": "received", "date_received": fields.Date.context_today(self)})
            self.env["gov.trading.log"]._append("deposit", rec, lot=rec.lot_id, payload={"action": "received"})

    def action_refund(self):
        for rec in self:
            if rec.state != "received":
                raise UserError(self.env._("Only a received deposit can be refunded."))
            rec.write({"state": "refunded", "date_refunded": fields.Date.context_today(self)})
            self.env["gov.trading.log"]._append("deposit", rec, lot=rec.lot_id, payload={
                "action": "refunded", "interest": rec.interest_amount, "total": rec.refund_amount})

    def action_keep(self):
        for rec in self:
            if not rec.keep_reason:
                raise UserError(self.env._("Give the legal reason for keeping the deposit."))
            rec.state = "kept"
            self.env["gov.trading.log"]._append("deposit", rec, lot=rec.lot_id, payload={
                "action": "kept", "reason": rec.keep_reason})


class GovTradingQuestion(models.Model):
    _name = "gov.trading.question"
    _description = "Question or Objection"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_raised desc"

    name = fields.Char("Subject", required=True)
    kind = fields.Selection([
        ("question", "Question on the Documents"),
        ("doc_objection", "Objection to the Tender Documents (异议)"),
        ("candidate_objection", "Objection to the Candidates (异议)"),
        ("challenge", "Procurement Challenge (质疑)"),
        ("complaint", "Complaint to the Supervisor (投诉)"),
    ], required=True, default="question")
    challenge_id = fields.Many2one(
        "gov.trading.question", "Challenge Answered", domain=[("kind", "=", "challenge")],
        help="A procurement complaint follows a challenge (政府采购法 第55条).")
    accept_deadline = fields.Date("Acceptance Due", readonly=True,
                                  help="Complaints are accepted or refused within 3 working days (实施条例 第61条).")
    date_accepted = fields.Date("Accepted On", readonly=True)
    challenge_basis = fields.Selection([
        ("documents", "Procurement Documents"), ("process", "Procurement Process"), ("result", "Award Result"),
    ], string="Challenge Against", help="A procurement challenge is raised within 7 working days of the day "
       "the supplier knew of the harm (政府采购法 第52条): the documents obtained, the opening, the result notice.")
    lot_id = fields.Many2one("gov.trading.lot", required=True, ondelete="cascade", index=True)
    project_id = fields.Many2one(related="lot_id.project_id", store=True)
    company_id = fields.Many2one(related="lot_id.company_id", store=True)
    bidder_id = fields.Many2one("gov.trading.bidder", required=True, index=True)
    body = fields.Text("Question / Objection", required=True)
    date_raised = fields.Datetime(default=fields.Datetime.now, readonly=True, required=True)
    answer_deadline = fields.Datetime(compute="_compute_answer_deadline", store=True)
    answer = fields.Text()
    date_answered = fields.Datetime(readonly=True)
    answered_late = fields.Boolean(readonly=True)
    state = fields.Selection([("open", "Open"), ("answered", "Answered")], default="open", required=True,
                             tracking=True)
    clarification_id = fields.Many2one("gov.trading.clarification", readonly=True)

    @api.depends("date_raised", "kind", "date_accepted")
    def _compute_answer_deadline(self):
        calendar = self.env["gov.hall.calendar"]
        for rec in self:
            if rec.kind == "complaint" and rec.date_raised:
                # decided within 30 working days of the acceptance (实施条例 第61条, 政府采购法 第56条)
                start = rec.date_accepted or local_date(rec.date_raised)
                last = calendar.add_working_days(start, 30)
                rec.answer_deadline = datetime.datetime.combine(last, datetime.time(16, 0))
            elif rec.kind == "challenge" and rec.date_raised:
                # 7 working days (政府采购法 第53条), to 24:00 Beijing time of the last day
                last = calendar.add_working_days(local_date(rec.date_raised), 7)
                rec.answer_deadline = datetime.datetime.combine(last, datetime.time(16, 0))
            else:
                rec.answer_deadline = rec.kind != "question" and rec.date_raised and (
                    rec.date_raised + datetime.timedelta(days=3))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals["date_raised"] = fields.Datetime.now()  # never back-dated
        records = super().create(vals_list)
        for rec in records:
            lot = rec.lot_id
            registered = lot.registration_ids.filtered(
                lambda r, b=rec.bidder_id: r.bidder_id == b and r.state == "registered")
            if not registered:
                raise UserError(self.env._("Only a bidder registered for %(lot)s can raise this.", lot=lot.name))
            raised = local_date(rec.date_raised)
            if rec.kind in ("question", "doc_objection"):
                if lot.state != "published" or rec.date_raised >= lot.date_bid_deadline:
                    raise UserError(self.env._("The bid deadline of %(lot)s has passed.", lot=lot.name))
            if rec.kind == "doc_objection":
                days = (local_date(lot.date_bid_deadline) - raised).days
                if days < 10:
                    raise UserError(self.env._(
                        "An objection to the tender documents must be raised at least 10 days before the bid "
                        "deadline (%(deadline)s); today is only %(days)s days before it (招标投标法实施条例 第22条).",
                        deadline=fmt_local(lot.date_bid_deadline), days=days))
            if rec.kind == "candidate_objection":
                if lot.state != "publicity" or not (
                        lot.date_publicity_start <= rec.date_raised <= lot.date_publicity_end):
                    raise UserError(self.env._(
                        "Objections to the candidates are raised during their publicity only (招标投标法实施条例 第54条)."))
            if rec.kind == "challenge":
                rec._check_challenge_window(registered[:1])
            if rec.kind == "complaint":
                rec._check_complaint_window(registered[:1])
            if rec.kind != "question":
                self.env["gov.trading.log"]._append("objection", rec, lot=lot, payload={
                    "kind": rec.kind, "action": "raised"})
                rec.activity_schedule(
                    "mail.mail_activity_data_todo", date_deadline=local_date(rec.answer_deadline),
                    summary=self.env._("Answer the objection within 3 days"),
                    user_id=lot.project_id.user_id.id or self.env.uid)
        return records

    def _check_challenge_window(self, registration):
        """Procurement challenge: within 7 working days of knowing (政府采购法 第52条)."""
        self.ensure_one()
        lot = self.lot_id
        if lot.kind != "procurement":
            raise UserError(self.env._("A challenge (质疑) concerns government procurement; for tenders raise an "
                                       "objection (异议)."))
        known = {
            "documents": registration.date_registered,
            "process": lot.date_opened,
            "result": lot.date_award and datetime.datetime.combine(lot.date_award, datetime.time(0, 0)),
        }.get(self.challenge_basis or "documents")
        if not known:
            raise UserError(self.env._("There is nothing to challenge yet for %(lot)s.", lot=lot.name))
        last = self.env["gov.hall.calendar"].add_working_days(local_date(known), 7)
        if local_date(self.date_raised) > last:
            raise UserError(self.env._(
                "A procurement challenge is raised within 7 working days of knowing of the harm: the last day "
                "was %(last)s (政府采购法 第52条).", last=last))

    def _check_complaint_window(self, registration):
        """Tendering: within 10 days of knowing (实施条例 第60条). Procurement: after a challenge, within 15
        working days of its answer or of the end of the answer period (政府采购法 第55条)."""
        self.ensure_one()
        lot, calendar = self.lot_id, self.env["gov.hall.calendar"]
        today = local_date(self.date_raised)
        if lot.kind == "procurement":
            challenge = self.challenge_id
            if not challenge or challenge.kind != "challenge" or challenge.lot_id != lot or \
                    challenge.bidder_id != self.bidder_id:
                raise UserError(self.env._(
                    "A procurement complaint follows your own challenge (质疑) on this lot (政府采购法 第55条)."))
            if challenge.state == "open" and self.date_raised <= challenge.answer_deadline:
                raise UserError(self.env._("Wait for the answer to your challenge, due by %(date)s.",
                                           date=fmt_local(challenge.answer_deadline)))
            start = local_date(challenge.date_answered or challenge.answer_deadline)
            last = calendar.add_working_days(start, 15)
            if today > last:
                raise UserError(self.env._(
                    "A procurement complaint is filed within 15 working days of the answer to the challenge: the "
                    "last day was %(last)s (政府采购法 第55条).", last=last))
        else:
            known = {
                "documents": registration.date_registered,
                "process": lot.date_opened,
                "result": lot.date_publicity_start or (
                    lot.date_award and datetime.datetime.combine(lot.date_award, datetime.time(0, 0))),
            }.get(self.challenge_basis or "documents")
            if not known:
                raise UserError(self.env._("There is nothing to complain about yet for %(lot)s.", lot=lot.name))
            last = local_date(known) + datetime.timedelta(days=10)
            if today > last:
                raise UserError(self.env._(
                    "A complaint is filed within 10 days of knowing of the breach: the last day was %(last)s "
                    "(招标投标法实施条例 第60条).", last=last))
        self.sudo().accept_deadline = calendar.add_working_days(today, 3)

    def action_accept(self):
        """Accept a complaint (within 3 working days); the 30 working days of the decision start."""
        for rec in self:
            if rec.kind != "complaint" or rec.state != "open" or rec.date_accepted:
                raise UserError(self.env._("Only an open complaint not yet accepted can be accepted."))
            rec.date_accepted = fields.Date.context_today(self)
            self.env["gov.trading.log"]._append("objection", rec, lot=rec.lot_id, payload={
                "kind": "complaint", "action": "accepted",
                "late": bool(rec.accept_deadline and rec.date_accepted > rec.accept_deadline)})

    def action_answer(self):
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

    def _answer_by_clarification(self, clarification):
        for rec in self:
            rec.write({"answer": rec.answer or self.env._("Answered by the clarification: %(name)s",
                                                          name=clarification.name),
                       "clarification_id": clarification.id})
        self.action_answer()


class ResCompany(models.Model):
    _inherit = "res.company"

    gov_deposit_interest_rate = fields.Float(
        "Bid Deposit Interest Rate (% a year)", digits=(6, 4), default=0.35,
        help="Bank demand deposit rate used for the interest returned with bid deposits (实施条例 第57条).")
