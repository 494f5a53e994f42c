"""The listing's quote page over real HTTP with a valid CSRF token: bidder B quoting on bidder A's
application is refused and changes nothing; the leading bidder cannot raise its own quote; the page shows
paddle numbers, never the bidders' names; RPC on the quotes and the listing's protected fields is refused."""
import json
import re
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.gov_hall_base.tests.common import GovAttackMixin
from odoo.addons.gov_hall_base.tools.protect import granted

from ..tools import reserve_seal
from .common import USCCS

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
NAMES = ("梅州市客都房地产开发有限公司", "广东梅雁置业有限公司", "梅县区嘉应城市建设投资有限公司")


@tagged("post_install", "-at_install")
class TestListingHttp(GovAttackMixin, HttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        center = env.company
        cls.staff = new_test_user(env, login="listing_staff", password="listing_staff",
                                  groups="gov_hall_base.group_gov_trading_staff", company_id=center.id,
                                  company_ids=[(6, 0, center.ids)])
        tenderer = env["res.partner"].create({"name": "梅州市梅县区自然资源局", "is_company": True})
        project = env["gov.trading.project"].create({
            "name": "梅县区MX2026-07号地块国有建设用地使用权挂牌出让", "kind": "land", "method": "listing",
            "company_id": center.id, "tenderer_id": tenderer.id, "estimate_amount": 20_000_000})
        lot = env["gov.trading.lot"].create({"project_id": project.id, "name": "MX2026-07号地块",
                                             "estimate_amount": 20_000_000, "scoring_method": "lowest_price"})
        now = fields.Datetime.now()
        cls.listing = env["gov.trading.listing"].create({
            "lot_id": lot.id, "start_price": 20_000_000, "increment": 100_000, "qualification_mode": "after",
            "date_start": now - timedelta(days=2), "date_end": now + timedelta(days=20),
            "date_application_end": now + timedelta(days=15), "date_deposit_cutoff": now + timedelta(days=15)})
        # announced 25 days ago (set up as the server would have done it)
        with granted("gov.trading.listing", "gov.trading.lot", "gov.trading.registration", "gov.trading.deposit",
                     "gov.trading.bidder", "gov.trading.project"):
            cls.listing.write({"state": "announced", "date_announced": now - timedelta(days=25)})
            lot.write({"state": "published", "date_sale_start": now - timedelta(days=25),
                       "date_sale_end": cls.listing.date_application_end,
                       "date_bid_deadline": cls.listing.date_end})
            project.write({"state": "registered"})
            cls.regs = env["gov.trading.registration"]
            for i, name in enumerate(NAMES):
                user = new_test_user(env, login=f"listing_bidder_{i}", password=f"listing_bidder_{i}",
                                     groups="gov_hall_base.group_gov_portal_bidder", name=name)
                partner = env["res.partner"].create({"name": name, "is_company": True, "gov_id_type": "uscc",
                                                     "gov_id_number": USCCS[i]})
                bidder = env["gov.trading.bidder"].create({"partner_id": partner.id, "user_ids": [(6, 0, user.ids)],
                                                           "state": "approved"})
                reg = env["gov.trading.registration"].create({"bidder_id": bidder.id, "lot_id": lot.id})
                dep = env["gov.trading.deposit"].create({"registration_id": reg.id, "amount": 4_000_000,
                                                         "bank_reference": reg.listing_virtual_account})
                dep.write({"state": "received", "date_received": fields.Date.today(), "date_paid": now})
                cls.regs |= reg
        cls.reg_a, cls.reg_b, cls.reg_c = cls.regs

    def _login(self, login):
        self.authenticate(login, login)
        page = self.url_open(f"/my/trading/listing/{self.listing.id}")
        self.assertEqual(page.status_code, 200)
        return page, CSRF.search(page.text).group(1)

    def _quotes(self):
        self.env.invalidate_all()
        return self.listing.quote_ids.mapped(lambda q: (q.registration_id.id, q.amount))

    def test_quote_page_and_attacks(self):
        page, csrf = self._login("listing_bidder_0")
        self.assertIn(self.reg_a.listing_paddle, page.text)
        url = f"/my/trading/listing/{self.listing.id}/quote"
        resp = self.url_open(url, data={"csrf_token": csrf, "amount": "20000000"})
        self.assertEqual(resp.status_code, 200)
        self.assertEqual(self._quotes(), [(self.reg_a.id, 20_000_000)])
        # the leader cannot raise its own quote
        resp = self.url_open(url, data={"csrf_token": csrf, "amount": "20100000"})
        self.assertIn("o_gov_error", resp.text)
        self.assertEqual(len(self._quotes()), 1)
        # bidder B: its own page names nobody; a quote on A's application is refused
        page, csrf_b = self._login("listing_bidder_1")
        for name in NAMES:
            self.assertNotIn(name, page.text.replace(NAMES[1], ""), "bidders appear by paddle number only")
        resp = self.url_open(url, data={"csrf_token": csrf_b, "amount": "20100000",
                                        "registration_id": str(self.reg_a.id)})
        self.assertEqual(resp.status_code, 404)
        self.assertEqual(len(self._quotes()), 1)
        # the staff have no portal page
        self.authenticate("listing_staff", "listing_staff")
        self.assertEqual(self.url_open(f"/my/trading/listing/{self.listing.id}").status_code, 404)
        # B quotes for itself
        _page, csrf_b = self._login("listing_bidder_1")
        self.url_open(url, data={"csrf_token": csrf_b, "amount": "20200000"})
        self.assertIn((self.reg_b.id, 20_200_000), self._quotes())

    def test_transferor_seals_on_its_page(self):
        transferor = new_test_user(self.env, login="listing_transferor", password="listing_transferor",
                                   groups="base.group_user", name="梅县区自然资源局经办人")
        project = self.listing.project_id
        lot = self.env["gov.trading.lot"].create({"project_id": project.id, "name": "MX2026-08号地块",
                                                  "estimate_amount": 5_000_000, "scoring_method": "lowest_price"})
        now = fields.Datetime.now()
        draft = self.env["gov.trading.listing"].create({
            "lot_id": lot.id, "start_price": 5_000_000, "increment": 50_000, "transferor_user_id": transferor.id,
            "date_start": now + timedelta(days=25), "date_end": now + timedelta(days=45),
            "date_application_end": now + timedelta(days=40), "date_deposit_cutoff": now + timedelta(days=40)})
        sealed, key = reserve_seal.seal(draft.id, 5_200_000)
        url = f"/trading/listing/{draft.id}/reserve/seal"
        self.authenticate("listing_staff", "listing_staff")
        self.assertEqual(self.url_open(f"/trading/listing/{draft.id}/reserve").status_code, 404)
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": {"sealed": sealed}})
        resp = self.url_open(url, data=body, headers={"Content-Type": "application/json"})
        self.assertIn("error", resp.json(), "not the transferor: not found")
        self.env.invalidate_all()
        self.assertFalse(draft.reserve_commitment, "the staff cannot seal for the transferor")
        self.authenticate("listing_transferor", "listing_transferor")
        page = self.url_open(f"/trading/listing/{draft.id}/reserve")
        self.assertEqual(page.status_code, 200)
        self.assertIn("listing_reserve.js", page.text)
        resp = self.url_open(url, data=body, headers={"Content-Type": "application/json"})
        self.assertEqual(resp.json()["result"]["commitment"], sealed["commitment"])
        self.env.invalidate_all()
        self.assertEqual(draft.reserve_commitment, sealed["commitment"])
        self.assertEqual(reserve_seal.open_sealed(draft.id, draft.sudo().reserve_ciphertext, draft.sudo().reserve_nonce,
                                                  draft.reserve_commitment, key)[0], 5_200_000)

    def test_rpc_refused(self):
        user_b = self.reg_b.bidder_id.user_ids
        self.assert_call_refused(user_b, self.env["gov.trading.quote"], "create", {
            "listing_id": self.listing.id, "registration_id": self.reg_a.id, "amount": 20_000_000})
        self.assert_call_refused(self.staff, self.env["gov.trading.quote"], "create", {
            "listing_id": self.listing.id, "registration_id": self.reg_a.id, "amount": 20_000_000})
        self.assert_write_refused(self.staff, self.listing, {"state": "sold"})
        self.assert_write_refused(self.staff, self.listing, {"reserve_price": 1.0})
        self.assert_write_refused(self.staff, self.reg_a, {"listing_continue_answer": "continue"})
        self.assert_write_refused(self.staff, self.reg_a, {"listing_paddle": "999"})
        self.assertFalse(self.listing.quote_ids)
