"""Public website: trading announcements, readable without login."""
from odoo import fields, http
from odoo.http import request

from odoo.addons.portal.controllers.portal import pager as portal_pager

PER_PAGE = 20


class GovTradingWebsite(http.Controller):

    @http.route(["/trading", "/trading/page/<int:page>"], type="http", auth="public", website=True, sitemap=True,
                readonly=True)
    def announcements(self, page=1, kind=None, search=None, **kw):
        Announcement = request.env["gov.trading.announcement"].sudo()
        domain = [("is_published", "=", True)]
        if kind:
            domain.append(("kind", "=", kind))
        if search:
            domain.append(("name", "ilike", search))
        total = Announcement.search_count(domain)
        pager = portal_pager(url="/trading", total=total, page=page, step=PER_PAGE,
                             url_args={"kind": kind, "search": search})
        announcements = Announcement.search(domain, limit=PER_PAGE, offset=pager["offset"])
        kinds = Announcement._fields["kind"]._description_selection(request.env)
        return request.render("gov_public_resource_trading.website_announcements", {
            "announcements": announcements, "pager": pager, "kinds": kinds, "kind": kind, "search": search or "",
        })

    def _published(self, announcement_id):
        announcement = request.env["gov.trading.announcement"].sudo().browse(announcement_id).exists()
        if not announcement or not announcement.is_published:
            raise request.not_found()
        return announcement

    @http.route("/trading/announcement/<int:announcement_id>", type="http", auth="public", website=True,
                sitemap=False, readonly=True)
    def announcement(self, announcement_id, **kw):
        announcement = self._published(announcement_id)
        return request.render("gov_public_resource_trading.website_announcement", {"announcement": announcement})

    @http.route("/trading/announcement/<int:announcement_id>/pdf", type="http", auth="public", sitemap=False,
                readonly=True)
    def announcement_pdf(self, announcement_id, **kw):
        announcement = self._published(announcement_id)
        if not announcement.attachment_id:
            raise request.not_found()
        return request.env["ir.binary"]._get_stream_from(announcement.attachment_id).get_response(
            as_attachment=False)

    @http.route("/trading/log/head", type="http", auth="public", methods=["GET"], sitemap=False, readonly=True)
    def log_head(self, history=None, **kw):
        """The head of the operation log as last published (hourly), as JSON: whoever keeps a copy holds
        evidence against a log shortened or recomputed later. ``?history=1``: the last head of each day.
        Never the live head: a lot's bids would show as the sequence moves before the deadline."""
        Head = request.env["gov.trading.log.head"].sudo()
        headers = {"Cache-Control": "public, max-age=300"}
        if history not in (None, "", "0", "1"):
            return request.make_json_response(
                {"code": 400, "message": request.env._("The parameter history takes 0 or 1.")}, status=400,
                headers=headers)
        latest = Head._latest()
        body = {"code": 200, "algorithm": "sha256", "published": "hourly",
                "head": {"date": fields.Datetime.to_string(latest.date), "sequence": latest.sequence,
                         "hash": latest.hash} if latest else None}
        if not latest:
            body["message"] = request.env._("No head of the log has been published yet.")
        if history == "1":
            body["history"] = Head._daily()
        return request.make_json_response(body, headers=headers)
