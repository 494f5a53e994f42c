"""Open data (issue 13): every public lot as an OCDS 1.1 release, validated with jsonschema against the
release-package and release schemas pinned in data/ocds/ (the package's $ref to the release schema is
mapped to the local copy; nothing is fetched), with the values of a lot taken through the opening, the
award and the contract; no bidder before the opening; pages; bad addresses answered 404 in JSON."""
import hashlib
import json
import pathlib
import re
from datetime import timedelta

from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import freeze_time

from ..models.gov_trading_publication import PAGE_SIZE_PARAM
from .common import TradingCase
from .test_expert_draw import run_draw
from .test_listing import END, START, ListingCase

SCHEMAS = pathlib.Path(__file__).resolve().parent.parent / "data" / "ocds"
RELEASE_SCHEMA = json.loads((SCHEMAS / "release-schema.json").read_text())
PACKAGE_SCHEMA = json.loads((SCHEMAS / "release-package-schema.json").read_text())
PINNED = "https://standard.open-contracting.org/schema/1__1__5/"
# the package refers to the release schema by its published address: the registry serves the local copy, and
# a registry without a retriever cannot fetch anything else
REGISTRY = Registry().with_resource(RELEASE_SCHEMA["id"],
                                    Resource.from_contents(RELEASE_SCHEMA, default_specification=DRAFT4))
PACKAGE_VALIDATOR = Draft4Validator(PACKAGE_SCHEMA, registry=REGISTRY, format_checker=Draft4Validator.FORMAT_CHECKER)
RELEASE_VALIDATOR = Draft4Validator(RELEASE_SCHEMA, format_checker=Draft4Validator.FORMAT_CHECKER)
ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


@tagged("post_install", "-at_install")
class TestOcds(TradingCase, HttpCase):

    def assertValid(self, package):
        """The package and each of its releases are valid, and every date carries its time zone."""
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in PACKAGE_VALIDATOR.iter_errors(package)]
        for release in package["releases"]:
            errors += [f"{release['ocid']} {'/'.join(map(str, e.absolute_path))}: {e.message}"
                       for e in RELEASE_VALIDATOR.iter_errors(release)]
        self.assertFalse(errors, "\n".join(errors))
        self.assertEqual(package["version"], "1.1")
        dates = [package["publishedDate"]] + [r["date"] for r in package["releases"]]
        for release in package["releases"]:
            dates += [d for d in (release["tender"].get("tenderPeriod") or {}).values()]
            dates += [a["date"] for a in release.get("awards", []) if "date" in a]
            dates += [c["dateSigned"] for c in release.get("contracts", []) if "dateSigned" in c]
        for value in dates:
            self.assertRegex(value, ISO)

    def get_json(self, url, status=200):
        response = self.url_open(url)
        self.assertEqual(response.status_code, status, response.text[:300])
        self.assertTrue(response.headers["Content-Type"].startswith("application/json"))
        self.assertNotIn("Traceback", response.text)
        return response.json()

    def lot_package(self, lot):
        package = self.get_json(f"/trading/ocds/lot/{lot.id}.json")
        self.assertValid(package)
        self.assertEqual(len(package["releases"]), 1)
        self.assertTrue(package["uri"].endswith(f"/trading/ocds/lot/{lot.id}.json"))
        return package["releases"][0]

    def test_pinned_schemas(self):
        # the copies are the published 1.1.5 files, unchanged (data/ocds/README.md)
        self.assertEqual(hashlib.sha256((SCHEMAS / "release-schema.json").read_bytes()).hexdigest(),
                         "fac192e1ccfb061f5164bdb2d64c29e517c0f81661996b97de40cebc55a2c1bc")
        self.assertEqual(hashlib.sha256((SCHEMAS / "release-package-schema.json").read_bytes()).hexdigest(),
                         "06577cec73cc16eca0cac331a7ea9ee9cd684b21c55f5f0711f7442623153698")
        self.assertEqual(RELEASE_SCHEMA["id"], PINNED + "release-schema.json")
        self.assertEqual(PACKAGE_SCHEMA["id"], PINNED + "release-package-schema.json")
        self.assertEqual(PACKAGE_SCHEMA["properties"]["releases"]["items"]["$ref"], RELEASE_SCHEMA["id"])
        Draft4Validator.check_schema(RELEASE_SCHEMA)
        Draft4Validator.check_schema(PACKAGE_SCHEMA)
        # the validators do check: a release without its ocid is refused by both
        broken = {"id": "x", "date": "2026-03-02T10:00:00+08:00", "tag": ["tender"], "initiationType": "tender"}
        self.assertTrue(list(RELEASE_VALIDATOR.iter_errors(broken)))
        self.assertTrue(list(PACKAGE_VALIDATOR.iter_errors({
            "uri": "http://x/p", "version": "1.1", "publishedDate": broken["date"], "publisher": {"name": "x"},
            "releases": [broken]})))

    def test_prefix_per_center(self):
        with self.assertRaisesRegex(ValidationError, "ocds-"):
            self.center.gov_ocds_prefix = "OCDS-12"
        provisional = self.center._gov_ocds_prefix()
        self.assertRegex(provisional, r"^ocds-[a-z0-9]{6}$")
        self.assertEqual(provisional, self.center._gov_ocds_prefix(), "stable")
        self.assertNotEqual(provisional, self.center2._gov_ocds_prefix())
        self.center.gov_ocds_prefix = "ocds-t3st01"
        _project, lot = self.make_project()
        self.publish(lot)
        release = self.env["gov.trading.ocds"]._release(lot)
        self.assertEqual(release["ocid"], f"ocds-t3st01-{lot.code}")
        self.assertTrue(release["id"].startswith(release["ocid"] + "-tender-"))

    def test_lot_through_opening_award_and_contract(self):
        self.center.gov_ocds_prefix = "ocds-sr0001"
        project, lot = self.make_project(kind="procurement", estimate=1_000_000, deposit=0, criteria=False,
                                         scoring_method="lowest_price")
        self.publish(lot)
        regs = self.register(lot)
        keys = [self.seal_bid(reg, price) for reg, price in zip(regs, (980_000, 950_000, 990_000))]
        names = regs.bidder_id.mapped("name")
        ocid = f"ocds-sr0001-{lot.code}"

        # tendering, three sealed bids: nothing about them (招标投标法 第22条)
        release = self.lot_package(lot)
        self.assertEqual(release["ocid"], ocid)
        self.assertEqual(release["tag"], ["tender"])
        tender = release["tender"]
        self.assertEqual(tender["id"], lot.code)
        self.assertEqual(tender["status"], "active")
        self.assertEqual(tender["value"], {"amount": 1_000_000, "currency": "CNY"})
        self.assertEqual(tender["procurementMethod"], "open")
        self.assertEqual(tender["mainProcurementCategory"], "goods")
        self.assertEqual(tender["tenderPeriod"], {"startDate": "2026-03-02T10:00:00+08:00",
                                                  "endDate": "2026-03-27T10:00:00+08:00"})
        self.assertNotIn("numberOfTenderers", tender)
        self.assertNotIn("tenderers", tender)
        self.assertNotIn("awards", release)
        self.assertEqual([p["roles"] for p in release["parties"]], [["buyer", "procuringEntity"]])
        self.assertEqual(release["buyer"]["name"], self.tenderer.name)
        self.assertEqual([d["documentType"] for d in tender["documents"]], ["tenderNotice"])
        text = json.dumps(release, ensure_ascii=False)
        for name in names:
            self.assertNotIn(name, text)
        for uscc in regs.bidder_id.mapped("uscc"):
            self.assertNotIn(uscc, text)

        # the opening: the count is public, the names wait for the result
        self.open_lot(lot)
        with freeze_time(lot.date_bid_deadline + timedelta(minutes=5)):
            for bid, key in keys:
                self.decrypt(bid, key)
        self.assertEqual(lot.state, "evaluation")
        release = self.lot_package(lot)
        self.assertEqual(release["tag"], ["tenderUpdate"])
        self.assertEqual(release["tender"]["numberOfTenderers"], 3)
        self.assertNotIn("tenderers", release["tender"])
        text = json.dumps(release, ensure_ascii=False)
        for name in names:
            self.assertNotIn(name, text)
        for price in ("980000", "950000", "990000"):
            self.assertNotIn(price, text.replace(".0", ""))

        # evaluation and award (87号令: the procurer confirms the lowest price)
        spec = self.env["gov.trading.specialty"].create({"name": "办公设备"})
        self.env["gov.trading.expert"].create([{"name": f"专家{i}", "specialty_ids": [(6, 0, spec.ids)]}
                                               for i in range(5)])
        draw = self.env["gov.trading.expert.draw"].create({"lot_id": lot.id, "specialty_id": spec.id,
                                                           "committee_size": 5})
        report_time = lot.date_bid_deadline + timedelta(hours=2)
        with freeze_time(report_time):
            run_draw(draw, self.supervisor)
            lot.action_start_evaluation()
            draw.member_ids.action_sign()
            lot.action_award()
        self.assertEqual(lot.state, "awarded")
        winner = lot.winner_id
        release = self.lot_package(lot)
        self.assertEqual(release["tag"], ["award"])
        self.assertEqual(release["tender"]["status"], "complete")
        self.assertEqual(len(release["tender"]["tenderers"]), 3)
        self.assertEqual(sorted(t["name"] for t in release["tender"]["tenderers"]), sorted(names))
        [award] = release["awards"]
        self.assertEqual(award["id"], f"{lot.code}-award-1")
        self.assertEqual(award["status"], "active")
        self.assertEqual(award["value"], {"amount": 950_000, "currency": "CNY"})
        self.assertEqual(award["suppliers"], [{"id": f"CN-SAMR-{winner.uscc}", "name": winner.name}])
        self.assertEqual(award["date"], f"{lot.date_award}T00:00:00+08:00")
        self.assertEqual([d["documentType"] for d in award["documents"]], ["awardNotice"])
        parties = {p["id"]: p for p in release["parties"]}
        self.assertEqual(parties[f"CN-SAMR-{winner.uscc}"]["roles"], ["tenderer", "supplier"])
        self.assertEqual(parties[f"CN-SAMR-{winner.uscc}"]["identifier"],
                         {"scheme": "CN-SAMR", "id": winner.uscc, "legalName": winner.name})
        self.assertNotIn("contracts", release)

        # the contract
        lot.date_contract = lot.date_award + timedelta(days=10)
        lot.action_record_contract()
        release = self.lot_package(lot)
        self.assertEqual(release["tag"], ["contract"])
        [contract] = release["contracts"]
        self.assertEqual(contract["id"], f"{lot.code}-contract-1")
        self.assertEqual(contract["awardID"], f"{lot.code}-award-1")
        self.assertEqual(contract["value"], {"amount": 950_000, "currency": "CNY"})
        self.assertEqual(contract["status"], "active")
        self.assertEqual(contract["dateSigned"], f"{lot.date_contract}T00:00:00+08:00")
        self.assertTrue(release["id"].startswith(f"{ocid}-contract-"))

        # the lot is in the list, with the same release
        self.env["ir.config_parameter"].sudo().set_param(PAGE_SIZE_PARAM, 1000)
        package = self.get_json("/trading/ocds/releases.json")
        self.assertValid(package)
        self.assertEqual([r for r in package["releases"] if r["ocid"] == ocid], [release])

    def test_pages_and_bad_addresses(self):
        lots = self.env["gov.trading.lot"]
        for _i in range(3):
            _project, lot = self.make_project()
            self.publish(lot)
            lots |= lot
        _project, draft = self.make_project()
        _project, cancelled = self.make_project()
        cancelled.action_cancel()
        public = self.env["gov.trading.lot"].sudo().search(
            self.env["gov.trading.publication"]._public_lots_domain())
        self.assertLessEqual(lots, public)
        self.assertFalse((draft | cancelled) & public)
        self.env["ir.config_parameter"].sudo().set_param(PAGE_SIZE_PARAM, 2)
        ocids, url, pages = [], "/trading/ocds/releases.json", 0
        while url and pages < 1000:
            package = self.get_json(url)
            self.assertValid(package)
            self.assertLessEqual(len(package["releases"]), 2)
            self.assertEqual("prev" in package.get("links", {}), pages > 0)
            ocids += [r["ocid"] for r in package["releases"]]
            url = package.get("links", {}).get("next")
            pages += 1
        self.assertEqual(pages, (len(public) + 1) // 2)
        self.assertEqual(len(ocids), len(set(ocids)))
        self.assertEqual(set(ocids), {self.env["gov.trading.ocds"]._ocid(lot) for lot in public})
        self.assertEqual(len(ocids), len(public))
        # past the last page, bad pages, bad ids, lots not public: JSON errors, never a traceback
        body = self.get_json(f"/trading/ocds/releases.json?page={pages + 1}", status=404)
        self.assertEqual(body["code"], "not_found")
        for page in ("0", "-1", "abc", "1.5", "9" * 30):
            self.assertEqual(self.get_json(f"/trading/ocds/releases.json?page={page}", status=400)["code"],
                             "bad_request")
        for ref in ("abc", "0", "-3", "999999999", "9" * 30, str(draft.id), str(cancelled.id), "1e3"):
            self.assertEqual(self.get_json(f"/trading/ocds/lot/{ref}.json", status=404)["code"], "not_found")
        self.assertEqual(self.lot_package(lots[0])["ocid"], self.env["gov.trading.ocds"]._ocid(lots[0]))

    def test_formats_registry(self):
        Publication = self.env["gov.trading.publication"]
        self.assertEqual(Publication._publication_formats().get("ocds"), "gov.trading.ocds")
        self.assertIsNone(Publication._format("no-such-format"))
        _project, lot = self.make_project()
        self.publish(lot)
        package = Publication._export_lot("ocds", lot, "http://example.org/trading/ocds/lot/1.json")
        self.assertValid(package)

    def test_failed_lot_and_its_retender(self):
        _project, lot = self.make_project()
        self.publish(lot)
        regs = self.register(lot, self.bidders[:2])
        for reg, price in zip(regs, (12_000_000, 12_100_000)):
            self.seal_bid(reg, price)
        self.open_lot(lot)  # 2 bids, fewer than 3: the lot fails at the opening (招标投标法 第28条)
        self.assertEqual(lot.state, "failed")
        release = self.lot_package(lot)
        self.assertEqual(release["tender"]["status"], "unsuccessful")
        self.assertEqual(release["tender"]["numberOfTenderers"], 2)
        self.assertEqual(sorted(t["name"] for t in release["tender"]["tenderers"]),
                         sorted(regs.bidder_id.mapped("name")))
        self.assertNotIn("awards", release)
        self.assertIn("cancellationDetails", [d["documentType"] for d in release["tender"]["documents"]])
        new = self.env["gov.trading.lot"].browse(lot.action_retender()["res_id"])
        new.write({"date_sale_start": lot.date_sale_start, "date_sale_end": lot.date_sale_end,
                   "date_bid_deadline": lot.date_bid_deadline})
        self.publish(new)
        release = self.lot_package(new)
        self.assertEqual(release["relatedProcesses"], [{
            "id": "1", "relationship": ["unsuccessfulProcess"], "title": f"{lot.project_id.name} {lot.name}",
            "scheme": "ocid", "identifier": release["ocid"].replace(new.code, lot.code)}])
        self.assertNotIn("numberOfTenderers", release["tender"])


@tagged("post_install", "-at_install")
class TestListingOcds(ListingCase, HttpCase):
    """A listing's release: its period and starting price, the number of bidders who quoted after the close,
    the winner and the final price as the award, the contract; never the reserve, never the other names."""

    assertValid = TestOcds.assertValid
    get_json = TestOcds.get_json
    lot_package = TestOcds.lot_package

    def test_listing_sold_and_contracted(self):
        listing = self.make_listing()
        (a, b, c), key = self.ready(listing, reserve=10_250_000)
        release = self.lot_package(listing.lot_id)
        tender = release["tender"]
        self.assertEqual(tender["value"], {"amount": 10_000_000, "currency": "CNY"})
        self.assertEqual(tender["tenderPeriod"]["startDate"], self.env["gov.trading.ocds"]._iso(
            listing.date_start, listing.company_id))
        self.assertEqual(tender["awardCriteria"], "priceOnly")
        self.assertNotIn("numberOfTenderers", tender, "nothing about the bidders while the listing runs")
        self.quote(listing, a, 10_000_000)
        self.quote(listing, b, 10_100_000)
        self.quote(listing, a, 10_500_000, when=START + timedelta(days=3))
        self.close(listing, answers=[(a, False), (b, False), (c, False)])
        self.env["gov.trading.listing.reserve.wizard"].with_user(self.transferor).sudo().create(
            {"listing_id": listing.id, "key": key}).action_confirm()
        with freeze_time(END + timedelta(days=1)):
            listing.with_user(self.trading).action_sign_confirmation()
            listing.with_user(self.trading).action_publish_result()
        with freeze_time(END + timedelta(days=5)):
            listing.with_user(self.trading).action_record_contract()
        response = self.url_open(f"/trading/ocds/lot/{listing.lot_id.id}.json")
        for secret in ("10250000", "10,250,000", key):
            self.assertNotIn(secret, response.text, "the reserve price and its key never enter a release")
        for name in (b.bidder_id.name, c.bidder_id.name):
            self.assertNotIn(name, response.text, "only the winner is named")
        release = self.lot_package(listing.lot_id)
        self.assertEqual(release["tag"], ["contract"])
        self.assertEqual(release["tender"]["status"], "complete")
        self.assertEqual(release["tender"]["numberOfTenderers"], 2, "two bidders quoted")
        self.assertNotIn("tenderers", release["tender"])
        [award] = release["awards"]
        self.assertEqual(award["value"], {"amount": 10_500_000, "currency": "CNY"})
        self.assertEqual(award["suppliers"][0]["name"], a.bidder_id.name)
        self.assertEqual(award["date"], self.env["gov.trading.ocds"]._iso_day(listing.date_closed_day,
                                                                              listing.company_id))
        [contract] = release["contracts"]
        self.assertEqual((contract["awardID"], contract["value"]["amount"]), (award["id"], 10_500_000))
        self.assertEqual(contract["dateSigned"], self.env["gov.trading.ocds"]._iso_day(
            listing.date_contract, listing.company_id))

    def test_listing_no_deal(self):
        listing = self.make_listing()
        (a, b, c), key = self.ready(listing, reserve=12_000_000)
        self.quote(listing, a, 10_000_000)
        self.close(listing, answers=[(a, False), (b, False), (c, False)])
        listing.with_user(self.transferor).sudo()._open_reserve(key)
        self.assertEqual(listing.state, "no_deal")
        release = self.lot_package(listing.lot_id)
        self.assertEqual(release["tender"]["status"], "unsuccessful")
        self.assertEqual(release["tender"]["numberOfTenderers"], 1)
        self.assertNotIn("awards", release)
        self.assertNotIn("12000000", json.dumps(release))
