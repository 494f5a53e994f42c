import base64

from odoo import api, fields, models
from odoo.tools import file_open

# the hall's public menu, in order: url -> sequence (首页 · 办事指南 · 在线办理 · 办件查询 · 交易公告 · 效能投诉 · 红旗窗口)
HALL_MENU = {
    "/": 10,
    "/gov_hall/guide": 20,
    "/my/apply": 30,
    "/gov_hall/track": 40,
    "/trading": 50,
    "/complaint": 60,
    "/assessment/honours": 70,
}
# Odoo's sample pages that a government site does not show
SAMPLE_URLS = ("/contactus",)
SAMPLE_VIEWS = ["website.header_call_to_action", "website.header_text_element"]
LOGO = "gov_hall_dashboard/static/src/img/hall_logo.png"


class Website(models.Model):
    _inherit = "website"

    gov_site_code = fields.Char(
        "Website Identification Code",
        help="The code of this government website in the national register of government websites, "
             "also used by the link reporting an error on the site.")
    gov_icp_number = fields.Char("ICP Filing Number")
    gov_psb_number = fields.Char("Public Security Filing Number")

    def _gov_hall_hours(self, company):
        """The hall's opening hours of ``company``, e.g. 8:30-17:30."""
        def fmt(hours):
            minutes = round((hours or 0) * 60)
            return f"{minutes // 60}:{minutes % 60:02d}"
        return f"{fmt(company.gov_hall_hour_from)}-{fmt(company.gov_hall_hour_to)}"

    def _gov_guide_windows(self, item):
        """The windows of the center that take ``item``: those of its department (public data of the guide)."""
        item = item.sudo()
        return self.env["gov.hall.window"].sudo().search([
            ("company_id", "=", item.company_id.id), ("department_ids", "in", item.department_id.ids)],
            order="code")

    def _gov_page_titles(self):
        _ = self.env._
        return {
            "gov_hall_dashboard.hall_home": _("Home"),
            "gov_hall_intake.guide_list_page": _("Service Guide"),
            "gov_hall_intake.guide_page": _("Service Guide"),
            "gov_hall_intake.track_page": _("Case Lookup"),
            "gov_hall_intake.portal_my_cases": _("My Cases"),
            "gov_hall_intake.portal_my_case": _("My Case"),
            "gov_hall_intake.apply_home_page": _("Online Services"),
            "gov_hall_intake.apply_new_page": _("Online Services"),
            "gov_hall_intake.apply_case_page": _("Online Services"),
            "gov_hall_intake.apply_agents_page": _("Online Services"),
            "gov_public_resource_trading.website_announcements": _("Trading Announcements"),
            "gov_public_resource_trading.website_announcement": _("Trading Announcement"),
            "gov_public_resource_trading.portal_trading": _("Bidder Services"),
            "gov_public_resource_trading.portal_trading_registration": _("My Bid Registration"),
            "gov_public_resource_trading.portal_trading_opening": _("Opening Hall"),
            "gov_public_resource_trading.portal_trading_listing": _("Listing"),
            "gov_public_resource_trading.portal_trading_auction": _("Auction Hall"),
            "gov_public_resource_trading.trading_sealing_tool": _("Sealing Tool"),
            "gov_public_resource_trading.listing_reserve_page": _("Reserve Price"),
            "gov_complaints.complaint_form_page": _("Efficiency Complaints"),
            "gov_complaints.complaint_done_page": _("Efficiency Complaints"),
            "gov_complaints.complaint_track_page": _("Complaint Lookup"),
            "gov_complaints.portal_my_complaints": _("My Complaints"),
            "gov_staff_assessment.honours_index": _("Red-Flag Windows"),
            "gov_staff_assessment.honours_month": _("Red-Flag Windows"),
            "gov_hall_dashboard.http_405": _("Page Not Available"),
            "http_routing.404": _("Page Not Found"),
            "website.page_404": _("Page Not Found"),
            "http_routing.403": _("Access Denied"),
            "http_routing.4xx": _("Request Error"),
            "http_routing.500": _("Server Error"),
            "portal.portal_my_home": _("My Account"),
            "portal.portal_my_security": _("Security"),
            "portal.portal_my_details": _("My Details"),
            "web.login": _("Log In"),
        }

    def _gov_page_title(self, view):
        """The Chinese tab title of the page rendered by ``view`` (None: the website's own rule)."""
        return self._gov_page_titles().get(view.sudo().key)

    @api.model
    def _gov_setup_hall_website(self):
        """Make every website the site of its center: the center's name and logo, Chinese as the language,
        the hall's menu in its order (with the Chinese names of the generic menus) and no sample menus or
        call-to-action button. Runs on install and update of the addon; idempotent."""
        with file_open(LOGO, "rb") as f:
            logo = base64.b64encode(f.read())
        zh = self.env["res.lang"].search([("code", "=", "zh_CN")], limit=1)
        for website in self.sudo().search([]):
            vals = {"name": website.company_id.name or website.name, "logo": logo}
            if zh:
                vals.update(default_lang_id=zh.id, language_ids=[(4, zh.id)])
            website.write(vals)
        Menu = self.env["website.menu"].sudo()
        Menu.search([("url", "in", SAMPLE_URLS)]).unlink()
        templates = {m.url: m for m in Menu.search([("website_id", "=", False), ("url", "in", list(HALL_MENU))])}
        for menu in Menu.search([("url", "in", list(HALL_MENU))]):
            menu.sequence = HALL_MENU[menu.url]
            template = templates.get(menu.url)
            if menu.website_id and template:
                # a website's copy of a generic menu keeps only the English name: give it the translations
                translations = template._fields["name"]._get_stored_translations(template) or {}
                translations.pop("en_US", None)
                if translations:
                    menu.update_field_translations("name", translations)
        # the header's sample button ("Contact Us") and sample phone line: the top bar gives 12345
        self.env["ir.ui.view"].sudo().search([("key", "in", SAMPLE_VIEWS), ("active", "=", True)]).active = False
        return True
