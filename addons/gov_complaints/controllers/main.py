"""Public complaint form, complaint tracking and the authenticated 12345 hotline endpoint.

Throttled per client (``gov_hall_base.tools.throttle``): every form submission counts against
``gov_complaints_submit``, wrong query codes against ``gov_complaints_track``, bad hotline tokens against
``gov_complaints_hotline``. The hourly limit of accepted complaints per address (the submission log) is a
business rule on top. The hotline endpoints are ``type='http'`` routes reading a JSON body and answering JSON
``{ok, code, message, ...}`` with a 4xx status on bad input (no traceback ever reaches the caller)."""
import logging

from odoo import http
from odoo.http import request

from odoo.addons.gov_hall_base.tools import (JsonError, Throttle, check_code, client_address, json_endpoint,
                                             json_reply)

_logger = logging.getLogger(__name__)

SUBMIT = Throttle("gov_complaints_submit", limit=10, minutes=60)
TRACK = Throttle("gov_complaints_track", limit=10, minutes=15)
HOTLINE = Throttle("gov_complaints_hotline", limit=10, minutes=15)

FORM_FIELDS = ("company_id", "kind", "window_id", "title", "facts", "anonymous", "complainant_name",
               "complainant_phone", "complainant_email")


class GovComplaintController(http.Controller):
    # -- website form --------------------------------------------------------------------------------
    def _centers(self):
        return request.env["res.company"].sudo().search([("gov_center_level", "!=", False)])

    def _form_values(self, post=None, errors=None, message=None):
        centers = self._centers()
        company = request.website.company_id if request.website.company_id in centers else centers[:1]
        return {
            "centers": centers,
            "windows": request.env["gov.hall.window"].sudo().search([("company_id", "in", centers.ids)]),
            "values": post or self._default_values(company),
            "errors": errors or {},
            "message": message,
        }

    def _default_values(self, company):
        values = {"company_id": str(company.id), "kind": "service"}
        user = request.env.user
        if not user._is_public():
            partner = user.partner_id
            values.update({"complainant_name": partner.name or "", "complainant_phone": partner.phone or "",
                           "complainant_email": partner.email or ""})
        return values

    @http.route("/complaint", type="http", auth="public", website=True, sitemap=True, readonly=True)
    def complaint_form(self, **kw):
        return request.render("gov_complaints.complaint_form_page", self._form_values())

    @http.route("/complaint/submit", type="http", auth="public", website=True, methods=["POST"], sitemap=False)
    @SUBMIT.guard(reply="html")
    def complaint_submit(self, **post):
        Public = request.env["gov.complaint.public"].sudo()
        Log = request.env["gov.complaint.submission"].sudo()
        ip = client_address()
        values = {k: (post.get(k) or "") for k in FORM_FIELDS}
        _ = request.env._
        if Log._over_limit(ip):
            Log._log(ip)
            return request.render("gov_complaints.complaint_form_page", self._form_values(
                values, {"form": _("Too many complaints were sent from your network address in the last hour. "
                                   "Please try again later or call the 12345 hotline.")}), status=429)
        files = request.httprequest.files.getlist("attachments")
        errors = Public._validate_web(post, files)
        company = self._centers().filtered(lambda c: str(c.id) == str(post.get("company_id")))
        if not company:
            errors["company_id"] = _("Please choose the service center concerned.")
        data = []
        if not errors:
            data, error = Public._read_files(files)
            if error:
                errors["attachments"] = error
        if errors:
            return request.render("gov_complaints.complaint_form_page",
                                  self._form_values(values, errors), status=400)
        partner = request.env.user.partner_id if not request.env.user._is_public() else None
        complaint = Public._create_web(post, data, company, partner=partner)
        Log._log(ip, complaint)
        return request.render("gov_complaints.complaint_done_page", {
            "complaint": complaint, "query_code": complaint.sudo().query_code,
        })

    @http.route("/complaint/track", type="http", auth="public", website=True, sitemap=True)
    @TRACK.guard(reply="html", count="failures")
    def complaint_track(self, number=None, code=None, **kw):
        values = {"number": number or "", "code": code or "", "status": None, "error": None}
        if number or code:
            complaint = request.env["gov.complaint"].sudo().search(
                [("name", "=", (number or "").strip())], limit=1)
            if complaint and check_code(complaint.query_code, code):
                values["status"] = request.env["gov.complaint.public"].sudo()._public_status(complaint)
            else:
                TRACK.count()
                values["error"] = request.env._("No complaint matches this number and query code.")
        return request.render("gov_complaints.complaint_track_page", values)

    # -- 12345 hotline -------------------------------------------------------------------------------
    def _hotline_auth(self, body):
        """The center of the token (body ``token`` or header ``X-Gov-Hotline-Token``); a JsonError (401),
        counted against the client's throttle, otherwise."""
        token = body.get("token") or request.httprequest.headers.get("X-Gov-Hotline-Token")
        company = request.env["gov.complaint.public"].sudo()._hotline_company(token)
        if not company:
            HOTLINE.count()
            _logger.warning("12345 hotline: refused a call with a bad token from %s", client_address())
            raise JsonError("bad_token", request.env._("Invalid or missing token."), 401)
        return company

    @http.route("/gov_complaints/hotline/order", type="http", auth="public", csrf=False, methods=["POST"],
                sitemap=False)
    @HOTLINE.guard(reply="json", count="failures")
    @json_endpoint
    def hotline_order(self, body, **kw):
        """Create a complaint from a 12345 work order: POST ``{"token", "order": {...}}``. Answers 200
        ``{ok, code: "ok", created, complaint}``, 401 ``bad_token``, 400 ``malformed_order``."""
        company = self._hotline_auth(body)
        order = body.get("order")
        Public = request.env["gov.complaint.public"].sudo()
        errors = Public._validate_hotline(order)
        if errors:
            raise JsonError("malformed_order", "; ".join(errors), 400)
        with request.env.cr.savepoint():
            complaint, created = Public._create_hotline(order, company)
        return json_reply(created=created, complaint=Public._public_status(complaint))

    @http.route("/gov_complaints/hotline/status", type="http", auth="public", csrf=False, methods=["POST"],
                sitemap=False)
    @HOTLINE.guard(reply="json", count="failures")
    @json_endpoint
    def hotline_status(self, body, **kw):
        """Report a work order's complaint status back to the 12345 platform: POST ``{"token", "order_no"}``.
        Answers 200 ``{ok, code: "ok", complaint}``, 401 ``bad_token``, 400 ``malformed_order``, 404
        ``not_found``."""
        _ = request.env._
        company = self._hotline_auth(body)
        order_no = body.get("order_no")
        if not isinstance(order_no, str) or not order_no.strip() or len(order_no) > 64:
            raise JsonError("malformed_order", _("order_no is required."), 400)
        complaint = request.env["gov.complaint"].sudo().search(
            [("hotline_order_no", "=", order_no.strip()), ("company_id", "=", company.id)], limit=1)
        if not complaint:
            raise JsonError("not_found", _("Unknown work order."), 404)
        return json_reply(complaint=request.env["gov.complaint.public"].sudo()._public_status(complaint))
