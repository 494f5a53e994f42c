from odoo import models

from odoo.addons.gov_hall_base.tools.lang import center_env

DIMENSIONS = ["company_id", "channel", "zone_id", "department_id", "window_id", "clerk_id", "item_id",
              "date_received:month"]
COLUMNS = ["received", "accepted", "completed", "on_time", "on_time_rate", "working_days", "overdue", "rated",
           "satisfied", "satisfaction_rate", "handled_at_window", "window_share"]


class CaseStatisticsXlsx(models.AbstractModel):
    _name = "report.gov_hall_intake.case_statistics_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Case Statistics (XLSX)"

    def _labels(self, _):
        """Sheet and column titles, translated by ``_``."""
        dimensions = {
            "company_id": _("Service Center"), "channel": _("Channel"), "zone_id": _("Zone"), "department_id": _("Department"),
            "window_id": _("Window"), "clerk_id": _("Clerk"), "item_id": _("Service Item"),
            "date_received:month": _("Month"),
        }
        columns = {
            "received": _("Cases Received"), "accepted": _("Accepted Cases"), "completed": _("Completed"),
            "on_time": _("Cases Completed on Time"), "on_time_rate": _("On-Time Rate (%)"),
            "working_days": _("Average Working Days"), "overdue": _("Overdue Cases"), "rated": _("Rated"),
            "satisfied": _("Satisfied Ratings"), "satisfaction_rate": _("Satisfaction Rate (%)"),
            "handled_at_window": _("Decided at the Window"), "window_share": _("Share Decided at the Window (%)"),
        }
        return dimensions, columns

    def generate_xlsx_report(self, workbook, data, objs):
        wizard = objs[:1]
        # the workbook reads in the center's language, like the documents the center prints
        _ = center_env(wizard or self).env._
        dim_labels, col_labels = self._labels(_)
        domain = wizard._domain() if wizard else []
        Report = self.env["gov.hall.case.report"]
        # the channel reads as its label in the center's language (the report's column is the case's field)
        selections = {"channel": dict(self.env["gov.hall.case"]._fields["stat_channel"]._description_selection(
            center_env(wizard or self).env))}
        bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
        cell = workbook.add_format({"border": 1})
        title = workbook.add_format({"bold": True, "font_size": 14})
        dims = wizard._dimensions() if wizard else ["department_id", "date_received:month"]
        sheets = [(_("Summary"), [])] + [(dim_labels[d].replace("/", ""), [d]) for d in dims]
        for sheet_name, groupby in sheets:
            sheet = workbook.add_worksheet(sheet_name)
            heading = (_("Government Service Case Statistics by %(dimension)s", dimension=sheet_name) if groupby
                       else _("Government Service Case Statistics"))
            sheet.write(0, 0, heading, title)
            if wizard:
                sheet.write(1, 0, _("Period: %(start)s to %(end)s", start=wizard.date_from or "",
                                    end=wizard.date_to or ""))
            headers = [dim_labels[g] for g in groupby] + [col_labels[key] for key in COLUMNS]
            for col, label in enumerate(headers):
                sheet.write(3, col, label, bold)
                sheet.set_column(col, col, 16)
            for r, row in enumerate(Report._statistics(domain, groupby), start=4):
                col = 0
                for g in groupby:
                    value = row[g]
                    if g in selections:
                        value = selections[g].get(value, value or "")
                    sheet.write(r, col, value.display_name if hasattr(value, "display_name") else str(value or ""),
                                cell)
                    col += 1
                for key in COLUMNS:
                    sheet.write(r, col, row[key], cell)
                    col += 1
        # per-clerk yearly volume against the target (seed 001: 3,000 -> 6,000 a year)
        sheet = workbook.add_worksheet(_("Cases per Clerk"))
        headers = [_("Clerk"), _("Year"), _("Cases Received"), _("Yearly Target"), _("Completion (%)")]
        for col, label in enumerate(headers):
            sheet.write(0, col, label, bold)
            sheet.set_column(col, col, 16)
        for r, row in enumerate(Report._statistics(domain, ["clerk_id", "date_received:year"]), start=1):
            target = row["clerk_id"].company_id.gov_clerk_yearly_target or 6000
            year = row["date_received:year"]
            sheet.write(r, 0, row["clerk_id"].name or "", cell)
            sheet.write(r, 1, str(year.year if year else ""), cell)
            sheet.write(r, 2, row["received"], cell)
            sheet.write(r, 3, target, cell)
            sheet.write(r, 4, round(100.0 * row["received"] / target, 1), cell)
