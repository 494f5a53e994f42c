"""Investigation notes of a complaint."""
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class GovComplaintNote(models.Model):
    _name = "gov.complaint.note"
    _description = "Complaint Investigation Note"
    _order = "date desc, id desc"

    complaint_id = fields.Many2one("gov.complaint", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="complaint_id.company_id", store=True, index=True)
    kind = fields.Selection([
        ("video", "Video review"),
        ("complainant", "Interview with the complainant"),
        ("staff", "Interview with the staff member"),
        ("witness", "Witness statement"),
        ("other", "Other finding"),
    ], required=True, default="video")
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    person = fields.Char("Person Heard", help="Who was interviewed (for a witness: name and role).")
    author_id = fields.Many2one("res.users", "Recorded By", default=lambda self: self.env.user, readonly=True)
    content = fields.Text("Record", required=True)
    attachment_ids = fields.Many2many("ir.attachment", "gov_complaint_note_attachment_rel", "note_id",
                                      "attachment_id", string="Attachments")

    @api.constrains("kind", "person")
    def _check_person(self):
        for note in self:
            if note.kind in ("staff", "witness") and not (note.person or "").strip():
                raise ValidationError(self.env._("An interview note must name the person heard."))

    @api.model_create_multi
    def create(self, vals_list):
        notes = super().create(vals_list)
        for complaint in notes.complaint_id:
            if complaint.state in ("closed", "cancel"):
                raise UserError(self.env._("Complaint %(name)s is closed: no more investigation notes.",
                                           name=complaint.name))
        return notes
