"""Bundles (一件事一次办) in the online hall: /my/apply/bundle.

The applicant fills one merged form for the bundle (a material shared by several items asked once): the draft is a
bundle case with one draft case per item, made by the same code as the window's bundle intake
(``gov.hall.bundle.case._gov_open``). Every route acts only on a bundle case of the logged-in applicant (any other
id answers 404); uploads are checked by size and content as the single application's are, before anything is
written; POSTs count against the ``gov_hall_apply`` throttle."""
import secrets

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from odoo.addons.gov_hall_base.tools import upload_limit

from .apply import APPLY, UPLOAD_MAX, material_attachment


class GovHallApplyBundleController(http.Controller):

    def _own_bundle_case(self, bcase_id):
        bcase = request.env["gov.hall.bundle.case"].sudo().browse(bcase_id).exists()
        if not bcase or not bcase.with_user(request.env.user)._gov_is_owner(request.env.user):
            return None
        return bcase

    def _online_bundle(self, bundle_id):
        bundle = request.env["gov.hall.bundle"].sudo().browse(int(bundle_id or 0)).exists()
        if not bundle or not request.env["gov.hall.bundle.case"]._gov_bundle_online(bundle):
            raise request.not_found()
        return bundle

    def _render_new(self, bundle, nonce, error=None, status=200):
        return request.render("gov_hall_intake.apply_bundle_new_page", {
            "bundle": bundle, "partner": request.env.user.partner_id, "nonce": nonce, "error": error,
            "page_name": "gov_apply"}, status=status)

    def _render_bundle_case(self, bcase, error=None, message=None, status=200):
        return request.render("gov_hall_intake.apply_bundle_case_page", {
            "bcase": bcase, "materials": bcase._gov_merged_materials(), "error": error, "message": message,
            "page_name": "gov_apply",
            "max_mb": upload_limit(request.env, "gov_hall_apply", UPLOAD_MAX) // (1024 * 1024),
        }, status=status)

    @http.route("/my/apply/bundle/new", type="http", auth="user", methods=["GET"], website=True, sitemap=False)
    def bundle_new(self, bundle_id=None, **kw):
        return self._render_new(self._online_bundle(bundle_id), secrets.token_urlsafe(16))

    @http.route("/my/apply/bundle/new", type="http", auth="user", methods=["POST"], website=True, sitemap=False)
    @APPLY.guard(reply="html")
    def bundle_create(self, bundle_id=None, nonce=None, phone=None, delivery=None, **kw):
        bundle = self._online_bundle(bundle_id)
        try:
            with request.env.cr.savepoint():
                bcase = request.env["gov.hall.bundle.case"]._gov_apply_create(
                    bundle, request.env.user.partner_id, nonce=(nonce or "")[:64] or None,
                    phone=(phone or "").strip()[:32] or None, delivery_together=delivery != "separately")
        except (UserError, AccessError) as exc:
            return self._render_new(bundle, nonce, error=exc.args[0], status=422)
        return request.redirect(f"/my/apply/bundle/{bcase.id}")

    @http.route("/my/apply/bundle/<int:bcase_id>", type="http", auth="user", methods=["GET"], website=True,
                sitemap=False)
    def bundle_case(self, bcase_id, **kw):
        bcase = self._own_bundle_case(bcase_id)
        if not bcase:
            raise request.not_found()
        return self._render_bundle_case(bcase)

    @http.route("/my/apply/bundle/<int:bcase_id>/upload", type="http", auth="user", methods=["POST"], website=True,
                sitemap=False)
    @APPLY.guard(reply="html")
    def bundle_upload(self, bcase_id, material=None, file=None, **kw):
        bcase = self._own_bundle_case(bcase_id)
        if not bcase:
            raise request.not_found()
        _ = request.env._
        entry = next((e for e in bcase._gov_merged_materials() if e["name"] == (material or "").strip()), None)
        if not entry:
            raise request.not_found()
        if bcase.state != "apply_draft":
            return self._render_bundle_case(bcase, error=_("This application can no longer be changed."),
                                            status=422)
        try:
            attachment = material_attachment(entry["lines"][:1], file)
        except UserError as exc:
            return self._render_bundle_case(bcase, error=exc.args[0], status=422)
        bcase._gov_add_upload(entry["name"], attachment)
        return self._render_bundle_case(bcase, message=_("%(name)s uploaded.", name=entry["name"]))

    @http.route("/my/apply/bundle/<int:bcase_id>/submit", type="http", auth="user", methods=["POST"], website=True,
                sitemap=False)
    @APPLY.guard(reply="html")
    def bundle_submit(self, bcase_id, **kw):
        bcase = self._own_bundle_case(bcase_id)
        if not bcase:
            raise request.not_found()
        _ = request.env._
        try:
            with request.env.cr.savepoint():
                done = bcase.with_user(request.env.user).with_context(lang=request.env.lang).action_apply_submit()
        except (UserError, AccessError) as exc:
            return self._render_bundle_case(bcase, error=exc.args[0], status=422)
        return self._render_bundle_case(bcase.sudo(), message=(
            _("Submitted: your application is received and will be pre-reviewed.") if done
            else _("This application was already submitted.")))

    @http.route("/my/apply/bundle/<int:bcase_id>/notice", type="http", auth="user", methods=["GET"], website=True,
                sitemap=False)
    def bundle_notice(self, bcase_id, **kw):
        """The combined acceptance notice (一件事一次办受理通知书) of the applicant's own accepted bundle case."""
        bcase = self._own_bundle_case(bcase_id)
        if not bcase or not bcase.date_accepted or bcase.state in ("apply_draft", "received", "cancel"):
            raise request.not_found()
        pdf, _type = request.env["ir.actions.report"].sudo()._render_qweb_pdf(
            "gov_hall_intake.action_report_bundle_notice", bcase.ids)
        return request.make_response(pdf, headers=[("Content-Type", "application/pdf"), ("Content-Length", len(pdf))])

    @http.route("/my/apply/bundle/<int:bcase_id>/rate", type="http", auth="user", methods=["POST"], website=True,
                sitemap=False)
    @APPLY.guard(reply="html")
    def bundle_rate(self, bcase_id, value=None, feedback=None, **kw):
        bcase = self._own_bundle_case(bcase_id)
        if not bcase:
            raise request.not_found()
        try:
            with request.env.cr.savepoint():
                bcase.with_user(request.env.user).with_context(lang=request.env.lang).action_rate(
                    value, (feedback or "").strip()[:2000] or None, channel="web")
        except (UserError, AccessError) as exc:
            return self._render_bundle_case(bcase, error=exc.args[0], status=422)
        return self._render_bundle_case(bcase.sudo(), message=request.env._("Thank you: your rating was recorded."))
