import re

from odoo.tests import HttpCase, tagged

from odoo.addons.gov_hall_base.tools import granted
from odoo.addons.gov_hall_base.tools.dates import center_today


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

    def _register(self, lot):
        """The demo bidder registers for ``lot`` through the portal; the registration's page."""
        self.authenticate("bidder", "bidder")
        response = self.url_open(f"/my/trading/lot/{lot.id}/register", data={"csrf_token": self.csrf_token()},
                                 allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        reg = lot.registration_ids.filtered(
            lambda r: self.env.ref("gov_hall_base.user_bidder") in r.bidder_id.user_ids)
        self.assertTrue(reg)
        return reg

    def _open_lot(self, kind):
        bidder_user = self.env.ref("gov_hall_base.user_bidder")
        lot = self.env["gov.trading.lot"].sudo().search([
            ("state", "=", "published"), ("kind", "=", kind) if kind == "procurement" else ("kind", "!=", "procurement"),
            ("procedure", "=", "tender")]).filtered(
            lambda l: l.date_objection_limit and l.date_objection_limit >= center_today(l.company_id)
            and not l.registration_ids.filtered(lambda r: bidder_user in r.bidder_id.user_ids))[:1]
        self.assertTrue(lot, f"the demo has a {kind} lot open for objections to its documents")
        return lot

    def test_objection_from_the_step_bar(self):
        """The objection to the documents at its step: none, filed through the step's link, answered."""
        lot = self._open_lot("tender")
        reg = self._register(lot)
        self.start_tour(f"/my/trading/registration/{reg.id}", "gov_hall_bidder_objection", login="bidder")
        objection = lot.question_ids.filtered(lambda q: q.kind == "doc_objection" and q.bidder_id == reg.bidder_id)
        self.assertEqual(len(objection), 1)
        self.assertEqual(objection.state, "open")
        with granted(objection):
            objection.write({"answer": "业绩要求已按规定修改", "state": "answered"})
        self.authenticate("bidder", "bidder")
        page = self.url_open(f"/my/trading/registration/{reg.id}").text
        self.assertRegex(page, r"o_gov_step_doc_objection o_gov_objection_answered")
        # a tender's objections, not a procurement's challenges
        self.assertIn("o_gov_step_candidate_objection", page)
        self.assertNotIn("o_gov_step_challenge_documents", page)

    def test_procurement_challenges_in_the_step_bar(self):
        lot = self._open_lot("procurement")
        reg = self._register(lot)
        page = self.url_open(f"/my/trading/registration/{reg.id}").text
        self.assertIn("o_gov_step_challenge_documents o_gov_objection_none", page)
        self.assertIn("kind=challenge&amp;basis=documents#gov_question", page)
        self.assertIn("o_gov_step_challenge_result o_gov_objection_none", page)
        self.assertNotIn("o_gov_step_doc_objection", page)
        # the link opens the form with a challenge against the documents
        form = self.url_open(f"/my/trading/registration/{reg.id}?kind=challenge&basis=documents").text
        self.assertRegex(form, r'<option value="challenge" selected')
        self.assertRegex(form, r'name="basis" value="documents"')

    def test_listing_steps(self):
        bidder_user = self.env.ref("gov_hall_base.user_bidder")
        reg = self.env["gov.trading.registration"].sudo().search([
            ("bidder_id.user_ids", "in", bidder_user.ids), ("lot_id.procedure", "=", "listing"),
            ("lot_id.listing_ids.state", "=", "announced")], limit=1)
        self.assertTrue(reg, "the demo bidder applied for an announced listing")
        self.start_tour(f"/my/trading/registration/{reg.id}", "gov_hall_listing_steps", login="bidder")

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
