import subprocess
import tempfile
import unicodedata

from odoo.tests import tagged

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestReports(ComplaintCase):
    def _closed(self):
        c = self._complaint()
        c.action_register()
        c.spot_answer = "当场说明所缺材料，窗口负责人致歉。"
        c.action_answer_on_spot()
        c.write({"satisfaction": "satisfied", "substantiated": True, "fault_type": "negligent",
                 "fault_form": "act", "fault_holder": "handler"})
        c.action_close()
        return c

    def _pdf_text(self, report, ids):
        pdf, _ = self.env["ir.actions.report"].with_context(lang="zh_CN", force_report_rendering=True)._render_qweb_pdf(report, ids)
        with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
            f.write(pdf)
            f.flush()
            out = subprocess.run(["pdftotext", f.name, "-"], capture_output=True, check=True).stdout.decode()
        return unicodedata.normalize("NFKC", out)

    def test_reply_letter_pdf(self):
        c = self._closed()
        text = self._pdf_text("gov_complaints.action_report_complaint_reply", c.ids)
        self.assertIn(unicodedata.normalize("NFKC", "投诉处理答复函"), text)
        self.assertIn(c.name, text)
        self.assertIn("赵先生", text)

    def test_registration_form_pdf(self):
        c = self._closed()
        text = self._pdf_text("gov_complaints.action_report_complaint_registration", c.ids)
        self.assertIn(unicodedata.normalize("NFKC", "投诉登记表"), text)
        self.assertIn("13907930001", text)

    def test_circular_and_xlsx(self):
        c = self._closed()
        month = c.date_received_day.strftime("%Y-%m")
        circular = self.env["gov.complaint.circular"].with_user(self.supervisor).create(
            {"company_id": self.center.id, "month": month})
        stats = circular._stats()
        self.assertEqual(stats["total"], 1)
        self.assertEqual(stats["substantiated"], c)
        text = self._pdf_text("gov_complaints.action_report_complaint_circular", circular.ids)
        self.assertIn(unicodedata.normalize("NFKC", "效能投诉情况通报"), text)
        xlsx, fmt = self.env["ir.actions.report"]._render("gov_complaints.action_report_complaint_xlsx", c.ids)
        self.assertEqual(fmt, "xlsx")
        self.assertTrue(xlsx.startswith(b"PK"))
        import io  # noqa: PLC0415

        import openpyxl  # noqa: PLC0415

        book = openpyxl.load_workbook(io.BytesIO(xlsx))
        complaints_sheet, stats_sheet = book.worksheets
        self.assertEqual(complaints_sheet.cell(2, 1).value, c.name)
        rows = [[cell.value for cell in row] for row in stats_sheet.iter_rows()]
        channel_label = dict(c._fields["channel"]._description_selection(self.env))["desk"]
        self.assertIn([channel_label, 1, 1, 100.0], rows, "by channel: 1 complaint, 1 substantiated, 100% on time")

    def test_circular_month_format(self):
        with self.assertRaisesRegex(Exception, "YYYY-MM"):
            self.env["gov.complaint.circular"].create({"company_id": self.center.id, "month": "十月"})
