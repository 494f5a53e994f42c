"""Timing and amount rules of the tendering and procurement laws, each tried and broken."""
from datetime import timedelta

from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import freeze_time
from odoo.tools import mute_logger

from odoo.addons.gov_hall_base.tools.protect import granted

from .common import T0, TradingCase


@tagged("post_install", "-at_install")
class TestTimetable(TradingCase):

    def test_20_days_to_deadline(self):
        project, lot = self.make_project()
        with self.assertRaisesRegex(ValidationError, "第24条|art. 24"):
            lot.write({"date_bid_deadline": T0 + timedelta(days=19)})
        self.assertEqual(lot.date_bid_deadline, T0 + timedelta(days=25), "the saved deadline is kept")
        lot.write({"date_bid_deadline": T0 + timedelta(days=20)})  # exactly 20 days is allowed
        with self.assertRaisesRegex(ValidationError, "第24条|art. 24"):
            self.make_project(deadline_days=15)

    def test_sale_period(self):
        with self.assertRaisesRegex(ValidationError, "第16条|art. 16"):
            self.make_project(sale_days=3)  # 2 to 5 March: 4 days
        self.make_project(sale_days=4)  # 2 to 6 March: 5 days
        # procurement: 5 working days; Thu 5 March to Tue 10 March is 4 working days
        with self.assertRaisesRegex(ValidationError, "87号令|MOF Order No. 87"):
            self.make_project(kind="procurement", estimate=1_000_000, deposit=20_000,
                              date_sale_start=T0 + timedelta(days=3), date_sale_end=T0 + timedelta(days=8))
        self.make_project(kind="procurement", estimate=1_000_000, deposit=20_000,
                          date_sale_start=T0 + timedelta(days=3), date_sale_end=T0 + timedelta(days=9))

    def test_procurement_methods(self):
        kw = {"kind": "procurement", "estimate": 1_000_000, "deposit": 0, "criteria": False}
        with self.assertRaisesRegex(ValidationError, "214号|No. 214"):
            self.make_project(method="consultation", sale_days=3, deadline_days=9, **kw)
        self.make_project(method="consultation", sale_days=3, deadline_days=10, **kw)
        # negotiation: Friday 6 March to Monday 9 March is 1 working day
        with self.assertRaisesRegex(ValidationError, "74号令|MOF Order No. 74"):
            self.make_project(method="negotiation", date_sale_start=T0 + timedelta(days=4),
                              date_sale_end=T0 + timedelta(days=5), date_bid_deadline=T0 + timedelta(days=7), **kw)
        self.make_project(method="inquiry", date_sale_start=T0 + timedelta(days=4),
                          date_sale_end=T0 + timedelta(days=5), date_bid_deadline=T0 + timedelta(days=9), **kw)
        with self.assertRaisesRegex(ValidationError, "第38条|art. 38"):
            self.make_project(method="single_source", sale_days=3, deadline_days=8, **kw)
        with self.assertRaisesRegex(ValidationError, "procurement|采购"):
            self.make_project(method="negotiation", criteria=False)

    def test_deposit_caps(self):
        with self.assertRaisesRegex(ValidationError, "第26条|art. 26"):
            self.make_project(estimate=10_000_000, deposit=200_001)
        project, lot = self.make_project(estimate=10_000_000, deposit=200_000)
        with self.assertRaisesRegex(ValidationError, "第37条|art. 37"):
            self.make_project(estimate=50_000_000, deposit=900_000)  # 2% would allow 1,000,000
        self.make_project(estimate=50_000_000, deposit=800_000)
        with self.assertRaisesRegex(ValidationError, "第33条|art. 33"):
            self.make_project(kind="procurement", estimate=1_000_000, deposit=25_000)
        self.assertEqual(lot.deposit_amount, 200_000)

    def test_price_weight_and_criteria(self):
        with self.assertRaisesRegex(ValidationError, "第55条|art. 55"):
            self.make_project(kind="procurement", estimate=1_000_000, deposit=0, criterion_ids=[
                (0, 0, {"name": "价格", "kind": "price", "weight": 20}),
                (0, 0, {"name": "技术", "kind": "technical", "weight": 80})])
        self.make_project(kind="procurement", estimate=1_000_000, deposit=0, category="services", criterion_ids=[
            (0, 0, {"name": "价格", "kind": "price", "weight": 10}),
            (0, 0, {"name": "技术", "kind": "technical", "weight": 90})])
        with self.assertRaisesRegex(ValidationError, "100"):
            self.make_project(criterion_ids=[(0, 0, {"name": "价格", "kind": "price", "weight": 60})])
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.make_project(candidate_count=4)

    def test_published_timetable_locked(self):
        project, lot = self.make_project()
        announcement = self.publish(lot)
        self.assertEqual(lot.state, "published")
        self.assertEqual(announcement.state, "published")
        self.assertTrue(announcement.date_published)
        with self.assertRaisesRegex(UserError, "clarification|更正"):
            lot.write({"date_bid_deadline": T0 + timedelta(days=40)})
        with self.assertRaisesRegex(UserError, "clarification|澄清"):
            lot.write({"deposit_amount": 1000})
        self.assertEqual(lot.date_bid_deadline, T0 + timedelta(days=25))

    def test_publish_refuses_past_sale(self):
        project, lot = self.make_project()
        with freeze_time(T0 + timedelta(days=1)):
            with self.assertRaisesRegex(UserError, lot.name):
                lot.action_publish()
        self.assertEqual(lot.state, "draft")

    def test_clarification_15_days(self):
        project, lot = self.make_project()
        self.publish(lot)
        regs = self.register(lot)
        Clar = self.env["gov.trading.clarification"]
        # day 5: 20 days left, fine, deadline unchanged
        with freeze_time(T0 + timedelta(days=5)):
            early = Clar.create({"lot_id": lot.id, "name": "关于工程量清单的澄清", "body": "<p>第3项数量更正</p>"})
            early.action_publish()
        self.assertEqual(lot.date_bid_deadline, T0 + timedelta(days=25))
        self.assertEqual(early.announcement_id.kind, "correction")
        self.assertTrue(early.announcement_id.is_published)
        # day 12: 13 days left -> refused unless it moves the deadline
        with freeze_time(T0 + timedelta(days=12)):
            late = Clar.create({"lot_id": lot.id, "name": "关于图纸的修改", "body": "<p>修改</p>"})
            with self.assertRaisesRegex(ValidationError, "第23条|art. 23"):
                late.action_publish()
            late.new_bid_deadline = T0 + timedelta(days=26)  # still only 14 days
            with self.assertRaisesRegex(ValidationError, "第23条|art. 23"):
                late.action_publish()
            self.assertEqual(late.state, "draft")
            self.assertEqual(lot.date_bid_deadline, T0 + timedelta(days=25))
            late.new_bid_deadline = T0 + timedelta(days=27)
            late.action_publish()
        self.assertEqual(late.state, "published")
        self.assertEqual(lot.date_bid_deadline, T0 + timedelta(days=27))
        self.assertEqual(late.old_bid_deadline, T0 + timedelta(days=25))
        # sent to every registered bidder
        message = lot.message_ids.filtered(lambda m: m.subject == "关于图纸的修改")
        self.assertEqual(set(message.partner_ids.ids), set(regs.bidder_id.partner_id.ids))

    def test_objection_10_days_and_suspension(self):
        project, lot = self.make_project()
        self.publish(lot)
        regs = self.register(lot)
        with freeze_time(T0 + timedelta(days=16)):  # 9 days before the deadline
            with self.assertRaisesRegex(UserError, "第22条|art. 22"):
                self.raise_question({"lot_id": lot.id, "bidder_id": regs[0].bidder_id.id, "kind": "doc_objection",
                          "name": "资格条件排斥潜在投标人", "body": "..."})
        with freeze_time(T0 + timedelta(days=15)):  # 10 days before: allowed
            objection = self.raise_question({"lot_id": lot.id, "bidder_id": regs[0].bidder_id.id, "kind": "doc_objection",
                                  "name": "资格条件排斥潜在投标人", "body": "..."})
        self.assertTrue(lot.suspended)
        self.assertEqual(objection.answer_deadline, objection.date_raised + timedelta(days=3))
        with self.assertRaisesRegex(UserError, "第22条|art. 22"):
            self.seal_bid(regs[1], 12_000_000, when=T0 + timedelta(days=16))
        with self.assertRaisesRegex(UserError, "第22条|art. 22"):
            self.open_lot(lot)
        with freeze_time(T0 + timedelta(days=19)):  # 4 days later: answered late, flagged
            objection.answer = "资格条件符合《招标投标法实施条例》第32条，不予采纳。"
            objection.action_answer()
        self.assertTrue(objection.answered_late)
        self.assertFalse(lot.suspended)
        self.seal_bid(regs[1], 12_000_000, when=T0 + timedelta(days=20))
        # a stranger (not registered) cannot raise anything
        with self.assertRaisesRegex(UserError, lot.name):
            self.raise_question({"lot_id": lot.id, "bidder_id": self.bidders[3].id, "name": "x", "body": "y"})

    def test_publicity_and_contract_periods(self):
        project, lot = self.make_project()
        with granted(lot):  # the dates the actions write, set directly to try the periods
            with self.assertRaisesRegex(ValidationError, "第54条|art. 54"):
                lot.write({"date_publicity_start": T0 + timedelta(days=30),
                           "date_publicity_end": T0 + timedelta(days=32)})
            lot.write({"date_publicity_start": T0 + timedelta(days=30),
                       "date_publicity_end": T0 + timedelta(days=33)})
            with freeze_time(T0):
                lot.write({"date_award": T0.date()})
        self.assertEqual(lot.contract_deadline, T0.date() + timedelta(days=30))

    def test_records_of_one_center(self):
        """An announcement, a clarification, a question only name records of their own center (Odoo's
        company check), whatever the user may read."""
        project, lot = self.make_project()
        project2, lot2 = self.make_project()
        with granted(project2):
            project2.company_id = self.center2
        self.assertEqual(lot2.company_id, self.center2)
        with self.assertRaises(UserError):
            self.env["gov.trading.announcement"].create({
                "name": "招标公告", "project_id": project.id, "lot_ids": [(6, 0, (lot | lot2).ids)],
                "kind": "tender"})
        other = self.env["res.partner"].create({"name": "区城投公司", "is_company": True,
                                                "company_id": self.center2.id})
        with self.assertRaises(UserError):
            project.tenderer_id = other
        self.publish(lot)
        self.register(lot, self.bidders[0])
        self.publish(lot2)
        self.register(lot2, self.bidders[0])
        with freeze_time(T0 + timedelta(hours=2)):
            question = self.raise_question({"lot_id": lot.id, "bidder_id": self.bidders[0].id,
                                            "kind": "question", "name": "工期", "body": "工期是否可以调整？"})
            question2 = self.raise_question({"lot_id": lot2.id, "bidder_id": self.bidders[0].id,
                                             "kind": "question", "name": "工期", "body": "工期是否可以调整？"})
        with self.assertRaises(UserError):
            self.env["gov.trading.clarification"].create({
                "name": "澄清", "lot_id": lot.id, "body": "<p>工期不变</p>",
                "question_ids": [(6, 0, (question | question2).ids)]})
        self.assertEqual(project.tenderer_id, self.tenderer)
