"""Expert draw: committee size rules, conflicts excluded, verifiable randomness, sealed names."""
import json

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.gov_hall_base.tools.protect import granted

from ..models.gov_trading_expert_draw import draw_select
from .common import TradingCase
from .test_expert_draw import run_draw


@tagged("post_install", "-at_install")
class TestExperts(TradingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.spec = cls.env["gov.trading.specialty"].create({"name": "市政道路工程"})
        Expert = cls.env["gov.trading.expert"]
        cls.experts = Expert.create([{"name": f"专家{i:02d}", "specialty_ids": [(6, 0, cls.spec.ids)]}
                                     for i in range(12)])

    def _lot(self, **kw):
        project, lot = self.make_project(**kw)
        self.publish(lot)
        self.register(lot)
        return lot

    def test_committee_size_rules(self):
        lot = self._lot()
        Draw = self.env["gov.trading.expert.draw"]
        for size, reps in ((4, 0), (6, 0), (5, 2), (3, 0)):
            with self.assertRaisesRegex(ValidationError, "第37条|two thirds|三分之二|art. 37"):
                Draw.create({"lot_id": lot.id, "specialty_id": self.spec.id, "committee_size": size,
                             "tenderer_rep_count": reps})
        Draw.create({"lot_id": lot.id, "specialty_id": self.spec.id, "committee_size": 5, "tenderer_rep_count": 1})
        big = self._lot(kind="procurement", estimate=12_000_000, deposit=0, criteria=False,
                        scoring_method="lowest_price")
        with self.assertRaisesRegex(ValidationError, "第47条|art. 47"):
            Draw.create({"lot_id": big.id, "specialty_id": self.spec.id, "committee_size": 5})
        Draw.create({"lot_id": big.id, "specialty_id": self.spec.id, "committee_size": 7, "tenderer_rep_count": 2})

    def test_conflicts_excluded_and_verifiable(self):
        lot = self._lot()
        bidder_partner = lot.registration_ids[0].bidder_id.partner_id
        self.experts[0].employer_id = bidder_partner
        self.experts[1].employer_id = lot.tenderer_id
        self.experts[2].relation_partner_ids = [(4, lot.registration_ids[1].bidder_id.partner_id.id)]
        self.experts[3].available = False
        self.experts[4].penalized = True
        draw = self.env["gov.trading.expert.draw"].with_user(self.trading).create({
            "lot_id": lot.id, "specialty_id": self.spec.id, "committee_size": 5, "tenderer_rep_count": 0})
        run_draw(draw, self.supervisor, staff=self.trading)
        excluded = json.loads(draw.excluded)
        self.assertEqual(excluded[str(self.experts[0].id)], "employer")
        self.assertEqual(excluded[str(self.experts[1].id)], "employer")
        self.assertEqual(excluded[str(self.experts[2].id)], "relation")
        self.assertEqual(excluded[str(self.experts[3].id)], "unavailable")
        self.assertEqual(excluded[str(self.experts[4].id)], "penalised")
        chosen = draw.member_ids.expert_id
        self.assertEqual(len(chosen), 5)
        self.assertFalse(chosen & self.experts[:5])
        self.assertEqual(len(draw.seed), 64)
        self.assertEqual(len(draw.sudo().secret), 64)
        self.assertTrue(draw.with_user(self.supervisor).verify_draw())
        self.assertEqual(draw_select(draw.seed, json.loads(draw.snapshot), 5), json.loads(draw.selected_ids_json))
        # altering the snapshot or the members is detected
        with granted(draw.member_ids):  # what a database writer would do
            draw.sudo().member_ids[0].expert_id = self.experts[0]
        self.assertFalse(draw.with_user(self.supervisor).verify_draw())
        self.assertTrue(self.env["gov.trading.log"].search([("event", "=", "expert_draw"), ("res_id", "=", draw.id)]))
        with self.assertRaisesRegex(UserError, "already|已"):
            draw.action_draw()

    def test_not_enough_experts(self):
        lot = self._lot()
        self.experts[5:].available = False
        draw = self.env["gov.trading.expert.draw"].create({"lot_id": lot.id, "specialty_id": self.spec.id,
                                                           "committee_size": 7, "supervisor_id": self.supervisor.id})
        draw.action_commit()
        with self.assertRaisesRegex(UserError, "7"):
            draw.action_snapshot()
        self.assertEqual(draw.state, "committed")
        self.assertFalse(draw.snapshot)

    def test_names_sealed_until_evaluation(self):
        lot = self._lot()
        draw = self.env["gov.trading.expert.draw"].with_user(self.trading).create({
            "lot_id": lot.id, "specialty_id": self.spec.id, "committee_size": 5})
        run_draw(draw, self.supervisor, staff=self.trading)
        # the drawing staff sees the committee; another trading staff member and administrators do not
        self.assertEqual(len(self.env["gov.trading.committee.member"].with_user(self.trading).search(
            [("lot_id", "=", lot.id)])), 5)
        for user in (self.trading2, self.admin_user):
            self.assertFalse(self.env["gov.trading.committee.member"].with_user(user).search([("lot_id", "=", lot.id)]))
            with self.assertRaises(AccessError):
                draw.with_user(user).read(["seed"])
        # experts themselves do not see anything yet either
        expert_user = self.expert
        draw.member_ids[0].expert_id.user_id = expert_user
        self.assertFalse(self.env["gov.trading.committee.member"].with_user(expert_user).search([]))
        # bidders never
        with self.assertRaises(AccessError):
            self.env["gov.trading.committee.member"].with_user(self.bidder_users[0]).search([])
        # once the evaluation starts the names are known
        with granted(lot):
            lot.sudo().evaluation_started = True
        self.assertEqual(len(self.env["gov.trading.committee.member"].with_user(self.trading2).search(
            [("lot_id", "=", lot.id)])), 5)
        self.assertEqual(len(self.env["gov.trading.committee.member"].with_user(expert_user).search([])), 1)
