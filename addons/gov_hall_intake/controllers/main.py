"""Public pages: applicant tracking (case number + query code), service guides, evaluator devices."""
import logging

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

_logger = logging.getLogger(__name__)


class GovHallIntakeController(http.Controller):

    # -- applicant tracking page ---------------------------------------------------------------------
    @http.route("/gov_hall/track", type="http", auth="public", methods=["GET", "POST"], website=True, sitemap=False)
    def track(self, case_number=None, query_code=None, **kw):
        values = {"case_number": case_number or "", "query_code": "", "case": None, "error": None,
                  "rated": False, "message": kw.get("message")}
        if case_number or query_code:
            case = request.env["gov.hall.case"]._track(case_number, query_code)
            if not case:
                values["error"] = request.env._("No case matches this case number and query code.")
            else:
                values.update(case=case, query_code=query_code,
                              rated=bool(case.rating_ids.filtered("consumed")),
                              access_token=case._portal_ensure_token())
        return request.render("gov_hall_intake.track_page", values)

    @http.route("/gov_hall/track/rate", type="http", auth="public", methods=["POST"], website=True, sitemap=False)
    def track_rate(self, case_number=None, query_code=None, value=None, feedback=None, **kw):
        case = request.env["gov.hall.case"]._track(case_number, query_code)
        if not case:
            return request.redirect("/gov_hall/track")
        try:
            case.action_rate(int(value or 0), feedback, channel="web")
            message = request.env._("Thank you: your rating was recorded.")
        except (UserError, ValueError) as exc:
            message = str(exc)
        return request.render("gov_hall_intake.track_page", {
            "case_number": case.name, "query_code": query_code, "case": case, "error": None,
            "rated": bool(case.rating_ids.filtered("consumed")), "message": message,
            "access_token": case._portal_ensure_token()})

    @http.route("/gov_hall/track/notice/<int:case_id>", type="http", auth="public", sitemap=False)
    def track_notice(self, case_id, access_token=None, **kw):
        case = request.env["gov.hall.case"].sudo().browse(case_id).exists()
        if not case or not access_token or not case.access_token or access_token != case.access_token:
            raise request.not_found()
        ref = {"supplement": "gov_hall_intake.action_report_one_time_notice",
               "refused": "gov_hall_intake.action_report_refusal_notice"}.get(
            case.state, "gov_hall_intake.action_report_acceptance_notice")
        pdf, _type = request.env["ir.actions.report"].sudo()._render_qweb_pdf(ref, case.ids)
        return request.make_response(pdf, headers=[("Content-Type", "application/pdf"),
                                                   ("Content-Length", len(pdf))])

    # -- public service guides -----------------------------------------------------------------------
    @http.route("/gov_hall/guide", type="http", auth="public", website=True, sitemap=True)
    def guide_list(self, search=None, **kw):
        domain = [("state", "=", "published"), ("website_published", "=", True)]
        if search:
            domain += ["|", ("name", "ilike", search), ("code", "ilike", search)]
        items = request.env["gov.hall.service.item"].sudo().search(domain, order="company_id, department_id, code",
                                                                    limit=500)
        return request.render("gov_hall_intake.guide_list_page", {"items": items, "search": search or ""})

    @http.route("/gov_hall/guide/<int:item_id>", type="http", auth="public", website=True, sitemap=False)
    def guide_page(self, item_id, **kw):
        item = self._public_item(item_id)
        if not item:
            raise request.not_found()
        return request.render("gov_hall_intake.guide_page", {"doc": item})

    @http.route("/gov_hall/guide/<int:item_id>/pdf", type="http", auth="public", sitemap=False)
    def guide_pdf(self, item_id, **kw):
        item = self._public_item(item_id)
        if not item:
            raise request.not_found()
        pdf, _type = request.env["ir.actions.report"].sudo()._render_qweb_pdf(
            "gov_hall_intake.action_report_service_guide", item.ids)
        return request.make_response(pdf, headers=[("Content-Type", "application/pdf"),
                                                   ("Content-Length", len(pdf))])

    def _public_item(self, item_id):
        item = request.env["gov.hall.service.item"].sudo().browse(item_id).exists()
        if item and item.state == "published" and item.website_published:
            return item
        return None

    # -- evaluator devices (评价器) --------------------------------------------------------------------
    @http.route("/gov_hall/evaluator/rate", type="jsonrpc", auth="public", methods=["POST"], csrf=False)
    def evaluator_rate(self, serial=None, token=None, case_number=None, value=None, feedback=None, **kw):
        device = request.env["gov.hall.evaluator.device"]._authenticate(serial, token)
        if not device:
            _logger.warning("Evaluator device %s: authentication failed", serial)
            return {"ok": False, "error": "unauthorized"}
        case = request.env["gov.hall.case"].sudo().search(
            [("name", "=", case_number or ""), ("company_id", "=", device.company_id.id)], limit=1)
        if not case:
            return {"ok": False, "error": "unknown_case"}
        try:
            rating = case.action_rate(int(value or 0), feedback, channel="device", device=device)
        except (UserError, ValueError) as exc:
            return {"ok": False, "error": "rejected", "message": str(exc)}
        return {"ok": True, "rating_id": rating.id, "case": case.name}
