"""Efficiency complaints (效能投诉) and the three handling paths of seed 000 (四.5).

Path 1 (``spot``): answered on the spot, written into the registration form.
Path 2 (``transfer``): the supervision office proposes a transfer, a center leader approves it, the
department reports its result within 5 working days, the complainant hears back within 1 working day.
Path 3 (``coordination``): a coordination opinion within 1 working day of receipt, leadership approval,
a coordination meeting and decision, each department's action followed up, reply within 1 working day
after the departments reported.

Every running step has one deadline (``gov.hall.deadline.mixin``); when a step ends its deadline and
completion day are kept (``opinion_*``, ``department_*``, ``reply_*``) so the on-time rate per path is data.
"""
import functools

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain

from odoo.addons.gov_hall_base.tools.codes import new_code
from odoo.addons.gov_hall_base.tools.dates import center_date, center_today
from odoo.addons.gov_hall_base.tools.lang import center_env
from odoo.addons.gov_hall_base.tools.protect import granted, protected_action

CHANNELS = [
    ("desk", "On-site complaint desk"),
    ("form", "Registration form"),
    ("card", "Feedback card"),
    ("mailbox", "Complaint mailbox"),
    ("web", "Website"),
    ("phone", "Phone call"),
    ("hotline", "12345 hotline"),
    ("rating", "Bad rating"),
    ("supervisor", "Social supervisor"),
]
KINDS = [("business", "Business complaint"), ("service", "Service complaint")]
PATHS = [
    ("spot", "Answered on the spot"),
    ("transfer", "Transferred to the department"),
    ("coordination", "Complex: coordination"),
]
STATES = [
    ("new", "Received"),
    ("registered", "Registered"),
    ("approval", "Awaiting Leader Approval"),
    ("coordination", "Coordination"),
    ("department", "Department Handling"),
    ("reply", "Reply Due"),
    ("replied", "Replied"),
    ("cancel", "Not Accepted"),
    ("closed", "Closed"),
]
# states in which a deadline runs
OPEN_STATES = ("registered", "department", "reply")
FAULT_TYPES = [("intentional", "Intentional"), ("negligent", "Negligent")]
FAULT_FORMS = [("act", "By act"), ("omission", "By omission")]
FAULT_HOLDERS = [
    ("handler", "Handler"),
    ("window_head", "Window head"),
    ("leader", "Signing leader"),
]
SATISFACTION = [
    ("satisfied", "Satisfied"),
    ("basic", "Basically satisfied"),
    ("unsatisfied", "Unsatisfied"),
    ("unreachable", "Could not be reached"),
]
# fields holding the complainant's identity: readable by complaint officers only
IDENTITY_GROUP = "gov_hall_base.group_gov_supervisor"
# what a department user may write (their department's result, their actions)
DEPARTMENT_FIELDS = {"department_result", "department_attachment_ids"}
# the outcome the complaint officer records on the form until the complaint is closed (a check in write)
OUTCOME_FIELDS = {"substantiated", "fault_type", "fault_form", "fault_holder", "fault_employee_id"}
# written only by the named actions, the deadline scan and the 12345 push (gov.hall.protected.mixin)
PROTECTED_FIELDS = (
    "state", "step", "path", "name", "query_code", "date_registered", "registered_by", "opinion_id", "approver_id",
    "date_approved", "opinion_deadline", "opinion_date", "department_deadline", "department_date",
    "reply_deadline", "reply_date", "overdue", "supervision_color", "escalated", "date_closed", "cancel_reason",
    "deadline_start", "deadline_days", "deadline_paused_days", "deadline", "deadline_provisional",
    "hotline_sync_state", "hotline_sync_error",
) + tuple(sorted(OUTCOME_FIELDS))


def is_officer(records):
    """The caller is a complaint officer of the supervision office, or server code already acting inside a grant
    of the records' model (a cron, another named action) or loading data. Superuser mode alone is not enough:
    call it before the action opens its own grant (``officer_action``)."""
    return records._gov_unguarded() or records.env.user.has_group(IDENTITY_GROUP)


def check_officer(records, message=None):
    if not is_officer(records):
        raise AccessError(message or records.env._(
            "Only the complaint officers of the supervision office may do this."))


def officer_action(*extra_models):
    """A named action of the complaint officers: the model's ``_check_officer()`` runs first, outside any grant
    of the action's own, then the body writes the protected fields of its model (and of ``extra_models``)
    inside the grant, like ``protected_action``."""
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            self._check_officer()
            with granted(self._name, *extra_models):
                return method(self, *args, **kwargs)
        return wrapper
    return decorate


class GovComplaint(models.Model):
    _name = "gov.complaint"
    _description = "Efficiency Complaint"
    _inherit = ["mail.thread", "mail.activity.mixin", "gov.hall.deadline.mixin", "gov.hall.protected.mixin"]
    _order = "date_received desc, id desc"
    _deadline_open_domain = Domain("state", "in", OPEN_STATES)
    # turning red marks it late and escalated for good (the scan of gov.hall.deadline.mixin)
    _deadline_red_flags = ("overdue", "escalated")
    _protected_fields = PROTECTED_FIELDS
    _check_company_auto = True

    name = fields.Char("Complaint No.", required=True, copy=False, readonly=True, default="/", index="trigram")
    company_id = fields.Many2one("res.company", "Center", required=True, index=True,
                                 default=lambda self: self.env.company)
    channel = fields.Selection(CHANNELS, required=True, default="desk", tracking=True, index=True)
    kind = fields.Selection(KINDS, required=True, default="service", tracking=True, index=True)
    title = fields.Char("Subject", required=True, tracking=True)
    facts = fields.Text("Facts and Request", required=True)
    date_received = fields.Datetime("Received On", required=True, default=fields.Datetime.now, index=True)
    date_received_day = fields.Date(compute="_compute_date_received_day", store=True, string="Day Received")
    state = fields.Selection(STATES, default="new", required=True, tracking=True, index=True, copy=False)
    path = fields.Selection(PATHS, "Handling Path", tracking=True, index=True, copy=False)
    user_id = fields.Many2one("res.users", "Complaint Officer", tracking=True, index=True,
                              domain=lambda self: [("all_group_ids", "in", self.env.ref(IDENTITY_GROUP).ids)])
    hotline_order_no = fields.Char("12345 Work Order No.", index="btree_not_null", copy=False, readonly=True)
    hotline_sync_state = fields.Selection(
        [("pending", "To Report"), ("done", "Reported"), ("failed", "Report Failed")], "12345 Status Report",
        copy=False, readonly=True, index="btree_not_null",
        help="Whether the latest status was pushed back to the 12345 platform.")
    hotline_sync_error = fields.Text("12345 Report Error", copy=False, readonly=True)
    query_code = fields.Char("Query Code", copy=False, readonly=True, groups=IDENTITY_GROUP,
                             help="Given to the complainant with the complaint number to follow the complaint online.")
    attachment_ids = fields.Many2many("ir.attachment", "gov_complaint_attachment_rel", "complaint_id",
                                      "attachment_id", string="Evidence")

    # what it is about
    window_id = fields.Many2one("gov.hall.window", "Window", tracking=True, index=True, check_company=True)
    employee_id = fields.Many2one("hr.employee", "Staff Member Complained About", tracking=True, index=True)
    department_id = fields.Many2one("hr.department", "Department", tracking=True, index=True, check_company=True,
                                    domain="[('gov_stationed', '=', True)]")

    # the complainant (identity visible to complaint officers only)
    anonymous = fields.Boolean(tracking=True)
    complainant_name = fields.Char("Complainant", groups=IDENTITY_GROUP)
    complainant_phone = fields.Char("Contact Phone", groups=IDENTITY_GROUP)
    complainant_email = fields.Char("Email", groups=IDENTITY_GROUP)
    complainant_id_number = fields.Char("ID Number", groups=IDENTITY_GROUP)
    complainant_address = fields.Char("Address", groups=IDENTITY_GROUP)
    complainant_partner_id = fields.Many2one("res.partner", "Complainant Contact", groups=IDENTITY_GROUP)
    complainant_display = fields.Char(compute="_compute_complainant_display", string="Complainant ")

    # registration and investigation
    date_registered = fields.Date("Registered On", readonly=True, copy=False)
    registered_by = fields.Many2one("res.users", readonly=True, copy=False)
    note_ids = fields.One2many("gov.complaint.note", "complaint_id", string="Investigation Notes",
                               groups=IDENTITY_GROUP)
    note_count = fields.Integer(compute="_compute_note_count", groups=IDENTITY_GROUP)
    handling_opinion = fields.Text("Handling Opinion", tracking=True,
                                   help="The supervision office's opinion: transfer or coordination proposal.")
    cancel_reason = fields.Text("Reason Not Accepted", readonly=True, copy=False)

    # path 1
    spot_answer = fields.Text("Answer Given on the Spot")

    # path 2 and 3: approval, department handling
    transfer_department_ids = fields.Many2many(
        "hr.department", "gov_complaint_transfer_department_rel", "complaint_id", "department_id",
        string="Handling Departments", domain="[('gov_stationed', '=', True)]", check_company=True,
        help="Path 2: the department the complaint is transferred to. Path 3: every department involved.")
    opinion_id = fields.Many2one("gov.complaint.opinion", "Current Handling Opinion", readonly=True, copy=False,
                                 index="btree_not_null", groups=IDENTITY_GROUP,
                                 help="The opinion sent to the center leaders for approval last.")
    opinion_ids = fields.One2many("gov.complaint.opinion", "complaint_id", string="Handling Opinions",
                                  groups=IDENTITY_GROUP)
    approver_id = fields.Many2one("res.users", "Approved By", readonly=True, copy=False, tracking=True)
    date_approved = fields.Date("Approved On", readonly=True, copy=False)
    approval_note = fields.Text("Leader's Instructions", copy=False)
    department_days = fields.Integer("Department Time Limit (working days)", default=5)
    department_result = fields.Text("Department's Result", tracking=True, copy=False)
    department_attachment_ids = fields.Many2many(
        "ir.attachment", "gov_complaint_department_attachment_rel", "complaint_id", "attachment_id",
        string="Department's Documents")

    # path 3
    meeting_ids = fields.One2many("gov.complaint.meeting", "complaint_id", string="Coordination Meetings")
    meeting_count = fields.Integer(compute="_compute_counts")
    decision = fields.Text("Final Decision", tracking=True, copy=False,
                           help="The final handling opinion decided by the coordination meeting.")
    action_ids = fields.One2many("gov.complaint.action", "complaint_id", string="Department Actions")

    # the step deadlines and completion days, kept for the on-time rate
    opinion_deadline = fields.Date("Opinion Due", readonly=True, copy=False)
    opinion_date = fields.Date("Opinion Given", readonly=True, copy=False)
    department_deadline = fields.Date("Department Result Due", readonly=True, copy=False)
    department_date = fields.Date("Department Reported On", readonly=True, copy=False)
    reply_deadline = fields.Date("Reply Due", readonly=True, copy=False)
    reply_date = fields.Date("Replied On", readonly=True, copy=False)
    step = fields.Selection([("opinion", "Handling opinion"), ("department", "Department result"),
                             ("reply", "Reply to the complainant")], "Running Step", readonly=True, copy=False)
    overdue = fields.Boolean("Overdue", readonly=True, copy=False, index=True,
                             help="A step of this complaint ended (or is still running) past its deadline.")
    supervision_color = fields.Selection(default="green")
    escalated = fields.Boolean(readonly=True, copy=False,
                               help="The running deadline passed and the center leaders were alerted.")
    on_time = fields.Boolean(compute="_compute_on_time", store=True, string="Handled on Time")
    on_time_rate = fields.Float(compute="_compute_on_time", store=True, aggregator="avg",
                                string="On-Time Rate (%)")

    # reply and outcome
    reply = fields.Text("Reply to the Complainant", tracking=True, copy=False)
    reply_method = fields.Selection([("spot", "In person"), ("phone", "Phone"), ("letter", "Letter"),
                                     ("sms", "SMS"), ("web", "Online"), ("hotline", "Through 12345")],
                                    copy=False)
    substantiated = fields.Boolean("Substantiated", tracking=True, copy=False, index=True)
    substantiated_count = fields.Integer(compute="_compute_substantiated_count", store=True,
                                         string="Substantiated Complaints")
    fault_type = fields.Selection(FAULT_TYPES, tracking=True, copy=False)
    fault_form = fields.Selection(FAULT_FORMS, tracking=True, copy=False)
    fault_holder = fields.Selection(FAULT_HOLDERS, "Fault Borne By", tracking=True, copy=False)
    fault_employee_id = fields.Many2one("hr.employee", "Person Accountable", tracking=True, copy=False, index=True)
    rectification = fields.Text("Rectification / Accountability Measures", copy=False)
    satisfaction = fields.Selection(SATISFACTION, "Complainant Satisfaction", tracking=True, copy=False)
    satisfaction_note = fields.Text("Satisfaction Remarks", copy=False)
    date_closed = fields.Date("Closed On", readonly=True, copy=False, index=True)
    letter_ids = fields.One2many("gov.complaint.letter", "complaint_id", string="Supervision Letters")
    inquiry_ids = fields.One2many("gov.complaint.inquiry", "complaint_id", string="Inquiries")

    _name_company_uniq = models.Constraint("unique(name, company_id)", "The complaint number must be unique.")
    _hotline_uniq = models.Constraint(
        "unique(hotline_order_no, company_id)", "This 12345 work order already has a complaint.")
    _department_days_positive = models.Constraint(
        "CHECK(department_days > 0)", "The department's time limit must be at least one working day.")
    _scan_idx = models.Index("(deadline, company_id) WHERE state IN ('registered', 'department', 'reply')")

    # -- computes ----------------------------------------------------------------------------------
    @api.depends("name", "title")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = f"{rec.name} {rec.title}" if rec.title else rec.name

    @api.model
    def _deadline_res_names(self, ids):
        """The display name of ``_compute_display_name`` (number, then subject) in one query."""
        self.flush_model(["name", "title"])
        self.env.cr.execute("""
            SELECT id, CASE WHEN COALESCE(title, '') != '' THEN name || ' ' || title ELSE name END
              FROM gov_complaint WHERE id = ANY(%s)""", [list(ids)])
        return dict(self.env.cr.fetchall())

    @api.depends("date_received", "company_id")
    def _compute_date_received_day(self):
        """The day at the center (its time zone), whoever registers the complaint."""
        for rec in self:
            rec.date_received_day = center_date(rec.date_received, rec.company_id) or False

    @api.depends("anonymous")
    @api.depends_context("uid")
    def _compute_complainant_display(self):
        can_see = self.env.user.has_group(IDENTITY_GROUP)
        for rec in self:
            if rec.anonymous:
                rec.complainant_display = self.env._("Anonymous")
            elif can_see:
                rec.complainant_display = rec.sudo().complainant_name
            else:
                rec.complainant_display = self.env._("Named (confidential)")

    def _compute_counts(self):
        for rec in self:
            rec.meeting_count = len(rec.meeting_ids)

    def _compute_note_count(self):
        for rec in self:
            rec.note_count = len(rec.note_ids)

    @api.depends("substantiated")
    def _compute_substantiated_count(self):
        for rec in self:
            rec.substantiated_count = 1 if rec.substantiated else 0

    @api.depends("state", "overdue")
    def _compute_on_time(self):
        for rec in self:
            rec.on_time = rec.state == "closed" and not rec.overdue
            rec.on_time_rate = 100.0 if rec.on_time else 0.0

    # -- constraints -------------------------------------------------------------------------------
    @api.constrains("anonymous", "complainant_name", "complainant_phone", "complainant_email")
    def _check_complainant(self):
        for rec in self.sudo():
            if rec.anonymous:
                continue
            if not (rec.complainant_name or "").strip():
                raise ValidationError(self.env._(
                    "A named complaint needs the complainant's name; mark it anonymous otherwise."))
            if not ((rec.complainant_phone or "").strip() or (rec.complainant_email or "").strip()):
                raise ValidationError(self.env._(
                    "A named complaint needs a phone number or an email address to reply to the complainant."))

    @api.constrains("substantiated", "fault_type", "fault_form", "fault_holder", "fault_employee_id")
    def _check_fault(self):
        for rec in self:
            if not rec.substantiated and (rec.fault_type or rec.fault_form or rec.fault_holder
                                          or rec.fault_employee_id):
                raise ValidationError(self.env._(
                    "Complaint %(name)s is not substantiated: it cannot name a fault or a person accountable.",
                    name=rec.name))

    # -- ORM ---------------------------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self = self._gov_clean_env()
        vals_list = [dict(vals) for vals in vals_list]
        # what the caller sends is checked first; the number and the query code are then set here
        self._gov_check_protected_create(vals_list)
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                vals["name"] = self.env["ir.sequence"].with_company(company).next_by_code("gov.complaint") or "/"
            vals.setdefault("query_code", new_code())
            if vals.get("anonymous"):
                vals.update({f: False for f in self._identity_fields()})
                vals.setdefault("company_id", self.env.company.id)
            self._fill_subject(vals)
        named = [vals for vals in vals_list if not vals.get("anonymous")]
        anonymous = [vals for vals in vals_list if vals.get("anonymous")]
        with granted(self):
            records = super().create(named) if named else self.browse()
            if anonymous:
                records |= self._gov_create_anonymous(anonymous)
        # in the order asked
        by_vals = dict(zip(map(id, named + anonymous), records))
        return self.browse([by_vals[id(vals)].id for vals in vals_list])

    def _gov_anonymous_env(self):
        """Anonymous complaints are created and filed by OdooBot: no user, partner or e-mail of the submitter
        ends up in create_uid/write_uid, the creation message, its tracking values or the followers."""
        return self.with_user(self.env.ref("base.user_root")).with_context(
            mail_create_nosubscribe=True, mail_post_autofollow_author_skip=True)

    def _gov_create_anonymous(self, vals_list):
        # the caller's rights are checked as if they created it themselves
        self.check_access("create")
        submitter = self.env.user.partner_id
        # what the caller did before stays theirs; what the creation leaves to compute (stored computed
        # fields, whose flush stamps write_uid) is flushed as OdooBot
        self.env.flush_all()
        anonymous = self._gov_anonymous_env()
        records = super(GovComplaint, anonymous).create(vals_list)
        records._gov_drop_follower(submitter)
        anonymous.env.flush_all()
        records = records.with_env(self.env)
        records.check_access("create")
        return records

    def _gov_drop_follower(self, partner):
        """No follower of the submitter on an anonymous complaint (auto-subscription of a responsible...)."""
        followers = self.env["mail.followers"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "in", self.ids), ("partner_id", "in", partner.ids)])
        followers.unlink()

    def write(self, vals):
        if not self.env.su and not self.env.user.has_group(IDENTITY_GROUP):
            extra = set(vals) - DEPARTMENT_FIELDS - set(self._magic_fields_for_write())
            if extra:
                raise AccessError(self.env._(
                    "Only the complaint officers may change a complaint; your department may only report "
                    "its result."))
        if vals.get("anonymous"):
            vals = dict(vals, **{f: False for f in self._identity_fields()})
        if any(k in vals for k in ("window_id", "employee_id")) and "department_id" not in vals:
            vals = dict(vals)
            self._fill_subject(vals)
        if OUTCOME_FIELDS & set(vals) and not self._gov_unguarded():
            # the officer records the outcome on the form (then closes with action_close): checked here
            self._check_outcome_editable()
            rest = self._gov_protected_hit(set(vals) - OUTCOME_FIELDS)
            if rest:
                self._gov_refuse_protected(rest)
            with granted(self):
                return self._gov_write(vals)
        return self._gov_write(vals)

    def _gov_write(self, vals):
        res = super().write(vals)
        if "state" in vals:
            to_report = self.filtered(lambda c: c.hotline_order_no and c.sudo().company_id.gov_hotline_callback_url)
            if to_report:
                with granted(self):
                    super(GovComplaint, to_report).write({"hotline_sync_state": "pending",
                                                          "hotline_sync_error": False})
        return res

    def _check_outcome_editable(self):
        if not self.env.user.has_group(IDENTITY_GROUP):
            raise AccessError(self.env._(
                "Only the complaint officers record whether a complaint is substantiated and who bears the fault."))
        for rec in self:
            if rec.state in ("closed", "cancel"):
                raise UserError(self.env._(
                    "Complaint %(name)s is closed: reopen it before changing its outcome.", name=rec.name))

    @api.model
    def _get_view_cache_key(self, view_id=None, view_type="form", **options):
        key = super()._get_view_cache_key(view_id, view_type, **options)
        return key + (self.env.user.has_group(IDENTITY_GROUP),)

    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        """Department users may only write their result: show them the rest read-only."""
        arch, view = super()._get_view(view_id, view_type, **options)
        if view_type == "form" and not self.env.user.has_group(IDENTITY_GROUP):
            for node in arch.xpath("//field[not(ancestor::field)]"):
                if node.get("name") not in DEPARTMENT_FIELDS:
                    node.set("readonly", "1")
        return arch, view

    def _magic_fields_for_write(self):
        return ["message_main_attachment_id", "activity_ids", "message_follower_ids", "message_ids"]

    @api.model
    def _identity_fields(self):
        return ["complainant_name", "complainant_phone", "complainant_email", "complainant_id_number",
                "complainant_address", "complainant_partner_id"]

    @api.model
    def _fill_subject(self, vals):
        """The department follows from the window or the staff member complained about."""
        if vals.get("department_id"):
            return
        if vals.get("employee_id"):
            dept = self.env["hr.employee"].browse(vals["employee_id"]).sudo().department_id
            if dept:
                vals["department_id"] = dept.id
                return
        if vals.get("window_id"):
            depts = self.env["gov.hall.window"].browse(vals["window_id"]).sudo().department_ids
            if len(depts) == 1:
                vals["department_id"] = depts.id

    @api.onchange("employee_id", "window_id")
    def _onchange_subject(self):
        vals = {"employee_id": self.employee_id.id, "window_id": self.window_id.id}
        self._fill_subject(vals)
        if vals.get("department_id") and not self.department_id:
            self.department_id = vals["department_id"]
        if self.employee_id and not self.window_id:
            posting = self.env["gov.hall.posting"].search(
                [("employee_id", "=", self.employee_id.id), ("state", "=", "active")], limit=1)
            self.window_id = posting.window_id

    @api.onchange("anonymous")
    def _onchange_anonymous(self):
        if self.anonymous:
            for f in self._identity_fields():
                self[f] = False

    # -- helpers -----------------------------------------------------------------------------------
    def _today(self):
        """Today at the center (its time zone)."""
        return center_today(self.company_id[:1] or self.env.company)

    def _check_officer(self):
        check_officer(self)

    def _check_state(self, states, action):
        for rec in self:
            if rec.state not in states:
                raise UserError(self.env._(
                    "Complaint %(name)s cannot be %(action)s in its current state (%(state)s).",
                    name=rec.name, action=action,
                    state=dict(self._fields["state"]._description_selection(self.env))[rec.state]))

    def _start_step(self, step, start, days):
        """Start the clock of ``step``: ``days`` working days after ``start``."""
        self.write({"step": step, "deadline_start": start, "deadline_days": days,
                    "deadline_paused_days": 0, "supervision_color": "green", "escalated": False})

    def _end_step(self):
        """Stop the running clock, keeping its deadline and completion day."""
        today = self._today()
        for rec in self:
            if not rec.step:
                continue
            vals = {f"{rec.step}_deadline": rec.deadline, f"{rec.step}_date": today,
                    "step": False, "deadline_start": False, "supervision_color": "green", "escalated": False}
            if rec.deadline and today > rec.deadline:
                vals["overdue"] = True
            rec.write(vals)

    def _leader_users(self):
        group = self.env.ref("gov_hall_base.group_gov_center_leader")
        return group.sudo().all_user_ids.filtered(lambda u: self.company_id in u.company_ids and u.active)

    def _department_users(self, departments):
        employees = self.env["hr.employee"].sudo().search([("department_id", "in", departments.ids),
                                                          ("user_id", "!=", False)])
        reviewer = self.env.ref("gov_hall_base.group_gov_reviewer")
        return employees.user_id.filtered(lambda u: reviewer in u.all_group_ids)

    def _schedule(self, users, summary, note="", deadline=None):
        """One to-do per user (set-based create)."""
        if not users:
            return
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        self.env["mail.activity"].sudo().create([{
            "res_model_id": model_id, "res_id": rec.id, "activity_type_id": activity_type.id,
            "summary": summary, "note": note, "user_id": user.id,
            "date_deadline": deadline or rec.deadline or rec._today(),
        } for rec in self for user in users])

    # -- workflow ----------------------------------------------------------------------------------
    @officer_action()
    def action_register(self):
        """The supervision office registers the complaint (投诉登记表): the opinion is due in 1 working day."""
        self._check_state(["new"], self.env._("registered"))
        for rec in self:
            rec.write({"state": "registered", "date_registered": rec._today(), "registered_by": self.env.uid,
                       "user_id": rec.user_id.id or self.env.uid})
            rec._start_step("opinion", rec.date_received_day or rec._today(), 1)
            center_env(rec).message_post(body=center_env(rec).env._("Complaint registered; handling opinion due on %(date)s.",
                                             date=rec.deadline))
        return True

    @officer_action()
    def action_refuse(self, reason):
        """Not accepted (outside the center's remit, duplicate...)."""
        self._check_state(["new", "registered"], self.env._("rejected"))
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason why the complaint is not accepted."))
        self._end_step()
        self.write({"state": "cancel", "cancel_reason": reason, "date_closed": self._today()})
        for rec in self:
            center_env(rec).message_post(body=center_env(rec).env._("Not accepted: %(reason)s", reason=reason))
        return True

    def action_open_refuse(self):
        return {
            "type": "ir.actions.act_window", "res_model": "gov.hall.refuse.wizard", "view_mode": "form",
            "target": "new", "name": self.env._("Not Accepted"),
            "context": {"active_model": self._name, "active_ids": self.ids},
        }

    @officer_action()
    def action_answer_on_spot(self):
        """Path 1: the answer is written into the registration form and the complainant informed."""
        self._check_state(["registered"], self.env._("answered on the spot"))
        for rec in self:
            if not (rec.spot_answer or "").strip():
                raise UserError(self.env._("Write the answer given on the spot before recording it."))
        self._end_step()
        today = self._today()
        for rec in self:
            rec.write({"path": "spot", "state": "replied", "reply": rec.spot_answer, "reply_method": "spot",
                       "reply_date": today, "reply_deadline": today})
            center_env(rec).message_post(body=center_env(rec).env._("Answered on the spot; the complainant was informed."))
        return True

    @officer_action("gov.complaint.opinion")
    def action_propose_transfer(self):
        """Path 2: the office proposes a transfer; a center leader must approve it."""
        return self._propose("transfer")

    @officer_action("gov.complaint.opinion")
    def action_propose_coordination(self):
        """Path 3: the coordination opinion, due 1 working day after receipt, goes to the leaders."""
        return self._propose("coordination")

    def _propose(self, path):
        """The handling opinion goes to the center leaders as a gov.complaint.opinion (gov.hall.approval.mixin)."""
        self._check_state(["registered"], self.env._("proposed for approval"))
        for rec in self:
            if not (rec.handling_opinion or "").strip():
                raise UserError(self.env._("Write the handling opinion before sending it for approval."))
            if not rec.transfer_department_ids:
                raise UserError(self.env._("Choose the department(s) that must handle complaint %(name)s.",
                                           name=rec.name))
            if path == "transfer" and len(rec.transfer_department_ids) > 1:
                raise UserError(self.env._(
                    "A transfer goes to one department; use the coordination path when several departments "
                    "must work together."))
            if path == "coordination" and len(rec.transfer_department_ids) < 2:
                raise UserError(self.env._("The coordination path needs at least two departments."))
        self._end_step()
        self.write({"path": path, "state": "approval"})
        opinions = self.env["gov.complaint.opinion"].sudo().create([{
            "complaint_id": rec.id, "path": path, "opinion": rec.handling_opinion,
            "department_ids": [(6, 0, rec.transfer_department_ids.ids)],
        } for rec in self])
        for rec, opinion in zip(self, opinions):
            rec.opinion_id = opinion
        opinions.with_env(self.env).action_submit_for_approval()
        return True

    def action_approve_opinion(self):
        """A center leader approves the transfer or the coordination opinion (gov.complaint.opinion)."""
        self._check_state(["approval"], self.env._("approved"))
        return self.opinion_id.action_approve()

    def action_refuse_opinion(self):
        """The leader sends the opinion back to the office, with the instructions written on the complaint."""
        self._check_state(["approval"], self.env._("sent back"))
        for rec in self:
            rec.opinion_id.action_refuse(rec.approval_note)
        return True

    @officer_action("gov.complaint.action")
    def action_decide(self):
        """Path 3: record the meeting's final decision and hand each department its action."""
        self._check_state(["coordination"], self.env._("decided"))
        today = self._today()
        for rec in self:
            if not rec.meeting_ids.filtered(lambda m: m.state == "held"):
                raise UserError(self.env._("Hold and minute the coordination meeting before deciding."))
            if not (rec.decision or "").strip():
                raise UserError(self.env._("Write the final decision of the coordination meeting."))
            if not rec.action_ids:
                raise UserError(self.env._("List each department's action to follow up."))
            rec.write({"state": "department"})
            rec._start_step("department", today, rec.department_days)
            rec.action_ids.filtered(lambda a: a.state == "open").write({"deadline_start": today})
            for action in rec.action_ids:
                rec._schedule(rec._department_users(action.department_id),
                              center_env(rec).env._("Carry out the coordination decision"), action.name)
        return True

    def action_department_report(self):
        """Path 2: the department reports its result; the reply is due 1 working day later."""
        officer = is_officer(self)
        self._check_state(["department"], self.env._("reported"))
        user_depts = self.env.user.employee_ids.department_id
        for rec in self:
            if rec.path != "transfer":
                raise UserError(self.env._("Report through each department action on the coordination path."))
            if not officer and not (rec.transfer_department_ids & user_depts):
                raise AccessError(self.env._("Only the department the complaint was transferred to may report."))
            if not (rec.department_result or "").strip():
                raise UserError(self.env._("Write the department's result before reporting it."))
        with granted(self):
            self.sudo()._to_reply()
        return True

    def _to_reply(self):
        today = self._today()
        self._end_step()
        for rec in self:
            rec.write({"state": "reply"})
            rec._start_step("reply", today, 1)
            rec.activity_unlink(["mail.mail_activity_data_todo"])
            if rec.user_id:
                rec._schedule(rec.user_id, center_env(rec).env._("Reply to the complainant"))
            center_env(rec).message_post(body=center_env(rec).env._("Department result received; reply due on %(date)s.",
                                             date=rec.deadline))

    @officer_action()
    def action_reply(self):
        """The complainant is informed of the result (1 working day after the department's result)."""
        self._check_state(["reply"], self.env._("replied"))
        for rec in self:
            if not (rec.reply or "").strip():
                raise UserError(self.env._("Write the reply to the complainant."))
            if not rec.reply_method:
                raise UserError(self.env._("Say how the complainant was informed."))
        self._end_step()
        self.write({"state": "replied"})
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    @officer_action()
    def action_close(self):
        """Close with the outcome: substantiated or not, the fault and who bears it (seed 000 四.4)."""
        self._check_state(["replied"], self.env._("closed"))
        for rec in self:
            if rec.substantiated:
                if not (rec.fault_type and rec.fault_form and rec.fault_holder):
                    raise UserError(self.env._(
                        "Complaint %(name)s is substantiated: state the fault (intentional or negligent, by "
                        "act or omission) and who bears it.", name=rec.name))
                if not rec.fault_employee_id:
                    holder = rec._default_fault_employee()
                    if not holder:
                        raise UserError(self.env._("Name the person accountable for complaint %(name)s.",
                                                   name=rec.name))
                    rec.fault_employee_id = holder
            if not rec.satisfaction:
                raise UserError(self.env._("Record the complainant's satisfaction with the reply before closing."))
        self.write({"state": "closed", "date_closed": self._today()})
        return True

    def _default_fault_employee(self):
        self.ensure_one()
        if self.fault_holder == "handler":
            return self.employee_id
        if self.fault_holder == "window_head":
            return self.window_id.head_employee_id
        return self.env["hr.employee"]

    @api.onchange("fault_holder")
    def _onchange_fault_holder(self):
        if self.fault_holder:
            self.fault_employee_id = self._default_fault_employee() or self.fault_employee_id

    @officer_action()
    def action_reopen(self):
        self._check_state(["closed"], self.env._("reopened"))
        self.write({"state": "replied", "date_closed": False})
        return True

    # -- reply letter ------------------------------------------------------------------------------
    def _reply_letter_texts(self):
        """The sentences of the reply letter, each one translatable term."""
        self.ensure_one()
        _ = self.env._
        channel = dict(self._fields["channel"]._description_selection(self.env)).get(self.channel, "")
        if self.anonymous:
            salutation = _("Dear complainant:")
        else:
            salutation = _("%(name)s:", name=self.sudo().complainant_name or "")
        opening = _(
            "Your complaint received on %(date)s through %(channel)s about \"%(title)s\" has been registered "
            "and investigated by the supervision office of %(center)s. We reply as follows.",
            date=self.date_received_day, channel=channel, title=self.title, center=self.company_id.name)
        if self.substantiated:
            conclusion = _("After investigation the complaint is substantiated. The persons responsible have been "
                           "dealt with according to the center's accountability rules and the window has been "
                           "asked to rectify.")
        else:
            conclusion = _("After investigation the complaint is not substantiated. Thank you for your supervision "
                           "of our work.")
        return {"salutation": salutation, "opening": opening, "conclusion": conclusion}

    # -- 12345 status push -------------------------------------------------------------------------
    @api.model
    @protected_action()
    def _cron_hotline_push(self, limit=500):
        """Push the status of the complaints opened from 12345 work orders whose status changed (or whose
        last push failed) to the platform's callback URL. Failures are kept and retried on the next run."""
        import requests  # noqa: PLC0415

        Public = self.env["gov.complaint.public"]
        todo = self.sudo().search([("hotline_sync_state", "in", ("pending", "failed"))], limit=limit)
        for company, complaints in todo.grouped("company_id").items():
            url, token = company.gov_hotline_callback_url, company.gov_hotline_token
            if not url:
                continue
            for complaint in complaints:
                payload = {"token": token, "order_no": complaint.hotline_order_no,
                           "complaint": Public._public_status(complaint)}
                try:
                    response = requests.post(url, json=payload, timeout=10)
                    response.raise_for_status()
                except requests.RequestException as e:
                    complaint.write({"hotline_sync_state": "failed", "hotline_sync_error": str(e)[:1000]})
                else:
                    complaint.write({"hotline_sync_state": "done", "hotline_sync_error": False})
        return todo

    # -- the deadline scan (gov.hall.deadline.mixin) ------------------------------------------------
    @api.model
    def _cron_deadline_scan(self, today=None):
        """Set-based: light every open complaint (green/yellow/red), flag overdue ones, alert the officer
        of those turning yellow and escalate to the center leaders those turning red; then the department
        actions."""
        changed = self._deadline_scan(today=today)
        self.env["gov.complaint.action"]._deadline_scan(today=today)
        return changed

    @api.model
    def _deadline_notify(self, changed, today=None):
        """Alerts (yellow: the officer) and escalations (red: the officer and the center leaders), inserted at
        once by ``_deadline_create_activities`` (set-based, without one e-mail per activity); the activities
        show in each user's systray and their users follow the complaint. The center, officer and deadline of
        the complaints that changed are read in one query, the texts and leaders once per center."""
        ids = changed["yellow"] + changed["red"]
        if not ids:
            return
        red = set(changed["red"])
        self.env.cr.execute(
            "SELECT id, company_id, user_id, deadline FROM gov_complaint WHERE id = ANY(%s) ORDER BY id", [ids])
        rows = self.env.cr.fetchall()
        texts, leaders = {}, {}
        for company in self.env["res.company"].sudo().browse({r[1] for r in rows}):
            c_env = center_env(self, company).env
            texts[company.id] = (c_env._("Complaint deadline near"), c_env._("Complaint overdue: escalated"))
        vals_list = []
        for rid, company_id, user_id, deadline in rows:
            near, overdue = texts[company_id]
            if rid in red:
                if company_id not in leaders:
                    leaders[company_id] = set(self.browse(rid)._leader_users().ids)
                users = leaders[company_id] | ({user_id} if user_id else set())
                vals_list += [self._deadline_activity(rid, uid, overdue, deadline) for uid in sorted(users)]
            elif user_id:
                vals_list.append(self._deadline_activity(rid, user_id, near, deadline))
        self._deadline_create_activities(vals_list)


class GovComplaintCaseLink(models.Model):
    _inherit = "gov.complaint"

    case_id = fields.Many2one("gov.hall.case", "Case", index=True, tracking=True, check_company=True)
    rating_review_id = fields.Many2one("gov.hall.rating.review", "Bad Rating Review", index=True, readonly=True,
                                       copy=False)

    @api.onchange("case_id")
    def _onchange_case_id(self):
        case = self.case_id
        if not case:
            return
        self.window_id = self.window_id or case.window_id
        self.department_id = self.department_id or case.department_id
        self.employee_id = self.employee_id or case.clerk_employee_id

