import datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.gov_hall_base.tools.protect import granted

from .common import MARCH, AssessmentCase


@tagged("post_install", "-at_install")
class TestScoring(AssessmentCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cases_a, cls.cases_c = cls.generate_march()
        cls.month = cls.march()
        cls.month.action_compute()

    def staff(self, employee, month=None):
        return (month or self.month).staff_line_ids.filtered(lambda l: l.employee_id == employee)

    def window_line(self, window, month=None):
        return (month or self.month).window_line_ids.filtered(lambda l: l.window_id == window)

    def item_score(self, employee, code):
        return self.env["gov.assessment.score"].search([
            ("month_id", "=", self.month.id), ("employee_id", "=", employee.id),
            ("item_id", "=", self.items[code].id)]).score

    def test_scores_by_hand(self):
        a, b, c = self.staff(self.emp_a), self.staff(self.emp_b), self.staff(self.emp_c)
        # A: 100 - on post 2 - badge 1 - discipline 2 - training 1 - manual 2 - overdue 2x2 + volume 25/10 -> 2 x 0.5
        #    - satisfaction 11/12 = 91.67% -> ceil(98 - 91.67) = 7 points - verified bad rating 2 - complaint 5
        #    + commendation 1 = 76
        self.assertAlmostEqual(a.score, 76.0)
        self.assertAlmostEqual(a.satisfaction, 91.67)
        self.assertEqual((a.ratings_count, a.volume, a.complaint_count), (12, 25, 1))
        self.assertAlmostEqual(a.deduction, -26.0)
        self.assertAlmostEqual(a.addition, 2.0)
        self.assertEqual(self.item_score(self.emp_a, "S11"), 3.0)
        self.assertEqual(self.item_score(self.emp_a, "S07"), 6.0)
        # B: uniform 1
        self.assertAlmostEqual(b.score, 99.0)
        # C: clean, 10 cases -> volume +0.5, 10 ratings all satisfied
        self.assertAlmostEqual(c.score, 100.5)
        self.assertAlmostEqual(c.satisfaction, 100.0)
        self.assertEqual([c.rank, b.rank, a.rank], [1, 2, 3])
        # window 人社局: inspections 0.5 + 1 + 1 + 0.5, overdue 2 x 2, volume +1, satisfaction 7, bad rating 1,
        #   complaint 5, commendation +1 = 82
        w, wb = self.window_line(self.window), self.window_line(self.window_b)
        self.assertAlmostEqual(w.score, 82.0)
        self.assertAlmostEqual(wb.score, 100.5)
        self.assertEqual(wb.rank, 1)
        # honours: C is the only star (B has no rating, A too low); 市场监管窗口 the only red flag
        self.assertEqual(self.month.staff_line_ids.filtered("proposed_star").employee_id, self.emp_c)
        self.assertEqual(self.month.window_line_ids.filtered("proposed_red_flag").window_id, self.window_b)

    def test_recompute_never_double_counts(self):
        Event = self.env["gov.assessment.event"]
        domain = [("company_id", "=", self.center.id), ("period", "=", MARCH)]
        count, points = Event.search_count(domain), sum(Event.search(domain).mapped("points"))
        result = self.env["gov.assessment.engine"].sync_events(self.center, MARCH, datetime.date(2026, 3, 31))
        self.assertEqual(result["created"], 0)
        self.assertEqual(result["removed"], 0)
        self.month.action_compute()
        self.month.action_compute()
        self.assertEqual(Event.search_count(domain), count)
        self.assertAlmostEqual(sum(Event.search(domain).mapped("points")), points)
        self.assertAlmostEqual(self.staff(self.emp_a).score, 76.0)
        self.assertEqual(len(self.month.staff_line_ids), 3)
        # every key once
        keys = Event.search(domain + [("key", "!=", False)]).mapped("key")
        self.assertEqual(len(keys), len(set(keys)))
        # a source that disappears is removed: the commendation is cancelled
        commendation = self.env["gov.assessment.commendation"].search([("employee_id", "=", self.emp_a.id)])
        commendation.action_cancel()
        self.month.action_compute()
        self.assertAlmostEqual(self.staff(self.emp_a).score, 75.0)
        self.assertEqual(Event.search_count(domain), count - 2)

    def test_new_activity_is_picked_up(self):
        self.inspection(datetime.date(2026, 3, 4), 1, {self.emp_b: ["etiquette"]})
        self.month.action_compute()
        self.assertAlmostEqual(self.staff(self.emp_b).score, 98.0)

    def test_appeal_changes_score_only_when_accepted(self):
        Event = self.env["gov.assessment.event"]
        badge = Event.search([("employee_id", "=", self.emp_a.id), ("item_id", "=", self.items["S02"].id)])
        discipline = Event.search([("employee_id", "=", self.emp_a.id), ("item_id", "=", self.items["S04"].id)])
        Appeal = self.env["gov.assessment.appeal"].with_user(self.clerk)
        # nobody else appeals A's event, and a reason is required
        with self.assertRaises(AccessError):
            self.env["gov.assessment.appeal"].with_user(self.reviewer).create(
                {"event_id": badge.id, "reason": "不是我"})
        with self.assertRaisesRegex(ValidationError, "reason"):
            Appeal.create({"event_id": badge.id, "reason": "  "})
        self.assertEqual(badge.state, "valid")
        appeal_badge = Appeal.create({"event_id": badge.id, "reason": "当日胸牌在补办中,已报备"})
        appeal_disc = Appeal.create({"event_id": discipline.id, "reason": "当时在为群众引导,并非离岗"})
        self.assertEqual(badge.state, "appealed")
        # once only
        with self.assertRaises(UserError):
            Appeal.create({"event_id": badge.id, "reason": "再次申诉"})
        # pending appeals still count, and block the submission
        self.month.action_compute()
        self.assertAlmostEqual(self.staff(self.emp_a).score, 76.0)
        with self.assertRaisesRegex(UserError, "appeals"):
            self.month.action_submit()
        # the person cannot decide; a rejected appeal changes nothing
        with self.assertRaises(AccessError):
            appeal_badge.with_user(self.clerk).action_reject()
        with self.assertRaisesRegex(UserError, "Explain"):
            appeal_badge.with_user(self.assessor).action_reject()
        appeal_badge.with_user(self.assessor).action_reject("巡查照片显示未佩戴胸牌")
        self.assertEqual(badge.state, "valid")
        appeal_disc.with_user(self.assessor).action_accept("经调取视频核实属实")
        self.assertEqual(discipline.state, "cancelled")
        with self.assertRaisesRegex(UserError, "already decided"):
            appeal_disc.with_user(self.assessor).action_reject()
        self.month.action_compute()
        self.assertAlmostEqual(self.staff(self.emp_a).score, 78.0)
        # the window was charged for the same finding: that goes too (82 + 1)
        self.assertAlmostEqual(self.window_line(self.window).score, 83.0)
        self.assertEqual(discipline.state, "cancelled", "recomputing does not bring back an accepted appeal")
        self.month.action_submit()

    def test_days_are_the_centers_for_a_user_elsewhere(self):
        """A staff member working in another time zone sees the center's days: the day an event was recorded
        (its appeal period) and the day of a training session."""
        self.clerk.tz = "Pacific/Honolulu"
        self.center.gov_appeal_days = 1
        badge = self.env["gov.assessment.event"].search([("employee_id", "=", self.emp_a.id),
                                                         ("item_id", "=", self.items["S02"].id)])
        # recorded on Thursday 2026-03-05 20:00 UTC: Friday 04:00 in Beijing, Thursday 10:00 in Honolulu
        self.env.cr.execute("UPDATE gov_assessment_event SET create_date = '2026-03-05 20:00:00' WHERE id = %s",
                            [badge.id])
        badge.invalidate_recordset()
        calendar = self.env["gov.hall.calendar"]
        friday = datetime.date(2026, 3, 6)
        elsewhere = {"tz": "Pacific/Honolulu"}
        self.assertEqual(badge.with_user(self.clerk).with_context(elsewhere).appeal_deadline,
                         calendar.add_working_days(friday, 1))
        self.assertNotEqual(calendar.add_working_days(friday, 1),
                            calendar.add_working_days(datetime.date(2026, 3, 5), 1))
        Training = self.env["gov.assessment.training"].with_context(elsewhere)
        session = Training.create({"name": "每周五学习培训", "company_id": self.center.id,
                                   "date": datetime.datetime(2026, 3, 5, 20, 0)})
        self.assertEqual(session.date_local, friday)
        planned = Training.plan_fridays(self.center, datetime.date(2026, 4, 1), hour=16.0)
        self.assertTrue(planned)
        # 16:00 in Beijing is 08:00 UTC, whoever plans them
        self.assertEqual({(s.date.hour, s.date_local.weekday()) for s in planned}, {(8, 4)})

    def test_events_stay_in_their_center(self):
        """The staff member, window and item of an event, and the window of a commendation, belong to
        the event's center (check_company)."""
        other = self.env["hr.employee"].search([("user_id", "=", self.admin2.id)])
        Event = self.env["gov.assessment.event"]
        with self.assertRaisesRegex(UserError, "company|公司"):
            Event.create({"name": "x", "company_id": self.center.id, "date": "2026-03-05", "target": "staff",
                          "employee_id": other.id, "item_id": self.items["S06"].id})
        with self.assertRaisesRegex(UserError, "company|公司"):
            self.env["gov.assessment.commendation"].create({
                "name": "x", "company_id": self.center.id, "date": "2026-03-05", "window_id": self.window2.id})
        # records created together by the rules are checked per center, with the same verdict
        events = Event.search([("company_id", "=", self.center.id)])
        self.assertGreater(len(events), 1)
        events._check_company()
        with granted(events), self.assertRaisesRegex(UserError, "company|公司"):
            events[:2].write({"department_id": self.dept2.id})

    def test_appeal_period(self):
        Event = self.env["gov.assessment.event"]
        badge = Event.search([("employee_id", "=", self.emp_a.id), ("item_id", "=", self.items["S02"].id)])
        self.assertTrue(badge.with_user(self.clerk).can_appeal)
        self.center.gov_appeal_days = 1
        self.env.cr.execute("UPDATE gov_assessment_event SET create_date = create_date - interval '10 days' "
                            "WHERE id = %s", [badge.id])
        badge.invalidate_recordset()
        self.assertFalse(badge.with_user(self.clerk).can_appeal)
        with self.assertRaisesRegex(UserError, "appeal period"):
            self.env["gov.assessment.appeal"].with_user(self.clerk).create({"event_id": badge.id, "reason": "迟到的申诉"})
        self.assertEqual(badge.state, "valid")
        self.center.gov_appeal_days = 0  # until the month is approved
        self.env["gov.assessment.appeal"].with_user(self.clerk).create({"event_id": badge.id, "reason": "补办中"})
        self.assertEqual(badge.state, "appealed")

    def test_manual_event_rules(self):
        Event = self.env["gov.assessment.event"]
        with self.assertRaisesRegex(ValidationError, "fed automatically"):
            Event.create({"name": "x", "company_id": self.center.id, "date": "2026-03-05", "target": "staff",
                          "employee_id": self.emp_b.id, "item_id": self.items["S01"].id})
        with self.assertRaisesRegex(ValidationError, "does not score this target"):
            Event.create({"name": "x", "company_id": self.center.id, "date": "2026-03-05", "target": "window",
                          "window_id": self.window.id, "item_id": self.items["S06"].id})
        with self.assertRaisesRegex(ValidationError, "does not cover"):
            Event.create({"name": "x", "company_id": self.center.id, "date": "2027-03-05", "target": "staff",
                          "employee_id": self.emp_b.id, "item_id": self.items["S06"].id})
        auto = Event.search([("source", "=", "inspection"), ("company_id", "=", self.center.id)], limit=1)
        with self.assertRaisesRegex(UserError, "kept by their rules"):
            auto.write({"quantity": 5})
        with self.assertRaisesRegex(UserError, "kept by their rules"):
            auto.unlink()
        self.assertTrue(auto.exists())

    def test_cap_of_deduction_item(self):
        # 12 more overdue cases of A: 14 x 2 = 28 points, but S07 stops at its base of 10
        self.make_cases(12, self.clerk, self.window, datetime.date(2026, 3, 23), handler=self.clerk, overdue=True)
        self.month.action_compute()
        self.assertEqual(self.item_score(self.emp_a, "S07"), 0.0)
        self.assertAlmostEqual(self.staff(self.emp_a).score, 76.0 - 6.0 + 0.5)  # volume 37 -> 3 units

    def test_workflow_and_lock(self):
        month = self.month
        month.with_user(self.assessor).action_submit()
        with self.assertRaises(AccessError):
            month.with_user(self.assessor).action_approve()
        self.assertEqual(month.state, "to_approve")
        # the leader may not name more honours than the rules allow, nor one with a complaint
        line_a = self.staff(self.emp_a)
        line_a.is_star = True
        with self.assertRaisesRegex(ValidationError, "complaint"):
            month.with_user(self.leader).action_approve()
        line_a.is_star = False
        month.with_user(self.leader).action_approve()
        self.assertEqual(month.state, "approved")
        self.assertEqual(month.approver_id, self.leader)
        # approved: the period is locked
        with self.assertRaisesRegex(UserError, "approved"):
            self.env["gov.assessment.event"].create({
                "name": "补录", "company_id": self.center.id, "date": "2026-03-30", "target": "staff",
                "employee_id": self.emp_b.id, "item_id": self.items["S06"].id})
        commendation = self.env["gov.assessment.commendation"].create({
            "name": "锦旗", "company_id": self.center.id, "date": "2026-03-30", "employee_id": self.emp_b.id})
        with self.assertRaisesRegex(UserError, "approved"):
            commendation.action_confirm()
        with self.assertRaisesRegex(UserError, "approved"):
            self.env["gov.assessment.event"].search([("employee_id", "=", self.emp_a.id)], limit=1).unlink()
        with self.assertRaisesRegex(UserError, "draft or computed"):
            month.action_compute()
        with self.assertRaises(UserError):
            line_a.is_star = True
        self.assertAlmostEqual(self.staff(self.emp_a).score, 76.0)
        month.with_user(self.assessor).action_publish()
        self.assertEqual(month.state, "published")
        self.assertTrue(self.env["ir.attachment"].search_count([("res_model", "=", month._name),
                                                                ("res_id", "=", month.id)]))

    def test_reports(self):
        pdf, _t = self.env["ir.actions.report"].with_context(force_report_rendering=True)._render_qweb_pdf(
            "gov_staff_assessment.report_staff_sheet", self.staff(self.emp_a).ids)
        self.assertTrue(pdf.startswith(b"%PDF"))
        html, _t = self.env["ir.actions.report"]._render_qweb_html(
            "gov_staff_assessment.report_month_circular", self.month.ids)
        self.assertIn("月度考核通报", html.decode())
        self.assertIn(self.window_b.name, html.decode())
        xlsx, ftype = self.env["ir.actions.report"]._render("gov_staff_assessment.month_xlsx", self.month.ids)
        self.assertEqual(ftype, "xlsx")
        self.assertTrue(xlsx.startswith(b"PK"))


@tagged("post_install", "-at_install")
class TestRules(AssessmentCase):
    """The rules fed by gov_hall_intake and gov_complaints, one by one."""

    def events(self, source):
        return self.env["gov.assessment.event"].search([("company_id", "=", self.center.id), ("source", "=", source)])

    def sync(self):
        return self.env["gov.assessment.engine"].sync_events(self.center, MARCH, datetime.date(2026, 3, 31))

    def test_overdue_task_per_handler_and_window(self):
        case = self.make_cases(1, self.clerk, self.window, datetime.date(2026, 3, 9))
        task = self.env["gov.hall.case.task"].sudo().create({
            "case_id": case.id, "department_id": self.dept.id, "user_id": self.reviewer.id})
        self.env.flush_all()
        self.env.cr.execute("UPDATE gov_hall_case_task SET deadline = %s, is_overdue = TRUE, state = 'open' "
                            "WHERE id = %s", [datetime.date(2026, 3, 12), task.id])
        self.sync()
        events = self.events("task_overdue")
        self.assertEqual(sorted(events.mapped("target")), ["staff", "window"])
        staff = events.filtered(lambda e: e.target == "staff")
        self.assertEqual((staff.employee_id, staff.points), (self.emp_b, -1.0))
        self.assertEqual(events.filtered(lambda e: e.target == "window").window_id, self.window,
                         "the handler's window")
        # an open overdue case nobody decided yet: only the intake window is charged
        late = self.make_cases(1, self.clerk, self.window_b, datetime.date(2026, 3, 9))
        self.env.cr.execute("UPDATE gov_hall_case SET deadline = %s, is_overdue = TRUE, state = 'accepted' "
                            "WHERE id = %s", [datetime.date(2026, 3, 20), late.id])
        self.sync()
        overdue = self.events("case_overdue")
        self.assertEqual((overdue.target, overdue.window_id), ("window", self.window_b))
        # the task is done in time after all: the event goes away on the next run
        self.env.cr.execute("UPDATE gov_hall_case_task SET is_overdue = FALSE WHERE id = %s", [task.id])
        self.assertEqual(self.sync()["removed"], 2)
        self.assertFalse(self.events("task_overdue"))

    def test_bad_rating_counts_only_when_verified(self):
        cases = self.make_cases(2, self.clerk, self.window, datetime.date(2026, 3, 9))
        ratings = self.rate(cases, [1, 2], datetime.date(2026, 3, 10))
        reviews = ratings.sudo().gov_review_ids
        self.assertEqual(len(reviews), 2)
        self.sync()
        self.assertFalse(self.events("bad_rating"), "not verified yet")
        with granted(reviews):  # verified (one then removed on appeal) on given days, as their actions do
            reviews[0].write({"verified": True, "date_verified": datetime.date(2026, 3, 12)})
            reviews[1].write({"verified": True, "date_verified": datetime.date(2026, 3, 12), "state": "removed"})
        self.sync()
        events = self.events("bad_rating")
        self.assertEqual(events.mapped("res_id"), [reviews[0].id] * 2)
        self.assertEqual(events.filtered(lambda e: e.target == "staff").employee_id, self.emp_a)

    def test_complaint_fault_holder_is_charged(self):
        self.window.head_employee_id = self.emp_b
        complaint = self.substantiated_complaint(self.emp_a, self.window, datetime.date(2026, 3, 25))
        # the window head should have caught it: the fault is theirs
        self.env.cr.execute("UPDATE gov_complaint SET fault_holder = 'window_head', fault_employee_id = %s "
                            "WHERE id = %s", [self.emp_b.id, complaint.id])
        self.sync()
        staff = self.events("complaint").filtered(lambda e: e.target == "staff")
        self.assertEqual((staff.employee_id, staff.points), (self.emp_b, -5.0))
        # not substantiated after all: no event
        self.env.cr.execute("UPDATE gov_complaint SET substantiated = FALSE WHERE id = %s", [complaint.id])
        self.sync()
        self.assertFalse(self.events("complaint"))

    def test_scheme_frozen_once_used(self):
        self.approved_march()
        with self.assertRaisesRegex(UserError, "cannot change any more"):
            self.items["S01"].points = 5
        self.assertEqual(self.items["S01"].points, 2)
        self.items["S01"].criteria = "上班时间在岗在位"  # wording may still change
        with self.assertRaisesRegex(UserError, "copy it"):
            self.scheme.action_draft()
        # the trend of a person
        action = self.emp_a.with_user(self.assessor).action_gov_assessment_trend()
        self.assertEqual(self.env["gov.assessment.month.staff"].search(action["domain"]).score, 76.0)
