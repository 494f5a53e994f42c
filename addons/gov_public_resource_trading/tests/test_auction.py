"""Live auctions (现场竞价): the listing's live bidding and the lots that go straight to auction, on a frozen
clock. Bids are the current price plus whole increments, the leader cannot outbid itself, late and
unauthorised bids are refused and logged, the countdown extends in its last seconds, the host pauses,
resumes and changes the increment (logged), the close decides (reserve, no deal) and the result flows into the
listing (its reserve key, its confirmation); protected fields are refused to every client."""
import uuid
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import freeze_time

from odoo.addons.gov_hall_base.tools.protect import granted

from ..tools import reserve_seal
from .common import T0, TradingCase
from .test_listing import END, ListingCase


def make_auction_session(env, bidders, when, company, price=5_000_000, kind="land", step=50_000, reserve=None,
                         staff=None):
    """A lot auctioned directly (project method ``auction``) whose auction starts at ``when``: its session
    (announcement, deposits, the transferor's sealed reserve when ``reserve`` is given) announced 22 days
    before, ``bidders`` applied on the portal 5 days before (each with its paddle number) and paid their deposit.
    Returns the lot, the registrations and the transferor's reserve key (or None)."""
    staff = staff or new_test_user(env, login=f"auction_host_{uuid.uuid4().hex[:8]}",
                                   groups="gov_hall_base.group_gov_trading_staff", company_id=company.id,
                                   company_ids=[(6, 0, company.ids)])
    transferor = new_test_user(env, login=f"auction_transferor_{uuid.uuid4().hex[:8]}",
                               name="梅县区自然资源局经办人", groups="base.group_user", company_id=company.id,
                               company_ids=[(6, 0, company.ids)])
    project = env["gov.trading.project"].create({
        "name": "梅县区程江镇MX2026-11号地块国有建设用地使用权拍卖出让", "kind": kind, "method": "auction",
        "company_id": company.id,
        "tenderer_id": env["res.partner"].create({"name": "梅州市梅县区自然资源局", "is_company": True}).id,
        "estimate_amount": price})
    lot = env["gov.trading.lot"].create({"project_id": project.id, "name": "MX2026-11号地块",
                                         "estimate_amount": price, "scoring_method": "lowest_price",
                                         "criterion_ids": []})
    close = when - timedelta(days=2)
    session = env["gov.trading.listing"].create({
        "lot_id": lot.id, "start_price": price, "increment": step, "date_start": when - timedelta(minutes=1),
        "date_end": when + timedelta(days=1), "date_application_end": close, "date_deposit_cutoff": close,
        "transferor_user_id": transferor.id, "qualification_mode": "after",
        "appraisal_amount": price if kind == "property" else False,
        "deposit_forfeit_conditions": "竞得人拒签成交确认书的，保证金不予退还。" if kind == "property" else False,
        "preemption_record": "其他股东放弃优先购买权。" if kind == "property" else False})
    key = None
    if reserve is not None:
        sealed, key = reserve_seal.seal(session.id, reserve)
        session.with_user(transferor).sudo()._store_sealed_reserve(sealed)
    with freeze_time(when - timedelta(days=22)):
        session.with_user(staff).action_announce()
    regs = env["gov.trading.registration"]
    with freeze_time(when - timedelta(days=5)):
        for bidder in bidders:
            regs |= env["gov.trading.registration"].with_user(bidder.user_ids[:1]).sudo().create(
                {"bidder_id": bidder.id, "lot_id": lot.id}).with_env(env)
    with granted("gov.trading.deposit"):
        for reg in regs:
            dep = env["gov.trading.deposit"].create({"registration_id": reg.id, "amount": session.deposit_amount,
                                                     "bank_reference": reg.listing_virtual_account})
            dep.write({"state": "received", "date_received": (when - timedelta(days=3)).date(),
                       "date_paid": when - timedelta(days=3)})
    return lot, regs, key


def make_auction_lot(env, bidders, when, company, price=5_000_000, kind="land", step=50_000, staff=None):
    """``make_auction_session`` without a sealed reserve: the lot and its registrations."""
    lot, regs, _key = make_auction_session(env, bidders, when, company, price=price, kind=kind, step=step,
                                           staff=staff)
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
    """A lot auctioned directly (拍卖出让): its session carries the announcement, the deposits and the reserve
    sealed by the transferor; the live auction decides the highest bid, the session the result."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot, cls.regs, cls.key = make_auction_session(cls.env, cls.bidders[:3], T0, cls.center,
                                                          reserve=5_100_000, staff=cls.trading)
        cls.a, cls.b, cls.c = cls.regs
        cls.session = cls.lot.listing_ids
        cls.transferor = cls.session.transferor_user_id

    def new_auction(self, **vals):
        values = {"lot_id": self.lot.id, "duration_minutes": 10, "extend_window": 60, "extend_seconds": 120}
        values.update(vals)
        auction = self.env["gov.trading.auction"].with_user(self.trading).create(values)
        with freeze_time(T0):
            auction.action_start()
        return auction.with_env(self.env)

    def open_reserve(self, key=None):
        wizard = self.env["gov.trading.listing.reserve.wizard"].with_user(self.transferor).sudo().create(
            {"listing_id": self.session.id, "key": key or self.key})
        wizard.action_confirm()

    def test_paddles_and_defaults(self):
        self.assertEqual(self.lot.procedure, "auction")
        self.assertTrue(all(r.listing_paddle for r in self.regs), "auction applications get paddle numbers")
        self.assertTrue(all(r.listing_virtual_account for r in self.regs), "and their deposit sub-accounts")
        auction = self.env["gov.trading.auction"].with_user(self.trading).create({"lot_id": self.lot.id})
        self.assertEqual((auction.extend_window, auction.extend_seconds), (300, 300), "the center's defaults")
        self.assertEqual((auction.start_price, auction.increment), (5_000_000, 50_000),
                         "the prices its announcement published")
        self.assertEqual(auction.listing_id, self.session)
        action = self.session.with_user(self.trading).action_new_auction()
        self.assertEqual(action["context"], {"default_lot_id": self.lot.id}, "from the session to its auction")
        for user in (self.bidder_users[0], self.clerk, self.expert):
            self.assert_call_refused(user, self.session, "action_new_auction")
            self.assert_call_refused(user, self.lot, "action_new_auction")
        ann = self.lot.project_id.announcement_ids.filtered(lambda a: a.kind == "listing")
        self.assertNotIn("挂牌", ann.name, "an auction announcement, in the center's language")
        self.assertIn(self.session.reserve_commitment, ann.body, "the reserve's salted commitment is published")

    def test_reserve_is_sealed_by_the_transferor_never_typed(self):
        auction = self.new_auction()
        self.assertFalse(self.session.reserve_opened)
        self.assertFalse(auction.reserve_price, "nobody knows the reserve before the transferor's key")
        self.assertEqual(auction.reserve_commitment, self.session.reserve_commitment)
        # the staff cannot type one, through the auction or the session, under any bypass
        self.assert_write_refused(self.trading, auction, {"reserve_price": 1.0})
        self.assert_write_refused(self.trading, self.session, {"reserve_price": 1.0, "reserve_opened": True})
        with self.assertRaisesRegex(UserError, "has started"):
            auction.with_user(self.trading).write({"start_price": 1.0})
        # nor seal one: that is the transferor's, before the announcement
        sealed, _key = reserve_seal.seal(self.session.id, 1.0)
        with self.assertRaises(AccessError):
            self.session.with_user(self.trading).sudo()._store_sealed_reserve(sealed)
        with self.assertRaisesRegex(UserError, "before the announcement"):
            self.session.with_user(self.transferor).sudo()._store_sealed_reserve(sealed)

    def test_bids_extension_late_and_close_below_reserve(self):
        auction = self.new_auction()
        self.assertEqual(self.session.state, "live_bidding")
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
        with freeze_time(T0 + timedelta(minutes=11)), self.assertRaisesRegex(UserError, "countdown runs until"):
            auction.with_user(self.trading).action_close()
        with freeze_time(T0 + timedelta(minutes=11, seconds=31)):
            auction.with_user(self.trading).action_close()
        # after the (extended) end: late
        res = self.bid(auction, self.c, 5_100_000, T0 + timedelta(minutes=12))
        self.assertEqual(res["code"], "late")
        self.assertEqual(auction.current_price, 5_050_000)
        close = self.log_events(auction, "auction_close")
        self.assertIn('"by":"host"', close.payload.replace(" ", ""))
        self.assertIn('"refused":2', close.payload.replace(" ", ""))
        # the session waits for the transferor's key: a wrong key opens nothing
        self.assertEqual((auction.state, self.session.state), ("closed", "reserve"))
        self.assertFalse(auction.result)
        with self.assertRaisesRegex(UserError, "does not open the reserve price"):
            self.open_reserve("0" * 64)
        self.open_reserve()
        self.assertEqual(self.session.reserve_price, 5_100_000)
        self.assertEqual(self.session.state, "no_deal", "5,050,000 is below the reserve of 5,100,000")
        self.assertEqual(auction.result, "no_deal", "the auction shows its session's result")
        self.assertIn("5050000.00", auction.no_deal_reason)
        self.assertEqual(self.lot.state, "failed")
        self.assertTrue(all(d.state == "received" and d.listing_refund_day for d in self.regs.deposit_ids),
                        "every deposit goes back")
        # the result announcement, as a listing's
        with freeze_time(T0 + timedelta(days=1)):
            self.session.with_user(self.trading).action_publish_result()
        result = self.lot.project_id.announcement_ids.filtered(lambda ann: ann.kind == "result")
        self.assertEqual(len(result), 1)
        self.assertNotIn("挂牌", result.name, "an auction's result, not a listing's")

    def test_pause_resume_increment_deal_confirmation_and_result(self):
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
            self.open_reserve()
        self.assertEqual(self.session.state, "sold", "5,100,000 reaches the reserve")
        self.assertEqual((auction.result, auction.winner_registration_id, auction.final_price),
                         ("deal", self.b, 5_100_000))
        self.assertEqual((self.session.winner_registration_id, self.session.final_price), (self.b, 5_100_000))
        self.assertEqual((self.lot.state, self.lot.award_amount), ("awarded", 5_100_000))
        self.assertEqual(self.b.deposit_ids.state, "earnest", "the winner's deposit becomes earnest money")
        self.assertEqual(self.session.date_closed, T0 + timedelta(minutes=27), "the auction's close is the close")
        self.assertEqual(self.session.result_deadline,
                         self.env["gov.hall.calendar"].add_working_days(self.session.date_closed_day, 10))
        # the confirmation (成交确认书) and the result announcement with it, as a listing's
        with freeze_time(T0 + timedelta(days=1)):
            with self.assertRaisesRegex(UserError, "qualify paddle"):
                self.session.with_user(self.trading).action_sign_confirmation()
            self.b.with_user(self.trading).action_listing_qualify()
            self.session.with_user(self.trading).action_sign_confirmation()
            self.session.with_user(self.trading).action_publish_result()
        html = self.env["ir.actions.report"]._render_qweb_html(
            "gov_public_resource_trading.action_report_listing_confirmation", self.session.ids)[0].decode()
        self.assertIn("成交确认书", html)
        self.assertIn("公开拍卖，经现场竞价", html)
        self.assertIn("伍佰壹拾万元整", html)
        self.assertIn(self.b.listing_paddle, html)
        result = self.lot.project_id.announcement_ids.filtered(lambda ann: ann.kind == "result")
        self.assertTrue(result.attachment_id, "the result announcement carries the confirmation")
        self.assertNotIn("挂牌", result.name)
        self.assertTrue(self.env["gov.trading.log"].verify_chain(anchors=[])["ok"])

    def test_rules_of_a_direct_auction(self):
        Auction = self.env["gov.trading.auction"].with_user(self.trading)
        # a listing's lot goes to live bidding only through its close
        listing_lot = self.env["gov.trading.lot"].create({
            "project_id": self.env["gov.trading.project"].create({
                "name": "梅县区MX2026-12号地块挂牌出让", "kind": "land", "method": "listing",
                "company_id": self.center.id, "tenderer_id": self.tenderer.id}).id,
            "name": "MX2026-12号地块", "estimate_amount": 1_000_000, "scoring_method": "lowest_price"})
        with self.assertRaisesRegex(ValidationError, "not auctioned directly"):
            Auction.create({"lot_id": listing_lot.id, "start_price": 1_000_000, "increment": 10_000})
        # an auction lot without its session (announcement, sealed reserve)
        bare = self.env["gov.trading.lot"].create({
            "project_id": self.env["gov.trading.project"].create({
                "name": "梅县区MX2026-13号地块拍卖出让", "kind": "land", "method": "auction",
                "company_id": self.center.id, "tenderer_id": self.tenderer.id}).id,
            "name": "MX2026-13号地块", "estimate_amount": 1_000_000, "scoring_method": "lowest_price"})
        with self.assertRaisesRegex(ValidationError, "Prepare the auction session"):
            Auction.create({"lot_id": bare.id, "start_price": 1_000_000, "increment": 10_000})
        # the announced prices, the announced time
        auction = Auction.create({"lot_id": self.lot.id, "start_price": 4_000_000})
        with freeze_time(T0), self.assertRaisesRegex(UserError, "announced starting price"):
            auction.action_start()
        auction.write({"start_price": 5_000_000})
        with freeze_time(T0 - timedelta(hours=1)), self.assertRaisesRegex(UserError, "starts at"):
            auction.action_start()
        with self.assertRaisesRegex(ValidationError, "already has its live auction"):
            Auction.create({"lot_id": self.lot.id})
        # no quote, no listing close, no late application on an auction's session
        with freeze_time(T0 - timedelta(minutes=30)), self.assertRaisesRegex(UserError, "auctioned live"):
            self.portal("gov.trading.quote", self.a.bidder_id).create(
                {"listing_id": self.session.id, "registration_id": self.a.id, "amount": 5_000_000})
        with freeze_time(T0 + timedelta(days=2)), self.assertRaisesRegex(UserError, "closes with its live session"):
            self.session.with_user(self.trading).action_close_listing()
        with freeze_time(T0 - timedelta(days=1)), self.assertRaisesRegex(UserError, "before the auction"):
            self.portal("gov.trading.registration", self.bidders[3]).create(
                {"bidder_id": self.bidders[3].id, "lot_id": self.lot.id})
        # an auction's applications and deposits close before it starts
        with self.assertRaisesRegex(ValidationError, "close before the auction starts"):
            self.make_direct_session(date_application_end=T0 + timedelta(days=25, hours=12))
        auction.with_user(self.trading).action_cancel()
        self.assertEqual(self.session.state, "announced", "a cancelled session never started")

    def make_direct_session(self, **vals):
        project = self.env["gov.trading.project"].create({
            "name": "梅县区MX2026-14号地块拍卖出让", "kind": "land", "method": "auction",
            "company_id": self.center.id, "tenderer_id": self.tenderer.id})
        lot = self.env["gov.trading.lot"].create({"project_id": project.id, "name": "MX2026-14号地块",
                                                 "estimate_amount": 1_000_000, "scoring_method": "lowest_price"})
        values = {"lot_id": lot.id, "start_price": 1_000_000, "increment": 10_000,
                  "date_start": T0 + timedelta(days=25), "date_end": T0 + timedelta(days=26),
                  "date_application_end": T0 + timedelta(days=23), "date_deposit_cutoff": T0 + timedelta(days=23)}
        values.update(vals)
        return self.env["gov.trading.listing"].create(values)

    def test_protected_and_access(self):
        auction = self.new_auction()
        self.bid(auction, self.a, 5_000_000, T0 + timedelta(minutes=1))
        bid = auction.bid_ids
        for vals in ({"state": "closed"}, {"current_price": 1.0}, {"leader_registration_id": self.b.id},
                     {"date_end": fields.Datetime.to_string(T0 + timedelta(days=9))},
                     {"winner_registration_id": self.b.id}):
            self.assert_write_refused(self.trading, auction, vals)
        self.assert_write_refused(self.trading, bid, {"amount": 1.0})
        with self.assertRaisesRegex(UserError, "cannot be withdrawn"):
            bid.with_user(self.trading).sudo().unlink()
        with self.assertRaises(AccessError):
            auction.with_user(self.bidder_users[0]).read(["current_price"])
        for method in ("action_pause", "action_close", "action_change_increment", "action_start"):
            self.assert_call_refused(self.bidder_users[0], auction, method)
        # the clock's close is server code: no client calls it, whatever its role
        for user in (self.bidder_users[0], self.trading, self.supervisor):
            for method in ("_cron_close_due", "_close_if_due", "_live_state", "_close"):
                self.assert_call_refused(user, auction, method)
        # a bidder bidding with another's application
        with freeze_time(T0 + timedelta(minutes=2)), self.assertRaises(AccessError):
            auction.with_user(self.bidder_users[1]).sudo()._bid(self.a, 5_050_000)
        self.assertEqual(len(auction.bid_ids), 1)
        # the reserve stays hidden from the bidders' users
        self.assertNotIn("reserve_price", auction.with_user(self.bidder_users[0]).sudo(False).fields_get())


@tagged("post_install", "-at_install")
class TestAuctionClock(AuctionMixin, TradingCase):
    """The countdown closes the session by itself once the server's clock passes its end (after any
    extension, never while paused): the cron every minute, or the first bid after the end."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot, cls.regs, cls.key = make_auction_session(cls.env, cls.bidders[:3], T0, cls.center,
                                                          reserve=5_000_000, staff=cls.trading)
        cls.a, cls.b, cls.c = cls.regs
        cls.session = cls.lot.listing_ids
        cls.auction = cls.env["gov.trading.auction"].with_user(cls.trading).create({
            "lot_id": cls.lot.id, "duration_minutes": 10, "extend_window": 60, "extend_seconds": 120})
        with freeze_time(T0):
            cls.auction.action_start()
        cls.auction = cls.auction.with_env(cls.env)

    def cron(self, when):
        with freeze_time(when):
            return self.env["gov.trading.auction"]._cron_close_due()

    def test_cron_closes_at_the_end_after_the_extension(self):
        auction = self.auction
        self.bid(auction, self.a, 5_000_000, T0 + timedelta(minutes=1))
        self.bid(auction, self.b, 5_050_000, T0 + timedelta(minutes=9, seconds=30))
        self.assertEqual(auction.date_end, T0 + timedelta(minutes=11, seconds=30), "extended")
        self.assertFalse(self.cron(T0 + timedelta(minutes=10, seconds=30)), "the extended countdown still runs")
        self.assertEqual(auction.state, "running")
        closed = self.cron(T0 + timedelta(minutes=11, seconds=31))
        self.assertEqual(closed, auction)
        self.assertEqual((auction.state, auction.date_closed), ("closed", T0 + timedelta(minutes=11, seconds=31)))
        close = self.log_events(auction, "auction_close")
        self.assertEqual(len(close), 1)
        self.assertIn('"by":"clock"', close.payload.replace(" ", ""))
        self.assertEqual(close.date, T0 + timedelta(minutes=11, seconds=31), "logged at the server's time")
        note = auction.message_ids.filtered(lambda m: "2026" in (m.body or "") and m.author_id == self.env.ref(
            "base.partner_root"))
        self.assertTrue(note, "the chatter says the countdown closed it, as the server")
        self.assertFalse(self.cron(T0 + timedelta(minutes=13)), "closed once")
        self.assertEqual(len(self.log_events(auction, "auction_close")), 1)
        # the result is applied: the session waits for the key, then decides
        self.assertEqual(self.session.state, "reserve")
        self.env["gov.trading.listing.reserve.wizard"].with_user(self.session.transferor_user_id).sudo().create(
            {"listing_id": self.session.id, "key": self.key}).action_confirm()
        self.assertEqual((auction.result, auction.winner_registration_id), ("deal", self.b))
        self.assertTrue(self.env["gov.trading.log"].verify_chain(anchors=[])["ok"])

    def test_paused_session_does_not_close(self):
        auction = self.auction
        with freeze_time(T0 + timedelta(minutes=5)):
            auction.with_user(self.trading).write({"host_reason": "现场秩序维护"})
            auction.with_user(self.trading).action_pause()
        self.assertFalse(self.cron(T0 + timedelta(hours=2)), "a paused countdown does not run out")
        self.assertEqual(auction.state, "paused")
        with freeze_time(T0 + timedelta(hours=2)):
            auction.with_user(self.trading).write({"host_reason": "恢复竞价"})
            auction.with_user(self.trading).action_resume()
        self.assertEqual(auction.date_end, T0 + timedelta(hours=2, minutes=5))
        self.assertFalse(self.cron(T0 + timedelta(hours=2, minutes=4)))
        self.assertEqual(self.cron(T0 + timedelta(hours=2, minutes=5)), auction)
        self.assertEqual(self.session.state, "reserve", "the session's rules apply: the key first")
        self.assertFalse(self.auction.result)

    def test_first_bid_after_the_end_closes_first(self):
        auction = self.auction
        self.bid(auction, self.a, 5_000_000, T0 + timedelta(minutes=1))
        res = self.bid(auction, self.b, 5_050_000, T0 + timedelta(minutes=10, seconds=1))
        self.assertEqual(res["code"], "late")
        self.assertEqual(res["state"]["state"], "closed", "the bidder sees the session closed, not running")
        self.assertEqual(auction.state, "closed")
        self.assertEqual(auction.date_closed, T0 + timedelta(minutes=10, seconds=1))
        self.assertEqual(auction.current_price, 5_000_000)
        close, refused = self.log_events(auction, "auction_close"), self.log_events(auction, "auction_bid_refused")
        self.assertIn('"by":"clock"', close.payload.replace(" ", ""))
        self.assertLess(close.id, refused.id, "the close is logged before the late bid")
        self.assertFalse(self.cron(T0 + timedelta(minutes=11)), "nothing left for the cron")
        # the state a screen asks for after the end of another session closes it as well
        self.assertEqual(self.session.state, "reserve")
