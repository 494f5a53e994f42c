"""The shared pieces of the public endpoints: upload checks by content, the client address behind proxies,
the throttle settings and the purge of old counters."""
import datetime
import io
import zipfile
from types import SimpleNamespace

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import config

from ..tools import Throttle, check_upload, client_address, detect_kind

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def _zip(names):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buf.getvalue()


@tagged("post_install", "-at_install")
class TestUploadCheck(TransactionCase):
    def test_kinds_by_content(self):
        self.assertEqual(detect_kind(PDF), "pdf")
        self.assertEqual(detect_kind(PNG), "png")
        self.assertEqual(detect_kind(JPEG), "jpeg")
        self.assertEqual(detect_kind(_zip(["OFD.xml", "Doc_0/Document.xml"])), "ofd")
        self.assertEqual(detect_kind(_zip(["a.txt"])), "zip")
        self.assertIsNone(detect_kind(b"PK\x03\x04 not a zip"))
        self.assertIsNone(detect_kind(b"MZ\x90\x00"))
        self.assertEqual(check_upload(PDF, "材料.PDF", ("pdf", "png"), 1024, env=self.env),
                         ("pdf", "application/pdf"))
        self.assertEqual(check_upload(JPEG, "photo.jpeg", ("jpeg",), 1024, env=self.env)[1], "image/jpeg")
        self.assertEqual(check_upload(_zip(["OFD.xml"]), "证照.ofd", ("ofd",), 10000, env=self.env)[0], "ofd")

    def test_refusals(self):
        env = self.env(context=dict(self.env.context, lang="en_US"))
        with self.assertRaisesRegex(UserError, r"scan\.pdf is a PNG file by its content"):
            check_upload(PNG, "scan.pdf", ("pdf", "png"), 1024, env=env)
        with self.assertRaisesRegex(UserError, "only PDF/PNG files are accepted"):
            check_upload(b"MZ\x90\x00 program", "scan.pdf", ("pdf", "png"), 1024, env=env)
        with self.assertRaisesRegex(UserError, "only PDF files are accepted"):
            check_upload(PNG, "scan.png", ("pdf",), 1024, env=env)
        with self.assertRaisesRegex(UserError, "larger than 1 KB"):
            check_upload(PDF + b"0" * 1024, "big.pdf", ("pdf",), 1024, env=env)
        with self.assertRaisesRegex(UserError, "is empty"):
            check_upload(b"", "empty.pdf", ("pdf",), 1024, env=env)
        with self.assertRaisesRegex(UserError, "no extension"):
            check_upload(PDF, "C:\\scans\\noext", ("pdf",), 1024, env=env)

    def test_message_in_chinese(self):
        env = self.env(context=dict(self.env.context, lang="zh_CN"))
        if "zh_CN" not in dict(self.env["res.lang"].get_installed()):
            self.env["res.lang"]._activate_lang("zh_CN")
            self.env["ir.module.module"].search([("name", "=", "gov_hall_base")])._update_translations(["zh_CN"])
        with self.assertRaisesRegex(UserError, "文件 scan.pdf 的内容是 PNG 文件"):
            check_upload(PNG, "scan.pdf", ("pdf", "png"), 1024, env=env)


@tagged("post_install", "-at_install")
class TestClientAddress(TransactionCase):
    def _addr(self, peer, forwarded=None, rewritten=None):
        environ = {"REMOTE_ADDR": rewritten or peer}
        if forwarded:
            environ["HTTP_X_FORWARDED_FOR"] = forwarded
        if rewritten:  # what Odoo's ProxyFix leaves when X-Forwarded-Host is sent with proxy_mode
            environ["werkzeug.proxy_fix.orig"] = {"REMOTE_ADDR": peer}
        return client_address(SimpleNamespace(environ=environ), self.env)

    def test_without_proxy_mode_the_header_is_ignored(self):
        self.patch(config, "options", dict(config.options, proxy_mode=False))
        self.assertEqual(self._addr("127.0.0.1", "203.0.113.5"), "127.0.0.1")

    def test_proxy_mode(self):
        self.patch(config, "options", dict(config.options, proxy_mode=True))
        ICP = self.env["ir.config_parameter"].sudo()
        ICP.set_param("gov_hall_base.trusted_proxies", "10.0.0.0/8, 127.0.0.1")
        # a trusted proxy: the right-most address it did not add itself
        self.assertEqual(self._addr("10.1.2.3", "198.51.100.7, 203.0.113.5"), "203.0.113.5")
        self.assertEqual(self._addr("10.1.2.3", "198.51.100.7, 203.0.113.5, 10.9.9.9"), "203.0.113.5")
        self.assertEqual(self._addr("127.0.0.1", None), "127.0.0.1")
        # an untrusted peer: its header is ignored, even when Odoo's ProxyFix rewrote REMOTE_ADDR from it
        self.assertEqual(self._addr("192.0.2.44", "203.0.113.5"), "192.0.2.44")
        self.assertEqual(self._addr("192.0.2.44", "203.0.113.5", rewritten="203.0.113.5"), "192.0.2.44")
        ICP.set_param("gov_hall_base.trusted_proxies", "192.0.2.1")
        self.assertEqual(self._addr("127.0.0.1", "203.0.113.5", rewritten="203.0.113.5"), "127.0.0.1")


@tagged("post_install", "-at_install")
class TestThrottleSettings(TransactionCase):
    def test_settings_and_purge(self):
        throttle = Throttle("gov_test_key", limit=7, minutes=3)
        self.assertEqual(throttle.settings(self.env), (7, 3))
        ICP = self.env["ir.config_parameter"].sudo()
        ICP.set_param("gov_hall_base.throttle.gov_test_key", "2/60")
        self.assertEqual(throttle.settings(self.env), (2, 60))
        ICP.set_param("gov_hall_base.throttle.gov_test_key", "nonsense")
        self.assertEqual(throttle.settings(self.env), (7, 3), "an invalid setting keeps the defaults")
        Counter = self.env["gov.hall.throttle"]
        now = datetime.datetime.now().replace(microsecond=0)
        old = Counter.create({"key": "k", "client_hash": "h", "window_start": now - datetime.timedelta(days=3)})
        new = Counter.create({"key": "k", "client_hash": "h", "window_start": now})
        Counter._gc_throttle()
        self.assertFalse(old.exists())
        self.assertTrue(new.exists())


@tagged("post_install", "-at_install")
class TestPublicSettings(TransactionCase):
    def test_settings_write_system_parameters(self):
        from odoo.exceptions import ValidationError  # noqa: PLC0415

        env = self.env(context=dict(self.env.context, lang="en_US"))
        settings = env["res.config.settings"].create({
            "gov_throttle_track": "5/30", "gov_trusted_proxies": "10.0.0.0/8,127.0.0.1",
            "gov_upload_complaint_bytes": 2048, "gov_notice_token_days": 7})
        settings.execute()
        ICP = self.env["ir.config_parameter"].sudo()
        self.assertEqual(ICP.get_param("gov_hall_base.throttle.gov_hall_track"), "5/30")
        self.assertEqual(ICP.get_param("gov_hall_base.trusted_proxies"), "10.0.0.0/8,127.0.0.1")
        self.assertEqual(ICP.get_param("gov_hall_base.upload_max_bytes.gov_complaints"), "2048")
        self.assertEqual(ICP.get_param("gov_hall_intake.notice_token_days"), "7")
        self.assertEqual(Throttle("gov_hall_track").settings(self.env), (5, 30))
        with self.assertRaisesRegex(ValidationError, "must read N/M"):
            env["res.config.settings"].create({"gov_throttle_track": "five per minute"})
        with self.assertRaisesRegex(ValidationError, "not an IP address"):
            env["res.config.settings"].create({"gov_trusted_proxies": "proxy.example.cn"})
