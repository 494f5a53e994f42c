"""Import of the bank / treasury payment confirmations (CSV: payment code, amount, day paid, bank reference)."""
import base64
import csv
import io
from datetime import date

from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.gov_hall_base.tools.protect import granted

HEADERS = {"payment_code": ("缴款码", "非税缴款码", "payment_code"), "amount": ("金额", "amount"),
           "date_paid": ("缴款日期", "date_paid", "date"), "bank_reference": ("银行流水号", "流水号", "bank_reference")}
MAX_BYTES = 5 * 1024 * 1024


class GovHallFeeImportWizard(models.TransientModel):
    _name = "gov.hall.fee.import.wizard"
    _description = "Import Payment Confirmations"

    company_id = fields.Many2one("res.company", "Center", required=True, default=lambda self: self.env.company)
    file = fields.Binary("Confirmation File (CSV)", required=True)
    filename = fields.Char()
    result = fields.Text("Result", readonly=True)

    def _parse(self):
        _ = self.env._
        data = base64.b64decode(self.file or b"")
        if not data:
            raise UserError(_("The confirmation file is empty."))
        if len(data) > MAX_BYTES:
            raise UserError(_("The confirmation file is larger than 5 MB."))
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("gb18030")
            except UnicodeDecodeError:
                raise UserError(_("The confirmation file is not a CSV text file (UTF-8 or GB18030).")) from None
        reader = csv.reader(io.StringIO(text))
        rows = [r for r in reader if any(c.strip() for c in r)]
        if not rows:
            raise UserError(_("The confirmation file is empty."))
        header = [c.strip() for c in rows[0]]
        cols = {}
        for key, names in HEADERS.items():
            found = [i for i, h in enumerate(header) if h in names]
            if not found:
                raise UserError(_("Column %(col)s is missing from the confirmation file (expected: %(cols)s).",
                                  col=names[0], cols=", ".join(n[0] for n in HEADERS.values())))
            cols[key] = found[0]
        parsed = []
        for n, row in enumerate(rows[1:], 2):
            try:
                code = row[cols["payment_code"]].strip()
                amount = round(float(row[cols["amount"]].strip().replace(",", "")), 2)
                day = date.fromisoformat(row[cols["date_paid"]].strip())
                ref = row[cols["bank_reference"]].strip()
            except (IndexError, ValueError):
                raise UserError(_("Line %(n)s of the confirmation file cannot be read: nothing was imported.",
                                  n=n)) from None
            if not code or not ref or amount <= 0:
                raise UserError(_("Line %(n)s of the confirmation file cannot be read: nothing was imported.", n=n))
            parsed.append((code, amount, day, ref))
        return parsed

    def action_import(self):
        self.ensure_one()
        if not self.env.user.has_group("gov_hall_base.group_gov_clerk") and not self.env.user.has_group(
                "gov_hall_base.group_gov_hall_admin"):
            raise AccessError(self.env._("Only the fee window or a hall administrator imports payment confirmations."))
        rows = self._parse()
        Notice = self.env["gov.hall.fee.notice"].sudo()
        Payment = self.env["gov.hall.fee.payment"].sudo()
        notices = {n.payment_code: n for n in Notice.search([
            ("payment_code", "in", [r[0] for r in rows]), ("company_id", "=", self.company_id.id)])}
        known = set(Payment.search([("company_id", "=", self.company_id.id), ("state", "=", "matched"),
                                    ("bank_reference", "in", [r[3] for r in rows])]).mapped("bank_reference"))
        batch = self.env["ir.sequence"].sudo().next_by_code("gov.hall.fee.import") or fields.Datetime.now().isoformat()
        counts = {"matched": 0, "unmatched": 0, "mismatch": 0, "duplicate": 0}
        with granted(Payment):
            for code, amount, day, ref in rows:
                notice = notices.get(code)
                if ref in known or (notice and notice.state == "paid"):
                    state = "duplicate"
                elif not notice or notice.state != "issued":
                    state = "unmatched"
                elif abs(notice.amount - amount) > 0.005:
                    state = "mismatch"
                else:
                    state = "matched"
                payment = Payment.create({"batch": batch, "company_id": self.company_id.id, "payment_code": code,
                                          "amount": amount, "date_paid": day, "bank_reference": ref, "state": state,
                                          "notice_id": notice.id if notice else False})
                if state == "matched":
                    notice._gov_mark_paid(payment)
                    known.add(ref)
                counts[state] += 1
        self.result = self.env._(
            "%(m)s reconciled, %(u)s without a notice, %(d)s with another amount, %(p)s already paid.",
            m=counts["matched"], u=counts["unmatched"], d=counts["mismatch"], p=counts["duplicate"])
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id, "view_mode": "form",
                "target": "new"}
