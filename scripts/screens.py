"""Screenshots of the main screens of a running suite (`make serve`), for a reviewer: every screen at
1440x900 and on a 390x844 phone, in .odoo-data/screens/<size>/<name>.png, through headless chromium's
DevTools protocol. Not part of `make test`.

    GOV_URL=http://localhost:8069 python scripts/screens.py [name-filter]
"""
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket

URL = os.environ.get("GOV_URL", "http://localhost:8069").rstrip("/")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.environ.get("GOV_SCREENS_DIR", os.path.join(ROOT, ".odoo-data", "screens"))
PORT = int(os.environ.get("GOV_SCREENS_CDP_PORT", "9339"))
SIZES = {"desktop": (1440, 900, False), "phone": (390, 844, True)}
# (name, login or None for the public, path); the staff's home is their workbench
SCREENS = [
    ("01_home", None, "/"),
    ("02_guide", None, "/gov_hall/guide"),
    ("02b_guide_item", None, "/gov_hall/guide/1"),
    ("03_track", None, "/gov_hall/track"),
    ("04_trading", None, "/trading"),
    ("05_complaint", None, "/complaint"),
    ("06_honours", None, "/assessment/honours"),
    ("07_method_not_allowed", None, "/complaint/submit"),
    ("10_applicant_cases", "applicant", "/my/cases"),
    ("10b_applicant_case", "applicant", "/my/cases/4"),
    ("11_bidder_portal", "bidder", "/my/trading"),
    ("12_bidder_registration", "bidder", "/my/trading/registration/1"),
    ("13_bidder_opening_hall", "bidder", "/my/trading/registration/1/opening"),
    ("14_bidder_live_auction", "bidder", "/my/trading/auction/1"),
    ("20_clerk_workbench", "clerk", "/odoo"),
    ("21_reviewer_workbench", "reviewer", "/odoo"),
    ("22_supervisor_board", "supervisor", "/odoo"),
    ("23_assessor_workbench", "assessor", "/odoo"),
    ("24_trading_workbench", "trading", "/odoo"),
    ("25_leader_workbench", "leader", "/odoo"),
    ("26_admin_home", "admin", "/odoo"),
    ("27_auction_host", "trading", "/odoo/gov.trading.auction/1"),
]


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp()
        self.proc = subprocess.Popen(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--lang=zh-CN", "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={self.profile}", f"--remote-debugging-port={PORT}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                tabs = json.load(urllib.request.urlopen(f"http://127.0.0.1:{PORT}/json"))
                break
            except OSError:
                time.sleep(0.2)
        page = [t for t in tabs if t["type"] == "page"][0]
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], suppress_origin=True)
        self.n = 0

    def cmd(self, method, **params):
        self.n += 1
        self.ws.send(json.dumps({"id": self.n, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self.n:
                return msg.get("result", {})

    def js(self, expression):
        return self.cmd("Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True)

    def goto(self, url, wait=4.0):
        self.cmd("Page.navigate", url=url)
        time.sleep(wait)

    def size(self, width, height, mobile):
        self.cmd("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1,
                 mobile=mobile)
        # the reviewer reads what a visitor in Beijing sees, whatever the machine's zone
        self.cmd("Emulation.setTimezoneOverride", timezoneId="Asia/Shanghai")

    def login(self, login):
        self.cmd("Network.clearBrowserCookies")
        if not login:
            return
        self.goto(f"{URL}/web/login", wait=2.5)
        self.js(f"document.querySelector('#login').value={json.dumps(login)};"
                f"document.querySelector('#password').value={json.dumps(login)};"
                "document.querySelector('form.oe_login_form').submit();")
        time.sleep(4)

    def shot(self, path):
        data = self.cmd("Page.captureScreenshot", format="png")["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def close(self):
        self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    only = sys.argv[1] if len(sys.argv) > 1 else ""
    browser = Browser()
    browser.cmd("Network.enable")
    try:
        for size, (width, height, mobile) in SIZES.items():
            os.makedirs(os.path.join(OUT, size), exist_ok=True)
            browser.size(width, height, mobile)
            current = "?"
            for name, login, path in SCREENS:
                if only and only not in name:
                    continue
                if login != current:
                    browser.login(login)
                    current = login
                browser.goto(URL + path, wait=6 if path.startswith("/odoo") else 4)
                target = os.path.join(OUT, size, f"{name}.png")
                browser.shot(target)
                print("saved", os.path.relpath(target, ROOT))
    finally:
        browser.close()


if __name__ == "__main__":
    main()
