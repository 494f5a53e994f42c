from odoo import models

DIMENSIONS = {
    "company_id": "服务中心", "zone_id": "功能区", "department_id": "部门", "window_id": "窗口",
    "clerk_id": "受理人员", "item_id": "事项", "date_received:month": "月份",
}
COLUMNS = [
    ("received", "收件数"), ("accepted", "受理数"), ("completed", "办结数"), ("on_time", "按时办结数"),
    ("on_time_rate", "按时办结率(%)"), ("working_days", "平均办理工作日"), ("overdue", "超期数"),
    ("rated", "评价数"), ("satisfied", "满意评价数"), ("satisfaction_rate", "满意率(%)"),
    ("handled_at_window", "窗口即办数"), ("window_share", "受办理一体化占比(%)"),
]


class CaseStatisticsXlsx(models.AbstractModel):
    _name = "report.gov_hall_intake.case_statistics_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Case Statistics (XLSX)"

    def generate_xlsx_report(self, workbook, data, objs):
        wizard = objs[:1]
        domain = wizard._domain() if wizard else []
        Report = self.env["gov.hall.case.report"]
        bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
        cell = workbook.add_format({"border": 1})
        title = workbook.add_format({"bold": True, "font_size": 14})
        dims = wizard._dimensions() if wizard else ["department_id", "date_received:month"]
        sheets = [("汇总", [])] + [(DIMENSIONS[d].replace("/", ""), [d]) for d in dims]
        for sheet_name, groupby in sheets:
            sheet = workbook.add_worksheet(sheet_name)
            sheet.write(0, 0, "政务服务办件统计" + (f"(按{sheet_name})" if groupby else ""), title)
            if wizard:
                sheet.write(1, 0, f"统计期间:{wizard.date_from or ''} 至 {wizard.date_to or ''}")
            headers = [DIMENSIONS[g] for g in groupby] + [label for _k, label in COLUMNS]
            for col, label in enumerate(headers):
                sheet.write(3, col, label, bold)
                sheet.set_column(col, col, 16)
            for r, row in enumerate(Report._statistics(domain, groupby), start=4):
                col = 0
                for g in groupby:
                    value = row[g]
                    sheet.write(r, col, value.display_name if hasattr(value, "display_name") else str(value or ""),
                                cell)
                    col += 1
                for key, _label in COLUMNS:
                    sheet.write(r, col, row[key], cell)
                    col += 1
        # per-clerk yearly volume against the target (seed 001: 3,000 -> 6,000 a year)
        sheet = workbook.add_worksheet("人均受理量")
        headers = ["受理人员", "年度", "收件数", "年度目标", "完成比例(%)"]
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
