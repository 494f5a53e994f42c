"""The mixed workload of a province hall on one Odoo (run by run_load.py; locust in its own virtualenv).

Users (weights): the public tracking and rating a case and reading the guide, trading and honours pages;
applicants on the online hall (/my/apply); bidders reading the tender and sealing and uploading a 1 MB bid
(ECDSA-signed, AES-GCM, with the portal's own tool tools/seal_bid.py); clerks receiving and accepting cases
and reviewers deciding them through the backend JSON-RPC; supervisors opening the supervision board. The
baseline, measured in the same run: Odoo's own /web/login page and a core list view (res.partner
search_read of 80 records) by a logged-in clerk.

Think times (between two actions of a user): 10 to 30 s for the public, applicants, clerks and reviewers,
15 to 45 s for bidders, 20 to 60 s for supervisors, all scaled by GOV_LOAD_THINK (0.1: a stress run).

Request names: one per route ("/gov_hall/track", "rpc gov.hall.case.action_accept", ...), so that
the statistics are per route. Data: the fixture JSON of prepare.py (GOV_LOAD_FIXTURE).
"""
import importlib.util
import itertools
import json
import os
import random
import re
import threading

import gevent
from locust import HttpUser, between, events, task
from locust.exception import StopUser

FIXTURE = json.load(open(os.environ["GOV_LOAD_FIXTURE"]))
PASSWORD = FIXTURE["password"]
DB = os.environ["GOV_LOAD_DB"]
BID_BYTES = int(float(os.environ.get("GOV_LOAD_BID_MB", "1")) * 1024 * 1024)
_spec = importlib.util.spec_from_file_location("seal_bid", os.environ["GOV_LOAD_SEAL_TOOL"])
sealing = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sealing)

WARMUP = float(os.environ.get("GOV_LOAD_WARMUP", "0"))
# the users' think time between two actions, in seconds, a person's (reading a page, talking with the
# applicant at the window): GOV_LOAD_THINK scales them all (0.1 gives the 1 to 3 seconds of a stress run)
THINK = float(os.environ.get("GOV_LOAD_THINK", "1"))


def think(low, high):
    return between(low * THINK, high * THINK)


@events.test_start.add_listener
def _warmup(environment, **_kw):
    """The statistics count from the end of the warm-up (run_load.py): what it saw is written aside."""
    if WARMUP <= 0:
        return

    def reset():
        gevent.sleep(WARMUP)
        total = environment.stats.total
        with open(os.environ["GOV_LOAD_WARMUP_LOG"], "w") as f:
            json.dump({"requests": total.num_requests, "failures": total.num_failures}, f)
        environment.stats.reset_all()

    gevent.spawn(reset)


_lock = threading.Lock()
_counters = {}
CSRF = re.compile(r'csrf_token[^0-9a-f]{1,20}([0-9a-f]{40}o[0-9]+)')


def _next(kind, items):
    """The next item of a fixture list (each user takes its own account, round robin)."""
    with _lock:
        it = _counters.setdefault(kind, itertools.cycle(items))
        return next(it)


# every write answered 2xx, one JSON line each (the replica run checks them in the database afterwards)
WRITES = os.environ.get("GOV_LOAD_WRITES_LOG")


def _written(kind, **values):
    if WRITES:
        with _lock, open(WRITES, "a") as f:
            f.write(json.dumps(dict(values, kind=kind)) + "\n")


_track_pool = list(FIXTURE["track"])
random.shuffle(_track_pool)


def _csrf(text):
    m = CSRF.search(text or "")
    return m.group(1) if m else ""


class GovUser(HttpUser):
    abstract = True
    wait_time = think(10, 30)
    login_name = None

    def login(self, login, attempts=3):
        """Log in (a failed attempt is counted, then tried again a few seconds later: a user who could not
        log in does not go on without a session)."""
        for attempt in range(attempts):
            with self.client.post("/web/session/authenticate", name="login", catch_response=True, json={
                    "jsonrpc": "2.0", "method": "call",
                    "params": {"db": DB, "login": login, "password": PASSWORD}}) as r:
                try:
                    ok = r.status_code == 200 and "error" not in r.json()
                except ValueError:
                    ok = False
                if ok:
                    self.login_name = login
                    return True
                r.failure(f"login {login}: HTTP {r.status_code} {r.text[:200]}")
            gevent.sleep(2 + 3 * attempt)
        raise StopUser()

    def rpc(self, model, method, args, kwargs=None, name=None):
        """A backend JSON-RPC call as the web client makes it; a JSON-RPC error counts as a failure."""
        with self.client.post(f"/web/dataset/call_kw/{model}/{method}", name=name or f"rpc {model}.{method}",
                              catch_response=True, json={
                                  "jsonrpc": "2.0", "method": "call", "id": random.randint(1, 10**9),
                                  "params": {"model": model, "method": method, "args": args,
                                             "kwargs": dict({"context": {"lang": "zh_CN"}}, **(kwargs or {}))}}) as r:
            body = r.json() if r.status_code == 200 else {}
            if r.status_code != 200 or "error" in body:
                err = body.get("error", {}).get("data", {}).get("message") or r.text[:200]
                r.failure(f"{model}.{method}: {err}")
                return None
            return body.get("result")

    def page(self, url, name=None, **kw):
        with self.client.get(url, name=name or url, catch_response=True, **kw) as r:
            if r.status_code != 200:
                r.failure(f"HTTP {r.status_code}")
            return r


class PublicUser(GovUser):
    """Applicants tracking and rating their case, and visitors of the public pages."""
    weight = 6

    @task(4)
    def track(self):
        case = random.choice(_track_pool)
        r = self.page(f"/gov_hall/track?case_number={case['number']}&query_code={case['code']}",
                      name="/gov_hall/track")
        if "LD" not in (r.text or "") and r.status_code == 200:
            r.failure("case not found")

    @task(1)
    def rate(self):
        with _lock:
            case = _track_pool.pop() if len(_track_pool) > 100 else random.choice(_track_pool)
        r = self.page(f"/gov_hall/track?case_number={case['number']}&query_code={case['code']}",
                      name="/gov_hall/track")
        token = _csrf(r.text)
        with self.client.post("/gov_hall/track/rate", name="/gov_hall/track/rate", catch_response=True, data={
                "csrf_token": token, "case_number": case["number"], "query_code": case["code"],
                "value": random.choice([5, 5, 5, 4, 3]), "feedback": "负载测试评价"}) as resp:
            if resp.status_code != 200:
                resp.failure(f"HTTP {resp.status_code}")

    @task(2)
    def guide(self):
        self.page("/gov_hall/guide")

    @task(2)
    def trading(self):
        self.page("/trading")
        if FIXTURE["announcement_id"]:
            self.page(f"/trading/announcement/{FIXTURE['announcement_id']}", name="/trading/announcement/<id>")

    @task(1)
    def honours(self):
        self.page("/assessment/honours")

    @task(1)
    def complaint(self):
        self.page("/complaint")


class ApplicantUser(GovUser):
    """Applicants on the online service hall."""
    weight = 1

    def on_start(self):
        self.login(_next("applicants", FIXTURE["applicants"]))

    @task
    def apply(self):
        self.page("/my/apply")
        item = random.choice(FIXTURE["item_ids"])
        self.page(f"/my/apply/new?item_id={item}", name="/my/apply/new")


class BidderUser(GovUser):
    """Bidders reading their tender and sealing and uploading a 1 MB bid (replacing the previous one)."""
    weight = 2
    wait_time = think(15, 45)

    def on_start(self):
        bidder = _next("bidders", FIXTURE["bidders"])
        self.registration = bidder["registration_id"]
        self.ready = False
        if not self.login(bidder["login"]):
            return
        token = self.csrf = _csrf(self.page("/my/trading").text)
        self.signing_key = sealing.new_signing_key()
        with self.client.post("/my/trading/signing_key", name="/my/trading/signing_key", catch_response=True,
                              data={"csrf_token": token, "public_key": self.signing_key["public_spki"]}) as r:
            if r.status_code != 200 or "error" in r.text[:200]:
                r.failure(r.text[:200])
                return
        self.ready = True

    @task(3)
    def browse(self):
        self.page("/my/trading")
        self.page(f"/my/trading/registration/{self.registration}", name="/my/trading/registration/<id>")

    @task(1)
    def seal_and_upload(self):
        if not self.ready:
            return
        self.page(f"/my/trading/registration/{self.registration}/seal", name="/my/trading/registration/<id>/seal")
        token = self.csrf
        with self.client.get(f"/my/trading/registration/{self.registration}/ticket",
                             name="/my/trading/registration/<id>/ticket", catch_response=True) as t:
            ticket = t.json() if t.status_code == 200 else {}
            if "nonce" not in ticket:
                t.failure(t.text[:200])
                return
        sealed, _key = sealing.seal(ticket, self.signing_key, "%.2f" % random.uniform(9e6, 1.2e7), 90,
                                    files=[("投标文件.pdf", os.urandom(BID_BYTES), "application/pdf")])
        body = json.dumps(sealed).encode()
        with self.client.post(f"/my/trading/registration/{self.registration}/bid", name="/my/trading/.../bid (1 MB)",
                              catch_response=True, data={"csrf_token": token},
                              files={"bid": ("bid.sealed.json", body, "application/json")}) as resp:
            data = resp.json() if resp.headers.get("Content-Type", "").startswith("application/json") else {}
            if resp.status_code != 200 or data.get("sha256") != sealed["sha256"]:
                resp.failure(str(data.get("error") or resp.text[:200]))
            else:
                _written("bid", sha256=sealed["sha256"], registration=self.registration)


class ClerkUser(GovUser):
    """Front-desk clerks receiving cases (create with the material check, accept) over JSON-RPC."""
    weight = 3

    def on_start(self):
        self.login(_next("clerks", FIXTURE["clerks"]))

    @task(3)
    def intake(self):
        item = random.choice(FIXTURE["item_ids"])
        case_id = self.rpc("gov.hall.case", "create", [{
            "item_id": item, "applicant_id": FIXTURE["partner_id"], "window_id": FIXTURE["window_id"],
            "company_id": FIXTURE["company_id"], "gov_all_received": True}])
        if case_id:
            ids = case_id if isinstance(case_id, list) else [case_id]
            _written("case", id=ids[0])
            if self.rpc("gov.hall.case", "action_accept", [ids]) is not None:
                _written("accepted", id=ids[0])

    @task(2)
    def my_cases(self):
        self.rpc("gov.hall.case", "web_search_read", [], {
            "domain": [("state", "in", ["accepted", "to_approve"]), ("company_id", "=", FIXTURE["company_id"])],
            "specification": {"name": {}, "item_id": {"fields": {"display_name": {}}}, "state": {},
                              "deadline": {}, "supervision_color": {}}, "limit": 80},
            name="rpc gov.hall.case list")

    @task(1)
    def baseline_partners(self):
        # the baseline: a core list view of Odoo itself
        self.rpc("res.partner", "search_read", [], {"fields": ["name", "email", "phone", "city"], "limit": 80},
                 name="BASELINE rpc res.partner.search_read")


class ReviewerUser(GovUser):
    """Department reviewers deciding the open cases of their department (the decision wizard)."""
    weight = 1

    def on_start(self):
        reviewer = _next("reviewers", FIXTURE["reviewers"])
        self.department = reviewer["department_id"]
        self.login(reviewer["login"])

    @task
    def decide(self):
        rows = self.rpc("gov.hall.case", "search_read", [
            # ready for the decision: no department review still open (the decision refuses those)
            [("state", "=", "accepted"), ("department_id", "=", self.department), ("paused", "=", False),
             ("task_ids", "not any", [("state", "=", "open")])]],
            {"fields": ["id"], "limit": 1, "offset": random.randint(0, 500)}, name="rpc gov.hall.case search (review)")
        if not rows:
            return
        wizard = self.rpc("gov.hall.case.decide.wizard", "create", [{
            "case_id": rows[0]["id"], "mode": "decide", "decision": "approved", "basis": "《行政许可法》第三十八条"}])
        if wizard:
            if self.rpc("gov.hall.case.decide.wizard", "action_confirm",
                        [wizard if isinstance(wizard, list) else [wizard]]) is not None:
                _written("decided", id=rows[0]["id"])


class SupervisorUser(GovUser):
    """Supervisors opening the supervision board (cases by department and light, the red ones)."""
    weight = 1
    wait_time = think(20, 60)

    def on_start(self):
        self.login(_next("supervisors", FIXTURE["supervisors"]))

    @task
    def board(self):
        domain = [("state", "in", ["accepted", "to_approve"]), ("company_id", "=", FIXTURE["company_id"])]
        self.rpc("gov.hall.case", "formatted_read_group", [domain, ["department_id", "supervision_color"],
                                                           ["__count"]], name="rpc board read_group")
        self.rpc("gov.hall.case", "web_search_read", [], {
            "domain": domain + [("supervision_color", "=", "red")],
            "specification": {"name": {}, "department_id": {"fields": {"display_name": {}}}, "deadline": {}},
            "limit": 80}, name="rpc board red cases")


class BaselineUser(GovUser):
    """Odoo's own login page, the baseline of the public routes."""
    weight = 1

    @task
    def login_page(self):
        self.page("/web/login", name="BASELINE /web/login")
