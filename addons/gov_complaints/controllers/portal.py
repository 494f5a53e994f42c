"""My complaints on the portal: what a logged-in complainant filed (never anonymous ones)."""
from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class GovComplaintPortal(CustomerPortal):
    def _gov_my_complaints_domain(self):
        return [("complainant_partner_id", "=", request.env.user.partner_id.id), ("anonymous", "=", False)]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "gov_complaint_count" in counters:
            values["gov_complaint_count"] = request.env["gov.complaint"].sudo().search_count(
                self._gov_my_complaints_domain())
        return values

    @http.route(["/my/complaints"], type="http", auth="user", website=True)
    def portal_my_complaints(self, **kw):
        complaints = request.env["gov.complaint"].sudo().search(self._gov_my_complaints_domain(), limit=200)
        Public = request.env["gov.complaint.public"].sudo()
        values = self._prepare_portal_layout_values()
        values.update({
            "complaints": [dict(Public._public_status(c), title=c.title, code=c.query_code) for c in complaints],
            "page_name": "gov_complaints",
        })
        return request.render("gov_complaints.portal_my_complaints", values)
