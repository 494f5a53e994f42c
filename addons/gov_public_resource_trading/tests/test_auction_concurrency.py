"""Concurrent bids: 20 bidders bid the same price at the same moment, each in a thread with a cursor of its
own, on committed data (this test commits, like Odoo's own concurrency tests). The server takes them one after
the other on the session's row lock: the first committed wins, the 19 others are told they were outbid; every
bid is in the log and the hash chain verifies."""
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from unittest.mock import patch

from stdnum.cn import uscc

from odoo import api, fields
from odoo.orm.registry import DummyRLock, Registry
from odoo.tests import new_test_user, tagged
from odoo.tests.common import BaseCase, get_db_name

from odoo.addons.gov_hall_base.tools.protect import granted

from .test_auction import make_auction_lot

THREADS = 20


@tagged("post_install", "-at_install")
class TestAuctionConcurrency(BaseCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        # the server holds the registries' lock while it runs the tests: the threads' environments must not
        # wait for it (HttpCase does the same for its request threads)
        cls.startClassPatcher(patch.object(Registry, "_lock", DummyRLock()))
        tag = uuid.uuid4().hex[:8]
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            company = env.ref("base.main_company")
            staff = new_test_user(env, login=f"conc_staff_{tag}", groups="gov_hall_base.group_gov_trading_staff",
                                  company_id=company.id, company_ids=[(6, 0, company.ids)])
            bidders = env["gov.trading.bidder"]
            for i in range(THREADS):
                user = new_test_user(env, login=f"conc_bidder_{tag}_{i}", name=f"竞买人{i + 1:02d}",
                                     groups="gov_hall_base.group_gov_portal_bidder")
                # companies with their credit codes: the log's entries name the bidder by its code
                base = "91361100MA%05d%02d" % (int(tag, 16) % 10 ** 5, i)
                partner = env["res.partner"].create({
                    "name": f"梅州市竞买{tag}有限公司{i + 1:02d}", "is_company": True, "gov_id_type": "uscc",
                    "gov_id_number": base + uscc.calc_check_digit(base)})
                with granted("gov.trading.bidder"):
                    bidders |= env["gov.trading.bidder"].create(
                        {"partner_id": partner.id, "user_ids": [(6, 0, user.ids)], "state": "approved"})
            lot, regs = make_auction_lot(env, bidders, fields.Datetime.now(), company, price=6_000_000, step=100_000,
                                         staff=staff)
            auction = env["gov.trading.auction"].with_user(staff).create({
                "lot_id": lot.id, "start_price": 6_000_000, "increment": 100_000, "duration_minutes": 30})
            auction.action_start()
            # somebody leads already: the same price for all, one increment more
            with granted("gov.trading.auction"):
                auction.with_user(regs[0].bidder_id.user_ids).sudo()._bid(regs[0], 6_000_000)
            cls.auction_id, cls.lot_id = auction.id, lot.id
            cls.users = [(reg.bidder_id.user_ids.id, reg.id) for reg in regs[1:]] + [
                (regs[0].bidder_id.user_ids.id, regs[0].id)]
        cls.addClassCleanup(cls.cleanUpAuction)

    @classmethod
    def cleanUpAuction(cls):
        # the log keeps its entries (append-only); the session and its lot are closed so nothing else sees them
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            with granted("gov.trading.auction", "gov.trading.lot"):
                env["gov.trading.auction"].browse(cls.auction_id).write({"state": "closed"})
                env["gov.trading.lot"].browse(cls.lot_id).write({"state": "cancel"})

    def test_same_price_at_once(self):
        barrier = threading.Barrier(THREADS - 1)

        def bid(uid):
            with self.registry.cursor() as cr:
                env = api.Environment(cr, uid, {"lang": "en_US"})
                barrier.wait(timeout=20)
                return env["gov.trading.auction"]._submit_bid(self.auction_id, 6_100_000)

        with ThreadPoolExecutor(max_workers=THREADS - 1) as executor:
            answers = list(executor.map(bid, [uid for uid, _reg in self.users[:THREADS - 1]], timeout=120))
        accepted = [a for a in answers if a["ok"]]
        refused = [a for a in answers if not a["ok"]]
        self.assertEqual(len(accepted), 1, answers)
        self.assertEqual(len(refused), THREADS - 2)
        self.assertEqual({a["code"] for a in refused}, {"outbid"}, "told they were outbid, not that they were late")
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            auction = env["gov.trading.auction"].browse(self.auction_id)
            self.assertEqual(auction.current_price, 6_100_000)
            self.assertEqual(auction.bid_sequence, THREADS)
            bids = auction.bid_ids
            self.assertEqual(sorted(bids.mapped("sequence")), list(range(1, THREADS + 1)), "one order, no gap")
            winner = bids.filtered(lambda b: b.state == "accepted" and b.amount == 6_100_000)
            self.assertEqual(len(winner), 1)
            self.assertEqual(winner.registration_id, auction.leader_registration_id)
            self.assertEqual(winner.sequence, 2, "the first committed is the first taken")
            logged = env["gov.trading.log"].search([("lot_id", "=", self.lot_id),
                                                    ("event", "in", ("auction_bid", "auction_bid_refused"))])
            self.assertEqual(len(logged), THREADS)
            self.assertFalse(logged.filtered(lambda e: not e.sequence), "every entry chained after its commit")
            result = env["gov.trading.log"].verify_chain()
            self.assertTrue(result["ok"], result)
