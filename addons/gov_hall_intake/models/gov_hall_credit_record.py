"""A bad credit record (不良信用记录) of a person or a company: it replaces the former blacklist flag.

A record is drafted with its reason and evidence, notified to the person, who may state their case (陈述申辩)
within ``HEARING_DAYS`` working days; only then does a supervisor or hall administrator (the approver) make it
take effect, for a fixed period: there is no lifetime entry. While in effect the partner gets no tolerated-missing
acceptance (容缺) and no notify-and-commit approval (告知承诺), and a warning at intake and pre-review. Where the
law bars a new application for a licence touching safety (行政许可法 第78条: one year after false materials;
第79条: three years after a licence obtained by fraud) the record names the item and the bar. Credit repair
(信用修复) or the end date ends it; the daily cron ends the expired ones in one UPDATE per center day.
"""
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.gov_hall_base.tools.dates import center_days, center_today
from odoo.addons.gov_hall_base.tools.lang import center_env
from odoo.addons.gov_hall_base.tools.protect import granted, protected_action

HEARING_DAYS = 5        # working days the person has to state their case after the notice
MAX_YEARS = 5           # no record runs longer (no lifetime entry)
CREDIT_STATES = [
    ("draft", "Draft"),
    ("notified", "Notified, Hearing Open"),
    ("active", "In Effect"),
    ("ended", "Ended"),
    ("cancel", "Withdrawn"),
]
CREDIT_REASONS = [
    ("false_materials", "False materials"),
    ("fraud", "Licence obtained by fraud"),
    ("false_commitment", "False commitment (notify-and-commit)"),
    ("tolerance_breach", "Tolerated materials not supplied as committed"),
    ("migrated", "Former blacklist entry"),
    ("other", "Other dishonest conduct"),
]
STATUTORY_BARS = [
    ("none", "None"),
    ("art78", "No new application for one year (Administrative Licensing Law art. 78)"),
    ("art79", "No new application for three years (Administrative Licensing Law art. 79)"),
]
BAR_YEARS = {"art78": 1, "art79": 3}
# default length of a record by reason, in years (the approver may shorten or lengthen it within MAX_YEARS)
REASON_YEARS = {"false_materials": 1, "fraud": 3, "false_commitment": 3, "tolerance_breach": 1, "migrated": 3,
                "other": 1}
EDITABLE_STATES = ("draft",)
MANAGER_GROUPS = ("gov_hall_base.group_gov_supervisor", "gov_hall_base.group_gov_hall_admin")


class GovHallCreditRecord(models.Model):
    _name = "gov.hall.credit.record"
    _description = "Credit Record"
    _inherit = ["mail.thread", "mail.activity.mixin", "gov.hall.protected.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    _protected_fields = ("state", "approver_id", "date_notice", "hearing_deadline", "hearing_date",
                         "hearing_statement", "date_ended", "end_reason", "end_note")

    name = fields.Char("Reference", required=True, default="/", copy=False, readonly=True)
    partner_id = fields.Many2one("res.partner", "Person or Company", required=True, index=True, tracking=True,
                                 ondelete="restrict")
    company_id = fields.Many2one("res.company", "Center", required=True, index=True,
                                 default=lambda self: self.env.company)
    reason = fields.Selection(CREDIT_REASONS, "Reason", required=True, default="false_materials", tracking=True)
    description = fields.Text("Facts", required=True, help="What the person did, when and in which case.")
    evidence = fields.Text("Evidence", help="The evidence the record rests on (documents, findings of the check).")
    evidence_attachment_ids = fields.Many2many(
        "ir.attachment", "gov_hall_credit_record_attachment_rel", "record_id", "attachment_id",
        string="Evidence Files")
    case_id = fields.Many2one("gov.hall.case", "Case", index=True, check_company=True, ondelete="set null")
    statutory_bar = fields.Selection(STATUTORY_BARS, "Statutory Bar", required=True, default="none",
                                     tracking=True)
    bar_item_id = fields.Many2one(
        "gov.hall.service.item", "Barred Item", check_company=True, index=True,
        help="The licence the person may not apply for again during the bar (any version of it).")
    date_start = fields.Date("Effective From", required=True, default=lambda self: center_today(self.env.company),
                             tracking=True)
    date_end = fields.Date("Effective Until", required=True, tracking=True,
                           compute="_compute_date_end", store=True, readonly=False, precompute=True,
                           help="Every record ends: there is no lifetime entry.")
    state = fields.Selection(CREDIT_STATES, default="draft", required=True, index=True, tracking=True, copy=False)
    approver_id = fields.Many2one("res.users", "Approved By", readonly=True, copy=False, tracking=True)
    date_notice = fields.Date("Notified On", readonly=True, copy=False)
    hearing_deadline = fields.Date("Statement Due By", readonly=True, copy=False)
    hearing_date = fields.Date("Statement Heard On", readonly=True, copy=False)
    hearing_statement = fields.Text("Statement of the Person", readonly=True, copy=False,
                                    help="What the person said in their defence, as recorded.")
    date_ended = fields.Date("Ended On", readonly=True, copy=False)
    end_reason = fields.Selection([("repaired", "Credit repaired"), ("expired", "Expired")], "Ended By",
                                  readonly=True, copy=False)
    end_note = fields.Text("Repair Grounds", readonly=True, copy=False)

    _dates = models.Constraint("CHECK(date_end > date_start)", "A credit record ends after it starts.")
    _active_idx = models.Index("(partner_id, date_end) WHERE state = 'active'")

    @api.depends("date_start", "reason", "statutory_bar")
    def _compute_date_end(self):
        for rec in self:
            if rec.date_start:
                years = BAR_YEARS.get(rec.statutory_bar) or REASON_YEARS.get(rec.reason, 1)
                rec.date_end = rec.date_start + relativedelta(years=years)

    # -- rules -------------------------------------------------------------------------------------------
    @api.constrains("date_start", "date_end", "statutory_bar", "bar_item_id")
    def _check_period(self):
        for rec in self:
            if rec.date_end > rec.date_start + relativedelta(years=MAX_YEARS):
                raise ValidationError(self.env._(
                    "A credit record runs at most %(n)s years: there is no lifetime entry.", n=MAX_YEARS))
            if rec.statutory_bar != "none":
                years = BAR_YEARS[rec.statutory_bar]
                if not rec.bar_item_id:
                    raise ValidationError(self.env._("A statutory bar names the licence the person may not apply for."))
                if not rec.bar_item_id.touches_safety:
                    raise ValidationError(self.env._(
                        "The statutory bars of articles 78 and 79 of the Administrative Licensing Law apply only to "
                        "licences directly concerning public safety, health, life or property; %(item)s is not one.",
                        item=rec.bar_item_id.name))
                if rec.date_end < rec.date_start + relativedelta(years=years):
                    raise ValidationError(self.env._(
                        "The bar of %(bar)s lasts %(n)s year(s) by law: the record cannot end before %(d)s.",
                        bar=dict(self._fields["statutory_bar"]._description_selection(self.env))[rec.statutory_bar],
                        n=years, d=rec.date_start + relativedelta(years=years)))

    @api.constrains("state", "date_notice", "hearing_date", "hearing_deadline", "reason")
    def _check_heard(self):
        for rec in self.filtered(lambda r: r.state == "active" and r.reason != "migrated"):
            if not rec.date_notice or not (rec.hearing_date or (rec.hearing_deadline and rec.hearing_deadline < rec.date_start)):
                raise ValidationError(self.env._(
                    "Credit record %(ref)s takes effect only after the person was notified and heard (or the time "
                    "to state their case has passed).", ref=rec.name))

    # -- create / write ------------------------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._gov_check_protected_create(vals_list)
        user = self.env.user
        # server code (the follow-up of commitments, the revocation) drafts records inside its grant
        if not self._gov_unguarded() and not (user.has_group("gov_hall_base.group_gov_reviewer") or any(user.has_group(g) for g in MANAGER_GROUPS)):
            raise AccessError(self.env._("Only department reviewers, supervisors and hall administrators draft "
                                         "credit records."))
        for vals in vals_list:
            company = self.env["res.company"].browse(vals.get("company_id") or self.env.company.id)
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].sudo().with_company(company).next_by_code(
                    "gov.hall.credit.record") or "/"
        with granted(self):
            return super().create(vals_list)

    def write(self, vals):
        frozen = {"partner_id", "reason", "description", "statutory_bar", "bar_item_id", "date_start", "date_end",
                  "company_id", "case_id"}
        if frozen & set(vals) and not self._gov_unguarded() and self.filtered(lambda r: r.state not in EDITABLE_STATES):
            raise UserError(self.env._(
                "A credit record notified to the person keeps its facts and period: withdraw it and draft a new "
                "one if they were wrong."))
        return super().write(vals)

    def unlink(self):
        if self.filtered(lambda r: r.state not in ("draft",)):
            raise UserError(self.env._("Only a draft credit record can be deleted; the others stay on file."))
        return super().unlink()

    # -- actions -----------------------------------------------------------------------------------------
    def _check_manager(self):
        if not any(self.env.user.has_group(g) for g in MANAGER_GROUPS):
            raise AccessError(self.env._("Only a supervisor or a hall administrator handles credit records."))

    @protected_action()
    def action_notify(self):
        """Notify the person of the intended record and open the time to state their case."""
        self._check_manager()
        return self._gov_notify()

    def _gov_notify(self):
        calendar = self.env["gov.hall.calendar"]
        for rec in self:
            if rec.state != "draft":
                raise UserError(self.env._("Credit record %(ref)s was already notified.", ref=rec.name))
            today = center_today(rec.company_id)
            with granted(self):
                rec.write({"state": "notified", "date_notice": today,
                           "hearing_deadline": calendar.add_working_days(today, HEARING_DAYS)})
            rec_c = center_env(rec)
            rec_c.sudo().message_post(
                body=rec_c.env._(
                    "Notice to %(p)s: a bad credit record is intended (%(r)s): %(f)s. You may state your case and "
                    "bring evidence by %(d)s; the record takes effect only after that.",
                    p=rec.partner_id.name, r=dict(rec_c._fields["reason"]._description_selection(rec_c.env))[rec.reason],
                    f=rec.description, d=rec.hearing_deadline),
                partner_ids=rec.partner_id.ids, message_type="comment", subtype_xmlid="mail.mt_comment")
        return True

    @protected_action()
    def action_record_hearing(self, statement):
        """Record what the person said in their defence."""
        self._check_manager()
        if not (statement or "").strip():
            raise UserError(self.env._("Write down what the person stated."))
        for rec in self:
            if rec.state != "notified":
                raise UserError(self.env._("The hearing of %(ref)s is not open.", ref=rec.name))
            rec.write({"hearing_statement": statement, "hearing_date": center_today(rec.company_id)})
            center_env(rec)._message_log(body=center_env(rec).env._("Statement heard: %(s)s", s=statement))
        return True

    @protected_action()
    def action_activate(self):
        """The approver makes the record take effect, after the notice and the hearing."""
        self._check_manager()
        for rec in self:
            today = center_today(rec.company_id)
            if rec.state != "notified":
                raise UserError(self.env._("Notify the person before credit record %(ref)s takes effect.",
                                           ref=rec.name))
            if not rec.hearing_date and rec.hearing_deadline >= today:
                raise UserError(self.env._(
                    "%(p)s may state their case until %(d)s: record the statement or wait for that day to pass.",
                    p=rec.partner_id.name, d=rec.hearing_deadline))
            vals = {"state": "active", "approver_id": self.env.uid}
            if rec.date_start < today:
                # the period counts from the day it takes effect
                vals.update(date_start=today, date_end=rec.date_end + (today - rec.date_start))
            rec.write(vals)
            center_env(rec)._message_log(body=center_env(rec).env._(
                "In effect from %(s)s to %(e)s.", s=rec.date_start, e=rec.date_end))
        return True

    @protected_action()
    def action_withdraw(self, reason):
        """The hearing convinced: the record does not take effect."""
        self._check_manager()
        if not (reason or "").strip():
            raise UserError(self.env._("State why the record is withdrawn."))
        for rec in self:
            if rec.state not in ("draft", "notified"):
                raise UserError(self.env._("Only a record not yet in effect can be withdrawn; a record in effect "
                                           "ends by credit repair."))
            rec.write({"state": "cancel", "end_note": reason, "date_ended": center_today(rec.company_id)})
        return True

    @protected_action()
    def action_repair(self, grounds):
        """Credit repair: the person corrected the conduct; the statutory bar itself stays."""
        self._check_manager()
        if not (grounds or "").strip():
            raise UserError(self.env._("Credit repair states its grounds (correction made, commitment signed)."))
        for rec in self:
            today = center_today(rec.company_id)
            if rec.state != "active":
                raise UserError(self.env._("Credit record %(ref)s is not in effect.", ref=rec.name))
            if rec.statutory_bar != "none":
                raise UserError(self.env._(
                    "The bar of credit record %(ref)s is set by law until %(d)s: it cannot be repaired earlier.",
                    ref=rec.name, d=rec.date_end))
            rec.write({"state": "ended", "end_reason": "repaired", "end_note": grounds, "date_ended": today})
            center_env(rec)._message_log(body=center_env(rec).env._("Credit repaired: %(g)s", g=grounds))
        return True

    def _open_text_wizard(self, mode):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "gov.hall.credit.action.wizard", "view_mode": "form",
                "target": "new", "context": {"default_mode": mode, "default_res_id": self.id}}

    def action_open_hearing_wizard(self):
        return self._open_text_wizard("credit_hearing")

    def action_open_withdraw_wizard(self):
        return self._open_text_wizard("credit_withdraw")

    def action_open_repair_wizard(self):
        return self._open_text_wizard("credit_repair")

    # -- cron --------------------------------------------------------------------------------------------
    @api.model
    def _cron_expire(self, today=None):
        """End the records whose period is over, one UPDATE per center day; the partners' flag follows."""
        ids = []
        for day, company_ids in center_days(self.env, today):
            where = SQL("TRUE") if company_ids is None else SQL("company_id IN %s", tuple(company_ids))
            self.env.flush_all()
            self.env.cr.execute(SQL("""
                UPDATE gov_hall_credit_record
                   SET state = 'ended', end_reason = 'expired', date_ended = %(day)s, write_date = now() at time zone 'UTC'
                 WHERE state = 'active' AND date_end < %(day)s AND %(where)s
             RETURNING id
            """, day=day, where=where))
            ids += [r[0] for r in self.env.cr.fetchall()]
        if ids:
            records = self.browse(ids)
            records.invalidate_recordset(["state", "end_reason", "date_ended"])
            records.modified(["state", "end_reason", "date_ended"])
            self.env.flush_all()
        return ids

    # -- migration of the former flag ---------------------------------------------------------------------
    @api.model
    def _gov_migrate_blacklist(self):
        """One record in effect per partner flagged by the former boolean and without one: the entry keeps
        its effect, now for a fixed period (three years from the migration), to be reviewed by the center."""
        self.env.cr.execute("""
            SELECT p.id FROM res_partner p
             WHERE p.gov_blacklisted
               AND NOT EXISTS (SELECT 1 FROM gov_hall_credit_record r WHERE r.partner_id = p.id AND r.state = 'active')
        """)
        partner_ids = [r[0] for r in self.env.cr.fetchall()]
        if not partner_ids:
            return self.browse()
        partners = self.env["res.partner"].browse(partner_ids)
        main = self.env["res.company"].sudo().search([], order="id", limit=1)
        vals = []
        for partner in partners:
            company = partner.company_id or main
            today = center_today(company)
            c_env = center_env(self, company).env
            vals.append({
                "partner_id": partner.id, "company_id": company.id, "reason": "migrated", "date_start": today,
                "date_end": today + relativedelta(years=REASON_YEARS["migrated"]),
                "description": c_env._("Entered on the former blacklist before credit records existed: review the "
                                       "reason and the evidence, then repair or keep the record."),
                "state": "active", "approver_id": self.env.uid,
            })
        with granted(self):
            records = self.sudo().create(vals)
        return records

    # -- helpers used by intake and pre-review -----------------------------------------------------------
    @api.model
    def _gov_bars(self, partners, items):
        """The active statutory bars of ``partners`` on the item families of ``items``."""
        if not partners or not items:
            return self.browse()
        # at intake almost nobody is barred: one probe of the partial index on the active records first
        self.flush_model(["partner_id", "state", "statutory_bar"])
        self.env.cr.execute("""SELECT 1 FROM gov_hall_credit_record WHERE state = 'active' AND partner_id = ANY(%s)
                                  AND statutory_bar != 'none' LIMIT 1""", [partners.ids])
        if not self.env.cr.fetchone():
            return self.browse()
        return self.sudo().search([
            ("state", "=", "active"), ("statutory_bar", "!=", "none"), ("partner_id", "in", partners.ids),
            ("bar_item_id.root_id", "in", (items.root_id | items).ids)])
