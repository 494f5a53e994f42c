"""Bundles in the online hall (/my/apply/bundle) and the bundle's one rating."""
import re

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import SIGNATURE
from .online_common import PDF, GovOnlineCase

EXE = b"MZ\x90\x00\x03" + b"\0" * 64


class BundleOnlineCase(GovOnlineCase):
    """The noodle shop: the business licence (stage 1), then the food-business licence and the invoices in
    parallel (stage 2); 经营者身份证明 is asked by all three and uploaded once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Item = cls.env["gov.hall.service.item"]
        common = {"company_id": cls.center.id, "department_id": cls.dept.id, "case_type": "promised",
                  "decision_level": "reviewer", "legal_days": 20, "state": "published"}
        cls.licence = Item.create(dict(common, name="个体工商户设立登记", code="BO-01", promised_days=3, material_ids=[
            (0, 0, {"name": "申请书", "requirement": "required"}),
            (0, 0, {"name": "经营者身份证明", "requirement": "required"})]))
        cls.food = Item.create(dict(common, name="食品经营许可", code="BO-02", promised_days=10, material_ids=[
            (0, 0, {"name": "经营者身份证明", "requirement": "required"}),
            (0, 0, {"name": "食品安全管理制度", "requirement": "required"})]))
        cls.invoice = Item.create(dict(common, name="发票领用", code="BO-03", promised_days=1, material_ids=[
            (0, 0, {"name": "经营者身份证明", "requirement": "required"})]))
        items = cls.licence | cls.food | cls.invoice
        cls.env.cr.execute("UPDATE gov_hall_service_item SET online = TRUE, website_published = TRUE WHERE id IN %s",
                           [tuple(items.ids)])
        items.invalidate_recordset(["online", "website_published"])
        cls.bundle = cls.env["gov.hall.bundle"].create({
            "name": "开办餐饮店", "code": "YJS-O1", "company_id": cls.center.id, "baseline_materials": 10,
            "baseline_steps": 5, "baseline_days": 30,
            "line_ids": [(0, 0, {"stage": 1, "item_id": cls.licence.id}),
                         (0, 0, {"stage": 2, "item_id": cls.food.id}),
                         (0, 0, {"stage": 2, "item_id": cls.invoice.id})]})

    def bundle_draft(self, user=None, nonce=None):
        user = user or self.applicant
        return self.env["gov.hall.bundle.case"].with_user(user)._gov_apply_create(
            self.bundle, user.partner_id, nonce=nonce)

    def upload_all(self, bcase, skip=()):
        for entry in bcase.sudo()._gov_merged_materials():
            if entry["name"] in skip:
                continue
            att = self.env["ir.attachment"].create({
                "name": f"{entry['name']}.pdf", "raw": PDF, "mimetype": "application/pdf",
                "res_model": "gov.hall.case.material", "res_id": entry["lines"][:1].id})
            bcase.sudo()._gov_add_upload(entry["name"], att)

    def decide(self, case):
        case.task_ids.with_user(self.reviewer).action_done("approve", "同意")
        case.with_user(self.reviewer).action_decide("approved", "依法准予")

    def done_bundle(self):
        bcase = self.bundle_draft()
        self.upload_all(bcase)
        bcase.with_user(self.applicant).action_apply_submit()
        bcase.with_user(self.clerk).action_accept_online()
        for case in bcase.sudo().case_ids.sorted("bundle_stage"):
            self.decide(case)
        return bcase.sudo()


@tagged("post_install", "-at_install")
class TestBundleOnline(BundleOnlineCase):

    def test_submit_online_then_accept_as_the_window(self):
        calendar = self.env["gov.hall.calendar"]
        bcase = self.bundle_draft(nonce="b-1")
        self.assertEqual(self.bundle_draft(nonce="b-1"), bcase, "a form sent twice makes one draft")
        bcase = bcase.sudo()
        self.assertEqual((bcase.state, bcase.intake_channel), ("apply_draft", "online"))
        self.assertEqual(bcase.case_ids.mapped("state"), ["apply_draft"] * 3)
        # one merged form: the shared material once
        names = [e["name"] for e in bcase._gov_merged_materials()]
        self.assertEqual(names, ["申请书", "经营者身份证明", "食品安全管理制度"])
        # a required material missing: nothing submitted
        self.upload_all(bcase, skip=("食品安全管理制度",))
        with self.assertRaisesRegex(UserError, "食品安全管理制度"):
            bcase.with_user(self.applicant).action_apply_submit()
        self.assertEqual(bcase.state, "apply_draft")
        self.upload_all(bcase.sudo(), skip=("申请书", "经营者身份证明"))
        shared = bcase.case_ids.material_line_ids.filtered(lambda m: m.name == "经营者身份证明")
        self.assertEqual(len(shared), 3)
        self.assertTrue(all(len(m.attachment_ids) == 1 for m in shared), "uploaded once, filed on every item")
        self.assertTrue(bcase.with_user(self.applicant).action_apply_submit())
        self.assertFalse(bcase.with_user(self.applicant).action_apply_submit(), "a second submit changes nothing")
        self.assertEqual(bcase.state, "received")
        self.assertEqual(set(bcase.case_ids.mapped("state")), {"draft"})
        # the applicant cannot accept; the clerk accepts every item at once, routed as at the window
        self.assert_call_refused(self.applicant, bcase, "action_accept_online")
        with self.assertRaises(AccessError):
            bcase.with_user(self.reviewer).action_accept_online()
        bcase.with_user(self.clerk).action_accept_online()
        self.assertEqual(bcase.state, "open")
        cases = bcase.case_ids
        self.assertEqual(set(cases.mapped("state")), {"accepted"})
        self.assertEqual(set(cases.mapped("stat_channel")), {"bundle"})
        first = cases.filtered(lambda c: c.item_id == self.licence)
        food = cases.filtered(lambda c: c.item_id == self.food)
        invoice = cases.filtered(lambda c: c.item_id == self.invoice)
        self.assertEqual(first.deadline, calendar.add_working_days(first.date_accepted, 3))
        self.assertEqual((food.deadline_start, invoice.deadline_start), (first.deadline, first.deadline))
        self.assertEqual(food.deadline, calendar.add_working_days(first.deadline, 10))
        self.assertEqual(bcase.date_accepted, first.date_accepted)
        self.assertEqual(bcase.clerk_id, self.clerk)
        with self.assertRaisesRegex(UserError, "comes after 个体工商户设立登记"):
            self.decide(food)
        with self.assertRaisesRegex(UserError, "not waiting for its pre-review"):
            bcase.with_user(self.clerk).action_accept_online()

    def test_only_online_bundles_and_own_applicant(self):
        with self.assertRaisesRegex(AccessError, "only for yourself"):
            self.env["gov.hall.bundle.case"].with_user(self.applicant)._gov_apply_create(
                self.bundle, self.applicant_b.partner_id)
        self.env.cr.execute("UPDATE gov_hall_service_item SET online = FALSE WHERE id = %s", [self.invoice.id])
        self.invoice.invalidate_recordset(["online"])
        with self.assertRaisesRegex(UserError, "cannot be applied for online"):
            self.bundle_draft()
        self.env.cr.execute("UPDATE gov_hall_service_item SET online = TRUE WHERE id = %s", [self.invoice.id])
        self.invoice.invalidate_recordset(["online"])
        bcase = self.bundle_draft()
        # somebody else's draft: refused
        with self.assertRaisesRegex(AccessError, "not yours"):
            bcase.with_user(self.applicant_b).action_apply_submit()
        for user in (self.applicant, self.clerk, self.admin_user):
            self.assert_write_refused(user, bcase, {"state": "done"})
            self.assert_write_refused(user, bcase, {"gov_apply_nonce": "x"})
        with self.assertRaises(AccessError):
            bcase.with_user(self.applicant_b).read(["name"])

    def test_one_rating_per_bundle(self):
        bcase = self.done_bundle()
        self.assertEqual(bcase.state, "done")
        child = bcase.case_ids.filtered(lambda c: c.item_id == self.food)
        child.with_user(self.clerk).action_deliver("window", recipient="周建国", signature=SIGNATURE)
        # a child of a bundle is not rated on its own, by any channel
        for channel, user in (("staff", self.clerk), ("web", self.applicant)):
            with self.assertRaisesRegex(UserError, "the bundle is rated once, as a whole"):
                child.with_user(user).sudo(channel == "web").action_rate(5, channel=channel)
        with self.assertRaisesRegex(UserError, "five levels"):
            bcase.with_user(self.applicant).action_rate(7)
        with self.assertRaisesRegex(AccessError, "not yours"):
            bcase.with_user(self.applicant_b).action_rate(1)
        with self.assertRaises(AccessError):
            bcase.with_user(self.reviewer).action_rate(1, channel="staff")
        rating = bcase.with_user(self.applicant).action_rate(4, "一次办好")
        with self.assertRaisesRegex(UserError, "already been rated: one thing, one rating"):
            bcase.with_user(self.applicant).action_rate(5)
        with self.assertRaisesRegex(UserError, "already been rated"):
            bcase.with_user(self.clerk).action_rate(5, channel="staff")
        # recorded once, on the lead case, for the lead window
        lead = bcase.lead_case_id
        self.assertEqual((rating.res_model, rating.res_id, rating.rating), ("gov.hall.case", lead.id, 4))
        self.assertEqual(lead.item_id, self.licence)
        self.assertEqual(lead.window_id, bcase.window_id)
        self.assertEqual(bcase.rating_value, 4)
        self.assertEqual(sum(bcase.case_ids.mapped("rating_value")), 4)
        self.env.flush_all()
        report = self.env["gov.hall.case.report"].search([("id", "in", bcase.case_ids.ids)])
        self.assertEqual(sum(report.mapped("rated")), 1)
        self.assertEqual(report.filtered("rated").window_id, bcase.window_id)
        # the rating module's side door is closed too
        with self.assertRaises(UserError):
            child.sudo().rating_apply(5, token=child.sudo()._rating_get_access_token())
        self.assertFalse(child.sudo().rating_ids.filtered("consumed"))

    def test_items_only_together(self):
        bcase = self.bundle_draft()
        self.upload_all(bcase)
        child = bcase.sudo().case_ids[:1]
        with self.assertRaisesRegex(UserError, "its items are submitted and accepted together"):
            child.with_user(self.applicant).action_apply_submit()
        self.assertEqual(bcase.sudo().state, "apply_draft")
        bcase.with_user(self.applicant).action_apply_submit()
        with self.assertRaisesRegex(UserError, "its items are submitted and accepted together"):
            child.with_user(self.clerk).action_accept()
        self.assertEqual(set(bcase.sudo().case_ids.mapped("state")), {"draft"})
        # the window's bundle intake accepts them together, as before (see test_bundle)

    def test_clerk_rates_the_bundle_for_the_applicant(self):
        bcase = self.done_bundle()
        child = bcase.case_ids[:1]
        Wizard = self.env["gov.hall.case.rate.wizard"]
        with self.assertRaisesRegex(UserError, "the bundle is rated once, as a whole"):
            Wizard.with_user(self.clerk).create({"case_id": child.id, "value": "5"}).action_confirm()
        action = bcase.with_user(self.clerk).action_open_rate_wizard()
        wizard = Wizard.with_user(self.clerk).with_context(action["context"]).create({"value": "3"})
        self.assertEqual(wizard.bundle_case_id, bcase)
        wizard.action_confirm()
        self.assertEqual(bcase.rating_value, 3)
        self.assertEqual(bcase.lead_case_id.sudo().rating_ids.filtered("consumed").gov_channel, "staff")
        with self.assertRaisesRegex(UserError, "one thing, one rating"):
            Wizard.with_user(self.clerk).create({"bundle_case_id": bcase.id, "value": "5"}).action_confirm()
        # the bundle of another center is not rated by this center's clerk
        with self.assertRaises(AccessError):
            Wizard.with_user(self.admin2).create({"bundle_case_id": bcase.id, "value": "1"}).action_confirm()
        self.assertEqual(bcase.rating_value, 3)

    def test_one_time_notice_then_accept_together(self):
        bcase = self.bundle_draft()
        self.upload_all(bcase)
        bcase.with_user(self.applicant).action_apply_submit()
        bcase = bcase.sudo()
        food = bcase.case_ids.filtered(lambda c: c.item_id == self.food)
        # the pre-review finds the food safety rules unusable: one-time notice on that item
        line = food.material_line_ids.filtered(lambda m: m.name == "食品安全管理制度")
        line.with_user(self.clerk).write({"received": False, "note": "未加盖公章"})
        food.with_user(self.clerk).action_one_time_notice()
        self.assertEqual((food.state, bcase.state), ("supplement", "received"))
        # nothing is accepted while an item waits for its supplement
        with self.assertRaisesRegex(UserError, "食品经营许可"):
            bcase.with_user(self.clerk).action_accept_online()
        self.assertEqual(set(bcase.case_ids.mapped("state")), {"draft", "supplement"})
        # the applicant supplements that item; then every item is accepted at once
        att = self.env["ir.attachment"].create({"name": "制度.pdf", "raw": PDF, "mimetype": "application/pdf",
                                                "res_model": "gov.hall.case.material", "res_id": line.id})
        line._gov_add_upload(att)
        food.with_user(self.applicant).action_apply_supplement()
        bcase.with_user(self.clerk).action_accept_online()
        self.assertEqual(set(bcase.case_ids.mapped("state")), {"accepted"})

    def test_rating_before_done_refused(self):
        bcase = self.bundle_draft()
        with self.assertRaisesRegex(UserError, "rated once every item is decided"):
            bcase.with_user(self.applicant).action_rate(5)
        with self.assertRaisesRegex(UserError, "rated on its portal page or by the clerk"):
            bcase.with_user(self.clerk).action_rate(5, channel="device")
        # a material the bundle does not ask for is refused, nothing filed
        att = self.env["ir.attachment"].create({"name": "x.pdf", "raw": PDF, "mimetype": "application/pdf"})
        with self.assertRaisesRegex(UserError, "does not ask for 营业执照"):
            bcase.sudo()._gov_add_upload("营业执照", att)
        self.assertFalse(bcase.sudo().case_ids.material_line_ids.attachment_ids)


@tagged("post_install", "-at_install")
class TestBundleOnlineHttp(BundleOnlineCase, HttpCase):

    def login(self, user):
        self.authenticate(user.login, user.login)

    def csrf(self, url="/my/apply"):
        return re.search(r'csrf_token: "([^"]+)"', self.url_open(url).text).group(1)

    def post(self, url, data, files=None):
        return self.url_open(url, data=dict(data, csrf_token=self.csrf()), files=files, allow_redirects=True)

    def test_bundle_over_http(self):
        self.login(self.applicant)
        self.assertIn(f"/my/apply/bundle/new?bundle_id={self.bundle.id}", self.url_open("/my/apply").text)
        for _i in range(2):
            res = self.post("/my/apply/bundle/new", {"bundle_id": self.bundle.id, "nonce": "h-1",
                                                      "delivery": "separately"})
            self.assertEqual(res.status_code, 200)
        bcase = self.env["gov.hall.bundle.case"].search([("applicant_id", "=", self.applicant.partner_id.id)])
        self.assertEqual(len(bcase), 1, "one draft")
        self.assertFalse(bcase.delivery_together)
        url = f"/my/apply/bundle/{bcase.id}"
        self.assertIn("经营者身份证明", self.url_open(url).text)
        # wrong type and oversize: refused, nothing saved
        res = self.post(f"{url}/upload", {"material": "经营者身份证明"}, files={"file": ("id.pdf", EXE, "application/pdf")})
        self.assertEqual(res.status_code, 422)
        self.assertIn("不是可接受的文件", res.text)
        self.env["ir.config_parameter"].set_param("gov_hall_base.upload_max_bytes.gov_hall_apply", "20")
        res = self.post(f"{url}/upload", {"material": "经营者身份证明"}, files={"file": ("id.pdf", PDF, "application/pdf")})
        self.assertEqual(res.status_code, 422)
        self.assertIn("超过了", res.text)
        self.env["ir.config_parameter"].set_param("gov_hall_base.upload_max_bytes.gov_hall_apply", "")
        self.assertFalse(bcase.case_ids.material_line_ids.attachment_ids)
        # a material the bundle does not ask
        res = self.post(f"{url}/upload", {"material": "营业执照"}, files={"file": ("x.pdf", PDF, "application/pdf")})
        self.assertEqual(res.status_code, 404)
        for name in ("申请书", "经营者身份证明", "食品安全管理制度"):
            res = self.post(f"{url}/upload", {"material": name}, files={"file": ("a.pdf", PDF, "application/pdf")})
            self.assertEqual(res.status_code, 200)
        self.assertEqual(len(bcase.case_ids.material_line_ids.attachment_ids), 5)
        for _i in range(2):
            self.assertEqual(self.post(f"{url}/submit", {}).status_code, 200)
        self.assertEqual(bcase.state, "received")
        res = self.post(f"{url}/upload", {"material": "申请书"}, files={"file": ("a.pdf", PDF, "application/pdf")})
        self.assertEqual(res.status_code, 422)

    def test_other_applicant_refused(self):
        bcase = self.bundle_draft()
        self.upload_all(bcase)
        url = f"/my/apply/bundle/{bcase.id}"
        self.login(self.applicant_b)
        self.assertEqual(self.url_open(url).status_code, 404)
        token = self.csrf()
        self.assertEqual(self.url_open(f"{url}/submit", data={"csrf_token": token}).status_code, 404)
        self.assertEqual(self.url_open(f"{url}/rate", data={"csrf_token": token, "value": "1"}).status_code, 404)
        res = self.url_open(f"{url}/upload", data={"csrf_token": token, "material": "申请书"},
                            files={"file": ("x.pdf", PDF, "application/pdf")})
        self.assertEqual(res.status_code, 404)
        self.assertEqual(bcase.sudo().state, "apply_draft")
        self.assertEqual(len(bcase.sudo().case_ids.material_line_ids.attachment_ids), 5)
        self.assertNotIn(url, self.url_open("/my/apply").text)
        # and the child cases of it are not readable either
        child = bcase.sudo().case_ids[:1]
        self.assertEqual(self.url_open(f"/my/apply/{child.id}").status_code, 404)
        # the applicant's own child draft is filled in on the bundle's form, not alone
        self.login(self.applicant)
        res = self.url_open(f"/my/apply/{child.id}", allow_redirects=False)
        self.assertEqual((res.status_code, res.headers.get("Location", "").endswith(url)), (303, True))
        res = self.url_open(f"/my/apply/{child.id}/upload", data={
            "csrf_token": self.csrf(), "line_id": child.material_line_ids[:1].id},
            files={"file": ("x.pdf", PDF, "application/pdf")})
        self.assertEqual(res.status_code, 422)
        self.assertEqual(self.url_open(f"/my/apply/{child.id}/submit", data={"csrf_token": self.csrf()}).status_code, 422)
        self.assertEqual(bcase.sudo().state, "apply_draft")

    def test_bundle_tour(self):
        """Apply for the bundle online with one form, accepted by the clerk, decided, rated once."""
        self.start_tour("/my/apply", "gov_hall_apply_bundle", login=self.applicant.login)
        bcase = self.env["gov.hall.bundle.case"].search([("applicant_id", "=", self.applicant.partner_id.id)])
        self.assertEqual((len(bcase), bcase.state), (1, "received"))
        self.assertEqual(len(bcase.case_ids), 3)
        bcase.with_user(self.clerk).action_accept_online()
        for case in bcase.case_ids.sorted("bundle_stage"):
            self.decide(case)
        self.start_tour(f"/my/apply/bundle/{bcase.id}", "gov_hall_apply_bundle_rate", login=self.applicant.login)
        self.assertEqual(bcase.rating_value, 5)

    def test_combined_notice(self):
        bcase = self.bundle_draft()
        self.upload_all(bcase)
        bcase.with_user(self.applicant).action_apply_submit()
        url = f"/my/apply/bundle/{bcase.id}/notice"
        self.login(self.applicant)
        self.assertEqual(self.url_open(url).status_code, 404, "no notice before the acceptance")
        bcase.with_user(self.clerk).action_accept_online()
        self.assertIn(url, self.url_open(f"/my/apply/bundle/{bcase.id}").text)
        res = self.url_open(url)
        self.assertEqual((res.status_code, res.headers["Content-Type"]), (200, "application/pdf"))
        # (in tests the report engine answers the notice's HTML instead of rendering the PDF)
        self.assertIn(bcase.sudo().name, res.content.decode())
        for case in bcase.sudo().case_ids:
            self.assertIn(case.name, res.content.decode())
        self.login(self.applicant_b)
        self.assertEqual(self.url_open(url).status_code, 404)
