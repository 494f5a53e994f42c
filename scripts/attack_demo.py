"""Try the attacks of the access-integrity issue against a running demo server (make serve), as the demo
users would over XML-RPC and JSON-RPC, and print one line per attack: REFUSED (and unchanged) or OPEN.

    .venv/bin/python scripts/attack_demo.py [http://localhost:8069] [gov_hall_demo]

Exit status 1 when any attack gets through. Demo passwords are the logins (admin: admin).
"""
import sys
import xmlrpc.client

URL = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8069"
DB = sys.argv[2] if len(sys.argv) > 2 else "gov_hall_demo"
common = xmlrpc.client.ServerProxy(f"{URL}/xmlrpc/2/common")
models = xmlrpc.client.ServerProxy(f"{URL}/xmlrpc/2/object", allow_none=True)
uids = {}


def uid(login):
    if login not in uids:
        uids[login] = common.authenticate(DB, login, login, {})
        assert uids[login], f"cannot log in as {login}"
    return uids[login]


def call(login, model, method, *args, **kw):
    return models.execute_kw(DB, uid(login), login, model, method, list(args), kw)


def admin(model, method, *args, **kw):
    return call("admin", model, method, *args, **kw)


failures = 0


def attack(name, login, model, method, args, kw, check):
    """Run the call as login; it must fail, and check() (run as admin) must still hold afterwards."""
    global failures
    try:
        call(login, model, method, *args, **kw)
        refused = False
    except xmlrpc.client.Fault:
        refused = True
    unchanged = check()
    ok = refused and unchanged
    failures += not ok
    print(f"{'REFUSED' if ok else 'OPEN   '}  {login:10} {name}"
          + ("" if ok else f"  (refused={refused}, unchanged={unchanged})"))


case = admin("gov.hall.case", "search_read", [("state", "=", "accepted")], fields=["state", "decision"], limit=1)[0]
attack("case decided by writing state/decision with context gov_case_workflow", "clerk", "gov.hall.case", "write",
       [[case["id"]], {"state": "decided", "decision": "approved"}], {"context": {"gov_case_workflow": True}},
       lambda: admin("gov.hall.case", "read", [case["id"]], ["state", "decision"])[0]["state"] == case["state"])
attack("case deadline written with skip_validation_check", "admin", "gov.hall.case", "write",
       [[case["id"]], {"supervision_color": "green", "deadline": "2099-12-31"}],
       {"context": {"skip_validation_check": True, "skip_check_state_condition": True}},
       lambda: admin("gov.hall.case", "read", [case["id"]], ["deadline"])[0]["deadline"] != "2099-12-31")

rating = admin("rating.rating", "search_read", [("res_model", "=", "gov.hall.case"), ("consumed", "=", True)],
               fields=["rating"], limit=1)
if rating:
    rating = rating[0]
    for ctx, vals in (({"gov_rating_override": True}, {"rating": 1 if rating["rating"] != 1 else 5}),
                      ({}, {"consumed": False})):
        attack(f"rating rewritten {vals} {ctx}", "clerk", "rating.rating", "write", [[rating["id"]], vals],
               {"context": ctx},
               lambda: admin("rating.rating", "read", [rating["id"]], ["rating", "consumed"])[0]
               == {"id": rating["id"], "rating": rating["rating"], "consumed": True})

company = admin("res.company", "search_read", [], fields=["gov_hotline_token"], limit=1)
if company:
    company = company[0]
    attack("12345 hotline token rotated", "bidder", "res.company", "action_gov_generate_hotline_token",
           [[company["id"]]], {},
           lambda: admin("res.company", "read", [company["id"]], ["gov_hotline_token"])[0]["gov_hotline_token"]
           == company["gov_hotline_token"])

partner = admin("res.partner", "search_read", [("gov_id_type", "=", "id_card"), ("gov_id_number", "!=", False)],
                fields=["gov_id_number"], limit=1)[0]
attack("citizen's ID card number read", "expert", "res.partner", "read", [[partner["id"]], ["gov_id_number"]], {},
       lambda: True)

bid = admin("gov.trading.bid", "search_read", [("state", "!=", "withdrawn")], fields=["state"], limit=1)
if bid:
    bid = bid[0]
    attack("a bidder's bid withdrawn by trading staff", "trading", "gov.trading.bid", "action_withdraw",
           [[bid["id"]]], {}, lambda: admin("gov.trading.bid", "read", [bid["id"]], ["state"])[0]["state"] == bid["state"])

bot = 1  # base.user_root (OdooBot)
anon = admin("gov.complaint", "search_read", [("anonymous", "=", True)], fields=["create_uid", "name"])
traced = [c["name"] for c in anon if c["create_uid"] and c["create_uid"][0] != bot]
print(f"{'REFUSED' if not traced else 'OPEN   '}  {'-':10} anonymous complaints filed under OdooBot"
      + (f" (traced: {traced})" if traced else f" ({len(anon)} checked)"))
failures += bool(traced)
print(f"{failures} attack(s) got through" if failures else "every attack was refused")
sys.exit(1 if failures else 0)
