import re

from odoo.tests import HttpCase, tagged
from odoo.tools.translate import code_translations

from odoo.addons.gov_hall_base.tests.common import GovAssertMixin


@tagged("post_install", "-at_install")
class TestWebForm(GovAssertMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.website = cls.env["website"].get_current_website()
        cls.center = cls.website.company_id
        cls.center.gov_center_level = cls.center.gov_center_level or "city"
        cls.window = cls.env["gov.hall.window"].create({"name": "测试投诉窗口", "code": "T99",
                                                        "company_id": cls.center.id, "kind": "comprehensive"})
        cls.env["ir.config_parameter"].sudo().set_param("gov_complaints.web_hourly_limit", 3)
        cls.Complaint = cls.env["gov.complaint"]
        cls.lang = cls.website.default_lang_id.code or "en_US"

    def _t(self, message, **kw):
        """The message as the public visitor reads it (the website's default language)."""
        return self.env["gov.complaint.public"].with_context(lang=self.lang).env._(message, **kw)

    def _t_base(self, message, **kw):
        """A message of the shared upload check (gov_hall_base) as the visitor reads it."""
        translated = code_translations.get_python_translations("gov_hall_base", self.lang).get(message, message)
        return translated % kw

    def _token(self):
        res = self.url_open("/complaint")
        self.assertEqual(res.status_code, 200)
        return re.search(r'name="csrf_token" value="([^"]+)"', res.text).group(1)

    def _post(self, files=None, **data):
        payload = {"csrf_token": self._token(), "company_id": str(self.center.id), "kind": "service",
                   "window_id": str(self.window.id), "title": "窗口人员态度生硬",
                   "facts": "10月9日上午在人社窗口办理业务，工作人员态度生硬。",
                   "complainant_name": "钱女士", "complainant_phone": "13907930003"}
        payload.update(data)
        payload = {k: v for k, v in payload.items() if v is not None}
        return self.url_open("/complaint/submit", data=payload, files=files)

    def _count(self):
        return self.Complaint.search_count([("channel", "=", "web")])

    def test_empty_form(self):
        before = self._count()
        res = self._post(kind=None, title="", facts="", complainant_name="", complainant_phone="")
        self.assertEqual(res.status_code, 400)
        self.assertIn("o_complaint_errors", res.text)
        self.assertIn(self._t("Please describe what happened."), res.text)
        self.assertIn(self._t("Please give your complaint a short subject."), res.text)
        self.assertEqual(self._count(), before)

    def test_input_kept_and_script_escaped(self):
        before = self._count()
        facts = "<script>alert('x')</script>窗口无人"
        res = self._post(facts=facts, complainant_phone="")
        self.assertEqual(res.status_code, 400)
        self.assertIn(self._t("Please give a phone number so that we can reply to you."), res.text)
        self.assertIn("窗口人员态度生硬", res.text, "the subject typed is kept")
        self.assertIn("钱女士", res.text, "the name typed is kept")
        self.assertIn("&lt;script&gt;alert(", res.text, "the text is kept, escaped")
        self.assertNotIn("<script>alert(", res.text)
        self.assertEqual(self._count(), before)
        # once corrected it is saved verbatim as plain text, never as markup
        res = self._post(facts=facts)
        self.assertEqual(res.status_code, 200)
        complaint = self.Complaint.search([("channel", "=", "web")], order="id desc", limit=1)
        self.assertEqual(complaint.facts, facts)
        self.assertEqual(self._count(), before + 1)

    def test_attachments(self):
        before = self._count()
        big = b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024)
        res = self._post(files=[("attachments", ("证据.pdf", big, "application/pdf"))])
        self.assertEqual(res.status_code, 400)
        self.assertIn(self._t_base("The file %(name)s is larger than %(max)s.", name="证据.pdf", max="5 MB"),
                      res.text)
        res = self._post(files=[("attachments", ("x.exe", b"MZ", "application/x-msdownload"))])
        self.assertEqual(res.status_code, 400)
        self.assertIn(self._t_base("The file %(name)s is not an accepted file: only %(kinds)s files are accepted, "
                                   "checked by their content.", name="x.exe", kinds="JPEG/PNG/PDF"), res.text)
        self.assertEqual(self._count(), before)
        res = self._post(files=[("attachments", ("现场照片.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "image/png"))])
        self.assertEqual(res.status_code, 200)
        complaint = self.Complaint.search([("channel", "=", "web")], order="id desc", limit=1)
        self.assertEqual(complaint.attachment_ids.mapped("name"), ["现场照片.png"])

    def test_success_number_code_and_tracking(self):
        res = self._post(anonymous="1", complainant_name="", complainant_phone="")
        self.assertEqual(res.status_code, 200)
        number = re.search(r'o_complaint_number">([^<]+)<', res.text).group(1)
        code = re.search(r'o_complaint_code">([^<]+)<', res.text).group(1)
        complaint = self.Complaint.search([("name", "=", number)])
        self.assertTrue(complaint.anonymous)
        self.assertEqual(complaint.window_id, self.window)
        self.assertEqual(complaint.query_code, code)
        res = self.url_open(f"/complaint/track?number={number}&code=WRONG123")
        self.assertIn(self._t("No complaint matches this number and query code."), res.text)
        res = self.url_open(f"/complaint/track?number={number}&code={code.lower()}")
        self.assertIn("o_complaint_status", res.text)
        self.assertIn(number, res.text)

    def test_flooding_from_one_address(self):
        before = self._count()
        for i in range(3):
            self.assertEqual(self._post(title=f"投诉{i}").status_code, 200)
        res = self._post(title="第四次")
        self.assertEqual(res.status_code, 429)
        self.assertIn(self._t("Too many complaints were sent from your network address in the last hour. Please try again later or call the 12345 hotline."), res.text)
        self.assertIn("第四次", res.text, "what was typed is kept")
        self.assertEqual(self._count(), before + 3, "the three accepted complaints are kept, the fourth refused")
        titles = self.Complaint.search([("channel", "=", "web")]).mapped("title")
        self.assertTrue({"投诉0", "投诉1", "投诉2"} <= set(titles))


@tagged("post_install", "-at_install")
class TestTours(HttpCase):
    def test_web_form_tour(self):
        self.env["ir.config_parameter"].sudo().set_param("gov_complaints.web_hourly_limit", 100)
        company = self.env["website"].get_current_website().company_id
        company.gov_center_level = company.gov_center_level or "city"
        before = self.env["gov.complaint"].search_count([("channel", "=", "web")])
        self.start_tour("/complaint", "gov_complaint_web_form")
        complaint = self.env["gov.complaint"].search([("channel", "=", "web")], order="id desc", limit=1)
        self.assertEqual(self.env["gov.complaint"].search_count([("channel", "=", "web")]), before + 1)
        self.assertEqual(complaint.facts, "<script>alert(1)</script>人社局窗口工作人员态度生硬，不解释所缺材料。")

    def test_backend_register_tour(self):
        supervisor = self.env.ref("gov_hall_base.user_supervisor", raise_if_not_found=False)
        if not supervisor:
            supervisor = self.env["res.users"].create({
                "name": "督查员", "login": "tour_supervisor", "password": "tour_supervisor",
                "group_ids": [(6, 0, [self.env.ref("gov_hall_base.group_gov_supervisor").id])]})
        company = supervisor.company_id
        complaint = self.env["gov.complaint"].create({
            "company_id": company.id, "channel": "web", "kind": "service", "title": "巡回测试投诉",
            "facts": "测试", "anonymous": True})
        self.start_tour("/odoo/action-gov_complaints.action_gov_complaint", "gov_complaint_backend_register",
                        login=supervisor.login)
        self.assertEqual(complaint.state, "registered")
        self.assertEqual(complaint.registered_by, supervisor)


@tagged("post_install", "-at_install")
class TestWebFormEdges(GovAssertMixin, HttpCase):
    def test_no_csrf_token_creates_nothing(self):
        company = self.env["website"].get_current_website().company_id
        company.gov_center_level = company.gov_center_level or "city"
        before = self.env["gov.complaint"].search_count([])
        res = self.url_open("/complaint/submit", data={
            "company_id": str(company.id), "kind": "service", "title": "无令牌", "facts": "测试", "anonymous": "1"})
        self.assertIn(res.status_code, (400, 403))
        self.assertEqual(self.env["gov.complaint"].search_count([]), before)

    def test_logged_in_applicant_prefilled(self):
        user = self.env["res.users"].create({
            "name": "郑先生", "login": "gc_portal", "password": "gc_portal_pw1", "email": "zheng@example.cn",
            "group_ids": [(6, 0, [self.env.ref("base.group_portal").id])]})
        user.partner_id.phone = "13907930009"
        self.authenticate("gc_portal", "gc_portal_pw1")
        res = self.url_open("/complaint")
        self.assertIn('value="13907930009"', res.text)
        self.assertIn('value="zheng@example.cn"', res.text)

    def test_portal_my_complaints(self):
        company = self.env["website"].get_current_website().company_id
        company.gov_center_level = company.gov_center_level or "city"
        portal = self.env.ref("base.group_portal")
        users = self.env["res.users"].create([
            {"name": "冯女士", "login": "gc_p1", "password": "gc_p1_pw_123", "group_ids": [(6, 0, portal.ids)]},
            {"name": "陈先生", "login": "gc_p2", "password": "gc_p2_pw_123", "group_ids": [(6, 0, portal.ids)]},
        ])
        self.authenticate("gc_p1", "gc_p1_pw_123")
        page = self.url_open("/complaint").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        res = self.url_open("/complaint/submit", data={
            "csrf_token": token, "company_id": str(company.id), "kind": "service", "title": "门户投诉测试",
            "facts": "测试", "complainant_name": "冯女士", "complainant_phone": "13907930010"})
        self.assertEqual(res.status_code, 200)
        complaint = self.env["gov.complaint"].search([("title", "=", "门户投诉测试")])
        self.assertEqual(complaint.complainant_partner_id, users[0].partner_id)
        self.assertIn("门户投诉测试", self.url_open("/my/complaints").text)
        self.authenticate("gc_p2", "gc_p2_pw_123")
        self.assertNotIn("门户投诉测试", self.url_open("/my/complaints").text)

    def test_hotline_garbage_body(self):
        before = self.env["gov.complaint"].search_count([])
        res = self.url_open("/gov_complaints/hotline/order", data=b"{not json",
                            headers={"Content-Type": "application/json"})
        self.assertEqual(res.status_code, 400)
        self.assertEqual(res.json()["code"], "malformed_body")
        self.assertNotIn("Traceback", res.text)
        self.assertEqual(self.env["gov.complaint"].search_count([]), before)
