"""Open data: every public lot as an Open Contracting Data Standard 1.1 release (tender, the number of
tenderers, awards, contracts), in a release package. The schemas the output follows are pinned in
data/ocds/ (1.1.5); the tests validate against them.

Nothing leaves before its time (招标投标法 第22条): before the opening a release has no count and no name
of bidders; the count comes with the opening, the names of the tenderers with the result, the suppliers
with the award. Only the fields named here are read: the reserve price of a sale, the deposits, the sealed
bids and their prices never enter a release. The ocid is the center's prefix (registered with the Open
Contracting Partnership) and the lot number."""
import hashlib
import re
from datetime import datetime, time

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.gov_hall_base.tools.dates import center_tz, from_center
from odoo.addons.gov_hall_base.tools.lang import center_lang

OCDS_VERSION = "1.1"
PREFIX_RE = re.compile(r"^ocds-[a-z0-9]{6}$")
USCC_SCHEME = "CN-SAMR"  # org-id.guide: the unified social credit code of the market regulator
# lot state -> (tender status, release tag); states of other trading flows fall back to an open tender
TENDER_STAGES = {
    "published": ("active", "tender"),
    "decrypting": ("active", "tenderUpdate"),
    "evaluation": ("active", "tenderUpdate"),
    "publicity": ("active", "tenderUpdate"),
    "awarded": ("complete", "award"),
    "contracted": ("complete", "contract"),
    "failed": ("unsuccessful", "tenderUpdate"),
    "cancel": ("cancelled", "tenderCancellation"),
}
# project method -> OCDS method codelist (open, selective, limited, direct)
METHODS = {
    "open": "open",
    "invited": "selective",
    "negotiation": "limited",
    "consultation": "limited",
    "inquiry": "limited",
    "single_source": "direct",
    "auction": "open",
    "listing": "open",
}
CATEGORIES = {"construction": "works"}
AWARD_CRITERIA = {"lowest_price": "priceOnly", "comprehensive": "ratedCriteria"}
DOCUMENT_TYPES = {
    "tender": "tenderNotice",
    "correction": "clarifications",
    "opening": "bidders",
    "failure": "cancellationDetails",
    "candidates": "evaluationReports",
    "result": "awardNotice",
}
# a bid that took part in the opening (withdrawn after the opening: a failure of the platform)
OPENED_BID_STATES = ("submitted", "decrypted", "revoked")


class ResCompany(models.Model):
    _inherit = "res.company"

    gov_ocds_prefix = fields.Char(
        "OCDS Prefix",
        help="The ocid prefix registered for this center with the Open Contracting Partnership (ocds- and 6 "
             "letters or digits). Each lot's open data is identified by this prefix and its lot number; until it "
             "is entered, a provisional prefix derived from the database and the center is used.")

    @api.constrains("gov_ocds_prefix")
    def _check_gov_ocds_prefix(self):
        for company in self:
            if company.gov_ocds_prefix and not PREFIX_RE.match(company.gov_ocds_prefix):
                raise ValidationError(self.env._(
                    "The OCDS prefix %(prefix)s is not valid: it is ocds- followed by the 6 lowercase letters or "
                    "digits registered with the Open Contracting Partnership, e.g. ocds-a1b2c3.",
                    prefix=company.gov_ocds_prefix))

    def _gov_ocds_prefix(self):
        """The registered prefix, else a stable provisional one (the same for this center and database)."""
        self.ensure_one()
        if self.gov_ocds_prefix:
            return self.gov_ocds_prefix
        uuid = self.env["ir.config_parameter"].sudo().get_param("database.uuid", "")
        return "ocds-" + hashlib.sha256(f"{uuid}:{self.id}".encode()).hexdigest()[:6]


class GovTradingPublicationRegistry(models.AbstractModel):
    _inherit = "gov.trading.publication"

    @api.model
    def _publication_formats(self):
        return dict(super()._publication_formats(), ocds="gov.trading.ocds")


class GovTradingOcds(models.AbstractModel):
    _name = "gov.trading.ocds"
    _description = "OCDS Releases of Trading Lots"

    # -- values ----------------------------------------------------------------------------------------
    @api.model
    def _iso(self, value, company):
        """A UTC datetime as ISO 8601 with the center's offset."""
        if not value:
            return None
        aware = pytz.utc.localize(fields.Datetime.to_datetime(value))
        return aware.astimezone(center_tz(company)).isoformat(timespec="seconds")

    @api.model
    def _iso_day(self, day, company):
        """A day at the center (a Date) as the ISO 8601 start of that day with the center's offset."""
        if not day:
            return None
        return center_tz(company).localize(datetime.combine(day, time.min)).isoformat(timespec="seconds")

    @api.model
    def _value(self, amount, lot):
        currency = lot.currency_id
        return {"amount": currency.round(amount or 0.0) if currency else amount or 0.0,
                "currency": currency.name or "CNY"}

    @api.model
    def _ocid(self, lot):
        return f"{lot.company_id._gov_ocds_prefix()}-{lot.code}"

    @api.model
    def _language(self, lot):
        return center_lang(self.env, lot.company_id).split("_")[0].lower()

    # -- parties -----------------------------------------------------------------------------------------
    @api.model
    def _party_id(self, partner, lot):
        """The organisation's unified social credit code under the org-id scheme, else a number of this
        center's prefix; never the number of a natural person's identity card."""
        if partner.gov_id_type == "uscc" and partner.gov_id_number:
            return f"{USCC_SCHEME}-{partner.gov_id_number}"
        return f"{lot.company_id._gov_ocds_prefix()}-org-{partner.id}"

    @api.model
    def _party(self, partner, lot, roles):
        party = {"id": self._party_id(partner, lot), "name": partner.name, "roles": list(roles)}
        if partner.gov_id_type == "uscc" and partner.gov_id_number:
            party["identifier"] = {"scheme": USCC_SCHEME, "id": partner.gov_id_number, "legalName": partner.name}
        return party

    @api.model
    def _reference(self, party):
        return {"id": party["id"], "name": party["name"]}

    # -- what is public when -------------------------------------------------------------------------
    @api.model
    def _opened_bids(self, lot):
        """The bids of the opening, once it took place; before it, nothing (not even how many)."""
        if not lot.date_opened:
            return lot.env["gov.trading.bid"]
        return lot.bid_ids.filtered(lambda b: b.state in OPENED_BID_STATES or (
            b.state == "withdrawn" and b.date_withdrawn and b.date_withdrawn >= lot.date_opened))

    @api.model
    def _result_known(self, lot):
        """The names of the tenderers are published with the result: the award, or the failure after the
        opening."""
        return bool(lot.date_opened) and (bool(lot.winner_bid_id) or lot.state == "failed")

    @api.model
    def _announcements(self, lot):
        return lot.env["gov.trading.announcement"].sudo().search(
            [("lot_ids", "in", lot.ids), ("date_published", "!=", False), ("state", "in", ("published", "withdrawn"))],
            order="date_published, id")

    @api.model
    def _result(self, lot):
        """The award of the lot once published: ``{supplier (res.partner), amount, date, rank, date_signed}``
        (``rank``: the candidate awarded, 1 unless the first dropped out; ``date_signed``: the contract's day,
        or None), else None. A trading flow with its own result (a listing) extends this."""
        winner = lot.winner_bid_id
        if not (winner and lot.date_award):
            return None
        return {"supplier": winner.bidder_id.partner_id, "amount": lot.award_amount, "date": lot.date_award,
                "rank": winner.rank or 1,
                "date_signed": lot.date_contract if lot.state == "contracted" and lot.date_contract else None}

    # -- the release ----------------------------------------------------------------------------------
    @api.model
    def _documents(self, announcements, lot, base_url, language):
        docs = []
        for ann in announcements.filtered(lambda a: a.state == "published"):
            docs.append({
                "id": f"announcement-{ann.id}", "documentType": DOCUMENT_TYPES.get(ann.kind, "tenderNotice"),
                "title": ann.name, "url": base_url + ann.website_url, "format": "text/html",
                "datePublished": self._iso(ann.date_published, lot.company_id), "language": language,
            })
        return docs

    @api.model
    def _release(self, lot, base_url=None):
        """The OCDS release of the public lot ``lot`` (read under sudo by the caller's check)."""
        lot = lot.sudo()
        company, project = lot.company_id, lot.project_id
        base_url = base_url or lot.get_base_url()
        ocid = self._ocid(lot)
        language = self._language(lot)
        status, tag = TENDER_STAGES.get(lot.state, ("active", "tenderUpdate"))
        announcements = self._announcements(lot)
        if tag == "tender" and "correction" in announcements.mapped("kind"):
            tag = "tenderAmendment"
        stamps = announcements.mapped("date_published") + [lot.create_date]
        for day in (lot.date_award, lot.state == "contracted" and lot.date_contract):
            if day:
                stamps.append(from_center(datetime.combine(day, time.min), company))
        date = max(stamps)

        parties = {}

        def add(partner, role):
            party = parties.setdefault(partner.id, self._party(partner, lot, []))
            if role not in party["roles"]:
                party["roles"].append(role)
            return party

        buyer = add(project.tenderer_id, "buyer")
        procuring = add(project.agency_id, "procuringEntity") if project.agency_id else add(
            project.tenderer_id, "procuringEntity")
        methods = dict(project._fields["method"]._description_selection(
            self.with_context(lang=center_lang(self.env, company)).env))
        tender = {
            "id": lot.code,
            "title": f"{project.name} {lot.name}",
            "status": status,
            "procuringEntity": self._reference(procuring),
            "value": self._value(lot.estimate_amount, lot),
            "procurementMethod": METHODS.get(project.method, "open"),
            "procurementMethodDetails": methods.get(project.method, project.method),
            "submissionMethod": ["electronicSubmission"],
        }
        category = project.procurement_category if project.kind == "procurement" else CATEGORIES.get(project.kind)
        if category:
            tender["mainProcurementCategory"] = category
        if project.method in ("auction", "listing"):
            tender["awardCriteria"] = "priceOnly"
        elif lot.scoring_method in AWARD_CRITERIA:
            tender["awardCriteria"] = AWARD_CRITERIA[lot.scoring_method]
        if lot.date_sale_start or lot.date_bid_deadline:
            tender["tenderPeriod"] = {k: v for k, v in (
                ("startDate", self._iso(lot.date_sale_start, company)),
                ("endDate", self._iso(lot.date_bid_deadline, company))) if v}
        opened = self._opened_bids(lot)
        if lot.date_opened:
            tender["numberOfTenderers"] = len(opened.bidder_id)
        if self._result_known(lot):
            tender["tenderers"] = [self._reference(add(bidder.partner_id, "tenderer"))
                                   for bidder in opened.bidder_id.sorted("id")]
        award_docs = announcements.filtered(lambda a: a.kind == "result")
        tender_docs = self._documents(announcements - award_docs, lot, base_url, language)
        if tender_docs:
            tender["documents"] = tender_docs

        release = {
            "ocid": ocid,
            "id": f"{ocid}-{tag}-{date:%Y%m%dT%H%M%S}",
            "date": self._iso(date, company),
            "tag": [tag],
            "initiationType": "tender",
            "language": language,
            "buyer": self._reference(buyer),
            "tender": tender,
        }
        prior = lot.retender_of_id
        if prior and prior.code:
            release["relatedProcesses"] = [{
                "id": "1", "relationship": ["unsuccessfulProcess"], "title": f"{prior.project_id.name} {prior.name}",
                "scheme": "ocid", "identifier": self._ocid(prior)}]
        result = self._result(lot)
        if result:
            supplier = add(result["supplier"], "supplier")
            award = {
                "id": f"{lot.code}-award-{result['rank']}",
                "title": tender["title"],
                "status": "active",
                "date": self._iso_day(result["date"], company),
                "value": self._value(result["amount"], lot),
                "suppliers": [self._reference(supplier)],
            }
            award = {k: v for k, v in award.items() if v is not None}
            docs = self._documents(award_docs, lot, base_url, language)
            if docs:
                award["documents"] = docs
            release["awards"] = [award]
            if result["date_signed"]:
                release["contracts"] = [{
                    "id": f"{lot.code}-contract-{result['rank']}",
                    "awardID": award["id"],
                    "title": tender["title"],
                    "status": "active",
                    "value": self._value(result["amount"], lot),
                    "dateSigned": self._iso_day(result["date_signed"], company),
                }]
        release["parties"] = list(parties.values())
        return release

    # -- the format's interface (gov.trading.publication) ------------------------------------------
    @api.model
    def _export_lot(self, lot, url):
        """The release package of the one lot (OCDS publishes releases in packages)."""
        return self._package([self._release(lot)], url, lot.company_id)

    @api.model
    def _package(self, releases, url, company):
        partner = company.partner_id
        publisher = {"name": company.name}
        if partner.gov_id_type == "uscc" and partner.gov_id_number:
            publisher.update(scheme=USCC_SCHEME, uid=partner.gov_id_number)
        dates = [r["date"] for r in releases]
        return {
            "uri": url,
            "version": OCDS_VERSION,
            "publishedDate": max(dates, key=datetime.fromisoformat) if dates else self._iso(
                fields.Datetime.now(), company),
            "publisher": publisher,
            "releases": releases,
        }

    @api.model
    def _export_page(self, lots, page, url, next_url=None, prev_url=None):
        base_url = self.get_base_url()
        package = self._package([self._release(lot, base_url) for lot in lots], url, self.env.company)
        links = {k: v for k, v in (("next", next_url), ("prev", prev_url)) if v}
        if links:
            package["links"] = links
        return package
