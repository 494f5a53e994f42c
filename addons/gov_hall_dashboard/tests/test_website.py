import re

from odoo.tests import HttpCase, tagged

MENU = ["首页", "办事指南", "在线办理", "办件查询", "交易公告", "效能投诉", "红旗窗口"]
SAMPLE = ["Your Logo", "+1 555", "info@yourcompany", "My Website", "Powered by", "odoo.com", "Contact Us",
          "联系我们"]


@tagged("post_install", "-at_install")
class TestHallWebsite(HttpCase):

    def _get(self, url):
        response = self.url_open(url, allow_redirects=False)
        return response, response.content.decode()

    def test_home_is_the_halls_site(self):
        response, html = self._get("/")
        self.assertEqual(response.status_code, 200)
        company = self.env["website"].get_current_website().company_id
        self.assertIn(company.name, html)
        self.assertIn(f"<title>首页 | {company.name}</title>", html)
        for sample in SAMPLE:
            self.assertNotIn(sample, html, f"Odoo's sample content on the hall's home page: {sample}")
        # the menu, in its order
        nav = html[html.index('id="top"'):html.index("</header>")]
        positions = [nav.find(f">{name}<") if f">{name}<" in nav else nav.find(name) for name in MENU]
        self.assertTrue(all(p >= 0 for p in positions), dict(zip(MENU, positions)))
        self.assertEqual(positions, sorted(positions), "the menu is not in the hall's order")
        # the home page's parts and the government-site footer
        for part in ('name="search"', "o_gov_shortcuts", "o_gov_announcements", "o_gov_red_flags", "12345",
                     "主办单位", "网站标识码", "ICP", "公安", "我为政府网站找错", "长者模式"):
            self.assertIn(part, html)

    def test_home_lists_published_announcements_only(self):
        Announcement = self.env["gov.trading.announcement"].sudo()
        published = Announcement.search([("is_published", "=", True)], limit=1)
        hidden = Announcement.search([("is_published", "=", False)], limit=1)
        _response, html = self._get("/")
        if published:
            self.assertIn(published.name, html)
        if hidden:
            self.assertNotIn(f"/trading/announcement/{hidden.id}\"", html)

    def test_chinese_tab_titles(self):
        site = self.env["website"].get_current_website().name
        for url, title in (("/trading", "交易公告"), ("/complaint", "效能投诉"),
                           ("/assessment/honours", "红旗窗口")):
            with self.subTest(url=url):
                _response, html = self._get(url)
                self.assertIn(f"<title>{title} | {site}</title>", html)

    def test_method_not_allowed_page_is_chinese(self):
        response, html = self._get("/complaint/submit")
        self.assertEqual(response.status_code, 405)
        self.assertNotIn("Method Not Allowed", html)
        self.assertIn("此页面不能直接打开", html)
        self.assertIn(self.env["website"].get_current_website().company_id.name, html)
        # other clients keep the plain answer of a POST-only route: no page of the site for an API call
        response = self.url_open("/trading/log/head", data={"x": "1"})
        self.assertEqual(response.status_code, 405)

    def test_no_english_sample_pages_in_the_menu(self):
        for menu in self.env["website.menu"].search([]):
            self.assertNotEqual(menu.url, "/contactus")

    def test_home_tour(self):
        self.start_tour("/", "gov_hall_website_home")

    def test_guide_page_says_where_when_and_whom_to_call(self):
        item = self.env["gov.hall.service.item"].sudo().search(
            [("state", "=", "published"), ("website_published", "=", True)], limit=1)
        _response, html = self._get(f"/gov_hall/guide/{item.id}")
        self.assertIn("o_gov_guide_where", html)
        company = item.company_id
        self.assertIn(company.street, html)
        self.assertIn("12345", html)
        material = item.material_ids[:1]
        if material:
            # no blank form: no download; a form of an unpublished item is not served either
            response = self.url_open(f"/gov_hall/guide/{item.id}/form/{material.id}")
            self.assertEqual(response.status_code, 200 if material.template_file else 404)

    def test_complaint_form_windows_carry_their_hall_and_promise(self):
        _response, html = self._get("/complaint")
        windows = self.env["gov.hall.window"].sudo().search([])
        self.assertIn(f'data-company-id="{windows[:1].company_id.id}"', html)
        self.assertIn("o_gov_reply_promise", html)
        self.assertIn("1个工作日", html)
