"""Live auctions (现场竞价): the listing's live bidding and the lots that go straight to auction, on a frozen
clock. Bids are the current price plus whole increments, the leader cannot outbid itself, late and
unauthorised bids are refused and logged, the countdown extends in its last seconds, the host pauses,
resumes and changes the increment (logged), the close decides (reserve, no deal) and the result flows into the
listing (its reserve key, its confirmation); protected fields are refused to every client."""
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tests.common import freeze_time

from odoo.addons.gov_hall_base.tools.protect import granted

from .common import T0, TradingCase
from .test_listing import END, ListingCase


def make_auction_lot(env, bidders, when, company, price=5_000_000, kind="land"):
    """A lot that goes straight to auction (project method ``auction``), published, with ``bidders``
    registered on the portal (each gets its paddle number)."""
    project = env["gov.trading.project"].create({
        "name": "梅县区程江镇MX2026-11号地块国有建设用地使用权拍卖出让", "kind": kind, "method": "auction",
        "company_id": company.id,
        "tenderer_id": env["res.partner"].create({"name": "梅州市梅县区自然资源局", "is_company": True}).id,
        "estimate_amount": price})
    lot = env["gov.trading.lot"].create({"project_id": project.id, "name": "MX2026-11号地块",
                                         "estimate_amount": price, "scoring_method": "lowest_price",
                                         "criterion_ids": []})
    with granted("gov.trading.lot", "gov.trading.project"):
        lot.write({"state": "published", "date_sale_start": when - timedelta(days=20),
                   "date_sale_end": when + timedelta(days=1), "date_bid_deadline": when + timedelta(days=1)})
        project.write({"state": "registered"})
    regs = env["gov.trading.registration"]
    with freeze_time(when):
        for bidder in bidders:
            regs |= env["gov.trading.registration"].with_user(bidder.user_ids[:1]).sudo().create(
                {"bidder_id": bidder.id, "lot_id": lot.id}).with_env(env)
    return lot, regs


class AuctionMixin:

    def bid(self, auction, reg, amount, when):
        with freeze_time(when):
            return auction.with_user(reg.bidder_id.user_ids[:1]).sudo()._bid(reg, amount)

    def log_events(self, auction, event):
        return self.env["gov.trading.log"].search([("event", "=", event), ("lot_id", "=", auction.lot_id.id)])


@tagged("post_install", "-at_install")
class TestListingLiveBidding(AuctionMixin, ListingCase):

    def test_live_bidding_result_flows_into_the_listing(self):
        listing = self.make_listing()
        (a, b, c), key = self.ready(listing, reserve=10_150_000)
        self.quote(listing, a, 10_000_000)
        self.quote(listing, b, 10_100_000)
        self.close(listing, answers=[(a, True), (b, True), (c, False)])
        self.assertEqual(listing.state, "live_bidding")
        auction = listing.auction_ids
        self.assertEqual(len(auction), 1)
        self.assertEqual(auction.state, "running", "the live bidding starts at the handover")
        self.assertEqual(auction.current_price, 10_100_000, "it starts from the highest quote")
        self.assertEqual(auction.leader_registration_id, b, "the highest quote leads")
        self.assertEqual(auction.bidder_registration_ids, a | b, "the bidders who want to continue")
        started = auction.date_start
        # c did not want to continue: refused, and the refusal is evidence too
        res = self.bid(auction, c, 10_200_000, started + timedelta(seconds=5))
        self.assertEqual(res["code"], "unauthorised")
        # b leads with its quote: it cannot outbid itself
        res = self.bid(auction, b, 10_200_000, started + timedelta(seconds=6))
        self.assertEqual(res["code"], "leader")
        res = self.bid(auction, a, 10_100_000, started + timedelta(seconds=7))
        self.assertEqual(res["code"], "outbid", "the current price is taken: at least one increment more")
        res = self.bid(auction, a, 10_250_000, started + timedelta(seconds=8))
        self.assertEqual(res["code"], "not_whole")
        res = self.bid(auction, a, 10_300_000, started + timedelta(seconds=9))
        self.assertTrue(res["ok"], res)
        self.assertEqual((auction.current_price, auction.leader_paddle), (10_300_000, a.listing_paddle))
        listing.invalidate_recordset(["current_price"])
        self.assertEqual(listing.current_price, 10_300_000, "the listing shows the live price")
        self.assertEqual(len(self.log_events(auction, "auction_bid")), 1)
        self.assertEqual(len(self.log_events(auction, "auction_bid_refused")), 4)
        # the countdown ends, nobody bids: the host closes, the listing waits for its reserve key
        with freeze_time(auction.date_end + timedelta(seconds=1)):
            auction.with_user(self.trading).action_close()
        self.assertEqual(auction.state, "closed")
        self.assertEqual(listing.state, "reserve")
        wizard = self.env["gov.trading.listing.reserve.wizard"].with_user(self.transferor).sudo().create(
            {"listing_id": listing.id, "key": key})
        wizard.action_confirm()
        self.assertEqual(listing.state, "sold")
        self.assertEqual((listing.winner_registration_id, listing.final_price), (a, 10_300_000))
        self.assertEqual(listing.lot_id.award_amount, 10_300_000)
        self.assertEqual(a.deposit_ids.state, "earnest", "the winner's deposit becomes earnest money")
        # the confirmation (成交确认书) carries the auction's price
        listing.with_user(self.trading).action_sign_confirmation()
        self.assertTrue(listing.date_confirmation)

    def test_live_bidding_below_reserve_no_deal(self):
        listing = self.make_listing()
        (a, b, _c), _key = self.ready(listing)
        self.quote(listing, a, 10_000_000)
        self.close(listing, answers=[(a, True), (b, True)])
        auction = listing.auction_ids
        self.assertTrue(self.bid(auction, b, 10_100_000, auction.date_start + timedelta(seconds=3))["ok"])
        with freeze_time(auction.date_end + timedelta(seconds=1)):
            auction.with_user(self.trading).action_close()
        self.assertEqual(listing.state, "sold", "no sealed reserve: the highest bid wins")
        self.assertEqual(auction.result, "deal")
        self.assertEqual((auction.winner_registration_id, auction.final_price), (b, 10_100_000))


@tagged("post_install", "-at_install")
class TestDirectAuction(AuctionMixin, TradingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot, cls.regs = make_auction_lot(cls.env, cls.bidders[:3], T0, cls.center)
        cls.a, cls.b, cls.c = cls.regs

    def new_auction(self, **vals):
        values = {"lot_id": self.lot.id, "start_price": 5_000_000, "increment": 50_000, "reserve_price": 5_100_000,
                  "duration_minutes": 10, "extend_window": 60, "extend_seconds": 120}
        values.update(vals)
        auction = self.env["gov.trading.auction"].with_user(self.trading).create(values)
        with freeze_time(T0):
            auction.action_start()
        return auction.with_env(self.env)

    def test_paddles_and_defaults(self):
        self.assertEqual(self.lot.procedure, "auction")
        self.assertTrue(all(r.listing_paddle for r in self.regs), "auction applications get paddle numbers")
        auction = self.env["gov.trading.auction"].with_user(self.trading).create(
            {"lot_id": self.lot.id, "start_price": 5_000_000, "increment": 50_000})
        self.assertEqual((auction.extend_window, auction.extend_seconds), (300, 300), "the center's defaults")

    def test_bids_extension_late_and_close_below_reserve(self):
        auction = self.new_auction()
        self.assertEqual(auction.date_end, T0 + timedelta(minutes=10))
        self.assertEqual(auction.bidder_registration_ids, self.regs)
        res = self.bid(auction, self.a, 5_000_000, T0 + timedelta(minutes=1))
        self.assertTrue(res["ok"], "the first bid may be the starting price")
        res = self.bid(auction, self.a, 5_050_000, T0 + timedelta(minutes=2))
        self.assertEqual(res["code"], "leader")
        self.assertIn("cannot outbid itself", res["message"])
        res = self.bid(auction, self.b, 4_950_000, T0 + timedelta(minutes=2))
        self.assertEqual(res["code"], "too_low")
        self.assertEqual(auction.date_end, T0 + timedelta(minutes=10), "no extension before the last seconds")
        # a bid 30 seconds before the end (window 60 s): the countdown runs 120 s after it
        res = self.bid(auction, self.b, 5_050_000, T0 + timedelta(minutes=9, seconds=30))
        self.assertTrue(res["ok"])
        self.assertEqual(auction.date_end, T0 + timedelta(minutes=11, seconds=30))
        entry = self.log_events(auction, "auction_bid").sorted("id")[-1]
        self.assertIn("extended_to", entry.payload)
        self.assertEqual(entry.date, T0 + timedelta(minutes=9, seconds=30), "logged at the server's time")
        # after the (extended) end: late
        res = self.bid(auction, self.c, 5_100_000, T0 + timedelta(minutes=11, seconds=30))
        self.assertEqual(res["code"], "late")
        self.assertEqual(auction.current_price, 5_050_000)
        with freeze_time(T0 + timedelta(minutes=11)), self.assertRaisesRegex(UserError, "countdown runs until"):
            auction.with_user(self.trading).action_close()
        with freeze_time(T0 + timedelta(minutes=12)):
            auction.with_user(self.trading).action_close()
        self.assertEqual(auction.result, "no_deal", "5,050,000 is below the reserve of 5,100,000")
        self.assertEqual(self.lot.state, "failed")
        close = self.log_events(auction, "auction_close")
        self.assertIn('"refused":3', close.payload.replace(" ", ""))

    def test_pause_resume_increment_and_deal(self):
        auction = self.new_auction()
        self.bid(auction, self.a, 5_000_000, T0 + timedelta(minutes=1))
        with freeze_time(T0 + timedelta(minutes=4)):
            with self.assertRaisesRegex(UserError, "reason"):
                auction.with_user(self.trading).action_pause()
            auction.with_user(self.trading).write({"host_reason": "网络故障，暂停竞价"})
            auction.with_user(self.trading).action_pause()
        self.assertEqual(auction.state, "paused")
        self.assertEqual(auction.pause_remaining, 360)
        res = self.bid(auction, self.b, 5_050_000, T0 + timedelta(minutes=5))
        self.assertEqual(res["code"], "paused")
        with freeze_time(T0 + timedelta(minutes=20)):
            auction.with_user(self.trading).write({"host_reason": "网络恢复", "increment_next": 100_000})
            auction.with_user(self.trading).action_change_increment()
            auction.with_user(self.trading).action_resume()
        self.assertEqual(auction.state, "running")
        self.assertEqual(auction.date_end, T0 + timedelta(minutes=26), "the time left at the pause runs again")
        self.assertEqual(auction.increment, 100_000)
        for event in ("auction_pause", "auction_resume", "auction_increment"):
            self.assertEqual(len(self.log_events(auction, event)), 1, event)
        res = self.bid(auction, self.b, 5_050_000, T0 + timedelta(minutes=21))
        self.assertEqual(res["code"], "too_low", "the new increment applies")
        res = self.bid(auction, self.b, 5_150_000, T0 + timedelta(minutes=21))
        self.assertEqual(res["code"], "not_whole")
        self.assertTrue(self.bid(auction, self.b, 5_100_000, T0 + timedelta(minutes=21))["ok"])
        with freeze_time(T0 + timedelta(minutes=27)):
            auction.with_user(self.trading).action_close()
        self.assertEqual((auction.result, auction.winner_registration_id, auction.final_price),
                         ("deal", self.b, 5_100_000))
        self.assertEqual((self.lot.state, self.lot.award_amount), ("awarded", 5_100_000))
        self.assertTrue(self.env["gov.trading.log"].verify_chain(anchors=[])["ok"])

    def test_protected_and_access(self):
        auction = self.new_auction()
        self.bid(auction, self.a, 5_000_000, T0 + timedelta(minutes=1))
        bid = auction.bid_ids
        for vals in ({"state": "closed"}, {"current_price": 1.0}, {"leader_registration_id": self.b.id},
                     {"date_end": fields.Datetime.to_string(T0 + timedelta(days=9))},
                     {"winner_registration_id": self.b.id}):
            self.assert_write_refused(self.trading, auction, vals)
        self.assert_write_refused(self.trading, bid, {"amount": 1.0})
        with self.assertRaisesRegex(UserError, "has started"):
            auction.with_user(self.trading).write({"start_price": 1.0})
        with self.assertRaisesRegex(UserError, "cannot be withdrawn"):
            bid.with_user(self.trading).sudo().unlink()
        with self.assertRaises(AccessError):
            auction.with_user(self.bidder_users[0]).read(["current_price"])
        for method in ("action_pause", "action_close", "action_change_increment"):
            self.assert_call_refused(self.bidder_users[0], auction, method)
        # a bidder bidding with another's application
        with freeze_time(T0 + timedelta(minutes=2)), self.assertRaises(AccessError):
            auction.with_user(self.bidder_users[1]).sudo()._bid(self.a, 5_050_000)
        self.assertEqual(len(auction.bid_ids), 1)
        # the reserve stays hidden from the bidders' users
        self.assertNotIn("reserve_price", auction.with_user(self.bidder_users[0]).sudo(False).fields_get())
