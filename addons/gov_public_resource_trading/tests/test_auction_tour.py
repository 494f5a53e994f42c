"""The bidder's screen in a browser: bidder A bids on its page and sees the bid accepted and itself leading;
bidder B, from Python in a thread over real HTTP with its own session, bids higher once A leads; A's screen
receives B's bid over the bus and shows that A was outbid."""
import json
import threading
import time
from datetime import timedelta

import requests

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tests.common import TEST_CURSOR_COOKIE_NAME

from odoo.addons.bus.models.bus import channel_with_db, dispatch, hashable

from ..models.gov_trading_auction import GovTradingAuction
from .test_auction import make_auction_lot
from .test_auction_ws import AuctionHttpMixin


@tagged("post_install", "-at_install")
class TestAuctionTour(AuctionHttpMixin, HttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_auction()

    def other_bidder(self, sid, result):
        """Bidder B: once A leads, bids one increment more over HTTP and has the screens told."""
        if not result["a_leads"].wait(60) or result.get("stop"):
            return
        time.sleep(1)
        cookies = {"session_id": sid, TEST_CURSOR_COOKIE_NAME: self.http_request_key}
        answer = requests.post(f"{self.base_url()}/trading/auction/{self.auction.id}/bid",
                               headers={"Content-Type": "application/json"}, cookies=cookies,
                               data=json.dumps({"amount": result["next_price"]}), timeout=20).json()
        result["answer"] = answer
        # what the bus's listener does on PostgreSQL's NOTIFY (a test transaction never commits)
        channel = hashable(channel_with_db(self.registry.db_name, self.auction))
        for ws in list(dispatch._channels_to_ws.get(channel, ())):
            ws.trigger_notification_dispatching()

    def test_bidder_screen(self):
        sid_b = self.login("auction_bidder_1")
        self.session = None  # the tour's login keeps B's session
        result = {"a_leads": threading.Event()}
        push = GovTradingAuction._push
        paddle_a = self.reg_a.listing_paddle

        def watch_push(auction, event=None, bid=None):
            # observes the server's pushes: B bids once A's bid is on the screens
            push(auction, event, bid)
            if event == "bid" and bid and bid.get("paddle") == paddle_a:
                result["next_price"] = bid["amount"] + auction.sudo().increment
                result["a_leads"].set()

        self.patch(GovTradingAuction, "_push", watch_push)
        thread = threading.Thread(target=self.other_bidder, args=(sid_b, result), daemon=True)
        thread.start()
        try:
            self.start_tour(f"/my/trading/auction/{self.auction.id}", "gov_trading_auction_bidder",
                            login="auction_bidder_0", timeout=120)
        finally:
            result["stop"] = True
            result["a_leads"].set()
            thread.join(30)
        self.assertTrue(result["answer"]["ok"], result)
        self.env.invalidate_all()
        self.assertEqual((self.auction.current_price, self.auction.leader_registration_id),
                         (8_200_000, self.reg_b))
        self.assertEqual(self.auction.bid_ids.mapped("paddle"), [self.reg_b.listing_paddle, self.reg_a.listing_paddle])


@tagged("post_install", "-at_install")
class TestAuctionHostTour(AuctionHttpMixin, HttpCase):
    """The host's screen in a browser: the trading staff starts a draft session of a lot auctioned directly,
    pauses it (a reason is required), resumes it, changes the increment, is refused a close while the
    countdown runs, and closes it once the server's clock (patched) passed the end."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_auction()
        cls.lot2, cls.regs2 = make_auction_lot(cls.env, cls.bidders[:3], cls.now, cls.center, price=5_000_000,
                                               staff=cls.staff)
        cls.draft = cls.env["gov.trading.auction"].with_user(cls.staff).create({
            "lot_id": cls.lot2.id, "duration_minutes": 10}).with_env(cls.env)

    def test_host_screen(self):
        clock = {"now": fields.Datetime.now()}
        self.patch(fields.Datetime, "now", lambda *args: clock["now"])
        close = GovTradingAuction.action_close
        calls = []

        def host_close(auction):
            # the second click comes after the countdown: the server's clock passed the end
            calls.append(1)
            if len(calls) > 1:
                clock["now"] = auction.sudo().date_end + timedelta(seconds=1)
            return close(auction)

        self.patch(GovTradingAuction, "action_close", host_close)
        self.start_tour(f"/odoo/action-gov_public_resource_trading.action_gov_trading_auction/{self.draft.id}",
                        "gov_trading_auction_host", login="auction_staff", timeout=180)
        self.env.invalidate_all()
        auction = self.draft
        self.assertEqual((auction.state, auction.increment), ("closed", 100_000))
        self.assertEqual(len(calls), 2)
        log = self.env["gov.trading.log"].search([("lot_id", "=", self.lot2.id),
                                                  ("event", "in", ("auction_start", "auction_pause", "auction_resume",
                                                                   "auction_increment", "auction_close"))], order="id")
        self.assertEqual(log.mapped("event"), ["auction_start", "auction_pause", "auction_resume", "auction_increment",
                                               "auction_close"])
        self.assertIn("网络故障，暂停竞价", log[1].payload)
        self.assertIn("网络恢复，继续竞价", log[2].payload)
        self.assertIn('"by":"host"', log[4].payload.replace(" ", ""))
        self.assertEqual(self.lot2.listing_ids.state, "no_deal", "no bid, no sealed reserve: no deal")

    def test_screen_texts_in_chinese(self):
        """The bidder's screen writes its status with ``_t`` in the browser: the website's translations carry
        this addon's Chinese (without it the screen read "Running" on a Chinese page)."""
        self.env["res.lang"]._activate_lang("zh_CN")
        response = self.url_open("/website/translations?lang=zh_CN")
        self.assertEqual(response.status_code, 200)
        modules = response.json()["modules"]
        self.assertIn("gov_public_resource_trading", modules)
        messages = {m["id"]: m["string"] for m in modules["gov_public_resource_trading"]["messages"]}
        self.assertEqual(messages.get("Running"), "进行中")
        self.assertNotIn(messages.get("Countdown over", "Countdown over"), ("", "Countdown over"))
