from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestTours(HttpCase):
    def test_calendar_schedule_tour(self):
        self.addCleanup(self.registry.clear_cache)
        self.start_tour("/odoo", "gov_hall_calendar_schedule_tour", login="admin")
        year = self.env["gov.hall.calendar.year"].search([("year", "=", 2027)])
        self.assertEqual(year.state, "published")
        self.assertEqual(year.holiday_count, 3)
        self.assertTrue(self.env["gov.hall.calendar"].is_provisional("2027-03-01") is False)
