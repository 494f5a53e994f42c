"""The applicant's written commitment (承诺书) on a case.

``tolerance``: tolerated-missing acceptance (容缺受理): minor materials listed on the item in advance may be
missing at acceptance; the applicant commits to supply them within the item's working days. The daily scan of the
deadline mixin lights the due date (one UPDATE); an alert goes to the receiving clerk when it is near; once it
passed, the item's consequence applies (the clock stops, or the application is refused) and a credit record is
drafted and notified. Supplying the materials fulfils the commitment (and restarts a stopped clock).

``notify``: notify-and-commit approval (告知承诺制): the applicant commits to meeting the conditions; the
department verifies after the decision (gov.hall.verification).
"""
from markupsafe import Markup

from odoo import api, fields, models
from odoo.fields import Domain

from odoo.addons.gov_hall_base.tools.dates import center_today
from odoo.addons.gov_hall_base.tools.lang import center_env
from odoo.addons.gov_hall_base.tools.protect import granted

COMMITMENT_KINDS = [("tolerance", "Tolerated missing materials"), ("notify", "Notify-and-commit")]
COMMITMENT_STATES = [
    ("open", "Open"),
    ("fulfilled", "Fulfilled"),
    ("breached", "Not Kept"),
    ("cancel", "Cancelled"),
]


class GovHallCommitment(models.Model):
    _name = "gov.hall.commitment"
    _description = "Commitment Letter"
    _inherit = ["mail.thread", "gov.hall.deadline.mixin", "gov.hall.protected.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _deadline_open_domain = Domain("state", "=", "open") & Domain("kind", "=", "tolerance")
    _protected_fields = ("state", "kind", "case_id", "material_line_ids", "consequence", "credit_record_id",
                         "deadline_start", "deadline_days", "deadline_paused_days", "supervision_color",
                         "date_signed", "date_closed")

    name = fields.Char("Reference", compute="_compute_name", store=True)
    case_id = fields.Many2one("gov.hall.case", "Case", required=True, index=True, ondelete="cascade",
                              readonly=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True, string="Center")
    partner_id = fields.Many2one(related="case_id.applicant_id", store=True, index=True, string="Applicant")
    item_id = fields.Many2one(related="case_id.item_id", string="Service Item")
    kind = fields.Selection(COMMITMENT_KINDS, "Kind", required=True, readonly=True)
    text = fields.Text("Commitment", readonly=True)
    material_line_ids = fields.Many2many(
        "gov.hall.case.material", "gov_hall_commitment_material_rel", "commitment_id", "line_id",
        string="Materials Committed", readonly=True)
    missing_names = fields.Char("Still Missing", compute="_compute_missing_names")
    date_signed = fields.Date("Signed On", readonly=True)
    date_closed = fields.Date("Closed On", readonly=True)
    state = fields.Selection(COMMITMENT_STATES, default="open", required=True, index=True, tracking=True,
                             readonly=True)
    consequence = fields.Selection(
        [("suspend", "Handling stopped"), ("reject", "Application refused")], "Consequence Applied",
        readonly=True, tracking=True)
    credit_record_id = fields.Many2one("gov.hall.credit.record", "Credit Record", readonly=True)

    _open_due_idx = models.Index("(deadline) WHERE state = 'open' AND kind = 'tolerance'")

    @api.depends("case_id.name", "kind")
    def _compute_name(self):
        for rec in self:
            rec.name = f"{rec.case_id.name or ''}-{'RQ' if rec.kind == 'tolerance' else 'CN'}"

    @api.depends("material_line_ids.received")
    def _compute_missing_names(self):
        for rec in self:
            rec.missing_names = "、".join(rec.material_line_ids.filtered(lambda m: not m.received).mapped("name"))

    # -- follow-up ---------------------------------------------------------------------------------------
    def _gov_check_fulfilled(self):
        """Close the open tolerance commitments whose materials all arrived; restart a clock they stopped."""
        done = self.filtered(lambda c: c.kind == "tolerance" and c.state in ("open", "breached")
                             and all(c.material_line_ids.mapped("received")))
        if not done:
            return done
        with granted(self, "gov.hall.case", "gov.hall.case.pause", "gov.hall.case.task"):
            for rec in done:
                case = rec.case_id
                restart = rec.state == "breached" and rec.consequence == "suspend" and case.paused
                rec.sudo().write({"state": "fulfilled", "date_closed": center_today(rec.company_id)})
                if restart:
                    case.sudo()._gov_resume_clock()
                center_env(rec).sudo()._message_log(body=center_env(rec).env._(
                    "The tolerated materials of commitment %(c)s were all supplied.", c=rec.name))
            done._deadline_close_alerts()
        return done

    @api.model
    def _deadline_notify(self, changed, today=None):
        """Yellow: an alert to the receiving clerk; red: the item's consequence and a credit record."""
        near = self.browse(changed["yellow"])._deadline_without_alert("deadline")
        vals = []
        for rec in near.filtered(lambda r: r.case_id.clerk_id.active):
            rec_c = center_env(rec)
            vals.append(self._deadline_activity(
                rec.id, rec.case_id.clerk_id,
                rec_c.env._("Tolerated materials of %(case)s due on %(d)s: %(m)s",
                            case=rec.case_id.name, d=rec.deadline, m=rec.missing_names),
                rec.deadline))
        self._deadline_create_activities(vals)
        self.browse(changed["red"])._gov_breach(today)

    def _gov_breach(self, today=None):
        """The due date passed without the materials: stop or refuse as the item says, and a credit record."""
        Credit = self.env["gov.hall.credit.record"].sudo()
        with granted(self, "gov.hall.case", "gov.hall.case.pause", "gov.hall.case.task", Credit):
            for rec in self.filtered(lambda r: r.state == "open" and r.kind == "tolerance"):
                case = rec.case_id.sudo()
                day = today or center_today(rec.company_id)
                c_env = center_env(case).env
                consequence = case.item_id.tolerance_consequence
                if case.state in ("accepted", "to_approve"):
                    if consequence == "reject":
                        case._gov_refuse_for_breach(rec, day)
                    elif not case.paused:
                        case._gov_stop_for_breach(rec, day)
                credit = Credit.with_env(c_env).create({
                    "partner_id": case.applicant_id.commercial_partner_id.id, "company_id": case.company_id.id,
                    "reason": "tolerance_breach", "case_id": case.id, "date_start": day,
                    "description": c_env._(
                        "Committed in %(ref)s to supply %(m)s by %(d)s for case %(case)s (%(item)s); not supplied.",
                        ref=rec.name, m=rec.missing_names, d=rec.deadline, case=case.name, item=case.item_id.name),
                    "evidence": rec.text,
                })
                credit._gov_notify()
                rec.sudo().write({"state": "breached", "consequence": consequence if case.state != "cancel" else False,
                                  "credit_record_id": credit.id})
                center_env(case).message_post(body=Markup("%s") % c_env._(
                    "Commitment %(c)s not kept by %(d)s: %(what)s; credit record %(r)s drafted and notified.",
                    c=rec.name, d=rec.deadline, r=credit.name,
                    what=dict(rec._fields["consequence"]._description_selection(c_env)).get(rec.consequence, "")))

    @api.model
    def _cron_follow_up(self):
        """The daily follow-up of the due dates (each center on its own day)."""
        return self._deadline_scan()
