"""The handling opinion a center leader approves (paths 2 and 3, seed 000 四.5: 报中心领导批准).

One record per submission: the supervision office's opinion (a transfer to one department, or a
coordination of several), sent for approval by ``gov.complaint.action_propose_transfer`` /
``action_propose_coordination``; a center leader approves it or sends it back (``gov.hall.approval.mixin``).
The complaint keeps its own states and links its current opinion; what follows an approval or a refusal on
the complaint runs in ``_on_approved`` / ``_on_refused``.
"""
from odoo import fields, models
from odoo.exceptions import AccessError

from odoo.addons.gov_hall_base.tools.dates import center_today
from odoo.addons.gov_hall_base.tools.lang import center_env
from odoo.addons.gov_hall_base.tools.protect import granted

from .gov_complaint import PATHS


class GovComplaintOpinion(models.Model):
    _name = "gov.complaint.opinion"
    _description = "Complaint Handling Opinion"
    _inherit = ["mail.thread", "gov.hall.approval.mixin"]
    _order = "id desc"
    _rec_name = "complaint_id"
    _approval_submit_states = ("draft",)
    _approval_pending_state = "to_approve"
    _approval_approved_state = "approved"
    _approval_refused_state = "refused"
    # the leader may send an opinion back with the instructions written on the complaint, or none
    _approval_reason_required = False
    # written by the complaint's actions only
    _protected_fields = ("complaint_id", "path", "opinion", "department_ids")

    complaint_id = fields.Many2one("gov.complaint", "Complaint", required=True, ondelete="cascade", index=True,
                                   readonly=True)
    company_id = fields.Many2one(related="complaint_id.company_id", store=True, index=True)
    path = fields.Selection([p for p in PATHS if p[0] != "spot"], "Handling Path", required=True, readonly=True)
    opinion = fields.Text("Handling Opinion", required=True, readonly=True)
    department_ids = fields.Many2many("hr.department", "gov_complaint_opinion_department_rel", "opinion_id",
                                      "department_id", string="Handling Departments", readonly=True)
    state = fields.Selection([("draft", "Draft"), ("to_approve", "Awaiting Leader Approval"),
                              ("approved", "Approved"), ("refused", "Sent Back")],
                             default="draft", required=True, readonly=True, tracking=True, index=True, copy=False)

    # -- gov.hall.approval.mixin -------------------------------------------------------------------
    def _approval_check_submit(self):
        self.complaint_id._check_officer()

    def _approval_check_approver(self):
        """A center leader of the complaint's center (server code acting inside a grant, or data loading)."""
        if self._gov_unguarded():
            return
        user = self.env.user
        if not user.has_group(self._approval_group) or any(rec.company_id not in user.company_ids for rec in self):
            raise AccessError(self.env._("Only a center leader may approve a transfer or a coordination opinion."))

    def _approval_approvers(self):
        """The center's leaders, those who lead the center before the hall administrators who share the right."""
        approvers = super()._approval_approvers()
        return approvers.sorted(lambda u: u.has_group("gov_hall_base.group_gov_hall_admin"))

    def _approval_activity_summary(self):
        return self.env._("Approve complaint handling opinion")

    def _on_approved(self):
        today = center_today(self.company_id[:1] or self.env.company)
        with granted("gov.complaint"):
            for opinion in self:
                complaint = opinion.complaint_id
                complaint.write({"approver_id": opinion.approver_id.id, "date_approved": opinion.date_approved})
                complaint.activity_unlink(["mail.mail_activity_data_todo"])
                complaint_c = center_env(complaint)
                if opinion.path == "transfer":
                    complaint.write({"state": "department"})
                    complaint._start_step("department", today, complaint.department_days)
                    complaint._schedule(
                        complaint._department_users(complaint.transfer_department_ids),
                        complaint_c.env._("Report the result of complaint %(name)s", name=complaint.name),
                        complaint.approval_note or opinion.opinion)
                else:
                    complaint.write({"state": "coordination"})
                complaint_c.message_post(body=complaint_c.env._("Approved by %(user)s.", user=self.env.user.name))

    def _on_refused(self, reason):
        with granted("gov.complaint"):
            for opinion in self:
                complaint = opinion.complaint_id
                complaint.activity_unlink(["mail.mail_activity_data_todo"])
                complaint.write({"state": "registered", "path": False})
                complaint_c = center_env(complaint)
                complaint_c.message_post(body=complaint_c.env._(
                    "Handling opinion sent back: %(note)s", note=reason or complaint.approval_note or "-"))
