"""``/trading/log/head``: the hourly published head of the log and its daily history, as JSON for anyone,
with a clear JSON error and no traceback on a bad parameter."""
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestTradingLogHead(HttpCase):

    def test_published_head(self):
        Head = self.env["gov.trading.log.head"]
        published = Head._cron_snapshot_head()
        self.assertEqual({"sequence": published.sequence, "hash": published.hash},
                         self.env["gov.trading.log"]._head())
        # a new entry moves the live head, not the published one until the next hour's snapshot
        self.env["gov.trading.log"]._append("other", payload={"note": "after the snapshot"})
        self.env["gov.trading.log"]._chain_pending()
        response = self.url_open("/trading/log/head")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.headers["Content-Type"].startswith("application/json"))
        body = response.json()
        self.assertEqual(body["head"]["sequence"], published.sequence)
        self.assertEqual(body["head"]["hash"], published.hash)
        self.assertEqual(body["algorithm"], "sha256")
        self.assertNotIn("history", body)
        history = self.url_open("/trading/log/head?history=1").json()["history"]
        self.assertEqual(history[0]["hash"], published.hash)
        self.assertEqual(len({h["date"][:10] for h in history}), len(history))
        # a bad parameter: a clear JSON error, no traceback
        response = self.url_open("/trading/log/head?history=%E4%B8%AD")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["code"], 400)
        self.assertNotIn("Traceback", response.text)
