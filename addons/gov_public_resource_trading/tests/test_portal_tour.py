"""Browser tours: account, registration, download, deposit, sealed bid (Web Crypto), replacement,
decryption at the opening; a second bidder sees nothing of the first."""
import subprocess
import unicodedata
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.gov_hall_base.tools.protect import granted

from .common import USCCS, seal
from .test_sealed_bid_http import console_lines


@tagged("post_install", "-at_install")
class TestPortalTour(HttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.user_a = new_test_user(env, login="tour_bidder_a", password="tour_bidder_a",
                                   groups="gov_hall_base.group_gov_portal_bidder", name="旅游公路投标人A")
        cls.user_b = new_test_user(env, login="tour_bidder_b", password="tour_bidder_b",
                                   groups="gov_hall_base.group_gov_portal_bidder", name="投标人B")
        cls.qual = env["gov.trading.qualification.type"].create({"name": "公路工程施工总承包二级"})
        tenderer = env["res.partner"].create({"name": "上饶市交通运输局", "is_company": True})
        now = fields.Datetime.now()
        project = env["gov.trading.project"].create({
            "name": "上饶市旅游公路改造工程施工招标", "kind": "construction", "method": "open",
            "tenderer_id": tenderer.id, "estimate_amount": 12_800_000,
            "qualification_type_ids": [(6, 0, cls.qual.ids)],
        })
        cls.lot = env["gov.trading.lot"].create({
            "project_id": project.id, "name": "旅游公路一标段", "estimate_amount": 12_800_000,
            "deposit_amount": 200_000, "date_sale_start": now - timedelta(minutes=1),
            "date_sale_end": now + timedelta(days=7), "date_bid_deadline": now + timedelta(days=25),
            "criterion_ids": [(0, 0, {"name": "报价", "kind": "price", "weight": 60}),
                              (0, 0, {"name": "技术", "kind": "technical", "weight": 40})],
            "document_ids": [(0, 0, {"name": "旅游公路招标文件.txt", "raw": b"tender documents"})],
        })
        action = cls.lot.action_create_tender_announcement()
        env["gov.trading.announcement"].browse(action["res_id"]).action_publish()
        # two more bidders so that the opening has three bids
        cls.others = env["gov.trading.bidder"]
        for i, code in enumerate(USCCS[:3]):
            partner = env["res.partner"].create({"name": f"其他投标人{i}", "is_company": True,
                                                 "gov_id_type": "uscc", "gov_id_number": code})
            with granted("gov.trading.bidder", "gov.trading.certificate"):  # reviewed accounts, set up
                cls.others |= env["gov.trading.bidder"].create({
                    "partner_id": partner.id, "state": "approved",
                    "certificate_ids": [(0, 0, {"type_id": cls.qual.id, "number": f"X{i}", "state": "valid",
                                                "date_expiry": "2031-01-01"})]})

    def test_bidder_flow(self):
        # 1. account and certificate on the portal, reviewed by the staff
        self.start_tour("/my/trading", "gov_trading_account", login="tour_bidder_a")
        bidder_a = self.env["gov.trading.bidder"].search([("user_ids", "in", self.user_a.id)])
        self.assertEqual(bidder_a.uscc, "91361100MA35X7Y80A")
        self.assertEqual(bidder_a.state, "submitted")
        bidder_a.certificate_ids.write({"type_id": self.qual.id})
        bidder_a.certificate_ids.action_verify()
        bidder_a.action_approve()
        # 2. register, download, deposit, signing key, sealed and signed bid, replacement (the bare sealing page)
        with console_lines() as lines:
            self.start_tour("/my/trading", "gov_trading_bid", login="tour_bidder_a")
        codes = [line.split(" ", 1)[1].strip() for line in lines if line.startswith("GOV_KEY_CODE ")]
        self.assertEqual(len(codes), 1, "the page showed the opening key code")
        reg_a = self.env["gov.trading.registration"].search([("bidder_id", "=", bidder_a.id)])
        self.assertEqual(reg_a.lot_id, self.lot)
        self.assertEqual(len(reg_a.download_ids), 1)
        self.assertEqual(reg_a.deposit_ids.bank_reference, "ICBC-20260303-0001")
        bids = reg_a.bid_ids.sorted("id")
        self.assertEqual(bids.mapped("state"), ["replaced", "submitted"])
        self.assertFalse(bids[1].price)
        self.assertEqual(len(bids[1].ciphertext_id.raw) > 16, True)
        self.assertEqual(bids.mapped("key_format"), ["random-v2", "random-v2"])
        self.assertTrue(bidder_a.signing_key_sha256, "the page registered the bidder's signing key")
        self.assertEqual(bids[1].signer_key_sha256, bidder_a.signing_key_sha256)
        self.assertTrue(self.env["gov.trading.bid"]._verify_receipt(bids[1].receipt_json))
        # 3. a second bidder sees nothing of the first
        self.start_tour("/my/trading", "gov_trading_other_bidder", login="tour_bidder_b")
        self.authenticate("tour_bidder_b", "tour_bidder_b")
        for url in (f"/my/trading/registration/{reg_a.id}", f"/my/trading/bid/{bids[1].id}/ciphertext"):
            self.assertEqual(self.url_open(url).status_code, 404, url)
        # 4. two other bids, then the deadline passes and the opening starts
        keys = []
        # the other bidders have no portal user here: the server acts for them inside a grant
        for bidder, price in zip(self.others[:2], (12_100_000, 12_300_000)):
            with granted("gov.trading.registration", "gov.trading.bid"):
                reg = self.env["gov.trading.registration"].create({"bidder_id": bidder.id, "lot_id": self.lot.id})
                ciphertext, salt, iv, key = seal("其他口令", {"price": price})
                keys.append((self.env["gov.trading.bid"]._seal(reg, ciphertext, None, salt, iv, 100_000), key))
        self.env.flush_all()
        self.env.cr.execute("""UPDATE gov_trading_lot SET date_bid_deadline = (now() at time zone 'UTC')
                               - interval '1 minute', date_sale_end = (now() at time zone 'UTC') - interval '2 minute'
                               WHERE id = %s""", [self.lot.id])
        self.lot.invalidate_recordset()
        self.lot.action_open()
        self.assertEqual(self.lot.state, "decrypting")
        # the opening session lists the bids without names or prices while the decryption runs
        self.authenticate("tour_bidder_a", "tour_bidder_a")
        session = self.url_open(f"/my/trading/registration/{reg_a.id}/opening")
        self.assertEqual(session.status_code, 200)
        for bid, _key in keys:
            self.assertIn(bid.receipt_number, session.text)
            self.assertNotIn(bid.bidder_id.name, session.text)
        # 5. bidder A decrypts its own bid in the browser with its opening key code (a mistyped one first);
        # the other bids are old passphrase bids (pbkdf2-v1): they still open
        self.start_tour(f"/my/trading/registration/{reg_a.id}?code={codes[0]}", "gov_trading_decrypt",
                        login="tour_bidder_a")
        self.assertEqual(bids[1].state, "decrypted")
        self.assertEqual(bids[1].price, 11_750_000)
        self.assertEqual(bids[1].duration_days, 170)
        with granted("gov.trading.bid"):
            for bid, key in keys:
                bid._decrypt(key)
        self.assertEqual(self.lot.state, "evaluation")
        self.assertTrue(self.env["gov.trading.log"].verify_chain()["ok"])
        session = self.url_open(f"/my/trading/registration/{reg_a.id}/opening")
        for bid, _key in keys:
            self.assertIn(bid.bidder_id.name, session.text)
            self.assertIn("{:,.2f}".format(bid.price), session.text)
        # 6. the PDFs hold their Chinese titles in their text layer
        for ref, title in (("action_report_opening_record", "开标记录表"), ("action_report_award_notice", "中标通知书"),
                           ("action_report_award_result", "中标结果公告")):
            pdf, ext = self.env["ir.actions.report"].with_context(force_report_rendering=True)._render_qweb_pdf(
                f"gov_public_resource_trading.{ref}", self.lot.ids)
            self.assertEqual(ext, "pdf")
            text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout
            text = unicodedata.normalize("NFKC", text.decode())
            self.assertIn(title, text)
            if ref == "action_report_opening_record":
                self.assertIn("11750000.00", text)

    def test_public_announcements(self):
        """Announcements are public: no login needed; drafts are not reachable."""
        published = self.lot.project_id.announcement_ids.filtered(lambda a: a.kind == "tender")
        draft = self.env["gov.trading.announcement"].create({
            "name": "未发布的更正公告", "project_id": self.lot.project_id.id, "kind": "correction"})
        self.env.flush_all()
        page = self.url_open("/trading")
        self.assertEqual(page.status_code, 200)
        self.assertIn(published.name, page.text)
        self.assertNotIn("未发布的更正公告", page.text)
        detail = self.url_open(published.website_url)
        self.assertEqual(detail.status_code, 200)
        self.assertIn("旅游公路一标段", detail.text)
        self.assertEqual(self.url_open(f"/trading/announcement/{draft.id}").status_code, 404)

    def test_portal_account_rejects_invalid_uscc(self):
        self.authenticate("tour_bidder_b", "tour_bidder_b")
        page = self.url_open("/my/trading")
        csrf = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        response = self.url_open("/my/trading/account", data={
            "csrf_token": csrf, "name": "伪造公司", "uscc": "91361100MA35F2K80C", "legal_representative": "某某"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("91361100MA35F2K80C", response.text)
        self.assertIn("o_gov_error", response.text)
        self.assertFalse(self.env["gov.trading.bidder"].search([("user_ids", "in", self.user_b.id)]))
        self.assertFalse(self.env["res.partner"].search([("name", "=", "伪造公司")]))

    def test_backend_screens(self):
        """The staff's screens load in the browser: lot form, statistics pivot, log with its verification."""
        for action, tour in (("action_gov_trading_lot", "gov_trading_backend"),
                             ("action_gov_trading_project_report", "gov_trading_backend_stats"),
                             ("action_gov_trading_log", "gov_trading_backend_log")):
            self.start_tour(f"/odoo/action-gov_public_resource_trading.{action}", tour, login="admin")

    def test_non_bidder_portal_user(self):
        """A portal user without the bidder role can open a company account, which makes them a bidder;
        until then they see no lot and no registration."""
        applicant = new_test_user(self.env, login="tour_applicant", password="tour_applicant",
                                  groups="base.group_portal", name="新供应商")
        self.authenticate("tour_applicant", "tour_applicant")
        page = self.url_open("/my/trading")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("旅游公路一标段", page.text)
        csrf = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        self.url_open("/my/trading/account", data={"csrf_token": csrf, "name": "上饶市新锐科技有限公司",
                                                    "uscc": "91361100MA35F2K80B"})
        bidder = self.env["gov.trading.bidder"].search([("user_ids", "in", applicant.id)])
        self.assertEqual(bidder.state, "draft")
        self.assertTrue(applicant.has_group("gov_hall_base.group_gov_portal_bidder"))
        self.assertIn("旅游公路一标段", self.url_open("/my/trading").text)
