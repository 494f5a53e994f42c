from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL

from odoo.addons.gov_hall_base.tools.dates import center_today
from odoo.addons.gov_hall_base.tools.lang import center_env
from odoo.addons.gov_hall_base.tools.protect import is_granted, protected_action


class GovHallCaseTask(models.Model):
    """The part of a routed case one department handles, with its own sub-deadline (并联审批)."""

    _name = "gov.hall.case.task"
    _description = "Department Task of a Case"
    _inherit = ["mail.thread", "mail.activity.mixin", "gov.hall.deadline.mixin", "gov.hall.protected.mixin"]
    _order = "deadline, id"
    _check_company_auto = True
    _deadline_open_domain = Domain("state", "=", "open")
    # the review's state, result and dates (action_done), its sub-deadline (routing, clock of the case)
    _protected_fields = ("state", "opinion", "date_done", "deadline_start", "deadline_days", "deadline_paused_days",
                         "is_overdue", "supervision_color")

    name = fields.Char(compute="_compute_name", store=True)
    case_id = fields.Many2one("gov.hall.case", required=True, ondelete="cascade", index=True, check_company=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True, string="Center")
    item_id = fields.Many2one(related="case_id.item_id", string="Service Item")
    applicant_id = fields.Many2one(related="case_id.applicant_id", string="Applicant")
    department_id = fields.Many2one("hr.department", "Department", required=True, index=True, check_company=True)
    is_lead = fields.Boolean("First-Handling Department")
    user_id = fields.Many2one("res.users", "Reviewer", index=True, tracking=True)
    state = fields.Selection([("open", "Open"), ("done", "Done"), ("cancel", "Cancelled")],
                             default="open", required=True, index=True, tracking=True)
    opinion = fields.Selection([("approve", "Agree"), ("reject", "Disagree")], tracking=True)
    note = fields.Text("Review Opinion")
    date_done = fields.Date("Done On", readonly=True)
    is_overdue = fields.Boolean("Overdue", compute="_compute_is_overdue", store=True, index=True)

    @api.depends("case_id.name", "department_id")
    def _compute_name(self):
        for task in self:
            task.name = f"{task.case_id.name} / {task.department_id.name or ''}"

    @api.depends("deadline", "date_done", "state")
    def _compute_is_overdue(self):
        for task in self:
            today = center_today(task.company_id)
            if task.date_done and task.deadline:
                task.is_overdue = task.date_done > task.deadline
            else:
                task.is_overdue = bool(task.state == "open" and task.deadline and task.deadline < today
                                       and not task.case_id.paused)

    # the supervision scan of the case colours its open tasks too (gov.hall.deadline.mixin)
    @api.model
    def _deadline_scan_domain(self):
        return self._deadline_open_domain & Domain("case_id.paused", "=", False)

    @api.model
    def _deadline_scan_set_sql(self, today, color):
        return [SQL("is_overdue = %s.is_overdue OR %s = 'red'", SQL.identifier(self._table), color)]

    @api.constrains("deadline_days", "case_id")
    def _check_sub_deadline(self):
        for task in self:
            if task.deadline_days and task.case_id.deadline_days and task.deadline_days > task.case_id.deadline_days:
                raise ValidationError(self.env._(
                    "The sub-deadline of %(dept)s cannot be longer than the case's time limit.",
                    dept=task.department_id.name))

    def write(self, vals):
        if not (is_granted(self._name) or not self.pool.ready):
            if {"state", "opinion", "date_done", "department_id"} & set(vals):
                self._check_own_department()
            if {"case_id", "department_id", "is_lead"} & set(vals):
                # a task is the routing of its case: it stays with the case and department it was routed to
                raise UserError(self.env._(
                    "The department and case of a task are set when the case is routed and cannot be changed."))
        return super().write(vals)

    def _check_own_department(self):
        user = self.env.user
        if user.has_group("gov_hall_base.group_gov_hall_admin"):
            return
        mine = user.employee_ids.department_id
        for task in self:
            if task.department_id not in mine:
                raise UserError(self.env._(
                    "Task %(task)s belongs to %(dept)s: a reviewer acts only on their own department's tasks.",
                    task=task.name, dept=task.department_id.name))
        if not user.has_group("gov_hall_base.group_gov_reviewer"):
            raise UserError(self.env._("Only a department reviewer handles department tasks."))

    def action_take(self):
        self._check_own_department()
        self.write({"user_id": self.env.uid})
        return True

    @protected_action()
    def action_done(self, opinion="approve", note=None):
        self._check_own_department()
        if opinion not in ("approve", "reject"):
            raise UserError(self.env._("A department review agrees or disagrees."))
        for task in self:
            if task.state != "open":
                raise UserError(self.env._("Task %(task)s is not open.", task=task.name))
            if task.case_id.paused:
                raise UserError(self.env._("The clock of %(case)s is paused.", case=task.case_id.name))
            task.write({"state": "done", "opinion": opinion, "note": note or task.note,
                        "date_done": center_today(task.company_id), "user_id": task.user_id.id or self.env.uid})
            task._deadline_close_alerts()
            case_c = center_env(task.case_id.sudo())
            case_c.message_post(body=case_c.env._(
                "%(dept)s finished its review: %(op)s. %(note)s", dept=task.department_id.name,
                op=dict(self._fields["opinion"]._description_selection(case_c.env))[opinion], note=note or ""))
        return True

    def action_open_done_wizard(self):
        self.ensure_one()
        self._check_own_department()
        return {
            "type": "ir.actions.act_window", "res_model": "gov.hall.case.decide.wizard", "view_mode": "form",
            "target": "new", "name": self.env._("Department Review"),
            "context": {"default_task_id": self.id, "default_mode": "task"},
        }
