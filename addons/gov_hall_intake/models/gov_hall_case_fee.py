from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.gov_hall_base.tools.protect import is_granted

from .gov_hall_case import AFTER_ACCEPTANCE


class GovHallCaseFee(models.Model):
    _name = "gov.hall.case.fee"
    _description = "Case Fee"
    _inherit = ["gov.hall.protected.mixin"]
    _order = "case_id, id"
    _check_company_auto = True
    # collected only by gov.hall.case.action_pay_fees (the unified fee window)
    _protected_fields = ("paid", "date_paid", "receipt_number", "collector_id", "window_id")

    case_id = fields.Many2one("gov.hall.case", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    name = fields.Char("Fee Item", required=True)
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    amount = fields.Monetary("Amount (yuan)", required=True)
    basis = fields.Char("Fee Basis")
    paid = fields.Boolean(readonly=True)
    date_paid = fields.Date("Paid On", readonly=True)
    receipt_number = fields.Char("Receipt No.", readonly=True, index="btree_not_null")
    collector_id = fields.Many2one("res.users", "Collected By", readonly=True)
    window_id = fields.Many2one("gov.hall.window", "Fee Window", readonly=True, check_company=True)
    amount_upper = fields.Char("Amount in Capitals", compute="_compute_amount_upper")

    _amount_positive = models.Constraint("CHECK(amount >= 0)", "A fee cannot be negative.")

    @api.depends("amount")
    def _compute_amount_upper(self):
        for fee in self:
            fee.amount_upper = self.env["res.currency"].gov_amount_to_upper(fee.amount)

    def _gov_free(self):
        return is_granted(self._name) or not self.pool.ready

    def _gov_refuse_accepted(self, cases):
        if cases:
            raise UserError(self.env._(
                "The fees of case %(case)s were set at acceptance from its service item and cannot be changed.",
                case=cases[0].name))

    @api.model_create_multi
    def create(self, vals_list):
        if not self._gov_free():
            cases = self.env["gov.hall.case"].browse({v.get("case_id") for v in vals_list if v.get("case_id")})
            self._gov_refuse_accepted(cases.filtered(lambda c: c.state in AFTER_ACCEPTANCE))
        return super().create(vals_list)

    def write(self, vals):
        if ("amount" in vals or "name" in vals) and self.filtered("paid"):
            raise UserError(self.env._("A paid fee cannot be changed."))
        if not self._gov_free() and {"amount", "name", "basis", "case_id"} & set(vals):
            self._gov_refuse_accepted(self.case_id.filtered(lambda c: c.state in AFTER_ACCEPTANCE))
        return super().write(vals)

    def unlink(self):
        if self.filtered("paid"):
            raise UserError(self.env._("A paid fee cannot be deleted."))
        if not self._gov_free():
            self._gov_refuse_accepted(self.case_id.filtered(lambda c: c.state in AFTER_ACCEPTANCE))
        return super().unlink()
