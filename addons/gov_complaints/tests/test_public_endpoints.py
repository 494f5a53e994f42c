"""Hardened public endpoints of the complaints (issue 12), over real HTTP with Odoo behind a proxy
(``proxy_mode``): throttled form, tracking and hotline; clear JSON errors, never a traceback; uploads checked
by content and size with nothing stored on refusal."""
import json
import re

from odoo.tests import HttpCase, tagged
from odoo.tools import config

from odoo.addons.gov_hall_base.tests.common import GovAssertMixin

LIMIT = 3
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@tagged("post_install", "-at_install")
class TestPublicEndpoints(GovAssertMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.website = cls.env["website"].get_current_website()
        cls.center = cls.website.company_id
        cls.center.gov_center_level = cls.center.gov_center_level or "city"
        cls.center.sudo().gov_hotline_token = "tok-public-endpoints"
        cls.Complaint = cls.env["gov.complaint"]
        cls.Attachment = cls.env["ir.attachment"].sudo()

    def setUp(self):
        super().setUp()
        # Odoo runs behind a reverse proxy, but the test client (127.0.0.1) is not the trusted one
        self.patch(config, "options", dict(config.options, proxy_mode=True))
        ICP = self.env["ir.config_parameter"].sudo()
        ICP.set_param("gov_hall_base.trusted_proxies", "192.0.2.1")
        for key in ("gov_complaints_submit", "gov_complaints_track", "gov_complaints_hotline"):
            ICP.set_param(f"gov_hall_base.throttle.{key}", f"{LIMIT}/60")
        ICP.set_param("gov_complaints.web_hourly_limit", 100)
        self.env.cr.execute("DELETE FROM gov_hall_throttle")

    def _headers(self, i):
        """A client forging a new address each time (X-Forwarded-Host makes Odoo's ProxyFix apply it)."""
        return {"X-Forwarded-For": f"198.51.100.{i + 1}", "X-Forwarded-Host": "hall.example.cn"}

    def _post(self, i=0, files=None, **data):
        page = self.url_open("/complaint")
        payload = {"csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1),
                   "company_id": str(self.center.id), "kind": "service", "title": "窗口人员态度生硬",
                   "facts": "工作人员态度生硬。", "complainant_name": "钱女士",
                   "complainant_phone": "13907930003", **data}
        return self.url_open("/complaint/submit", data=payload, files=files, headers=self._headers(i))

    def _counts(self):
        return (self.Complaint.search_count([]),
                self.Attachment.search_count([("res_model", "=", "gov.complaint")]))

    def _json(self, route, body, headers=None):
        res = self.url_open(route, data=body if isinstance(body, bytes) else json.dumps(body),
                            headers={"Content-Type": "application/json", **(headers or {})})
        self.assertNotIn("Traceback", res.text)
        self.assertEqual(res.headers.get("Content-Type"), "application/json; charset=utf-8")
        return res, res.json()

    def _assert_throttled(self, res):
        self.assertEqual(res.status_code, 429, res.text[:300])
        self.assertIn("尝试次数过多", res.text)
        self.assertNotIn("Traceback", res.text)

    # -- the website form ---------------------------------------------------------------------------
    def test_submissions_with_forged_forwarded_for_are_throttled(self):
        before = self._counts()
        for i in range(LIMIT):
            self.assertEqual(self._post(i, title=f"投诉{i}").status_code, 200)
        res = self._post(LIMIT, title="第四次")
        self._assert_throttled(res)
        self.assertEqual(self._counts(), (before[0] + LIMIT, before[1]), "the refused one created nothing")

    def test_accepted_limit_per_client_behind_trusted_proxy(self):
        """The hourly limit of accepted complaints reads the same client address as the throttle."""
        ICP = self.env["ir.config_parameter"].sudo()
        ICP.set_param("gov_hall_base.trusted_proxies", "127.0.0.1,::1")
        ICP.set_param("gov_complaints.web_hourly_limit", 2)
        self.assertEqual(self._post(7).status_code, 200)
        self.assertEqual(self._post(7).status_code, 200)
        self.assertEqual(self._post(7).status_code, 429, "the same forwarded client: over the accepted limit")
        self.assertEqual(self._post(8).status_code, 200, "another client behind the trusted proxy")

    def test_upload_over_the_limit_stores_nothing(self):
        self.env["ir.config_parameter"].sudo().set_param("gov_hall_base.upload_max_bytes.gov_complaints", 1024)
        before = self._counts()
        res = self._post(files=[("attachments", ("证据.pdf", PDF + b"0" * 2048, "application/pdf"))])
        self.assertEqual(res.status_code, 400)
        self.assertIn("证据.pdf", res.text)
        self.assertIn("1 KB", res.text)
        # a valid file and a PNG named .pdf: the valid one is not saved either
        res = self._post(files=[("attachments", ("照片.png", PNG, "image/png")),
                                ("attachments", ("扫描件.pdf", PNG, "application/pdf"))])
        self.assertEqual(res.status_code, 400)
        self.assertIn("扫描件.pdf", res.text)
        self.assertIn("PNG", res.text)
        self.assertEqual(self._counts(), before)
        self.assertNotIn("Traceback", res.text)
        # the declared MIME type is not trusted: the stored type is the content's
        res = self._post(files=[("attachments", ("照片.png", PNG, "application/pdf"))])
        self.assertEqual(res.status_code, 200)
        complaint = self.Complaint.search([], order="id desc", limit=1)
        self.assertEqual(complaint.sudo().attachment_ids.mapped("mimetype"), ["image/png"])

    # -- tracking -----------------------------------------------------------------------------------
    def test_track_wrong_codes_throttled(self):
        complaint = self.Complaint.create({"company_id": self.center.id, "channel": "web", "kind": "service",
                                           "title": "追踪测试", "facts": "测试", "anonymous": True})
        url = f"/complaint/track?number={complaint.name}&code=WRONG%s"
        for i in range(LIMIT):
            self.assertEqual(self.url_open(url % i, headers=self._headers(i)).status_code, 200)
        self._assert_throttled(self.url_open(url % LIMIT, headers=self._headers(LIMIT)))
        res = self.url_open(f"/complaint/track?number={complaint.name}&code={complaint.sudo().query_code}",
                            headers=self._headers(50))
        self.assertEqual(res.status_code, 429)

    # -- 12345 hotline ------------------------------------------------------------------------------
    def test_hotline_bad_tokens_and_bodies(self):
        order = {"order_no": "GD-PE-1", "title": "超时", "content": "来电反映超时。", "anonymous": True}
        before = self._counts()
        for token in ("令牌", "tok-public-endpoints\u00e9", 12345, ["tok-public-endpoints"], {"a": 1}, None):
            self.env.cr.execute("DELETE FROM gov_hall_throttle")
            res, body = self._json("/gov_complaints/hotline/order", {"token": token, "order": order})
            self.assertEqual((res.status_code, body["code"], body["ok"]), (401, "bad_token", False), token)
            self.assertTrue(body["message"])
        res, body = self._json("/gov_complaints/hotline/status", {"token": "令牌", "order_no": "GD-PE-1"})
        self.assertEqual((res.status_code, body["code"]), (401, "bad_token"))
        res, body = self._json("/gov_complaints/hotline/order", {"order": order},
                               headers={"X-Gov-Hotline-Token": "t\u00f6k"})
        self.assertEqual((res.status_code, body["code"]), (401, "bad_token"))
        self.env.cr.execute("DELETE FROM gov_hall_throttle")
        for raw in (b"{not json", b"[1, 2]", b'"order"', b"\xff\xfe", b"null"):
            res, body = self._json("/gov_complaints/hotline/order", raw)
            self.assertEqual((res.status_code, body["code"]), (400, "malformed_body"), raw)
        res, body = self._json("/gov_complaints/hotline/order", {"token": "tok-public-endpoints", "order": [1]})
        self.assertEqual((res.status_code, body["code"]), (400, "malformed_order"))
        res, body = self._json("/gov_complaints/hotline/status", {"token": "tok-public-endpoints", "order_no": 7})
        self.assertEqual((res.status_code, body["code"]), (400, "malformed_order"))
        res, body = self._json("/gov_complaints/hotline/status", {"token": "tok-public-endpoints",
                                                                  "order_no": "NOPE"})
        self.assertEqual((res.status_code, body["code"]), (404, "not_found"))
        self.assertEqual(self._counts(), before)
        # a JSON-RPC envelope is still read (its params are the body); the answer is plain JSON
        res, body = self._json("/gov_complaints/hotline/order", {
            "jsonrpc": "2.0", "method": "call", "params": {"token": "tok-public-endpoints", "order": order}})
        self.assertEqual((res.status_code, body["code"], body["created"]), (200, "ok", True))

    def test_hotline_bad_tokens_throttled(self):
        self.center.partner_id.lang = "zh_CN"
        self.env.company.partner_id.lang = "zh_CN"
        for i in range(LIMIT):
            res, _body = self._json("/gov_complaints/hotline/status", {"token": f"guess{i}", "order_no": "X"},
                                    headers=self._headers(i))
            self.assertEqual(res.status_code, 401)
        res, body = self._json("/gov_complaints/hotline/order", {"token": "tok-public-endpoints", "order": {}},
                               headers=self._headers(LIMIT))
        self.assertEqual((res.status_code, body["code"]), (429, "too_many_attempts"))
        self.assertIn("尝试次数过多", body["message"])
