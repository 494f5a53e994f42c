"""A case (办件): intake, one-time notice / refusal / acceptance, routing, clock, decision, delivery."""
import contextvars
import logging

from markupsafe import Markup

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL

from odoo.addons.gov_hall_base.models.gov_hall_protected_mixin import TIER_BYPASS_KEYS
from odoo.addons.gov_hall_base.models.res_partner import PHONE_GROUPS, mask_phone
from odoo.addons.gov_hall_base.tools.codes import check_code, new_code
from odoo.addons.gov_hall_base.tools.dates import center_date, center_days, center_today
from odoo.addons.gov_hall_base.tools.lang import center_env
from odoo.addons.gov_hall_base.tools.protect import granted, is_granted, protected_action

from .tier_review import own_open_reviews

_logger = logging.getLogger(__name__)

# extended statistics of gov_hall_case for the statistics' groups (department x month received)
CASE_STATISTICS = "gov_hall_case_department_month_stx"

CASE_STATES = [
    ("draft", "Received"),
    ("supplement", "Awaiting Supplement"),
    ("refused", "Not Accepted"),
    ("accepted", "Accepted"),
    ("to_approve", "Awaiting Approval"),
    ("decided", "Decided"),
    ("delivered", "Delivered"),
    ("cancel", "Cancelled"),
]
OPEN_STATES = ("accepted", "to_approve")
MOVED_BATCH = 500  # cases per background job telling applicants their deadline moved
NOTICE_DAYS = 5  # 行政许可法 第32条: the one-time notice is given on the spot or within five days
AFTER_ACCEPTANCE = ("accepted", "to_approve", "decided", "delivered")
DELIVERY_METHODS = [
    ("window", "At the result window"),
    ("mail", "Free mailing"),
    ("electronic", "Electronic result"),
]
PAUSE_REASONS = [
    ("hearing", "Hearing"),
    ("test", "Testing / inspection"),
    ("expert", "Expert review"),
    ("quarantine", "Quarantine / appraisal"),
    ("supplement", "Supplement of materials"),
    ("other", "Other statutory reason"),
]
WORKFLOW_FIELDS = {"state", "name", "query_code", "decision", "handler_id", "date_accepted", "date_decided",
                   "date_delivered", "proposed_decision", "proposed_by_id", "handled_at_window"}
CLOCK_FIELDS = {"deadline_start", "deadline_days", "deadline_paused_days", "paused"}
# Written only by the case's actions (and the supervision scan, in SQL); computed fields are listed too, so that
# nobody stores a value of their own in them over RPC (fees paid, overdue flags and ratings feed the assessment).
CASE_PROTECTED_FIELDS = tuple(sorted(WORKFLOW_FIELDS | CLOCK_FIELDS | {
    "supervision_color", "supervision_date", "notice_date", "refusal_reason", "refusal_basis",
    "is_overdue", "on_time", "working_days_used", "rating_value", "amount_fee", "amount_paid", "fee_state",
    "clerk_employee_id", "zone_id", "item_family_id", "case_type", "date_received_day",
}))
# Fields fixed at a stage of the case (outside its actions), with the test on the state that freezes them.
FROZEN_FIELDS = (
    (("applicant_id", "window_id", "clerk_id", "date_received", "intake_channel", "company_id", "commitment",
      "commitment_date"), lambda state: state not in ("draft", "supplement")),
    (("decision_basis", "decision_note"), lambda state: state in ("decided", "delivered", "refused", "cancel")),
    (("delivery_method", "delivery_recipient", "delivery_signature", "delivery_address", "delivery_carrier",
      "delivery_tracking", "result_attachment_ids"), lambda state: state == "delivered"),
)
# Set while action_decide runs, so that the tier validation it triggers does not decide the case a second time.
_DECIDING = contextvars.ContextVar("gov_hall_case_deciding", default=False)


class GovHallCase(models.Model):
    _name = "gov.hall.case"
    _description = "Case"
    # rating.mixin is a mail.thread; the protected mixin comes before tier.validation in the MRO (see below)
    _inherit = ["portal.mixin", "rating.mixin", "mail.activity.mixin", "gov.hall.deadline.mixin",
                "gov.hall.protected.mixin"]
    _order = "date_received desc, id desc"
    _protected_fields = CASE_PROTECTED_FIELDS
    _deadline_open_domain = Domain("state", "in", OPEN_STATES)
    _mail_post_access = "read"
    # the relations of a case stay within its center (a receiving center of the cross-region intake sees the
    # case through record rules, not through a relation to another center's records)
    _check_company_auto = True

    name = fields.Char("Case Number", required=True, default="/", copy=False, index=True, readonly=True,
                       tracking=True)
    query_code = fields.Char("Query Code", copy=False, readonly=True,
                             groups="base.group_user,gov_hall_base.group_gov_portal_applicant",
                             help="Given to the applicant with the acceptance notice to follow the case online.")
    company_id = fields.Many2one("res.company", "Center", required=True, index=True,
                                 default=lambda self: self.env.company)
    item_id = fields.Many2one(
        "gov.hall.service.item", "Service Item", required=True, index=True, tracking=True, check_company=True,
        domain="[('state', '=', 'published'), ('company_id', '=', company_id)]",
        help="The item version the case is received under; it is kept once the case is accepted.",
    )
    item_family_id = fields.Many2one(related="item_id.root_id", store=True, string="Item", index=True)
    item_version = fields.Integer(related="item_id.version", string="Item Version")
    case_type = fields.Selection(related="item_id.case_type", store=True)
    department_id = fields.Many2one(
        "hr.department", "Lead Department", compute="_compute_department_id", store=True, readonly=False,
        index=True, tracking=True, check_company=True)
    window_id = fields.Many2one("gov.hall.window", "Intake Window", index=True, tracking=True, check_company=True,
                                domain="[('company_id', '=', company_id)]")
    lead_window_id = fields.Many2one(
        "gov.hall.window", "Lead Window", compute="_compute_lead_window_id", store=True, readonly=False,
        index=True, tracking=True, check_company=True, domain="[('company_id', '=', company_id)]",
        help="First-inquiry responsibility: the window that answers for the case from acceptance to delivery,"
             " coordinates the departments of a joint case and hands out the result.")
    zone_id = fields.Many2one("gov.hall.zone", "Zone", compute="_compute_zone_id", store=True, index=True,
                              check_company=True)
    intake_channel = fields.Selection(
        [("window", "At the window"), ("online", "Online"), ("remote", "Cross-region")],
        default="window", required=True)
    clerk_id = fields.Many2one("res.users", "Received By", default=lambda self: self.env.user, index=True,
                               tracking=True)
    clerk_employee_id = fields.Many2one("hr.employee", "Receiving Clerk", compute="_compute_clerk_employee_id",
                                        store=True, index=True)
    handler_id = fields.Many2one("res.users", "Decided By", index=True, readonly=True, tracking=True)
    applicant_id = fields.Many2one("res.partner", "Applicant", required=True, index=True, tracking=True)
    applicant_id_type = fields.Selection(related="applicant_id.gov_id_type", string="Identity Document")
    # the related number keeps the groups of res.partner.gov_id_number; everyone else reads the masked twin
    applicant_id_number = fields.Char(related="applicant_id.gov_id_number", string="Identity Number")
    applicant_id_number_masked = fields.Char(related="applicant_id.gov_id_number_masked",
                                             string="Identity Number (Masked)")
    applicant_phone = fields.Char("Contact Phone", groups=PHONE_GROUPS)
    applicant_phone_masked = fields.Char("Contact Phone (Masked)", compute="_compute_applicant_phone_masked",
                                         compute_sudo=True)
    state = fields.Selection(CASE_STATES, default="draft", required=True, index=True, tracking=True, copy=False)
    date_received = fields.Datetime("Received On", default=fields.Datetime.now, required=True, index=True)
    # the day at the center (its time zone), stored for the statistics: grouping a million cases by the center's
    # month needs no time-zone conversion per row (filled by SQL at the upgrade that added it)
    date_received_day = fields.Date("Day Received", compute="_compute_date_received_day", store=True, index=True)
    date_accepted = fields.Date("Accepted On", readonly=True, index=True, copy=False)
    date_decided = fields.Date("Decided On", readonly=True, index=True, copy=False)
    date_delivered = fields.Date("Delivered On", readonly=True, copy=False)
    supervision_date = fields.Date("Last Supervision Scan", readonly=True, copy=False)
    is_overdue = fields.Boolean("Overdue", compute="_compute_timeliness", store=True, index=True)
    on_time = fields.Boolean("Completed on Time", compute="_compute_timeliness", store=True)
    working_days_used = fields.Integer("Working Days Used", compute="_compute_timeliness", store=True,
                                       aggregator="avg")
    handled_at_window = fields.Boolean(
        "Handled at the Window", readonly=True, copy=False,
        help="Received and decided at the window.")
    # materials
    material_line_ids = fields.One2many("gov.hall.case.material", "case_id", string="Materials", copy=True)
    missing_material_names = fields.Text("Missing Materials", compute="_compute_missing")
    commitment = fields.Text(
        "Commitment",
        help="The applicant's written commitment to supply the tolerated missing materials, and by when.")
    commitment_date = fields.Date("Supplement Promised By")
    notice_date = fields.Date("Notice Issued On", readonly=True, copy=False)
    refusal_reason = fields.Text("Reason Not Accepted", tracking=True)
    refusal_basis = fields.Text("Legal Basis of Refusal")
    # routing and decision
    task_ids = fields.One2many("gov.hall.case.task", "case_id", string="Department Tasks")
    task_open_count = fields.Integer(compute="_compute_task_counts", string="Open Tasks")
    tasks_done = fields.Boolean(compute="_compute_task_counts", string="All Tasks Done")
    decision = fields.Selection([("approved", "Approved"), ("rejected", "Rejected")],
                                readonly=True, tracking=True, copy=False)
    decision_basis = fields.Text("Legal Basis of the Decision", copy=False)
    decision_note = fields.Text("Decision Remarks", copy=False)
    proposed_decision = fields.Selection([("approved", "Approve"), ("rejected", "Reject")],
                                         readonly=True, copy=False, tracking=True)
    proposed_by_id = fields.Many2one("res.users", "Proposed By", readonly=True, copy=False)
    # clock
    pause_ids = fields.One2many("gov.hall.case.pause", "case_id", string="Clock Pauses")
    paused = fields.Boolean("Clock Paused", readonly=True, copy=False, tracking=True, index=True)
    # delivery
    delivery_method = fields.Selection(DELIVERY_METHODS, "Delivery", tracking=True)
    delivery_recipient = fields.Char("Collected By")
    delivery_signature = fields.Binary("Signature", copy=False, attachment=True)
    delivery_address = fields.Char("Mailing Address")
    delivery_carrier = fields.Char("Carrier", default=lambda self: center_env(self).env._("China Post EMS"))
    delivery_tracking = fields.Char("Tracking Number", copy=False, tracking=True)
    result_attachment_ids = fields.Many2many("ir.attachment", "gov_hall_case_result_attachment_rel",
                                             "case_id", "attachment_id", string="Electronic Result", copy=False)
    # fees
    fee_line_ids = fields.One2many("gov.hall.case.fee", "case_id", string="Fees", copy=False)
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    amount_fee = fields.Monetary("Fees Due", compute="_compute_fees", store=True)
    amount_paid = fields.Monetary("Fees Paid", compute="_compute_fees", store=True)
    fee_state = fields.Selection([("none", "No Fee"), ("unpaid", "Unpaid"), ("paid", "Paid")],
                                 compute="_compute_fees", store=True, string="Fee Status")
    rating_value = fields.Integer("Rating", compute="_compute_rating_value", store=True, aggregator="avg")

    _name_company_idx = models.Index("(company_id, name)")
    _open_deadline_idx = models.Index("(deadline) WHERE state IN ('accepted', 'to_approve')")
    _deadline_limit = models.Constraint(
        "CHECK(deadline_days IS NULL OR deadline_days >= 0)", "A time limit cannot be negative.")

    def init(self):
        super().init()
        # the statistics (gov.hall.case.report) group a center's cases by department and month of the day
        # received: without statistics on that pair PostgreSQL estimates a group per distinct day and sorts
        # every case of the center to group them (100,000 cases of a province's center: 0.24 s against the
        # 0.12 s of hashing them); extended statistics (PostgreSQL 14: on an expression) tell it the real count
        cr = self.env.cr
        if cr.connection.server_version < 140000:
            return
        cr.execute("SELECT 1 FROM pg_statistic_ext WHERE stxname = %s", [CASE_STATISTICS])
        if not cr.fetchone():
            cr.execute(SQL(
                "CREATE STATISTICS %s (ndistinct) ON department_id, "
                "(date_trunc('month', date_received_day::timestamp)::date) FROM %s",
                SQL.identifier(CASE_STATISTICS), SQL.identifier(self._table)))
            cr.execute(SQL("ANALYZE %s", SQL.identifier(self._table)))

    # -- computes --------------------------------------------------------------------------------------
    @api.depends("item_id")
    def _compute_department_id(self):
        for case in self:
            case.department_id = case.item_id.department_id

    @api.depends("applicant_phone")
    def _compute_applicant_phone_masked(self):
        for case in self:
            case.applicant_phone_masked = mask_phone(case.applicant_phone)

    @api.depends("date_received", "company_id")
    def _compute_date_received_day(self):
        for case in self:
            case.date_received_day = center_date(case.date_received, case.company_id) or False

    @api.depends("window_id")
    def _compute_zone_id(self):
        for case in self:
            case.zone_id = case.window_id.zone_id

    @api.depends("clerk_id", "company_id")
    def _compute_clerk_employee_id(self):
        employees = self.env["hr.employee"].sudo().search(
            [("user_id", "in", self.clerk_id.ids)]) if self.clerk_id else self.env["hr.employee"]
        by_user = {}
        for emp in employees:
            by_user.setdefault(emp.user_id.id, emp)
            if emp.company_id in self.company_id:
                by_user[emp.user_id.id] = emp
        for case in self:
            case.clerk_employee_id = by_user.get(case.clerk_id.id, False)

    @api.depends("deadline", "date_decided", "state", "paused")
    def _compute_timeliness(self):
        calendar = self.env["gov.hall.calendar"]
        for case in self:
            today = center_today(case.company_id)
            if case.date_decided and case.deadline:
                case.on_time = case.date_decided <= case.deadline
                case.is_overdue = not case.on_time
            else:
                case.on_time = False
                case.is_overdue = bool(case.state in OPEN_STATES and case.deadline and case.deadline < today
                                       and not case.paused)
            case.working_days_used = (
                calendar.working_days_between(case.date_accepted, case.date_decided) - case.deadline_paused_days
                if case.date_accepted and case.date_decided else 0)

    @api.depends("material_line_ids.received", "material_line_ids.requirement")
    def _compute_missing(self):
        for case in self:
            missing = case.material_line_ids.filtered(lambda m: not m.received)
            optional = center_env(case).env._("(optional material)") if missing else ""
            case.missing_material_names = "\n".join(
                f"{i}. {m.name}" + ("" if m.requirement == "required" else optional)
                for i, m in enumerate(missing, 1))

    @api.depends("task_ids.state")
    def _compute_task_counts(self):
        for case in self:
            tasks = case.task_ids.filtered(lambda t: t.state != "cancel")
            case.task_open_count = len(tasks.filtered(lambda t: t.state == "open"))
            case.tasks_done = bool(tasks) and not case.task_open_count

    @api.depends("fee_line_ids.amount", "fee_line_ids.paid")
    def _compute_fees(self):
        for case in self:
            case.amount_fee = sum(case.fee_line_ids.mapped("amount"))
            case.amount_paid = sum(case.fee_line_ids.filtered("paid").mapped("amount"))
            if not case.amount_fee:
                case.fee_state = "none"
            else:
                case.fee_state = "paid" if case.amount_paid >= case.amount_fee - 0.005 else "unpaid"

    @api.depends("rating_ids.rating", "rating_ids.consumed")
    def _compute_rating_value(self):
        for case in self:
            rated = case.rating_ids.filtered("consumed")
            case.rating_value = int(rated[:1].rating) if rated else 0

    def _compute_access_url(self):
        super()._compute_access_url()
        for case in self:
            case.access_url = f"/my/cases/{case.id}"

    # -- rules -----------------------------------------------------------------------------------------
    @api.constrains("deadline_days", "item_id")
    def _check_deadline_legal(self):
        for case in self:
            if case.deadline_days and case.deadline_days > case.item_id.legal_days:
                raise ValidationError(self.env._(
                    "Case %(case)s: the time limit of %(days)s working days is longer than the legal limit of "
                    "%(legal)s working days for %(item)s.",
                    case=case.name, days=case.deadline_days, legal=case.item_id.legal_days, item=case.item_id.name))

    @api.constrains("state", "material_line_ids", "commitment")
    def _check_accepted_materials(self):
        for case in self.filtered(lambda c: c.state in AFTER_ACCEPTANCE):
            problems = case._acceptance_material_problems()
            if problems:
                raise ValidationError(problems)

    @api.constrains("state", "decision", "fee_state")
    def _check_delivery(self):
        for case in self.filtered(lambda c: c.state == "delivered"):
            if not case.decision:
                raise ValidationError(self.env._("Case %(case)s has no decision: it cannot be delivered.",
                                                 case=case.name))
            if case.fee_state == "unpaid":
                raise ValidationError(self.env._(
                    "Case %(case)s has unpaid fees (%(amount)s yuan): the result is handed out only once every "
                    "fee is paid at the unified fee window.", case=case.name,
                    amount=f"{case.amount_fee - case.amount_paid:.2f}"))

    def _acceptance_material_problems(self):
        """A message when required materials are missing without tolerance and commitment, else ''."""
        self.ensure_one()
        missing = self.material_line_ids.filtered(lambda m: m.requirement == "required" and not m.received)
        intolerable = missing.filtered(lambda m: not m.tolerable)
        if intolerable:
            return self.env._(
                "Required materials are missing: %(names)s. Issue a one-time notice instead of accepting the "
                "case.", names="、".join(intolerable.mapped("name")))
        if missing and self.applicant_id.gov_blacklisted:
            return self.env._(
                "Applicant %(name)s is blacklisted for false materials: missing materials cannot be tolerated.",
                name=self.applicant_id.name)
        if missing and not (self.commitment or "").strip():
            return self.env._(
                "Materials %(names)s are tolerated missing only with the applicant's written commitment to "
                "supply them.", names="、".join(missing.mapped("name")))
        return ""

    def _gov_free(self):
        """Inside one of the case's actions (or while modules load their data): nothing is frozen."""
        return is_granted(self._name) or not self.pool.ready

    def write(self, vals):
        if not self._gov_free():
            self._gov_check_frozen(vals)
        # the protected fields themselves are refused by gov.hall.protected.mixin, whoever calls (sudo included)
        return super().write(vals)

    def _gov_check_frozen(self, vals):
        if "item_id" in vals:
            locked = self.filtered(lambda c: c.state not in ("draft", "supplement") and c.item_id.id != vals["item_id"])
            if locked:
                raise UserError(self.env._(
                    "Case %(case)s was accepted under version %(version)s of %(item)s and keeps it: its item "
                    "cannot be changed.", case=locked[0].name, version=locked[0].item_version,
                    item=locked[0].item_id.name))
        if "department_id" in vals and self.filtered(
                lambda c: c.state in AFTER_ACCEPTANCE and c.department_id.id != vals["department_id"]):
            self._gov_raise_clock()
        for fnames, frozen_in in FROZEN_FIELDS:
            hit = [f for f in fnames if f in vals]
            locked = self.filtered(lambda c, frozen_in=frozen_in: frozen_in(c.state)) if hit else self.browse()
            if locked:
                raise UserError(self.env._(
                    "%(fields)s of case %(case)s can no longer be changed: the case is %(state)s.",
                    fields="、".join(self._fields[f]._description_string(self.env) for f in hit),
                    case=locked[0].name,
                    state=dict(self._fields["state"]._description_selection(self.env))[locked[0].state]))

    def _gov_raise_clock(self):
        raise UserError(self.env._(
            "The time limit and lead department of an accepted case are fixed at acceptance; "
            "pause the clock for statutory reasons instead."))

    def _gov_refuse_protected(self, hit):
        if set(hit) & CLOCK_FIELDS and self.filtered(lambda c: c.state in AFTER_ACCEPTANCE):
            self._gov_raise_clock()
        if set(hit) & WORKFLOW_FIELDS:
            raise UserError(self.env._(
                "The status, number and decision of a case change only through its workflow actions "
                "(accept, decide, deliver...)."))
        return super()._gov_refuse_protected(hit)

    # -- intake ----------------------------------------------------------------------------------------
    @api.onchange("item_id")
    def _onchange_item_id(self):
        if self.item_id and self.state in ("draft", "supplement"):
            self.material_line_ids = [fields.Command.clear()] + [
                fields.Command.create(vals) for vals in self._material_line_vals(self.item_id)]

    @api.model
    def _material_line_vals(self, item):
        return [{"material_id": m.id, "name": m.name, "requirement": m.requirement, "tolerable": m.tolerable,
                 "sequence": m.sequence} for m in item.material_ids]

    @api.model_create_multi
    def create(self, vals_list):
        items = self.env["gov.hall.service.item"].browse(
            {v["item_id"] for v in vals_list if v.get("item_id")})
        materials = {item.id: self._material_line_vals(item) for item in items}
        for vals in vals_list:
            if vals.get("item_id") and "material_line_ids" not in vals:
                vals["material_line_ids"] = [fields.Command.create(dict(m, received=vals.get("gov_all_received", False)))
                                             for m in materials[vals["item_id"]]]
            vals.pop("gov_all_received", None)
        return super().create(vals_list)

    def _check_window_may_accept(self):
        for case in self.filtered("window_id"):
            window, item = case.window_id, case.item_id
            if window.kind in ("comprehensive", "agency", "major_project", "help"):
                if item.zone_ids and window.zone_id and window.zone_id not in item.zone_ids:
                    raise UserError(self.env._(
                        "Window %(window)s (zone %(zone)s) may not accept %(item)s: it is received in %(zones)s.",
                        window=window.name, zone=window.zone_id.name, item=item.name,
                        zones="、".join(item.zone_ids.mapped("name"))))
            elif window.kind in ("department", "rotating", "seasonal"):
                if item.department_id not in window.department_ids:
                    raise UserError(self.env._(
                        "Window %(window)s does not serve %(dept)s: it cannot accept %(item)s.",
                        window=window.name, dept=item.department_id.name, item=item.name))
            else:
                raise UserError(self.env._("A %(kind)s window does not receive applications.",
                                           kind=dict(window._fields["kind"]._description_selection(self.env))[window.kind]))

    def _check_clerk(self):
        if not self.env.user.has_group("gov_hall_base.group_gov_clerk"):
            raise AccessError(self.env._("Only a front-desk clerk receives applications."))

    @api.model
    def _next_number(self, company, kind, day):
        """Case number (受理编号) or notice number from the center's yearly ir.sequence. The range of the day is
        looked up once per process and day (``_gov_sequence_range_id``): a number then costs its ``nextval``,
        not a search of the sequence and of its ranges each time."""
        code = "gov.hall.case" if kind == "case" else "gov.hall.case.notice"
        range_id = self._gov_sequence_range_id(company.id, code, day)
        if range_id:
            rng = self.env["ir.sequence.date_range"].sudo().browse(range_id)
            try:
                if rng.sequence_id.use_date_range and rng.date_from <= day <= rng.date_to:
                    return rng.with_context(ir_sequence_date=day, ir_sequence_date_range=rng.date_from)._next()
            except MissingError:
                pass
            self.env.registry.clear_cache()  # the range or its sequence changed: look them up again
        Seq = self.env["ir.sequence"].sudo()
        # the center's sequence, looked up once per process (a search per case was 1 of its 11 queries)
        seq = Seq.browse(self._gov_sequence_id(company.id, code)).exists()
        if not seq:
            self.env.registry.clear_cache()
            seq = Seq.search([("code", "=", code), ("company_id", "=", company.id)], limit=1)
        if not seq:
            center = company.gov_center_code or f"C{company.id}"
            c_env = center_env(self, company).env
            seq = Seq.create({
                "name": (c_env._("Case numbers of %(c)s", c=company.name) if kind == "case"
                         else c_env._("Notice numbers of %(c)s", c=company.name)),
                "code": code, "company_id": company.id, "use_date_range": True,
                "prefix": f"{center}%(range_year)s" if kind == "case" else f"{center}-GZ%(range_year)s",
                "padding": 6, "implementation": "standard",
            })
        number = seq.with_context(ir_sequence_date=day).next_by_id(sequence_date=day)
        if not range_id:
            self.env.registry.clear_cache()  # the day's range may have just been created
        return number

    @api.model
    @tools.ormcache("company_id", "code")
    def _gov_sequence_id(self, company_id, code):
        seq = self.env["ir.sequence"].sudo().search([("code", "=", code), ("company_id", "=", company_id)], limit=1)
        return seq.id

    @api.model
    @tools.ormcache("company_id", "code", "day")
    def _gov_sequence_range_id(self, company_id, code, day):
        """The range (ir.sequence.date_range) of the center's sequence ``code`` that holds ``day``, or 0."""
        seq_id = self._gov_sequence_id(company_id, code)
        if not seq_id:
            return 0
        return self.env["ir.sequence.date_range"].sudo().search([
            ("sequence_id", "=", seq_id), ("date_from", "<=", day), ("date_to", ">=", day)], limit=1).id

    @api.model
    def _new_query_code(self):
        return new_code()

    def _gov_received_day(self):
        """The day the case was received, at its center (the database keeps UTC)."""
        self.ensure_one()
        return center_date(self.date_received, self.company_id)

    def _gov_notice_too_late(self, received, today):
        """Whether the days to give the one-time notice on a case received on ``received`` have passed."""
        return (today - received).days > NOTICE_DAYS

    @protected_action()
    def action_one_time_notice(self):
        """Incomplete materials: issue the one-time notice listing everything missing (行政许可法 第32条)."""
        self._check_clerk()
        for case in self:
            today = center_today(case.company_id)
            if case.state not in ("draft", "supplement"):
                raise UserError(self.env._("Case %(case)s is not waiting for materials.", case=case.name))
            if not case.material_line_ids.filtered(lambda m: not m.received):
                raise UserError(self.env._(
                    "Nothing is missing: accept the case instead of issuing a one-time notice."))
            # the days of the center, whatever the time zone of the clerk who issues the notice
            received = case._gov_received_day()
            if case.state == "draft" and case._gov_notice_too_late(received, today):
                raise UserError(self.env._(
                    "The one-time notice had to be issued within %(days)s days of receipt (%(date)s); after "
                    "that the application counts as accepted (Administrative Licensing Law, art. 32): accept "
                    "it.",
                    days=NOTICE_DAYS, date=received))
            case._check_window_may_accept()
            vals = {"state": "supplement", "notice_date": today}
            if case.name == "/":
                vals["name"] = self._next_number(case.company_id, "notice", today)
            case.write(vals)
            case_c = center_env(case)
            case_c._message_log(body=Markup("%s<br/>%s") % (
                case_c.env._("One-time notice issued; missing materials:"), case.missing_material_names or ""))
        return True

    @protected_action()
    def action_refuse_intake(self, reason, basis=None):
        """Outside the scope or not acceptable: written refusal with reason and legal basis."""
        self._check_clerk()
        if not (reason or "").strip():
            raise UserError(self.env._("A refusal notice must give the reason the application is not accepted."))
        for case in self:
            today = center_today(case.company_id)
            if case.state not in ("draft", "supplement"):
                raise UserError(self.env._("Case %(case)s was already handled at intake.", case=case.name))
            vals = {"state": "refused", "refusal_reason": reason, "refusal_basis": basis, "notice_date": today}
            if case.name == "/":
                vals["name"] = self._next_number(case.company_id, "notice", today)
            case.write(vals)
            case_c = center_env(case)
            case_c._message_log(body=case_c.env._("Not accepted: %(reason)s", reason=reason))
        return True

    @protected_action("gov.hall.case.fee", "gov.hall.case.task")
    def action_accept(self):
        """Complete (or tolerated with commitment): number, date, deadline, query code, fees, routing."""
        self._check_clerk()
        for case in self:
            if case.state not in ("draft", "supplement"):
                raise UserError(self.env._("Case %(case)s cannot be accepted in its current state.", case=case.name))
            if case.item_id.state != "published":
                raise UserError(self.env._(
                    "Version %(version)s of %(item)s is no longer in force: receive the case under the version "
                    "in force.", version=case.item_id.version, item=case.item_id.name))
            case._check_window_may_accept()
            problems = case._acceptance_material_problems()
            if problems:
                raise ValidationError(problems)
        for case in self:
            today = center_today(case.company_id)
            item = case.item_id
            case.write({
                "name": self._next_number(case.company_id, "case", today),
                "query_code": self._new_query_code(),
                "state": "accepted",
                "date_accepted": today,
                "deadline_start": today,
                "deadline_days": case.deadline_days or item.promised_days,
                "supervision_color": "green",
                "fee_line_ids": [fields.Command.create({"name": f.name, "amount": f.amount, "basis": f.basis})
                                 for f in item.fee_line_ids],
            })
        self._route()
        for case in self:
            case_c = center_env(case)
            case_c._message_log(body=case_c.env._(
                "Accepted as %(number)s; promised deadline %(deadline)s.", number=case.name, deadline=case.deadline))
        return True

    @api.depends("window_id")
    def _compute_lead_window_id(self):
        for case in self:
            if not case.lead_window_id:
                case.lead_window_id = case.window_id

    # -- a holiday schedule moved the promised deadlines (gov.hall.deadline.mixin) ------------------------
    @api.model
    def _deadline_moved(self, spec, ids):
        """The applicants of the open cases whose promised deadline moved are told the new day, in background
        jobs of ``MOVED_BATCH`` cases (a province's schedule change moves tens of thousands of deadlines; the
        request that entered the schedule does not send their messages)."""
        super()._deadline_moved(spec, ids)
        if spec.result != "deadline" or not ids:
            return
        ids = sorted(ids)
        description = self.env._("Tell the applicants their new deadlines")
        for start in range(0, len(ids), MOVED_BATCH):
            self.browse(ids[start:start + MOVED_BATCH]).with_delay(
                channel="root.gov", description=description, max_retries=3)._gov_notify_deadline_moved()

    def _gov_notify_deadline_moved(self):
        """The job: each applicant (and agent) of these cases, still open, gets the new promised deadline by
        a message on the case, in the center's language."""
        for case in self.sudo().exists().filtered(lambda c: c.state in OPEN_STATES and c.deadline):
            case_c = center_env(case)
            case._gov_notify_applicant(case_c.env._(
                "The holiday schedule changed: the promised deadline of case %(case)s is now %(date)s.",
                case=case.name, date=case.deadline))
        return self.env._("Applicants told: %(count)s", count=len(self))

    # -- routing ---------------------------------------------------------------------------------------
    def _route(self):
        """Create one task per department: the lead department, plus the parallel ones for joint items."""
        vals = []
        for case in self.filtered(lambda c: c.case_type != "instant"):
            item = case.item_id
            days = item.task_days or case.deadline_days
            for dept, lead in [(case.department_id, True)] + [(d, False) for d in item.joint_department_ids]:
                vals.append({"case_id": case.id, "department_id": dept.id, "is_lead": lead,
                             "deadline_start": case.date_accepted, "deadline_days": days})
        if vals:
            with granted("gov.hall.case.task"):
                self.env["gov.hall.case.task"].sudo().create(vals)
        return True

    # -- decision --------------------------------------------------------------------------------------
    def _user_departments(self, user=None):
        user = user or self.env.user
        return user.employee_ids.department_id

    def _decision_authority(self, user=None):
        """'decide' if ``user`` may decide the case now, 'escalate' if they may only propose it upwards."""
        self.ensure_one()
        user = user or self.env.user
        if user.has_group("gov_hall_base.group_gov_hall_admin"):
            return "decide"
        depts = self._user_departments(user)
        if self.department_id.sudo().manager_id.user_id == user or (
                self.state == "to_approve" and "approver_id" in self._fields and self.approver_id == user):
            return "decide"
        if self.department_id not in depts:
            return False
        level = self.item_id.decision_level
        if self.case_type == "instant":
            # one review (the clerk at the window), one approval (the chief representative)
            return "decide" if user.has_group("gov_hall_base.group_gov_chief_representative") else False
        if user.has_group("gov_hall_base.group_gov_chief_representative") and level in ("reviewer", "chief"):
            return "decide"
        if user.has_group("gov_hall_base.group_gov_reviewer"):
            return "decide" if level == "reviewer" else "escalate"
        return False

    @protected_action()
    def action_window_review(self, proposal="approved", note=None):
        """Instant items: the clerk's review at the window (一审); the chief representative approves (一核)."""
        self._check_clerk()
        if proposal not in ("approved", "rejected"):
            raise UserError(self.env._("The decision is to approve or to reject."))
        for case in self:
            if case.case_type != "instant":
                raise UserError(self.env._(
                    "Only an instant item is reviewed and decided at the window; %(case)s goes to the "
                    "department.", case=case.name))
            if case.state != "accepted":
                raise UserError(self.env._("Case %(case)s is not waiting for a decision.", case=case.name))
            case.write({"proposed_decision": proposal, "proposed_by_id": self.env.uid,
                        "decision_note": note or case.decision_note})
            chief = case.department_id.sudo().gov_chief_representative_id.user_id
            if chief:
                case_c = center_env(case)
                case_c.activity_schedule("mail.mail_activity_data_todo", user_id=chief.id,
                                         summary=case_c.env._("Approve instant case %(c)s at the window", c=case.name))
        return True

    @protected_action("gov.hall.case.task")
    def action_decide(self, decision, basis=None, note=None):
        """Approve or reject with the legal basis, within the user's authority."""
        token = _DECIDING.set(True)
        try:
            return self._gov_decide(decision, basis, note)
        finally:
            _DECIDING.reset(token)

    def _gov_decide(self, decision, basis, note):
        if decision not in ("approved", "rejected"):
            raise UserError(self.env._("The decision is to approve or to reject."))
        for case in self:
            today = center_today(case.company_id)
            if case.state not in OPEN_STATES:
                raise UserError(self.env._("Case %(case)s is not waiting for a decision.", case=case.name))
            if case.paused:
                raise UserError(self.env._("The clock of %(case)s is paused: resume it before deciding.",
                                           case=case.name))
            authority = case._decision_authority()
            if authority != "decide":
                if self.env.user.has_group("gov_hall_base.group_gov_clerk") and not self.env.user.has_group(
                        "gov_hall_base.group_gov_reviewer"):
                    raise UserError(self.env._(
                        "A front-desk clerk does not decide cases: instant items are reviewed at the window and "
                        "approved by the chief representative; other items are decided by the department."))
                if authority == "escalate":
                    raise UserError(self.env._(
                        "Deciding %(item)s is beyond your delegated authority: submit it for approval.",
                        item=case.item_id.name))
                raise UserError(self.env._(
                    "You have no authority to decide case %(case)s of %(dept)s.",
                    case=case.name, dept=case.department_id.name))
            if case.case_type == "instant":
                if not case.proposed_by_id:
                    raise UserError(self.env._(
                        "Instant case %(case)s needs the clerk's review at the window before the approval.",
                        case=case.name))
                if case.proposed_by_id == self.env.user:
                    raise UserError(self.env._("One review, one approval: the reviewer cannot also approve."))
            elif case.task_open_count:
                raise UserError(self.env._(
                    "Case %(case)s still has %(n)s open department task(s).", case=case.name, n=case.task_open_count))
            basis = (basis or case.decision_basis or "").strip()
            if not basis:
                raise UserError(self.env._("A decision states its legal basis."))
            case.write({
                "state": "decided", "decision": decision, "decision_basis": basis,
                "decision_note": note or case.decision_note, "date_decided": today, "handler_id": self.env.uid,
                "handled_at_window": case.case_type == "instant",
            })
            case._deadline_close_alerts()   # decided: its supervision alerts are done
            case.activity_unlink(["mail.mail_activity_data_todo"])
            case_c = center_env(case)
            if case.clerk_id and case.clerk_id.active and case.case_type != "instant":
                # the lead window answers for the case to the end: it hands out the result. The to-do reaches
                # the clerk's activities at once (the counter is pushed); no "assigned to you" message per
                # decided case on top of it (the window's queue of results is the clerk's work list)
                case_c.with_context(mail_activity_quick_update=True).activity_schedule(
                    "mail.mail_activity_data_todo", user_id=case.clerk_id.id,
                    summary=case_c.env._("Deliver the result of %(c)s (lead window %(w)s)",
                                       c=case.name, w=case.lead_window_id.display_name or ""))
            # the decision noted in the chatter: a note notifies nobody, so it is logged (message_post would
            # only compute recipients for it); online applicants are told by their own message (gov_hall_case_online)
            case_c._message_log(body=case_c.env._("Decision: %(d)s. Basis: %(b)s",
                                                  d=dict(self._fields["decision"]._description_selection(case_c.env))[decision],
                                              b=basis))
        return True

    @protected_action()
    def action_escalate(self, decision, basis=None, note=None):
        """Beyond delegated authority: propose the decision to the department leadership."""
        if decision not in ("approved", "rejected"):
            raise UserError(self.env._("The decision is to approve or to reject."))
        for case in self:
            if case.state != "accepted":
                raise UserError(self.env._("Case %(case)s is not waiting for a decision.", case=case.name))
            if case._decision_authority() not in ("escalate", "decide"):
                raise UserError(self.env._("You have no authority to propose a decision on case %(case)s.",
                                           case=case.name))
            if case.task_open_count:
                raise UserError(self.env._(
                    "Case %(case)s still has %(n)s open department task(s).", case=case.name, n=case.task_open_count))
            case.write({"state": "to_approve", "proposed_decision": decision, "proposed_by_id": self.env.uid,
                        "decision_basis": basis or case.decision_basis, "decision_note": note})
            case._request_decision_approval()
            if case.approver_id:
                case_c = center_env(case)
                case_c.activity_schedule("mail.mail_activity_data_todo", user_id=case.approver_id.id,
                                         summary=case_c.env._("Approve the decision on case %(c)s", c=case.name))
        return True

    def _request_decision_approval(self):
        """Hook: ask the approver for approval (base_tier_validation, see gov_hall_case_tier.py)."""
        return True

    def action_approve_proposal(self):
        """The approver agrees with the proposal: validate the tier review, which decides the case."""
        for case in self:
            if case.state != "to_approve":
                raise UserError(self.env._("Case %(case)s has no proposal awaiting approval.", case=case.name))
            if case._decision_authority() != "decide":
                raise UserError(self.env._(
                    "Deciding %(item)s is beyond your delegated authority: submit it for approval.",
                    item=case.item_id.name))
            if "review_ids" in self._fields and case.review_ids:
                case.validate_tier()
            if case.state == "to_approve":
                case.action_decide(case.proposed_decision, case.decision_basis, case.decision_note)
        return True

    @protected_action()
    def action_return_proposal(self, reason):
        for case in self:
            if case.state != "to_approve":
                raise UserError(self.env._("Case %(case)s has no proposal awaiting approval.", case=case.name))
            if case._decision_authority() != "decide":
                raise UserError(self.env._("You have no authority to decide case %(case)s.", case=case.name))
            case._send_back_proposal(reason)
        return True

    def _send_back_proposal(self, reason):
        self.ensure_one()
        with granted(self):
            if "review_ids" in self._fields:
                self.sudo().review_ids.unlink()
            self.with_context(skip_validation_check=True).write({"state": "accepted", "proposed_decision": False})
        self.activity_unlink(["mail.mail_activity_data_todo"])
        self_c = center_env(self)
        self_c.message_post(body=self_c.env._("Proposal sent back: %(r)s", r=reason))

    def action_refuse(self, reason):
        """Used by the generic refuse wizard on a proposal awaiting approval."""
        return self.action_return_proposal(reason)

    # -- clock -----------------------------------------------------------------------------------------
    @protected_action("gov.hall.case.pause")
    def action_pause(self, reason_type, reason):
        """Stop the clock for a hearing, test, expert review... (行政许可法 第45条)."""
        if not (reason or "").strip():
            raise UserError(self.env._("State why the clock is paused."))
        for case in self:
            today = center_today(case.company_id)
            if case.state not in OPEN_STATES or case.paused:
                raise UserError(self.env._("Only a running case can be paused."))
            case._check_handler_of_case()
            self.env["gov.hall.case.pause"].create({"case_id": case.id, "reason_type": reason_type,
                                                   "reason": reason, "date_start": today})
            case.paused = True
            case_c = center_env(case)
            case_c.message_post(body=case_c.env._("Clock paused: %(r)s", r=reason))
        return True

    @protected_action("gov.hall.case.pause", "gov.hall.case.task")
    def action_resume(self):
        calendar = self.env["gov.hall.calendar"]
        for case in self:
            today = center_today(case.company_id)
            pause = case.pause_ids.filtered(lambda p: not p.date_end)[:1]
            if not case.paused or not pause:
                raise UserError(self.env._("The clock of %(case)s is not paused.", case=case.name))
            case._check_handler_of_case()
            days = max(calendar.working_days_between(pause.date_start, today), 0)
            pause.write({"date_end": today, "working_days": days})
            case.write({
                "paused": False, "deadline_paused_days": case.deadline_paused_days + days})
            case.task_ids.filtered(lambda t: t.state == "open").write(
                {"deadline_paused_days": case.deadline_paused_days})
            case_c = center_env(case)
            case_c.message_post(body=case_c.env._(
                "Clock resumed after %(n)s paused working day(s); new deadline %(d)s.", n=days, d=case.deadline))
        return True

    def _check_handler_of_case(self):
        user = self.env.user
        if user.has_group("gov_hall_base.group_gov_hall_admin"):
            return
        if not user.has_group("gov_hall_base.group_gov_reviewer") or not (
                self.task_ids.department_id | self.department_id) & self._user_departments(user):
            raise UserError(self.env._("Only the departments handling case %(case)s can pause or resume its clock.",
                                       case=self.name))

    # -- fees and delivery -----------------------------------------------------------------------------
    def _check_front_desk(self):
        if not self.env.user.has_group("gov_hall_base.group_gov_clerk"):
            raise AccessError(self.env._(
                "Only a front-desk clerk collects fees, hands out results and enters ratings for the applicant."))

    @protected_action("gov.hall.case.fee")
    def action_pay_fees(self, window=None):
        """Collected at the unified fee window: mark every unpaid fee paid with a receipt number."""
        self._check_front_desk()
        for case in self:
            today = center_today(case.company_id)
            unpaid = case.fee_line_ids.filtered(lambda f: not f.paid)
            if not unpaid:
                raise UserError(self.env._("Case %(case)s has nothing to pay.", case=case.name))
            receipt = self.env["ir.sequence"].sudo().next_by_code("gov.hall.fee.receipt") or "/"
            unpaid.write({"paid": True, "date_paid": today, "receipt_number": receipt,
                          "collector_id": self.env.uid, "window_id": window.id if window else False})
            case_c = center_env(case)
            case_c.message_post(body=case_c.env._("Fees of %(amount)s yuan paid, receipt %(r)s.",
                                                  amount=f"{sum(unpaid.mapped('amount')):.2f}", r=receipt))
        return True

    @protected_action()
    def action_deliver(self, method=None, recipient=None, signature=None, tracking=None, carrier=None,
                       address=None):
        self._check_front_desk()
        for case in self:
            today = center_today(case.company_id)
            method = method or case.delivery_method
            if case.state != "decided" or not case.decision:
                raise UserError(self.env._("Case %(case)s is not decided: nothing can be delivered yet.",
                                           case=case.name))
            if case.fee_state == "unpaid":
                raise UserError(self.env._(
                    "Case %(case)s has unpaid fees (%(amount)s yuan): collect them at the unified fee window first.",
                    case=case.name, amount=f"{case.amount_fee - case.amount_paid:.2f}"))
            vals = {"delivery_method": method, "state": "delivered", "date_delivered": today}
            if method == "window":
                signature = signature or case.delivery_signature
                if not signature or not (recipient or case.delivery_recipient or "").strip():
                    raise UserError(self.env._(
                        "Handing out at the window needs the name and signature of the person collecting it."))
                vals.update(delivery_signature=signature, delivery_recipient=recipient or case.delivery_recipient)
            elif method == "mail":
                if case.department_id.gov_mail_exempt:
                    raise UserError(self.env._(
                        "%(dept)s results are not mailed free of charge: deliver at the window.",
                        dept=case.department_id.name))
                if not case.item_id.delivery_mail:
                    raise UserError(self.env._("The result of %(item)s cannot be mailed.", item=case.item_id.name))
                tracking = (tracking or case.delivery_tracking or "").strip()
                if not tracking:
                    raise UserError(self.env._("A mailed result needs the carrier's tracking number."))
                vals.update(delivery_tracking=tracking, delivery_carrier=carrier or case.delivery_carrier,
                            delivery_address=address or case.delivery_address)
            elif method == "electronic":
                if not case.result_attachment_ids:
                    raise UserError(self.env._("Attach the electronic result before delivering it."))
            else:
                raise UserError(self.env._("Choose how the result is delivered."))
            case.write(vals)
            case.activity_feedback(["mail.mail_activity_data_todo"])
            case_c = center_env(case)
            case_c.message_post(body=case_c.env._(
                "Result delivered: %(m)s.",
                m=dict(self._fields["delivery_method"]._description_selection(case_c.env))[method]))
        return True

    @protected_action("gov.hall.case.task")
    def action_cancel(self):
        if not self.env.user.has_group("gov_hall_base.group_gov_hall_admin"):
            raise AccessError(self.env._("Only a hall administrator cancels a case."))
        for case in self:
            if case.state in ("decided", "delivered"):
                raise UserError(self.env._("A decided case cannot be cancelled."))
            case.write({"state": "cancel"})
            open_tasks = case.task_ids.filtered(lambda t: t.state == "open")
            open_tasks.sudo().write({"state": "cancel"})
            case._deadline_close_alerts()
            open_tasks._deadline_close_alerts()
        return True

    # -- ratings ---------------------------------------------------------------------------------------
    def _rating_get_partner(self):
        return self.applicant_id

    def _rating_get_operator(self):
        return self.clerk_id.partner_id

    @api.private
    def action_rate(self, value, feedback=None, channel="staff", device=None):
        """One case, one rating (一事一评) with the five national levels (5 = 非常满意 ... 1 = 非常不满意).

        Not callable over RPC: the rate wizard (staff), the tracking page (query code), the evaluator endpoint
        (device secret) and the rating module's /rate/<token> pages (see rating_apply) call it server-side."""
        self.ensure_one()
        value = self._gov_check_rating(value, channel, device)
        return self._gov_apply_rating(value, feedback, channel, device)

    def _gov_check_rating(self, value, channel, device=None):
        try:
            value = int(value)
        except (TypeError, ValueError):
            value = 0
        if value not in (1, 2, 3, 4, 5):
            raise UserError(self.env._("A rating is one of the five levels, 1 (very dissatisfied) to 5 (very satisfied)."))
        if self.state in ("draft", "cancel"):
            raise UserError(self.env._("Case %(case)s cannot be rated yet.", case=self.name))
        if self.sudo().rating_ids.filtered("consumed"):
            raise UserError(self.env._("Case %(case)s has already been rated: one case, one rating.", case=self.name))
        if device:
            if device.window_id not in (self.sudo().window_id | self.sudo().lead_window_id):
                raise UserError(self.env._(
                    "Evaluator device %(device)s belongs to window %(window)s: it rates only the cases of its own "
                    "window.", device=device.name, window=device.window_id.display_name))
        elif channel == "staff":
            self._check_front_desk()
        return value

    def _gov_apply_rating(self, value, feedback, channel, device=None, rating=None):
        case = center_env(self.sudo())   # the rating's chatter message reads in the center's language
        with granted(self, "rating.rating", "gov.hall.rating.review"):
            if not rating:
                token = case._rating_get_access_token()
                rating = self.env["rating.rating"].sudo().search([("access_token", "=", token)], limit=1)
            rating = rating.sudo()
            rating.write({"gov_channel": channel, "gov_device_id": device.id if device else False})
            case.rating_apply(value, rating=rating, feedback=feedback)
        return rating

    @api.private
    def rating_apply(self, rate, token=None, rating=None, feedback=None, subtype_xmlid=None, notify_delay_send=False):
        """Not callable over RPC. Outside action_rate (the /rate/<token> pages of the rating module), a rating
        goes through the rules of action_rate: one case, one rating, nothing once consumed."""
        if is_granted("rating.rating"):
            return super().rating_apply(rate, token=token, rating=rating, feedback=feedback,
                                        subtype_xmlid=subtype_xmlid, notify_delay_send=notify_delay_send)
        self.ensure_one()
        Rating = self.env["rating.rating"].sudo()
        rating = Rating.search([("access_token", "=", token)], limit=1) if token else (rating or Rating).sudo()
        if not rating or rating.res_model != self._name or rating.res_id != self.id:
            raise UserError(self.env._("This rating link does not belong to case %(case)s.", case=self.name))
        if rating.consumed:
            raise UserError(self.env._("Case %(case)s has already been rated: one case, one rating.", case=self.name))
        value = self._gov_check_rating(rate, "web")
        return self._gov_apply_rating(value, feedback, "web", rating=rating)

    # Side doors of mail and rating into a case's rating: closed outside action_rate.
    def _gov_refuse_rating_edit(self):
        raise UserError(self.env._(
            "A case is rated only through its rating action (evaluator device, tracking page or the clerk's "
            "Rate on Behalf), once; a rating cannot be changed afterwards."))

    def message_post(self, **kwargs):
        if (kwargs.get("rating_value") or kwargs.get("rating_id")) and not is_granted("rating.rating"):
            self._gov_refuse_rating_edit()
        return super().message_post(**kwargs)

    def _get_allowed_message_params(self):
        return super()._get_allowed_message_params() - {"rating_value"}

    def _message_update_content(self, message, /, *args, **kwargs):
        if not is_granted("rating.rating") and (
                kwargs.get("rating_value") is not None or message.sudo().rating_ids):
            self._gov_refuse_rating_edit()
        return super()._message_update_content(message, *args, **kwargs)

    # -- portal ----------------------------------------------------------------------------------------
    def _get_report_base_filename(self):
        self.ensure_one()
        return f"{self.name}"

    # -- notice links: the access token of /gov_hall/track/notice expires ------------------------------
    gov_token_date = fields.Datetime("Access Token Issued", readonly=True, copy=False,
                                     help="When the access token of the notice link was issued: the link "
                                          "expires after the days set in gov_hall_intake.notice_token_days.")

    def _gov_token_days(self):
        """Days a notice link stays valid (system parameter ``gov_hall_intake.notice_token_days``, 0: forever)."""
        value = self.env["ir.config_parameter"].sudo().get_param("gov_hall_intake.notice_token_days", "30")
        try:
            return max(int(value), 0)
        except ValueError:
            return 30

    def _gov_token_expired(self):
        """Whether the case's access token is past its validity (a token without an issue date counts as
        expired: it predates the expiry and is renewed when the case is next looked up)."""
        self.ensure_one()
        days = self._gov_token_days()
        if not days:
            return False
        return not self.gov_token_date or self.gov_token_date < fields.Datetime.subtract(
            fields.Datetime.now(), days=days)

    def _portal_ensure_token(self):
        """The access token, renewed once expired; its issue date is kept for the expiry."""
        for case in self:
            if case.access_token and case._gov_token_expired():
                case.sudo().access_token = False
        issued = self.filtered(lambda c: not c.access_token)
        token = super()._portal_ensure_token()
        if issued:
            issued.sudo().gov_token_date = fields.Datetime.now()
        return token

    @api.model
    def _track(self, number, code):
        """The case matching a case number and its query code, or an empty recordset."""
        number = (number or "").strip()
        if not number or not (code or "").strip():
            return self.browse()
        case = self.sudo().search([("name", "=", number)], limit=1)
        if case and check_code(case.query_code, code):
            return case
        return self.browse()

    def _open_wizard(self, model, name, context=None):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window", "res_model": model, "view_mode": "form", "target": "new",
            "name": name, "context": dict({"default_case_id": self.id}, **(context or {})),
        }

    def action_open_decide_wizard(self):
        return self._open_decide_wizard("decide")

    def action_open_window_review_wizard(self):
        return self._open_decide_wizard("window_review")

    def _open_decide_wizard(self, mode):
        return self._open_wizard("gov.hall.case.decide.wizard", self.env._("Decision"), {
            "default_mode": mode, "default_basis": self.decision_basis or self.item_id.legal_basis,
            "default_decision": self.proposed_decision or "approved"})


    def action_open_return_wizard(self):
        return {
            "type": "ir.actions.act_window", "res_model": "gov.hall.refuse.wizard", "view_mode": "form",
            "target": "new", "context": {"active_model": self._name, "active_ids": self.ids},
        }

    def action_open_pause_wizard(self):
        return self._open_wizard("gov.hall.case.pause.wizard", self.env._("Pause the Clock"))

    def action_open_deliver_wizard(self):
        method = self.delivery_method or ("window" if self.item_id.delivery_window else
                                          "mail" if self.item_id.delivery_mail else "electronic")
        return self._open_wizard("gov.hall.case.deliver.wizard", self.env._("Deliver the Result"), {
            "default_method": method, "default_address": self.delivery_address or self.applicant_id.contact_address,
            "default_recipient": self.applicant_id.name})

    def action_open_rate_wizard(self):
        return self._open_wizard("gov.hall.case.rate.wizard", self.env._("Rating"))

    def action_open_supplement_wizard(self):
        return self._open_wizard("gov.hall.intake.wizard", self.env._("Supplement Materials"))

    def action_print_notice(self):
        self.ensure_one()
        ref = {
            "supplement": "gov_hall_intake.action_report_one_time_notice",
            "refused": "gov_hall_intake.action_report_refusal_notice",
        }.get(self.state, "gov_hall_intake.action_report_acceptance_notice")
        return self.env.ref(ref).report_action(self)

    # Electronic supervision (电子监察): the deadline scan of gov.hall.deadline.mixin colours every open case and task.

    @api.model
    def _deadline_scan_domain(self):
        """A paused clock stands still: its case is not coloured."""
        return self._deadline_open_domain & Domain("paused", "=", False)

    @api.model
    def _deadline_scan_set_sql(self, today, color):
        return [SQL("is_overdue = (%s = 'red')", color), SQL("supervision_date = %s", today)]

    @api.model
    def _cron_supervision_scan(self, today=None, notify=True):
        """Colour open cases green / yellow / red and their open tasks, set-based; notify once per change.
        Returns the number of cases whose colour changed."""
        count = 0
        for day, centers in center_days(self.env, today):
            changed = self._deadline_scan(today=day, notify=notify, company_ids=centers)
            self.env["gov.hall.case.task"]._deadline_scan(today=day, notify=notify, company_ids=centers)
            count += sum(len(ids) for ids in changed.values())
        _logger.info("Supervision scan: %d case colours changed", count)
        return count

    @api.model
    def _deadline_notify(self, changed, today=None):
        """Once per colour change: one activity per case that turned yellow or red for its handler (the
        reviewer of its open task, else the lead department's chief representative), and one digest activity
        per department for the department head and the center's supervisors; all in one create."""
        today = today or center_today(self.env.company)
        ids = {color: changed[color] for color in ("yellow", "red")}
        alerted = ids["red"] + ids["yellow"]
        # the handlers, read set-based
        self.env.cr.execute(SQL("""
            SELECT c.id, h.user_id
              FROM gov_hall_case c
              JOIN LATERAL (
                    SELECT COALESCE(
                        (SELECT k.user_id FROM gov_hall_case_task k
                          WHERE k.case_id = c.id AND k.state = 'open' AND k.user_id IS NOT NULL
                          ORDER BY k.is_lead DESC, k.id LIMIT 1),
                        (SELECT e.user_id FROM gov_hall_posting p JOIN hr_employee e ON e.id = p.employee_id
                          WHERE p.department_id = c.department_id AND p.company_id = c.company_id
                            AND p.state = 'active' AND p.is_chief_representative AND e.user_id IS NOT NULL
                          LIMIT 1)) AS user_id
                   ) h ON h.user_id IS NOT NULL
             WHERE c.id = ANY(%(all)s)
        """, all=alerted))
        handlers = self.env.cr.fetchall()
        red = set(ids["red"])
        cases = self.browse([cid for cid, _uid in handlers])
        # the alerts read in the language of each case's center
        center_envs = {}

        def lang_env(company):
            if company not in center_envs:
                center_envs[company] = center_env(self, company).env
            return center_envs[company]

        prefixes = {}
        for company in cases.company_id:
            c_env = lang_env(company)
            prefixes[company] = (c_env._("Overdue case"), c_env._("Case approaching its deadline"))
        # one alert per case: a case already alerted (yellow, now red) has its open alert updated
        open_alerts = self.env["mail.activity"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "in", cases.ids), ("gov_deadline", "=", self._deadline_lit)])
        alert_of = {alert.res_id: alert for alert in open_alerts}
        vals = []
        for case, (_cid, uid) in zip(cases, handlers):
            summary = f"{prefixes[case.company_id][0 if case.id in red else 1]} {case.name}"
            if case.id in alert_of:
                alert_of[case.id].summary = summary
            else:
                vals.append(self._deadline_activity(case.id, uid, summary, max(case.deadline, today)))
        # digests: per center and department, counted in SQL
        self.env.cr.execute(SQL("""
            SELECT c.company_id, c.department_id, min(c.id),
                   count(*) FILTER (WHERE c.id = ANY(%(red)s)), count(*) FILTER (WHERE c.id = ANY(%(yellow)s))
              FROM gov_hall_case c WHERE c.id = ANY(%(all)s)
             GROUP BY c.company_id, c.department_id
        """, red=ids["red"], yellow=ids["yellow"], all=alerted))
        rows = self.env.cr.fetchall()
        supervisors = self.env.ref("gov_hall_base.group_gov_supervisor").all_user_ids.filtered(
            lambda u: not u._is_superuser() and not u.has_group("gov_hall_base.group_gov_hall_admin")
            and u.active)
        Company, Dept = self.env["res.company"], self.env["hr.department"].sudo()
        for company_id, dept_id, first_id, reds, yellows in rows:
            company, dept = Company.browse(company_id), Dept.browse(dept_id)
            summary = lang_env(company)._("%(dept)s: %(r)s case(s) turned red, %(y)s turned yellow",
                                          dept=dept.name or "", r=reds, y=yellows)
            recipients = dept.manager_id.user_id | supervisors.filtered(lambda u, company=company: company in u.company_ids)
            vals += [self._deadline_activity(first_id, user, summary, today, deadline="digest") for user in recipients]
        self._deadline_create_activities(vals)


# Decisions beyond delegated authority go up for approval with OCA base_tier_validation.
#
# A reviewer (or a chief representative, for items the department reserved to its leadership) proposes the
# decision: the case moves to "Awaiting Approval" and a tier review is requested from the case's approver
# (the lead department's head, else a hall administrator of the center). Validating the review decides the
# case as proposed; rejecting it sends the proposal back to the department.
class GovHallCaseTier(models.Model):
    _name = "gov.hall.case"
    # MRO: this class, the case's own classes, gov.hall.protected.mixin, then tier.validation: the mixin's write
    # drops the OCA keys skip_validation_check / skip_check_state_condition sent by a client before
    # tier.validation reads them (and the overrides below drop them where tier.validation reads them outside
    # write). Only the case's actions, inside their grant, keep them.
    _inherit = ["gov.hall.case", "tier.validation"]
    _state_from = ["to_approve"]
    _state_to = ["decided"]
    _cancel_state = "cancel"
    _tier_validation_manual_config = False
    _protected_fields = CASE_PROTECTED_FIELDS + ("approver_id", "review_ids", "rating_ids")

    approver_id = fields.Many2one(
        "res.users", "Approver", compute="_compute_approver_id", store=True,
        help="Who approves decisions beyond delegated authority: the lead department's head, else a hall "
        "administrator of the center.")

    @api.depends("department_id.manager_id.user_id", "company_id")
    def _compute_approver_id(self):
        admins = self.env.ref("gov_hall_base.group_gov_hall_admin").sudo().all_user_ids.filtered(
            lambda u: not u._is_superuser() and u.active)
        for case in self:
            case.approver_id = case.department_id.sudo().manager_id.user_id or admins.filtered(
                lambda u, case=case: case.company_id in u.company_ids)[:1]

    def _gov_tier_env(self):
        """Without the OCA bypass keys unless a named action of the case is running."""
        if is_granted(self._name) or not any(self.env.context.get(k) for k in TIER_BYPASS_KEYS):
            return self
        return self.with_context(**dict.fromkeys(TIER_BYPASS_KEYS, False))

    def _check_state_from_condition(self):
        return super(GovHallCaseTier, self._gov_tier_env())._check_state_from_condition()

    def _tier_validation_check_write_allowed(self, vals):
        # both checks of base_tier_validation concern a case with reviews (validation_status is "no"
        # without any): skip its search of the validation exceptions, which runs first, for the others
        # (12% of an intake, profiled by tests/bench/bench_intake.py)
        reviewed = self.filtered("review_ids")
        if not reviewed:
            return None
        return super(GovHallCaseTier, reviewed._gov_tier_env())._tier_validation_check_write_allowed(vals)

    def _tier_validation_check_state_on_write(self, vals):
        return super(GovHallCaseTier, self._gov_tier_env())._tier_validation_check_state_on_write(vals)

    def _gov_refuse_tier_request(self):
        if not is_granted(self._name):
            raise UserError(self.env._(
                "The approval of a decision is requested with Submit for Approval and withdrawn with Send Back."))

    def request_validation(self):
        self._gov_refuse_tier_request()
        return super().request_validation()

    def restart_validation(self):
        self._gov_refuse_tier_request()
        return super().restart_validation()

    def _request_decision_approval(self):
        self.request_validation()

    # The chatter texts of base_tier_validation read in the center's language: its own where it has a Chinese
    # translation, ours where it has none.
    def _notify_created_review_body(self):
        return center_env(self).env._("Decision proposal submitted for approval by %(user)s.",
                                      user=self.env.user.name)

    def _notify_requested_review_body(self, tier_reviews=None):
        case_c = center_env(self)
        if tier_reviews:
            requester = tier_reviews[:1].requested_by or self.env.user
            return case_c.env._("Approval of the decision requested by %(requester)s.",
                                requester=requester.display_name)
        return super(GovHallCaseTier, case_c)._notify_requested_review_body(tier_reviews)

    def _notify_accepted_reviews_body(self):
        return super(GovHallCaseTier, center_env(self))._notify_accepted_reviews_body()

    def _notify_rejected_review_body(self):
        case_c = center_env(self)
        comment = self.review_ids.filtered(lambda r: self.env.user in r.reviewer_ids and r.comment)[:1].comment
        if comment:
            return case_c.env._("Approval refused by %(user)s: %(comment)s", user=self.env.user.name,
                                comment=comment)
        return super(GovHallCaseTier, case_c)._notify_rejected_review_body()

    def _notify_restarted_review_body(self):
        return center_env(self).env._("Approval restarted by %(user)s.", user=self.env.user.name)

    # The reviews of a case are written only by this flow (models/tier_review.py): Validate and Reject run inside
    # the grant of tier.review when the case has an open review naming the current user; for anybody else the
    # platform approves or rejects nothing, and any change it would make to a review is refused.
    def validate_tier(self):
        self.ensure_one()
        if not own_open_reviews(self):
            return super().validate_tier()
        with granted("tier.review"):
            return super().validate_tier()

    def reject_tier(self):
        self.ensure_one()
        if not own_open_reviews(self):
            return super().reject_tier()
        with granted("tier.review"):
            return super().reject_tier()

    def unlink(self):
        # the platform deletes a document's reviews with it: whoever may delete the case (ACL, rules)
        self.check_access("unlink")
        with granted("tier.review"):
            return super().unlink()

    def _validate_tier(self, tiers=False):
        res = super()._validate_tier(tiers)
        self.invalidate_recordset(["validation_status"])
        if self.state == "to_approve" and self.validation_status == "validated" and not _DECIDING.get():
            # action_decide checks the approver's authority before it decides
            self.action_decide(self.proposed_decision, self.decision_basis, self.decision_note)
        return res

    def _rejected_tier(self, tiers=False):
        mine = (tiers or self.review_ids).filtered(
            lambda r: r.status in ("waiting", "pending") and self.env.user in r.reviewer_ids)
        res = super()._rejected_tier(tiers)
        if not mine.filtered(lambda r: r.status == "rejected"):
            # only a reviewer who rejected their own review sends the proposal back
            return res
        comment = "; ".join(r for r in self.review_ids.filtered(lambda r: r.status == "rejected").mapped("comment")
                            if r)
        if self.state == "to_approve":
            self._send_back_proposal(comment or center_env(self).env._("rejected by %(user)s",
                                                                        user=self.env.user.name))
        return res

    def _get_tier_validation_readonly_domain(self):
        # the case is frozen while its proposal awaits approval; once decided, delivery goes on
        return "state == 'to_approve'"
