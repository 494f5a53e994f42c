"""XLSX export of complaint statistics (by channel, kind, department, window, outcome, month, path)."""
from odoo import models


class GovComplaintXlsx(models.AbstractModel):
    _name = "report.gov_complaints.complaint_statistics_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Complaint Statistics XLSX"

    def generate_xlsx_report(self, workbook, data, complaints):
        _ = self.env._
        Complaint = self.env["gov.complaint"]
        bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        cell = workbook.add_format({"border": 1})
        pct = workbook.add_format({"border": 1, "num_format": "0.0"})
        domain = [("id", "in", complaints.ids)]

        def labels(field):
            return dict(Complaint._fields[field]._description_selection(self.env))

        # sheet 1: the complaints themselves (no complainant identity)
        sheet = workbook.add_worksheet(_("Complaints"))
        heads = [_("Complaint No."), _("Received"), _("Channel"), _("Kind"), _("Subject"), _("Department"),
                 _("Window"), _("Staff Member"), _("Path"), _("Status"), _("Deadline"), _("Substantiated"),
                 _("Fault Borne By"), _("Person Accountable"), _("Handled on Time")]
        sheet.write_row(0, 0, heads, bold)
        ch, ki, pa, st, fh = (labels(f) for f in ("channel", "kind", "path", "state", "fault_holder"))
        for row, c in enumerate(complaints, start=1):
            sheet.write_row(row, 0, [
                c.name, str(c.date_received_day or ""), ch.get(c.channel, ""), ki.get(c.kind, ""), c.title,
                c.department_id.name or "", c.window_id.name or "", c.employee_id.name or "",
                pa.get(c.path, ""), st.get(c.state, ""), str(c.deadline or ""),
                _("Yes") if c.substantiated else _("No"), fh.get(c.fault_holder, ""),
                c.fault_employee_id.name or "", _("Yes") if c.on_time else _("No"),
            ], cell)
        sheet.set_column(0, 0, 16)
        sheet.set_column(4, 4, 30)
        sheet.set_column(5, 7, 16)

        # sheet 2: statistics
        stats = workbook.add_worksheet(_("Statistics"))
        row = 0

        def block(title, groupby, label_of, extra=None):
            nonlocal row
            stats.write_row(row, 0, [title, _("Complaints"), _("Substantiated"), _("On-Time Rate (%)")], bold)
            row += 1
            for key, count, subst, rate in Complaint._read_group(
                    domain + (extra or []), [groupby], ["__count", "substantiated_count:sum", "on_time_rate:avg"]):
                stats.write(row, 0, label_of(key), cell)
                stats.write(row, 1, count, cell)
                stats.write(row, 2, subst or 0, cell)
                stats.write(row, 3, rate or 0.0, pct)
                row += 1
            row += 1

        block(_("Channel"), "channel", lambda k: ch.get(k, ""))
        block(_("Kind"), "kind", lambda k: ki.get(k, ""))
        block(_("Department"), "department_id", lambda k: k.name or _("Not specified"))
        block(_("Window"), "window_id", lambda k: k.name or _("Not specified"))
        block(_("Outcome"), "substantiated", lambda k: _("Substantiated") if k else _("Not substantiated"))
        block(_("Month"), "date_received:month", lambda k: k.strftime("%Y-%m") if k else "")
        block(_("Handling Path (closed complaints)"), "path", lambda k: pa.get(k, _("Not specified")),
              extra=[("state", "=", "closed")])
        stats.set_column(0, 0, 28)
        stats.set_column(1, 3, 14)
