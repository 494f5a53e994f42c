"""A large statistics export runs in a background job (queue_job) and arrives in the user's inbox."""
import io

from odoo.tests import tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import GovIntakeCase


@tagged("post_install", "-at_install")
class TestBackgroundExport(GovIntakeCase):

    def test_export_in_the_background(self):
        import openpyxl

        self.decided_case()
        wizard = self.env["gov.hall.statistics.wizard"].with_user(self.supervisor).create({})
        with trap_jobs() as trap:
            action = wizard.action_export_background()
            self.assertEqual(action["tag"], "display_notification")
            trap.assert_jobs_count(1)
            job = trap.enqueued_jobs[0]
            self.assertEqual((job.method_name, job.args[0], job.channel), ("_gov_job_run", "_export_to_inbox", "root.gov"))
            self.assertEqual(job.user_id, self.supervisor.id)
            trap.perform_enqueued_jobs()
        partner = self.supervisor.partner_id
        message = self.env["mail.message"].search([("model", "=", "res.partner"), ("res_id", "=", partner.id),
                                                   ("partner_ids", "in", partner.ids)], order="id desc", limit=1)
        self.assertTrue(message, "the export is notified to the user's inbox")
        self.assertEqual(len(message.attachment_ids), 1)
        book = openpyxl.load_workbook(io.BytesIO(message.attachment_ids.raw))
        self.assertGreaterEqual(len(book.sheetnames), 2)
        # the stored job is shown on the wizard and belongs to the user
        wizard2 = self.env["gov.hall.statistics.wizard"].with_user(self.supervisor).create({})
        wizard2.action_export_background()
        self.assertEqual(wizard2.gov_job_state, "pending")
        self.assertEqual(wizard2.gov_job_id.user_id, self.supervisor)
