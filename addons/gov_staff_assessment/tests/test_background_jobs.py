"""The monthly and yearly computations run in a background job (queue_job) from the form's buttons."""
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.queue_job.job import Job
from odoo.addons.queue_job.tests.common import trap_jobs

from .common import AssessmentCase


@tagged("post_install", "-at_install")
class TestBackgroundJobs(AssessmentCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.generate_march()

    def test_month_computed_in_a_job(self):
        month = self.march().with_user(self.assessor)
        with self.assertRaises(AccessError):
            month.with_user(self.clerk).action_compute_background()
        with trap_jobs() as trap:
            action = month.action_compute_background()
            self.assertEqual(action["tag"], "display_notification")
            trap.assert_jobs_count(1)
            trap.assert_enqueued_job(month._gov_job_run, args=("action_compute", action["params"]["title"]),
                                     properties={"channel": "root.gov"})
            self.assertEqual(month.state, "draft", "nothing is computed in the request")
            trap.perform_enqueued_jobs()
        month.invalidate_recordset()
        self.assertEqual(month.state, "computed")
        self.assertAlmostEqual(month.staff_line_ids.filtered(lambda l: l.employee_id == self.emp_a).score, 76.0)
        self.assertIn(action["params"]["title"], month.message_ids[0].body)
        # a computed month sent to the leader cannot be recomputed, in the request already
        month.action_submit()
        with self.assertRaisesRegex(UserError, "draft or computed"), trap_jobs() as trap:
            month.action_compute_background()
        trap.assert_jobs_count(0)

    def test_stored_job_shown_to_its_user(self):
        month = self.march().with_user(self.assessor)
        month.action_compute_background()
        job_record = month.gov_job_id
        self.assertTrue(job_record)
        self.assertEqual(month.gov_job_state, "pending")
        # the assessor reads its own job (state, times, result), nobody else's
        self.assertEqual(job_record.with_user(self.assessor).state, "pending")
        other = new_test_user(self.env, login="t_other_assessor", groups="gov_hall_base.group_gov_assessor",
                              company_id=self.center.id, company_ids=[(6, 0, self.center.ids)])
        with self.assertRaises(AccessError):
            job_record.with_user(other).read(["state"])
        with self.assertRaises(AccessError):
            job_record.with_user(self.assessor).write({"state": "done"})
        # the job link is the action's only: a client cannot point a record at another job
        with self.assertRaises(AccessError):
            month.write({"gov_job_id": False})
        # the job runs as the assessor, the form then shows it done
        job = Job.load(self.env, job_record.uuid)
        job.set_started()
        job.perform()
        job.set_done()
        job.store()
        self.assertEqual(month.state, "computed")
        self.assertEqual(month.gov_job_state, "done")
        self.assertEqual(job_record.user_id, self.assessor)
        action = month.action_open_gov_job()
        self.assertEqual((action["res_model"], action["res_id"]), ("queue.job", job_record.id))

    def test_year_computed_in_a_job(self):
        month = self.march()
        month.action_compute()
        month.action_submit()
        month.with_user(self.leader).action_approve()
        year = self.env["gov.assessment.year"].with_user(self.assessor).create(
            {"company_id": self.center.id, "year": 2026})
        with self.assertRaises(AccessError):
            year.with_user(self.clerk).action_compute_background()
        with trap_jobs() as trap:
            year.action_compute_background()
            trap.assert_jobs_count(1)
            self.assertFalse(year.line_ids)
            trap.perform_enqueued_jobs()
        self.assertEqual(year.state, "review")
        self.assertEqual(len(year.line_ids), 3)
