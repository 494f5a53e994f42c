"""The case under the reforms: tolerated-missing acceptance with its commitment letter, notify-and-commit
approval with its verification and revocation, the credit of the applicant and the statutory bars."""

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.gov_hall_base.tools.dates import center_today
from odoo.addons.gov_hall_base.tools.lang import center_env
from odoo.addons.gov_hall_base.tools.protect import granted, protected_action

REFORM_CASE_PROTECTED = {"revoked", "date_revoked", "revocation_reason"}


class GovHallCase(models.Model):
    _inherit = "gov.hall.case"

    notify_commit_choice = fields.Selection(
        [("proof", "Provide the proof"), ("commit", "Commit (notify-and-commit)")], "Conditions Shown By",
        default="proof", tracking=True,
        help="On a notify-and-commit item the applicant chooses to commit to meeting the conditions (verified "
             "after the decision) or to bring the proof.")
    item_notify_commit = fields.Boolean(related="item_id.notify_commit", string="Item Approved on Commitment")
    commitment_ids = fields.One2many("gov.hall.commitment", "case_id", string="Commitment Letters")
    tolerance_open = fields.Boolean("Tolerated Materials Outstanding", compute="_compute_tolerance_open")
    verification_ids = fields.One2many("gov.hall.verification", "case_id", string="Verifications")
    applicant_credit_warning = fields.Text("Credit Warning", compute="_compute_applicant_credit_warning")
    revoked = fields.Boolean("Licence Revoked", readonly=True, copy=False, tracking=True, index=True)
    date_revoked = fields.Date("Revoked On", readonly=True, copy=False)
    revocation_reason = fields.Text("Basis of the Revocation", readonly=True, copy=False)

    @api.depends("commitment_ids.state", "commitment_ids.kind")
    def _compute_tolerance_open(self):
        for case in self:
            case.tolerance_open = any(c.kind == "tolerance" and c.state in ("open", "breached")
                                      for c in case.commitment_ids)

    @api.depends("applicant_id")
    def _compute_applicant_credit_warning(self):
        for case in self:
            case.applicant_credit_warning = case.applicant_id._gov_credit_warning() if case.applicant_id else False

    def _gov_protected_names(self):
        return super()._gov_protected_names() | REFORM_CASE_PROTECTED

    def _gov_check_frozen(self, vals):
        if "notify_commit_choice" in vals and self.filtered(lambda c: c.state not in ("draft", "supplement")):
            raise UserError(self.env._("The applicant's choice to commit or to prove is fixed at acceptance."))
        return super()._gov_check_frozen(vals)

    # -- acceptance ----------------------------------------------------------------------------------------
    def _gov_has_bad_credit(self):
        partner = self.applicant_id
        return partner.gov_blacklisted or partner.commercial_partner_id.gov_blacklisted

    def _acceptance_material_problems(self):
        self.ensure_one()
        lines = self.material_line_ids
        # only materials the item lists in advance as tolerable may be tolerated
        unlisted = lines.filtered(lambda m: m.tolerable and not m.received and not m.material_id.tolerable)
        if unlisted:
            return self.env._(
                "Only minor materials listed on the item in advance may be tolerated missing; %(names)s is not "
                "one of them.", names="、".join(unlisted.mapped("name")))
        missing = lines.filtered(lambda m: m.requirement == "required" and not m.received)
        if missing.filtered("tolerable") and self._gov_has_bad_credit():
            return self.env._(
                "Applicant %(name)s has a bad credit record in effect: missing materials cannot be tolerated.",
                name=self.applicant_id.name)
        if self.notify_commit_choice != "commit":
            return super()._acceptance_material_problems()
        if not self.item_id.notify_commit:
            return self.env._("%(item)s is not approved on commitment: the applicant brings the proof.",
                              item=self.item_id.name)
        if self._gov_has_bad_credit():
            return self.env._(
                "Applicant %(name)s has a bad credit record in effect: no notify-and-commit approval; the applicant "
                "brings the proof.", name=self.applicant_id.name)
        if not (self.commitment or "").strip():
            return self.env._("Approval on commitment needs the applicant's signed commitment letter.")
        missing -= missing.filtered(lambda m: m.material_id.proven_by_commitment)
        intolerable = missing.filtered(lambda m: not m.tolerable)
        if intolerable:
            return self.env._(
                "Required materials are missing: %(names)s. Issue a one-time notice instead of accepting the "
                "case.", names="、".join(intolerable.mapped("name")))
        return ""

    def _gov_check_bars(self):
        bars = self.env["gov.hall.credit.record"]._gov_bars(
            self.applicant_id | self.applicant_id.commercial_partner_id, self.item_id)
        for case in self:
            partners = case.applicant_id | case.applicant_id.commercial_partner_id
            bar = bars.filtered(lambda b: b.partner_id in partners and b.bar_item_id.root_id == case.item_id.root_id)[:1]
            if bar:
                raise UserError(self.env._(
                    "%(p)s may not apply for %(item)s again until %(d)s (%(bar)s, credit record %(ref)s).",
                    p=bar.partner_id.name, item=case.item_id.name, d=bar.date_end, ref=bar.name,
                    bar=dict(bar._fields["statutory_bar"]._description_selection(self.env))[bar.statutory_bar]))

    @protected_action("gov.hall.commitment")
    def action_accept(self):
        self._gov_check_bars()
        res = super().action_accept()
        self._gov_open_commitments()
        return res

    def _gov_open_commitments(self):
        vals = []
        for case in self.filtered(lambda c: c.state in ("accepted", "to_approve")):
            today = case.date_accepted or center_today(case.company_id)
            tolerated = case.material_line_ids.filtered(lambda m: m.requirement == "required" and not m.received
                                                        and m.tolerable)
            if case.notify_commit_choice == "commit":
                tolerated -= tolerated.filtered(lambda m: m.material_id.proven_by_commitment)
                vals.append({"case_id": case.id, "kind": "notify", "text": case.commitment, "date_signed": today,
                             "material_line_ids": [fields.Command.set(case.material_line_ids.filtered(
                                 lambda m: m.material_id.proven_by_commitment).ids)]})
            if tolerated:
                vals.append({"case_id": case.id, "kind": "tolerance", "text": case.commitment, "date_signed": today,
                             "material_line_ids": [fields.Command.set(tolerated.ids)],
                             "deadline_start": today, "deadline_days": case.item_id.tolerance_days})
        if vals:
            with granted("gov.hall.commitment", "gov.hall.case"):
                commitments = self.env["gov.hall.commitment"].sudo().create(vals)
                for rec in commitments.filtered(lambda c: c.kind == "tolerance"):
                    rec.case_id.sudo().commitment_date = rec.deadline
                    center_env(rec.case_id).sudo().message_post(body=center_env(rec.case_id).env._(
                        "Accepted with tolerated missing materials (%(m)s) due by %(d)s under commitment %(c)s.",
                        m=rec.missing_names, d=rec.deadline, c=rec.name))
        return True

    # -- decision, delivery ----------------------------------------------------------------------------------
    def _gov_decide(self, decision, basis, note):
        res = super()._gov_decide(decision, basis, note)
        if decision == "approved":
            on_commitment = self.filtered(lambda c: c.notify_commit_choice == "commit" and not c.verification_ids)
            self.env["gov.hall.verification"]._gov_open_for(on_commitment)
        return res

    @protected_action()
    def action_deliver(self, *args, **kwargs):
        for case in self:
            if case.revoked:
                raise UserError(self.env._("The licence of case %(case)s was revoked: nothing is handed out.",
                                           case=case.name))
            if case.item_id.tolerance_hold_result and case.tolerance_open:
                raise UserError(self.env._(
                    "%(item)s holds the result until the tolerated materials arrive: %(m)s.", item=case.item_id.name,
                    m="、".join(case.commitment_ids.filtered(lambda c: c.state in ("open", "breached")).mapped("missing_names"))))
        return super().action_deliver(*args, **kwargs)

    # -- consequences of a commitment not kept (server code, inside the commitment's grant) ----------------------
    def _gov_stop_for_breach(self, commitment, day):
        self.ensure_one()
        c_env = center_env(self).env
        self.env["gov.hall.case.pause"].sudo().create({
            "case_id": self.id, "reason_type": "supplement", "date_start": day, "user_id": self.env.uid,
            "reason": c_env._("Tolerated materials not supplied by %(d)s (%(c)s): %(m)s",
                              d=commitment.deadline, c=commitment.name, m=commitment.missing_names)})
        self.paused = True

    def _gov_refuse_for_breach(self, commitment, day):
        self.ensure_one()
        c_env = center_env(self).env
        self.write({
            "state": "decided", "decision": "rejected", "date_decided": day, "handler_id": self.env.uid,
            "decision_basis": c_env._(
                "The tolerated materials (%(m)s) were not supplied by %(d)s as committed in %(c)s: the application "
                "is refused as the item provides.", m=commitment.missing_names, d=commitment.deadline, c=commitment.name),
        })
        open_tasks = self.task_ids.filtered(lambda t: t.state == "open")
        open_tasks.sudo().write({"state": "cancel"})
        self._deadline_close_alerts()
        open_tasks._deadline_close_alerts()

    def _gov_resume_clock(self):
        """Restart a clock stopped for missing tolerated materials, counting the days it stood."""
        calendar = self.env["gov.hall.calendar"]
        for case in self:
            pause = case.pause_ids.filtered(lambda p: not p.date_end)[:1]
            if not case.paused or not pause:
                continue
            today = max(center_today(case.company_id), pause.date_start)
            days = max(calendar.working_days_between(pause.date_start, today), 0)
            pause.write({"date_end": today, "working_days": days})
            case.write({"paused": False, "deadline_paused_days": case.deadline_paused_days + days})
            case.task_ids.filtered(lambda t: t.state == "open").write(
                {"deadline_paused_days": case.deadline_paused_days})

    def action_print_commitment(self):
        self.ensure_one()
        letters = self.commitment_ids.filtered(lambda c: c.state != "cancel")
        if not letters:
            raise UserError(self.env._("Case %(case)s has no commitment letter.", case=self.name))
        return self.env.ref("gov_hall_intake.action_report_commitment_letter").report_action(letters)
