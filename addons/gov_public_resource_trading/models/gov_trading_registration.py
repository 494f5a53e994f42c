from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.gov_hall_base.tools.protect import granted

from .gov_trading_lot import fmt_local, local_date


class GovTradingRegistration(models.Model):
    _name = "gov.trading.registration"
    _description = "Registration for a Lot"
    _inherit = ["mail.thread", "gov.trading.integrity.mixin"]
    _order = "date_registered desc"
    _rec_name = "bidder_id"
    _protected_fields = ("state", "date_registered")
    _frozen_fields = ("bidder_id", "lot_id", "project_id", "company_id")

    bidder_id = fields.Many2one("gov.trading.bidder", required=True, ondelete="restrict", index=True)
    lot_id = fields.Many2one("gov.trading.lot", required=True, ondelete="cascade", index=True)
    project_id = fields.Many2one(related="lot_id.project_id", store=True)
    company_id = fields.Many2one(related="lot_id.company_id", store=True)
    date_registered = fields.Datetime(default=fields.Datetime.now, readonly=True, required=True)
    state = fields.Selection([("registered", "Registered"), ("cancelled", "Cancelled")],
                             default="registered", required=True, tracking=True)
    download_ids = fields.One2many("gov.trading.download", "registration_id", string="Downloads")
    deposit_ids = fields.One2many("gov.trading.deposit", "registration_id", string="Deposits")
    bid_ids = fields.One2many("gov.trading.bid", "registration_id", string="Bids")
    deposit_state = fields.Selection(related="deposit_ids.state", string="Deposit")
    download_count = fields.Integer(compute="_compute_download_count")

    _bidder_lot_uniq = models.Constraint("unique(bidder_id, lot_id)", "This bidder is already registered for the lot.")

    def _compute_download_count(self):
        for rec in self:
            rec.download_count = len(rec.download_ids)

    @api.model_create_multi
    def create(self, vals_list):
        """A bidder registers itself (portal route, under sudo: the request's user is checked)."""
        self._check_bidder_user(self.env["gov.trading.bidder"].browse(
            {vals.get("bidder_id") for vals in vals_list if vals.get("bidder_id")}))
        records = super().create(vals_list)
        now = fields.Datetime.now()
        for rec in records:
            lot, bidder = rec.lot_id, rec.bidder_id
            if bidder.state != "approved":
                raise UserError(self.env._(
                    "The account of %(name)s is not approved yet: it cannot register for a lot.", name=bidder.name))
            if bidder.blacklisted:
                raise UserError(self.env._("%(name)s is blacklisted and cannot take part.", name=bidder.name))
            if lot.state != "published":
                raise UserError(self.env._("%(lot)s is not open for registration.", lot=lot.name))
            if not (lot.date_sale_start <= now <= lot.date_sale_end):
                raise UserError(self.env._(
                    "Registration and document sale for %(lot)s run from %(start)s to %(end)s.",
                    lot=lot.name, start=fmt_local(lot.date_sale_start, lot.company_id),
                    end=fmt_local(lot.date_sale_end, lot.company_id)))
            deadline = local_date(lot.date_bid_deadline, lot.company_id)
            for qtype in lot.project_id.qualification_type_ids:
                ok = bidder.certificate_ids.filtered(
                    lambda c, q=qtype: c.type_id == q and c.state == "valid" and c.date_expiry >= deadline)
                if not ok:
                    raise UserError(self.env._(
                        "%(name)s has no verified %(qualification)s certificate valid until the bid deadline.",
                        name=bidder.name, qualification=qtype.name))
            self.env["gov.trading.log"]._append("registration", rec, lot=lot, payload={"bidder": bidder.uscc})
        return records

    def _log_download(self, attachment):
        """Record that this registration downloaded a tender document (with time and IP)."""
        self.ensure_one()
        self.env["gov.trading.download"]._check_bidder_user(self.sudo().bidder_id)
        if attachment not in self.sudo().lot_id.document_ids:
            raise UserError(self.env._("This document does not belong to the lot."))
        if self.state != "registered":
            raise UserError(self.env._("Only registered bidders download the tender documents."))
        with granted("gov.trading.download"):
            dl = self.env["gov.trading.download"].sudo().create({
                "registration_id": self.id, "attachment_id": attachment.id,
            })
        self.env["gov.trading.log"]._append("download", dl, lot=self.lot_id, payload={
            "document": attachment.name, "checksum": attachment.checksum})
        return dl
