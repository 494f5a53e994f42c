"""Live auctions over Odoo's bus and real HTTP: two bidders' websockets receive each other's bids, a bidder
who did not register for the lot, the public and a bidder of another lot get no channel and no page; a bid
in the last seconds extends the countdown on every screen, a late bid and the leader's own raise are
refused to that bidder only; on a patched clock (``fields.Datetime.now``) that the server threads share."""
import json
from datetime import timedelta

try:
    import websocket as ws_client
except ImportError:
    ws_client = None

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import _registry_test_lock

from odoo.addons.bus.tests.common import WebsocketCase
from odoo.addons.gov_hall_base.tests.common import GovAttackMixin
from odoo.addons.gov_hall_base.tools.protect import granted

from ..models.gov_trading_auction import BUS_TYPE
from .test_auction import make_auction_lot

NAMES = ("梅州市客都房地产开发有限公司", "广东梅雁置业有限公司", "梅县区嘉应城市建设投资有限公司", "梅州市程江实业有限公司")


class AuctionHttpMixin:

    @classmethod
    def setup_auction(cls, price=8_000_000, step=100_000):
        env = cls.env
        cls.center = env.company
        cls.staff = new_test_user(env, login="auction_staff", password="auction_staff",
                                  groups="gov_hall_base.group_gov_trading_staff", company_id=cls.center.id,
                                  company_ids=[(6, 0, cls.center.ids)])
        cls.bidders = env["gov.trading.bidder"]
        for i, name in enumerate(NAMES):
            user = new_test_user(env, login=f"auction_bidder_{i}", password=f"auction_bidder_{i}",
                                 groups="gov_hall_base.group_gov_portal_bidder", name=name)
            partner = env["res.partner"].create({"name": name})
            with granted("gov.trading.bidder"):
                cls.bidders |= env["gov.trading.bidder"].create(
                    {"partner_id": partner.id, "user_ids": [(6, 0, user.ids)], "state": "approved"})
        cls.now = fields.Datetime.now()
        cls.lot, cls.regs = make_auction_lot(env, cls.bidders[:3], cls.now, cls.center, price=price, step=step,
                                             staff=cls.staff)
        cls.reg_a, cls.reg_b, cls.reg_c = cls.regs
        cls.auction = env["gov.trading.auction"].with_user(cls.staff).create({
            "lot_id": cls.lot.id, "start_price": price, "increment": step, "duration_minutes": 30,
            "extend_window": 60, "extend_seconds": 180}).with_env(env)
        cls.auction.with_user(cls.staff).action_start()

    def post_json(self, path, body, sid=None):
        if sid:
            self.opener.cookies.set("session_id", sid, domain="127.0.0.1")
        return self.url_open(path, data=json.dumps(body), headers={"Content-Type": "application/json"})

    def bid_as(self, sid, amount):
        resp = self.post_json(f"/trading/auction/{self.auction.id}/bid", {"amount": amount}, sid)
        return resp.json()

    def login(self, login):
        """A session of ``login`` kept open while others log in (``authenticate`` drops the previous one)."""
        self.session = None
        return self.authenticate(login, login).sid


@tagged("post_install", "-at_install")
class TestAuctionWebsocket(AuctionHttpMixin, WebsocketCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_auction()

    def states(self, ws, expect=True):
        """The auction states the websocket receives now (none within a second when ``expect`` is false)."""
        ws.settimeout(5 if expect else 1)
        states = []
        while not states:
            try:
                frames = json.loads(ws.recv())
            except ws_client.WebSocketTimeoutException:
                break
            states = [n["message"]["payload"] for n in frames if n["message"]["type"] == BUS_TYPE]
        return states

    # a websocket test runs without the registry's test lock (the websocket threads take it for their cursors,
    # which share the test's connection): the test's own queries take it too, or a screen's dispatch and the
    # test's read interleave on the connection and one of them reads the other's rows
    def push(self):
        with _registry_test_lock:
            self.trigger_notification_dispatching([self.auction])

    def login(self, login):
        with _registry_test_lock:
            return super().login(login)

    def connect(self, sid=None):
        """A screen subscribed to the session's channel: a bidder's (``sid``) or, without one, the public's."""
        ws = self.websocket_connect(cookie=f"session_id={sid}") if sid else self.websocket_connect()
        with _registry_test_lock:
            last = self.env["bus.bus"]._bus_last_id()
        self.subscribe(ws, [f"gov_trading_auction:{self.auction.id}"], last)
        return ws

    def test_two_bidders_receive_each_other(self):
        # the session's start is on the bus already: subscribing after it, the screens poll by id (the bus's first
        # poll by date would follow the patched clock)
        self.env.cr.precommit.run()
        self.assertTrue(self.env["bus.bus"]._bus_last_id())
        paddle_a, paddle_b = self.reg_a.listing_paddle, self.reg_b.listing_paddle
        start = self.auction.date_start
        ws_public = self.connect()
        sid_a, sid_b = self.login("auction_bidder_0"), self.login("auction_bidder_1")
        sid_d = self.login("auction_bidder_3")  # a bidder who did not register for the lot
        ws_a, ws_b, ws_d = self.connect(sid_a), self.connect(sid_b), self.connect(sid_d)
        clock = {"now": start + timedelta(minutes=1)}
        self.patch(fields.Datetime, "now", lambda *args: clock["now"])

        answer = self.bid_as(sid_a, 8_000_000)
        self.assertTrue(answer["ok"], answer)
        self.push()
        for ws in (ws_a, ws_b):
            (state,) = self.states(ws)
            self.assertEqual((state["current_price"], state["leader_paddle"], state["event"]),
                             (8_000_000, paddle_a, "bid"))
            self.assertNotIn(NAMES[0], json.dumps(state, ensure_ascii=False), "paddle numbers only")
        self.assertEqual(self.states(ws_d, expect=False), [], "not registered: no channel")
        self.assertEqual(self.states(ws_public, expect=False), [], "the public: no channel")

        clock["now"] += timedelta(seconds=20)
        answer = self.bid_as(sid_b, 8_200_000)
        self.assertTrue(answer["ok"], answer)
        self.push()
        for ws in (ws_a, ws_b):
            (state,) = self.states(ws)
            self.assertEqual((state["current_price"], state["leader_paddle"]), (8_200_000, paddle_b))

        # A bids the price B just took: outbid, told to A only
        answer = self.bid_as(sid_a, 8_200_000)
        self.assertEqual(answer["code"], "outbid")
        self.assertIn("8200000.00", answer["message"])
        # the leader cannot outbid itself
        answer = self.bid_as(sid_b, 8_300_000)
        self.assertEqual(answer["code"], "leader")
        self.push()
        self.assertEqual(self.states(ws_a, expect=False) + self.states(ws_b, expect=False), [],
                         "a refusal is answered to its bidder only")

        # 10 seconds before the end (window 60 s): the countdown runs 180 s after the bid, on every screen
        with _registry_test_lock:
            self.env.invalidate_all()
            end = self.auction.date_end
        clock["now"] = end - timedelta(seconds=10)
        answer = self.bid_as(sid_a, 8_300_000)
        self.assertTrue(answer["ok"], answer)
        self.push()
        for ws in (ws_a, ws_b):
            (state,) = self.states(ws)
            self.assertTrue(state["bid"]["extended"])
            self.assertEqual(state["remaining"], 180)
            self.assertEqual(state["date_end"], fields.Datetime.to_string(clock["now"] + timedelta(seconds=180)))
        # after the end: the first request closes the session (the clock's close, on every screen), the bid is late
        clock["now"] += timedelta(seconds=181)
        answer = self.bid_as(sid_b, 8_400_000)
        self.assertEqual(answer["code"], "late")
        self.assertEqual(answer["state"]["state"], "closed", "nobody sees the session running past its end")
        self.push()
        for ws in (ws_a, ws_b):
            (state,) = self.states(ws)
            self.assertEqual((state["event"], state["state"], state["result"], state["winner_paddle"]),
                             ("close", "closed", "deal", paddle_a))
        # the screen's state on (re)connection
        state = self.post_json(f"/trading/auction/{self.auction.id}/state", {}, sid_b).json()["state"]
        self.assertEqual((state["state"], state["current_price"], state["paddle"]),
                         ("closed", 8_300_000, paddle_b))
        with _registry_test_lock:
            self.env.invalidate_all()
            self.assertEqual(self.auction.bid_sequence, 6)
            self.assertEqual(len(self.auction.bid_ids.filtered(lambda b: b.state == "accepted")), 3)
            self.assertEqual(
                len(self.env["gov.trading.log"].search([("event", "in", ("auction_bid", "auction_bid_refused")),
                                                        ("lot_id", "=", self.lot.id)])), 6)


@tagged("post_install", "-at_install")
class TestAuctionHttpAttacks(AuctionHttpMixin, GovAttackMixin, HttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_auction()
        # another lot's auction, where only bidder A registered
        cls.lot2, (cls.reg2_a,) = make_auction_lot(cls.env, cls.bidders[:1], cls.now, cls.center, price=3_000_000,
                                                   staff=cls.staff)
        cls.auction2 = cls.env["gov.trading.auction"].with_user(cls.staff).create({
            "lot_id": cls.lot2.id, "start_price": 3_000_000, "increment": 50_000}).with_env(cls.env)
        cls.auction2.with_user(cls.staff).action_start()

    def snapshot_auction(self, auction):
        self.env.invalidate_all()
        return (auction.current_price, auction.leader_paddle, auction.bid_sequence, len(auction.bid_ids))

    def test_page_and_bid_refused_to_others(self):
        before = self.snapshot_auction(self.auction2)
        # bidder B on the auction of a lot it did not register for
        sid_b = self.login("auction_bidder_1")
        self.assertEqual(self.url_open(f"/my/trading/auction/{self.auction2.id}").status_code, 404)
        resp = self.post_json(f"/trading/auction/{self.auction2.id}/bid", {"amount": 3_050_000}, sid_b)
        self.assertEqual((resp.status_code, resp.json()["code"]), (404, "not_found"))
        resp = self.post_json(f"/trading/auction/{self.auction2.id}/state", {}, sid_b)
        self.assertEqual(resp.status_code, 404)
        # a bidder registered for nothing
        self.login("auction_bidder_3")
        self.assertEqual(self.url_open(f"/my/trading/auction/{self.auction.id}").status_code, 404)
        resp = self.post_json(f"/trading/auction/{self.auction2.id}/bid", {"amount": 3_050_000})
        self.assertEqual(resp.status_code, 404)
        # the public
        self.session = None
        self.authenticate(None, None)
        resp = self.url_open(f"/my/trading/auction/{self.auction2.id}", allow_redirects=False)
        self.assertIn(resp.status_code, (302, 303))
        resp = self.url_open(f"/trading/auction/{self.auction2.id}/bid", data=json.dumps({"amount": 3_050_000}),
                             headers={"Content-Type": "application/json"}, allow_redirects=False)
        self.assertNotEqual(resp.status_code, 200)
        self.assertEqual(self.snapshot_auction(self.auction2), before, "the auction reads back unchanged")

    def test_own_bid_only_and_json_only(self):
        sid_b = self.login("auction_bidder_1")
        page = self.url_open(f"/my/trading/auction/{self.auction.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.reg_b.listing_paddle, page.text)
        for name in NAMES:
            self.assertNotIn(name, page.text.replace(NAMES[1], ""), "bidders appear by paddle number only")
        # naming A's application changes nothing: the bid is B's own
        resp = self.post_json(f"/trading/auction/{self.auction.id}/bid",
                              {"amount": 8_000_000, "registration_id": self.reg_a.id}, sid_b).json()
        self.assertTrue(resp["ok"])
        self.env.invalidate_all()
        self.assertEqual(self.auction.leader_registration_id, self.reg_b)
        # what another site's form could send (a JSON text as text/plain) is refused
        resp = self.url_open(f"/trading/auction/{self.auction.id}/bid", data=json.dumps({"amount": 8_100_000}),
                             headers={"Content-Type": "text/plain"})
        self.assertEqual(resp.status_code, 415)
        for amount in ("abc", -5, None, True):
            resp = self.post_json(f"/trading/auction/{self.auction.id}/bid", {"amount": amount})
            self.assertEqual((resp.status_code, resp.json()["code"]), (400, "bad_request"), amount)
        self.assertEqual(self.snapshot_auction(self.auction)[2], 1)

    def test_rpc_refused(self):
        user_a = self.reg_a.bidder_id.user_ids
        for user in (user_a, self.staff):
            self.assert_call_refused(user, self.auction, "_bid", self.reg_a.id, 9_000_000)
            self.assert_call_refused(user, self.env["gov.trading.auction"], "_submit_bid", self.auction.id, 9.0)
            self.assert_write_refused(user, self.auction, {"current_price": 9_000_000})
            self.assert_call_refused(user, self.env["gov.trading.auction.bid"], "create", {
                "auction_id": self.auction.id, "registration_id": self.reg_a.id, "amount": 9_000_000,
                "date_quoted": fields.Datetime.now(), "state": "accepted"})
        self.assert_call_refused(user_a, self.auction, "action_close")
        self.assert_call_refused(user_a, self.auction, "read", ["current_price"])
        self.assertEqual(self.snapshot_auction(self.auction), (8_000_000, False, 0, 0))

    def test_state_after_the_end_closes_for_its_screens_only(self):
        """Past the end, the state request of a screen of the session closes it (the clock's close); another
        lot's bidder, a bidder of nothing and the public get their 404 and close nothing; no client calls the
        clock's close over RPC."""
        end = self.auction2.date_end
        clock = {"now": end + timedelta(seconds=5)}
        self.patch(fields.Datetime, "now", lambda *args: clock["now"])
        for user in (self.reg_a.bidder_id.user_ids, self.reg_b.bidder_id.user_ids, self.staff):
            for method in ("_live_state", "_cron_close_due"):
                self.assert_call_refused(user, self.env["gov.trading.auction"], method, self.auction2.id)
            self.assert_call_refused(user, self.auction2, "_close_if_due")
        for login in ("auction_bidder_1", "auction_bidder_3"):
            sid = self.login(login)
            resp = self.post_json(f"/trading/auction/{self.auction2.id}/state", {}, sid)
            self.assertEqual(resp.status_code, 404, login)
        self.session = None
        self.authenticate(None, None)
        resp = self.url_open(f"/trading/auction/{self.auction2.id}/state", data="{}",
                             headers={"Content-Type": "application/json"}, allow_redirects=False)
        self.assertNotEqual(resp.status_code, 200)
        self.env.invalidate_all()
        self.assertEqual(self.auction2.state, "running", "nobody outside the session closes it")
        sid_a = self.login("auction_bidder_0")
        state = self.post_json(f"/trading/auction/{self.auction2.id}/state", {}, sid_a).json()["state"]
        self.assertEqual((state["state"], state["result"]), ("closed", "no_deal"))
        self.env.invalidate_all()
        self.assertEqual((self.auction2.state, self.auction2.date_closed), ("closed", clock["now"]))
        close = self.env["gov.trading.log"].search([("event", "=", "auction_close"), ("lot_id", "=", self.lot2.id)])
        self.assertEqual(len(close), 1)
        self.assertIn('"by":"clock"', close.payload.replace(" ", ""))
        self.assertEqual(self.lot2.listing_ids.state, "no_deal", "no bid: the session's result, no deal")

    def test_registration_page_of_a_lot_auctioned_directly(self):
        """The bidder's application shows its paddle number, its deposit sub-account and the way to the live
        auction; another bidder does not see it."""
        self.login("auction_bidder_1")
        page = self.url_open(f"/my/trading/registration/{self.reg_b.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.reg_b.listing_paddle, page.text)
        self.assertIn(self.reg_b.listing_virtual_account, page.text)
        self.assertIn(f"/my/trading/auction/{self.auction.id}", page.text)
        self.login("auction_bidder_3")
        page = self.url_open(f"/my/trading/registration/{self.reg_b.id}")
        self.assertNotIn(self.reg_b.listing_virtual_account, page.text)
