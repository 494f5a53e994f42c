"""Sealed bids over HTTP: the bare sealing page (one pinned script under a strict CSP, its hash in the
README), the offline sealing tool run in the browser and the Python sealing command, whose files upload
and open; signed receipts; a cancelled lot's opening page; upload limits."""
import base64
import contextlib
import hashlib
import json
import pathlib
import re
import subprocess
import sys
import tempfile
from datetime import timedelta

from unittest.mock import patch

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import ChromeBrowser
from odoo.tools.misc import file_open

from odoo.addons.gov_hall_base.tools.protect import granted

from ..tools import seal_bid as sealing
from .common import USCCS, signing_key

ADDON = pathlib.Path(__file__).resolve().parent.parent
SCRIPT = "gov_public_resource_trading/static/src/js/sealed_bid.js"
TOOL = "gov_public_resource_trading/static/tools/bid_sealing_tool.html"
README = ADDON.parent.parent / "README.md"
CSRF = re.compile(r'data-csrf="([^"]+)"')


@contextlib.contextmanager
def console_lines():
    """The browser's console messages during the block (the page shows the opening key code to the bidder;
    the test reads it there), on top of the usual logging of the test browser."""
    lines = []
    original = ChromeBrowser._handle_console

    def spy(browser, type, args=None, stackTrace=None, **kw):  # noqa: A002
        lines.append(" ".join(str(browser._from_remoteobject(arg)) for arg in (args or [])))
        return original(browser, type, args=args, stackTrace=stackTrace, **kw)

    with patch.object(ChromeBrowser, "_handle_console", spy):
        yield lines


def console_value(lines, tag):
    return next(line.split(tag + " ", 1)[1] for line in lines if line.startswith(tag + " "))


@tagged("post_install", "-at_install")
class TestSealedBidHttp(HttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.qual = env["gov.trading.qualification.type"].create({"name": "市政公用工程施工总承包二级"})
        tenderer = env["res.partner"].create({"name": "上饶市城市建设投资开发集团有限公司", "is_company": True})
        now = fields.Datetime.now()
        project = env["gov.trading.project"].create({
            "name": "上饶市信州区道路改造工程施工招标", "kind": "construction", "method": "open",
            "tenderer_id": tenderer.id, "estimate_amount": 12_800_000,
            "qualification_type_ids": [(6, 0, cls.qual.ids)]})
        cls.lot = env["gov.trading.lot"].create({
            "project_id": project.id, "name": "信州一标段", "estimate_amount": 12_800_000, "deposit_amount": 200_000,
            "date_sale_start": now - timedelta(minutes=1), "date_sale_end": now + timedelta(days=7),
            "date_bid_deadline": now + timedelta(days=25),
            "criterion_ids": [(0, 0, {"name": "报价", "kind": "price", "weight": 60}),
                              (0, 0, {"name": "技术", "kind": "technical", "weight": 40})]})
        action = cls.lot.action_create_tender_announcement()
        env["gov.trading.announcement"].browse(action["res_id"]).action_publish()
        cls.users, cls.regs = [], env["gov.trading.registration"]
        for i, code in enumerate(USCCS[:3]):
            login = f"seal_bidder_{i}"
            user = new_test_user(env, login=login, password=login, groups="gov_hall_base.group_gov_portal_bidder",
                                 name=f"密封投标人{i}")
            partner = env["res.partner"].create({"name": f"上饶市密封投标人{i}有限公司", "is_company": True,
                                                 "gov_id_type": "uscc", "gov_id_number": code})
            with granted("gov.trading.bidder", "gov.trading.certificate", "gov.trading.registration"):
                bidder = env["gov.trading.bidder"].create({
                    "partner_id": partner.id, "user_ids": [(6, 0, user.ids)], "state": "approved",
                    "certificate_ids": [(0, 0, {"type_id": cls.qual.id, "number": f"S{i}", "state": "valid",
                                                "date_expiry": "2031-01-01"})]})
                cls.regs |= env["gov.trading.registration"].create({"bidder_id": bidder.id, "lot_id": cls.lot.id})
            cls.users.append(user)

    # -- helpers ---------------------------------------------------------------------------------------------
    def _login(self, i):
        login = self.users[i].login
        self.authenticate(login, login)
        page = self.url_open(f"/my/trading/registration/{self.regs[i].id}/seal")
        self.assertEqual(page.status_code, 200)
        return page, CSRF.search(page.text).group(1)

    def _upload(self, i, data):
        _page, csrf = self._login(i)
        return self.url_open(f"/my/trading/registration/{self.regs[i].id}/bid", data={"csrf_token": csrf},
                             files={"bid": ("bid.sealed.json", data)})

    def _ticket(self, i):
        self._login(i)
        response = self.url_open(f"/my/trading/registration/{self.regs[i].id}/ticket")
        self.assertEqual(response.status_code, 200)
        return response.json()

    def _open(self):
        self.env.flush_all()
        self.env.cr.execute("""UPDATE gov_trading_lot SET date_bid_deadline = (now() at time zone 'UTC')
                               - interval '1 minute', date_sale_end = (now() at time zone 'UTC') - interval '2 minute'
                               WHERE id = %s""", [self.lot.id])
        self.lot.invalidate_recordset()
        self.lot.action_open()
        self.assertEqual(self.lot.state, "decrypting")

    def _decrypt(self, i, bid, key):
        _page, csrf = self._login(i)
        return self.url_open(f"/my/trading/bid/{bid.id}/decrypt", data={"csrf_token": csrf, "key": key})

    # -- the page, the tool, the README ---------------------------------------------------------------------
    def test_sealing_page_bare_and_pinned(self):
        with file_open(SCRIPT, "rb") as fh:
            script = fh.read()
        digest = base64.b64encode(hashlib.sha256(script).digest()).decode()
        page, _csrf = self._login(0)
        csp = page.headers["Content-Security-Policy"]
        self.assertIn(f"script-src 'sha256-{digest}'", csp, "the CSP allows that one script only")
        self.assertNotIn("unsafe-inline", csp)
        self.assertIn("default-src 'none'", csp)
        scripts = re.findall(r"<script\b[^>]*>", page.text)
        self.assertEqual(len(scripts), 1, scripts)
        self.assertIn(f'integrity="sha256-{digest}"', scripts[0])
        self.assertIn(f'src="/{SCRIPT}"', scripts[0])
        self.assertNotIn("/web/assets/", page.text, "the frontend layout and its bundles are not inherited")
        self.assertIn("art. 35", page.text.replace("第35条", "art. 35").replace("第三十五条", "art. 35"))
        # the offline tool: one file, no external resource, the same script inlined byte for byte
        with file_open(TOOL, "rb") as fh:
            tool = fh.read()
        tool_sha = hashlib.sha256(tool).hexdigest()
        text = tool.decode()
        self.assertIn("<script>\n" + script.decode() + "</script>", text)
        self.assertFalse(re.search(r"""(src|href)=["']?(https?:|//)""", text), "no external resource")
        self.assertNotIn("<link", text)
        # its SHA-256 is published in the README and on the site
        readme = README.read_text(encoding="utf-8")
        self.assertIn("## Bid sealing tool", readme)
        self.assertIn(tool_sha, readme.split("## Bid sealing tool", 1)[1])
        public = self.url_open("/trading/sealing-tool")
        self.assertEqual(public.status_code, 200)
        self.assertIn(tool_sha, public.text)
        self.assertEqual(hashlib.sha256(self.url_open(f"/{TOOL}").content).hexdigest(), tool_sha)

    def test_offline_tool_output_uploads_and_opens(self):
        bidder = self.regs[0].bidder_id
        key_file = signing_key(bidder)
        ticket = self._ticket(0)
        code = """
            (async () => {
                const form = document.querySelector(".o_gov_seal_form");
                form.querySelector("textarea[name=ticket_text]").value = %s;
                form.querySelector("textarea[name=signing_text]").value = %s;
                form.querySelector("input[name=price]").value = "11980000.50";
                form.querySelector("input[name=duration_days]").value = "150";
                form.querySelector("input[name=keep_key]").checked = true;
                form.requestSubmit();
                for (let i = 0; i < 300 && !form.querySelector(".o_gov_bid_sealed"); i++) {
                    if (form.querySelector(".o_gov_bid_status.alert-danger")) {
                        console.error(form.querySelector(".o_gov_bid_status").textContent);
                        return;
                    }
                    await new Promise((resolve) => setTimeout(resolve, 100));
                }
                console.log("GOV_SEALED " + form.querySelector("textarea.o_gov_sealed_output").value);
                console.log("GOV_KEY_CODE " + form.querySelector(".o_gov_key_code").textContent);
                console.log("test successful");
            })();
        """ % (json.dumps(json.dumps(ticket)), json.dumps(json.dumps(key_file)))
        with console_lines() as lines:
            self.browser_js(f"/{TOOL}", code, login=self.users[0].login, timeout=120)
        sealed = console_value(lines, "GOV_SEALED")
        key_code = console_value(lines, "GOV_KEY_CODE").strip()
        self.assertEqual(json.loads(sealed)["format"], "gov-sealed-bid/1")
        response = self._upload(0, sealed.encode())
        self.assertEqual(response.status_code, 200, response.text)
        bid = self.regs[0].bid_ids
        self.assertEqual(response.json()["sha256"], bid.sha256)
        # the two others seal with the Python helpers (the same format)
        others = []
        for i in (1, 2):
            sealed_i, key = sealing.seal(self._ticket(i), signing_key(self.regs[i].bidder_id), 12_000_000 + i)
            self.assertEqual(self._upload(i, json.dumps(sealed_i).encode()).status_code, 200)
            others.append((i, self.regs[i].bid_ids, sealing.key_to_code(key)))
        self._open()
        response = self._decrypt(0, bid, key_code)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual((bid.state, bid.price, bid.duration_days), ("decrypted", 11_980_000.5, 150))
        self.assertFalse(bid.price_flag)
        for i, other, key in others:
            self.assertEqual(self._decrypt(i, other, key).status_code, 200)
        self.assertEqual(self.lot.state, "evaluation")

    def test_python_command_seals_and_the_file_opens(self):
        """tools/seal_bid.py as a bidder runs it (plain Python with cryptography, no Odoo): keygen, then
        seal with a ticket from the portal; the portal registers the key, takes the file and opens it."""
        tool = str(ADDON / "tools" / "seal_bid.py")
        with tempfile.TemporaryDirectory() as tmp:
            tmp = pathlib.Path(tmp)
            run = [sys.executable, "-I", tool]
            subprocess.run(run + ["keygen", "--out", str(tmp / "signing.json")], check=True, capture_output=True)
            public = json.loads((tmp / "signing.json").read_text())["public_spki"]
            page, csrf = self._login(1)
            response = self.url_open("/my/trading/signing_key", data={"csrf_token": csrf, "public_key": public})
            self.assertEqual(response.status_code, 200, response.text)
            (tmp / "ticket.json").write_text(json.dumps(self._ticket(1)))
            (tmp / "投标函.pdf").write_bytes(b"%PDF-1.4 bid letter")
            out = subprocess.run(run + ["seal", "--ticket", str(tmp / "ticket.json"), "--signing-key",
                                        str(tmp / "signing.json"), "--price", "12345678.90", "--duration", "200",
                                        "--file", str(tmp / "投标函.pdf"), "--out", str(tmp / "bid.json"),
                                        "--key-out", str(tmp / "key.json")], check=True, capture_output=True)
            self.assertIn("SHA-256", out.stdout.decode())
            key_file = json.loads((tmp / "key.json").read_text())
            response = self._upload(1, (tmp / "bid.json").read_bytes())
            self.assertEqual(response.status_code, 200, response.text)
            # a ticket serves one bid: the same file again is refused with a clear message
            again = self._upload(1, (tmp / "bid.json").read_bytes())
            self.assertEqual(again.status_code, 400)
            self.assertIn("error", again.json())
        bid = self.regs[1].bid_ids
        self.assertEqual(len(bid), 1)
        receipt = self.url_open(f"/my/trading/bid/{bid.id}/receipt")
        self.assertEqual(receipt.status_code, 200)
        self.assertEqual(receipt.json()["sha256"], bid.sha256)
        # anyone verifies the receipt with the platform's public key
        verify = self.url_open("/trading/receipt/verify", data=receipt.content,
                               headers={"Content-Type": "application/json"})
        self.assertTrue(verify.json()["ok"])
        tampered = dict(receipt.json(), time="2020-01-01 00:00:00Z")
        verify = self.url_open("/trading/receipt/verify", data=json.dumps(tampered),
                               headers={"Content-Type": "application/json"})
        self.assertFalse(verify.json()["ok"])
        self.assertEqual(self.url_open("/trading/receipt/key").json()["sha256"], receipt.json()["platform_key_sha256"])
        # another bidder reaches neither the receipt nor the ticket
        self._login(0)
        self.assertEqual(self.url_open(f"/my/trading/bid/{bid.id}/receipt").status_code, 404)
        self.assertEqual(self.url_open(f"/my/trading/registration/{self.regs[1].id}/ticket").status_code, 404)
        for i in (0, 2):
            sealed_i, _key = sealing.seal(self._ticket(i), signing_key(self.regs[i].bidder_id), 12_000_000)
            self.assertEqual(self._upload(i, json.dumps(sealed_i).encode()).status_code, 200)
        self._open()
        # the key file works as well as the code
        response = self._decrypt(1, bid, json.dumps(key_file))
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual((bid.state, bid.price, bid.duration_days), ("decrypted", 12_345_678.9, 200))
        self.assertIn("投标函.pdf", bid.plaintext_summary)

    def test_upload_limit_and_cancelled_lot(self):
        self.env["ir.config_parameter"].sudo().set_param("gov_hall_base.upload_max_bytes.bid", "2048")
        sealed, _key = sealing.seal(self._ticket(0), signing_key(self.regs[0].bidder_id), 1,
                                    files=[("附件.pdf", b"%PDF" + b"x" * 4096, "application/pdf")])
        response = self._upload(0, json.dumps(sealed).encode())
        self.assertEqual(response.status_code, 400)
        self.assertIn("MB", response.json()["error"])
        self.assertFalse(self.regs[0].bid_ids, "nothing stored")
        self.env["ir.config_parameter"].sudo().set_param("gov_hall_base.upload_max_bytes.bid", "")
        for i in range(3):
            sealed, _key = sealing.seal(self._ticket(i), signing_key(self.regs[i].bidder_id), 12_000_000 + i)
            self.assertEqual(self._upload(i, json.dumps(sealed).encode()).status_code, 200)
        self.lot.action_cancel()
        self._login(0)
        page = self.url_open(f"/my/trading/registration/{self.regs[0].id}/opening")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_gov_lot_cancelled", page.text)
        for reg in self.regs:
            self.assertNotIn(reg.bidder_id.name, page.text)
        self.assertEqual(set(self.lot.bid_ids.mapped("state")), {"submitted"})

    def test_wrong_keys_throttled(self):
        """Guessing bid keys at the opening: after the limit of wrong keys the route answers 429 with a
        Chinese message, even for the right key, and the bid stays sealed."""
        self.env["ir.config_parameter"].sudo().set_param("gov_hall_base.throttle.gov_trading_decrypt", "3/15")
        keys = []
        for i in range(3):
            sealed_i, key = sealing.seal(self._ticket(i), signing_key(self.regs[i].bidder_id), 12_000_000 + i)
            self.assertEqual(self._upload(i, json.dumps(sealed_i).encode()).status_code, 200)
            keys.append(sealing.key_to_code(key))
        self._open()
        bid = self.regs[0].bid_ids
        wrong = sealing.key_to_code(bytes(32))
        for _attempt in range(3):
            response = self._decrypt(0, bid, wrong)
            self.assertEqual(response.status_code, 400, response.text)
            self.assertNotIn("Traceback", response.text)
        response = self._decrypt(0, bid, keys[0])
        self.assertEqual(response.status_code, 429)
        self.assertIn("message", response.json())
        self.assertNotIn("Traceback", response.text)
        self.assertEqual(bid.state, "submitted")
