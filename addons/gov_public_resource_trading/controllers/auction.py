"""Live auction (现场竞价) for the bidders: the bidder's screen, its state and its bids (JSON).

Every route works for the request user's own registration of the session's lot (a registered bidder with a
paddle number) or, for the state, the host of the center; anybody else gets a 404 and learns nothing. The
bid names no registration: it is always the request user's own. The JSON routes take a JSON body
(``Content-Type: application/json``, which a cross-site form cannot send) and answer with
``gov_hall_base.tools.http``'s helpers; bids are counted per client by a throttle
(``gov_hall_base.throttle.gov_trading_auction_bid``, N/M minutes)."""
import math

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from odoo.addons.gov_hall_base.tools import JsonError, Throttle, json_endpoint, json_reply

from ..models.gov_trading_auction import BUS_TYPE, CHANNEL_PREFIX
from ..models.gov_trading_lot import fmt_local

BID_THROTTLE = Throttle("gov_trading_auction_bid", limit=600, minutes=10)


class GovTradingAuctionPortal(http.Controller):

    def _session(self, auction_id, host_ok=False):
        """The session and the request user's registration for its lot; 404 for anyone else (the host too,
        unless ``host_ok``)."""
        auction = request.env["gov.trading.auction"].sudo().browse(int(auction_id)).exists()
        if not auction or auction.state in ("draft", "cancel"):
            return None, None
        reg = auction._registration_of(request.env.user)
        if not reg and not (host_ok and auction._is_host(request.env.user)):
            return None, None
        return auction, reg

    def _json_session(self, auction_id, host_ok=False):
        if request.httprequest.mimetype != "application/json":
            raise JsonError("bad_request", request.env._("Send the request as JSON."), 415)
        auction, reg = self._session(auction_id, host_ok=host_ok)
        if not auction:
            raise JsonError("not_found", request.env._("No such auction."), 404)
        return auction, reg

    @http.route("/my/trading/auction/<int:auction_id>", type="http", auth="user", website=True)
    def portal_auction(self, auction_id, **kw):
        auction, reg = self._session(auction_id)
        if not auction:
            raise request.not_found()
        # past the end the session closes first; the screen shows the live state it fetches at once
        request.env["gov.trading.auction"]._live_state(auction.id)
        values = {
            "page_name": "trading_auction", "auction": auction, "registration": reg,
            "admitted": reg in auction.bidder_registration_ids, "channel": f"{CHANNEL_PREFIX}{auction.id}",
            "bus_type": BUS_TYPE, "fmt": lambda dt: fmt_local(dt, auction.company_id),
        }
        return request.render("gov_public_resource_trading.portal_trading_auction", values)

    @http.route("/trading/auction/<int:auction_id>/state", type="http", auth="user", methods=["POST"], csrf=False)
    @json_endpoint
    def auction_state(self, body, auction_id, **kw):
        """The current state, fetched by the screen when it (re)connects."""
        auction, reg = self._json_session(auction_id, host_ok=True)
        # past the end of the countdown the session closes first: nobody sees it running after its end
        state = request.env["gov.trading.auction"]._live_state(auction.id)
        state.update(paddle=reg.listing_paddle if reg else "", admitted=bool(reg and reg in
                                                                             auction.bidder_registration_ids))
        return json_reply(state=state)

    @http.route("/trading/auction/<int:auction_id>/bid", type="http", auth="user", methods=["POST"], csrf=False)
    @BID_THROTTLE.guard(reply="json")
    @json_endpoint
    def auction_bid(self, body, auction_id, **kw):
        auction, reg = self._json_session(auction_id)
        amount = body.get("amount")
        if isinstance(amount, str):
            try:
                amount = float(amount.replace(",", ""))
            except ValueError:
                amount = None
        if isinstance(amount, bool) or not isinstance(amount, (int, float)) or not math.isfinite(amount) \
                or amount <= 0 or amount > 1e13:
            raise JsonError("bad_request", request.env._("Enter the amount of your bid."))
        try:
            answer = request.env["gov.trading.auction"]._submit_bid(auction.id, float(amount))
        except (AccessError, UserError) as e:
            raise JsonError("refused", e.args[0], 403) from None
        answer["state"].update(paddle=reg.listing_paddle, admitted=True)
        return json_reply(answer, status=200)
