from odoo.tests import HttpCase, tagged

from odoo.addons.gov_hall_base.tests.common import GovAssertMixin


@tagged("post_install", "-at_install")
class TestHotline(GovAssertMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.center = cls.env["website"].get_current_website().company_id
        cls.center.sudo().gov_hotline_token = "tok-12345-secret"
        cls.window = cls.env["gov.hall.window"].create({"name": "不动产窗口", "code": "H12",
                                                        "company_id": cls.center.id, "kind": "department"})
        cls.Complaint = cls.env["gov.complaint"]

    def _order(self, **kw):
        order = {"order_no": "GD20251009000123", "title": "超时未办结",
                 "content": "来电反映不动产登记超过承诺时限仍未办结。", "kind": "business",
                 "caller_name": "李先生", "caller_phone": "13907930004", "window_code": "H12",
                 "received_at": "2025-10-09 02:30:00"}
        order.update(kw)
        return {k: v for k, v in order.items() if v is not None}

    def _call(self, route, **params):
        return self.make_jsonrpc_request(route, params)

    def _count(self):
        return self.Complaint.search_count([("channel", "=", "hotline")])

    def test_bad_tokens_create_nothing(self):
        before = self._count()
        for token in (None, "", "wrong", "tok-12345-secreT", 12345):
            res = self._call("/gov_complaints/hotline/order", token=token, order=self._order())
            self.assertFalse(res["ok"])
            self.assertEqual(res["error"]["code"], "bad_token")
        res = self._call("/gov_complaints/hotline/status", token="wrong", order_no="GD20251009000123")
        self.assertEqual(res["error"]["code"], "bad_token")
        self.assertEqual(self._count(), before)

    def test_malformed_orders_create_nothing(self):
        before = self._count()
        bad_orders = [
            None, "not an object", [1, 2],
            self._order(content=None), self._order(order_no=""), self._order(title=42),
            self._order(kind="praise"), self._order(received_at="yesterday"),
            self._order(caller_phone="abc"), self._order(anonymous="yes"), self._order(order_no="X" * 65),
        ]
        for order in bad_orders:
            res = self._call("/gov_complaints/hotline/order", token="tok-12345-secret", order=order)
            self.assertFalse(res["ok"], order)
            self.assertEqual(res["error"]["code"], "malformed_order")
            self.assertTrue(res["error"]["message"])
        self.assertEqual(self._count(), before)

    def test_order_creates_once_and_reports_status(self):
        res = self._call("/gov_complaints/hotline/order", token="tok-12345-secret", order=self._order())
        self.assertTrue(res["ok"])
        self.assertTrue(res["created"])
        complaint = self.Complaint.search([("hotline_order_no", "=", "GD20251009000123")])
        self.assertEqual(complaint.channel, "hotline")
        self.assertEqual(complaint.window_id, self.window)
        self.assertEqual(complaint.complainant_name, "李先生")
        self.assertEqual(res["complaint"]["name"], complaint.name)
        self.assertNotIn("李先生", str(res), "the status never carries the identity")
        # the platform retries the same order: no duplicate
        res = self._call("/gov_complaints/hotline/order", token="tok-12345-secret", order=self._order())
        self.assertTrue(res["ok"])
        self.assertFalse(res["created"])
        self.assertEqual(self.Complaint.search_count([("hotline_order_no", "=", "GD20251009000123")]), 1)
        # status reported back, then after the reply
        res = self._call("/gov_complaints/hotline/status", token="tok-12345-secret", order_no="GD20251009000123")
        self.assertEqual(res["complaint"]["state"], "new")
        complaint.action_register()
        complaint.spot_answer = "已电话回复来电人。"
        complaint.action_answer_on_spot()
        res = self._call("/gov_complaints/hotline/status", token="tok-12345-secret", order_no="GD20251009000123")
        self.assertEqual(res["complaint"]["state"], "replied")
        self.assertEqual(res["complaint"]["reply"], "已电话回复来电人。")
        res = self._call("/gov_complaints/hotline/status", token="tok-12345-secret", order_no="NOPE")
        self.assertEqual(res["error"]["code"], "not_found")

    def test_anonymous_order(self):
        res = self._call("/gov_complaints/hotline/order", token="tok-12345-secret",
                         order=self._order(order_no="GD2", anonymous=True, caller_name=None, caller_phone=None))
        self.assertTrue(res["ok"])
        complaint = self.Complaint.search([("hotline_order_no", "=", "GD2")])
        self.assertTrue(complaint.anonymous)
