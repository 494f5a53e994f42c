"""Portal attacks over real HTTP with a valid CSRF token: the trading staff submitting or withdrawing a
bidder's bid, bidder B acting on bidder A's registration, deposit, question, documents, opening page,
ciphertext and decryption. Each answers 404 and changes nothing. One login per role."""
import hashlib
import re
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.gov_hall_base.tools.protect import granted

from .common import USCCS, seal

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"|csrf_token: "([^"]+)"')


@tagged("post_install", "-at_install")
class TestPortalAttacks(HttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        center = env.company
        cls.staff = new_test_user(env, login="attack_staff", password="attack_staff",
                                  groups="gov_hall_base.group_gov_trading_staff", company_id=center.id,
                                  company_ids=[(6, 0, center.ids)])
        qual = env["gov.trading.qualification.type"].create({"name": "市政公用工程施工总承包二级"})
        tenderer = env["res.partner"].create({"name": "上饶市城市建设投资开发集团有限公司", "is_company": True})
        now = fields.Datetime.now()
        project = env["gov.trading.project"].create({
            "name": "上饶市某道路改造工程施工招标", "kind": "construction", "method": "open", "company_id": center.id,
            "tenderer_id": tenderer.id, "estimate_amount": 12_800_000, "qualification_type_ids": [(6, 0, qual.ids)]})
        cls.lot = env["gov.trading.lot"].create({
            "project_id": project.id, "name": "道路改造一标段", "estimate_amount": 12_800_000,
            "deposit_amount": 200_000, "date_sale_start": now - timedelta(minutes=1),
            "date_sale_end": now + timedelta(days=7), "date_bid_deadline": now + timedelta(days=25),
            "criterion_ids": [(0, 0, {"name": "报价", "kind": "price", "weight": 60}),
                              (0, 0, {"name": "技术", "kind": "technical", "weight": 40})],
            "document_ids": [(0, 0, {"name": "道路改造招标文件.txt", "raw": b"tender documents"})],
        })
        action = cls.lot.action_create_tender_announcement()
        env["gov.trading.announcement"].browse(action["res_id"]).action_publish()
        # bidders A and B with their portal users, C without one (the server acts for it in a grant)
        cls.users, bidders = [], env["gov.trading.bidder"]
        for i, name in enumerate(("上饶市信达建设工程有限公司", "江西赣东路桥建设集团有限公司", "上饶市广信建筑工程有限公司")):
            users = env["res.users"]
            if i < 2:
                users = new_test_user(env, login=f"attack_bidder_{'ab'[i]}", password=f"attack_bidder_{'ab'[i]}",
                                      groups="gov_hall_base.group_gov_portal_bidder", name=name)
                cls.users.append(users)
            partner = env["res.partner"].create({"name": name, "is_company": True, "gov_id_type": "uscc",
                                                 "gov_id_number": USCCS[i]})
            with granted("gov.trading.bidder", "gov.trading.certificate"):  # reviewed accounts, set up
                bidders |= env["gov.trading.bidder"].create({
                    "partner_id": partner.id, "user_ids": [(6, 0, users.ids)], "state": "approved",
                    "certificate_ids": [(0, 0, {"type_id": qual.id, "number": f"D2360{i}", "state": "valid",
                                                "date_expiry": "2031-12-31"})]})
        cls.user_b = cls.users[1]
        regs = env["gov.trading.registration"]
        for bidder in bidders:
            with granted(regs):
                regs |= regs.create({"bidder_id": bidder.id, "lot_id": cls.lot.id})
        cls.reg_a, cls.reg_b, cls.reg_c = regs
        cls.keys = {}
        Bid = env["gov.trading.bid"]
        with granted(Bid):
            for reg, price in zip(regs, (12_000_000, 12_100_000, 12_300_000)):
                ciphertext, salt, iv, key = seal("口令-2026", {"price": price})
                bid = Bid._seal(reg, ciphertext, None, salt, iv, 100_000)
                cls.keys[bid] = key
        cls.bid_a = cls.reg_a.bid_ids
        with granted("gov.trading.deposit", "gov.trading.question"):
            cls.deposit_a = env["gov.trading.deposit"].create({
                "registration_id": cls.reg_a.id, "amount": 200_000, "bank_reference": "ICBC-A-0001"})
            cls.question_a = env["gov.trading.question"].create({
                "lot_id": cls.lot.id, "bidder_id": cls.reg_a.bidder_id.id, "name": "工程量清单第3项",
                "body": "第3项数量是否有误？"})
        cls.document = cls.lot.document_ids

    def _login(self, login):
        self.authenticate(login, login)
        page = self.url_open("/trading")
        self.assertEqual(page.status_code, 200)
        match = CSRF.search(page.text)
        self.assertTrue(match, "a CSRF token on the page")
        return match.group(1) or match.group(2)

    def _state_of_a(self):
        self.env.invalidate_all()
        bid = self.bid_a
        return {
            "bids": self.reg_a.bid_ids.mapped(lambda b: (b.id, b.state, b.sha256, b.price)),
            "deposits": self.reg_a.deposit_ids.mapped(lambda d: (d.id, d.state, d.bank_reference)),
            "questions": self.env["gov.trading.question"].search([("lot_id", "=", self.lot.id)]).mapped(
                lambda q: (q.id, q.bidder_id.id, q.body, q.state)),
            "downloads": len(self.reg_a.download_ids),
            "ciphertext": bid.ciphertext_id.checksum,
            "lot": (self.lot.state, self.lot.suspended),
        }

    def _refused(self, response, what):
        self.assertIn(response.status_code, (403, 404), f"{what}: {response.status_code}")

    def _bid_upload(self, csrf, registration):
        ciphertext, salt, iv, _key = seal("他人的口令", {"price": 1})
        return self.url_open(f"/my/trading/registration/{registration.id}/bid", data={
            "csrf_token": csrf, "sha256": hashlib.sha256(ciphertext).hexdigest(), "salt": salt, "iv": iv,
            "iterations": "100000"}, files={"ciphertext": ("bid.sealed", ciphertext)})

    def test_staff_and_other_bidder_refused(self):
        before = self._state_of_a()
        # 1. the trading staff submit and withdraw bidder A's bid through the bidder's routes
        csrf = self._login("attack_staff")
        self._refused(self._bid_upload(csrf, self.reg_a), "staff sealing A's bid")
        self._refused(self.url_open(f"/my/trading/bid/{self.bid_a.id}/withdraw", data={"csrf_token": csrf}),
                      "staff withdrawing A's bid")
        self._refused(self.url_open(f"/my/trading/bid/{self.bid_a.id}/ciphertext"), "staff fetching A's ciphertext")
        self.assertEqual(self._state_of_a(), before)
        # 2. bidder B on A's registration, deposit, question, documents and ciphertext
        csrf = self._login("attack_bidder_b")
        self.assertEqual(self.url_open(f"/my/trading/registration/{self.reg_b.id}").status_code, 200,
                         "B's own registration page opens")
        reg = f"/my/trading/registration/{self.reg_a.id}"
        self._refused(self.url_open(reg), "B reading A's registration page (deposit, questions)")
        self._refused(self._bid_upload(csrf, self.reg_a), "B sealing a bid for A")
        self._refused(self.url_open(f"/my/trading/bid/{self.bid_a.id}/withdraw", data={"csrf_token": csrf}),
                      "B withdrawing A's bid")
        self._refused(self.url_open(f"{reg}/deposit", data={"csrf_token": csrf, "bank_reference": "FAKE-B"}),
                      "B declaring a deposit on A's registration")
        self._refused(self.url_open(f"{reg}/question", data={
            "csrf_token": csrf, "kind": "doc_objection", "name": "冒名异议", "body": "..."}), "B raising an objection as A")
        self._refused(self.url_open(f"{reg}/document/{self.document.id}"), "B downloading on A's registration")
        self._refused(self.url_open(f"/my/trading/bid/{self.bid_a.id}/ciphertext"), "B fetching A's ciphertext")
        self.assertEqual(self._state_of_a(), before)
        # 3. the deadline passes and the opening starts: B opens its own session, not A's, nor A's bid
        self.env.flush_all()
        self.env.cr.execute("""UPDATE gov_trading_lot SET date_bid_deadline = (now() at time zone 'UTC')
                               - interval '1 minute', date_sale_end = (now() at time zone 'UTC') - interval '2 minute'
                               WHERE id = %s""", [self.lot.id])
        self.lot.invalidate_recordset()
        self.lot.action_open()
        self.assertEqual(self.lot.state, "decrypting")
        before = self._state_of_a()
        self.assertEqual(self.url_open(f"/my/trading/registration/{self.reg_b.id}/opening").status_code, 200)
        self._refused(self.url_open(f"{reg}/opening"), "B opening A's session")
        self._refused(self.url_open(f"/my/trading/bid/{self.bid_a.id}/decrypt", data={
            "csrf_token": csrf, "key": self.keys[self.bid_a]}), "B decrypting A's bid with A's key")
        self.assertEqual(self._state_of_a(), before)
        self.assertEqual(self.bid_a.state, "submitted")
        self.assertFalse(self.bid_a.plaintext_id)
