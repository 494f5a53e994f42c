"""The payment notice (缴款通知书) of a case's fees, with its non-tax payment code (非税缴款码): fees are paid only
at the unified fee window or online against the code, and recorded from the bank or treasury confirmation."""
from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.gov_hall_base.tools import amount_to_rmb_upper
from odoo.addons.gov_hall_base.tools.dates import center_today
from odoo.addons.gov_hall_base.tools.lang import center_env
from odoo.addons.gov_hall_base.tools.protect import granted


def luhn_digit(digits):
    """The Luhn check digit of a string of digits."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 0:
            n *= 2
            n = n - 9 if n > 9 else n
        total += n
    return str((10 - total % 10) % 10)


class GovHallFeeNotice(models.Model):
    _name = "gov.hall.fee.notice"
    _description = "Payment Notice"
    _inherit = ["mail.thread", "gov.hall.protected.mixin"]
    _order = "date_issued desc, id desc"
    _check_company_auto = True
    _protected_fields = ("name", "payment_code", "case_id", "amount", "state", "date_issued", "date_paid",
                         "bank_reference", "payment_id")

    name = fields.Char("Notice Number", required=True, readonly=True, copy=False, index=True)
    payment_code = fields.Char("Non-Tax Payment Code", required=True, readonly=True, copy=False, index=True)
    case_id = fields.Many2one("gov.hall.case", "Case", required=True, readonly=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True, string="Center")
    applicant_id = fields.Many2one(related="case_id.applicant_id", string="Payer")
    fee_line_ids = fields.One2many("gov.hall.case.fee", "gov_notice_id", string="Fee Items", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    amount = fields.Monetary("Amount Due", readonly=True)
    amount_upper = fields.Char("Amount in Capitals", compute="_compute_amount_upper")
    state = fields.Selection([("issued", "Awaiting Payment"), ("paid", "Paid"), ("cancel", "Cancelled")],
                             default="issued", required=True, readonly=True, tracking=True, index=True)
    date_issued = fields.Date("Issued On", readonly=True)
    date_paid = fields.Date("Paid On", readonly=True, index=True)
    bank_reference = fields.Char("Bank Reference", readonly=True, copy=False)
    payment_id = fields.Many2one("gov.hall.fee.payment", "Confirmation", readonly=True, copy=False)

    _code_uniq = models.Constraint("unique(payment_code)", "A payment code is unique.")

    @api.depends("amount")
    def _compute_amount_upper(self):
        for notice in self:
            notice.amount_upper = amount_to_rmb_upper(notice.amount or 0.0)

    @api.model
    def _gov_issue(self, cases):
        """One notice per case for its unpaid fees without a notice (server side: acceptance)."""
        vals, fees_of = [], []
        for case in cases.sudo():
            fees = case.fee_line_ids.filtered(lambda f: not f.paid and not f.gov_notice_id)
            if not fees:
                continue
            today = center_today(case.company_id)
            Seq = self.env["ir.sequence"].sudo()
            serial = Seq.next_by_code("gov.hall.fee.notice") or "0"
            digits = "".join(ch for ch in serial if ch.isdigit())[-9:].rjust(9, "0")
            # the center's digits: its code's (a region code), else its id
            center = ("".join(ch for ch in (case.company_id.gov_center_code or "") if ch.isdigit())
                      or str(case.company_id.id))[-6:].rjust(6, "0")
            base = f"{today.year}{center}{digits}"
            vals.append({"name": f"JK{today.year}{digits}", "payment_code": base + luhn_digit(base),
                         "case_id": case.id, "amount": sum(fees.mapped("amount")), "date_issued": today})
            fees_of.append(fees)
        with granted(self, "gov.hall.case.fee"):
            notices = self.sudo().create(vals)
            for notice, fees in zip(notices, fees_of):
                fees.write({"gov_notice_id": notice.id})
        for notice in notices:
            c_env = center_env(notice.case_id).env
            notice.case_id._gov_notify_applicant(c_env._(
                "Payment notice %(name)s: pay %(amount)s yuan (%(upper)s) with the non-tax payment code %(code)s "
                "online or at the unified fee window.", name=notice.name, amount=f"{notice.amount:.2f}",
                upper=notice.amount_upper, code=notice.payment_code))
        return notices

    def _gov_mark_paid(self, payment):
        """A bank or treasury confirmation pays this notice and the fees it lists."""
        self.ensure_one()
        if self.state != "issued":
            raise UserError(self.env._("Payment notice %(name)s is not awaiting payment.", name=self.name))
        with granted(self, "gov.hall.case.fee"):
            self.sudo().write({"state": "paid", "date_paid": payment.date_paid, "bank_reference": payment.bank_reference,
                               "payment_id": payment.id})
            self.sudo().fee_line_ids.write({"paid": True, "date_paid": payment.date_paid,
                                            "receipt_number": payment.bank_reference or self.name})
        case_c = center_env(self.case_id.sudo())
        case_c._gov_notify_applicant(case_c.env._(
            "Fees of %(amount)s yuan paid with payment code %(code)s (bank reference %(ref)s).",
            amount=f"{self.amount:.2f}", code=self.payment_code, ref=payment.bank_reference or ""))
        return True

    def action_print(self):
        return self.env.ref("gov_hall_intake.action_report_fee_notice").report_action(self)
