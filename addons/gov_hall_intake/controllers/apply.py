"""The online application (网上申请) of the applicant portal: /my/apply.

Every route acts only on a case the logged-in user owns (its applicant, or the agent who applied for the company,
see ``gov.hall.case._gov_is_owner``): any other id answers 404. Uploads are checked by size and content before
anything is written; a refused upload leaves the draft as it was. POSTs count against the ``gov_hall_apply``
throttle."""
import base64
import secrets

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from odoo.addons.gov_hall_base.tools import Throttle, check_upload, read_upload, upload_limit
from odoo.addons.gov_hall_base.tools.dates import center_today

APPLY = Throttle("gov_hall_apply", limit=120, minutes=15)
UPLOAD_KINDS = ("pdf", "jpeg", "png", "ofd")
UPLOAD_MAX = 10 * 1024 * 1024


def material_attachment(line, file):
    """The applicant's upload for a material line, checked (present, size, type) and stored on the line; a
    UserError says what is wrong, and nothing is stored then."""
    env = request.env
    if not file or not getattr(file, "filename", None):
        raise UserError(env._("Choose a file to upload."))
    max_bytes = upload_limit(env, "gov_hall_apply", UPLOAD_MAX)
    data = read_upload(file, max_bytes)
    _kind, mimetype = check_upload(data, file.filename, UPLOAD_KINDS, max_bytes, env=env)
    return env["ir.attachment"].sudo().create({
        "name": file.filename, "datas": base64.b64encode(data), "mimetype": mimetype,
        "res_model": "gov.hall.case.material", "res_id": line.id})


class GovHallApplyController(http.Controller):

    def _own_case(self, case_id):
        case = request.env["gov.hall.case"].sudo().browse(case_id).exists()
        if not case or not case.with_user(request.env.user)._gov_is_owner(request.env.user):
            return None
        return case

    def _authorizations(self):
        return request.env["gov.hall.agent.authorization"].sudo()._gov_valid_for(request.env.user.partner_id)

    def _render_case(self, case, error=None, message=None, status=200):
        reusable = request.env["ir.attachment"].sudo()
        if case.state in ("apply_draft", "supplement"):
            earlier = request.env["gov.hall.case"].sudo().search([
                ("applicant_id", "=", case.applicant_id.id), ("state", "=", "delivered"), ("id", "!=", case.id)])
            reusable = earlier.result_attachment_ids
        return request.render("gov_hall_intake.apply_case_page", {
            "case": case, "error": error, "message": message, "reusable": reusable,
            "timeline": case._gov_timeline(), "page_name": "gov_apply",
            "max_mb": upload_limit(request.env, "gov_hall_apply", UPLOAD_MAX) // (1024 * 1024),
        }, status=status)

    @http.route("/my/apply", type="http", auth="user", website=True, sitemap=False)
    def apply_home(self, **kw):
        Case = request.env["gov.hall.case"]
        cases = Case.search([("intake_channel", "=", "online")], limit=100)
        items = request.env["gov.hall.service.item"].sudo().search(
            [("state", "=", "published"), ("online", "=", True), ("website_published", "=", True)],
            order="company_id, department_id, code", limit=300)
        BundleCase = request.env["gov.hall.bundle.case"]
        bundles = request.env["gov.hall.bundle"].sudo().search([], order="company_id, sequence, id", limit=100)
        bundles = bundles.filtered(BundleCase._gov_bundle_online)
        bundle_cases = BundleCase.search([("intake_channel", "=", "online")], limit=100)
        return request.render("gov_hall_intake.apply_home_page", {
            "cases": cases.sudo().filtered(lambda c: not c.bundle_case_id), "items": items, "page_name": "gov_apply",
            "bundles": bundles, "bundle_cases": bundle_cases.sudo(),
            "is_company": request.env.user.partner_id.is_company})

    @http.route("/my/apply/new", type="http", auth="user", methods=["GET"], website=True, sitemap=False)
    def apply_new(self, item_id=None, **kw):
        item = request.env["gov.hall.service.item"].sudo().browse(int(item_id or 0)).exists()
        if not item or not (item.online and item.state == "published"):
            raise request.not_found()
        partner = request.env.user.partner_id
        return request.render("gov_hall_intake.apply_new_page", {
            "item": item, "partner": partner, "authorizations": self._authorizations(),
            "nonce": secrets.token_urlsafe(16), "error": kw.get("error"), "page_name": "gov_apply"})

    @http.route("/my/apply/new", type="http", auth="user", methods=["POST"], website=True, sitemap=False)
    @APPLY.guard(reply="html")
    def apply_create(self, item_id=None, authorization_id=None, nonce=None, phone=None, **kw):
        item = request.env["gov.hall.service.item"].sudo().browse(int(item_id or 0)).exists()
        if not item:
            raise request.not_found()
        auth = request.env["gov.hall.agent.authorization"]
        if authorization_id and authorization_id != "self":
            auth = auth.sudo().browse(int(authorization_id)).exists()
            if not auth:
                raise request.not_found()
        try:
            with request.env.cr.savepoint():
                case = request.env["gov.hall.case"]._gov_apply_create(
                    item, request.env.user.partner_id, authorization=auth or None, nonce=(nonce or "")[:64] or None,
                    phone=(phone or "").strip()[:32] or None)
        except (UserError, AccessError) as exc:
            return request.render("gov_hall_intake.apply_new_page", {
                "item": item, "partner": request.env.user.partner_id, "authorizations": self._authorizations(),
                "nonce": nonce, "error": exc.args[0], "page_name": "gov_apply"}, status=422)
        return request.redirect(f"/my/apply/{case.id}")

    @http.route("/my/apply/<int:case_id>", type="http", auth="user", methods=["GET"], website=True, sitemap=False)
    def apply_case(self, case_id, **kw):
        case = self._own_case(case_id)
        if not case:
            raise request.not_found()
        if case.bundle_case_id and case.state == "apply_draft":
            # the draft of a bundle's item is filled in on the bundle's one form
            return request.redirect(f"/my/apply/bundle/{case.bundle_case_id.id}")
        return self._render_case(case, message=kw.get("message"))

    @http.route("/my/apply/<int:case_id>/upload", type="http", auth="user", methods=["POST"], website=True,
                sitemap=False)
    @APPLY.guard(reply="html")
    def apply_upload(self, case_id, line_id=None, file=None, reuse_id=None, consent=None, **kw):
        case = self._own_case(case_id)
        if not case:
            raise request.not_found()
        _ = request.env._
        line = case.material_line_ids.filtered(lambda m: str(m.id) == str(line_id or ""))
        if not line:
            raise request.not_found()
        if case.state not in ("apply_draft", "supplement"):
            return self._render_case(case, error=_("This application can no longer be changed."), status=422)
        if case.bundle_case_id and case.state == "apply_draft":
            return self._render_case(case, error=_(
                "This item belongs to bundle case %(b)s: upload its materials on the bundle's one form.",
                b=case.bundle_case_id.name), status=422)
        if case.state == "supplement" and line.received:
            return self._render_case(case, error=_("This material was accepted: nothing to supplement."),
                                     status=422)
        if reuse_id:
            earlier = request.env["gov.hall.case"].sudo().search([
                ("applicant_id", "=", case.applicant_id.id), ("state", "=", "delivered")])
            source = earlier.result_attachment_ids.filtered(lambda a: str(a.id) == str(reuse_id))
            if not source:
                raise request.not_found()
            if not consent:
                return self._render_case(case, error=_(
                    "Tick your consent to reuse a document the center already issued to you."), status=422)
            attachment = source.copy({"res_model": "gov.hall.case.material", "res_id": line.id})
            line._gov_add_upload(attachment, reused=True)
            return self._render_case(case, message=_("%(name)s: the earlier result is reused.", name=line.name))
        try:
            attachment = material_attachment(line, file)
        except UserError as exc:
            return self._render_case(case, error=exc.args[0], status=422)
        line._gov_add_upload(attachment)
        return self._render_case(case, message=_("%(name)s uploaded.", name=line.name))

    @http.route("/my/apply/<int:case_id>/submit", type="http", auth="user", methods=["POST"], website=True,
                sitemap=False)
    @APPLY.guard(reply="html")
    def apply_submit(self, case_id, **kw):
        return self._act(case_id, "action_apply_submit")

    @http.route("/my/apply/<int:case_id>/supplement", type="http", auth="user", methods=["POST"], website=True,
                sitemap=False)
    @APPLY.guard(reply="html")
    def apply_supplement(self, case_id, **kw):
        return self._act(case_id, "action_apply_supplement")

    def _act(self, case_id, method):
        case = self._own_case(case_id)
        if not case:
            raise request.not_found()
        _ = request.env._
        try:
            with request.env.cr.savepoint():
                done = getattr(case.with_user(request.env.user).with_context(lang=request.env.lang), method)()
        except (UserError, AccessError) as exc:
            return self._render_case(case, error=exc.args[0], status=422)
        message = (_("Submitted: your application is received and will be pre-reviewed.") if done
                   else _("This application was already submitted."))
        if method == "action_apply_supplement":
            message = _("Your supplement was received.")
        return self._render_case(case.sudo(), message=message)

    # -- agents: the company account authorises them -------------------------------------------------
    @http.route("/my/apply/agents", type="http", auth="user", methods=["GET", "POST"], website=True, sitemap=False)
    def apply_agents(self, agent_id_number=None, date_end=None, item_ids=None, all_items=None, **kw):
        partner = request.env.user.partner_id
        if not partner.is_company:
            raise request.not_found()
        _ = request.env._
        error = message = None
        if request.httprequest.method == "POST":
            number = (agent_id_number or "").strip().upper()
            agent = request.env["res.partner"].sudo().search(
                [("gov_id_type", "=", "id_card"), ("gov_id_number", "=", number), ("is_company", "=", False),
                 ("user_ids", "!=", False)], limit=1) if number else None
            items = request.env["gov.hall.service.item"].sudo().browse(
                [int(i) for i in request.httprequest.form.getlist("item_ids") if i.isdigit()]).exists()
            if not agent:
                error = _("No applicant account has this ID card number: the agent registers first.")
            else:
                try:
                    with request.env.cr.savepoint():
                        request.env["gov.hall.agent.authorization"]._gov_authorize(
                            partner, agent, items, date_end, all_items=bool(all_items))
                    message = _("%(name)s is authorised.", name=agent.name)
                except (UserError, AccessError, ValueError) as exc:
                    error = exc.args[0] if exc.args else str(exc)
        auths = request.env["gov.hall.agent.authorization"].sudo().search(
            [("company_partner_id", "=", partner.id)])
        items = request.env["gov.hall.service.item"].sudo().search(
            [("state", "=", "published"), ("online", "=", True)], limit=300)
        return request.render("gov_hall_intake.apply_agents_page", {
            "authorizations": auths, "items": items, "error": error, "message": message, "page_name": "gov_apply"})

    # -- appointments (预约) -----------------------------------------------------------------------------
    @http.route("/my/appointments", type="http", auth="user", methods=["GET"], website=True, sitemap=False)
    def appointments(self, item_id=None, **kw):
        return self._render_appointments(item_id, message=kw.get("message"))

    def _render_appointments(self, item_id=None, error=None, message=None, status=200):
        item = request.env["gov.hall.service.item"].sudo().browse(int(item_id or 0)).exists()
        Slot = request.env["gov.hall.appointment.slot"].sudo()
        slots = Slot.browse()
        if item:
            slots = Slot.search([("company_id", "=", item.company_id.id), ("zone_id", "in", item.zone_ids.ids),
                                 ("date", ">=", center_today(item.company_id)), ("available", ">", 0)],
                                limit=60)
        mine = request.env["gov.hall.appointment"].search([("state", "in", ("booked", "arrived"))], limit=50)
        return request.render("gov_hall_intake.appointments_page", {
            "item": item, "slots": slots, "appointments": mine.sudo(), "error": error, "message": message,
            "page_name": "gov_apply"}, status=status)

    @http.route("/my/appointments/book", type="http", auth="user", methods=["POST"], website=True, sitemap=False)
    @APPLY.guard(reply="html")
    def appointment_book(self, slot_id=None, item_id=None, **kw):
        slot = request.env["gov.hall.appointment.slot"].sudo().browse(int(slot_id or 0)).exists()
        item = request.env["gov.hall.service.item"].sudo().browse(int(item_id or 0)).exists()
        if not slot:
            raise request.not_found()
        try:
            with request.env.cr.savepoint():
                appt = request.env["gov.hall.appointment"]._gov_book(slot, request.env.user.partner_id,
                                                                     item=item or None)
        except (UserError, AccessError) as exc:
            return self._render_appointments(item.id if item else None, error=exc.args[0], status=422)
        return self._render_appointments(item.id if item else None, message=request.env._(
            "Booked: %(slot)s, appointment code %(code)s.", slot=appt.slot_id.name, code=appt.code))
