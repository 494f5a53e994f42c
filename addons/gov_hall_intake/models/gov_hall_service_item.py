"""Service item catalog (事项目录) with the "ten disclosures" (十公开) and versioning.

A published version is frozen: editing the catalog means creating a new draft version
(``action_new_version``), submitting it and having a hall administrator approve it. The approved
version supersedes the previous one; cases keep the version they were accepted under.
"""
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.gov_hall_base.tools.dates import center_today
from odoo.addons.gov_hall_base.tools.lang import center_env
from odoo.addons.gov_hall_base.tools.protect import granted, is_granted

ITEM_TYPES = [
    ("licensing", "Administrative licensing"),
    ("public_service", "Public service"),
    ("other_power", "Other administrative power"),
]
CASE_TYPES = [
    ("instant", "Instant"),
    ("promised", "Promised"),
    ("joint", "Joint / parallel approval"),
]
DECISION_LEVELS = [
    ("reviewer", "Department reviewer"),
    ("chief", "Chief representative (delegated authority)"),
    ("leader", "Department leadership (goes up for approval)"),
]
VERSION_STATES = [
    ("draft", "Draft"),
    ("to_approve", "Awaiting Approval"),
    ("published", "In Force"),
    ("superseded", "Superseded"),
]
# fields that describe the item itself: frozen once a version is in force
VERSIONED_FIELDS = {
    "name", "code", "item_type", "case_type", "department_id", "joint_department_ids", "legal_days",
    "promised_days", "task_days", "legal_basis", "procedure", "conditions", "progress_query", "fee_items",
    "fee_standard", "fee_basis", "visits_required", "online", "delivery_window", "delivery_mail",
    "delivery_electronic", "zone_ids", "material_ids", "fee_line_ids", "decision_level", "company_id",
}


class GovHallServiceItem(models.Model):
    _name = "gov.hall.service.item"
    _description = "Service Item"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "company_id, code, version desc, id"
    _check_company_auto = True

    name = fields.Char("Item Name", required=True, tracking=True)
    code = fields.Char("Item Code", required=True, tracking=True, index=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", "Center", required=True, index=True,
                                 default=lambda self: self.env.company)
    department_id = fields.Many2one(
        "hr.department", "Implementing Department", required=True, index=True, tracking=True, check_company=True,
        domain="[('gov_stationed', '=', True), ('company_id', 'in', [company_id, False])]",
    )
    joint_department_ids = fields.Many2many(
        "hr.department", "gov_hall_item_joint_dept_rel", "item_id", "department_id",
        string="Parallel Departments", check_company=True,
        domain="[('gov_stationed', '=', True), ('company_id', 'in', [company_id, False])]",
        help="For joint items: the other departments that review in parallel, each with its own task.",
    )
    item_type = fields.Selection(ITEM_TYPES, "Item Type", required=True, default="licensing", tracking=True)
    case_type = fields.Selection(CASE_TYPES, "Case Type", required=True, default="promised", tracking=True)
    decision_level = fields.Selection(
        DECISION_LEVELS, "Decided By", required=True, default="chief", tracking=True,
        help="Who may decide: a reviewer of the department, its chief representative within the authority "
        "the department delegated, or the department's leadership (the decision goes up for approval).",
    )
    legal_days = fields.Integer("Legal Limit (working days)", required=True, default=20, tracking=True)
    promised_days = fields.Integer("Promised Limit (working days)", required=True, default=10, tracking=True)
    task_days = fields.Integer(
        "Department Sub-deadline (working days)",
        help="Working days each department has for its task; empty means the promised limit.",
    )
    # the ten disclosures (十公开)
    legal_basis = fields.Text("Legal Basis of the Item")
    procedure = fields.Text("Procedure")
    conditions = fields.Text("Conditions")
    progress_query = fields.Text("Progress Query", default=lambda self: center_env(self).env._(
        "Look up the progress online with the case number and the query code printed on the acceptance notice."))
    fee_items = fields.Text("Fee Items")
    fee_standard = fields.Text("Fee Standard")
    fee_basis = fields.Text("Fee Basis")
    material_ids = fields.One2many("gov.hall.service.material", "item_id", string="Materials", copy=True)
    fee_line_ids = fields.One2many("gov.hall.service.fee", "item_id", string="Fees", copy=True)
    visits_required = fields.Integer("Visits Required", default=1)
    online = fields.Boolean("Can Be Applied Online")
    delivery_window = fields.Boolean("Result at the Window", default=True)
    delivery_mail = fields.Boolean("Free Mailing of the Result", default=True)
    delivery_electronic = fields.Boolean("Electronic Result / e-License")
    zone_ids = fields.Many2many(
        "gov.hall.zone", "gov_hall_item_zone_rel", "item_id", "zone_id", string="Zones", check_company=True,
        domain="[('company_id', '=', company_id)]",
        help="The zones whose comprehensive windows may accept this item.",
    )
    website_published = fields.Boolean("Guide Published", default=True)
    # versioning
    version = fields.Integer(default=1, required=True, readonly=True, copy=False)
    state = fields.Selection(VERSION_STATES, "Version Status", default="draft", required=True, tracking=True,
                             copy=False, index=True)
    root_id = fields.Many2one("gov.hall.service.item", "First Version", readonly=True, index=True, copy=False)
    previous_id = fields.Many2one("gov.hall.service.item", "Previous Version", readonly=True, copy=False)
    version_ids = fields.One2many("gov.hall.service.item", "root_id", string="Versions")
    version_note = fields.Text("Changes in This Version", copy=False)
    date_effective = fields.Date("In Force Since", readonly=True, copy=False)
    approver_id = fields.Many2one("res.users", "Approved By", readonly=True, copy=False)
    case_count = fields.Integer(compute="_compute_case_count", string="Cases")
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    fee_total = fields.Monetary(compute="_compute_fee_total", string="Total Fee")
    required_material_count = fields.Integer(compute="_compute_fee_total", string="Required Materials")

    _code_version_uniq = models.Constraint(
        "unique(company_id, code, version)", "An item code can have each version only once per center.")
    _days_positive = models.Constraint(
        "CHECK(legal_days >= 0 AND promised_days >= 0 AND visits_required >= 0)",
        "Time limits and visits cannot be negative.")
    # one version in force per item code and center (archived versions aside)
    _one_in_force = models.UniqueIndex(
        "(company_id, code) WHERE state = 'published' AND active",
        "This item code already has a version in force in this center.")

    @api.depends("code", "name", "version")
    def _compute_display_name(self):
        for item in self:
            item.display_name = f"[{item.code}] {item.name}" + (f" v{item.version}" if item.version > 1 else "")

    def _compute_case_count(self):
        counts = dict(self.env["gov.hall.case"]._read_group(
            [("item_id", "in", self.ids)], ["item_id"], ["__count"]))
        for item in self:
            item.case_count = counts.get(item, 0)

    @api.depends("fee_line_ids.amount", "material_ids.requirement")
    def _compute_fee_total(self):
        for item in self:
            item.fee_total = sum(item.fee_line_ids.mapped("amount"))
            item.required_material_count = len(item.material_ids.filtered(lambda m: m.requirement == "required"))

    # -- rules ---------------------------------------------------------------------------------------
    @api.constrains("legal_days", "promised_days", "case_type", "task_days")
    def _check_limits(self):
        for item in self:
            if item.promised_days > item.legal_days:
                raise ValidationError(self.env._(
                    "Item %(name)s: the promised limit (%(promised)s working days) cannot be longer than the "
                    "legal limit (%(legal)s working days).",
                    name=item.name, promised=item.promised_days, legal=item.legal_days))
            if item.case_type == "instant" and item.promised_days:
                raise ValidationError(self.env._(
                    "Item %(name)s is an instant item: it is decided the same day, its promised limit must be"
                    " 0 working days.", name=item.name))
            if item.case_type != "instant" and not item.promised_days:
                raise ValidationError(self.env._(
                    "Item %(name)s needs a promised limit of at least one working day, or must be an "
                    "instant item.", name=item.name))
            if item.task_days and item.task_days > item.promised_days:
                raise ValidationError(self.env._(
                    "Item %(name)s: a department's sub-deadline cannot be longer than the promised limit.",
                    name=item.name))

    @api.constrains("case_type", "joint_department_ids", "department_id")
    def _check_joint(self):
        for item in self:
            if item.case_type == "joint" and not item.joint_department_ids:
                raise ValidationError(self.env._(
                    "Joint item %(name)s needs the departments that review in parallel.", name=item.name))
            if item.department_id in item.joint_department_ids:
                raise ValidationError(self.env._(
                    "The implementing department of %(name)s is the lead department: do not list it again "
                    "among the parallel departments.", name=item.name))

    # -- versioning ------------------------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        # a new record is not an edit of a version in force: its lines may be created with it
        with granted(self):
            items = super().create(vals_list)
        for item in items.filtered(lambda i: not i.root_id):
            item.root_id = item
        return items.with_env(self.env)

    def write(self, vals):
        frozen = VERSIONED_FIELDS & set(vals)
        if frozen and not is_granted(self._name):
            locked = self.filtered(lambda i: i.state in ("published", "superseded", "to_approve"))
            if locked:
                raise UserError(self.env._(
                    "Version %(version)s of item %(name)s is %(state)s and cannot be edited: create a new "
                    "version, which takes effect when a hall administrator approves it.",
                    version=locked[0].version, name=locked[0].name,
                    state=dict(self._fields["state"]._description_selection(self.env))[locked[0].state]))
        return super().write(vals)

    def unlink(self):
        if any(item.state != "draft" for item in self):
            raise UserError(self.env._("Only a draft version of an item can be deleted; archive the others."))
        return super().unlink()

    def action_new_version(self):
        """Copy this version into a new draft version of the same item."""
        self.ensure_one()
        if self.state not in ("published", "superseded"):
            raise UserError(self.env._("Only a version in force can be revised: edit this draft directly."))
        pending = self.search([("root_id", "=", self.root_id.id), ("state", "in", ("draft", "to_approve"))],
                              limit=1)
        if pending:
            raise UserError(self.env._(
                "Version %(version)s of %(name)s is already being prepared: continue with it.",
                version=pending.version, name=pending.name))
        last = max(self.search([("root_id", "=", self.root_id.id)]).mapped("version"))
        new = self.copy({
            "version": last + 1, "state": "draft", "root_id": self.root_id.id, "previous_id": self.id,
            "name": self.name,
        })
        return {
            "type": "ir.actions.act_window", "res_model": self._name, "res_id": new.id,
            "view_mode": "form", "target": "current",
        }

    def action_submit(self):
        for item in self:
            if item.state != "draft":
                raise UserError(self.env._("Only a draft version can be submitted for approval."))
            item.state = "to_approve"
            admins = self.env.ref("gov_hall_base.group_gov_hall_admin").all_user_ids.filtered(
                lambda u, item=item: item.company_id in u.company_ids and u.id != self.env.ref("base.user_root").id)
            if admins:
                center_env(item).activity_schedule(
                    "mail.mail_activity_data_todo", user_id=admins[0].id,
                    summary=center_env(item).env._("Approve version %(v)s of item %(name)s", v=item.version,
                                                   name=item.name))
        return True

    def _check_admin(self):
        if not self.env.user.has_group("gov_hall_base.group_gov_hall_admin"):
            raise UserError(self.env._("Only a hall administrator can approve a version of the item catalog."))

    def action_approve(self):
        self._check_admin()
        for item in self:
            if item.state != "to_approve":
                raise UserError(self.env._("Only a version awaiting approval can be approved."))
            old = self.search([("company_id", "=", item.company_id.id), ("code", "=", item.code),
                               ("state", "=", "published"), ("id", "!=", item.id)])
            old.write({"state": "superseded", "website_published": False})
            old.flush_recordset(["state"])   # before the new version is in force (one version in force)
            item.write({"state": "published", "date_effective": center_today(item.company_id),
                        "approver_id": self.env.uid})
            center_env(item).message_post(body=center_env(item).env._("Version %(v)s approved and in force.", v=item.version))
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def action_refuse(self, reason):
        self._check_admin()
        for item in self:
            if item.state != "to_approve":
                raise UserError(self.env._("Only a version awaiting approval can be refused."))
            item.state = "draft"
            center_env(item).message_post(body=center_env(item).env._("Version %(v)s sent back: %(reason)s", v=item.version,
                                                          reason=reason))
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    def action_open_refuse_wizard(self):
        return {
            "type": "ir.actions.act_window", "res_model": "gov.hall.refuse.wizard", "view_mode": "form",
            "target": "new", "context": {"active_model": self._name, "active_ids": self.ids},
        }

    def action_view_cases(self):
        return {
            "type": "ir.actions.act_window", "res_model": "gov.hall.case", "name": self.env._("Cases"),
            "view_mode": "list,form", "domain": [("item_id", "in", self.ids)],
        }

    @api.model
    def _in_force(self, company=None):
        domain = [("state", "=", "published")]
        if company:
            domain.append(("company_id", "=", company.id))
        return self.search(domain)
