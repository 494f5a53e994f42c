"""Scoring, 87号令 price score, ranking, sign-off, publicity, objections, award and contract."""
from datetime import datetime, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import freeze_time

from odoo.addons.gov_hall_base.tools.protect import granted

from .common import T0, TradingCase
from .test_expert_draw import run_draw


@tagged("post_install", "-at_install")
class TestEvaluation(TradingCase):

    def _evaluate(self, prices):
        project, lot = self.make_project()
        self.publish(lot)
        regs = self.register(lot, self.bidders[:len(prices)])
        keys = [self.seal_bid(reg, price) for reg, price in zip(regs, prices)]
        self.open_lot(lot)
        with freeze_time(lot.date_bid_deadline + timedelta(minutes=5)):
            for bid, key in keys:
                self.decrypt(bid, key)
        self.assertEqual(lot.state, "evaluation")
        spec = self.env["gov.trading.specialty"].create({"name": "市政道路工程"})
        experts = self.env["gov.trading.expert"].create([
            {"name": f"专家{i}", "specialty_ids": [(6, 0, spec.ids)]} for i in range(5)])
        draw = self.env["gov.trading.expert.draw"].create({"lot_id": lot.id, "specialty_id": spec.id,
                                                           "committee_size": 5})
        with freeze_time(lot.date_bid_deadline + timedelta(hours=1)):
            run_draw(draw, self.supervisor)
            draw.member_ids[0].expert_id.user_id = self.expert
            lot.action_start_evaluation()
        return project, lot, [b for b, k in keys], draw

    def test_full_evaluation_and_award(self):
        project, lot, bids, draw = self._evaluate([12_000_000, 11_500_000, 11_500_000])
        tech, credit = lot.criterion_ids.filtered(lambda c: c.kind == "technical"), \
            lot.criterion_ids.filtered(lambda c: c.kind == "commercial")
        price_crit = lot.criterion_ids.filtered(lambda c: c.kind == "price")
        Score = self.env["gov.trading.score"]
        member = draw.member_ids[0]
        with self.assertRaisesRegex(ValidationError, "30"):
            Score.with_user(self.expert).create({"member_id": member.id, "bid_id": bids[0].id,
                                                 "criterion_id": tech.id, "score": 31})
        with self.assertRaisesRegex(ValidationError, "price|价格"):
            Score.with_user(self.expert).create({"member_id": member.id, "bid_id": bids[0].id,
                                                 "criterion_id": price_crit.id, "score": 5})
        # the expert enters own scores in the backend; bids 1 and 2 tie on price, bid 2 scores higher
        tech_points = {bids[0].id: 28, bids[1].id: 20, bids[2].id: 22}
        with freeze_time(lot.date_bid_deadline + timedelta(hours=2)):
            with self.assertRaisesRegex(UserError, "0 "):
                member.with_user(self.expert).action_sign()
            for m in draw.member_ids:
                for bid in bids:
                    vals = [{"member_id": m.id, "bid_id": bid.id, "criterion_id": tech.id,
                             "score": tech_points[bid.id]},
                            {"member_id": m.id, "bid_id": bid.id, "criterion_id": credit.id, "score": 8}]
                    if m == member:
                        Score.with_user(self.expert).create(vals)
                    else:
                        with granted(Score):  # the other seats have no user account in this test
                            Score.create(vals)
            # the expert's backend screens: score sheet, bids and lot readable by the expert
            spec = {f: {"fields": {"display_name": {}}} for f in ("member_id", "lot_id", "bid_id", "bidder_id",
                                                                   "criterion_id")}
            spec.update({"score": {}, "max_points": {}})
            rows = Score.with_user(self.expert).search([]).web_read(spec)
            self.assertEqual(len(rows), len(bids) * 2)
            self.assertTrue(all(r["bidder_id"]["display_name"] for r in rows))
            member.with_user(self.expert).action_open_score_sheet()
            lot.with_user(self.expert).web_read({"name": {}, "criterion_ids": {"fields": {"name": {}}},
                                                 "ranked_bid_ids": {"fields": {"price": {}}}})
            self.env["gov.trading.bid"].with_user(self.expert).search([("lot_id", "=", lot.id)]).web_read(
                {"price": {}, "plaintext_summary": {}, "bidder_id": {"fields": {"display_name": {}}}})
            with self.assertRaises(AccessError):
                draw.member_ids.filtered(lambda m: m != member)[0].with_user(self.expert).action_sign()
            member.with_user(self.expert).action_sign()
            (draw.member_ids - member).action_sign()  # seats without an account: signed on paper
        with self.assertRaisesRegex(ValidationError, "signed|签"):
            member.score_ids[0].write({"score": 1})
        self.assertNotEqual(member.score_ids[0].score, 1)
        self.assertTrue(lot.date_report)
        # price score = lowest / price x 60
        self.assertAlmostEqual(bids[0].price_score, round(11_500_000 / 12_000_000 * 60, 2))
        self.assertAlmostEqual(bids[1].price_score, 60.0)
        self.assertAlmostEqual(bids[0].total_score, round(11_500_000 / 12_000_000 * 60 + 28 + 8, 2))
        self.assertEqual([b.rank for b in bids], [1, 3, 2])
        # candidates: publicity at least 3 days
        report_time = lot.date_report
        lot.date_publicity_end = report_time + timedelta(days=2)
        with freeze_time(report_time + timedelta(hours=1)), self.assertRaisesRegex(ValidationError, "第54条|art. 54"):
            lot.action_publish_candidates()
        lot.date_publicity_end = report_time + timedelta(days=9)
        with freeze_time(report_time + timedelta(days=4)), self.assertRaisesRegex(UserError, "第54条|art. 54"):
            lot.action_publish_candidates()  # 4 days after the report, without a reason
        self.assertEqual(lot.state, "evaluation")
        lot.date_publicity_end = report_time + timedelta(days=4)
        with freeze_time(report_time + timedelta(hours=1)):
            lot.action_publish_candidates()
        self.assertEqual(lot.state, "publicity")
        candidates = project.announcement_ids.filtered(lambda a: a.kind == "candidates")
        self.assertTrue(candidates.is_published)
        # objection during publicity; the award waits for the answer and for the end of publicity
        with freeze_time(report_time + timedelta(days=1)):
            objection = self.raise_question({"lot_id": lot.id, "bidder_id": bids[1].bidder_id.id,
                                  "kind": "candidate_objection", "name": "第一名业绩不实", "body": "..."})
        with freeze_time(report_time + timedelta(days=3)), self.assertRaisesRegex(UserError, "第54条|art. 54"):
            lot.action_award()
        with freeze_time(report_time + timedelta(days=5)):
            with self.assertRaisesRegex(UserError, "1"):
                lot.action_award()
            with self.assertRaisesRegex(UserError, "第54条|art. 54"):
                self.raise_question({"lot_id": lot.id, "bidder_id": bids[2].bidder_id.id, "kind": "candidate_objection",
                          "name": "逾期异议", "body": "..."})
            objection.answer = "经核查，业绩真实，异议不成立。"
            objection.action_answer()
            lot.action_award()
        self.assertEqual(lot.state, "awarded")
        self.assertEqual(lot.winner_bid_id, bids[0])
        self.assertEqual(lot.award_amount, 12_000_000)
        # 30 days (招标投标法 第46条); the last day, 1 May, is a holiday: the period ends on the next working day
        self.assertEqual(lot.contract_deadline, self.env["gov.hall.calendar"].add_days(lot.date_award, 30))
        self.assertEqual(lot.contract_deadline, lot.date_award + timedelta(days=35))
        result = project.announcement_ids.filtered(lambda a: a.kind == "result")
        self.assertTrue(result.attachment_id)
        notice = self.env["ir.attachment"].search([("res_model", "=", "gov.trading.registration"),
                                                   ("res_id", "=", bids[0].registration_id.id)])
        self.assertTrue(notice, "the award notice is delivered to the winner")
        html = self.env["ir.actions.report"]._render_qweb_html(
            "gov_public_resource_trading.action_report_award_notice", lot.ids)[0].decode()
        self.assertIn("中标通知书", html)
        self.assertIn("壹仟贰佰万元整", html)
        # contract recorded within 30 days; deposits back within 5 days
        lot.date_contract = lot.date_award + timedelta(days=10)
        lot.action_record_contract()
        self.assertEqual(lot.state, "contracted")
        self.assertFalse(lot.contract_overdue)
        self.assertEqual(project.award_amount, 12_000_000)
        self.assertAlmostEqual(project.saving_rate, (12_800_000 - 12_000_000) / 12_800_000 * 100)
        events = set(self.env["gov.trading.log"].search([("lot_id", "=", lot.id)]).mapped("event"))
        for event in ("score", "sign_off", "award", "contract", "evaluation", "expert_draw"):
            self.assertIn(event, events)
        self.assertTrue(self.env["gov.trading.log"].verify_chain()["ok"])

    def test_overdue_alerts(self):
        project2, late = self.make_project()
        with granted(late):
            late.write({"state": "evaluation", "date_report": T0})
        with freeze_time(T0 + timedelta(days=4)):
            late._cron_alerts()
        self.assertTrue(late.activity_ids.filtered(lambda a: "3" in (a.summary or "")))
        project, lot = self.make_project()
        with granted(lot):
            lot.write({"state": "awarded", "date_award": T0.date()})
        regs = self.env["gov.trading.registration"]
        with freeze_time(T0 + timedelta(days=31)):
            lot._cron_alerts()
            self.assertTrue(lot.contract_overdue)
        self.assertTrue(lot.activity_ids.filtered(lambda a: "overdue" in (a.summary or "").lower()
                                                  or "逾期" in (a.summary or "")))
        self.assertFalse(regs)


@tagged("post_install", "-at_install")
class TestReports(TradingCase):

    def test_statistics_and_xlsx(self):
        project, lot = self.make_project()
        with granted(lot):
            lot.write({"state": "contracted", "award_amount": 12_000_000})
        groups = self.env["gov.trading.project"]._read_group(
            [("id", "=", project.id)], ["kind", "method", "date_registered:month"],
            ["estimate_amount:sum", "award_amount:sum"])
        self.assertEqual(groups[0][3], 12_800_000)
        self.assertEqual(groups[0][4], 12_000_000)
        self.assertAlmostEqual(project.saving_rate, 6.25)
        content, ext = self.env["ir.actions.report"]._render_xlsx(
            "gov_public_resource_trading.action_report_trading_xlsx", project.ids, {})
        self.assertEqual(ext, "xlsx")
        self.assertTrue(content.startswith(b"PK"))


@tagged("post_install", "-at_install")
class TestChallenge(TradingCase):

    def test_procurement_challenge_7_working_days(self):
        project, lot = self.make_project(kind="procurement", estimate=1_000_000, deposit=0, criteria=False,
                                         scoring_method="lowest_price")
        self.publish(lot)
        reg = self.register(lot, self.bidders[0], when=T0 + timedelta(hours=1))  # Monday 2 March
        # documents obtained on Monday 2 March: 7 working days end on Wednesday 11 March
        with freeze_time(T0 + timedelta(days=10)), self.assertRaisesRegex(UserError, "第52条|art. 52"):
            self.raise_question({"lot_id": lot.id, "bidder_id": reg.bidder_id.id, "kind": "challenge",
                      "challenge_basis": "documents", "name": "评分标准倾向特定品牌", "body": "..."})
        with freeze_time(T0 + timedelta(days=9)):
            challenge = self.raise_question({"lot_id": lot.id, "bidder_id": reg.bidder_id.id, "kind": "challenge",
                                  "challenge_basis": "documents", "name": "评分标准倾向特定品牌", "body": "..."})
        # answered within 7 working days: Wednesday 11 March + 7 working days = Friday 20 March
        self.assertEqual(str(challenge.answer_deadline.date()), "2026-03-20")
        # tenders use objections, not challenges
        project2, lot2 = self.make_project()
        self.publish(lot2)
        reg2 = self.register(lot2, self.bidders[1])
        with freeze_time(T0 + timedelta(days=1)), self.assertRaisesRegex(UserError, "质疑|challenge"):
            self.raise_question({"lot_id": lot2.id, "bidder_id": reg2.bidder_id.id, "kind": "challenge", "name": "x",
                      "body": "y"})


@tagged("post_install", "-at_install")
class TestProcurementAward(TradingCase):

    def test_direct_award_within_5_working_days(self):
        project, lot = self.make_project(kind="procurement", estimate=1_000_000, deposit=0, criteria=False,
                                         scoring_method="lowest_price")
        self.publish(lot)
        regs = self.register(lot)
        keys = [self.seal_bid(reg, price) for reg, price in zip(regs, (980_000, 950_000, 990_000))]
        self.open_lot(lot)
        with freeze_time(lot.date_bid_deadline + timedelta(minutes=5)):
            for bid, key in keys:
                self.decrypt(bid, key)
        spec = self.env["gov.trading.specialty"].create({"name": "办公设备"})
        self.env["gov.trading.expert"].create([{"name": f"专家{i}", "specialty_ids": [(6, 0, spec.ids)]}
                                               for i in range(5)])
        draw = self.env["gov.trading.expert.draw"].create({"lot_id": lot.id, "specialty_id": spec.id,
                                                           "committee_size": 5})
        report_time = lot.date_bid_deadline + timedelta(hours=2)  # Friday 27 March 2026
        with freeze_time(report_time):
            run_draw(draw, self.supervisor)
            lot.action_start_evaluation()
            draw.member_ids.action_sign()
        self.assertEqual([b.rank for b in lot.bid_ids.sorted("price")], [1, 2, 3])
        # 5 working days after Friday 27 March: Friday 3 April; Monday 6 April is Qingming, Tuesday 7 is late
        with freeze_time(datetime(2026, 4, 7, 2, 0)), self.assertRaisesRegex(UserError, "第68条|art. 68"):
            lot.action_award()
        self.assertEqual(lot.state, "evaluation")
        lot.delay_reason = "采购人因疫情防控原因延迟确认，已报监督部门备案。"
        with freeze_time(datetime(2026, 4, 7, 2, 0)):
            lot.action_award()
        self.assertEqual(lot.state, "awarded")
        self.assertEqual(lot.award_amount, 950_000)
        self.assertTrue(self.env["gov.trading.log"].search([("event", "=", "other"), ("lot_id", "=", lot.id)]))


@tagged("post_install", "-at_install")
class TestComplaint(TradingCase):

    def test_tender_complaint_10_days_then_3_and_30_working_days(self):
        project, lot = self.make_project()
        self.publish(lot)
        reg = self.register(lot, self.bidders[0])  # Monday 2 March
        vals = {"lot_id": lot.id, "bidder_id": reg.bidder_id.id, "kind": "complaint",
                "challenge_basis": "documents", "name": "招标文件设置不合理条件", "body": "..."}
        with freeze_time(T0 + timedelta(days=11)), self.assertRaisesRegex(UserError, "第60条|art. 60"):
            self.raise_question(vals)
        with freeze_time(T0 + timedelta(days=10)):  # Thursday 12 March
            complaint = self.raise_question(vals)
        self.assertEqual(str(complaint.accept_deadline), "2026-03-17")
        with self.assertRaisesRegex(UserError, "Accept|受理"):
            complaint.answer = "..."
            complaint.action_answer()
        with freeze_time(T0 + timedelta(days=11)):
            complaint.action_accept()
        # 30 working days after Friday 13 March: Monday 27 April (Qingming, Monday 6 April, is a holiday)
        self.assertEqual(str(complaint.answer_deadline.date()), "2026-04-27")

    def test_procurement_complaint_needs_challenge(self):
        project, lot = self.make_project(kind="procurement", estimate=1_000_000, deposit=0, criteria=False,
                                         scoring_method="lowest_price")
        self.publish(lot)
        reg = self.register(lot, self.bidders[0])
        with freeze_time(T0 + timedelta(days=2)), self.assertRaisesRegex(UserError, "第55条|art. 55"):
            self.raise_question({"lot_id": lot.id, "bidder_id": reg.bidder_id.id, "kind": "complaint", "name": "x",
                      "body": "y"})
        with freeze_time(T0 + timedelta(days=2)):
            challenge = self.raise_question({"lot_id": lot.id, "bidder_id": reg.bidder_id.id, "kind": "challenge",
                                  "name": "质疑", "body": "..."})
            with self.assertRaisesRegex(UserError, challenge.answer_deadline.strftime("%Y")):
                self.raise_question({"lot_id": lot.id, "bidder_id": reg.bidder_id.id, "kind": "complaint", "name": "x",
                          "body": "y", "challenge_id": challenge.id})
            challenge.answer = "质疑不成立。"
            challenge.action_answer()
        # answered Wednesday 4 March: 15 working days end on Wednesday 25 March
        with freeze_time(datetime(2026, 3, 26, 2, 0)), self.assertRaisesRegex(UserError, "第55条|art. 55"):
            self.raise_question({"lot_id": lot.id, "bidder_id": reg.bidder_id.id, "kind": "complaint", "name": "x",
                      "body": "y", "challenge_id": challenge.id})
        with freeze_time(datetime(2026, 3, 25, 2, 0)):
            complaint = self.raise_question({"lot_id": lot.id, "bidder_id": reg.bidder_id.id, "kind": "complaint",
                                  "name": "投诉", "body": "...", "challenge_id": challenge.id})
        self.assertEqual(complaint.state, "open")
