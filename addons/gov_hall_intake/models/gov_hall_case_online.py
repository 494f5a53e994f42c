"""The online service hall (网上办事大厅) on the case: a case applied for on the web is the same case the window
handles. The applicant's draft (``apply_draft``) becomes a received case (``draft``) when submitted; a clerk of the
item's zone pre-reviews it (预审): accept, one-time notice (the applicant supplements the same case) or refusal.
When no notice is given within five working days of receipt the case counts as accepted from the day of receipt
(行政许可法 第32条(四), 第82条): the daily cron accepts the overdue pre-reviews in batches."""
import logging
from datetime import timedelta

from markupsafe import Markup

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tools import SQL

from odoo.addons.gov_hall_base.models.gov_hall_deadline_mixin import Deadline
from odoo.addons.gov_hall_base.tools.dates import center_date, center_days, center_today
from odoo.addons.gov_hall_base.tools.identity import check_id_card, check_uscc
from odoo.addons.gov_hall_base.tools.lang import center_env
from odoo.addons.gov_hall_base.tools.protect import granted, protected_action

_logger = logging.getLogger(__name__)

PREREVIEW_DAYS = 5  # 行政许可法 第32条(四): five (working, 第82条) days to give the one-time notice
PREREVIEW = Deadline("gov_prereview_deadline", "gov_prereview_start", PREREVIEW_DAYS)
PREREVIEW_ACTIVITY = "gov_hall_intake.mail_activity_prereview"
ONLINE_PROTECTED = ("gov_prereview_start", "gov_prereview_deadline", "gov_prereview_late", "gov_auto_accepted",
                    "gov_agent_id", "gov_authorization_id", "gov_notice_count", "gov_supplemented",
                    "gov_date_submitted")


class GovHallCase(models.Model):
    _inherit = "gov.hall.case"

    state = fields.Selection(selection_add=[("apply_draft", "Draft Application"), ("draft",)],
                             ondelete={"apply_draft": "cascade"})
    gov_agent_id = fields.Many2one(
        "res.partner", "Agent", index="btree_not_null", readonly=True, copy=False,
        help="The person who applied for the company as its agent, under its authorisation.")
    gov_authorization_id = fields.Many2one("gov.hall.agent.authorization", "Agent Authorisation", readonly=True,
                                           copy=False, index="btree_not_null")
    gov_apply_nonce = fields.Char("Form Token", copy=False, readonly=True,
                                  help="The token of the web form that created the draft: a form sent twice "
                                       "makes one draft.")
    gov_date_submitted = fields.Datetime("Submitted Online On", readonly=True, copy=False)
    gov_prereview_start = fields.Date("Pre-Review From", readonly=True, copy=False,
                                      help="The day an online application was received, at its center.")
    gov_prereview_deadline = fields.Date(
        "Pre-Review Due", compute="_compute_gov_prereview_deadline", store=True, index="btree_not_null",
        help="Five working days after receipt: without a one-time notice by then the application counts as "
             "accepted from the day of receipt (Administrative Licensing Law, art. 32 and 82).")
    gov_prereview_late = fields.Boolean(
        "Pre-Review Running Late", readonly=True, copy=False, index=True,
        help="Set by the daily scan when the pre-review is due within the center's warning days.")
    gov_auto_accepted = fields.Boolean(
        "Accepted by Law", readonly=True, copy=False,
        help="No one-time notice within five working days of receipt: accepted from the day of receipt.")
    gov_notice_count = fields.Integer("One-Time Notices", readonly=True, copy=False, default=0)
    gov_supplemented = fields.Boolean("Supplemented Online", readonly=True, copy=False,
                                      help="The applicant supplemented the materials online since the last notice.")

    _apply_nonce_uniq = models.UniqueIndex("(applicant_id, gov_apply_nonce) WHERE gov_apply_nonce IS NOT NULL")
    _prereview_idx = models.Index("(gov_prereview_deadline) WHERE state = 'draft'")

    @api.depends("gov_prereview_start")
    def _compute_gov_prereview_deadline(self):
        self._deadline_compute(PREREVIEW)

    def _gov_protected_names(self):
        return super()._gov_protected_names() | set(ONLINE_PROTECTED)

    @api.model
    def _recompute_open_deadlines(self):
        """A new holiday schedule moves the pre-review deadlines of the applications waiting for it too."""
        count = super()._recompute_open_deadlines()
        self.env.flush_all()
        ids = self._recompute_deadlines_sql(
            SQL.identifier(self._table), SQL("t.state = 'draft'"), PREREVIEW, returning=True)
        self.invalidate_model(["gov_prereview_deadline"])
        return count + len(ids)

    # -- owners ----------------------------------------------------------------------------------------
    def _gov_is_owner(self, user=None):
        """Whether ``user`` (a portal user) is the applicant of the case or the agent who applied for it."""
        self.ensure_one()
        user = user or self.env.user
        partner = user.partner_id
        applicant = self.sudo().applicant_id
        return partner == applicant or partner.commercial_partner_id == applicant or (
            self.sudo().gov_agent_id == partner)

    def _gov_check_owner(self):
        for case in self:
            if not case._gov_is_owner():
                raise AccessError(self.env._("This application is not yours."))

    @api.model
    def _gov_check_identity(self, partner):
        """The applicant's identity, checked as at the window: a valid ID card number or USCC."""
        number = (partner.gov_id_number or "").strip()
        try:
            if partner.gov_id_type == "id_card":
                check_id_card(number)
            elif partner.gov_id_type == "uscc":
                check_uscc(number)
            elif not number:
                raise ValueError(number)
        except Exception:  # noqa: BLE001 - any stdnum validation error
            raise UserError(self.env._(
                "The identity document of %(name)s is missing or not valid: enter a valid resident ID card "
                "number or unified social credit code in your account first.", name=partner.name)) from None

    @api.model
    def _gov_apply_create(self, item, partner, authorization=None, nonce=None, phone=None):
        """The applicant's draft for ``item`` (server side, called by the portal after its checks): one draft
        per form token."""
        user = self.env.user
        applicant = partner
        if authorization:
            authorization._gov_check_valid(user.partner_id, item)
            applicant = authorization.company_partner_id
        elif partner.commercial_partner_id != user.partner_id.commercial_partner_id:
            raise AccessError(self.env._("You may apply only for yourself or for a company that authorised you."))
        if not (item.online and item.state == "published"):
            raise UserError(self.env._("%(item)s cannot be applied for online.", item=item.name))
        Case = self.sudo()
        if nonce:
            existing = Case.search([("applicant_id", "=", applicant.id), ("gov_apply_nonce", "=", nonce)], limit=1)
            if existing:
                return existing
        with granted(self):
            case = Case.create({
                "item_id": item.id, "company_id": item.company_id.id, "applicant_id": applicant.id,
                "state": "apply_draft", "intake_channel": "online", "clerk_id": False, "window_id": False,
                "gov_agent_id": user.partner_id.id if authorization else False,
                "gov_authorization_id": authorization.id if authorization else False,
                "gov_apply_nonce": nonce or False, "applicant_phone": phone or partner.phone or False,
            })
        return case

    # -- submission ------------------------------------------------------------------------------------
    @protected_action()
    def action_apply_submit(self):
        """The applicant (or its authorised agent) submits the draft: the case is received and waits for the
        pre-review. A second submit of the same draft changes nothing (returns False)."""
        self.ensure_one()
        self._gov_check_owner()
        case = self.sudo()
        if case.state != "apply_draft":
            return False
        if case.gov_authorization_id:
            case.gov_authorization_id._gov_check_valid(self.env.user.partner_id, case.item_id)
        self._gov_check_identity(case.applicant_id)
        missing = case.material_line_ids.filtered(
            lambda m: m.requirement == "required" and not m.tolerable and not m.attachment_ids)
        if missing:
            raise UserError(self.env._("Upload the required materials before submitting: %(names)s.",
                                       names="、".join(missing.mapped("name"))))
        # one submit wins: the row is switched from draft to received in one statement
        self.env.flush_all()
        self.env.cr.execute(SQL("UPDATE gov_hall_case SET state = 'draft' WHERE id = %s AND state = 'apply_draft' "
                                "RETURNING id", case.id))
        if not self.env.cr.fetchone():
            self.invalidate_recordset(["state"])
            return False
        self.invalidate_recordset(["state"])
        now = fields.Datetime.now()
        case.write({"date_received": now, "gov_date_submitted": now,
                    "gov_prereview_start": center_date(now, case.company_id)})
        for line in case.material_line_ids:
            line.received = bool(line.attachment_ids)
        case._gov_prereview_activity()
        case._gov_notify_applicant(center_env(case).env._(
            "Your application for %(item)s was received on %(day)s; it is pre-reviewed within %(n)s working days.",
            item=case.item_id.name, day=case.gov_prereview_start, n=PREREVIEW_DAYS))
        return True

    @protected_action()
    def action_apply_supplement(self):
        """The applicant supplements the materials listed in the one-time notice on the same case."""
        self.ensure_one()
        self._gov_check_owner()
        case = self.sudo()
        if case.state != "supplement":
            raise UserError(self.env._("Application %(case)s is not waiting for a supplement.", case=case.name))
        listed = case.material_line_ids.filtered(lambda m: m.gov_noticed and not m.received)
        supplied = listed.filtered(lambda m: not m.gov_awaiting and m.attachment_ids)
        if not supplied:
            raise UserError(self.env._("Upload the materials listed in the one-time notice first."))
        supplied.write({"received": True})
        case.gov_supplemented = True
        case._gov_prereview_activity()
        c_env = center_env(case).env
        case._gov_notify_applicant(c_env._("Your supplement to %(case)s was received: %(names)s.", case=case.name,
                                           names="、".join(supplied.mapped("name"))))
        return True

    def _gov_zone_clerks(self):
        """The clerks posted to a window of the item's zones (else of the item's department, else any clerk
        of the center)."""
        self.ensure_one()
        Posting = self.env["gov.hall.posting"].sudo()
        domain = Domain("state", "=", "active") & Domain("company_id", "=", self.company_id.id)
        item = self.item_id
        postings = Posting.search(domain & Domain("window_id.zone_id", "in", item.zone_ids.ids)) if item.zone_ids \
            else Posting.search(domain & Domain("department_id", "=", item.department_id.id))
        users = postings.employee_id.user_id.filtered(
            lambda u: u.active and u.has_group("gov_hall_base.group_gov_clerk"))
        if not users:
            users = self.env.ref("gov_hall_base.group_gov_clerk").sudo().all_user_ids.filtered(
                lambda u: u.active and self.company_id in u.company_ids and not u._is_superuser()
                and u.has_group("gov_hall_base.group_gov_clerk"))[:1]
        return users

    def _gov_prereview_activity(self):
        for case in self:
            case.activity_unlink([PREREVIEW_ACTIVITY])
            # assigned by the system (OdooBot), not by the applicant's portal account
            case_c = center_env(case.with_user(SUPERUSER_ID))
            for user in case._gov_zone_clerks():
                case_c.activity_schedule(
                    PREREVIEW_ACTIVITY, date_deadline=case.gov_prereview_deadline or center_today(case.company_id),
                    user_id=user.id, summary=case_c.env._("Pre-review online application %(case)s",
                                                          case=case.name if case.name != "/" else case.item_id.name))

    def _gov_notify_applicant(self, body):
        """A message to the applicant (and the agent) by mail, in the center's language."""
        for case in self:
            partners = (case.applicant_id | case.gov_agent_id).filtered("email")
            center_env(case.sudo()).message_post(
                body=body, partner_ids=partners.ids, message_type="notification",
                subtype_xmlid="mail.mt_comment")

    # -- pre-review: the window's actions, with the online rules ---------------------------------------
    def _gov_notice_too_late(self, received, today):
        """Online, the five days of the notice are working days (行政许可法 第82条)."""
        if self.intake_channel == "online":
            return self.env["gov.hall.calendar"].add_working_days(received, PREREVIEW_DAYS) < today
        return super()._gov_notice_too_late(received, today)

    def action_one_time_notice(self):
        # 一次性告知: a later notice asks only for what an earlier one listed (and was not supplied right)
        for case in self.filtered("gov_notice_count"):
            new = case.sudo().material_line_ids.filtered(lambda m: not m.received and not m.gov_noticed)
            if new:
                raise UserError(self.env._(
                    "The one-time notice of %(case)s did not ask for %(names)s: a later notice may ask again only "
                    "for what the first one listed (Administrative Licensing Law, art. 32).",
                    case=case.name, names="、".join(new.mapped("name"))))
        res = super().action_one_time_notice()
        with granted(self):
            for case in self.sudo():
                case.material_line_ids.filtered(lambda m: not m.received).write({"gov_noticed": True,
                                                                                 "gov_awaiting": True})
                case.write({"gov_notice_count": case.gov_notice_count + 1, "gov_supplemented": False,
                            "gov_prereview_late": False})
                case.activity_feedback([PREREVIEW_ACTIVITY])
                if case.intake_channel == "online":
                    case._gov_notify_applicant(Markup("%s<br/>%s") % (
                        center_env(case).env._("One-time notice: please supplement online the materials below."),
                        case.missing_material_names or ""))
        return res

    def action_refuse_intake(self, reason, basis=None):
        res = super().action_refuse_intake(reason, basis)
        with granted(self):
            for case in self.sudo():
                case.gov_prereview_late = False
                case.activity_feedback([PREREVIEW_ACTIVITY])
                if case.intake_channel == "online":
                    case._gov_notify_applicant(center_env(case).env._(
                        "Your application %(case)s was not accepted: %(reason)s", case=case.name, reason=reason))
        return res

    def action_accept(self):
        self._check_clerk()
        online = self.filtered(lambda c: c.intake_channel == "online")
        with granted(self):
            for case in online.sudo().filtered(lambda c: not c.window_id):
                window = case._gov_clerk_window(self.env.user)
                if window:
                    case.write({"window_id": window.id, "clerk_id": self.env.uid})
                else:
                    case.clerk_id = self.env.uid
        res = super().action_accept()
        online.sudo()._gov_after_online_accept()
        return res

    def action_decide(self, decision, basis=None, note=None):
        res = super().action_decide(decision, basis, note)
        for case in self.sudo().filtered(lambda c: c.intake_channel == "online" and c.state == "decided"):
            c_env = center_env(case).env
            case._gov_notify_applicant(c_env._(
                "Case %(case)s is decided: %(decision)s.", case=case.name,
                decision=dict(case._fields["decision"]._description_selection(c_env)).get(case.decision, "")))
        return res

    def action_deliver(self, *args, **kwargs):
        res = super().action_deliver(*args, **kwargs)
        for case in self.sudo().filtered(lambda c: c.intake_channel == "online" and c.state == "delivered"):
            case._gov_notify_applicant(center_env(case).env._(
                "The result of %(case)s is delivered. Please rate the service on your case page.", case=case.name))
        return res

    def _gov_clerk_window(self, user):
        """The window of ``user``'s active posting in the item's zones (the window that answers for the case)."""
        self.ensure_one()
        postings = self.env["gov.hall.posting"].sudo().search([
            ("employee_id.user_id", "=", user.id), ("state", "=", "active"),
            ("company_id", "=", self.company_id.id)])
        if self.item_id.zone_ids:
            postings = postings.filtered(lambda p: p.window_id.zone_id in self.item_id.zone_ids)
        return postings.window_id.filtered(lambda w: w.kind in ("comprehensive", "department", "rotating",
                                                                 "seasonal", "agency"))[:1]

    def _gov_after_online_accept(self):
        with granted(self):
            self.write({"gov_prereview_late": False})
        self.activity_feedback([PREREVIEW_ACTIVITY])
        for case in self:
            c_env = center_env(case).env
            if case.gov_auto_accepted:
                body = c_env._("No one-time notice was given within %(n)s working days: your application is "
                               "accepted by law from the day of receipt (%(day)s) as %(case)s; promised deadline "
                               "%(deadline)s.", n=PREREVIEW_DAYS, day=case.date_accepted, case=case.name,
                               deadline=case.deadline)
            else:
                body = c_env._("Your application is accepted as %(case)s; promised deadline %(deadline)s. The "
                               "acceptance notice is on your case page.", case=case.name, deadline=case.deadline)
            case._gov_notify_applicant(body)

    def _acceptance_material_problems(self):
        if self.gov_auto_accepted:
            return ""
        return super()._acceptance_material_problems()

    # -- the legal limit, set-based ----------------------------------------------------------------------
    @api.model
    def _gov_prereview_overdue_domain(self, today):
        return (Domain("state", "=", "draft") & Domain("intake_channel", "=", "online")
                & Domain("gov_notice_count", "in", (0, False)) & Domain("gov_prereview_deadline", "<", today))

    @api.model
    def _cron_prereview(self, today=None):
        """Daily: flag the pre-reviews due within the center's warning days, then accept by law those whose five
        working days passed without a notice (accepted from the day of receipt). Returns the cases accepted."""
        calendar = self.env["gov.hall.calendar"]
        accepted = self.browse()
        for day, centers in center_days(self.env, today):
            company_dom = Domain("company_id", "in", centers) if centers else Domain.TRUE
            overdue = self.sudo().search(self._gov_prereview_overdue_domain(day) & company_dom)
            if overdue:
                overdue._gov_accept_by_law()
                accepted |= overdue
            # the light of the board: due by the warning day, still waiting
            warn = {}
            for company in self.env["res.company"].sudo().browse(centers) if centers else \
                    self.env["res.company"].sudo().search([]):
                warn[company.id] = calendar.add_working_days(day, company.gov_yellow_days or 1)
            self.env.flush_all()
            for company_id, limit in warn.items():
                self.env.cr.execute(SQL("""
                    UPDATE gov_hall_case SET gov_prereview_late = (gov_prereview_deadline <= %(limit)s)
                     WHERE company_id = %(company)s AND state IN ('draft', 'supplement')
                       AND intake_channel = 'online' AND gov_prereview_deadline IS NOT NULL
                       AND COALESCE(gov_notice_count, 0) = 0
                       AND gov_prereview_late IS DISTINCT FROM (gov_prereview_deadline <= %(limit)s)
                """, limit=limit, company=company_id))
            self.invalidate_model(["gov_prereview_late"])
        if accepted:
            _logger.info("Pre-review: %d online application(s) accepted by law", len(accepted))
        return accepted

    def _gov_accept_by_law(self):
        """Accept these overdue pre-reviews from their day of receipt, in batches per item and day."""
        with granted(self, "gov.hall.case.fee", "gov.hall.case.task"):
            cases = self.sudo()
            for (item, start), group in cases.grouped(lambda c: (c.item_id, c.gov_prereview_start)).items():
                group.write({"state": "accepted", "gov_auto_accepted": True, "date_accepted": start,
                             "deadline_start": start, "deadline_days": item.promised_days,
                             "supervision_color": "green"})
                fees = [{"case_id": c.id, "name": f.name, "amount": f.amount, "basis": f.basis}
                        for c in group for f in item.fee_line_ids]
                if fees:
                    self.env["gov.hall.case.fee"].sudo().create(fees)
                for case in group:
                    case.write({"name": self._next_number(case.company_id, "case", start),
                                "query_code": self._new_query_code()})
            cases._route()
            for case in cases:
                case_c = center_env(case)
                case_c._message_log(body=case_c.env._(
                    "Accepted by law: no one-time notice within %(n)s working days of receipt (%(day)s).",
                    n=PREREVIEW_DAYS, day=case.date_accepted))
            cases._gov_after_online_accept()
        return True

    # -- timeline ----------------------------------------------------------------------------------------
    def _gov_timeline(self):
        """The steps of the case for the applicant: (day, label, detail), in order."""
        self.ensure_one()
        case = self.sudo()
        _ = center_env(case).env._
        steps = []
        if case.state == "apply_draft":
            return [(False, _("Draft saved"), _("Not submitted yet"))]
        steps.append((center_date(case.date_received, case.company_id), _("Application received"),
                      _("Online") if case.intake_channel == "online" else (case.window_id.name or "")))
        if case.notice_date and case.gov_notice_count:
            steps.append((case.notice_date, _("Pre-reviewed"),
                          _("One-time notice (%(n)s)", n=case.gov_notice_count)))
        if case.state == "refused":
            steps.append((case.notice_date, _("Not accepted"), case.refusal_reason or ""))
        if case.date_accepted:
            steps.append((case.date_accepted, _("Accepted"),
                          _("Accepted by law") if case.gov_auto_accepted else case.name))
        for task in case.task_ids.filtered(lambda t: t.state != "cancel"):
            steps.append((task.date_done, task.department_id.name,
                          _("Done") if task.state == "done" else _("In progress")))
        if case.date_decided:
            steps.append((case.date_decided, _("Decided"),
                          dict(case._fields["decision"]._description_selection(center_env(case).env)).get(
                              case.decision, "")))
        if case.date_delivered:
            steps.append((case.date_delivered, _("Delivered"), ""))
        return steps

    def action_open_prereview_wizard(self):
        self.ensure_one()
        return self._open_wizard("gov.hall.prereview.wizard", self.env._("Pre-Review"))

    # -- demo ----------------------------------------------------------------------------------------------
    @api.model
    def _demo_create_online(self):
        """Online applications of the demo applicant (孙丽) in each state, through the real actions."""
        ref = self.env.ref
        user = ref("gov_hall_base.user_applicant", raise_if_not_found=False)
        if not user:
            return False
        if self.sudo().search_count([("intake_channel", "=", "online"), ("applicant_id", "=", user.partner_id.id)]):
            return False  # already there (an update runs the demo functions again)
        clerk = ref("gov_hall_base.user_clerk")
        calendar = self.env["gov.hall.calendar"]
        Case = self.with_user(user).with_context(tracking_disable=True, mail_notrack=True)
        Attachment = self.env["ir.attachment"]
        pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

        def upload(case, count=None):
            for line in case.sudo().material_line_ids[:count]:
                att = Attachment.create({"name": f"{line.name}.pdf", "raw": pdf, "mimetype": "application/pdf",
                                         "res_model": "gov.hall.case.material", "res_id": line.id})
                line._gov_add_upload(att)

        def submitted(item_xmlid, authorization=None, count=None):
            case = Case._gov_apply_create(ref(item_xmlid), user.partner_id, authorization=authorization)
            upload(case, count)
            case.action_apply_submit()
            return case.with_user(clerk)

        # a draft, not submitted yet
        draft = Case._gov_apply_create(ref("gov_hall_intake.item_sr_shipin"), user.partner_id)
        upload(draft, 1)
        # received today, waiting for the pre-review of the 综合受理 zone
        submitted("gov_hall_intake.item_sr_shebaoka")
        # a one-time notice given online: the site certificate is missing
        notice = submitted("gov_hall_intake.item_sr_getihu", count=2)
        notice.action_one_time_notice()
        # received 7 working days ago without a notice: accepted by law from the day of receipt
        late = submitted("gov_hall_intake.item_sr_shebaoka")
        today = center_today(late.company_id)
        received = calendar.subtract_working_days(today, PREREVIEW_DAYS + 2)
        with granted(late):
            late.sudo().write({"date_received": fields.Datetime.to_datetime(received) + timedelta(hours=2),
                               "gov_prereview_start": received})
        self._cron_prereview(today=today)
        # an agent's authorisation by the company, and an application it prepared for the company
        company = self.env["res.partner"].search([("gov_id_number", "=", "91361100MA35A1B2CY")], limit=1)
        if company:
            Auth = self.env["gov.hall.agent.authorization"]
            with granted(Auth):
                auth = Auth.sudo().create({
                    "company_partner_id": company.id, "agent_partner_id": user.partner_id.id,
                    "item_ids": [(6, 0, ref("gov_hall_intake.item_sr_shipin").ids)],
                    "date_end": calendar.add_days(today, 365)})
            agent_draft = Case._gov_apply_create(ref("gov_hall_intake.item_sr_shipin"), user.partner_id,
                                                 authorization=auth)
            upload(agent_draft, 2)
        return True
