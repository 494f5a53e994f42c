from odoo import fields, models

from odoo.addons.gov_hall_base.tools.protect import granted


class GovHallCaseFee(models.Model):
    _inherit = "gov.hall.case.fee"

    gov_notice_id = fields.Many2one("gov.hall.fee.notice", "Payment Notice", readonly=True, copy=False,
                                    index="btree_not_null")

    def _gov_protected_names(self):
        return super()._gov_protected_names() | {"gov_notice_id"}


class GovHallCase(models.Model):
    _inherit = "gov.hall.case"

    gov_fee_notice_ids = fields.One2many("gov.hall.fee.notice", "case_id", string="Payment Notices")

    def action_accept(self):
        res = super().action_accept()
        self.env["gov.hall.fee.notice"]._gov_issue(self)
        return res

    def _gov_accept_by_law(self):
        res = super()._gov_accept_by_law()
        self.env["gov.hall.fee.notice"]._gov_issue(self)
        return res

    def action_pay_fees(self, window=None):
        """Paid at the unified fee window: the notices of the fees paid are paid too."""
        notices = self.sudo().gov_fee_notice_ids.filtered(lambda n: n.state == "issued")
        res = super().action_pay_fees(window)
        paid = notices.filtered(lambda n: all(n.fee_line_ids.mapped("paid")))
        with granted(paid):
            for notice in paid:
                notice.write({"state": "paid", "date_paid": notice.fee_line_ids[:1].date_paid,
                              "bank_reference": notice.fee_line_ids[:1].receipt_number})
        return res
