"""Import the service item catalog from an XLSX sheet: one row per material and/or fee item, the item
columns repeated on each row of the same item."""
import base64
import io

from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.gov_hall_base.tools.lang import center_env

HEADERS = {
    "事项编码": "code", "事项名称": "name", "实施部门": "department", "事项类型": "item_type",
    "办件类型": "case_type", "法定时限": "legal_days", "承诺时限": "promised_days", "设定依据": "legal_basis",
    "申请条件": "conditions", "办理程序": "procedure", "到现场次数": "visits_required", "网上办理": "online",
    "收费标准": "fee_standard", "收费依据": "fee_basis", "材料名称": "material", "材料必要性": "requirement",
    "可容缺": "tolerable", "功能区": "zones", "收费项目": "fee_name", "收费金额": "fee_amount",
}
# the same columns under their English names (the Chinese ones are those of the national catalog template)
HEADERS.update({
    "Item Code": "code", "Item Name": "name", "Department": "department", "Item Type": "item_type",
    "Case Type": "case_type", "Legal Limit": "legal_days", "Promised Limit": "promised_days",
    "Legal Basis": "legal_basis", "Conditions": "conditions", "Procedure": "procedure",
    "Visits Required": "visits_required", "Online": "online", "Fee Standard": "fee_standard",
    "Fee Basis": "fee_basis", "Material": "material", "Material Requirement": "requirement",
    "Tolerable": "tolerable", "Zones": "zones", "Fee Item": "fee_name", "Fee Amount": "fee_amount",
})
ITEM_TYPES = {"行政许可": "licensing", "公共服务": "public_service", "其他行政权力": "other_power"}
CASE_TYPES = {"即办件": "instant", "承诺件": "promised", "联办件": "joint"}
YES = {"是", "Y", "y", "yes", "1", "TRUE", "True", "true", "√"}


class GovHallCatalogImport(models.TransientModel):
    _name = "gov.hall.catalog.import"
    _description = "Import the Service Catalog (XLSX)"

    company_id = fields.Many2one("res.company", "Center", required=True, default=lambda self: self.env.company)
    file = fields.Binary("XLSX File", required=True)
    filename = fields.Char()
    result = fields.Text(readonly=True)

    def _rows(self):
        import openpyxl

        try:
            book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(self.file)), read_only=True, data_only=True)
        except Exception as exc:
            raise UserError(self.env._("The file is not a readable XLSX workbook: %(e)s", e=exc)) from exc
        rows = list(book.active.iter_rows(values_only=True))
        if not rows:
            raise UserError(self.env._("The workbook is empty."))
        header = [HEADERS.get(str(h or "").strip()) for h in rows[0]]
        for needed in ("code", "name", "department"):
            if needed not in header:
                raise UserError(self.env._("Column %(col)s is missing.",
                                           col=next(k for k, v in HEADERS.items() if v == needed)))
        for number, row in enumerate(rows[1:], start=2):
            values = {key: cell for key, cell in zip(header, row) if key}
            if any(v not in (None, "") for v in values.values()):
                yield number, values

    def action_import(self):
        """Create one draft version per item code (a new version when the code is in force already)."""
        self.ensure_one()
        Item = self.env["gov.hall.service.item"]
        Dept = self.env["hr.department"]
        Zone = self.env["gov.hall.zone"]
        items = {}
        for number, values in self._rows():
            code = str(values.get("code") or "").strip()
            if not code or not values.get("name"):
                raise UserError(self.env._("Row %(n)s: the item code and name are required.", n=number))
            item = items.get(code)
            if item is None:
                dept = Dept.search([("name", "=", str(values["department"]).strip()),
                                    ("company_id", "in", [self.company_id.id, False])], limit=1)
                if not dept:
                    raise UserError(self.env._("Row %(n)s: unknown department %(d)s.", n=number, d=values["department"]))
                zones = Zone.browse()
                for zname in str(values.get("zones") or "").replace(",", "、").split("、"):
                    if zname.strip():
                        zones |= Zone.search([("name", "=", zname.strip()), ("company_id", "=", self.company_id.id)],
                                             limit=1)
                case_type = CASE_TYPES.get(str(values.get("case_type") or "").strip(), "promised")
                item = items[code] = {
                    "code": code, "name": str(values["name"]).strip(), "company_id": self.company_id.id,
                    "department_id": dept.id, "case_type": case_type,
                    "item_type": ITEM_TYPES.get(str(values.get("item_type") or "").strip(), "licensing"),
                    "legal_days": int(values.get("legal_days") or 0),
                    "promised_days": 0 if case_type == "instant" else int(values.get("promised_days") or 0),
                    "legal_basis": values.get("legal_basis"), "conditions": values.get("conditions"),
                    "procedure": values.get("procedure"), "fee_standard": values.get("fee_standard"),
                    "fee_basis": values.get("fee_basis"),
                    "visits_required": int(values.get("visits_required") or 0),
                    "online": str(values.get("online") or "").strip() in YES,
                    "zone_ids": [fields.Command.set(zones.ids)], "material_ids": [], "fee_line_ids": [],
                }
            if values.get("material"):
                item["material_ids"].append(fields.Command.create({
                    "name": str(values["material"]).strip(),
                    "requirement": "optional" if str(values.get("requirement") or "").strip() in ("非必要", "选择性", "optional") else "required",
                    "tolerable": str(values.get("tolerable") or "").strip() in YES,
                    "sequence": len(item["material_ids"]) + 1,
                }))
            if values.get("fee_name"):
                try:
                    amount = float(values.get("fee_amount") or 0)
                except (TypeError, ValueError):
                    raise UserError(self.env._("Row %(n)s: the fee amount %(a)s is not a number.",
                                               n=number, a=values.get("fee_amount"))) from None
                if amount < 0:
                    raise UserError(self.env._("Row %(n)s: a fee cannot be negative.", n=number))
                names = [cmd[2]["name"] for cmd in item["fee_line_ids"]]
                if str(values["fee_name"]).strip() not in names:
                    item["fee_line_ids"].append(fields.Command.create({
                        "name": str(values["fee_name"]).strip(), "amount": amount,
                        "basis": values.get("fee_basis"), "sequence": len(names) + 1,
                    }))
        created = self.env["gov.hall.service.item"]
        for code, vals in items.items():
            existing = Item.search([("company_id", "=", self.company_id.id), ("code", "=", code)],
                                   order="version desc", limit=1)
            if existing.filtered(lambda i: i.state in ("draft", "to_approve")):
                raise UserError(self.env._("Item %(code)s already has a version being prepared.", code=code))
            if existing:
                vals.update(version=existing.version + 1, root_id=existing.root_id.id, previous_id=existing.id,
                            version_note=center_env(self).env._("Imported from %(f)s",
                                                                f=self.filename or "XLSX"))
            created |= Item.create(vals)
        self.result = self.env._("%(n)s item version(s) created as drafts: submit them for approval.", n=len(created))
        return {
            "type": "ir.actions.act_window", "res_model": "gov.hall.service.item", "view_mode": "list,form",
            "domain": [("id", "in", created.ids)], "name": self.env._("Imported Items"),
        }
