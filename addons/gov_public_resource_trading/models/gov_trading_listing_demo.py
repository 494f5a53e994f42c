import datetime
import logging

from odoo import api, fields, models

from odoo.addons.gov_hall_base.tools.protect import granted

from ..tools import reserve_seal

_logger = logging.getLogger(__name__)


class GovTradingListingDemo(models.Model):
    _inherit = "gov.trading.listing"

    @api.model
    def _demo_listings(self):
        """Seed 004 (梅县区, 2014 上半年: 土地招拍挂交易): every land session of the demo history is a listing
        lot with its listing, sold at the recorded price; one land listing of today runs with three bidders."""
        models_ = ("gov.trading.listing", "gov.trading.lot", "gov.trading.project", "gov.trading.registration",
                   "gov.trading.deposit", "gov.trading.quote", "gov.trading.announcement")
        with granted(*models_):
            self = self.sudo()
            lots = self.env["gov.trading.lot"].search([("kind", "=", "land"), ("listing_ids", "=", False),
                                                       ("state", "=", "contracted")])
            vals_list = []
            for lot in lots:
                day = lot.date_sale_start
                start = day + datetime.timedelta(days=21)
                end = self._demo_end(start)
                price = lot.estimate_amount or lot.award_amount
                step = max(round(price * 0.01, -3), 1000.0)
                final = lot.award_amount if lot.award_amount >= price else price
                vals_list.append({
                    "lot_id": lot.id, "start_price": price, "increment": step, "deposit_amount": round(price * 0.2, 2),
                    "date_start": start, "date_end": end, "date_application_end": end - datetime.timedelta(days=3),
                    "date_deposit_cutoff": end - datetime.timedelta(days=3), "date_announced": day,
                    "state": "contracted", "date_closed": end, "date_closed_day": end.date(), "final_price": final,
                    "date_confirmation": end.date(), "date_result": end + datetime.timedelta(days=2),
                    "date_contract": lot.date_contract or (end + datetime.timedelta(days=7)).date(),
                })
            self.create(vals_list)
            return self._demo_running_listing()

    def _demo_end(self, start):
        """An end leaving at least 14 days and 11 working days of listing (holidays included)."""
        wd = self.env["gov.hall.calendar"].add_working_days(start.date(), 11)
        return max(start + datetime.timedelta(days=14), datetime.datetime.combine(wd, start.time()))

    def _demo_running_listing(self):
        """Seed 004: the land listing of today, three bidders quoting on the portal."""
        now = fields.Datetime.now()
        start = now - datetime.timedelta(days=3)
        end = self._demo_end(start)
        listing, regs = self._demo_rights_session("listing", {
            "tenderer": "梅州市梅县区自然资源局",
            "project": "梅县区新城片区MX2026-05号地块国有建设用地使用权挂牌出让",
            "description": "<p>宗地位于梅县区新县城文体中心以南，用途为商住用地，出让年限住宅70年、商业40年，"
                           "容积率不大于2.8。</p>",
            "lot": "MX2026-05号地块", "price": 36_800_000, "increment": 200_000, "reserve": 37_500_000,
            "announcement": "梅县区国有建设用地使用权挂牌出让公告（梅县土挂〔2026〕5号）",
            "date_start": start, "date_end": end, "date_application_end": end - datetime.timedelta(days=3),
        })
        Quote = self.env["gov.trading.quote"]
        for reg, amount in ((regs[0], 36_800_000), (regs[1], 37_000_000), (regs[2], 37_400_000),
                            (regs[1], 37_800_000)):
            Quote.create({"listing_id": listing.id, "registration_id": reg.id, "amount": amount})
        return listing

    def _demo_rights_session(self, procedure, values):
        """One builder for the demo's land sessions of today (a listing, or a lot auctioned directly): the
        project of ``procedure`` and its lot, the session with the reserve sealed by the transferor, announced
        25 days ago with its announcement, the three demo bidders applied with their deposits received.
        Returns the session and the registrations. Called inside the demo's grants."""
        env = self.env
        company = env.ref("base.main_company")
        now = fields.Datetime.now()
        price = values["price"]
        tenderer = env["res.partner"].create({"name": values["tenderer"], "is_company": True,
                                              "company_id": company.id})
        project = env["gov.trading.project"].create({
            "name": values["project"], "kind": "land", "method": procedure, "company_id": company.id,
            "tenderer_id": tenderer.id, "estimate_amount": price, "description": values["description"],
        })
        lot = env["gov.trading.lot"].create({
            "project_id": project.id, "name": values["lot"], "estimate_amount": price,
            "scoring_method": "lowest_price", "criterion_ids": [],
        })
        deposit = round(price * 0.2, 2)
        close = values["date_application_end"]
        listing = self.create({
            "lot_id": lot.id, "start_price": price, "increment": values["increment"], "deposit_amount": deposit,
            "date_start": values["date_start"], "date_end": values["date_end"], "date_application_end": close,
            "date_deposit_cutoff": close, "transferor_user_id": env.ref("base.user_admin").id,
            "qualification_mode": "after",
        })
        sealed, key = reserve_seal.seal(listing.id, values["reserve"])
        listing.write({"reserve_ciphertext": sealed["ciphertext"], "reserve_nonce": sealed["nonce"],
                       "reserve_commitment": sealed["commitment"]})
        announced = now - datetime.timedelta(days=25)
        # the bidders applied while applications were open (an auction's closed before it started)
        lot.write({"state": "published", "date_sale_start": announced, "date_sale_end": now + datetime.timedelta(minutes=5),
                   "date_bid_deadline": listing.date_end})
        project.write({"state": "registered"})
        regs = env["gov.trading.registration"]
        for xmlid in ("bidder_xinda", "bidder_gandong", "bidder_office"):
            bidder = env.ref(f"gov_public_resource_trading.{xmlid}")
            reg = env["gov.trading.registration"].create({"bidder_id": bidder.id, "lot_id": lot.id})
            dep = env["gov.trading.deposit"].create({"registration_id": reg.id, "amount": deposit,
                                                     "bank_reference": reg.listing_virtual_account})
            dep.write({"state": "received", "date_received": fields.Date.context_today(self),
                       "date_paid": min(now - datetime.timedelta(days=2), close - datetime.timedelta(hours=1))})
            regs |= reg
        listing.write({"state": "announced", "date_announced": announced})
        lot.write({"date_sale_end": close})
        ann = env["gov.trading.announcement"].create({
            "name": values["announcement"], "project_id": project.id, "lot_ids": [(6, 0, lot.ids)],
            "kind": "listing", "body": listing._announcement_body()})
        ann._publish()
        # the key stays with the transferor: in the demo it is only written to the server log
        _logger.info("demo %s %s: the transferor's reserve key is %s", procedure, listing.id, key)
        return listing, regs
