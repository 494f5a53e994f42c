"""Fault accountability records (责任追究, seed 000).

Fault accountability: a fault is intentional or negligent (故意/过失), by act or omission (作为/不作为);
the handler bears it, or the window head who should have caught it, or the leader who signed.
"""
from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.gov_hall_base.tools.protect import granted

FAULT_TYPES = [("intentional", "Intentional"), ("negligent", "Negligent")]
FAULT_FORMS = [("act", "By act"), ("omission", "By omission")]
FAULT_HOLDERS = [("handler", "Handler"), ("window_head", "Window head"),
                 ("leader", "Signing leader")]
MEASURES = [
    ("education", "Criticism and education"),
    ("self_criticism", "Written self-criticism"),
    ("circular", "Circulated criticism"),
    ("admonition", "Admonishing talk"),
    ("removal", "Removed from the window"),
    ("discipline", "Referred for disciplinary action"),
]


class GovAssessmentAccountability(models.Model):
    _name = "gov.assessment.accountability"
    _description = "Fault Accountability Record"
    _inherit = ["mail.thread", "mail.activity.mixin", "gov.assessment.confirmable.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    # the reference comes from the sequence on create
    _protected_fields = ("state", "name")
    _event_source = "accountability"
    # who, when and what was decided (the scored event and the measure)
    _draft_fields = frozenset({"company_id", "date", "origin", "complaint_id", "case_id", "employee_id", "window_id",
                               "department_id", "fault_type", "fault_form", "fault_holder", "measure"})

    name = fields.Char("Reference", required=True, readonly=True, copy=False, default="/")
    company_id = fields.Many2one("res.company", "Center", required=True, index=True,
                                 default=lambda self: self.env.company)
    date = fields.Date("Decided On", required=True, default=fields.Date.context_today, tracking=True)
    origin = fields.Selection(
        [("complaint", "Complaint"), ("case", "Case"), ("inspection", "Inspection"), ("other", "Other")],
        default="complaint", required=True, tracking=True)
    origin_ref = fields.Char("Origin Reference", help="Complaint or case number when no record is linked.")
    complaint_id = fields.Many2one("gov.complaint", "Complaint", index=True, tracking=True, check_company=True,
                                   domain="[('substantiated', '=', True)]")
    case_id = fields.Many2one("gov.hall.case", "Case", index=True, tracking=True, check_company=True)
    fault_type = fields.Selection(FAULT_TYPES, required=True, default="negligent", tracking=True)
    fault_form = fields.Selection(FAULT_FORMS, required=True, default="act", tracking=True)
    fault_holder = fields.Selection(FAULT_HOLDERS, required=True, default="handler", tracking=True)
    employee_id = fields.Many2one("hr.employee", "Person Held Responsible", index=True, tracking=True,
                                  check_company=True)
    window_id = fields.Many2one("gov.hall.window", "Window", index=True, tracking=True, check_company=True)
    department_id = fields.Many2one("hr.department", "Department", index=True, tracking=True, check_company=True)
    facts = fields.Text("Facts", required=True)
    measure = fields.Selection(MEASURES, "Measure Taken", tracking=True)
    measure_note = fields.Text("Measure Details")
    state = fields.Selection([("draft", "Draft"), ("confirmed", "Confirmed"), ("cancel", "Cancelled")],
                             default="draft", required=True, tracking=True, index=True, copy=False)

    @api.model_create_multi
    def create(self, vals_list):
        self = self._gov_clean_env()
        vals_list = [dict(vals) for vals in vals_list]
        # what the caller sends is checked first; the reference is then taken from the sequence here
        self._gov_check_protected_create(vals_list)
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("gov.assessment.accountability") or "/"
        with granted(self):
            return super().create(vals_list)

    @api.onchange("complaint_id")
    def _onchange_complaint_id(self):
        complaint = self.complaint_id
        if not complaint:
            return
        self.origin = "complaint"
        self.fault_type = complaint.fault_type or self.fault_type
        self.fault_form = complaint.fault_form or self.fault_form
        self.fault_holder = complaint.fault_holder or self.fault_holder
        self.window_id = complaint.window_id
        self.department_id = complaint.department_id or complaint.fault_employee_id.department_id
        self.employee_id = complaint.fault_employee_id or complaint.employee_id
        if "case_id" in complaint._fields and complaint.case_id:
            self.case_id = complaint.case_id
        if not self.facts:
            self.facts = complaint.name

    @api.onchange("case_id")
    def _onchange_case_id(self):
        case = self.case_id
        if not case or self.complaint_id:
            return
        self.origin = "case"
        self.window_id = case.window_id
        self.department_id = case.department_id
        if self.fault_holder == "handler":
            handler = self.env["hr.employee"].search([("user_id", "=", case.handler_id.id)], limit=1) \
                if case.handler_id else case.clerk_employee_id
            self.employee_id = handler or case.clerk_employee_id

    @api.model
    def _prepare_from_complaint(self, complaint):
        return {
            "company_id": complaint.company_id.id,
            "origin": "complaint",
            "complaint_id": complaint.id,
            "origin_ref": complaint.name,
            "fault_type": complaint.fault_type or "negligent",
            "fault_form": complaint.fault_form or "act",
            "fault_holder": complaint.fault_holder or "handler",
            "employee_id": (complaint.fault_employee_id or complaint.employee_id).id,
            "window_id": complaint.window_id.id,
            "department_id": (complaint.department_id or complaint.fault_employee_id.department_id).id,
            "facts": complaint.name,
            "case_id": complaint.case_id.id if "case_id" in complaint._fields else False,
        }

    @api.onchange("fault_holder", "window_id", "department_id")
    def _onchange_fault_holder(self):
        holder = self._holder_employee()
        if holder:
            self.employee_id = holder

    def _holder_employee(self):
        """Who bears the fault by default: the window head or the department's leader."""
        self.ensure_one()
        if self.fault_holder == "window_head":
            return self.window_id.head_employee_id
        if self.fault_holder == "leader":
            return self.department_id.manager_id
        return self.env["hr.employee"]

    @api.onchange("employee_id")
    def _onchange_employee_id(self):
        if self.employee_id and not self.department_id:
            self.department_id = self.employee_id.department_id

    def _confirmable_message(self, key):
        if key == "locked":
            return self.env._(
                "A confirmed or cancelled accountability record cannot change who, when, the fault or the "
                "measure: record a new one.")
        if key == "delete":
            return self.env._("A confirmed accountability record cannot be deleted: cancel it.")
        if key == "officer":
            return self.env._(
                "Only the supervision office or an HR assessor confirms or cancels fault accountability records.")
        if key == "draft":
            return self.env._("Only a draft record can be confirmed.")
        return self.env._("This fault accountability record is already cancelled.")

    def _check_confirmable(self):
        for rec in self:
            if rec.state != "draft":
                raise UserError(self._confirmable_message("draft"))
            if not rec.employee_id:
                raise UserError(self.env._("Name the person held responsible (%(holder)s).",
                                           holder=dict(FAULT_HOLDERS)[rec.fault_holder]))
            if not rec.measure:
                raise UserError(self.env._("Record the measure taken against %(name)s.", name=rec.employee_id.name))
