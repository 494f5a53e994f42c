"""The issued monthly circular is printed in a background job (queue_job) and kept in its chatter."""
from odoo.tests import tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestCircularJob(ComplaintCase):

    def test_issued_circular_printed_in_a_job(self):
        self._complaint()
        circular = self.env["gov.complaint.circular"].with_user(self.supervisor).create(
            {"company_id": self.center.id, "month": "2026-02"})
        with trap_jobs() as trap:
            circular.action_issue()
            self.assertEqual(circular.state, "issued")
            trap.assert_jobs_count(1)
            trap.assert_enqueued_job(circular._gov_job_run, args=(
                "_attach_circular_pdf", "Circular PDF: %s" % circular.name), properties={"channel": "root.gov"})
            self.assertFalse(circular.message_ids.attachment_ids)
            trap.perform_enqueued_jobs()
        circular.invalidate_recordset()
        pdf = circular.message_ids.attachment_ids
        self.assertEqual(len(pdf), 1)
        self.assertIn("2026", pdf.name)
        self.assertIn("Background job done", circular.message_ids[0].body)
        # the stored job: linked to the circular, shown on its form, run as the officer
        circular2 = self.env["gov.complaint.circular"].with_user(self.supervisor).create(
            {"company_id": self.center.id, "month": "2026-03"})
        circular2.action_issue()
        self.assertEqual(circular2.gov_job_state, "pending")
        self.assertEqual(circular2.gov_job_id.user_id, self.supervisor)
