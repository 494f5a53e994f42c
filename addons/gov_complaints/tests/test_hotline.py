import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

from odoo.tests import HttpCase, tagged

from odoo.addons.gov_hall_base.tests.common import GovAssertMixin

from .common import ComplaintCase


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

    def _call(self, route, headers=None, **params):
        """POST a JSON body; the answer is JSON with a status matching its code, never a traceback."""
        res = self.url_open(route, data=json.dumps(params),
                            headers={"Content-Type": "application/json", **(headers or {})})
        self.assertNotIn("Traceback", res.text)
        body = res.json()
        self.assertEqual(res.status_code < 400, body["ok"], res.text)
        return body

    def _count(self):
        return self.Complaint.search_count([("channel", "=", "hotline")])

    def test_bad_tokens_create_nothing(self):
        before = self._count()
        for token in (None, "", "wrong", "tok-12345-secreT", 12345):
            res = self._call("/gov_complaints/hotline/order", token=token, order=self._order())
            self.assertFalse(res["ok"])
            self.assertEqual(res["code"], "bad_token")
            # every bad token counts against the caller's throttle: start afresh
            self.env.cr.execute("DELETE FROM gov_hall_throttle")
        res = self._call("/gov_complaints/hotline/status", token="wrong", order_no="GD20251009000123")
        self.assertEqual(res["code"], "bad_token")
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
            self.assertEqual(res["code"], "malformed_order")
            self.assertTrue(res["message"])
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
        self.assertEqual(res["code"], "not_found")

    def test_token_in_header(self):
        res = self._call("/gov_complaints/hotline/order", order=self._order(order_no="GD-HDR"),
                         headers={"X-Gov-Hotline-Token": "tok-12345-secret"})
        self.assertTrue(res["ok"])
        self.assertTrue(self.Complaint.search([("hotline_order_no", "=", "GD-HDR")]))

    def test_anonymous_order(self):
        res = self._call("/gov_complaints/hotline/order", token="tok-12345-secret",
                         order=self._order(order_no="GD2", anonymous=True, caller_name=None, caller_phone=None))
        self.assertTrue(res["ok"])
        complaint = self.Complaint.search([("hotline_order_no", "=", "GD2")])
        self.assertTrue(complaint.anonymous)


class _Receiver(BaseHTTPRequestHandler):
    """A real HTTP server standing for the 12345 platform's status callback."""

    received = []
    status = 200

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        type(self).received.append(json.loads(body))
        self.send_response(type(self).status)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@tagged("post_install", "-at_install")
class TestHotlinePush(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = HTTPServer(("127.0.0.1", 0), _Receiver)
        thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        thread.start()
        cls.addClassCleanup(cls.server.server_close)
        cls.addClassCleanup(cls.server.shutdown)
        cls.center.sudo().write({"gov_hotline_token": "tok-push",
                                 "gov_hotline_callback_url": "http://127.0.0.1:%s/status" % cls.server.server_port})

    def test_status_pushed_and_retried(self):
        _Receiver.received.clear()
        complaint, created = self.env["gov.complaint.public"]._create_hotline(
            {"order_no": "GD-PUSH-1", "title": "超时未办结", "content": "来电反映超时。", "anonymous": True}, self.center)
        self.assertTrue(created)
        self.assertFalse(complaint.hotline_sync_state, "creation is answered by the endpoint itself")
        complaint.with_user(self.supervisor).action_register()
        self.assertEqual(complaint.hotline_sync_state, "pending")
        # the platform is down: the failure is kept and retried
        _Receiver.status = 500
        self.env["gov.complaint"]._cron_hotline_push()
        self.assertEqual(complaint.hotline_sync_state, "failed")
        self.assertIn("500", complaint.hotline_sync_error)
        _Receiver.status = 200
        self.env["gov.complaint"]._cron_hotline_push()
        self.assertEqual(complaint.hotline_sync_state, "done")
        last = _Receiver.received[-1]
        self.assertEqual(last["order_no"], "GD-PUSH-1")
        self.assertEqual(last["token"], "tok-push")
        self.assertEqual(last["complaint"]["state"], "registered")
        # the answer on the spot is pushed too
        complaint.spot_answer = "已电话答复。"
        complaint.with_user(self.supervisor).action_answer_on_spot()
        self.env["gov.complaint"]._cron_hotline_push()
        self.assertEqual(_Receiver.received[-1]["complaint"]["state"], "replied")
        self.assertEqual(_Receiver.received[-1]["complaint"]["reply"], "已电话答复。")
        # other complaints are never pushed
        other = self._complaint()
        other.action_register()
        self.assertFalse(other.hotline_sync_state)
