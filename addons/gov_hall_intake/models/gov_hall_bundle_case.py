"""A bundle case: one submission of a bundle (一件事一次办), one child case per item.

``gov_submit`` receives the merged form at one window: one bundle case, one child case per item of the bundle,
every child accepted at once (one combined acceptance notice) with its own department and clock; the children of
a later stage get their clock from the end of the earlier stage (their planned start), and none of them is decided
before the earlier stage is. The lead window answers for the whole; the results are handed out together or one by
one as the applicant chose.
"""
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.gov_hall_base.tools.dates import center_today
from odoo.addons.gov_hall_base.tools.lang import center_env
from odoo.addons.gov_hall_base.tools.protect import granted

DONE_CASE_STATES = ("decided", "delivered")
CLOSED_CASE_STATES = ("decided", "delivered", "refused", "cancel")


class GovHallBundleCase(models.Model):
    _name = "gov.hall.bundle.case"
    _description = "Bundle Case"
    _inherit = ["mail.thread", "gov.hall.protected.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _protected_fields = ("name", "bundle_id", "applicant_id", "company_id", "state", "date_accepted", "date_done",
                         "window_id", "clerk_id", "intake_channel")

    name = fields.Char("Bundle Case Number", required=True, default="/", readonly=True, copy=False)
    bundle_id = fields.Many2one("gov.hall.bundle", "Bundle", required=True, index=True, readonly=True,
                                check_company=True)
    company_id = fields.Many2one("res.company", "Center", required=True, index=True, readonly=True)
    applicant_id = fields.Many2one("res.partner", "Applicant", required=True, index=True, readonly=True)
    window_id = fields.Many2one("gov.hall.window", "Lead Window", readonly=True, check_company=True)
    clerk_id = fields.Many2one("res.users", "Received By", readonly=True)
    intake_channel = fields.Selection([("window", "At the window"), ("online", "Online")], "Channel",
                                      default="window", readonly=True)
    date_accepted = fields.Date("Accepted On", readonly=True)
    case_ids = fields.One2many("gov.hall.case", "bundle_case_id", string="Cases")
    state = fields.Selection([("open", "In Progress"), ("done", "Decided"), ("cancel", "Cancelled")],
                             compute="_compute_state", store=True, index=True, string="Status")
    date_done = fields.Date("Last Decision On", compute="_compute_state", store=True)
    delivery_together = fields.Boolean(
        "Results Handed Out Together", default=True,
        help="The applicant's choice: every result at once when the last one is decided, or each when ready.")

    @api.depends("case_ids.state", "case_ids.date_decided")
    def _compute_state(self):
        for bcase in self:
            cases = bcase.case_ids.filtered(lambda c: c.state != "cancel")
            if not cases:
                bcase.state, bcase.date_done = ("cancel" if bcase.case_ids else "open"), False
            elif all(c.state in CLOSED_CASE_STATES for c in cases):
                bcase.state = "done"
                bcase.date_done = max(cases.mapped("date_decided") or [False]) or False
            else:
                bcase.state, bcase.date_done = "open", False

    # -- one submission ------------------------------------------------------------------------------------
    @api.model
    def gov_submit(self, bundle, applicant, window, received_names, delivery_together=True, commitment=None,
                   channel="window"):
        """Receive the bundle's merged form: ``received_names`` are the merged materials handed in (a shared
        material once). Every item is accepted or nothing is: a missing material raises and keeps nothing."""
        if not self.env.user.has_group("gov_hall_base.group_gov_clerk"):
            raise AccessError(self.env._("Only a front-desk clerk receives applications."))
        bundle = self.env["gov.hall.bundle"].browse(bundle.id if hasattr(bundle, "id") else int(bundle))
        applicant = self.env["res.partner"].browse(applicant.id if hasattr(applicant, "id") else int(applicant))
        window = self.env["gov.hall.window"].browse(
            window.id if hasattr(window, "id") else int(window or 0)) if window else self.env["gov.hall.window"]
        bundle.check_access("read")
        applicant.check_access("read")
        if window:
            window.check_access("read")
        if not bundle.line_ids:
            raise UserError(self.env._("Bundle %(b)s has no item.", b=bundle.name))
        received = {n.strip() for n in received_names or []}
        company = bundle.company_id
        today = center_today(company)
        with granted(self):
            bcase = self.sudo().create({
                "name": self.env["ir.sequence"].sudo().next_by_code("gov.hall.bundle.case") or "/",
                "bundle_id": bundle.id, "company_id": company.id, "applicant_id": applicant.id,
                "window_id": window.id if window else False, "clerk_id": self.env.uid, "intake_channel": channel,
                "date_accepted": today, "delivery_together": delivery_together,
            })
        Case = self.env["gov.hall.case"]
        cases = Case
        for line in bundle.line_ids.sorted(lambda l: (l.stage, l.sequence, l.id)):
            case = Case.create({
                "item_id": line.item_id.id, "applicant_id": applicant.id, "company_id": company.id,
                "window_id": window.id if window else False, "commitment": commitment,
                "intake_channel": "online" if channel == "online" else "window",
            })
            with granted(Case):
                case.sudo().write({"bundle_case_id": bcase.id, "bundle_stage": line.stage})
            case.material_line_ids.filtered(lambda m: m.name.strip() in received).write({"received": True})
            cases |= case
        for case in cases:
            try:
                case.action_accept()
            except (UserError, AccessError) as error:
                raise UserError(self.env._("%(item)s: %(error)s", item=case.item_id.name, error=error.args[0])) from error
        bcase._gov_plan_stages()
        bcase_c = center_env(bcase)
        bcase_c.sudo().message_post(body=bcase_c.env._(
            "Received as one thing: %(n)s item(s) accepted in %(s)s stage(s).", n=len(cases),
            s=len(set(cases.mapped("bundle_stage")))))
        return bcase

    def _gov_plan_stages(self):
        """The clock of each later stage starts at the planned end of the stage before it."""
        for bcase in self:
            cases = bcase.case_ids
            start = None
            for stage in sorted(set(cases.mapped("bundle_stage"))):
                stage_cases = cases.filtered(lambda c, s=stage: c.bundle_stage == s)
                if start:
                    with granted("gov.hall.case", "gov.hall.case.task"):
                        stage_cases.sudo().write({"deadline_start": start})
                        stage_cases.task_ids.sudo().write({"deadline_start": start})
                start = max(stage_cases.mapped("deadline"))

    def action_print_notice(self):
        return self.env.ref("gov_hall_intake.action_report_bundle_notice").report_action(self)
