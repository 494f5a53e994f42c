from datetime import date, datetime

from odoo.tests import TransactionCase, tagged

from ..tools import (CODE_ALPHABET, center_date, center_day_bounds, check_code, from_center, new_code,
                     to_center)


@tagged("post_install", "-at_install")
class TestTools(TransactionCase):
    def test_codes(self):
        code = new_code()
        self.assertEqual(len(code), 8)
        self.assertTrue(set(code) <= set(CODE_ALPHABET))
        self.assertFalse(set("OI01") & set(CODE_ALPHABET))
        self.assertNotEqual(new_code(), new_code())
        self.assertTrue(check_code(code, " %s " % code.lower()))
        self.assertFalse(check_code(code, code[:-1]))
        self.assertFalse(check_code(code, ""))
        self.assertFalse(check_code("", ""))
        self.assertFalse(check_code(code, "码" * 8), "non-ASCII input is a mismatch, not an error")

    def test_center_dates(self):
        company = self.env["res.company"].create({"name": "Time Zone Center"})
        company.partner_id.tz = "Asia/Shanghai"
        # 2026-12-01 17:30 UTC is 2026-12-02 01:30 in Beijing.
        self.assertEqual(center_date(datetime(2026, 12, 1, 17, 30), company), date(2026, 12, 2))
        self.assertEqual(to_center(datetime(2026, 12, 1, 17, 30), company), datetime(2026, 12, 2, 1, 30))
        self.assertEqual(from_center(datetime(2026, 12, 2, 1, 30), company), datetime(2026, 12, 1, 17, 30))
        self.assertEqual(center_day_bounds(date(2026, 12, 1), date(2026, 12, 31), company),
                         (datetime(2026, 11, 30, 16, 0), datetime(2026, 12, 31, 16, 0)))
        company.partner_id.tz = False
        self.assertEqual(center_date(datetime(2026, 12, 1, 17, 30), company), date(2026, 12, 2),
                         "a center without a time zone keeps Beijing time")
        self.assertIsNone(center_date(False, company))
