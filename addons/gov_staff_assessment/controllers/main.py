from odoo import http
from odoo.http import request


class GovAssessmentHonours(http.Controller):
    """Public pages: the published monthly red-flag windows (红旗窗口) and service stars (服务明星)."""

    def _published(self):
        return request.env["gov.assessment.month"].sudo().search(
            [("state", "=", "published"), ("company_id", "in", request.website.company_id.ids)],
            order="date_from desc")

    @http.route("/assessment/honours", type="http", auth="public", website=True, sitemap=True, readonly=True)
    def honours(self, **kw):
        months = self._published()
        return request.render("gov_staff_assessment.honours_index", {"months": months[:24]})

    @http.route("/assessment/honours/<int:month_id>", type="http", auth="public", website=True, sitemap=False,
                readonly=True)
    def honours_month(self, month_id, **kw):
        month = self._published().filtered(lambda m: m.id == month_id)
        if not month:
            raise request.not_found()
        return request.render("gov_staff_assessment.honours_month", {"month": month})
