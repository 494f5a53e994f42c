"""Cross-region handling (跨域通办, 国办发〔2020〕35号): remote intake on behalf (异地代收代办).

The receiving center only receives (收件): it checks the applicant's identity and the form, scans the materials and
sends the originals by free post, then forwards. The case belongs to the owning center from the start: its clerk
accepts (受理) within its own five working days of the forwarding, on its own clock, and its department decides;
the result is mailed free or handed out at the receiving window. The receiving center follows the status of the
cases it forwarded through the record rules (``receiving_company_id``) and reads nothing else of the owning
center; it cannot change them.

When the applicant chose to collect the result at the receiving window, the receiving center's clerk records the
delivery there (``action_deliver_receiving_window``: the one thing that clerk may do on the other center's case,
checked, then written as the superuser); the owning center does not hand it out itself. Front-desk actions of a
clerk (fees, delivery, a rating entered for the applicant) are otherwise refused on another center's case.
A daily scan alerts the owning center's clerks (an activity) when its five working days to accept a forwarded case
are about to run out (``_cron_remote_accept_alert``, one search per center and day).
"""
import contextvars
import logging

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

from odoo.addons.gov_hall_base.tools.dates import center_days, center_today
from odoo.addons.gov_hall_base.tools.lang import center_env
from odoo.addons.gov_hall_base.tools.protect import granted

_logger = logging.getLogger(__name__)

REMOTE_ACCEPT_DAYS = 5
REMOTE_ACCEPT_ALERT = "remote_accept"   # the gov_deadline tag of the acceptance alert
CROSS_REGION_PROTECTED = {"receiving_company_id", "remote_received_date", "remote_accept_due",
                          "remote_accepted_late", "remote_originals_tracking", "remote_accept_alerted",
                          "remote_delivered_by_id", "remote_result_at"}
# the ids of the cases whose delivery the receiving center's clerk is recording (set by the named action, server
# side only: not a context key a client could send)
_RECEIVING_DELIVERY = contextvars.ContextVar("gov_hall_receiving_delivery", default=frozenset())


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
    remote_accept_alerted = fields.Boolean(
        "Acceptance Alert Sent", readonly=True, copy=False,
        help="The owning center's clerks were alerted that the five working days to accept are running out.")
    remote_delivered_by_id = fields.Many2one(
        "res.users", "Handed Out at the Receiving Window By", readonly=True, copy=False)

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
        self.filtered(lambda c: c.intake_channel == "remote")._deadline_close_alerts([REMOTE_ACCEPT_ALERT])
        return res

    def action_one_time_notice(self):
        res = super().action_one_time_notice()
        self.filtered(lambda c: c.intake_channel == "remote")._deadline_close_alerts([REMOTE_ACCEPT_ALERT])
        return res

    # -- the result at the receiving window ------------------------------------------------------------
    def _check_front_desk(self):
        """A clerk's front-desk actions stay within the clerk's own centers; the receiving center's clerk only
        records the delivery at the receiving window, through its named action."""
        super()._check_front_desk()
        user = self.env.user
        allowed = _RECEIVING_DELIVERY.get()
        foreign = self.sudo().filtered(lambda c: c.company_id not in user.company_ids and c.id not in allowed)
        if foreign:
            raise AccessError(self.env._(
                "Case %(case)s belongs to %(center)s: a clerk of another center may only hand out its result at "
                "the receiving window, when the applicant chose to collect it there.",
                case=foreign[0].name, center=foreign[0].company_id.name))

    def action_deliver(self, method=None, recipient=None, signature=None, tracking=None, carrier=None,
                       address=None):
        for case in self.sudo().filtered(lambda c: c.intake_channel == "remote"
                                         and c.remote_result_at == "receiving_window"):
            if case.id not in _RECEIVING_DELIVERY.get():
                raise UserError(self.env._(
                    "The applicant collects the result of %(case)s at the receiving window of %(center)s: the "
                    "clerk there records the delivery.", case=case.name, center=case.receiving_company_id.name))
        return super().action_deliver(method, recipient=recipient, signature=signature, tracking=tracking,
                                      carrier=carrier, address=address)

    def action_deliver_receiving_window(self, recipient=None, signature=None):
        """The receiving center's clerk hands out the result of a forwarded case at the receiving window, as
        the applicant chose at intake: the name and signature of the person collecting it. The clerk may read
        the case (its own forwarded case) and nothing else of the owning center: checked here, then the
        delivery is written as the superuser."""
        self.ensure_one()
        user = self.env.user
        if not user.has_group("gov_hall_base.group_gov_clerk"):
            raise AccessError(self.env._(
                "Only a front-desk clerk collects fees, hands out results and enters ratings for the applicant."))
        self.check_access("read")
        case = self.sudo()
        if case.intake_channel != "remote" or case.remote_result_at != "receiving_window":
            raise UserError(self.env._(
                "Case %(case)s is not handed out at a receiving window: the applicant did not choose it.",
                case=case.name))
        if case.receiving_company_id != self.env.company or case.receiving_company_id not in user.company_ids:
            raise AccessError(self.env._(
                "Only a clerk of %(center)s, the center that received case %(case)s, hands out its result there.",
                center=case.receiving_company_id.name, case=case.name))
        token = _RECEIVING_DELIVERY.set(_RECEIVING_DELIVERY.get() | {case.id})
        try:
            case.action_deliver("window", recipient=recipient, signature=signature)
        finally:
            _RECEIVING_DELIVERY.reset(token)
        with granted(self):
            case.write({"remote_delivered_by_id": user.id})
        case_c = center_env(case)
        case_c.message_post(body=case_c.env._(
            "Result handed out at the receiving window of %(center)s by %(clerk)s.",
            center=case.receiving_company_id.name, clerk=user.name))
        return True

    # -- the owning center's acceptance clock ---------------------------------------------------------
    @api.model
    def _gov_remote_alert_domain(self, limit):
        return (Domain("intake_channel", "=", "remote") & Domain("state", "=", "draft")
                & Domain("remote_accept_due", "<=", limit) & Domain("remote_accept_alerted", "in", (False,)))

    @api.model
    def _cron_remote_accept_alert(self, today=None):
        """Daily: the forwarded cases whose acceptance is due within the owning center's warning days (yellow
        days, at least one working day) get an activity for the owning center's clerks of the item's zone, once.
        One search per center and day; the activities are created together. Returns the cases alerted."""
        calendar = self.env["gov.hall.calendar"]
        Company = self.env["res.company"].sudo()
        alerted = self.browse()
        for day, centers in center_days(self.env, today):
            companies = Company.browse(centers) if centers else Company.search([])
            for company in companies:
                limit = calendar.add_working_days(day, company.gov_yellow_days or 1)
                cases = self.sudo().search(self._gov_remote_alert_domain(limit)
                                           & Domain("company_id", "=", company.id))
                if not cases:
                    continue
                c_env = center_env(cases[:1]).env
                vals = []
                for _item, group in cases.grouped("item_id").items():
                    clerks = group[:1]._gov_zone_clerks()
                    for case in group:
                        for clerk in clerks:
                            vals.append(self._deadline_activity(
                                case.id, clerk, c_env._(
                                    "Accept forwarded case from %(center)s by %(due)s",
                                    center=case.receiving_company_id.name, due=case.remote_accept_due),
                                case.remote_accept_due, deadline=REMOTE_ACCEPT_ALERT))
                self._deadline_create_activities(vals)
                with granted(self):
                    cases.write({"remote_accept_alerted": True})
                alerted |= cases
        if alerted:
            _logger.info("Cross-region: %d forwarded case(s) alerted for acceptance", len(alerted))
        return alerted

    # -- demo ----------------------------------------------------------------------------------------------
    @api.model
    def _demo_create_cross_region(self):
        """社会保障卡申领 of 上饶 listed for cross-region handling; 涵江区行政服务中心 received two applications of 孙丽 on
        its behalf: one waiting for 上饶's acceptance (result mailed), one decided whose result 孙丽 collects at the
        receiving window of 涵江."""
        ref = self.env.ref
        item = ref("gov_hall_intake.item_sr_shebaoka", raise_if_not_found=False)
        applicant = ref("gov_hall_base.user_applicant", raise_if_not_found=False)
        receiving = self.env["res.company"].sudo().search([("gov_center_code", "=", "HJ")], limit=1)
        admin = ref("base.user_admin")
        if not (item and applicant and receiving) or receiving not in admin.company_ids or self.sudo().search_count(
                [("receiving_company_id", "=", receiving.id)]):
            return False
        with granted(item):
            item.sudo().cross_region = True
        Case = self.with_user(admin).with_company(receiving).with_context(tracking_disable=True)
        names = item.material_ids.mapped("name")
        Case.gov_remote_receive(item.id, applicant.partner_id.id, names, "EMS1180088001", result_at="mail")
        case = Case.gov_remote_receive(item.id, applicant.partner_id.id, names, "EMS1180088002",
                                       result_at="receiving_window")
        case = self.browse(case.id)
        case.with_user(ref("gov_hall_base.user_clerk")).action_accept()
        reviewer = ref("gov_hall_base.user_reviewer")
        case.task_ids.with_user(reviewer).action_done("approve", "参保信息核对无误。")
        case.with_user(reviewer).action_decide("approved", "《中华人民共和国社会保险法》第五十八条")
        return case

