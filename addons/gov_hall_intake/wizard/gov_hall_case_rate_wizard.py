from odoo import fields, models
from odoo.exceptions import UserError

from ..models.rating_rating import RATING_LEVELS


class GovHallCaseRateWizard(models.TransientModel):
    _name = "gov.hall.case.rate.wizard"
    _description = "Rate on the Applicant's Behalf"

    case_id = fields.Many2one("gov.hall.case")
    bundle_case_id = fields.Many2one("gov.hall.bundle.case", "Bundle Case",
                                     help="A bundle is rated once, as a whole: the rating is recorded on its lead case.")
    value = fields.Selection(RATING_LEVELS, "Rating", required=True, default="5")
    feedback = fields.Text()

    def action_confirm(self):
        if self.bundle_case_id:
            self.bundle_case_id.check_access("read")
            self.bundle_case_id.action_rate(int(self.value), self.feedback, channel="staff")
            return {"type": "ir.actions.act_window_close"}
        if not self.case_id:
            raise UserError(self.env._("No case to rate."))
        # action_rate is not callable over RPC: the wizard calls it server-side; the staff channel checks the
        # clerk's group, and the case is read with the clerk's rights (record rules of the center)
        self.case_id.check_access("read")
        self.case_id.action_rate(int(self.value), self.feedback, channel="staff")
        return {"type": "ir.actions.act_window_close"}
