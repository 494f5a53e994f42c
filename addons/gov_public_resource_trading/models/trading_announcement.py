"""Announcements published on the public website and clarifications sent to every registered bidder."""
import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .trading_project import fmt_local, local_date, public_env

ANNOUNCEMENT_KINDS = [
    ("tender", "Tender Announcement (招标公告)"),
    ("correction", "Correction Notice (更正公告)"),
    ("opening", "Opening Record (开标记录)"),
    ("failure", "Failed Tender Notice (流标公告)"),
    ("candidates", "Candidate Publicity (中标候选人公示)"),
    ("result", "Award Result Notice (中标结果公告)"),
]


class GovTradingAnnouncement(models.Model):
    _name = "gov.trading.announcement"
    _description = "Trading Announcement"
    _inherit = ["mail.thread"]
    _order = "date_published desc, id desc"

    name = fields.Char("Title", required=True, tracking=True)
    project_id = fields.Many2one("gov.trading.project", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="project_id.company_id", store=True, index=True)
    lot_ids = fields.Many2many("gov.trading.lot", string="Lots")
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

    def action_withdraw(self):
        for rec in self:
            if rec.kind != "tender" or any(lot.state != "published" for lot in rec.lot_ids):
                raise UserError(self.env._("Only a tender announcement of a lot still open can be withdrawn."))
        self.write({"state": "withdrawn"})

    def unlink(self):
        if any(rec.state != "draft" for rec in self):
            raise UserError(self.env._("A published announcement is a public record: it cannot be deleted."))
        return super().unlink()


class GovTradingClarification(models.Model):
    _name = "gov.trading.clarification"
    _description = "Clarification or Amendment"
    _inherit = ["mail.thread"]
    _order = "date_published desc, id desc"

    name = fields.Char("Subject", required=True)
    lot_id = fields.Many2one("gov.trading.lot", required=True, ondelete="cascade", index=True)
    project_id = fields.Many2one(related="lot_id.project_id", store=True)
    company_id = fields.Many2one(related="lot_id.company_id", store=True)
    body = fields.Html("Clarification", required=True, sanitize=True,
                       help="Sent to every registered bidder; never names who asked.")
    question_ids = fields.Many2many("gov.trading.question", string="Answers the Questions")
    new_bid_deadline = fields.Datetime(
        "Move the Bid Deadline To",
        help="Required when the clarification is published less than the legal period (15 days for "
             "tenders) before the bid deadline.")
    state = fields.Selection([("draft", "Draft"), ("published", "Published")], default="draft", required=True,
                             tracking=True)
    date_published = fields.Datetime(readonly=True, copy=False)
    old_bid_deadline = fields.Datetime("Previous Deadline", readonly=True, copy=False)
    announcement_id = fields.Many2one("gov.trading.announcement", readonly=True, copy=False)

    def action_publish(self):
        Log = self.env["gov.trading.log"]
        for rec in self:
            lot = rec.lot_id
            if rec.state != "draft":
                continue
            if lot.state != "published":
                raise UserError(self.env._("Clarifications are published only while the lot is open for bids."))
            now = fields.Datetime.now()
            lead = lot._clarification_lead_days()
            deadline = lot.date_bid_deadline
            if rec.new_bid_deadline and rec.new_bid_deadline <= deadline:
                raise ValidationError(self.env._(
                    "The new bid deadline must be later than the current one (%(deadline)s).",
                    deadline=fmt_local(deadline)))
            effective = rec.new_bid_deadline or deadline
            days_left = (local_date(effective) - local_date(now)).days
            if days_left < lead:
                if rec.new_bid_deadline:
                    raise ValidationError(self.env._(
                        "A clarification published on %(today)s needs %(lead)s days before the bid deadline: move "
                        "it to %(earliest)s or later (招标投标法 第23条, 87号令 第27条).",
                        today=local_date(now), lead=lead,
                        earliest=local_date(now) + datetime.timedelta(days=lead)))
                raise ValidationError(self.env._(
                    "This clarification comes %(days)s days before the bid deadline %(deadline)s, less than the "
                    "%(lead)s days the law requires: it is refused unless it moves the deadline to %(earliest)s "
                    "or later (招标投标法 第23条, 87号令 第27条).",
                    days=days_left, deadline=fmt_local(deadline), lead=lead,
                    earliest=local_date(now) + datetime.timedelta(days=lead)))
            vals = {"state": "published", "date_published": now}
            if rec.new_bid_deadline:
                vals["old_bid_deadline"] = deadline
                lot_vals = {"date_bid_deadline": rec.new_bid_deadline}
                if lot.date_sale_end and lot.date_sale_end > rec.new_bid_deadline:
                    lot_vals["date_sale_end"] = rec.new_bid_deadline
                lot.with_context(gov_trading_amendment=True).write(lot_vals)
            announcement = self.env["gov.trading.announcement"].create({
                "name": public_env(self.env)._("Correction notice: %(project)s %(lot)s", project=lot.project_id.name,
                                   lot=lot.name),
                "project_id": lot.project_id.id, "lot_ids": [(6, 0, lot.ids)], "kind": "correction",
                "body": rec.body,
            })
            vals["announcement_id"] = announcement.id
            rec.write(vals)
            announcement.action_publish()
            rec.question_ids.filtered(lambda q: q.state == "open")._answer_by_clarification(rec)
            partners = lot.registration_ids.filtered(lambda r: r.state == "registered").bidder_id.partner_id
            lot.message_post(
                body=rec.body, subject=rec.name, partner_ids=partners.ids,
                message_type="comment", subtype_xmlid="mail.mt_comment",
            )
            Log._append("clarification_published", rec, lot=lot, payload={
                "subject": rec.name, "new_deadline": rec.new_bid_deadline, "old_deadline": vals.get(
                    "old_bid_deadline"), "recipients": len(partners)})

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
        self.attachment_id = attachment
        return attachment
