from odoo import fields, models
from odoo.fields import Domain

from odoo.addons.gov_hall_base.tools.dates import center_today

from ..report.case_statistics_xlsx import DIMENSIONS


class GovHallStatisticsWizard(models.TransientModel):
    _name = "gov.hall.statistics.wizard"
    _inherit = ["gov.hall.job.mixin"]
    _description = "Case Statistics Export"

    # days of the center (the statistics count a case on the day it was received at its center)
    date_from = fields.Date("From", required=True,
                            default=lambda self: center_today(self.env.company).replace(month=1, day=1))
    date_to = fields.Date("To", required=True, default=lambda self: center_today(self.env.company))
    company_ids = fields.Many2many("res.company", string="Centers", default=lambda self: self.env.companies)
    by_channel = fields.Boolean("By Channel", default=True,
                                help="Window, online, cross-region and bundle (one thing done once).")
    by_zone = fields.Boolean("By Zone", default=True)
    by_department = fields.Boolean("By Department", default=True)
    by_window = fields.Boolean("By Window", default=True)
    by_clerk = fields.Boolean("By Clerk", default=True)
    by_item = fields.Boolean("By Item", default=True)
    by_month = fields.Boolean("By Month", default=True)

    def _domain(self):
        domain = Domain("date_received", ">=", self.date_from) & Domain("date_received", "<=", self.date_to)
        if self.company_ids:
            domain &= Domain("company_id", "in", self.company_ids.ids)
        return domain

    def _dimensions(self):
        dims = ["company_id"]
        for flag, dim in [("by_channel", "channel"), ("by_zone", "zone_id"), ("by_department", "department_id"), ("by_window", "window_id"),
                          ("by_clerk", "clerk_id"), ("by_item", "item_id"), ("by_month", "date_received:month")]:
            if self[flag]:
                dims.append(dim)
        return [d for d in dims if d in DIMENSIONS]

    def action_export(self):
        return self.env.ref("gov_hall_intake.action_report_case_statistics_xlsx").report_action(self)

    def action_export_background(self):
        """A large export (a province, a year) built in a background job: the XLSX arrives in the user's
        inbox, the user is notified when it is there."""
        self.ensure_one()
        return self._gov_delay("_export_to_inbox", self.env._("Case statistics export"))

    def _export_to_inbox(self):
        """The job: the same XLSX as the Export button, sent to the user's inbox as an attachment."""
        self.ensure_one()
        content, ext = self.env["ir.actions.report"]._render("gov_hall_intake.case_statistics_xlsx", self.ids,
                                                             data={})
        name = self.env._("Case statistics %(start)s to %(end)s", start=self.date_from, end=self.date_to)
        # the figures are read as the user (above); the file goes to the user's own inbox (its partner
        # record, which a user may not write: sudo for the attachment and the notification only)
        partner = self.env.user.partner_id.sudo()
        attachment = self.env["ir.attachment"].sudo().create({
            "name": f"{name}.{ext}", "raw": content, "res_model": "res.partner", "res_id": partner.id,
            "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
        partner.message_notify(partner_ids=partner.ids, subject=name, attachment_ids=attachment.ids,
                               body=self.env._("Your case statistics export is ready: %(name)s", name=name))
        return self.env._("Sent to the inbox: %(name)s", name=attachment.name)
