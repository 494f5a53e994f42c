"""Public pages: applicant tracking (case number + query code), service guides, evaluator devices.

Wrong query codes and notice tokens count against the client's ``gov_hall_track`` throttle (shared by the three
track pages), bad device secrets against ``gov_hall_evaluator``: once over the limit the client gets a 429
until its window ends (``gov_hall_base.tools.throttle``)."""
import hmac
import logging

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.gov_hall_base.tools import JsonError, Throttle, json_endpoint, json_reply, text_field

_logger = logging.getLogger(__name__)

TRACK = Throttle("gov_hall_track", limit=10, minutes=15)
EVALUATOR = Throttle("gov_hall_evaluator", limit=10, minutes=15)


def expired_link_page(case):
    """The page (HTTP 410) for a notice or case link whose access token expired."""
    _ = request.env._
    return request.render("gov_hall_base.public_message_page", {
        "title": _("This link has expired"),
        "message": _("The download link of a notice is valid for %(days)s days. Look up your case again "
                     "with its case number and query code to get a new link.", days=case._gov_token_days()),
        "link_url": "/gov_hall/track", "link_label": _("Look up my case"),
    }, status=410)


class GovHallIntakeController(http.Controller):

    # -- applicant tracking page ---------------------------------------------------------------------
    @http.route("/gov_hall/track", type="http", auth="public", methods=["GET", "POST"], website=True, sitemap=False)
    @TRACK.guard(reply="html", count="failures")
    def track(self, case_number=None, query_code=None, **kw):
        values = {"case_number": case_number or "", "query_code": "", "case": None, "error": None,
                  "rated": False, "message": kw.get("message")}
        if case_number or query_code:
            case = request.env["gov.hall.case"]._track(case_number, query_code)
            if not case:
                TRACK.count()
                values["error"] = request.env._("No case matches this case number and query code.")
            else:
                values.update(case=case, query_code=query_code,
                              rated=bool(case.rating_ids.filtered("consumed")),
                              access_token=case._portal_ensure_token())
        return request.render("gov_hall_intake.track_page", values)

    @http.route("/gov_hall/track/rate", type="http", auth="public", methods=["POST"], website=True, sitemap=False)
    @TRACK.guard(reply="html", count="failures")
    def track_rate(self, case_number=None, query_code=None, value=None, feedback=None, **kw):
        case = request.env["gov.hall.case"]._track(case_number, query_code)
        if not case:
            TRACK.count()
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

    @http.route("/gov_hall/track/notice/<int:case_id>", type="http", auth="public", website=True, sitemap=False)
    @TRACK.guard(reply="html", count="failures")
    def track_notice(self, case_id, access_token=None, **kw):
        case = request.env["gov.hall.case"].sudo().browse(case_id).exists()
        _ = request.env._
        if not case or not self._token_matches(case.access_token, access_token):
            TRACK.count()
            return request.render("gov_hall_base.public_message_page", {
                "title": _("Notice not found"),
                "message": _("This link does not match any notice. Look up your case with its case number and "
                             "query code to get the link of its notice."),
                "link_url": "/gov_hall/track", "link_label": _("Look up my case"),
            }, status=404)
        if case._gov_token_expired():
            return expired_link_page(case)
        ref = {"supplement": "gov_hall_intake.action_report_one_time_notice",
               "refused": "gov_hall_intake.action_report_refusal_notice"}.get(
            case.state, "gov_hall_intake.action_report_acceptance_notice")
        pdf, _type = request.env["ir.actions.report"].sudo()._render_qweb_pdf(ref, case.ids)
        return request.make_response(pdf, headers=[("Content-Type", "application/pdf"),
                                                   ("Content-Length", len(pdf))])

    # -- public service guides -----------------------------------------------------------------------
    @http.route("/gov_hall/guide", type="http", auth="public", website=True, sitemap=True, readonly=True)
    def guide_list(self, search=None, **kw):
        domain = [("state", "=", "published"), ("website_published", "=", True)]
        if search:
            domain += ["|", ("name", "ilike", search), ("code", "ilike", search)]
        items = request.env["gov.hall.service.item"].sudo().search(domain, order="company_id, department_id, code",
                                                                    limit=500)
        return request.render("gov_hall_intake.guide_list_page", {"items": items, "search": search or ""})

    @http.route("/gov_hall/guide/<int:item_id>", type="http", auth="public", website=True, sitemap=False,
                readonly=True)
    def guide_page(self, item_id, **kw):
        item = self._public_item(item_id)
        if not item:
            raise request.not_found()
        return request.render("gov_hall_intake.guide_page", {"doc": item})

    @http.route("/gov_hall/guide/<int:item_id>/pdf", type="http", auth="public", sitemap=False, readonly=True)
    def guide_pdf(self, item_id, **kw):
        item = self._public_item(item_id)
        if not item:
            raise request.not_found()
        pdf, _type = request.env["ir.actions.report"].sudo()._render_qweb_pdf(
            "gov_hall_intake.action_report_service_guide", item.ids)
        return request.make_response(pdf, headers=[("Content-Type", "application/pdf"),
                                                   ("Content-Length", len(pdf))])

    @staticmethod
    def _token_matches(expected, given):
        """Whether an access token matches, in constant time (a token is case sensitive: no normalising)."""
        if not expected or not given or not isinstance(given, str):
            return False
        return hmac.compare_digest(expected.encode(), given.encode())

    def _public_item(self, item_id):
        item = request.env["gov.hall.service.item"].sudo().browse(item_id).exists()
        if item and item.state == "published" and item.website_published:
            return item
        return None

    # -- evaluator devices (评价器) --------------------------------------------------------------------
    @http.route("/gov_hall/evaluator/rate", type="http", auth="public", methods=["POST"], csrf=False,
                sitemap=False)
    @EVALUATOR.guard(reply="json", count="failures")
    @json_endpoint
    def evaluator_rate(self, body, **kw):
        """A device rates a case: POST a JSON object ``{serial, token, case_number, value, feedback}``; the
        answer is ``{"ok", "code", "message", ...}`` with 400 (malformed), 401 (bad device or secret), 404
        (unknown case), 422 (rating refused) or 200."""
        _ = request.env._
        serial = body.get("serial")
        token = body.get("token")
        if not isinstance(serial, str) or not isinstance(token, str) or not serial or not token:
            EVALUATOR.count()
            raise JsonError("unauthorized", _("Unknown device or wrong secret."), 401)
        device = request.env["gov.hall.evaluator.device"]._authenticate(serial, token)
        if not device:
            EVALUATOR.count()
            _logger.warning("Evaluator device %r: authentication failed", serial[:64])
            raise JsonError("unauthorized", _("Unknown device or wrong secret."), 401)
        case_number = text_field(body, "case_number", max_length=64)
        value = body.get("value")
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise JsonError("bad_request", _("Field value must be a whole number from 1 to 5."))
        feedback = text_field(body, "feedback", required=False, max_length=2000)
        case = request.env["gov.hall.case"].sudo().search(
            [("name", "=", case_number), ("company_id", "=", device.company_id.id)], limit=1)
        if not case:
            raise JsonError("unknown_case", _("No case of this center has this number."), 404)
        try:
            with request.env.cr.savepoint():
                rating = case.action_rate(value, feedback, channel="device", device=device)
        except (UserError, ValueError) as exc:
            raise JsonError("rejected", str(exc.args[0] if exc.args else exc), 422) from None
        return json_reply(rating_id=rating.id, case=case.name, message=_("Thank you: your rating was recorded."))
