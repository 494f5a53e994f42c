import json
from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import freeze_time

from odoo.addons.gov_hall_base.tools.protect import granted

from .common import GovIntakeCase


class CrossRegionCase(GovIntakeCase):
    """Center B (center2) receives for center A (center) the item 社会保障卡申领 listed for cross-region handling."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with granted(cls.item):
            cls.item.cross_region = True
        cls.clerk_b = new_test_user(cls.env, login="t_clerk_b", groups="gov_hall_base.group_gov_clerk",
                                    company_id=cls.center2.id, company_ids=[(6, 0, cls.center2.ids)], name="t_clerk_b")
        cls.reviewer_2 = new_test_user(cls.env, login="t_reviewer_2", groups="gov_hall_base.group_gov_reviewer",
                                       company_id=cls.center2.id, company_ids=[(6, 0, cls.center2.ids)])

    def receive(self, item=None, user=None, tracking="EMS1180012345", partner=None):
        case = self.env["gov.hall.case"].with_user(user or self.clerk_b).with_company(self.center2).gov_remote_receive(
            (item or self.item).id, (partner or self.citizen).id, ["居民身份证", "免冠照片"], tracking)
        return self.env["gov.hall.case"].browse(case.id)


@tagged("post_install", "-at_install")
class TestCrossRegion(CrossRegionCase):

    def test_receive_forward_accept_decide(self):
        calendar = self.env["gov.hall.calendar"]
        case = self.receive()
        self.assertEqual((case.sudo().company_id, case.sudo().receiving_company_id), (self.center, self.center2))
        self.assertEqual((case.sudo().intake_channel, case.sudo().state), ("remote", "draft"))
        self.assertEqual(case.sudo().remote_accept_due, calendar.add_working_days(self.today(), 5))
        self.assertEqual(case.sudo().stat_channel, "remote")
        # the owning center accepts on its own clock and decides
        case = case.with_user(self.clerk)
        case.action_accept()
        self.assertEqual(case.deadline_start, self.today(self.center))
        self.assertEqual(case.deadline, calendar.add_working_days(self.today(self.center), self.item.promised_days))
        self.assertFalse(case.remote_accepted_late)
        case.task_ids.with_user(self.reviewer).action_done("approve", "同意")
        case.with_user(self.reviewer).action_decide("approved", "《社会保险法》第五十八条")
        # the receiving center follows the status of its forwarded case
        as_b = case.with_user(self.clerk_b).with_company(self.center2)
        self.assertEqual(as_b.read(["state", "decision"])[0]["state"], "decided")
        self.assertEqual(self.env["gov.hall.case"].with_user(self.clerk_b).search(
            [("company_id", "=", self.center.id)]), as_b)
        # and nothing else of the owning center
        other = self.accepted_case()
        with self.assertRaises(AccessError):
            other.with_user(self.clerk_b).read(["state"])
        with self.assertRaises(AccessError):
            self.item.with_user(self.clerk_b).read(["name"])
        with self.assertRaises(AccessError):
            case.task_ids.with_user(self.clerk_b).read(["state"])
        with self.assertRaises(AccessError):
            as_b.write({"delivery_address": "广州市天河区"})
        for user in (self.clerk_b, self.clerk):
            self.assert_write_refused(user, case, {"receiving_company_id": False})
            self.assert_write_refused(user, case, {"remote_accepted_late": True})

    def test_late_acceptance_is_flagged(self):
        case = self.receive()
        with freeze_time(case.sudo().remote_accept_due + timedelta(days=3)):
            case.with_user(self.clerk).action_accept()
        self.assertTrue(case.sudo().remote_accepted_late)

    def test_rules(self):
        with self.assertRaisesRegex(UserError, "not on the list of items handled across regions"):
            self.receive(self.item_joint)
        with self.assertRaisesRegex(UserError, "enter the tracking number"):
            self.receive(tracking="")
        nobody = self.env["res.partner"].create({"name": "无证件申请人"})
        with self.assertRaisesRegex(UserError, "has no identity number"):
            self.receive(partner=nobody)
        with granted(self.item2):
            self.item2.cross_region = True
        with self.assertRaisesRegex(UserError, "receive it as an ordinary case"):
            self.receive(self.item2)
        with self.assertRaises(AccessError):
            self.receive(user=self.reviewer_2)


@tagged("post_install", "-at_install")
class TestCrossRegionHttp(CrossRegionCase, HttpCase):

    def call(self, model, method, args, kwargs=None):
        res = self.url_open("/web/dataset/call_kw", data=json.dumps({
            "jsonrpc": "2.0", "method": "call",
            "params": {"model": model, "method": method, "args": args, "kwargs": kwargs or {}}}),
            headers={"Content-Type": "application/json"})
        self.assertEqual(res.status_code, 200)
        return res.json()

    def test_receiving_center_over_http(self):
        case = self.receive()
        other = self.accepted_case()
        self.authenticate("t_clerk_b", "t_clerk_b")
        found = self.call("gov.hall.case", "search_read", [[("company_id", "=", self.center.id)]],
                          {"fields": ["name", "state"]})["result"]
        self.assertEqual([r["id"] for r in found], case.ids)
        self.assertIn("error", self.call("gov.hall.case", "read", [other.ids, ["state"]]))
        self.assertIn("error", self.call("gov.hall.case", "write", [case.ids, {"delivery_address": "x"}]))
        self.assertIn("error", self.call("gov.hall.service.item", "read", [self.item.ids, ["name"]]))
        self.assertIn("error", self.call("gov.hall.case", "write", [case.ids, {"receiving_company_id": False}]))
        self.authenticate("t_reviewer_2", "t_reviewer_2")
        self.assertIn("error", self.call("gov.hall.case", "gov_remote_receive",
                                         [self.item.id, self.citizen.id, [], "EMS1"]))
        self.assertEqual(self.env["gov.hall.case"].search_count([("receiving_company_id", "=", self.center2.id)]), 1)
