"""The public pages that only read are marked ``readonly=True``: with a PostgreSQL replica configured
(``db_replica_host``/``db_replica_port``) Odoo serves them from the replica. A route so marked that writes
would fail on the replica and be retried on the primary with a warning: the pages are opened here and
must answer without that warning."""
from odoo.tests import HttpCase, tagged

READONLY = ("/gov_hall/guide", "/gov_hall/guide/<int:item_id>", "/gov_hall/guide/<int:item_id>/pdf",
            "/trading", "/trading/announcement/<int:announcement_id>",
            "/trading/announcement/<int:announcement_id>/pdf", "/trading/log/head",
            "/assessment/honours", "/assessment/honours/<int:month_id>", "/complaint")
# pages that write (throttle counters, ratings, complaints, bids, the platform's receipt key on first use):
# never on the replica
READ_WRITE = ("/gov_hall/track", "/gov_hall/track/rate", "/complaint/submit", "/trading/receipt/key",
              "/trading/sealing-tool",
              "/my/trading/registration/<int:registration_id>/bid")


@tagged("post_install", "-at_install")
class TestReadonlyRoutes(HttpCase):

    def routing(self):
        rules = {}
        for rule in self.env["ir.http"].routing_map().iter_rules():
            rules[rule.rule] = rule.endpoint.routing
        return rules

    def test_marked(self):
        rules = self.routing()
        for path in READONLY:
            with self.subTest(path=path):
                self.assertIs(rules[path].get("readonly"), True)
        for path in READ_WRITE:
            with self.subTest(path=path):
                self.assertFalse(rules[path].get("readonly"))

    def test_pages_read_only(self):
        item = self.env["gov.hall.service.item"].search([("state", "=", "published")], limit=1)
        announcement = self.env["gov.trading.announcement"].search([("state", "=", "published")], limit=1)
        urls = ["/gov_hall/guide", "/trading", "/assessment/honours", "/complaint"]
        if item:
            urls.append(f"/gov_hall/guide/{item.id}")
        if announcement:
            urls.append(f"/trading/announcement/{announcement.id}")
        for url in urls:
            with self.subTest(url=url), self.assertNoLogs("odoo.http", level="WARNING"):
                self.assertEqual(self.url_open(url).status_code, 200)
