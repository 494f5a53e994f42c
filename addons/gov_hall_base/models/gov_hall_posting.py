from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.protect import is_granted


class GovHallPosting(models.Model):
    """A staff member posted by their department to a window of the center (dual management)."""

    _name = "gov.hall.posting"
    _description = "Staff Posting"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "state, date_start desc, id desc"
    # the staff member and the department belong to the window's center (company_id follows the window)
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    employee_id = fields.Many2one("hr.employee", "Staff Member", required=True, index=True, tracking=True,
                                  check_company=True)
    user_id = fields.Many2one(related="employee_id.user_id", store=True, string="User")
    window_id = fields.Many2one("gov.hall.window", "Window", required=True, index=True, tracking=True)
    company_id = fields.Many2one(related="window_id.company_id", store=True, index=True, string="Center")
    department_id = fields.Many2one(
        "hr.department", "Posting Department", required=True, index=True, tracking=True,
        domain=[("gov_stationed", "=", True)], check_company=True,
        help="The department that employs the staff member and posted them to the hall.",
    )
    date_start = fields.Date("Posted On", required=True, default=fields.Date.context_today, tracking=True)
    min_term_months = fields.Integer(
        "Minimum Term (months)", default=12, required=True,
        help="A posting lasts at least one to two years; replacing the person earlier needs the center's consent.",
    )
    date_term_end = fields.Date("Minimum Term Ends", compute="_compute_date_term_end", store=True)
    date_end = fields.Date("Ended On", tracking=True, copy=False)
    state = fields.Selection(
        [("active", "On Post"), ("ended", "Ended")], default="active", required=True, tracking=True, index=True
    )
    is_chief_representative = fields.Boolean("Chief Representative", tracking=True)
    delegated_authority = fields.Html(
        "Delegated Authority",
        help="What the department authorised its chief representative to decide at the window.",
    )
    replacement_ids = fields.One2many("gov.hall.posting.replacement", "posting_id", string="Replacement Requests")

    # a person is on post at one window at a time; a department has one chief representative in a center
    _one_active_posting = models.UniqueIndex(
        "(employee_id) WHERE state = 'active'",
        "This staff member is already on post at another window: end that posting first.")
    _one_chief_representative = models.UniqueIndex(
        "(department_id, company_id) WHERE state = 'active' AND is_chief_representative",
        "This department already has a chief representative in this center: end that posting first.")

    @api.depends("employee_id", "window_id")
    def _compute_name(self):
        for posting in self:
            posting.name = f"{posting.employee_id.name or ''} @ {posting.window_id.display_name or ''}"

    @api.depends("date_start", "min_term_months")
    def _compute_date_term_end(self):
        for posting in self:
            posting.date_term_end = posting.date_start and posting.date_start + relativedelta(
                months=posting.min_term_months)

    @api.onchange("employee_id")
    def _onchange_employee_id(self):
        if self.employee_id.department_id.gov_stationed:
            self.department_id = self.employee_id.department_id

    @api.constrains("min_term_months")
    def _check_term(self):
        for posting in self:
            if not 12 <= posting.min_term_months <= 24:
                raise ValidationError(self.env._(
                    "The minimum term of a posting is one to two years (12 to 24 months)."))

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for posting in self:
            if posting.date_end and posting.date_end < posting.date_start:
                raise ValidationError(self.env._("A posting cannot end before it starts."))

    @api.model_create_multi
    def create(self, vals_list):
        # a posting ended just before (a replacement) is in the database before the unique indexes check
        self.flush_model(["state", "employee_id", "department_id", "company_id", "is_chief_representative"])
        return super().create(vals_list)

    def write(self, vals):
        self.check_access("write")
        if not is_granted(self._name):  # an approved replacement request swaps the person (see _apply)
            if "employee_id" in vals and any(p.state == "active" and p.employee_id.id != vals["employee_id"]
                                             for p in self):
                raise UserError(self.env._(
                    "The person on post cannot be swapped by editing the posting: "
                    "submit a replacement request, which the center approves."))
            if vals.get("state") == "ended" or vals.get("date_end"):
                self._check_early_end(fields.Date.to_date(vals.get("date_end")) or fields.Date.context_today(self))
        return super().write(vals)

    def _check_early_end(self, end):
        early = self.filtered(lambda p: p.state == "active" and p.date_term_end and end < p.date_term_end)
        if early and not self.env.user.has_group("gov_hall_base.group_gov_hall_admin"):
            raise UserError(self.env._(
                "The minimum term of %(names)s runs until %(date)s: ending the posting earlier needs a "
                "replacement request approved by the center.",
                names=", ".join(early.mapped("employee_id.name")), date=min(early.mapped("date_term_end"))))

    def action_end(self):
        self.write({"state": "ended", "date_end": fields.Date.context_today(self)})

    def action_request_replacement(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "gov.hall.posting.replacement",
            "view_mode": "form",
            "target": "new",
            "context": {"default_posting_id": self.id},
        }
