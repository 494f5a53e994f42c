"""The bidder's screen in a browser: bidder A bids on its page and sees the bid accepted and itself leading;
bidder B, from Python in a thread over real HTTP with its own session, bids higher once A leads; A's screen
receives B's bid over the bus and shows that A was outbid."""
import json
import threading
import time

import requests

from odoo.tests import HttpCase, tagged
from odoo.tests.common import TEST_CURSOR_COOKIE_NAME

from odoo.addons.bus.models.bus import channel_with_db, dispatch, hashable

from ..models.gov_trading_auction import GovTradingAuction
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
