"""Certificate scans uploaded on the bidder portal (issue 12): checked by size and by content before the
certificate is created; a refused scan leaves nothing behind."""
import re
from urllib.parse import parse_qs, urlparse

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.gov_hall_base.tools.protect import granted

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@tagged("post_install", "-at_install")
class TestCertificateUpload(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.qual = env["gov.trading.qualification.type"].create({"name": "建筑工程施工总承包三级"})
        cls.user = new_test_user(env, login="cert_bidder", password="cert_bidder_pw1",
                                 groups="gov_hall_base.group_gov_portal_bidder", name="上饶市信州建设有限公司")
        partner = env["res.partner"].create({"name": "上饶市信州建设有限公司", "is_company": True,
                                             "gov_id_type": "uscc", "gov_id_number": "91361100MA35F2K80B"})
        with granted("gov.trading.bidder"):
            cls.bidder = env["gov.trading.bidder"].create({
                "partner_id": partner.id, "user_ids": [(6, 0, cls.user.ids)], "state": "approved"})

    def _upload(self, filename, data, mimetype="application/pdf"):
        page = self.url_open("/my/trading").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        res = self.url_open("/my/trading/certificate", data={
            "csrf_token": token, "type_id": str(self.qual.id), "number": "D336000001",
            "date_expiry": "2031-12-31"}, files=[("scan", (filename, data, mimetype))], allow_redirects=False)
        self.assertEqual(res.status_code, 303)
        query = parse_qs(urlparse(res.headers["Location"]).query)
        return query.get("error", [None])[0], query.get("message", [None])[0]

    def _counts(self):
        return (self.env["gov.trading.certificate"].sudo().search_count([("bidder_id", "=", self.bidder.id)]),
                self.env["ir.attachment"].sudo().search_count([("res_model", "=", "gov.trading.certificate")]))

    def test_refused_scans_store_nothing(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "gov_hall_base.upload_max_bytes.gov_trading_certificate", 1024)
        self.authenticate("cert_bidder", "cert_bidder_pw1")
        before = self._counts()
        error, _message = self._upload("资质证书.pdf", PDF + b"0" * 2048)
        self.assertIn("资质证书.pdf", error)
        self.assertIn("1 KB", error)
        error, _message = self._upload("资质证书.pdf", PNG)
        self.assertIn("PNG", error, "a PNG named .pdf is refused")
        error, _message = self._upload("资质证书.exe", b"MZ\x90\x00")
        self.assertTrue(error)
        self.assertEqual(self._counts(), before, "no certificate, no attachment")
        error, message = self._upload("资质证书.png", PNG, mimetype="application/pdf")
        self.assertFalse(error)
        self.assertTrue(message)
        cert = self.env["gov.trading.certificate"].sudo().search([("bidder_id", "=", self.bidder.id)],
                                                                 order="id desc", limit=1)
        self.assertEqual(cert.attachment_id.mimetype, "image/png", "the stored type is the content's")
        self.assertEqual(self._counts(), (before[0] + 1, before[1] + 1))
