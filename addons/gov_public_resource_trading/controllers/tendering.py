"""The bidder's objection at the opening session (招标投标法实施条例 第44条): raised on the portal during the
opening, answered on the spot by the tenderer or its agent in the backend."""
from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from .portal import GovTradingPortal


class GovTradingTenderingPortal(GovTradingPortal):

    @http.route("/my/trading/registration/<int:registration_id>/opening/objection", type="http", auth="user",
                website=True, methods=["POST"])
    def portal_trading_opening_objection(self, registration_id, name=None, body=None, **kw):
        reg = self._registration(registration_id)
        url = f"/my/trading/registration/{reg.id}/opening"
        try:
            with request.env.cr.savepoint():
                request.env["gov.trading.question"].sudo().create({
                    "lot_id": reg.lot_id.id, "bidder_id": reg.bidder_id.id, "kind": "opening_objection",
                    "name": (name or "").strip() or request.env._("Objection at the opening"), "body": body})
        except (UserError, ValidationError) as e:
            return self._redirect_with(url, error=e.args[0])
        return self._redirect_with(url, message=request.env._(
            "Objection received: the tenderer answers it on the spot, in the opening record."))
