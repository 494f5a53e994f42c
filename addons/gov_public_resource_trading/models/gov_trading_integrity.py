"""What the trading models add to the protected fields of gov_hall_base (gov_hall_base/tools/protect.py):
fields frozen once the record exists, the ownership check of the bidder's actions and the trading staff
check of the backend actions."""
from odoo import api, models
from odoo.exceptions import AccessError

from odoo.addons.gov_hall_base.tools.protect import is_granted

TRADING_STAFF = "gov_hall_base.group_gov_trading_staff"


class GovTradingIntegrityMixin(models.AbstractModel):
    _name = "gov.trading.integrity.mixin"
    _inherit = ["gov.hall.protected.mixin"]
    _description = "Trading Record Integrity"

    # Fields given when the record is created (by the bidder's portal action, or by the server) and never
    # changed afterwards outside a grant: who and what the record is about, the bidder's own words.
    _frozen_fields = ()

    @api.model_create_multi
    def create(self, vals_list):
        if self.pool.ready:
            self.browse().check_access("create")  # who has no right at all gets the access error first
        return super().create(vals_list)

    def write(self, vals):
        if self.pool.ready:
            self.check_access("write")
        if self._frozen_fields and self.pool.ready and not is_granted(self._name):
            hit = sorted(set(vals) & set(self._frozen_fields))
            if hit:
                self._gov_refuse_protected(hit)
        return super().write(vals)

    def _check_trading_staff(self):
        """Backend actions of the trading center: the current user is trading staff (administrators imply it)."""
        if not self.env.user.has_group(TRADING_STAFF):
            raise AccessError(self.env._("Only the trading center staff can do this."))

    def _check_bidder_user(self, bidders):
        """The bidder's own actions: the current user (the request's user, also under sudo()) is a portal user
        of each of ``bidders``. Server code acting inside a grant of this model (demo builders, benchmarks)
        passes."""
        if is_granted(self._name):
            return
        user = self.env.user
        for bidder in bidders.sudo():
            if user not in bidder.user_ids:
                raise AccessError(self.env._(
                    "Only a portal user of %(bidder)s can do this; the trading staff act in the backend with "
                    "their own actions.", bidder=bidder.name))
