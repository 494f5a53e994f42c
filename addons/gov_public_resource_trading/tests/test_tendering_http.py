"""The objection at the opening over real HTTP (招标投标法实施条例 第44条): the bidder raises it on the opening
page during the opening session, another bidder cannot raise it on its registration, and the tenderer's
answer shows on the page."""
import re
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.gov_hall_base.tools.protect import granted

from .common import USCCS

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@tagged("post_install", "-at_install")
class TestOpeningObjectionHttp(HttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        center = env.company
        cls.agent = new_test_user(env, login="open_agent", password="open_agent",
                                  groups="gov_public_resource_trading.group_gov_trading_tenderer",
                                  company_id=center.id, company_ids=[(6, 0, center.ids)])
        tenderer = env["res.partner"].create({"name": "上饶市城市建设投资开发集团有限公司", "is_company": True})
        now = fields.Datetime.now()
        project = env["gov.trading.project"].create({
            "name": "上饶市某道路改造工程施工招标", "kind": "construction", "method": "open", "company_id": center.id,
            "tenderer_id": tenderer.id, "estimate_amount": 12_800_000, "agent_user_ids": [(6, 0, cls.agent.ids)]})
        cls.lot = env["gov.trading.lot"].create({
            "project_id": project.id, "name": "道路改造一标段", "estimate_amount": 12_800_000,
            "date_sale_start": now - timedelta(minutes=1), "date_sale_end": now + timedelta(days=7),
            "date_bid_deadline": now + timedelta(days=25),
            "criterion_ids": [(0, 0, {"name": "报价", "kind": "price", "weight": 60}),
                              (0, 0, {"name": "技术", "kind": "technical", "weight": 40})],
        })
        action = cls.lot.action_create_tender_announcement()
        env["gov.trading.announcement"].browse(action["res_id"]).action_publish()
        regs = env["gov.trading.registration"]
        for i, name in enumerate(("上饶市信达建设工程有限公司", "江西赣东路桥建设集团有限公司")):
            user = new_test_user(env, login=f"open_bidder_{i}", password=f"open_bidder_{i}",
                                 groups="gov_hall_base.group_gov_portal_bidder", name=name)
            partner = env["res.partner"].create({"name": name, "is_company": True, "gov_id_type": "uscc",
                                                 "gov_id_number": USCCS[i]})
            with granted("gov.trading.bidder"):
                bidder = env["gov.trading.bidder"].create({
                    "partner_id": partner.id, "user_ids": [(6, 0, user.ids)], "state": "approved"})
            with granted(regs):
                regs |= regs.create({"bidder_id": bidder.id, "lot_id": cls.lot.id})
        cls.reg_a, cls.reg_b = regs
        with granted(cls.lot):  # the opening has started (set up as the server)
            cls.lot.write({"state": "decrypting", "date_opened": now,
                           "date_decrypt_end": now + timedelta(hours=1)})

    def _page(self, login, registration):
        self.authenticate(login, login)
        return self.url_open(f"/my/trading/registration/{registration.id}/opening")

    def test_objection_raised_on_the_opening_page(self):
        page = self._page("open_bidder_0", self.reg_a)
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_gov_opening_objection_form", page.text)
        csrf = CSRF.search(page.text).group(1)
        # bidder A cannot object on B's registration
        foreign = self.url_open(f"/my/trading/registration/{self.reg_b.id}/opening/objection",
                                data={"csrf_token": csrf, "name": "冒名异议", "body": "..."})
        self.assertEqual(foreign.status_code, 404)
        response = self.url_open(f"/my/trading/registration/{self.reg_a.id}/opening/objection",
                                 data={"csrf_token": csrf, "name": "唱标异议", "body": "第二家报价唱错。"})
        self.assertEqual(response.status_code, 200)
        objections = self.env["gov.trading.question"].search([("lot_id", "=", self.lot.id)])
        self.assertEqual(len(objections), 1)
        self.assertEqual((objections.kind, objections.bidder_id), ("opening_objection", self.reg_a.bidder_id))
        self.assertIn("唱标异议", response.text)
        # the agent answers in the backend; the answer shows on the bidders' opening page
        objections.with_user(self.agent).answer = "经复核录像，唱标无误。"
        objections.with_user(self.agent).action_answer_opening()
        page = self._page("open_bidder_1", self.reg_b)
        self.assertIn("经复核录像，唱标无误。", page.text)
