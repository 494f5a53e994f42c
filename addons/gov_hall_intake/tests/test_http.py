import json
import subprocess
import unicodedata

from odoo.tests import HttpCase, tagged

from .common import GovIntakeCase


@tagged("post_install", "-at_install")
class TestHttp(GovIntakeCase, HttpCase):

    def _post_json(self, url, body, status=None):
        res = self.url_open(url, data=json.dumps(body), headers={"Content-Type": "application/json"})
        if status:
            self.assertEqual(res.status_code, status, res.text)
        self.assertNotIn("Traceback", res.text)
        return res.json()

    def test_evaluator_device_endpoint(self):
        device = self.env["gov.hall.evaluator.device"].create({
            "name": "评价器", "serial": "PJQ-T-2", "window_id": self.window_zh.id})
        token = device.action_new_token()
        case = self.decided_case()
        bad = self._post_json("/gov_hall/evaluator/rate", {"serial": "PJQ-T-2", "token": "wrong",
                                                           "case_number": case.name, "value": 5}, 401)
        self.assertEqual((bad["ok"], bad["code"]), (False, "unauthorized"))
        self.assertFalse(case.rating_ids.filtered("consumed"))
        ok = self._post_json("/gov_hall/evaluator/rate", {"serial": "PJQ-T-2", "token": token,
                                                          "case_number": case.name, "value": 2, "feedback": "慢"}, 200)
        self.assertTrue(ok["ok"])
        case.invalidate_recordset()
        self.assertEqual(case.rating_value, 2)
        self.assertEqual(case.rating_ids.gov_channel, "device")
        self.assertEqual(case.rating_ids.gov_device_id, device)
        self.assertTrue(self.env["gov.hall.rating.review"].search([("case_id", "=", case.id)]))
        again = self._post_json("/gov_hall/evaluator/rate", {"serial": "PJQ-T-2", "token": token,
                                                             "case_number": case.name, "value": 5}, 422)
        self.assertEqual(again["code"], "rejected")
        # a device of another center cannot rate this center's cases
        other = self.env["gov.hall.evaluator.device"].create({
            "name": "评价器", "serial": "PJQ-T-3", "window_id": self.window_zh2.id})
        other_token = other.action_new_token()
        res = self._post_json("/gov_hall/evaluator/rate", {"serial": "PJQ-T-3", "token": other_token,
                                                           "case_number": self.decided_case().name, "value": 5}, 404)
        self.assertEqual(res["code"], "unknown_case")
        # an archived device, or a call without a secret, is refused
        device.active = False
        res = self._post_json("/gov_hall/evaluator/rate", {"serial": "PJQ-T-2", "token": token,
                                                           "case_number": self.decided_case().name, "value": 5}, 401)
        self.assertEqual(res["code"], "unauthorized")
        res = self._post_json("/gov_hall/evaluator/rate", {"serial": "PJQ-T-3", "case_number": case.name,
                                                           "value": 5}, 401)
        self.assertEqual(res["code"], "unauthorized")

    def test_tracking_page(self):
        case = self.decided_case()
        self.assertEqual(self.url_open("/gov_hall/track").status_code, 200)
        page = self.url_open("/gov_hall/track?case_number=%s&query_code=WRONG123" % case.name).text
        self.assertTrue("No case matches" in page or "未查询到" in page)
        self.assertNotIn(case.item_id.name, page)
        page = self.url_open(f"/gov_hall/track?case_number={case.name}&query_code={case.query_code}").text
        self.assertIn(case.item_id.name, page)
        self.assertIn("好差评", page)
        self.assertNotIn(self.citizen.gov_id_number, page)
        # notice download needs the access token
        self.assertEqual(self.url_open(f"/gov_hall/track/notice/{case.id}").status_code, 404)

    def test_tracking_rate_tour(self):
        case = self.decided_case()
        self.start_tour(f"/gov_hall/track?case_number={case.name}&query_code={case.query_code}",
                        "gov_hall_intake_track_rate")
        case.invalidate_recordset()
        self.assertEqual(case.rating_value, 4)
        self.assertEqual(case.rating_ids.gov_channel, "web")

    def test_public_guide(self):
        page = self.url_open("/gov_hall/guide").text
        self.assertIn(f'href="/gov_hall/guide/{self.item.id}"', page)
        page = self.url_open(f"/gov_hall/guide/{self.item.id}").text
        self.assertIn("办事指南", page)
        self.assertIn("居民身份证", page)
        self.assertEqual(self.url_open(f"/gov_hall/guide/{self.item.id}/pdf").status_code, 200)
        self.item.website_published = False
        self.assertEqual(self.url_open(f"/gov_hall/guide/{self.item.id}").status_code, 404)
        self.assertEqual(self.url_open(f"/gov_hall/guide/{self.item.id}/pdf").status_code, 404)
        self.assertNotIn(f'href="/gov_hall/guide/{self.item.id}"', self.url_open("/gov_hall/guide").text)

    def test_portal_my_cases(self):
        case = self.accepted_case(partner=self.applicant.partner_id)
        self.authenticate("t_applicant", "t_applicant")
        page = self.url_open("/my/cases").text
        self.assertIn(case.name, page)
        page = self.url_open(f"/my/cases/{case.id}").text
        self.assertIn(case.item_id.name, page)
        other = self.accepted_case()
        res = self.url_open(f"/my/cases/{other.id}", allow_redirects=False)
        self.assertEqual(res.status_code, 303)

    def _pdf_text(self, report, records):
        pdf, fmt = self.env["ir.actions.report"].with_context(force_report_rendering=True)._render_qweb_pdf(
            report, records.ids)
        self.assertEqual(fmt, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                              check=True).stdout.decode()
        return unicodedata.normalize("NFKC", text).replace(" ", "")

    def test_pdf_reports(self):
        notice = self.new_case(received=False)
        notice.action_one_time_notice()
        self.assertIn("一次性告知书", self._pdf_text("gov_hall_intake.action_report_one_time_notice", notice))
        refused = self.new_case()
        refused.action_refuse_intake("不属于本机关职权范围", "《行政许可法》第三十二条")
        text = self._pdf_text("gov_hall_intake.action_report_refusal_notice", refused)
        self.assertIn("不予受理通知书", text)
        self.assertIn("不属于本机关职权范围", text)
        case = self.accepted_case(self.item_joint)
        text = self._pdf_text("gov_hall_intake.action_report_acceptance_notice", case)
        self.assertIn("受理通知书", text)
        self.assertIn(case.query_code, text)
        case.with_user(self.clerk).action_pay_fees()
        text = self._pdf_text("gov_hall_intake.action_report_fee_receipt", case)
        self.assertIn("收费收据", text)
        self.assertIn("捌拾元整", text)
        self.assertIn("办事指南", self._pdf_text("gov_hall_intake.action_report_service_guide", self.item))

    def test_intake_wizard_tour(self):
        self.start_tour("/odoo", "gov_hall_intake_receive", login="t_clerk")
        case = self.env["gov.hall.case"].search([("applicant_id", "=", self.citizen.id)])
        self.assertEqual(len(case), 1)
        self.assertEqual((case.state, case.item_id, case.clerk_id), ("accepted", self.item, self.clerk))
        self.assertEqual(case.material_line_ids.filtered("received").mapped("name"), ["居民身份证", "免冠照片"])

    def test_case_form_tier_validation_tour(self):
        case = self.accepted_case(self.item_leader)
        case.task_ids.with_user(self.reviewer).action_done("approve")
        case.with_user(self.chief).action_escalate("approved", "《食品安全法》第三十五条")
        action = self.env.ref("gov_hall_intake.action_case")
        self.start_tour(f"/odoo/action-{action.id}", "gov_hall_intake_case_form", login="t_dept_head")
        self.assertEqual((case.state, case.decision, case.handler_id), ("decided", "approved", self.dept_head))
