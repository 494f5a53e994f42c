import datetime

from odoo import fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.gov_hall_base.tools.lang import center_env
from odoo.addons.gov_hall_base.tools.protect import protected_action

from .gov_trading_lot import fmt_local, local_date


class GovTradingClarification(models.Model):
    _name = "gov.trading.clarification"
    _description = "Clarification or Amendment"
    _inherit = ["mail.thread", "gov.trading.integrity.mixin"]
    _order = "date_published desc, id desc"
    _check_company_auto = True
    _protected_fields = ("state", "date_published", "old_bid_deadline", "announcement_id")

    name = fields.Char("Subject", required=True)
    lot_id = fields.Many2one("gov.trading.lot", required=True, ondelete="cascade", index=True)
    project_id = fields.Many2one(related="lot_id.project_id", store=True)
    company_id = fields.Many2one(related="lot_id.company_id", store=True)
    body = fields.Html("Clarification", required=True, sanitize=True,
                       help="Sent to every registered bidder; never names who asked.")
    question_ids = fields.Many2many("gov.trading.question", string="Answers the Questions", check_company=True)
    new_bid_deadline = fields.Datetime(
        "Move the Bid Deadline To",
        help="Required when the clarification is published less than the legal period (15 days for "
             "tenders) before the bid deadline.")
    state = fields.Selection([("draft", "Draft"), ("published", "Published")], default="draft", required=True,
                             tracking=True)
    date_published = fields.Datetime(readonly=True, copy=False)
    old_bid_deadline = fields.Datetime("Previous Deadline", readonly=True, copy=False)
    announcement_id = fields.Many2one("gov.trading.announcement", readonly=True, copy=False, check_company=True)

    def write(self, vals):
        if self.pool.ready and {"lot_id", "body", "name", "new_bid_deadline", "question_ids"} & set(vals) and \
                any(rec.state != "draft" for rec in self):
            self._gov_refuse_protected(sorted({"lot_id", "body", "name", "new_bid_deadline"} & set(vals)) or
                                       ["question_ids"])
        return super().write(vals)

    @protected_action("gov.trading.lot", "gov.trading.question")
    def action_publish(self):
        """Publish to every registered bidder; the one way a published timetable moves (inside the grant)."""
        self._check_trading_staff()
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
                    deadline=fmt_local(deadline, lot.company_id)))
            effective = rec.new_bid_deadline or deadline
            today = local_date(now, lot.company_id)
            days_left = (local_date(effective, lot.company_id) - today).days
            if days_left < lead:
                if rec.new_bid_deadline:
                    raise ValidationError(self.env._(
                        "A clarification published on %(today)s needs %(lead)s days before the bid deadline: "
                        "move it to %(earliest)s or later (Bidding Law, art. 23; MOF Order No. 87, art. 27).",
                        today=today, lead=lead, earliest=today + datetime.timedelta(days=lead)))
                raise ValidationError(self.env._(
                    "This clarification comes %(days)s days before the bid deadline %(deadline)s, less than "
                    "the %(lead)s days the law requires: it is refused unless it moves the deadline to "
                    "%(earliest)s or later (Bidding Law, art. 23; MOF Order No. 87, art. 27).",
                    days=days_left, deadline=fmt_local(deadline, lot.company_id), lead=lead,
                    earliest=today + datetime.timedelta(days=lead)))
            vals = {"state": "published", "date_published": now}
            if rec.new_bid_deadline:
                vals["old_bid_deadline"] = deadline
                lot_vals = {"date_bid_deadline": rec.new_bid_deadline}
                if lot.date_sale_end and lot.date_sale_end > rec.new_bid_deadline:
                    lot_vals["date_sale_end"] = rec.new_bid_deadline
                lot.write(lot_vals)
            announcement = self.env["gov.trading.announcement"].create({
                "name": center_env(lot).env._("Correction notice: %(project)s %(lot)s", project=lot.project_id.name,
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
