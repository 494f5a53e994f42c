"""The live auction benchmark's data, committed (the server processes must see it): a land lot that goes
straight to auction with GOV_AUCTION_BIDDERS (100) registered bidders, each with a portal account of the
password below, and a running session of GOV_AUCTION_MINUTES (30) minutes whose extension window is short
(10 s, 10 s), so that the two minutes of random bids keep the countdown running. The bid throttle is
switched off on this database (every bidder comes from the loopback address).

Run with Odoo's Python:  python tests/bench/auction/prepare.py DATABASE FIXTURE.json
"""
import json
import os
import sys
import time

PASSWORD = "bench-Auction-2026"
N_BIDDERS = int(os.environ.get("GOV_AUCTION_BIDDERS", 100))
MINUTES = int(os.environ.get("GOV_AUCTION_MINUTES", 30))


def build(env):
    import datetime

    from passlib.hash import pbkdf2_sha512

    from odoo import fields

    stamp = int(time.time())
    company = env.ref("base.main_company")
    now = fields.Datetime.now()
    portal = env.ref("gov_hall_base.group_gov_portal_bidder")
    users = env["res.users"].with_context(no_reset_password=True).create([{
        "name": f"竞买人{i:03d}", "login": f"auction_bench_{stamp}_{i:03d}", "group_ids": [(6, 0, portal.ids)],
        "lang": "zh_CN", "tz": "Asia/Shanghai"} for i in range(N_BIDDERS)])
    env.flush_all()
    env.cr.execute("UPDATE res_users SET password = %s WHERE id = ANY(%s)",
                   [pbkdf2_sha512.using(rounds=6_000).hash(PASSWORD), users.ids])
    partners = env["res.partner"].create([{"name": f"竞买人{i:03d}（基准）"} for i in range(N_BIDDERS)])
    bidders = env["gov.trading.bidder"].create([
        {"partner_id": p.id, "user_ids": [(6, 0, u.ids)], "state": "approved"} for p, u in zip(partners, users)])
    tenderer = env["res.partner"].create({"name": "梅州市梅县区自然资源局（基准）", "is_company": True})
    project = env["gov.trading.project"].create({
        "name": f"梅县区基准拍卖地块{stamp}国有建设用地使用权拍卖出让", "kind": "land", "method": "auction",
        "company_id": company.id, "tenderer_id": tenderer.id, "estimate_amount": 50_000_000})
    lot = env["gov.trading.lot"].create({"project_id": project.id, "name": f"基准拍卖地块{stamp}",
                                         "estimate_amount": 50_000_000, "scoring_method": "lowest_price",
                                         "criterion_ids": []})
    lot.write({"state": "published", "date_sale_start": now - datetime.timedelta(days=20),
               "date_sale_end": now + datetime.timedelta(days=1), "date_bid_deadline": now + datetime.timedelta(days=1)})
    project.write({"state": "registered"})
    regs = env["gov.trading.registration"].create([{"bidder_id": b.id, "lot_id": lot.id} for b in bidders])
    auction = env["gov.trading.auction"].create({
        "lot_id": lot.id, "start_price": 50_000_000, "increment": 100_000, "duration_minutes": MINUTES,
        "extend_window": 10, "extend_seconds": 10})
    auction._start(regs, None)
    env["ir.config_parameter"].set_param("gov_hall_base.throttle.gov_trading_auction_bid", "0/1")
    return {"db": env.cr.dbname, "auction_id": auction.id, "password": PASSWORD, "start_price": 50_000_000,
            "increment": 100_000, "bidders": [{"login": u.login, "paddle": r.listing_paddle}
                                              for u, r in zip(users, regs)]}


def main():
    import odoo
    from odoo.modules.registry import Registry
    from odoo.tools import config

    db, out = sys.argv[1], sys.argv[2]
    config.parse_config(["-c", os.environ["GOV_ODOO_CONF"], "--addons-path", os.environ["GOV_ADDONS_PATH"],
                         "--data-dir", os.environ["GOV_DATA_DIR"], "-d", db, "--log-level", "warn"])
    registry = Registry(db)
    from odoo.addons.gov_hall_base.tools.protect import granted

    models = ("gov.trading.bidder", "gov.trading.lot", "gov.trading.project", "gov.trading.registration",
              "gov.trading.auction", "gov.trading.auction.bid")
    with registry.cursor() as cr, granted(*models):
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True, "mail_notrack": True})
        fixture = build(env)
        cr.commit()
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w") as f:
        json.dump(fixture, f)
    print(f"auction fixture written to {out} (session {fixture['auction_id']}, {N_BIDDERS} bidders)")


if __name__ == "__main__":
    main()
