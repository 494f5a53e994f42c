"""The opening record of a large opening is rendered and published in a background job (queue_job)."""
from datetime import timedelta

from odoo.tests import tagged
from odoo.tests.common import freeze_time

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import TradingCase


@tagged("post_install", "-at_install")
class TestOpeningRecordJob(TradingCase):

    def setUp(self):
        super().setUp()
        self.project, self.lot = self.make_project()
        self.publish(self.lot)
        self.regs = self.register(self.lot, self.bidders)

    def _open_and_decrypt(self):
        # four bids, three decrypted: the staff closes the decryption after its window
        keys = [self.seal_bid(reg, price) for reg, price in zip(self.regs, (12_000_000, 11_800_000, 12_200_000,
                                                                         11_900_000))]
        self.open_lot(self.lot)
        with freeze_time(self.lot.date_opened + timedelta(minutes=5)):
            for bid, key in keys[:3]:
                self.decrypt(bid, key)

    def records(self):
        return self.project.announcement_ids.filtered(lambda a: a.kind == "opening")

    def test_large_opening_publishes_its_record_in_a_job(self):
        # every lot of 4 bids or more counts as large here (50 by default)
        self.env["ir.config_parameter"].sudo().set_param(
            "gov_public_resource_trading.opening_record_job_bids", "3")
        self._open_and_decrypt()
        with trap_jobs() as trap, freeze_time(self.lot.date_decrypt_end + timedelta(seconds=1)):
            self.lot.action_close_decryption()
            self.assertEqual(self.lot.state, "evaluation")
            trap.assert_jobs_count(1)
            job = trap.enqueued_jobs[0]
            self.assertEqual((job.recordset, job.method_name, job.args[0], job.channel),
                             (self.lot, "_gov_job_run", "_publish_opening_record_job", "root.gov"))
            self.assertFalse(self.records(), "the PDF is not rendered in the request")
            trap.perform_enqueued_jobs()
        record = self.records()
        self.assertTrue(record.is_published)
        self.assertTrue(record.attachment_id)
        # the job published once: running it again adds nothing
        self.lot._publish_opening_record_job()
        self.assertEqual(len(self.records()), 1)

    def test_small_opening_publishes_at_once(self):
        self._open_and_decrypt()
        with trap_jobs() as trap, freeze_time(self.lot.date_decrypt_end + timedelta(seconds=1)):
            self.lot.action_close_decryption()
        trap.assert_jobs_count(0)
        self.assertTrue(self.records().attachment_id)
