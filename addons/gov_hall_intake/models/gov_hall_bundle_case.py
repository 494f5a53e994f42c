"""A bundle case: one submission of a bundle (一件事一次办), one child case per item.

``gov_submit`` receives the merged form at one window: one bundle case, one child case per item of the bundle,
every child accepted at once (one combined acceptance notice) with its own department and clock; the children of
a later stage get their clock from the end of the earlier stage (their planned start), and none of them is decided
before the earlier stage is. The lead window answers for the whole; the results are handed out together or one by
one as the applicant chose.
"""
import contextlib
import contextvars

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.gov_hall_base.tools.dates import center_today
from odoo.addons.gov_hall_base.tools.lang import center_env
from odoo.addons.gov_hall_base.tools.protect import granted, protected_action

DONE_CASE_STATES = ("decided", "delivered")
CLOSED_CASE_STATES = ("decided", "delivered", "refused", "cancel")
RECEIVED_CASE_STATES = ("draft", "supplement")
# the child cases a bundle action is accepting or submitting as one thing (server side only: not a context key)
_BUNDLE_ACTION = contextvars.ContextVar("gov_hall_bundle_action", default=frozenset())


@contextlib.contextmanager
def bundle_action(cases):
    """Within: ``cases`` (children of a bundle) may be accepted or submitted, as one thing."""
    token = _BUNDLE_ACTION.set(_BUNDLE_ACTION.get() | frozenset(cases.ids))
    try:
        yield
    finally:
        _BUNDLE_ACTION.reset(token)


def in_bundle_action(case):
    return case.id in _BUNDLE_ACTION.get()


class GovHallBundleCase(models.Model):
    _name = "gov.hall.bundle.case"
    _description = "Bundle Case"
    _inherit = ["mail.thread", "gov.hall.protected.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _protected_fields = ("name", "bundle_id", "applicant_id", "company_id", "state", "date_accepted", "date_done",
                         "window_id", "clerk_id", "intake_channel", "gov_apply_nonce")

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
    state = fields.Selection([("apply_draft", "Draft Application"), ("received", "Waiting for Pre-Review"),
                              ("open", "In Progress"), ("done", "Decided"), ("cancel", "Cancelled")],
                             compute="_compute_state", store=True, index=True, string="Status")
    gov_apply_nonce = fields.Char("Form Token", copy=False, readonly=True,
                                  help="The token of the web form that created the draft: a form sent twice "
                                       "makes one draft.")
    date_done = fields.Date("Last Decision On", compute="_compute_state", store=True)
    delivery_together = fields.Boolean(
        "Results Handed Out Together", default=True,
        help="The applicant's choice: every result at once when the last one is decided, or each when ready.")

    lead_case_id = fields.Many2one(
        "gov.hall.case", "Lead Case", compute="_compute_lead_case_id",
        help="The case of the first item, at the lead window: the bundle's one rating is recorded on it, so that "
             "it counts once, for the lead window.")
    rating_value = fields.Integer("Rating", compute="_compute_rating_value",
                                  help="The bundle's one rating, recorded on its lead case.")

    _apply_nonce_uniq = models.UniqueIndex("(applicant_id, gov_apply_nonce) WHERE gov_apply_nonce IS NOT NULL")

    @api.depends("case_ids.state", "case_ids.date_decided")
    def _compute_state(self):
        for bcase in self:
            cases = bcase.case_ids.filtered(lambda c: c.state != "cancel")
            if not cases:
                bcase.state, bcase.date_done = ("cancel" if bcase.case_ids else "open"), False
            elif all(c.state == "apply_draft" for c in cases):
                bcase.state, bcase.date_done = "apply_draft", False
            elif all(c.state in RECEIVED_CASE_STATES for c in cases):
                bcase.state, bcase.date_done = "received", False
            elif all(c.state in CLOSED_CASE_STATES for c in cases):
                bcase.state = "done"
                bcase.date_done = max(cases.mapped("date_decided") or [False]) or False
            else:
                bcase.state, bcase.date_done = "open", False

    @api.depends("case_ids.bundle_stage", "case_ids.state")
    def _compute_lead_case_id(self):
        for bcase in self:
            cases = bcase.sudo().case_ids.filtered(lambda c: c.state != "cancel").sorted(
                lambda c: (c.bundle_stage, c.id))
            at_lead = cases.filtered(lambda c: c.window_id == bcase.sudo().window_id) if bcase.sudo().window_id \
                else cases
            bcase.lead_case_id = (at_lead or cases)[:1].with_env(bcase.env)

    @api.depends("case_ids.rating_value")
    def _compute_rating_value(self):
        for bcase in self:
            bcase.rating_value = max(bcase.sudo().case_ids.mapped("rating_value") or [0])

    # -- one rating (一事一评: the bundle is one thing) ----------------------------------------------------------
    @api.private
    def action_rate(self, value, feedback=None, channel="web"):
        """The applicant rates the bundle case once, as a whole, when every item is decided; the rating is
        recorded on the lead case (the first item, at the lead window), so that it counts once, for the lead
        window. ``channel`` web: the applicant (portal); staff: a clerk entering it for the applicant."""
        self.ensure_one()
        if channel == "web":
            self._gov_check_owner()
        elif channel == "staff":
            if not self.env.user.has_group("gov_hall_base.group_gov_clerk"):
                raise AccessError(self.env._(
                    "Only a front-desk clerk collects fees, hands out results and enters ratings for the "
                    "applicant."))
            self.check_access("read")
        else:
            raise UserError(self.env._("A bundle case is rated on its portal page or by the clerk."))
        bcase = self.sudo()
        if bcase.state != "done":
            raise UserError(self.env._(
                "Bundle case %(b)s is rated once every item is decided.", b=bcase.name))
        lead = bcase.lead_case_id
        if not lead or bcase.case_ids.rating_ids.filtered("consumed"):
            raise UserError(self.env._("Bundle case %(b)s has already been rated: one thing, one rating.",
                                       b=bcase.name))
        try:
            value = int(value)
        except (TypeError, ValueError):
            value = 0
        if value not in (1, 2, 3, 4, 5):
            raise UserError(self.env._(
                "A rating is one of the five levels, 1 (very dissatisfied) to 5 (very satisfied)."))
        return lead._gov_apply_rating(value, feedback, channel)

    def action_open_rate_wizard(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "gov.hall.case.rate.wizard", "view_mode": "form",
                "target": "new", "name": self.env._("Rating"), "context": {"default_bundle_case_id": self.id}}

    # -- one submission ------------------------------------------------------------------------------------
    @api.model
    def gov_submit(self, bundle, applicant, window, received_names, delivery_together=True, commitment=None):
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
        bcase = self._gov_open(bundle, applicant, window, "window", delivery_together, commitment)
        received = {n.strip() for n in received_names or []}
        bcase.case_ids.material_line_ids.filtered(lambda m: m.name.strip() in received).write({"received": True})
        bcase._gov_accept_children()
        return bcase

    @api.model
    def _gov_open(self, bundle, applicant, window, channel, delivery_together=True, commitment=None, nonce=None):
        """The bundle case and its child cases, one per item in the order of the stages (server side, after the
        caller's checks). At the window the children are received cases (``draft``); online they are the
        applicant's drafts (``apply_draft``) until the applicant submits the merged form."""
        company = bundle.company_id
        online = channel == "online"
        with granted(self):
            bcase = self.sudo().create({
                "name": self.env["ir.sequence"].sudo().next_by_code("gov.hall.bundle.case") or "/",
                "bundle_id": bundle.id, "company_id": company.id, "applicant_id": applicant.id,
                "window_id": window.id if window else False, "clerk_id": False if online else self.env.uid,
                "intake_channel": channel, "date_accepted": False if online else center_today(company),
                "delivery_together": delivery_together, "gov_apply_nonce": nonce or False,
            })
        Case = self.env["gov.hall.case"]
        vals = []
        lines = bundle.line_ids.sorted(lambda l: (l.stage, l.sequence, l.id))
        for line in lines:
            case_vals = {"item_id": line.item_id.id, "applicant_id": applicant.id, "company_id": company.id,
                         "window_id": window.id if window else False, "commitment": commitment,
                         "intake_channel": "online" if online else "window"}
            if online:
                case_vals.update(state="apply_draft", clerk_id=False,
                                 applicant_phone=applicant.phone or False)
            vals.append(case_vals)
        if online:
            with granted(Case):
                cases = Case.sudo().create(vals)
        else:
            cases = Case.create(vals)
        with granted(Case):
            for case, line in zip(cases, lines):
                case.sudo().write({"bundle_case_id": bcase.id, "bundle_stage": line.stage})
        return bcase

    def _gov_accept_children(self):
        """Accept every child case at once (one combined acceptance notice), each with its own department and
        clock, then plan the stages. Every item is accepted or nothing is: a missing material raises."""
        for bcase in self:
            cases = bcase.case_ids.filtered(lambda c: c.state != "cancel").sorted(lambda c: (c.bundle_stage, c.id))
            for case in cases:
                try:
                    with bundle_action(case):
                        case.action_accept()
                except (UserError, AccessError) as error:
                    raise UserError(self.env._("%(item)s: %(error)s", item=case.item_id.name,
                                               error=error.args[0])) from error
            bcase._gov_plan_stages()
            bcase_c = center_env(bcase)
            bcase_c.sudo().message_post(body=bcase_c.env._(
                "Received as one thing: %(n)s item(s) accepted in %(s)s stage(s).", n=len(cases),
                s=len(set(cases.mapped("bundle_stage")))))
        return True

    # -- online: the applicant's merged form (/my/apply/bundle) -------------------------------------------
    @api.model
    def _gov_bundle_online(self, bundle):
        """Whether ``bundle`` can be applied for online: every item of it published and online."""
        items = bundle.sudo().line_ids.item_id
        return bool(items) and bundle.sudo().active and all(
            i.online and i.state == "published" for i in items)

    @api.model
    def _gov_apply_create(self, bundle, partner, nonce=None, phone=None, delivery_together=True):
        """The applicant's draft of ``bundle`` (server side, called by the portal): one bundle case and one draft
        case per item, through the same code as the window's intake. One draft per form token."""
        user = self.env.user
        if partner.commercial_partner_id != user.partner_id.commercial_partner_id:
            raise AccessError(self.env._("You may apply only for yourself or for a company that authorised you."))
        bundle = bundle.sudo()
        if not self._gov_bundle_online(bundle):
            raise UserError(self.env._("%(bundle)s cannot be applied for online.", bundle=bundle.name))
        applicant = partner.commercial_partner_id if partner.commercial_partner_id.is_company else partner
        if nonce:
            existing = self.sudo().search([("applicant_id", "=", applicant.id), ("gov_apply_nonce", "=", nonce)],
                                          limit=1)
            if existing:
                return existing
        bcase = self.sudo()._gov_open(bundle, applicant, self.env["gov.hall.window"], "online",
                                      delivery_together=delivery_together, nonce=nonce)
        if phone:
            with granted("gov.hall.case"):
                bcase.case_ids.write({"applicant_phone": phone})
        return self.browse(bcase.id)

    def _gov_is_owner(self, user=None):
        self.ensure_one()
        partner = (user or self.env.user).partner_id
        applicant = self.sudo().applicant_id
        return partner == applicant or partner.commercial_partner_id == applicant

    def _gov_check_owner(self):
        for bcase in self:
            if not bcase._gov_is_owner():
                raise AccessError(self.env._("This application is not yours."))

    def _gov_merged_materials(self):
        """The merged form of the bundle case: one entry per distinct material, in the order first asked, with
        the child cases' material lines it stands for: ``[{name, lines, required, tolerable, files}]``."""
        self.ensure_one()
        entries = {}
        for case in self.sudo().case_ids.filtered(lambda c: c.state != "cancel").sorted(
                lambda c: (c.bundle_stage, c.id)):
            for line in case.material_line_ids:
                entry = entries.setdefault(line.name.strip(), {
                    "name": line.name.strip(), "lines": line.browse(), "required": False, "tolerable": True})
                entry["lines"] |= line
                if line.requirement == "required":
                    entry["required"] = True
                    entry["tolerable"] = entry["tolerable"] and line.tolerable
        for entry in entries.values():
            entry["tolerable"] = entry["required"] and entry["tolerable"]
            entry["files"] = entry["lines"][:1].attachment_ids
            entry["missing"] = entry["lines"].filtered(lambda m: not m.attachment_ids)
        return list(entries.values())

    def _gov_add_upload(self, name, attachment):
        """An upload of the merged form: the file goes to every child case asking ``name`` (asked once)."""
        self.ensure_one()
        entry = next((e for e in self._gov_merged_materials() if e["name"] == (name or "").strip()), None)
        if not entry:
            raise UserError(self.env._("Bundle case %(b)s does not ask for %(name)s.", b=self.name, name=name))
        for i, line in enumerate(entry["lines"]):
            line._gov_add_upload(attachment if i == 0 else attachment.sudo().copy(
                {"res_model": "gov.hall.case.material", "res_id": line.id}))
        return True

    @protected_action()
    def action_apply_submit(self):
        """The applicant submits the merged form: every child case is received at once and waits for the
        pre-review. A second submit changes nothing (returns False)."""
        self.ensure_one()
        self._gov_check_owner()
        bcase = self.sudo()
        drafts = bcase.case_ids.filtered(lambda c: c.state == "apply_draft")
        if bcase.intake_channel != "online" or not drafts:
            return False
        self.env["gov.hall.case"]._gov_check_identity(bcase.applicant_id)
        missing = [e["name"] for e in bcase._gov_merged_materials()
                   if e["required"] and not e["tolerable"] and e["missing"]]
        if missing:
            raise UserError(self.env._("Upload the required materials before submitting: %(names)s.",
                                       names="、".join(missing)))
        with bundle_action(drafts):
            for case in drafts:
                case.with_env(self.env).action_apply_submit()
        # the children switched state in SQL (one submit wins): the bundle's status follows them
        self.env.add_to_compute(self._fields["state"], bcase)
        bcase.flush_recordset(["state"])
        bcase_c = center_env(bcase)
        bcase_c.message_post(body=bcase_c.env._(
            "Submitted online as one thing: %(n)s item(s) waiting for the pre-review.", n=len(drafts)))
        return True

    @protected_action()
    def action_accept_online(self):
        """Pre-review of an online bundle: the clerk accepts every item at once, as the window does (one
        combined acceptance notice, the stages planned); the clerk's window becomes the lead window."""
        if not self.env.user.has_group("gov_hall_base.group_gov_clerk"):
            raise AccessError(self.env._("Only a front-desk clerk receives applications."))
        for bcase in self:
            if bcase.state != "received":
                raise UserError(self.env._(
                    "Bundle case %(b)s is not waiting for its pre-review: every item must be submitted and none "
                    "accepted yet.", b=bcase.name))
            bcase._gov_accept_children()
            first = bcase.case_ids.filtered(lambda c: c.state != "cancel").sorted(
                lambda c: (c.bundle_stage, c.id))[:1]
            bcase.sudo().write({"window_id": first.window_id.id, "clerk_id": self.env.uid,
                                "date_accepted": first.date_accepted})
        return True

    @api.model
    def _demo_create_online(self):
        """The demo applicant (孙丽) applies online for 新生儿出生一件事: one form, submitted, waiting for the
        pre-review of the window."""
        user = self.env.ref("gov_hall_base.user_applicant", raise_if_not_found=False)
        bundle = self.env.ref("gov_hall_intake.bundle_chusheng", raise_if_not_found=False)
        if not user or not bundle or self.sudo().search_count(
                [("bundle_id", "=", bundle.id), ("intake_channel", "=", "online")]):
            return False
        pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
        bcase = self.with_user(user).with_context(tracking_disable=True)._gov_apply_create(
            bundle, user.partner_id, nonce="demo-chusheng")
        for entry in bcase.sudo()._gov_merged_materials():
            attachment = self.env["ir.attachment"].create({
                "name": f"{entry['name']}.pdf", "raw": pdf, "mimetype": "application/pdf",
                "res_model": "gov.hall.case.material", "res_id": entry["lines"][:1].id})
            bcase.sudo()._gov_add_upload(entry["name"], attachment)
        bcase.action_apply_submit()
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
