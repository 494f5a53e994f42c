"""Writes the spreadsheet dashboards of the addon (data/files/*_dashboard.json): run it after changing a
dashboard here, then update the .po with their texts (every `_t("...")`, chart title and filter label).
    python3 addons/gov_hall_dashboard/data/build_dashboards.py
Each light of the electronic supervision has its own measure (a pivot value per colour and its own data set
with a fixed colour), so green stays green even when no record is yellow or red."""
import json
import os
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
NS = uuid.UUID("6f1c2b64-6a1e-4d7e-9a40-9b1f5c4e2d10")
GREEN, YELLOW, RED = "#2E7D32", "#F9A825", "#C62828"
OPEN_CASE = [["state", "in", ["accepted", "to_approve"]]]
COLS = "ABCDEFGHIJ"


def uid(*parts):
    return str(uuid.uuid5(NS, "/".join(parts)))


class Sheetbook:
    def __init__(self, name):
        self.name = name
        self.pivots, self.lists, self.filters = {}, {}, []
        self.cells, self.data, self.figures = {}, {}, []
        self.styles = {}
        self.data_formats = {}
        self.matching = {}  # filter id -> {model: field}

    # -- global filters --------------------------------------------------------------------------------
    def date_filter(self, label, default="last_12_months"):
        fid = uid(self.name, "filter", label)
        self.filters.append({"id": fid, "type": "date", "label": label, "defaultValue": default})
        return fid

    def relation_filter(self, label, model):
        fid = uid(self.name, "filter", label)
        self.filters.append({"id": fid, "type": "relation", "label": label, "modelName": model,
                             "defaultValueDisplayNames": []})
        return fid

    def fields_for(self, model, chains):
        """``chains``: {filter id: (field chain, type)} for ``model``."""
        return {fid: ({"chain": chain, "type": ftype, "offset": 0} if ftype in ("date", "datetime")
                      else {"chain": chain, "type": ftype}) for fid, (chain, ftype) in chains.items()}

    # -- data sources ----------------------------------------------------------------------------------
    def pivot(self, model, name, rows=(), cols=(), measures=("__count",), domain=(), matching=None):
        pid = str(len(self.pivots) + 1)
        self.pivots[pid] = {
            "type": "ODOO", "id": pid, "formulaId": pid, "name": name, "model": model,
            "domain": list(domain), "context": {},
            "measures": [{"id": m, "fieldName": m} for m in measures],
            "rows": [{"fieldName": r.split(":")[0], **({"granularity": r.split(":")[1]} if ":" in r else {})}
                     for r in rows],
            "columns": [{"fieldName": c} for c in cols],
            "fieldMatching": matching or {},
        }
        return pid

    def list(self, model, name, columns, domain=(), order=(), matching=None):
        lid = str(len(self.lists) + 1)
        self.lists[lid] = {
            "id": lid, "name": name, "model": model, "columns": list(columns), "domain": list(domain),
            "context": {}, "orderBy": [{"name": f, "asc": asc} for f, asc in order],
            "fieldMatching": matching or {},
        }
        return lid

    # -- figures ---------------------------------------------------------------------------------------
    def scorecard(self, title, key_cell, x, y, background="#EFF6FF", width=220):
        fid = uid(self.name, "scorecard", title)
        self.figures.append({
            "id": fid, "width": width, "height": 104, "tag": "chart", "col": 0, "row": 0,
            "offset": {"x": x, "y": y},
            "data": {"type": "scorecard", "title": {"text": title, "bold": True, "color": "#434343"},
                     "background": background, "keyValue": key_cell, "humanize": False,
                     "baselineColorDown": "#DC6965", "baselineColorUp": "#00A04A", "baselineMode": "difference",
                     "chartId": fid}})

    def native_chart(self, kind, title, label_range, datasets, x, y, width=1000, height=340, stacked=False,
                     legend="top"):
        fid = uid(self.name, "chart", title)
        self.figures.append({
            "id": fid, "width": width, "height": height, "tag": "chart", "col": 0, "row": 0,
            "offset": {"x": x, "y": y},
            "data": {"type": kind, "title": {"text": title, "bold": True, "color": "#01666b"},
                     "dataSetsHaveTitle": True, "labelRange": label_range, "dataSets": datasets,
                     "legendPosition": legend, "stacked": stacked, "aggregated": False, "labelsAsText": True,
                     "background": "#FFFFFF", "chartId": fid}})

    def odoo_chart(self, kind, title, model, group_by, measure, x, y, domain=(), width=490, height=340,
                   matching=None, legend="none"):
        fid = uid(self.name, "odoochart", title)
        self.figures.append({
            "id": fid, "width": width, "height": height, "tag": "chart", "col": 0, "row": 0,
            "offset": {"x": x, "y": y},
            "data": {"type": kind, "title": {"text": title, "bold": True, "color": "#01666b"},
                     "background": "#FFFFFF", "legendPosition": legend, "dataSets": [{}],
                     "metaData": {"groupBy": list(group_by), "measure": measure, "order": None, "resModel": model,
                                  "mode": kind.replace("odoo_", ""), "cumulatedStart": False},
                     "searchParams": {"comparison": None, "context": {}, "domain": list(domain),
                                      "groupBy": list(group_by), "orderBy": []},
                     "verticalAxisPosition": "left", "stacked": False, "chartId": fid,
                     "fieldMatching": matching or {}}})

    # -- cells -----------------------------------------------------------------------------------------
    def title(self, cell, text):
        self.cells[cell] = f'=_t("{text}")'
        self.styles[cell] = 1

    def list_table(self, lid, columns, row, rows=10, first_col=0, marks=None):
        """A list's header and ``rows`` lines from the sheet's ``row`` (1-based). ``marks`` maps a boolean
        field to the sign shown where it is set (the spreadsheet writes TRUE/FALSE otherwise)."""
        marks = marks or {}
        for i, field in enumerate(columns):
            col = COLS[first_col + i]
            self.cells[f"{col}{row}"] = f'=ODOO.LIST.HEADER({lid},"{field}")'
            self.styles[f"{col}{row}"] = 2
            for n in range(1, rows + 1):
                value = f'ODOO.LIST({lid},{n},"{field}")'
                self.cells[f"{col}{row + n}"] = (f'=IF({value},"{marks[field]}","")' if field in marks
                                                 else f"={value}")

    def dump(self, filename):
        sheets = [
            {"id": "sheet1", "name": "Dashboard", "colNumber": 8, "rowNumber": 120,
             "rows": {}, "cols": {"0": {"size": 230}, "1": {"size": 230}, "2": {"size": 170}, "3": {"size": 170},
                                  "4": {"size": 140}, "5": {"size": 140}},
             "merges": [], "cells": self.cells, "styles": self.styles, "formats": {}, "borders": {},
             "conditionalFormats": [], "dataValidationRules": [], "figures": self.figures, "tables": [],
             "areGridLinesVisible": False, "isVisible": True, "headerGroups": {}, "comments": {}},
            {"id": "sheet2", "name": "Data", "colNumber": 8, "rowNumber": 60, "rows": {}, "cols": {},
             "merges": [], "cells": self.data, "styles": {}, "formats": self.data_formats, "borders": {},
             "conditionalFormats": [], "dataValidationRules": [], "figures": [], "tables": [],
             "areGridLinesVisible": True, "isVisible": False, "headerGroups": {}, "comments": {}},
        ]
        doc = {
            "version": "18.5.10", "sheets": sheets,
            "styles": {"1": {"textColor": "#01666b", "bold": True, "fontSize": 16},
                       "2": {"textColor": "#434343", "bold": True, "fontSize": 11, "fillColor": "#f2f2f2"}},
            "formats": {"1": "0.0%", "2": "#,##0.00", "3": "0"}, "borders": {}, "revisionId": "START_REVISION",
            "uniqueFigureIds": True, "settings": {}, "pivots": self.pivots, "pivotNextId": len(self.pivots) + 1,
            "customTableStyles": {}, "globalFilters": self.filters, "lists": self.lists,
            "listNextId": len(self.lists) + 1, "chartOdooMenusReferences": {},
        }
        with open(os.path.join(HERE, "files", filename), "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False, indent=1)
            f.write("\n")


def supervision():
    b = Sheetbook("supervision")
    center = b.relation_filter("Center", "res.company")
    dept = b.relation_filter("Department", "hr.department")
    period = b.date_filter("Received", default="last_12_months")
    case_match = b.fields_for("gov.hall.case", {center: ("company_id", "many2one"),
                                                 dept: ("department_id", "many2one")})
    trend_match = b.fields_for("gov.hall.case", {center: ("company_id", "many2one"),
                                                  dept: ("department_id", "many2one"),
                                                  period: ("date_received", "datetime")})
    lights = b.pivot("gov.hall.case", "Open cases by department and light", rows=["department_id"],
                     cols=["supervision_color"], domain=OPEN_CASE, matching=case_match)
    totals = b.pivot("gov.hall.case", "Open cases by light", cols=["supervision_color"], domain=OPEN_CASE,
                     matching=case_match)
    # Data: one column per light, whatever lights the records have
    b.data["A1"] = '=_t("Department")'
    for col, light, label in (("B", "green", "Green"), ("C", "yellow", "Yellow"), ("D", "red", "Red")):
        b.data[f"{col}1"] = f'=_t("{label}")'
        for n in range(1, 21):
            b.data[f"{col}{n + 1}"] = (f'=IFERROR(PIVOT.VALUE({lights},"__count","#department_id",{n},'
                                       f'"supervision_color","{light}"),0)')
    for n in range(1, 21):
        b.data[f"A{n + 1}"] = f'=IFERROR(PIVOT.HEADER({lights},"#department_id",{n}),"")'
    b.data["F1"] = '=_t("Open cases")'
    b.data["F2"] = f'=IFERROR(PIVOT.VALUE({totals},"__count"),0)'
    for row, light in ((3, "green"), (4, "yellow"), (5, "red")):
        b.data[f"F{row}"] = f'=IFERROR(PIVOT.VALUE({totals},"__count","supervision_color","{light}"),0)'
    b.scorecard("Open cases", "Data!F2", 0, 10)
    b.scorecard("Green: on track", "Data!F3", 240, 10, background="#E8F5E9")
    b.scorecard("Yellow: close to the deadline", "Data!F4", 480, 10, background="#FFF8E1")
    b.scorecard("Red: overdue", "Data!F5", 720, 10, background="#FFEBEE")
    b.native_chart("bar", "Open cases by department and light", "Data!A1:A21",
                   [{"dataRange": "Data!B1:B21", "backgroundColor": GREEN, "yAxisId": "y"},
                    {"dataRange": "Data!C1:C21", "backgroundColor": YELLOW, "yAxisId": "y"},
                    {"dataRange": "Data!D1:D21", "backgroundColor": RED, "yAxisId": "y"}],
                   0, 130, width=960, height=360, stacked=True)
    b.odoo_chart("odoo_line", "Cases received per week", "gov.hall.case", ["date_received:week"], "__count",
                 0, 510, width=960, height=300, matching=trend_match)
    b.title("A45", "Overdue cases")
    overdue = b.list("gov.hall.case", "Overdue cases",
                     ["name", "item_id", "department_id", "window_id", "deadline", "applicant_id"],
                     domain=OPEN_CASE + [["is_overdue", "=", True]], order=[("deadline", True)],
                     matching=case_match)
    b.list_table(overdue, ["name", "item_id", "department_id", "window_id", "deadline"], 46, rows=15)
    b.dump("supervision_dashboard.json")


def intake():
    b = Sheetbook("intake")
    center = b.relation_filter("Center", "res.company")
    period = b.date_filter("Received")
    m = b.fields_for("gov.hall.case", {center: ("company_id", "many2one"), period: ("date_received", "datetime")})
    allp = b.pivot("gov.hall.case", "Cases", measures=["__count"], matching=m)
    states = b.pivot("gov.hall.case", "Cases by state", cols=["state"], matching=m)
    ontime = b.pivot("gov.hall.case", "Completed on time", domain=[["on_time", "=", True]], matching=m)
    b.data["A1"] = '=_t("Received")'
    b.data["B1"] = f'=IFERROR(PIVOT.VALUE({allp},"__count"),0)'
    b.data["A2"] = '=_t("Completed")'
    b.data["B2"] = (f'=IFERROR(PIVOT.VALUE({states},"__count","state","decided"),0)'
                    f'+IFERROR(PIVOT.VALUE({states},"__count","state","delivered"),0)')
    b.data["A3"] = '=_t("Not accepted")'
    # a count with no refused case is 0, not an empty cell (+0)
    b.data["B3"] = f'=IFERROR(PIVOT.VALUE({states},"__count","state","refused"),0)+0'
    b.data["A4"] = '=_t("On-time rate")'
    b.data["B4"] = f'=IF(B2=0,"—",IFERROR(PIVOT.VALUE({ontime},"__count"),0)/B2)'
    b.data_formats["B4"] = 1
    b.scorecard("Cases received", "Data!B1", 0, 10)
    b.scorecard("Cases completed", "Data!B2", 240, 10)
    b.scorecard("Not accepted", "Data!B3", 480, 10, background="#FFF7ED")
    b.scorecard("Completed on time", "Data!B4", 720, 10, background="#E8F5E9")
    b.odoo_chart("odoo_bar", "Cases received per month", "gov.hall.case", ["date_received:month"], "__count",
                 0, 130, width=960, height=320, matching=m)
    b.odoo_chart("odoo_pie", "Cases by channel", "gov.hall.case", ["intake_channel"], "__count",
                 0, 470, width=470, height=320, matching=m, legend="top")
    b.odoo_chart("odoo_bar", "Cases by department", "gov.hall.case", ["department_id"], "__count",
                 490, 470, width=470, height=320, matching=m)
    b.dump("intake_dashboard.json")


def trading():
    b = Sheetbook("trading")
    center = b.relation_filter("Center", "res.company")
    period = b.date_filter("Opening date")
    m = b.fields_for("gov.trading.lot", {center: ("company_id", "many2one"),
                                          period: ("date_bid_deadline", "datetime")})
    done = [["state", "in", ["awarded", "contracted"]]]
    monthly = b.pivot("gov.trading.lot", "Awarded lots by month", rows=["date_bid_deadline:month"],
                      measures=["__count", "estimate_amount", "award_amount", "saving_amount"], domain=done,
                      matching=m)
    totals = b.pivot("gov.trading.lot", "Awarded lots", measures=["__count", "estimate_amount", "award_amount",
                                                                   "saving_amount"], domain=done, matching=m)
    sessions = b.pivot("gov.trading.lot", "Lots opened", domain=[["date_opened", "!=", False]], matching=m)
    b.data["A1"] = '=_t("Month")'
    b.data["B1"] = '=_t("Budget")'
    b.data["C1"] = '=_t("Award amount")'
    b.data["D1"] = '=_t("Saving rate")'
    for n in range(1, 13):
        r = n + 1
        b.data[f"A{r}"] = f'=IFERROR(PIVOT.HEADER({monthly},"#date_bid_deadline:month",{n}),"")'
        b.data[f"B{r}"] = f'=IFERROR(PIVOT.VALUE({monthly},"estimate_amount","#date_bid_deadline:month",{n}),"")'
        b.data[f"C{r}"] = f'=IFERROR(PIVOT.VALUE({monthly},"award_amount","#date_bid_deadline:month",{n}),"")'
        b.data[f"D{r}"] = f'=IF(OR(B{r}="",B{r}=0),"",(B{r}-C{r})/B{r})'
    b.data_formats["D2:D13"] = 1
    b.data_formats["B2:C13"] = 2
    b.data["F1"] = f'=IFERROR(PIVOT.VALUE({sessions},"__count"),0)'
    b.data["F2"] = f'=IFERROR(PIVOT.VALUE({totals},"award_amount"),0)'
    b.data["F3"] = f'=IFERROR(PIVOT.VALUE({totals},"estimate_amount"),0)'
    b.data["F4"] = '=IF(F3=0,"—",(F3-F2)/F3)'
    b.data_formats["F2:F3"] = 2
    b.data_formats["F4"] = 1
    b.scorecard("Opening sessions", "Data!F1", 0, 10)
    b.scorecard("Award amount", "Data!F2", 240, 10, width=260)
    b.scorecard("Budget", "Data!F3", 520, 10, width=260)
    b.scorecard("Saving rate", "Data!F4", 800, 10, background="#E8F5E9", width=160)
    b.native_chart("bar", "Budget and award amount by month", "Data!A1:A13",
                   [{"dataRange": "Data!B1:B13", "backgroundColor": "#90A4AE", "yAxisId": "y"},
                    {"dataRange": "Data!C1:C13", "backgroundColor": "#C62828", "yAxisId": "y"}],
                   0, 130, width=960, height=320)
    b.native_chart("line", "Saving rate by month", "Data!A1:A13",
                   [{"dataRange": "Data!D1:D13", "backgroundColor": "#2E7D32", "yAxisId": "y"}],
                   0, 470, width=470, height=300, legend="none")
    b.odoo_chart("odoo_pie", "Lots by trading method", "gov.trading.lot", ["method"], "__count",
                 490, 470, width=470, height=300, matching=m, legend="top")
    b.dump("trading_dashboard.json")


def complaints():
    b = Sheetbook("complaints")
    center = b.relation_filter("Center", "res.company")
    period = b.date_filter("Received")
    m = b.fields_for("gov.complaint", {center: ("company_id", "many2one"), period: ("date_received", "datetime")})
    allp = b.pivot("gov.complaint", "Complaints", matching=m)
    subst = b.pivot("gov.complaint", "Substantiated complaints", domain=[["substantiated", "=", True]], matching=m)
    over = b.pivot("gov.complaint", "Overdue complaints", domain=[["overdue", "=", True]], matching=m)
    closed = b.pivot("gov.complaint", "Closed complaints", domain=[["state", "=", "closed"]], matching=m)
    b.data["B1"] = f'=IFERROR(PIVOT.VALUE({allp},"__count"),0)'
    b.data["B2"] = f'=IFERROR(PIVOT.VALUE({subst},"__count"),0)'
    b.data["B3"] = f'=IFERROR(PIVOT.VALUE({over},"__count"),0)'
    b.data["B4"] = f'=IFERROR(PIVOT.VALUE({closed},"__count"),0)'
    b.scorecard("Complaints received", "Data!B1", 0, 10)
    b.scorecard("Substantiated", "Data!B2", 240, 10, background="#FFF7ED")
    b.scorecard("Overdue", "Data!B3", 480, 10, background="#FFEBEE")
    b.scorecard("Closed", "Data!B4", 720, 10, background="#E8F5E9")
    b.odoo_chart("odoo_bar", "Complaints per month", "gov.complaint", ["date_received:month"], "__count",
                 0, 130, width=960, height=300, matching=m)
    b.odoo_chart("odoo_pie", "Complaints by channel", "gov.complaint", ["channel"], "__count",
                 0, 450, width=470, height=320, matching=m, legend="top")
    b.odoo_chart("odoo_bar", "Complaints by department", "gov.complaint", ["department_id"], "__count",
                 490, 450, width=470, height=320, matching=m)
    b.dump("complaints_dashboard.json")


def assessment():
    b = Sheetbook("assessment")
    center = b.relation_filter("Center", "res.company")
    period = b.date_filter("Month", default="this_month")
    mw = b.fields_for("gov.assessment.month.window", {center: ("company_id", "many2one"),
                                                      period: ("date_from", "date")})
    ms = b.fields_for("gov.assessment.month.staff", {center: ("company_id", "many2one"),
                                                     period: ("date_from", "date")})
    flags = b.pivot("gov.assessment.month.window", "Red-flag windows", domain=[["is_red_flag", "=", True]],
                    matching=mw)
    avg = b.pivot("gov.assessment.month.window", "Window scores", measures=["score"], matching=mw)
    b.data["B1"] = f'=IFERROR(PIVOT.VALUE({flags},"__count"),0)'
    b.data["B2"] = f'=IFERROR(PIVOT.VALUE({avg},"score"),"—")'
    b.data_formats["B2"] = 2
    b.scorecard("Red-flag windows", "Data!B1", 0, 10, background="#FFEBEE")
    b.scorecard("Average window score", "Data!B2", 240, 10)
    b.odoo_chart("odoo_bar", "Average score by department", "gov.assessment.month.window", ["department_id"],
                 "score", 0, 130, width=960, height=300, matching=mw)
    b.title("A36", "Window ranking")
    windows = b.list("gov.assessment.month.window", "Window ranking",
                     ["rank", "window_id", "department_id", "score", "is_red_flag"], order=[("rank", True)],
                     matching=mw)
    b.list_table(windows, ["rank", "window_id", "department_id", "score", "is_red_flag"], 37, rows=15,
                 marks={"is_red_flag": "★"})
    b.title("A55", "Staff ranking")
    staff = b.list("gov.assessment.month.staff", "Staff ranking",
                   ["rank", "employee_id", "department_id", "score"], order=[("rank", True)], matching=ms)
    b.list_table(staff, ["rank", "employee_id", "department_id", "score"], 56, rows=15)
    b.dump("assessment_dashboard.json")


if __name__ == "__main__":
    os.makedirs(os.path.join(HERE, "files"), exist_ok=True)
    supervision()
    intake()
    trading()
    complaints()
    assessment()
