"""Public complaint form, complaint tracking and the authenticated 12345 hotline endpoint."""
import logging

from odoo import http
from odoo.http import request

_logger = logging.getLogger(__name__)

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

    @http.route("/complaint", type="http", auth="public", website=True, sitemap=True)
    def complaint_form(self, **kw):
        return request.render("gov_complaints.complaint_form_page", self._form_values())

    @http.route("/complaint/submit", type="http", auth="public", website=True, methods=["POST"], sitemap=False)
    def complaint_submit(self, **post):
        Public = request.env["gov.complaint.public"].sudo()
        Log = request.env["gov.complaint.submission"].sudo()
        ip = request.httprequest.remote_addr or ""
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
    def complaint_track(self, number=None, code=None, **kw):
        values = {"number": number or "", "code": code or "", "status": None, "error": None}
        if number or code:
            complaint = request.env["gov.complaint"].sudo().search(
                [("name", "=", (number or "").strip())], limit=1)
            if complaint and code and complaint.query_code == code.strip().upper():
                values["status"] = request.env["gov.complaint.public"].sudo()._public_status(complaint)
            else:
                values["error"] = request.env._("No complaint matches this number and query code.")
        return request.render("gov_complaints.complaint_track_page", values)

    # -- 12345 hotline -------------------------------------------------------------------------------
    def _hotline_auth(self, token):
        token = token or request.httprequest.headers.get("X-Gov-Hotline-Token")
        return request.env["gov.complaint.public"].sudo()._hotline_company(token)

    @http.route("/gov_complaints/hotline/order", type="jsonrpc", auth="public", csrf=False, methods=["POST"])
    def hotline_order(self, order=None, token=None, **kw):
        """Create a complaint from a 12345 work order. Answers {ok, complaint, created} or {ok: false, error}."""
        _ = request.env._
        company = self._hotline_auth(token)
        if not company:
            _logger.warning("12345 hotline: refused a work order with a bad token from %s",
                            request.httprequest.remote_addr)
            return {"ok": False, "error": {"code": "bad_token", "message": _("Invalid or missing token.")}}
        Public = request.env["gov.complaint.public"].sudo()
        errors = Public._validate_hotline(order)
        if errors:
            return {"ok": False, "error": {"code": "malformed_order", "message": "; ".join(errors)}}
        complaint, created = Public._create_hotline(order, company)
        return {"ok": True, "created": created, "complaint": Public._public_status(complaint)}

    @http.route("/gov_complaints/hotline/status", type="jsonrpc", auth="public", csrf=False, methods=["POST"])
    def hotline_status(self, order_no=None, token=None, **kw):
        """Report a work order's complaint status back to the 12345 platform."""
        _ = request.env._
        company = self._hotline_auth(token)
        if not company:
            return {"ok": False, "error": {"code": "bad_token", "message": _("Invalid or missing token.")}}
        if not isinstance(order_no, str) or not order_no.strip():
            return {"ok": False, "error": {"code": "malformed_order", "message": _("order_no is required.")}}
        complaint = request.env["gov.complaint"].sudo().search(
            [("hotline_order_no", "=", order_no.strip()), ("company_id", "=", company.id)], limit=1)
        if not complaint:
            return {"ok": False, "error": {"code": "not_found", "message": _("Unknown work order.")}}
        return {"ok": True, "complaint": request.env["gov.complaint.public"].sudo()._public_status(complaint)}
