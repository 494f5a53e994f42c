from odoo import models


class ReportTradingXlsx(models.AbstractModel):
    _name = "report.gov_public_resource_trading.report_trading_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Trading Statistics XLSX"

    def generate_xlsx_report(self, workbook, data, projects):
        _ = self.env._
        bold = workbook.add_format({"bold": True})
        money = workbook.add_format({"num_format": "#,##0.00"})
        pct = workbook.add_format({"num_format": "0.00"})
        sheet = workbook.add_worksheet(_("Projects"))
        heads = [_("Project Number"), _("Project Name"), _("Center"), _("Kind"), _("Method"), _("Registered On"),
                 _("Estimate / Budget"), _("Award Amount"), _("Saving"), _("Saving Rate (%)")]
        for col, head in enumerate(heads):
            sheet.write(0, col, head, bold)
        kinds = dict(projects._fields["kind"]._description_selection(self.env))
        methods = dict(projects._fields["method"]._description_selection(self.env))
        for row, p in enumerate(projects, start=1):
            sheet.write(row, 0, p.code)
            sheet.write(row, 1, p.name)
            sheet.write(row, 2, p.company_id.name)
            sheet.write(row, 3, kinds.get(p.kind, ""))
            sheet.write(row, 4, methods.get(p.method, ""))
            sheet.write(row, 5, str(p.date_registered or ""))
            sheet.write_number(row, 6, p.estimate_amount or 0.0, money)
            sheet.write_number(row, 7, p.award_amount or 0.0, money)
            sheet.write_number(row, 8, p.saving_amount or 0.0, money)
            sheet.write_number(row, 9, p.saving_rate or 0.0, pct)
        sheet.set_column(0, 0, 14)
        sheet.set_column(1, 1, 40)
        sheet.set_column(2, 9, 16)
        # summary by kind and method (set-based)
        summary = workbook.add_worksheet(_("Summary"))
        for col, head in enumerate([_("Kind"), _("Method"), _("Projects"), _("Estimate / Budget"),
                                    _("Award Amount"), _("Saving Rate (%)")]):
            summary.write(0, col, head, bold)
        groups = self.env["gov.trading.project"]._read_group(
            [("id", "in", projects.ids)], ["kind", "method"], ["__count", "estimate_amount:sum", "award_amount:sum",
                                                                "saving_amount:sum"])
        for row, (kind, method, count, est, award, saving) in enumerate(groups, start=1):
            summary.write(row, 0, kinds.get(kind, ""))
            summary.write(row, 1, methods.get(method, ""))
            summary.write_number(row, 2, count)
            summary.write_number(row, 3, est or 0.0, money)
            summary.write_number(row, 4, award or 0.0, money)
            base = (award or 0.0) + (saving or 0.0)
            summary.write_number(row, 5, (saving / base * 100.0) if base else 0.0, pct)
