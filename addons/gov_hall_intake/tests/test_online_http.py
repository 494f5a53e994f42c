import re
from datetime import date

from odoo.tests import HttpCase, tagged

from .common import SIGNATURE
from .online_common import PDF, GovOnlineCase

EXE = b"MZ\x90\x00\x03" + b"\0" * 64


@tagged("post_install", "-at_install")
class TestOnlineHttp(GovOnlineCase, HttpCase):

    def login(self, user):
        self.authenticate(user.login, user.login)

    def csrf(self, url):
        page = self.url_open(url).text
        return re.search(r'csrf_token: "([^"]+)"', page).group(1)

    def post(self, url, data, files=None, token_url="/my/apply"):
        data = dict(data, csrf_token=self.csrf(token_url))
        return self.url_open(url, data=data, files=files, allow_redirects=True)

    def test_apply_over_http(self):
        self.login(self.applicant)
        page = self.url_open(f"/gov_hall/guide/{self.item.id}").text
        self.assertIn(f"/my/apply/new?item_id={self.item.id}", page)
        for _i in range(2):   # the form sent twice
            res = self.post("/my/apply/new", {"item_id": self.item.id, "nonce": "n-1", "authorization_id": "self"})
            self.assertEqual(res.status_code, 200)
        cases = self.env["gov.hall.case"].search([("applicant_id", "=", self.applicant.partner_id.id)])
        self.assertEqual(len(cases), 1, "one draft")
        case = cases
        line = case.material_line_ids[:1]
        url = f"/my/apply/{case.id}"
        # wrong type: a PNG named .pdf
        res = self.post(f"{url}/upload", {"line_id": line.id}, files={"file": ("id.pdf", EXE, "application/pdf")},
                        token_url=url)
        self.assertEqual(res.status_code, 422)
        self.assertIn("不是可接受的文件", res.text)
        # oversize
        self.env["ir.config_parameter"].set_param("gov_hall_base.upload_max_bytes.gov_hall_apply", "20")
        res = self.post(f"{url}/upload", {"line_id": line.id}, files={"file": ("id.pdf", PDF, "application/pdf")},
                        token_url=url)
        self.assertEqual(res.status_code, 422)
        self.assertIn("超过了", res.text)
        self.assertFalse(line.attachment_ids, "nothing saved from a refused upload")
        self.env["ir.config_parameter"].set_param("gov_hall_base.upload_max_bytes.gov_hall_apply", "")
        res = self.post(f"{url}/upload", {"line_id": line.id}, files={"file": ("id.pdf", PDF, "application/pdf")},
                        token_url=url)
        self.assertEqual(res.status_code, 200)
        self.assertEqual(len(line.attachment_ids), 1)
        # the double submit
        for _i in range(2):
            self.assertEqual(self.post(f"{url}/submit", {}, token_url=url).status_code, 200)
        self.assertEqual(case.state, "draft")
        self.assertEqual(self.env["gov.hall.case"].search_count(
            [("applicant_id", "=", self.applicant.partner_id.id)]), 1)

    def test_upload_error_in_chinese(self):
        self.applicant.lang = "zh_CN"
        self.env["res.lang"]._activate_lang("zh_CN")
        case = self.draft()
        self.login(self.applicant)
        url = f"/my/apply/{case.id}"
        res = self.post(f"{url}/upload", {"line_id": case.material_line_ids[:1].id},
                        files={"file": ("id.pdf", EXE, "application/pdf")}, token_url=url)
        self.assertEqual(res.status_code, 422)
        self.assertIn("不是可接受的文件", res.text)

    def test_other_applicant_refused(self):
        case = self.draft()
        self.upload(case)
        self.login(self.applicant_b)
        url = f"/my/apply/{case.id}"
        self.assertEqual(self.url_open(url).status_code, 404)
        token = self.csrf("/my/apply")
        for path in ("submit", "supplement"):
            res = self.url_open(f"{url}/{path}", data={"csrf_token": token})
            self.assertEqual(res.status_code, 404)
        res = self.url_open(f"{url}/upload", data={"csrf_token": token, "line_id": case.material_line_ids[:1].id},
                            files={"file": ("x.pdf", PDF, "application/pdf")})
        self.assertEqual(res.status_code, 404)
        self.assertEqual(case.state, "apply_draft")
        self.assertEqual(len(case.material_line_ids[:1].attachment_ids), 1)
        self.assertNotIn(f"/my/apply/{case.id}", self.url_open("/my/apply").text)

    def test_agent_outside_scope_or_expired(self):
        self.login(self.agent)
        expired = self.authorize(items=self.item, date_start=date(2024, 1, 1), date_end=date(2024, 12, 31))
        narrow = self.authorize(items=self.item_joint)
        for auth in (expired, narrow):
            res = self.post("/my/apply/new", {"item_id": self.item.id, "authorization_id": auth.id, "nonce": str(auth.id)})
            self.assertEqual(res.status_code, 422)
        self.assertFalse(self.env["gov.hall.case"].search([("applicant_id", "=", self.company_partner.id)]))
        # another person's authorisation is not the agent's
        self.login(self.applicant_b)
        res = self.post("/my/apply/new", {"item_id": self.item.id, "authorization_id": self.authorize().id})
        self.assertEqual(res.status_code, 422)
        self.assertFalse(self.env["gov.hall.case"].search([("applicant_id", "=", self.company_partner.id)]))

    def test_applicant_tour(self):
        """Apply online, one-time notice by the clerk in the backend, supplement, accepted, timeline, rating."""
        self.start_tour(f"/gov_hall/guide/{self.item.id}", "gov_hall_apply_start", login=self.applicant.login)
        case = self.env["gov.hall.case"].search([("applicant_id", "=", self.applicant.partner_id.id)])
        self.assertEqual((len(case), case.state), (1, "draft"))
        action = self.env.ref("gov_hall_intake.action_case_prereview")
        self.start_tour(f"/odoo/action-{action.id}", "gov_hall_prereview_backend", login="t_clerk")
        self.assertEqual(case.state, "supplement")
        self.assertIn("免冠照片", case.missing_material_names)
        self.start_tour(f"/my/apply/{case.id}", "gov_hall_apply_supplement", login=self.applicant.login)
        self.assertTrue(case.gov_supplemented)
        case = case.with_user(self.clerk)
        case.action_accept()
        case.task_ids.with_user(self.reviewer).action_done("approve", "同意")
        case.with_user(self.reviewer).action_decide("approved", "《社会保险法》第五十八条")
        case.action_deliver("window", recipient="周建国", signature=SIGNATURE)
        self.start_tour(f"/my/cases/{case.id}", "gov_hall_apply_track_rate", login=self.applicant.login)
        self.assertEqual(case.rating_value, 5)

    def test_portal_case_page_of_a_draft(self):
        case = self.draft()
        self.login(self.applicant)
        page = self.url_open(f"/my/cases/{case.id}").text
        self.assertIn(f"/my/apply/{case.id}", page)
        self.assertNotIn("/gov_hall/track/notice/", page, "a draft has no notice")
