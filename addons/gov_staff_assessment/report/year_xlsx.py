from odoo import models


class YearXlsx(models.AbstractModel):
    _name = "report.gov_staff_assessment.year_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Yearly Rankings XLSX"

    def generate_xlsx_report(self, workbook, data, years):
        _ = self.env._
        bold = workbook.add_format({"bold": True, "bg_color": "#EEEEEE", "border": 1})
        num = workbook.add_format({"num_format": "0.00", "border": 1})
        cell = workbook.add_format({"border": 1})
        for year in years:
            grades = dict(year.line_ids._fields["grade"]._description_selection(year.env))
            states = dict(year.line_ids._fields["state"]._description_selection(year.env))
            sheet = workbook.add_worksheet(f"{year.year} {_('Staff')}"[:31])
            sheet.write_row(0, 0, [_("Rank"), _("Staff Member"), _("Home Department"), _("Months"), _("Average of the Months"),
                                   _("Review Score"), _("Final Score"), _("Grade"), _("Status")], bold)
            for row, line in enumerate(year.line_ids.sorted("rank"), start=1):
                sheet.write_row(row, 0, [line.rank, line.employee_id.name, line.department_id.name or "",
                                         line.months_count], cell)
                sheet.write_row(row, 4, [line.month_score, line.review_score, line.final_score], num)
                sheet.write_row(row, 7, [grades.get(line.grade, ""), states.get(line.state, "")], cell)
            sheet.set_column(1, 2, 20)
            sheet = workbook.add_worksheet(f"{year.year} {_('Departments')}"[:31])
            sheet.write_row(0, 0, [_("Department"), _("Windows"), _("Staff"), _("Window Score"),
                                   _("Component of the Department's Assessment (10%)")], bold)
            for row, dep in enumerate(year.department_line_ids, start=1):
                sheet.write_row(row, 0, [dep.department_id.name, dep.window_count, dep.staff_count], cell)
                sheet.write_row(row, 3, [dep.window_score, dep.component], num)
            sheet.set_column(0, 0, 24)
