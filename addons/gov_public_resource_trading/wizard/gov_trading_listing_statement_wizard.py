"""Deposits of a listing matched from the bank's statement file (CSV): each line paid into a bidder's
virtual sub-account (one per bidder and lot) is the deposit of that application when it comes from the
bidder's own account (the payer's name is the bidder's) by the announced cut-off and covers the amount.
Lines that do not match are listed with the reason and change nothing."""
import base64
import csv
import io

from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.gov_hall_base.tools.protect import granted

COLUMNS = ("date", "payer_name", "payer_account", "virtual_account", "amount", "reference")


class GovTradingListingStatementWizard(models.TransientModel):
    _name = "gov.trading.listing.statement.wizard"
    _description = "Import a Bank Statement for Listing Deposits"

    listing_id = fields.Many2one("gov.trading.listing", required=True, ondelete="cascade")
    statement_file = fields.Binary("Statement (CSV)", required=True, attachment=False)
    statement_filename = fields.Char()
    result = fields.Text(readonly=True)
    matched_count = fields.Integer(readonly=True)

    def _rows(self):
        try:
            text = base64.b64decode(self.statement_file).decode("utf-8-sig")
        except (ValueError, UnicodeDecodeError) as e:
            raise UserError(self.env._("The statement is not a UTF-8 CSV file.")) from e
        reader = csv.DictReader(io.StringIO(text))
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise UserError(self.env._("The statement lacks the columns: %(cols)s.", cols=", ".join(missing)))
        return list(reader)

    def action_import(self):
        self.ensure_one()
        listing = self.listing_id
        listing._check_trading_staff()
        rows = self._rows()
        regs = listing.sudo().lot_id.registration_ids.filtered(lambda r: r.state == "registered")
        by_account = {r.listing_virtual_account: r for r in regs}
        lines, matched = [], 0
        Deposit = self.env["gov.trading.deposit"].sudo()
        for n, row in enumerate(rows, start=2):
            account = (row.get("virtual_account") or "").strip()
            reg = by_account.get(account)
            try:
                amount = float((row.get("amount") or "0").replace(",", ""))
                paid = fields.Datetime.to_datetime((row.get("date") or "").strip())
            except ValueError:
                lines.append(self.env._("Line %(n)s: unreadable amount or date.", n=n))
                continue
            if not reg:
                lines.append(self.env._("Line %(n)s: no application has the sub-account %(acc)s.", n=n, acc=account))
                continue
            if (row.get("payer_name") or "").strip() != reg.bidder_id.name:
                lines.append(self.env._(
                    "Line %(n)s: paid by %(payer)s, not from the account of the bidder (paddle %(paddle)s): refused.",
                    n=n, payer=row.get("payer_name"), paddle=reg.listing_paddle))
                continue
            if not paid or paid > listing.date_deposit_cutoff:
                lines.append(self.env._("Line %(n)s: paid after the deposit cut-off: refused.", n=n))
                continue
            if amount < listing.deposit_amount - 0.005:
                lines.append(self.env._("Line %(n)s: %(amount).2f is less than the deposit %(required).2f.",
                                        n=n, amount=amount, required=listing.deposit_amount))
                continue
            if reg.deposit_ids.filtered(lambda d: d.state in ("received", "earnest")):
                lines.append(self.env._("Line %(n)s: the deposit of paddle %(paddle)s is already received.",
                                        n=n, paddle=reg.listing_paddle))
                continue
            ref = (row.get("reference") or "").strip() or account
            with granted("gov.trading.deposit"):
                dep = reg.deposit_ids.filtered(lambda d: d.state == "declared")[:1]
                if not dep:
                    dep = Deposit.create({"registration_id": reg.id, "amount": amount, "bank_reference": ref,
                                          "payment_method": "bank_transfer"})
                dep.write({"state": "received", "date_received": fields.Date.context_today(self),
                           "date_paid": paid, "statement_line": f"{account};{ref};{amount:.2f}"})
            self.env["gov.trading.log"]._append("deposit", dep, lot=listing.lot_id, payload={
                "action": "matched", "paddle": reg.listing_paddle, "amount": amount, "paid": paid})
            matched += 1
            lines.append(self.env._("Line %(n)s: deposit of paddle %(paddle)s received.", n=n,
                                    paddle=reg.listing_paddle))
        self.write({"result": "\n".join(lines), "matched_count": matched})
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id, "view_mode": "form",
                "target": "new"}
