"""Hardened public endpoints of the intake (issue 12): throttled track pages and evaluator endpoint behind
``proxy_mode``, clear JSON errors without traceback, expiring notice links, guide PDFs cached per version."""
import json
import re

from odoo.tests import HttpCase, tagged
from odoo.tools import config

from .common import GovIntakeCase

LIMIT = 3


@tagged("post_install", "-at_install")
class TestPublicEndpoints(GovIntakeCase, HttpCase):

    def setUp(self):
        super().setUp()
        # Odoo behind a reverse proxy; the test client (127.0.0.1) is NOT the trusted proxy
        self.patch(config, "options", dict(config.options, proxy_mode=True))
        ICP = self.env["ir.config_parameter"].sudo()
        ICP.set_param("gov_hall_base.trusted_proxies", "192.0.2.1")
        ICP.set_param("gov_hall_base.throttle.gov_hall_track", f"{LIMIT}/15")
        ICP.set_param("gov_hall_base.throttle.gov_hall_evaluator", f"{LIMIT}/15")
        self.env.cr.execute("DELETE FROM gov_hall_throttle")

    def _headers(self, i, **extra):
        """Headers a client forges to look like a new visitor each time (Odoo's ProxyFix reads them too)."""
        return {"X-Forwarded-For": f"203.0.113.{i + 10}", "X-Forwarded-Host": "hall.example.cn", **extra}

    def _csrf(self):
        page = self.url_open("/gov_hall/track").text
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def _assert_throttled(self, res):
        self.assertEqual(res.status_code, 429, res.text[:300])
        self.assertIn("尝试次数过多", res.text)
        self.assertNotIn("Traceback", res.text)
        self.assertTrue(res.headers.get("Retry-After"))

    # -- the three track pages ------------------------------------------------------------------------
    def test_track_page_throttled(self):
        case = self.decided_case()
        url = f"/gov_hall/track?case_number={case.name}&query_code=WRONG%s"
        for i in range(LIMIT):
            self.assertEqual(self.url_open(url % i, headers=self._headers(i)).status_code, 200)
        self._assert_throttled(self.url_open(url % LIMIT, headers=self._headers(LIMIT)))
        # over the limit even the right code waits for the end of the window
        res = self.url_open(f"/gov_hall/track?case_number={case.name}&query_code={case.query_code}",
                            headers=self._headers(99))
        self.assertEqual(res.status_code, 429)
        self.assertNotIn(case.item_id.name, res.text)

    def test_track_rate_throttled(self):
        case = self.decided_case()
        token = self._csrf()
        for i in range(LIMIT + 1):
            res = self.url_open("/gov_hall/track/rate", data={
                "csrf_token": token, "case_number": case.name, "query_code": f"WRONG{i}", "value": "1"},
                headers=self._headers(i), allow_redirects=False)
            if i < LIMIT:
                self.assertEqual(res.status_code, 303)
        self._assert_throttled(res)
        case.invalidate_recordset()
        self.assertFalse(case.sudo().rating_ids.filtered("consumed"), "no rating through a wrong code")

    def test_track_notice_throttled(self):
        case = self.decided_case()
        for i in range(LIMIT):
            res = self.url_open(f"/gov_hall/track/notice/{case.id}?access_token=guess{i}", headers=self._headers(i))
            self.assertEqual(res.status_code, 404)
            self.assertNotIn("Traceback", res.text)
        self._assert_throttled(self.url_open(f"/gov_hall/track/notice/{case.id}?access_token=guess",
                                             headers=self._headers(LIMIT)))

    def test_trusted_proxy_counts_each_client(self):
        """Behind the trusted proxy each forwarded address has its own count."""
        self.env["ir.config_parameter"].sudo().set_param("gov_hall_base.trusted_proxies", "127.0.0.1,::1")
        case = self.decided_case()
        url = f"/gov_hall/track?case_number={case.name}&query_code=WRONG"
        for i in range(LIMIT + 2):
            self.assertEqual(self.url_open(url, headers=self._headers(i)).status_code, 200)
        # the same forwarded client is counted
        for _i in range(LIMIT):
            self.url_open(url, headers=self._headers(500))
        self._assert_throttled(self.url_open(url, headers=self._headers(500)))

    # -- notice links expire --------------------------------------------------------------------------
    def test_notice_token_expires(self):
        case = self.decided_case()
        page = self.url_open(f"/gov_hall/track?case_number={case.name}&query_code={case.query_code}").text
        token = re.search(r"/gov_hall/track/notice/%d\?access_token=([\w-]+)" % case.id, page).group(1)
        self.assertEqual(self.url_open(f"/gov_hall/track/notice/{case.id}?access_token={token}").status_code, 200)
        case.sudo().gov_token_date = "2020-01-01 00:00:00"
        res = self.url_open(f"/gov_hall/track/notice/{case.id}?access_token={token}")
        self.assertEqual(res.status_code, 410)
        self.assertIn("此链接已过期", res.text)
        self.assertNotIn("Traceback", res.text)
        # looking the case up again gives a new link that works
        page = self.url_open(f"/gov_hall/track?case_number={case.name}&query_code={case.query_code}").text
        new = re.search(r"/gov_hall/track/notice/%d\?access_token=([\w-]+)" % case.id, page).group(1)
        self.assertNotEqual(new, token)
        self.assertEqual(self.url_open(f"/gov_hall/track/notice/{case.id}?access_token={new}").status_code, 200)
        self.assertEqual(self.url_open(f"/gov_hall/track/notice/{case.id}?access_token={token}").status_code, 404)

    # -- evaluator devices ----------------------------------------------------------------------------
    def _rate(self, body, headers=None, raw=None):
        res = self.url_open("/gov_hall/evaluator/rate", data=raw if raw is not None else json.dumps(body),
                            headers={"Content-Type": "application/json", **(headers or {})})
        self.assertNotIn("Traceback", res.text)
        self.assertEqual(res.headers.get("Content-Type"), "application/json; charset=utf-8")
        return res

    def test_evaluator_bad_input_is_a_clear_json_error(self):
        device = self.env["gov.hall.evaluator.device"].create({
            "name": "评价器", "serial": "PJQ-P-1", "window_id": self.window_zh.id})
        token = device.action_new_token()
        case = self.decided_case()
        cases = [
            ({"serial": "PJQ-P-1", "token": 123456, "case_number": case.name, "value": 5}, 401, "unauthorized"),
            ({"serial": ["PJQ-P-1"], "token": token, "case_number": case.name, "value": 5}, 401, "unauthorized"),
            ({"serial": "PJQ-P-1", "token": "令牌", "case_number": case.name, "value": 5}, 401, "unauthorized"),
        ]
        for i, (body, status, code) in enumerate(cases):
            res = self._rate(body, self._headers(i))
            self.assertEqual((res.status_code, res.json()["code"]), (status, code), body)
            self.assertTrue(res.json()["message"])
        self.env.cr.execute("DELETE FROM gov_hall_throttle")
        for body, status, code in [
            ({"serial": "PJQ-P-1", "token": token, "case_number": case.name, "value": "five"}, 400, "bad_request"),
            ({"serial": "PJQ-P-1", "token": token, "case_number": 42, "value": 5}, 400, "bad_request"),
            ({"serial": "PJQ-P-1", "token": token, "case_number": case.name, "value": 5, "feedback": {}},
             400, "bad_request"),
            ({"serial": "PJQ-P-1", "token": token, "case_number": case.name, "value": 9}, 422, "rejected"),
            ({"serial": "PJQ-P-1", "token": token, "case_number": "NOPE", "value": 5}, 404, "unknown_case"),
        ]:
            res = self._rate(body)
            self.assertEqual((res.status_code, res.json()["code"]), (status, code), body)
        for raw in ("{not json", "[1, 2]", '"text"', " ", "\xff"):
            res = self._rate(None, raw=raw.encode("latin-1"))
            self.assertEqual((res.status_code, res.json()["code"]), (400, "malformed_body"), raw)
        case.invalidate_recordset()
        self.assertFalse(case.sudo().rating_ids.filtered("consumed"))
        res = self._rate({"serial": "PJQ-P-1", "token": token, "case_number": case.name, "value": 4})
        self.assertEqual((res.status_code, res.json()["ok"]), (200, True))

    def test_evaluator_throttled(self):
        self.env["res.company"].search([]).partner_id.lang = "zh_CN"
        for i in range(LIMIT):
            res = self._rate({"serial": "PJQ-NONE", "token": f"guess{i}", "case_number": "X", "value": 5},
                             self._headers(i))
            self.assertEqual(res.status_code, 401)
        res = self._rate({"serial": "PJQ-NONE", "token": "guess", "case_number": "X", "value": 5},
                         self._headers(LIMIT))
        self.assertEqual(res.status_code, 429)
        self.assertEqual(res.json()["code"], "too_many_attempts")
        self.assertIn("尝试次数过多", res.json()["message"])

    # -- guide PDFs -----------------------------------------------------------------------------------
    def test_guide_pdf_cached_per_version(self):
        Attachment = self.env["ir.attachment"].sudo()
        Report = self.env["ir.actions.report"].sudo().with_context(force_report_rendering=True)
        domain = [("res_model", "=", "gov.hall.service.item"), ("res_id", "=", self.item.id)]
        self.assertFalse(Attachment.search_count(domain))
        pdf1, fmt = Report._render_qweb_pdf("gov_hall_intake.action_report_service_guide", self.item.ids)
        self.assertEqual(fmt, "pdf")
        cached = Attachment.search(domain)
        self.assertEqual(cached.mapped("name"), [f"guide-{self.item.code}-v{self.item.version}.pdf"])
        pdf2, _fmt = Report._render_qweb_pdf("gov_hall_intake.action_report_service_guide", self.item.ids)
        self.assertEqual(pdf2, cached.raw, "served from the stored version")
        self.assertEqual(Attachment.search(domain), cached)
        # a draft of the next version is not cached (it is still edited)
        draft = self.item.with_user(self.admin_user).action_new_version()
        draft = self.env["gov.hall.service.item"].browse(draft["res_id"]) if isinstance(draft, dict) else draft
        Report._render_qweb_pdf("gov_hall_intake.action_report_service_guide", draft.ids)
        self.assertFalse(Attachment.search_count([("res_model", "=", "gov.hall.service.item"),
                                                  ("res_id", "=", draft.id)]))
        self.assertTrue(pdf1.startswith(b"%PDF"))

    def test_portal_case_link_throttled_and_expiring(self):
        case = self.decided_case()
        token = case.sudo()._portal_ensure_token()
        self.assertEqual(self.url_open(f"/my/cases/{case.id}?access_token={token}").status_code, 200)
        case.sudo().gov_token_date = "2020-01-01 00:00:00"
        res = self.url_open(f"/my/cases/{case.id}?access_token={token}")
        self.assertEqual(res.status_code, 410)
        self.assertIn("此链接已过期", res.text)
        for i in range(LIMIT):
            res = self.url_open(f"/my/cases/{case.id}?access_token=guess{i}", headers=self._headers(i),
                                allow_redirects=False)
            self.assertEqual(res.status_code, 303)
        self._assert_throttled(self.url_open(f"/my/cases/{case.id}?access_token=guess",
                                             headers=self._headers(LIMIT)))
