"""Bidder accounts, registration rules and record rules: a bidder sees only its own things."""
import json
from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import freeze_time

from odoo.addons.gov_hall_base.tools.protect import granted

from .common import T0, TradingCase


@tagged("post_install", "-at_install")
class TestBidderAccess(TradingCase):

    def test_uscc_validated(self):
        with self.assertRaisesRegex(ValidationError, "91361100MA35F2K80C"):
            partner = self.env["res.partner"].create({"name": "假公司", "is_company": True, "gov_id_type": "uscc",
                                                      "gov_id_number": "91361100MA35F2K80C"})
        partner = self.env["res.partner"].create({"name": "无代码公司", "is_company": True})
        with self.assertRaisesRegex(ValidationError, "统一社会信用代码|social credit"):
            self.env["gov.trading.bidder"].create({"partner_id": partner.id})

    def test_registration_rules(self):
        project, lot = self.make_project()

        def register(bidder):
            return self.portal("gov.trading.registration", bidder).create({"bidder_id": bidder.id, "lot_id": lot.id})
        # not published yet
        with freeze_time(T0), self.assertRaisesRegex(UserError, lot.name):
            register(self.bidders[0])
        self.publish(lot)
        # outside the sale period
        with freeze_time(T0 + timedelta(days=8)), self.assertRaisesRegex(UserError, lot.name):
            register(self.bidders[0])
        # a bidder without the required qualification
        self.bidders[3].certificate_ids.unlink()
        with freeze_time(T0), self.assertRaisesRegex(UserError, self.qual.name):
            register(self.bidders[3])
        # an expired certificate does not count
        self.bidders[2].certificate_ids.date_expiry = T0.date() + timedelta(days=3)
        with freeze_time(T0), self.assertRaisesRegex(UserError, self.qual.name):
            register(self.bidders[2])
        # not approved
        with granted(self.bidders[1]):
            self.bidders[1].state = "submitted"
        with freeze_time(T0), self.assertRaisesRegex(UserError, self.bidders[1].name):
            register(self.bidders[1])
        reg = self.register(lot, self.bidders[0])
        self.assertEqual(reg.state, "registered")
        self.assertTrue(self.env["gov.trading.log"].search([("event", "=", "registration"), ("res_id", "=", reg.id)]))

    def test_download_logged(self):
        project, lot = self.make_project()
        doc = self.env["ir.attachment"].create({"name": "招标文件.pdf", "raw": b"%PDF-1.4 test"})
        lot.document_ids = [(4, doc.id)]
        self.publish(lot)
        reg = self.register(lot, self.bidders[0])
        portal_reg = reg.with_user(self.bidder_users[0]).sudo()  # the download route
        portal_reg._log_download(doc)
        portal_reg._log_download(doc)
        self.assertEqual(len(reg.download_ids), 2)
        other = self.env["ir.attachment"].create({"name": "other.pdf", "raw": b"x"})
        with self.assertRaisesRegex(UserError, "document|文件"):
            portal_reg._log_download(other)
        self.assertEqual(len(reg.download_ids), 2)

    def test_deposit_rules(self):
        project, lot = self.make_project(kind="procurement", estimate=1_000_000, deposit=20_000)
        self.publish(lot)
        reg = self.register(lot, self.bidders[0])
        with self.assertRaisesRegex(ValidationError, "第33条|art. 33"):
            self.declare_deposit({"registration_id": reg.id, "amount": 20_000, "payment_method": "cash",
                                  "bank_reference": "现金"})
        with self.assertRaisesRegex(ValidationError, "20000.00"):
            self.declare_deposit({"registration_id": reg.id, "amount": 10_000, "bank_reference": "B1"})
        dep = self.declare_deposit({"registration_id": reg.id, "amount": 20_000, "bank_reference": "ICBC20260303001"})
        dep.with_user(self.trading).action_confirm_receipt()
        self.assertEqual(dep.state, "received")
        # contract on Friday 3 April 2026: 5 working days skip the Qingming holiday (4-6 April)
        with granted(lot):
            lot.write({"state": "awarded", "date_award": "2026-03-31"})
        lot.date_contract = "2026-04-03"
        self.assertEqual(str(dep.refund_deadline), "2026-04-13")

    def test_deposit_returned_with_interest(self):
        """实施条例 第57条: the deposit goes back with the bank interest of the same period."""
        project, lot = self.make_project(kind="construction", estimate=10_000_000, deposit=200_000)
        self.publish(lot)
        reg_a, reg_b = self.register(lot, self.bidders[0]), self.register(lot, self.bidders[1])
        self.assertEqual(self.env.company.gov_deposit_interest_rate, 0.35)
        cash = self.declare_deposit({"registration_id": reg_a.id, "amount": 200_000, "bank_reference": "CCB2026"})
        guarantee = self.declare_deposit({"registration_id": reg_b.id, "amount": 200_000,
                                          "bank_reference": "BG-01", "payment_method": "guarantee"})
        with freeze_time("2026-03-02 02:00:00"):
            (cash | guarantee).with_user(self.trading).action_confirm_receipt()
        with freeze_time("2026-04-07 02:00:00"):  # 36 days held
            (cash | guarantee).with_user(self.trading).action_refund()
        self.assertEqual(cash.interest_amount, 70.0, "200,000 x 0.35% x 36 / 360")
        self.assertEqual(cash.refund_amount, 200_070.0)
        self.assertEqual((guarantee.interest_amount, guarantee.refund_amount), (0.0, 0.0),
                         "a bank guarantee holds no money")
        entry = self.env["gov.trading.log"].search([("res_model", "=", cash._name), ("res_id", "=", cash.id)],
                                                   order="id desc", limit=1)
        self.assertEqual(json.loads(entry.payload)["interest"], 70.0)

    def test_record_rules(self):
        project, lot = self.make_project()
        doc = self.env["ir.attachment"].create({"name": "招标文件.pdf", "raw": b"%PDF"})
        lot.document_ids = [(4, doc.id)]
        self.publish(lot)
        regs = self.register(lot)
        a, b = regs[0], regs[1]
        user_a, user_b = self.bidder_users[0], self.bidder_users[1]
        self.declare_deposit({"registration_id": a.id, "amount": 250_000, "bank_reference": "A1"})
        self.declare_deposit({"registration_id": b.id, "amount": 250_000, "bank_reference": "B1"})
        with freeze_time(T0 + timedelta(days=1)):
            self.raise_question({"lot_id": lot.id, "bidder_id": a.bidder_id.id, "name": "A的问题", "body": "?"})
        bid_a, _ = self.seal_bid(a, 12_000_000)
        bid_b, _ = self.seal_bid(b, 12_100_000)
        a.with_user(user_a).sudo()._log_download(doc)
        for model in ("gov.trading.registration", "gov.trading.deposit", "gov.trading.question", "gov.trading.bid",
                      "gov.trading.download"):
            seen = self.env[model].with_user(user_a).search([])
            self.assertTrue(seen, model)
            self.assertEqual(seen.bidder_id, a.bidder_id, f"{model}: bidder A sees only its own")
            self.assertFalse(self.env[model].with_user(user_b).search([("bidder_id", "=", a.bidder_id.id)]), model)
        with self.assertRaises(AccessError):
            bid_a.with_user(user_b).read(["sha256"])
        with self.assertRaises(AccessError):
            a.with_user(user_b).read(["bidder_id"])
        self.assertEqual(self.env["gov.trading.bidder"].with_user(user_b).search([]), b.bidder_id)
        # bidders cannot write or create bids through the ORM
        with self.assertRaises(AccessError):
            bid_b.with_user(user_b).write({"price": 1})
        with self.assertRaises(AccessError):
            self.env["gov.trading.bid"].with_user(user_b).create({"registration_id": b.id})
        # the portal goes through the controllers: no direct ORM writes that would bypass the review
        with self.assertRaises(AccessError):
            b.bidder_id.with_user(user_b).write({"state": "approved"})
        with self.assertRaises(AccessError):
            self.env["gov.trading.certificate"].with_user(user_b).create({
                "bidder_id": b.bidder_id.id, "type_id": self.qual.id, "number": "FAKE", "state": "valid",
                "date_expiry": "2030-01-01"})
        with self.assertRaises(AccessError):
            self.env["gov.trading.deposit"].with_user(user_b).create({
                "registration_id": b.id, "amount": 250_000, "bank_reference": "X", "state": "received"})
        # other roles of the hall see no trading data at all
        with self.assertRaises(AccessError):
            self.env["gov.trading.bid"].with_user(self.clerk).search([])
        # trading staff of another center see nothing of this center
        other, _ = self._user("t_trading_c2", "gov_hall_base.group_gov_trading_staff", company=self.center2)
        self.assertFalse(self.env["gov.trading.lot"].with_user(other).search([("id", "=", lot.id)]))
        # published announcements are public
        public = self.env.ref("base.public_user")
        self.assertTrue(self.env["gov.trading.announcement"].with_user(public).search([("project_id", "=", project.id)]))
