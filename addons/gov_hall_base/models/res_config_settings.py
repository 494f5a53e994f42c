import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.throttle import DEFAULT_TRUSTED_PROXIES, _networks

LIMIT_RE = re.compile(r"^\s*\d+\s*/\s*\d+\s*$")
# (settings field, system parameter, default): the throttles of the public endpoints, "N/M" = N attempts per
# M minutes and client (the defaults are the controllers' own, repeated here to be shown)
THROTTLE_FIELDS = (
    ("gov_throttle_track", "gov_hall_base.throttle.gov_hall_track", "10/15"),
    ("gov_throttle_evaluator", "gov_hall_base.throttle.gov_hall_evaluator", "10/15"),
    ("gov_throttle_complaint_submit", "gov_hall_base.throttle.gov_complaints_submit", "10/60"),
    ("gov_throttle_complaint_track", "gov_hall_base.throttle.gov_complaints_track", "10/15"),
    ("gov_throttle_hotline", "gov_hall_base.throttle.gov_complaints_hotline", "10/15"),
)


class ResConfigSettings(models.TransientModel):
    """Settings of the public endpoints: throttles, trusted proxies, upload limits, notice link validity.
    All are system parameters (``ir.config_parameter``), shown here to the system administrator."""

    _inherit = "res.config.settings"

    gov_trusted_proxies = fields.Char(
        "Trusted Proxies", config_parameter="gov_hall_base.trusted_proxies", default=DEFAULT_TRUSTED_PROXIES,
        help="Addresses or networks of the reverse proxies in front of Odoo, separated by commas. Only when "
             "Odoo runs with proxy_mode and the request comes from one of them is the client address read from "
             "X-Forwarded-For.")
    gov_throttle_track = fields.Char(
        "Case Tracking Attempts", config_parameter="gov_hall_base.throttle.gov_hall_track", default="10/15",
        help="Wrong query codes and notice links per client on the case tracking pages: N/M is N attempts "
             "per M minutes (0/M switches the limit off).")
    gov_throttle_evaluator = fields.Char(
        "Evaluator Device Attempts", config_parameter="gov_hall_base.throttle.gov_hall_evaluator",
        default="10/15", help="Wrong evaluator device secrets per client (N attempts per M minutes).")
    gov_throttle_complaint_submit = fields.Char(
        "Complaint Form Submissions", config_parameter="gov_hall_base.throttle.gov_complaints_submit",
        default="10/60", help="Submissions of the public complaint form per client (N per M minutes).")
    gov_throttle_complaint_track = fields.Char(
        "Complaint Tracking Attempts", config_parameter="gov_hall_base.throttle.gov_complaints_track",
        default="10/15", help="Wrong complaint query codes per client (N attempts per M minutes).")
    gov_throttle_hotline = fields.Char(
        "12345 Hotline Attempts", config_parameter="gov_hall_base.throttle.gov_complaints_hotline",
        default="10/15", help="Calls of the 12345 hotline endpoints with a wrong token per client (N per M "
                              "minutes).")
    gov_upload_complaint_bytes = fields.Integer(
        "Complaint Attachment Limit (bytes)", config_parameter="gov_hall_base.upload_max_bytes.gov_complaints",
        default=5 * 1024 * 1024, help="Largest file a citizen may attach to a complaint on the website.")
    gov_upload_certificate_bytes = fields.Integer(
        "Certificate Scan Limit (bytes)", config_parameter="gov_hall_base.upload_max_bytes.gov_trading_certificate",
        default=10 * 1024 * 1024, help="Largest certificate scan a bidder may upload on the portal.")
    gov_notice_token_days = fields.Integer(
        "Notice Link Validity (days)", config_parameter="gov_hall_intake.notice_token_days", default=30,
        help="Days a notice download link stays valid after it was issued (0: no expiry).")

    @api.constrains(*(name for name, _param, _default in THROTTLE_FIELDS), "gov_trusted_proxies",
                    "gov_upload_complaint_bytes", "gov_upload_certificate_bytes", "gov_notice_token_days")
    def _check_gov_public_settings(self):
        for settings in self:
            for name, _param, _default in THROTTLE_FIELDS:
                value = settings[name]
                if value and not LIMIT_RE.match(value):
                    raise ValidationError(self.env._(
                        "%(setting)s must read N/M: N attempts per M minutes, e.g. 10/15.",
                        setting=self._fields[name].get_description(self.env)["string"]))
            for part in (settings.gov_trusted_proxies or "").split(","):
                if part.strip() and not _networks(part):
                    raise ValidationError(self.env._("%(value)s is not an IP address or network.",
                                                     value=part.strip()))
            if min(settings.gov_upload_complaint_bytes, settings.gov_upload_certificate_bytes,
                   settings.gov_notice_token_days) < 0:
                raise ValidationError(self.env._("Upload limits and the notice link validity cannot be negative."))
