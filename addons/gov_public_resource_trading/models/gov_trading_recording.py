"""Audio and video recordings of the opening and of the evaluation, attached to the lot's session: the file's
SHA-256 goes into the trading log when it is attached, so a later copy can be checked against it."""
import base64
import hashlib

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.gov_hall_base.tools.protect import granted, is_granted

RECORDING_TYPES = ("audio/", "video/")


class GovTradingRecording(models.Model):
    _name = "gov.trading.recording"
    _description = "Opening or Evaluation Recording"
    _inherit = ["gov.trading.integrity.mixin"]
    _order = "date_recorded desc, id desc"
    _check_company_auto = True
    _protected_fields = ("sha256", "size", "attachment_id", "user_id", "date_attached")
    _frozen_fields = ("lot_id", "phase", "company_id")

    name = fields.Char("Title", required=True)
    lot_id = fields.Many2one("gov.trading.lot", required=True, ondelete="restrict", index=True, check_company=True)
    project_id = fields.Many2one(related="lot_id.project_id", store=True)
    company_id = fields.Many2one(related="lot_id.company_id", store=True, index=True)
    phase = fields.Selection([("opening", "Opening"), ("evaluation", "Evaluation")], required=True,
                             default="opening")
    date_recorded = fields.Datetime("Recorded At", required=True, default=fields.Datetime.now)
    data = fields.Binary("Recording", attachment=False, store=False,
                         help="The audio or video file: it is stored as an attachment of the lot.")
    filename = fields.Char("File Name")
    attachment_id = fields.Many2one("ir.attachment", "File", readonly=True, ondelete="restrict")
    mimetype = fields.Char(related="attachment_id.mimetype", string="Type")
    size = fields.Integer("Size (bytes)", readonly=True)
    sha256 = fields.Char("SHA-256", readonly=True, index=True)
    user_id = fields.Many2one("res.users", "Attached By", readonly=True)
    date_attached = fields.Datetime("Attached At", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        self._check_trading_staff()
        payloads = []
        for vals in vals_list:
            raw = base64.b64decode(vals.pop("data", None) or b"")
            if not raw:
                raise UserError(self.env._("Attach the audio or video file of the recording."))
            payloads.append((raw, vals.get("filename") or vals.get("name")))
        with granted(self):
            records = super().create(vals_list)
        for rec, (raw, filename) in zip(records, payloads):
            lot = rec.lot_id
            if lot.state in ("draft", "published") or (rec.phase == "evaluation" and not lot.sudo().evaluation_started):
                raise UserError(self.env._(
                    "The %(phase)s of %(lot)s has not taken place yet: there is nothing to record.",
                    phase=dict(self._fields["phase"]._description_selection(self.env))[rec.phase], lot=lot.name))
            attachment = self.env["ir.attachment"].sudo().create({
                "name": filename, "raw": raw, "res_model": lot._name, "res_id": lot.id})
            if not (attachment.mimetype or "").startswith(RECORDING_TYPES):
                raise UserError(self.env._(
                    "%(name)s is not an audio or video file (%(type)s).", name=filename, type=attachment.mimetype))
            digest = hashlib.sha256(raw).hexdigest()
            with granted(self):
                rec.sudo().write({"attachment_id": attachment.id, "sha256": digest, "size": len(raw),
                                  "user_id": self.env.uid, "date_attached": fields.Datetime.now()})
            self.env["gov.trading.log"]._append("recording", rec, lot=lot, payload={
                "phase": rec.phase, "name": rec.name, "file": filename, "size": len(raw), "sha256": digest})
        return records

    def write(self, vals):
        if vals.keys() - {"name"} and not is_granted(self._name) and self.pool.ready:
            raise UserError(self.env._("A recording is kept as attached: attach a new one instead."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not is_granted(self._name):
            raise UserError(self.env._("A recording of the opening or the evaluation is never deleted."))
