"""Announcements published on the public website and clarifications sent to every registered bidder."""

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.gov_hall_base.tools.protect import granted, protected_action

ANNOUNCEMENT_KINDS = [
    ("tender", "Tender Announcement"),
    ("correction", "Correction Notice"),
    ("opening", "Opening Record Notice"),
    ("failure", "Failed Tender Notice"),
    ("candidates", "Candidate Publicity"),
    ("result", "Award Result Notice"),
]


class GovTradingAnnouncement(models.Model):
    _name = "gov.trading.announcement"
    _description = "Trading Announcement"
    _inherit = ["mail.thread", "gov.trading.integrity.mixin"]
    _order = "date_published desc, id desc"
    _check_company_auto = True
    _protected_fields = ("state", "is_published", "date_published", "attachment_id")

    name = fields.Char("Title", required=True, tracking=True)
    project_id = fields.Many2one("gov.trading.project", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="project_id.company_id", store=True, index=True)
    lot_ids = fields.Many2many("gov.trading.lot", string="Lots", check_company=True)
    kind = fields.Selection(ANNOUNCEMENT_KINDS, required=True, default="tender", tracking=True)
    body = fields.Html(sanitize=True)
    state = fields.Selection([("draft", "Draft"), ("published", "Published"), ("withdrawn", "Withdrawn")],
                             default="draft", required=True, tracking=True)
    is_published = fields.Boolean(compute="_compute_is_published", store=True, index=True)
    date_published = fields.Datetime("Published On", readonly=True, copy=False)
    attachment_id = fields.Many2one("ir.attachment", "PDF Document", readonly=True, copy=False)
    website_url = fields.Char(compute="_compute_website_url")

    @api.depends("state")
    def _compute_is_published(self):
        for rec in self:
            rec.is_published = rec.state == "published"

    def _compute_website_url(self):
        for rec in self:
            rec.website_url = f"/trading/announcement/{rec.id}" if rec.id else False

    def action_publish(self):
        self._check_trading_staff()
        self._publish()

    @protected_action()
    def _publish(self):
        """Publish; server step of the staff's action and of the opening, failure and award steps."""
        for rec in self:
            if rec.state == "published":
                continue
            if rec.kind == "tender":
                if not rec.lot_ids:
                    raise UserError(self.env._("A tender announcement names the lots it opens."))
                rec.lot_ids.filtered(lambda lot: lot.state == "draft").action_publish()
            rec.write({"state": "published", "date_published": fields.Datetime.now()})
            self.env["gov.trading.log"]._append("announcement_published", rec, lot=rec.lot_ids[:1], payload={
                "kind": rec.kind, "title": rec.name, "lots": rec.lot_ids.mapped("code"),
                "attachment_sha": rec.attachment_id.checksum or ""})

    @protected_action()
    def action_withdraw(self):
        self._check_trading_staff()
        for rec in self:
            if rec.kind != "tender" or any(lot.state != "published" for lot in rec.lot_ids):
                raise UserError(self.env._("Only a tender announcement of a lot still open can be withdrawn."))
        self.write({"state": "withdrawn"})

    def write(self, vals):
        public = {"name", "body", "kind", "project_id", "lot_ids"} & set(vals)
        if public and self.pool.ready and any(rec.state != "draft" for rec in self):
            self._gov_refuse_protected(sorted(public))
        return super().write(vals)

    def unlink(self):
        if any(rec.state != "draft" for rec in self):
            raise UserError(self.env._("A published announcement is a public record: it cannot be deleted."))
        return super().unlink()

    # -- PDF ----------------------------------------------------------------------------------------------


class GovTradingAnnouncementPdf(models.Model):
    _inherit = "gov.trading.announcement"

    def _attach_report(self, report_ref, records):
        """Render ``report_ref`` for ``records`` and keep the PDF as this announcement's public file."""
        self.ensure_one()
        pdf, ext = self.env["ir.actions.report"].sudo()._render_qweb_pdf(report_ref, records.ids)
        attachment = self.env["ir.attachment"].sudo().create({
            "name": f"{self.name}.{ext}", "raw": pdf, "res_model": self._name, "res_id": self.id,
            "mimetype": "application/pdf" if ext == "pdf" else "text/html", "public": True,
        })
        with granted(self):
            self.attachment_id = attachment
        return attachment
