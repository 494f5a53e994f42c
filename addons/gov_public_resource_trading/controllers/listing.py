"""Bidder portal of a listing (挂牌): the quote page, quotes and the answer at the close. Every route works on
the request user's own application of the lot; another bidder's listing or application is a 404, and the
model refuses a quote made for someone else's application whatever the route is given."""
from werkzeug.urls import url_encode

from odoo import http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from ..models.gov_trading_lot import fmt_local


class GovTradingListingPortal(http.Controller):

    def _own_application(self, listing_id):
        """The listing and the request user's own application to it; 404 otherwise."""
        listing = request.env["gov.trading.listing"].sudo().browse(int(listing_id)).exists()
        if not listing or listing.state == "draft":
            raise request.not_found()
        reg = listing.lot_id.registration_ids.filtered(
            lambda r: request.env.user in r.bidder_id.user_ids and r.state == "registered")[:1]
        if not reg:
            raise request.not_found()
        return listing, reg

    def _back(self, listing, error=None, message=None):
        params = {k: v for k, v in (("error", error), ("message", message)) if v}
        return request.redirect(f"/my/trading/listing/{listing.id}" + ("?" + url_encode(params) if params else ""))

    @http.route("/my/trading/listing/<int:listing_id>", type="http", auth="user", website=True)
    def portal_listing(self, listing_id, error=None, message=None, **kw):
        listing, reg = self._own_application(listing_id)
        lead = listing._leading_quote()
        quotes = listing.quote_ids.sorted(lambda q: (q.date_quoted, q.id), reverse=True)
        one_shot = listing.mode == "one_shot"
        values = {
            "page_name": "trading_listing", "listing": listing, "registration": reg,
            "quotes": quotes if not one_shot or listing.state not in ("announced",) else quotes.browse(),
            "lead": lead, "is_leader": bool(lead) and lead.registration_id == reg and not one_shot,
            "can_quote": reg in listing._quote_ready_registrations(), "deposit_ok": reg._listing_deposit_ok(),
            "next_price": listing.current_price + (listing.increment if lead and not one_shot else 0.0),
            "error": error, "message": message, "fmt": lambda dt: fmt_local(dt, listing.company_id),
            "now": request.env["gov.trading.lot"]._now(),
        }
        return request.render("gov_public_resource_trading.portal_trading_listing", values)

    @http.route("/my/trading/listing/<int:listing_id>/quote", type="http", auth="user", website=True,
                methods=["POST"])
    def portal_listing_quote(self, listing_id, amount=None, registration_id=None, **kw):
        listing, reg = self._own_application(listing_id)
        if registration_id and str(registration_id) != str(reg.id):
            # a quote is always the request user's own: naming another application is refused
            raise request.not_found()
        try:
            value = float(str(amount or "").replace(",", ""))
        except ValueError:
            return self._back(listing, error=request.env._("Enter the amount of your quote."))
        try:
            with request.env.cr.savepoint():
                request.env["gov.trading.quote"].with_user(request.env.user).sudo().create({
                    "listing_id": listing.id, "registration_id": reg.id, "amount": value})
        except (UserError, ValidationError, AccessError) as e:
            return self._back(listing, error=e.args[0])
        return self._back(listing, message=request.env._("Your quote of %(amount).2f is recorded.", amount=value))

    @http.route("/my/trading/listing/<int:listing_id>/continue", type="http", auth="user", website=True,
                methods=["POST"])
    def portal_listing_continue(self, listing_id, answer=None, **kw):
        listing, reg = self._own_application(listing_id)
        try:
            with request.env.cr.savepoint():
                reg.with_user(request.env.user).sudo()._listing_answer_continue(answer == "continue")
        except (UserError, AccessError) as e:
            return self._back(listing, error=e.args[0])
        return self._back(listing, message=request.env._("Your answer is recorded."))


class GovTradingListingReserve(http.Controller):
    """The transferor's sealing page: the value is sealed in the browser (static/src/js/listing_reserve.js);
    the server receives the ciphertext, the nonce and the commitment only."""

    def _listing(self, listing_id):
        listing = request.env["gov.trading.listing"].sudo().browse(int(listing_id)).exists()
        if not listing or listing.transferor_user_id != request.env.user:
            raise request.not_found()
        return listing

    @http.route("/trading/listing/<int:listing_id>/reserve", type="http", auth="user")
    def listing_reserve_page(self, listing_id, **kw):
        listing = self._listing(listing_id)
        return request.render("gov_public_resource_trading.listing_reserve_page", {"listing": listing})

    @http.route("/trading/listing/<int:listing_id>/reserve/seal", type="jsonrpc", auth="user")
    def listing_reserve_seal(self, listing_id, sealed=None, **kw):
        listing = self._listing(listing_id)
        try:
            listing._store_sealed_reserve(sealed if isinstance(sealed, dict) else {})
        except (UserError, AccessError) as e:
            return {"error": e.args[0]}
        return {"commitment": listing.reserve_commitment}
