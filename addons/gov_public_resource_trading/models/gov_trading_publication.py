"""The one place where trading announcements leave the hall as data: a small registry of publication
formats (OCDS first, models/gov_trading_ocds.py) and what every format may publish.

A format is an abstract model that registers itself by extending ``_publication_formats`` with its code
and model name, and builds its document from the public lots with ``_export_lot(lot, url)`` (one lot) and
``_export_page(lots, page, url, next_url, prev_url)`` (one page of the list). The designated media a hall
must also publish on get a format of their own the same way; the routes (controllers/ocds.py) and the
choice of the public lots stay here, so no format sees a lot before its announcement or decides for
itself what is secret.
"""
from odoo import api, models
from odoo.fields import Domain

PAGE_SIZE_PARAM = "gov_public_resource_trading.publication_page_size"
DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000


class GovTradingPublication(models.AbstractModel):
    _name = "gov.trading.publication"
    _description = "Publication Formats of Trading Announcements"

    @api.model
    def _publication_formats(self):
        """``{code: model name}`` of the formats; each format adds itself by extending this method."""
        return {}

    @api.model
    def _format(self, code):
        """The model of the format ``code`` (under sudo: the public lots are read whoever asks), or None."""
        name = self._publication_formats().get(code)
        return self.env[name].sudo() if name else None

    @api.model
    def _public_lots_domain(self):
        """The lots whose tender announcement has been published: every lot out of draft except those
        cancelled before their announcement. Only these leave the hall, in every format."""
        Announcement = self.env["gov.trading.announcement"].sudo()
        announced_cancelled = Announcement.search([
            ("state", "in", ("published", "withdrawn")), ("date_published", "!=", False),
            ("lot_ids.state", "=", "cancel")]).lot_ids.filtered(lambda lot: lot.state == "cancel")
        return Domain("state", "not in", ("draft", "cancel")) | Domain("id", "in", announced_cancelled.ids)

    @api.model
    def _public_lot(self, lot_id):
        """The public lot of id ``lot_id`` (an int), or an empty recordset."""
        Lot = self.env["gov.trading.lot"].sudo()
        if not isinstance(lot_id, int) or not 0 < lot_id < 2 ** 31:
            return Lot
        return Lot.search(Domain("id", "=", lot_id) & self._public_lots_domain(), limit=1)

    @api.model
    def _page_size(self):
        value = self.env["ir.config_parameter"].sudo().get_param(PAGE_SIZE_PARAM)
        try:
            size = int(value) if value else DEFAULT_PAGE_SIZE
        except ValueError:
            size = DEFAULT_PAGE_SIZE
        return min(max(size, 1), MAX_PAGE_SIZE)

    @api.model
    def _public_page(self, page):
        """``(lots, has_next)`` of page ``page`` (from 1) of the public lots, oldest first, so that a new lot
        lands on the last page and the pages a harvester already read keep their content."""
        size = self._page_size()
        lots = self.env["gov.trading.lot"].sudo().search(
            self._public_lots_domain(), order="id", offset=(page - 1) * size, limit=size + 1)
        return lots[:size], len(lots) > size

    @api.model
    def _export_lot(self, code, lot, url):
        """The document of the format ``code`` for the public lot ``lot``, published at ``url``."""
        return self._format(code)._export_lot(lot, url)

    @api.model
    def _export_page(self, code, page, url, next_url=None, prev_url=None):
        """The document of page ``page`` (from 1) of the public lots in the format ``code``, or None past the
        last page (the first page always exists, empty when nothing is public yet); ``url`` is the page's own
        address, ``next_url``/``prev_url`` those of its neighbours."""
        lots, has_next = self._public_page(page)
        if not lots and page > 1:
            return None
        return self._format(code)._export_page(
            lots, page, url, next_url if has_next else None, prev_url if page > 1 else None)
