from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal, pager as portal_pager

from .main import TRACK, expired_link_page


class GovHallCasePortal(CustomerPortal):

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "gov_case_count" in counters:
            Case = request.env["gov.hall.case"]
            values["gov_case_count"] = Case.search_count([]) if Case.has_access("read") else 0
        return values

    @http.route(["/my/cases", "/my/cases/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_cases(self, page=1, **kw):
        Case = request.env["gov.hall.case"]
        count = Case.search_count([])
        pager = portal_pager(url="/my/cases", total=count, page=page, step=20)
        cases = Case.search([], limit=20, offset=pager["offset"])
        values = self._prepare_portal_layout_values()
        values.update(cases=cases.sudo(), pager=pager, page_name="gov_cases", default_url="/my/cases")
        return request.render("gov_hall_intake.portal_my_cases", values)

    @http.route(["/my/cases/<int:case_id>"], type="http", auth="public", website=True)
    @TRACK.guard(reply="html", count="failures")
    def portal_my_case(self, case_id, access_token=None, **kw):
        try:
            case = self._document_check_access("gov.hall.case", case_id, access_token)
        except (AccessError, MissingError):
            if access_token:  # a guessed token counts like a wrong query code
                TRACK.count()
            return request.redirect("/my")
        if access_token and not request.env["gov.hall.case"].browse(case.id).has_access("read") \
                and case.sudo()._gov_token_expired():
            # opened through the link's token only: the link expires like the notice's
            return expired_link_page(case.sudo())
        values = self._get_page_view_values(case, access_token, {"case": case, "page_name": "gov_case"},
                                            "my_gov_cases_history", False)
        return request.render("gov_hall_intake.portal_my_case", values)
