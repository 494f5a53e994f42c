"""What an item says about tolerated-missing materials (容缺) and notify-and-commit approval (告知承诺制)."""
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .gov_hall_service_item import VERSIONED_FIELDS

REFORM_ITEM_FIELDS = {"cross_region", "tolerance_days", "tolerance_hold_result", "tolerance_consequence", "touches_safety",
                      "notify_commit", "verification_days", "sampling_rate"}
VERSIONED_FIELDS.update(REFORM_ITEM_FIELDS)


class GovHallServiceItem(models.Model):
    _inherit = "gov.hall.service.item"

    cross_region = fields.Boolean(
        "Handled Across Regions",
        help="On the list of items another center may receive on behalf of this one (remote intake).")
    tolerance_days = fields.Integer(
        "Tolerated Materials Due In (working days)", default=5,
        help="Working days the applicant has, from acceptance, to supply the tolerated missing materials.")
    tolerance_hold_result = fields.Boolean(
        "Hold the Result Until Supplied", default=True,
        help="The result is handed out only once the tolerated missing materials have arrived.")
    tolerance_consequence = fields.Selection(
        [("suspend", "Stop handling (clock paused)"), ("reject", "Refuse the application")],
        "If Not Supplied in Time", default="suspend", required=True)
    touches_safety = fields.Boolean(
        "Concerns Safety, Health or the Environment",
        help="The item directly concerns public safety, health, life and property or the environment: it cannot "
             "be approved on commitment, and false materials bar a new application (Administrative Licensing "
             "Law art. 78, 79).")
    notify_commit = fields.Boolean(
        "Notify-and-Commit Approval",
        help="The applicant may commit to meeting the conditions instead of proving them (State Council General Office, 2020 No. 42); "
             "the department verifies afterwards.")
    verification_days = fields.Integer(
        "Verification Within (working days)", default=20,
        help="Working days the department has, after a decision on commitment, to verify it.")
    sampling_rate = fields.Integer(
        "On-site Sampling (%)", default=100,
        help="Share of the decisions on commitment checked on site; the others are checked on file.")

    _sampling_range = models.Constraint(
        "CHECK(sampling_rate >= 0 AND sampling_rate <= 100 AND tolerance_days >= 0 AND verification_days >= 0)",
        "The sampling share is between 0 and 100 %, and the days cannot be negative.")

    @api.constrains("notify_commit", "touches_safety")
    def _check_notify_commit_safety(self):
        for item in self:
            if item.notify_commit and item.touches_safety:
                raise ValidationError(self.env._(
                    "%(item)s concerns safety, health or the environment: it cannot be approved on commitment "
                    "(State Council General Office, 2020 No. 42).", item=item.name))
            if item.notify_commit and not item.verification_days:
                raise ValidationError(self.env._(
                    "%(item)s is approved on commitment: set the working days the department has to verify it.",
                    item=item.name))
