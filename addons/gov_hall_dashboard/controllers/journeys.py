"""Guided journeys on top of the addons' portal pages: the citizen rates a case from its portal page, the bidder
sees where it stands (a step bar, a confirmation after each step) and an opening hall page that counts down
to the opening instead of a "not found"."""
from werkzeug.urls import url_encode

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.gov_hall_intake.controllers.portal import GovHallCasePortal
from odoo.addons.gov_public_resource_trading.controllers.portal import GovTradingPortal


class GovHallCaseRating(GovHallCasePortal):

    @http.route("/my/cases/<int:case_id>/rate", type="http", auth="public", website=True, methods=["POST"],
                sitemap=False)
    def portal_my_case_rate(self, case_id, access_token=None, value=None, feedback=None, **kw):
        """One case, one rating (一事一评), from the case's own portal page: by its applicant, or through the
        link's access token; the model checks the level, the state and that it is not rated yet."""
        try:
            case = self._document_check_access("gov.hall.case", case_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        try:
            case.sudo().action_rate(value, (feedback or "").strip() or None, channel="web")
            params = {"message": request.env._("Thank you: your rating was recorded.")}
        except UserError as exc:
            params = {"error": exc.args[0]}
        if access_token:
            params["access_token"] = access_token
        return request.redirect(f"/my/cases/{case.id}?{url_encode(params)}")


class GovTradingJourney(GovTradingPortal):

    @http.route()
    def portal_trading_register(self, lot_id, **kw):
        response = super().portal_trading_register(lot_id, **kw)
        location = response.headers.get("Location", "") if response.status_code in (301, 302, 303) else ""
        if "/my/trading/registration/" in location and "?" not in location:
            # the confirmation of the step just done, and what comes next
            response.headers["Location"] = location + "?" + url_encode({"message": request.env._(
                "You are registered for this lot. Next: download the tender documents, pay the deposit if one "
                "is asked, then seal and upload your bid before the deadline.")})
        return response

    @http.route()
    def portal_trading_opening(self, registration_id, **kw):
        reg = self._registration(registration_id)
        lot = reg.lot_id.sudo()
        if lot.state in ("draft", "published"):
            # before the opening: the hall's waiting room with the time left, not a "page not found"
            values = self._prepare_portal_layout_values()
            values.update({"page_name": "trading_opening", "registration": reg, "lot": lot,
                           "opening_utc": lot.date_bid_deadline and lot.date_bid_deadline.isoformat() + "Z"})
            return request.render("gov_hall_dashboard.portal_trading_opening_wait", values)
        return super().portal_trading_opening(registration_id, **kw)
