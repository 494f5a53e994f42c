"""Door to door across the five addons, through the same actions the users press:

a case is accepted at the comprehensive window, routed, decided and handed out; the applicant rates it
非常不满意; the bad rating opens a verification review (intake) and a complaint (complaints); the
supervisor answers it on the spot and closes it substantiated with the clerk at fault; the review is
verified; the month's assessment then counts the verified bad rating and the substantiated complaint
against the clerk and the window, once, however often it is recomputed.
"""
import datetime

from odoo.tests import freeze_time, tagged

from odoo.addons.gov_hall_intake.tests.common import SIGNATURE, GovIntakeCase


@tagged("post_install", "-at_install")
class TestDoorToDoor(GovIntakeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        scheme = cls.env["gov.assessment.scheme"].create({
            "name": "2026年度窗口及工作人员绩效考核方案", "company_id": cls.center.id,
            "date_from": "2026-01-01", "date_to": "2026-12-31"})
        scheme.action_load_standard_items()
        scheme.action_activate()

    def test_bad_rating_to_complaint_to_assessment(self):
        with freeze_time("2026-03-09 02:00:00"):
            case = self.accepted_case()
            self.assertEqual(case.state, "accepted")
            self.assertEqual(case.deadline, self.env["gov.hall.calendar"].add_working_days(
                datetime.date(2026, 3, 9), self.item.promised_days))
            case.task_ids.with_user(self.reviewer).action_done("approve", "同意")
            case.with_user(self.reviewer).action_decide("approved", "《社会保险法》第五十八条")
            case.with_user(self.clerk).action_deliver("window", recipient="周建国", signature=SIGNATURE)
            self.assertEqual(case.state, "delivered")
            self.assertTrue(case.on_time)

            rating = case.with_user(self.clerk).action_rate(1, "材料明明带齐了，窗口却让我来回跑了三次", channel="device")
            review = self.env["gov.hall.rating.review"].search([("rating_id", "=", rating.id)])
            self.assertEqual(review.employee_id, self.clerk_emp)
            complaint = review.complaint_id
            self.assertEqual((complaint.channel, complaint.case_id, complaint.window_id),
                             ("rating", case, self.window_zh))

        with freeze_time("2026-03-10 02:00:00"):
            complaint = complaint.with_user(self.supervisor)
            complaint.action_register()
            complaint.spot_answer = "经调取窗口视频核实，工作人员未一次性告知所需材料，当面向群众致歉。"
            complaint.action_answer_on_spot()
            complaint.write({"satisfaction": "satisfied", "substantiated": True, "fault_type": "negligent",
                             "fault_form": "omission", "fault_holder": "handler",
                             "employee_id": self.clerk_emp.id})
            complaint.action_close()
            self.assertEqual(complaint.state, "closed")
            self.assertEqual(complaint.fault_employee_id, self.clerk_emp)
            review.with_user(self.chief).action_verify(True, "核实属实")
            self.assertTrue(review.verified)

        month = self.env["gov.assessment.month"].create({"company_id": self.center.id,
                                                         "date_from": datetime.date(2026, 3, 1)})
        month.action_compute()
        Event = self.env["gov.assessment.event"]
        period = [("company_id", "=", self.center.id), ("period", "=", datetime.date(2026, 3, 1))]
        events = Event.search(period + [("employee_id", "=", self.clerk_emp.id)])
        self.assertTrue(events, "the clerk's month has events from the other addons")
        line = month.staff_line_ids.filtered(lambda l: l.employee_id == self.clerk_emp)
        self.assertEqual(line.complaint_count, 1)
        self.assertEqual(line.ratings_count, 1)
        self.assertLess(line.score, 100)
        score, count = line.score, Event.search_count(period)
        month.action_compute()
        self.assertEqual(Event.search_count(period), count, "recomputing adds nothing")
        self.assertEqual(month.staff_line_ids.filtered(lambda l: l.employee_id == self.clerk_emp).score, score)
