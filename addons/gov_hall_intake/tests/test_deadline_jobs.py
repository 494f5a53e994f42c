"""A holiday schedule change moves the open cases' promised deadlines; their applicants are told in background
jobs (queue_job), not in the request that entered the schedule."""
from odoo.tests import tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import GovIntakeCase


@tagged("post_install", "-at_install")
class TestDeadlineMovedJobs(GovIntakeCase):

    def _holiday_before(self, case):
        calendar = self.env["gov.hall.calendar"]
        day = calendar.add_working_days(self.today(), 1)
        self.assertLess(day, case.deadline)
        Year = self.env["gov.hall.calendar.year"]
        year = Year.search([("year", "=", day.year)]) or Year.create({"year": day.year})
        self.env["gov.hall.calendar.day"].create({"date": day, "kind": "holiday", "name": "测试假日",
                                                  "year_id": year.id})

    def test_applicants_told_in_jobs(self):
        self.citizen.email = "citizen@example.com"
        open_case = self.accepted_case()
        other = self.accepted_case()
        decided = self.decided_case()
        old = open_case.deadline
        with trap_jobs() as trap:
            self._holiday_before(open_case)
            open_case.invalidate_recordset(["deadline"])
            self.assertEqual(open_case.deadline, self.env["gov.hall.calendar"].add_working_days(old, 1))
            # one job for the moved cases (a batch), on the suite's channel; nothing sent yet
            trap.assert_jobs_count(1)
            [job] = trap.enqueued_jobs
            self.assertEqual(job.method_name, "_gov_notify_deadline_moved")
            self.assertEqual(job.channel, "root.gov")
            self.assertIn(open_case, job.recordset)
            self.assertIn(other, job.recordset)
            self.assertNotIn(decided, job.recordset, "a decided case's deadline no longer runs")
            self.assertFalse(open_case.message_ids.filtered(lambda m: "holiday schedule changed" in (m.body or "")))
            trap.perform_enqueued_jobs()
        for case in (open_case, other):
            case.invalidate_recordset()
            [message] = case.message_ids.filtered(lambda m: "holiday schedule changed" in (m.body or ""))
            self.assertIn(case.name, message.body)
            self.assertIn(str(case.deadline), message.body)
            self.assertIn(self.citizen, message.partner_ids)

    def test_job_skips_cases_closed_meanwhile(self):
        """The case decided between the schedule change and the job is not told a deadline that no longer runs."""
        case = self.accepted_case()
        with trap_jobs() as trap:
            self._holiday_before(case)
            trap.assert_jobs_count(1)
            case.task_ids.with_user(self.reviewer).action_done("approve", "同意")
            case.with_user(self.reviewer).action_decide("approved", "《社会保险法》第五十八条")
            trap.perform_enqueued_jobs()
        self.assertFalse(case.message_ids.filtered(lambda m: "holiday schedule changed" in (m.body or "")))
