import re

from odoo.tests import HttpCase, tagged

from odoo.addons.gov_hall_base.tools import granted


@tagged("post_install", "-at_install")
class TestJourneys(HttpCase):

    def test_citizen_rates_the_case_from_its_page(self):
        applicant = self.env.ref("gov_hall_base.user_applicant")
        Case = self.env["gov.hall.case"].sudo()
        case = Case.search([("state", "in", ("accepted", "decided", "delivered"))]).filtered(
            lambda c: not c.rating_ids.filtered("consumed"))[:1]
        self.assertTrue(case, "the demo has cases not rated yet")
        with granted(Case):
            case.applicant_id = applicant.partner_id
        self.start_tour(f"/my/cases/{case.id}", "gov_hall_citizen_rating", login="applicant")
        rating = case.rating_ids.filtered("consumed")
        self.assertEqual(len(rating), 1)
        self.assertEqual(rating.rating, 5)

    def test_rating_refused_for_another_citizen(self):
        Case = self.env["gov.hall.case"].sudo()
        applicant = self.env.ref("gov_hall_base.user_applicant")
        case = Case.search([("state", "in", ("accepted", "decided", "delivered")),
                            ("applicant_id", "!=", applicant.partner_id.id)]).filtered(
            lambda c: not c.rating_ids.filtered("consumed"))[:1]
        self.authenticate("applicant", "applicant")
        response = self.url_open(f"/my/cases/{case.id}/rate", data={"value": "1", "csrf_token": self.csrf_token()})
        self.assertFalse(case.rating_ids.filtered("consumed"), "a citizen rated someone else's case")
        self.assertIn("/my", response.url)

    def csrf_token(self):
        """The CSRF token of the logged-in session, as a page of the site gives it to its forms."""
        return re.search(r'csrf_token: "([^"]+)"', self.url_open("/my").text).group(1)

    def test_bidder_steps_and_opening_hall(self):
        bidder_user = self.env.ref("gov_hall_base.user_bidder")
        Lot = self.env["gov.trading.lot"].sudo()
        lot = Lot.search([("state", "=", "published")]).filtered(
            lambda l: not l.registration_ids.filtered(lambda r: bidder_user in r.bidder_id.user_ids))[:1]
        self.assertTrue(lot, "the demo has a lot open for registration the bidder has not registered for")
        self.authenticate("bidder", "bidder")
        response = self.url_open(f"/my/trading/lot/{lot.id}/register", data={"csrf_token": self.csrf_token()},
                                 allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        location = response.headers["Location"]
        self.assertIn("message=", location)
        path = location.split("//", 1)[-1]
        path = path[path.index("/"):]
        self.start_tour(path, "gov_hall_bidder_steps", login="bidder")
