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
        env = self.env
        company = env.ref("base.main_company")
        now = fields.Datetime.now()
        tenderer = env["res.partner"].create({"name": "梅州市梅县区自然资源局", "is_company": True,
                                              "company_id": company.id})
        project = env["gov.trading.project"].create({
            "name": "梅县区新城片区MX2026-05号地块国有建设用地使用权挂牌出让", "kind": "land", "method": "listing",
            "company_id": company.id, "tenderer_id": tenderer.id, "estimate_amount": 36_800_000,
            "description": "<p>宗地位于梅县区新县城文体中心以南，用途为商住用地，出让年限住宅70年、商业40年，"
                           "容积率不大于2.8。</p>",
        })
        lot = env["gov.trading.lot"].create({
            "project_id": project.id, "name": "MX2026-05号地块", "estimate_amount": 36_800_000,
            "scoring_method": "lowest_price", "criterion_ids": [],
        })
        start = now - datetime.timedelta(days=3)
        end = self._demo_end(start)
        listing = self.create({
            "lot_id": lot.id, "start_price": 36_800_000, "increment": 200_000, "deposit_amount": 7_360_000,
            "date_start": start, "date_end": end, "date_application_end": end - datetime.timedelta(days=3),
            "date_deposit_cutoff": end - datetime.timedelta(days=3),
            "transferor_user_id": env.ref("base.user_admin").id, "qualification_mode": "after",
        })
        sealed, key = reserve_seal.seal(listing.id, 37_500_000)
        listing.write({"reserve_ciphertext": sealed["ciphertext"], "reserve_nonce": sealed["nonce"],
                       "reserve_commitment": sealed["commitment"]})
        announced = now - datetime.timedelta(days=25)
        listing.write({"state": "announced", "date_announced": announced})
        lot.write({"state": "published", "date_sale_start": announced, "date_sale_end": listing.date_application_end,
                   "date_bid_deadline": listing.date_end})
        project.write({"state": "registered"})
        ann = env["gov.trading.announcement"].create({
            "name": "梅县区国有建设用地使用权挂牌出让公告（梅县土挂〔2026〕5号）", "project_id": project.id,
            "lot_ids": [(6, 0, lot.ids)], "kind": "listing", "body": listing._announcement_body()})
        ann._publish()
        bidders = [env.ref("gov_public_resource_trading.bidder_xinda"),
                   env.ref("gov_public_resource_trading.bidder_gandong"),
                   env.ref("gov_public_resource_trading.bidder_office")]
        regs = env["gov.trading.registration"]
        for bidder in bidders:
            reg = env["gov.trading.registration"].create({"bidder_id": bidder.id, "lot_id": lot.id})
            dep = env["gov.trading.deposit"].create({"registration_id": reg.id, "amount": 7_360_000,
                                                     "bank_reference": reg.listing_virtual_account})
            dep.write({"state": "received", "date_received": fields.Date.context_today(self),
                       "date_paid": now - datetime.timedelta(days=2)})
            regs |= reg
        Quote = env["gov.trading.quote"]
        for reg, amount in ((regs[0], 36_800_000), (regs[1], 37_000_000), (regs[2], 37_400_000),
                            (regs[1], 37_800_000)):
            Quote.create({"listing_id": listing.id, "registration_id": reg.id, "amount": amount})
        # the key stays with the transferor: in the demo it is only written to the server log
        _logger.info("demo listing %s: the transferor's reserve key is %s", listing.id, key)
        return listing
