"""The hall's home page: item search, shortcuts, latest trading announcements, this month's red-flag windows and
the hall's address, hours and phones, read by the public user (published records only)."""
from odoo import http
from odoo.http import request

from odoo.addons.website.controllers.main import Website

from odoo.addons.gov_hall_base.tools import center_today

ANNOUNCEMENTS = 8


class GovHallWebsite(Website):

    @http.route("/", auth="public", website=True, sitemap=True)
    def index(self, **kw):
        return request.render("gov_hall_dashboard.hall_home", self._gov_home_values())

    def _gov_home_values(self):
        env = request.env
        company = request.website.company_id.sudo()  # its address and phones, for portal users too
        announcements = env["gov.trading.announcement"].sudo().search(
            [("is_published", "=", True), ("company_id", "in", company.ids)],
            order="date_published desc, id desc", limit=ANNOUNCEMENTS)
        month = env["gov.assessment.month"].sudo().search(
            [("state", "=", "published"), ("company_id", "in", company.ids)], order="date_from desc", limit=1)
        red_flags = month.window_line_ids.filtered("is_red_flag").sorted(lambda w: (w.rank or 999, w.id))
        return {
            "company": company,
            "announcements": announcements,
            "honour_month": month,
            "red_flags": red_flags,
            "today": center_today(company),
        }

    # multilang=False: served in place of the requested URL, it must not redirect to its own
    @http.route("/gov_hall/method_not_allowed", type="http", auth="public", website=True, sitemap=False,
                csrf=False, readonly=True, multilang=False)
    def method_not_allowed(self, **kw):
        response = request.render("gov_hall_dashboard.http_405", {})
        response.status_code = 405
        return response

    @http.route("/gov_hall/guide/<int:item_id>/form/<int:material_id>", type="http", auth="public",
                sitemap=False, readonly=True)
    def guide_form(self, item_id, material_id, **kw):
        """The blank form of a material of a published guide (a public document of the guide)."""
        item = request.env["gov.hall.service.item"].sudo().browse(item_id).exists()
        material = item.material_ids.filtered(lambda m: m.id == material_id)
        if not item or item.state != "published" or not item.website_published or not material.template_file:
            raise request.not_found()
        return request.env["ir.binary"]._get_stream_from(material, "template_file",
                                                         filename=material.template_filename).get_response(
            as_attachment=True)
