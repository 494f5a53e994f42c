from datetime import datetime

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.gov_hall_base.tools import granted

# 17:30 UTC on 30 November is already 1 December, 01:30 in Beijing: the date flips
UTC_TIME = datetime(2026, 11, 30, 17, 30)
BEIJING = "2026年12月1日 01:30"
BEIJING_DAY = "2026年12月1日"
WRONG = ("2026年11月30日", "11/30/2026", "2026-11-30", "17:30", "18:30")


@tagged("post_install", "-at_install")
class TestBeijingTime(HttpCase):
    """Public and portal pages write the hall's times in Beijing time whoever reads them: the public user, or
    a logged-in user whose own time zone is Europe/Paris and whose browser sends a ``tz`` cookie of UTC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Announcement = cls.env["gov.trading.announcement"].sudo()
        cls.announcement = Announcement.search([("is_published", "=", True)], limit=1)
        assert cls.announcement, "the demo publishes trading announcements"
        # the newest one, so that the home page lists it
        with granted(Announcement):
            cls.announcement.date_published = datetime(2030, 1, 1)
            cls.announcement.date_published = UTC_TIME
            (Announcement.search([("is_published", "=", True)]) - cls.announcement).filtered(
                lambda a: a.date_published and a.date_published > UTC_TIME).write({"date_published": datetime(2026, 11, 1)})
        cls.paris = new_test_user(cls.env, login="t_paris", password="t_paris_pwd_1", tz="Europe/Paris",
                                  groups="base.group_portal")

    def _pages(self):
        announcement = self.url_open(f"/trading/announcement/{self.announcement.id}").content.decode()
        listing = self.url_open("/trading").content.decode()
        home = self.url_open("/").content.decode()
        return announcement, listing, home

    def _assert_beijing(self, who):
        announcement, listing, home = self._pages()
        with self.subTest(who=who, page="announcement"):
            self.assertIn(BEIJING, announcement)
        with self.subTest(who=who, page="list"):
            self.assertIn(BEIJING, listing)
        with self.subTest(who=who, page="home"):
            row = home[home.index(f"/trading/announcement/{self.announcement.id}"):][:600]
            self.assertIn(BEIJING_DAY, row)
            for wrong in WRONG:
                self.assertNotIn(wrong, row)

    def test_public_user_reads_beijing_time(self):
        self.opener.cookies.set("tz", "UTC")
        self._assert_beijing("public")

    def test_paris_user_with_utc_cookie_reads_beijing_time(self):
        self.authenticate("t_paris", "t_paris_pwd_1")
        self.opener.cookies.set("tz", "UTC")
        self._assert_beijing("Europe/Paris user")

    def test_widget_formats_in_the_center_zone(self):
        paris_env = self.env(context={"tz": "Europe/Paris", "lang": "en_US"})
        html = paris_env["ir.qweb.field.gov_datetime"].value_to_html(UTC_TIME, {})
        self.assertEqual(html, BEIJING)
        self.assertEqual(paris_env["ir.qweb.field.gov_date"].value_to_html(UTC_TIME, {}), BEIJING_DAY)
        self.assertEqual(paris_env["ir.qweb.field.gov_date"].value_to_html("2026-12-01", {}), BEIJING_DAY)
        self.assertEqual(paris_env["ir.qweb.field.gov_datetime"].value_to_html(False, {}), "")
