"""Cross-region handling (跨域通办, 国办发〔2020〕35号): remote intake on behalf (异地代收代办).

The receiving center only receives (收件): it checks the applicant's identity and the form, scans the materials and
sends the originals by free post, then forwards. The case belongs to the owning center from the start: its clerk
accepts (受理) within its own five working days of the forwarding, on its own clock, and its department decides;
the result is mailed free or handed out at the receiving window. The receiving center follows the status of the
cases it forwarded through the record rules (``receiving_company_id``) and reads nothing else of the owning
center; it cannot change them.
"""
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.gov_hall_base.tools.dates import center_today
from odoo.addons.gov_hall_base.tools.lang import center_env
from odoo.addons.gov_hall_base.tools.protect import granted

REMOTE_ACCEPT_DAYS = 5
CROSS_REGION_PROTECTED = {"receiving_company_id", "remote_received_date", "remote_accept_due",
                          "remote_accepted_late", "remote_originals_tracking"}


class GovHallCase(models.Model):
    _inherit = "gov.hall.case"

    receiving_company_id = fields.Many2one(
        "res.company", "Received On Behalf At", index=True, readonly=True, copy=False,
        help="Cross-region handling: the center that received the application for this one and forwarded it.")
    remote_received_date = fields.Date("Received There On", readonly=True, copy=False)
    remote_accept_due = fields.Date(
        "Acceptance Due", readonly=True, copy=False,
        help="The owning center accepts or gives its one-time notice within five working days of the forwarding.")
    remote_accepted_late = fields.Boolean("Accepted After the Due Day", readonly=True, copy=False)
    remote_originals_tracking = fields.Char("Originals Sent By Post (tracking)", readonly=True, copy=False)
    remote_result_at = fields.Selection(
        [("mail", "Mailed free to the applicant"), ("receiving_window", "At the receiving window")],
        "Result Handed Out", copy=False)

    def _gov_protected_names(self):
        return super()._gov_protected_names() | CROSS_REGION_PROTECTED

    @api.model
    def gov_remote_receive(self, item, applicant, received_names, originals_tracking, result_at="mail"):
        """The receiving center (the user's current center) receives an application for ``item`` of another
        center and forwards it; returns the case, which belongs to the owning center."""
        user = self.env.user
        if not user.has_group("gov_hall_base.group_gov_clerk"):
            raise AccessError(self.env._("Only a front-desk clerk receives applications."))
        receiving = self.env.company
        item = self.env["gov.hall.service.item"].sudo().browse(item.id if hasattr(item, "id") else int(item))
        applicant = self.env["res.partner"].browse(applicant.id if hasattr(applicant, "id") else int(applicant))
        applicant.check_access("read")
        if not item.exists() or item.state != "published" or not item.cross_region:
            raise UserError(self.env._("This item is not on the list of items handled across regions."))
        owning = item.company_id
        if owning == receiving:
            raise UserError(self.env._("%(item)s belongs to this center: receive it as an ordinary case.",
                                       item=item.name))
        if not applicant.sudo().gov_id_number:
            raise UserError(self.env._("Check the applicant's identity first: %(name)s has no identity number.",
                                       name=applicant.name))
        if not (originals_tracking or "").strip():
            raise UserError(self.env._("The originals go to %(c)s by free post: enter the tracking number.",
                                       c=owning.name))
        received = {n.strip() for n in received_names or []}
        today_there = center_today(receiving)
        due = self.env["gov.hall.calendar"].add_working_days(center_today(owning), REMOTE_ACCEPT_DAYS)
        with granted(self):
            case = self.sudo().with_company(owning).create({
                "item_id": item.id, "applicant_id": applicant.id, "company_id": owning.id,
                "intake_channel": "remote", "clerk_id": user.id, "receiving_company_id": receiving.id,
                "remote_received_date": today_there, "remote_accept_due": due,
                "remote_originals_tracking": originals_tracking.strip(), "remote_result_at": result_at,
            })
            case.material_line_ids.filtered(lambda m: m.name.strip() in received).write({"received": True})
        case_c = center_env(case).sudo()
        case_c.message_post(body=Markup("%s") % case_c.env._(
            "Received on behalf at %(r)s on %(d)s and forwarded (originals by post: %(t)s); to accept by %(due)s.",
            r=receiving.name, d=today_there, t=case.remote_originals_tracking, due=due))
        return self.browse(case.id)

    def action_accept(self):
        late = self.filtered(lambda c: c.intake_channel == "remote" and c.remote_accept_due
                             and center_today(c.company_id) > c.remote_accept_due)
        res = super().action_accept()
        if late:
            with granted(self):
                late.sudo().write({"remote_accepted_late": True})
        return res
