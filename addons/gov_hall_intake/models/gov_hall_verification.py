"""Verification (核查) of a decision taken on the applicant's commitment (告知承诺制, 国办发〔2020〕42号).

A decision approving a case on commitment opens one verification task for the case's department, due within the
item's working days. The item's sampling share says which of them are checked on site: the k-th verification of an
item is sampled when floor(k * share / 100) grows, so that exactly the share is reached and anyone can recompute
which cases were drawn. A commitment found false is notified to the applicant, who may state their case (陈述申辩)
within ``HEARING_DAYS`` working days; the statement is recorded. Only then may the department revoke the licence
(行政许可法 第69条), which drafts a credit record carrying the notice and the hearing.
"""
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

from odoo.addons.gov_hall_base.tools.dates import center_today
from odoo.addons.gov_hall_base.tools.lang import center_env
from odoo.addons.gov_hall_base.tools.protect import granted, protected_action

from .gov_hall_credit_record import HEARING_DAYS

VERIFICATION_STATES = [
    ("open", "To Verify"),
    ("confirmed", "Commitment True"),
    ("hearing", "False, Hearing Open"),
    ("revoked", "Licence Revoked"),
]


class GovHallVerification(models.Model):
    _name = "gov.hall.verification"
    _description = "Verification of a Commitment"
    _inherit = ["mail.thread", "mail.activity.mixin", "gov.hall.deadline.mixin", "gov.hall.protected.mixin"]
    _order = "deadline, id"
    _check_company_auto = True
    _deadline_open_domain = Domain("state", "=", "open")
    _protected_fields = ("state", "case_id", "department_id", "sampled", "sequence_in_item", "findings",
                         "date_done", "user_done_id", "date_notice", "hearing_deadline", "hearing_date",
                         "hearing_statement", "revocation_basis", "credit_record_id", "deadline_start",
                         "deadline_days", "deadline_paused_days", "supervision_color")

    name = fields.Char("Reference", compute="_compute_name", store=True)
    case_id = fields.Many2one("gov.hall.case", "Case", required=True, index=True, ondelete="cascade",
                              readonly=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True, string="Center")
    department_id = fields.Many2one("hr.department", "Department", required=True, index=True, readonly=True)
    partner_id = fields.Many2one(related="case_id.applicant_id", store=True, string="Applicant")
    item_family_id = fields.Many2one(related="case_id.item_family_id", store=True, string="Item", index=True)
    sequence_in_item = fields.Integer("Number in the Item", readonly=True)
    sampled = fields.Boolean("Checked on Site", readonly=True,
                             help="Drawn by the item's sampling share for an on-site check; the others on file.")
    state = fields.Selection(VERIFICATION_STATES, default="open", required=True, index=True, tracking=True,
                             readonly=True)
    findings = fields.Text("Findings", readonly=True)
    date_done = fields.Date("Verified On", readonly=True)
    user_done_id = fields.Many2one("res.users", "Verified By", readonly=True)
    date_notice = fields.Date("Notified On", readonly=True)
    hearing_deadline = fields.Date("Statement Due By", readonly=True)
    hearing_date = fields.Date("Statement Heard On", readonly=True)
    hearing_statement = fields.Text("Statement of the Applicant", readonly=True)
    revocation_basis = fields.Text("Basis of the Revocation", readonly=True)
    credit_record_id = fields.Many2one("gov.hall.credit.record", "Credit Record", readonly=True)

    @api.depends("case_id.name")
    def _compute_name(self):
        for rec in self:
            rec.name = f"{rec.case_id.name or ''}-HC"

    # -- creation after a decision on commitment -----------------------------------------------------------
    @api.model
    def _gov_open_for(self, cases):
        """One verification per case decided on commitment, with its place in the item's sampling."""
        if not cases:
            return self.browse()
        counts = dict(self.sudo()._read_group([("item_family_id", "in", cases.item_family_id.ids)],
                                              ["item_family_id"], ["__count"]))
        counts = {item.id: n for item, n in counts.items()}
        vals = []
        for case in cases:
            k = counts.get(case.item_family_id.id, 0) + 1
            counts[case.item_family_id.id] = k
            rate = case.item_id.sampling_rate
            vals.append({
                "case_id": case.id, "department_id": case.department_id.id, "sequence_in_item": k,
                "sampled": (k * rate) // 100 > ((k - 1) * rate) // 100,
                "deadline_start": case.date_decided, "deadline_days": case.item_id.verification_days,
            })
        with granted(self):
            records = self.sudo().create(vals)
        for rec in records:
            center_env(rec.case_id).sudo().message_post(body=center_env(rec.case_id).env._(
                "Decided on commitment: verification %(v)s due by %(d)s (%(how)s).", v=rec.name, d=rec.deadline,
                how=center_env(rec).env._("on site") if rec.sampled else center_env(rec).env._("on file")))
        return records

    # -- actions of the department -------------------------------------------------------------------------
    def _check_verifier(self):
        user = self.env.user
        if user.has_group("gov_hall_base.group_gov_hall_admin"):
            return
        for rec in self:
            if not user.has_group("gov_hall_base.group_gov_reviewer") or rec.department_id not in user.employee_ids.department_id:
                raise AccessError(self.env._("Only a reviewer of %(dept)s verifies %(v)s.", dept=rec.department_id.name,
                                             v=rec.name))

    @protected_action()
    def action_confirm(self, findings=None):
        """The commitment is true."""
        self._check_verifier()
        for rec in self:
            if rec.state != "open":
                raise UserError(self.env._("Verification %(v)s is already closed.", v=rec.name))
            rec.write({"state": "confirmed", "findings": findings, "date_done": center_today(rec.company_id),
                       "user_done_id": self.env.uid})
        self._deadline_close_alerts()
        return True

    @protected_action()
    def action_report_false(self, findings):
        """The commitment is false: notify the applicant, who may state their case."""
        self._check_verifier()
        if not (findings or "").strip():
            raise UserError(self.env._("Write down what the verification found."))
        calendar = self.env["gov.hall.calendar"]
        for rec in self:
            if rec.state != "open":
                raise UserError(self.env._("Verification %(v)s is already closed.", v=rec.name))
            today = center_today(rec.company_id)
            rec.write({"state": "hearing", "findings": findings, "date_done": today, "user_done_id": self.env.uid,
                       "date_notice": today, "hearing_deadline": calendar.add_working_days(today, HEARING_DAYS)})
            rec_c = center_env(rec)
            rec_c.sudo().message_post(
                body=rec_c.env._(
                    "Notice to %(p)s: the verification of case %(case)s found the commitment false (%(f)s). The licence "
                    "may be revoked and a credit record entered. You may state your case by %(d)s.",
                    p=rec.partner_id.name, case=rec.case_id.name, f=findings, d=rec.hearing_deadline),
                partner_ids=rec.partner_id.ids, message_type="comment", subtype_xmlid="mail.mt_comment")
        self._deadline_close_alerts()
        return True

    @protected_action()
    def action_record_statement(self, statement):
        self._check_verifier()
        if not (statement or "").strip():
            raise UserError(self.env._("Write down what the person stated."))
        for rec in self:
            if rec.state != "hearing":
                raise UserError(self.env._("The hearing of %(v)s is not open.", v=rec.name))
            rec.write({"hearing_statement": statement, "hearing_date": center_today(rec.company_id)})
        return True

    @protected_action()
    def action_clear(self, reason):
        """The statement proved the commitment true after all."""
        self._check_verifier()
        if not (reason or "").strip():
            raise UserError(self.env._("State why the commitment is found true after the hearing."))
        for rec in self:
            if rec.state != "hearing" or not rec.hearing_date:
                raise UserError(self.env._("Record the applicant's statement first."))
            rec.write({"state": "confirmed", "findings": f"{rec.findings}\n{reason}"})
        return True

    @protected_action("gov.hall.case", "gov.hall.credit.record")
    def action_revoke(self, basis=None):
        """Revoke the licence obtained on a false commitment (行政许可法 第69条) and draft the credit record."""
        self._check_verifier()
        Credit = self.env["gov.hall.credit.record"].sudo()
        for rec in self:
            today = center_today(rec.company_id)
            if rec.state != "hearing":
                raise UserError(self.env._("Only a commitment found false, after the hearing, leads to revocation."))
            if not rec.hearing_date and rec.hearing_deadline >= today:
                raise UserError(self.env._(
                    "%(p)s may state their case until %(d)s: record the statement or wait for that day to pass.",
                    p=rec.partner_id.name, d=rec.hearing_deadline))
            c_env = center_env(rec).env
            basis = (basis or "").strip() or c_env._(
                "Administrative Licensing Law art. 69: licence granted on a false commitment")
            case = rec.case_id.sudo()
            case.write({"revoked": True, "date_revoked": today, "revocation_reason": basis})
            credit = Credit.with_env(c_env).create({
                "partner_id": case.applicant_id.commercial_partner_id.id, "company_id": case.company_id.id,
                "reason": "false_commitment", "case_id": case.id, "date_start": today,
                "description": c_env._("False commitment in case %(case)s (%(item)s): %(f)s",
                                       case=case.name, item=case.item_id.name, f=rec.findings),
                "evidence": rec.findings,
            })
            # the verification's notice and hearing are the credit record's
            credit.write({"state": "notified", "date_notice": rec.date_notice, "hearing_deadline": rec.hearing_deadline,
                          "hearing_date": rec.hearing_date, "hearing_statement": rec.hearing_statement})
            rec.write({"state": "revoked", "revocation_basis": basis, "credit_record_id": credit.id})
            center_env(case).message_post(body=c_env._(
                "Licence revoked (%(b)s); credit record %(r)s awaits the approver.", b=basis, r=credit.name))
        return True

    def _open_text_wizard(self, mode):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "gov.hall.credit.action.wizard", "view_mode": "form",
                "target": "new", "context": {"default_mode": mode, "default_res_id": self.id}}

    def action_open_confirm_wizard(self):
        return self._open_text_wizard("verif_confirm")

    def action_open_false_wizard(self):
        return self._open_text_wizard("verif_false")

    def action_open_statement_wizard(self):
        return self._open_text_wizard("verif_statement")

    def action_open_clear_wizard(self):
        return self._open_text_wizard("verif_clear")

    def action_open_revoke_wizard(self):
        return self._open_text_wizard("verif_revoke")

    # -- alerts ----------------------------------------------------------------------------------------------
    @api.model
    def _deadline_notify(self, changed, today=None):
        recs = self.browse(changed["yellow"] + changed["red"])._deadline_without_alert("deadline")
        vals = []
        for rec in recs:
            manager = rec.department_id.sudo().manager_id.user_id
            if manager:
                vals.append(self._deadline_activity(
                    rec.id, manager, center_env(rec).env._("Verify %(v)s by %(d)s", v=rec.name, d=rec.deadline),
                    rec.deadline))
        self._deadline_create_activities(vals)

    @api.model
    def _cron_follow_up(self):
        return self._deadline_scan()
