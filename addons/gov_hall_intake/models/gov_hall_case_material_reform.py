from odoo import models


class GovHallCaseMaterial(models.Model):
    _inherit = "gov.hall.case.material"

    def write(self, vals):
        res = super().write(vals)
        if vals.get("received") is True:
            # a tolerated material supplied later: the commitment it belongs to may be fulfilled
            self.case_id.sudo().commitment_ids._gov_check_fulfilled()
        return res
