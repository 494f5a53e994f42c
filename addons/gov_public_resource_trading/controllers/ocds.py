"""Open data of the trading lots, readable without login: the OCDS 1.1 release package of every public lot
(``/trading/ocds/releases.json?page=N``, oldest first, ``links.next``/``links.prev`` between pages) and the
package of the release of one lot (``/trading/ocds/lot/<id>.json``; OCDS publishes releases in packages). What is public and when is decided by
``gov.trading.publication`` (models/gov_trading_publication.py), the release by ``gov.trading.ocds``.

Errors are JSON without detail: a page that is not a positive number is 400; an id that is not one, a lot
that does not exist or is not public yet and a page past the last are 404; anything else is logged and
answered 500."""
import functools
import logging
import re

from odoo import http
from odoo.http import request

from odoo.addons.gov_hall_base.tools.http import json_error
from odoo.addons.gov_hall_base.tools.lang import center_lang

_logger = logging.getLogger(__name__)

NUMBER_RE = re.compile(r"^[1-9][0-9]{0,8}$")
HEADERS = {"Cache-Control": "public, max-age=300"}


def open_data(func):
    """The route answers in the center's language, and an unexpected error as JSON without detail."""
    @functools.wraps(func)
    def wrapper(self, *args, **kwargs):
        try:
            env = request.env
            request.update_env(context=dict(env.context, lang=center_lang(env(su=True))))
            return func(self, *args, **kwargs)
        except Exception:
            _logger.exception("open data endpoint %s failed", request.httprequest.path)
            return json_error("server_error", request.env._("The server could not answer this request."), 500)
    return wrapper


class GovTradingOpenData(http.Controller):

    def _not_found(self):
        return json_error("not_found", request.env._("No public lot or page at this address."), 404)

    def _bad_page(self):
        return json_error("bad_request", request.env._("The parameter page takes a positive whole number."), 400)

    def _page_url(self, base_url, page):
        return f"{base_url}/trading/ocds/releases.json?page={page}"

    @http.route("/trading/ocds/releases.json", type="http", auth="public", methods=["GET"], sitemap=False,
                readonly=True, cors="*")
    @open_data
    def ocds_releases(self, page="1", **kw):
        if not isinstance(page, str) or not NUMBER_RE.match(page):
            return self._bad_page()
        page = int(page)
        Publication = request.env["gov.trading.publication"].sudo()
        base_url = Publication.get_base_url()
        package = Publication._export_page(
            "ocds", page, self._page_url(base_url, page), next_url=self._page_url(base_url, page + 1),
            prev_url=self._page_url(base_url, page - 1))
        if package is None:
            return self._not_found()
        return request.make_json_response(package, headers=HEADERS)

    @http.route("/trading/ocds/lot/<string:lot_ref>.json", type="http", auth="public", methods=["GET"],
                sitemap=False, readonly=True, cors="*")
    @open_data
    def ocds_lot(self, lot_ref, **kw):
        Publication = request.env["gov.trading.publication"].sudo()
        lot = Publication._public_lot(int(lot_ref)) if NUMBER_RE.match(lot_ref) else None
        if not lot:
            return self._not_found()
        url = f"{Publication.get_base_url()}/trading/ocds/lot/{lot.id}.json"
        return request.make_json_response(Publication._export_lot("ocds", lot, url), headers=HEADERS)
