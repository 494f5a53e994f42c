"""Open data of a listing (挂牌): the lot's OCDS release carries the listing period, the starting price, the
number of bidders who quoted once the listing closed, and the result (the winner by name, the final price, the
confirmation's day, the contract). Bidders are known by their paddle number while the listing runs and the
names of those who did not win are never published; the reserve price (底价) never enters a release."""
from odoo import api, models


class GovTradingOcdsListing(models.AbstractModel):
    _inherit = "gov.trading.ocds"

    @api.model
    def _listing_of(self, lot):
        lot = lot.sudo()
        return lot.listing_ids[:1] if lot.procedure == "listing" else lot.env["gov.trading.listing"]

    @api.model
    def _result_known(self, lot):
        # the names of the other bidders of a listing are not published
        if self._listing_of(lot):
            return False
        return super()._result_known(lot)

    @api.model
    def _result(self, lot):
        listing = self._listing_of(lot)
        if not listing:
            return super()._result(lot)
        if listing.state not in ("sold", "contracted") or not listing.winner_registration_id:
            return None
        return {"supplier": listing.winner_registration_id.bidder_id.partner_id, "amount": listing.final_price,
                "date": listing.date_closed_day, "rank": 1,
                "date_signed": listing.date_contract if listing.state == "contracted" else None}

    @api.model
    def _release(self, lot, base_url=None):
        release = super()._release(lot, base_url=base_url)
        listing = self._listing_of(lot)
        if not listing or listing.state == "draft":
            return release
        company = lot.sudo().company_id
        tender = release["tender"]
        tender["value"] = self._value(listing.start_price, lot)
        tender["tenderPeriod"] = {"startDate": self._iso(listing.date_start, company),
                                  "endDate": self._iso(listing.date_end, company)}
        tender["enquiryPeriod"] = {"endDate": self._iso(listing.date_application_end, company)}
        tender["submissionMethod"] = ["electronicAuction"] if listing.state == "live_bidding" else [
            "electronicSubmission"]
        if listing.date_closed:
            tender["numberOfTenderers"] = len(listing.quote_ids.registration_id.bidder_id)
        return release
