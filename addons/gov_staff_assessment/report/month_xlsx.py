from odoo import models


class MonthXlsx(models.AbstractModel):
    _name = "report.gov_staff_assessment.month_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Monthly Rankings XLSX"

    def generate_xlsx_report(self, workbook, data, months):
        _ = self.env._
        yes = _("Yes")
        bold = workbook.add_format({"bold": True, "bg_color": "#EEEEEE", "border": 1})
        num = workbook.add_format({"num_format": "0.00", "border": 1})
        cell = workbook.add_format({"border": 1})
        for month in months:
            label = month.date_from.strftime("%Y-%m")
            sheet = workbook.add_worksheet(f"{_('Windows')} {label}"[:31])
            heads = [_("Rank"), _("Window"), _("Department"), _("Score"), _("Deductions"), _("Additions"), _("Ratings"),
                     _("Satisfaction (%)"), _("Cases Handled"), _("Substantiated Complaints"), _("Red-Flag Window")]
            sheet.write_row(0, 0, heads, bold)
            for row, line in enumerate(month.window_line_ids.sorted("rank"), start=1):
                sheet.write_row(row, 0, [line.rank, line.window_id.name, line.department_id.name or ""], cell)
                sheet.write_row(row, 3, [line.score, line.deduction, line.addition], num)
                sheet.write_row(row, 6, [line.ratings_count, line.satisfaction, line.volume, line.complaint_count,
                                         yes if line.is_red_flag else ""], cell)
            sheet.set_column(1, 2, 22)
            sheet = workbook.add_worksheet(f"{_('Staff')} {label}"[:31])
            heads = [_("Rank"), _("Staff Member"), _("Department"), _("Window"), _("Score"), _("Deductions"),
                     _("Additions"), _("Ratings"), _("Satisfaction (%)"), _("Cases Handled"),
                     _("Substantiated Complaints"), _("Service Star")]
            sheet.write_row(0, 0, heads, bold)
            for row, line in enumerate(month.staff_line_ids.sorted("rank"), start=1):
                sheet.write_row(row, 0, [line.rank, line.employee_id.name, line.department_id.name or "",
                                         line.window_id.name or ""], cell)
                sheet.write_row(row, 4, [line.score, line.deduction, line.addition], num)
                sheet.write_row(row, 7, [line.ratings_count, line.satisfaction, line.volume, line.complaint_count,
                                         yes if line.is_star else ""], cell)
            sheet.set_column(1, 3, 18)
