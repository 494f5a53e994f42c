from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

from .common import GovAssertMixin

from ..tools import amount_to_rmb_upper


@tagged("post_install", "-at_install")
class TestIdentity(GovAssertMixin, TransactionCase):
    def test_id_card(self):
        p = self.env["res.partner"].create({"name": "孙丽", "gov_id_number": "36110219850312042 4"})
        self.assertEqual((p.gov_id_type, p.gov_id_number), ("id_card", "361102198503120424"))
        with self.assertRaisesRegex(ValidationError, "check digit"):
            self.env["res.partner"].create({"name": "错号", "gov_id_number": "361102198503120421"})
        with self.assertRaisesRegex(ValidationError, "18 characters"):
            p.gov_id_number = "3611021985"
        self.assertEqual(p.gov_id_number, "361102198503120424", "the saved number stays")
        p.gov_id_number = "11010519491231002x"
        self.assertEqual(p.gov_id_number, "11010519491231002X")

    def test_uscc(self):
        c = self.env["res.partner"].create({"name": "信达建设", "is_company": True,
                                            "gov_id_number": "91361100ma35f1xk2e"})
        self.assertEqual((c.gov_id_type, c.gov_id_number), ("uscc", "91361100MA35F1XK2E"))
        with self.assertRaisesRegex(ValidationError, "Unified Social Credit Code"):
            c.gov_id_number = "91361100MA35F1XK2Q"
        # other documents are not checked
        c.write({"gov_id_type": "other", "gov_id_number": "HK-12345"})
        self.assertEqual(c.gov_id_number, "HK-12345")

    def test_rmb_capitals(self):
        self.assertEqual(amount_to_rmb_upper(100), "壹佰元整")
        self.assertEqual(amount_to_rmb_upper(1234.56), "壹仟贰佰叁拾肆元伍角陆分")
        self.assertEqual(amount_to_rmb_upper(2805000000), "贰拾捌亿零伍佰万元整")
        self.assertEqual(amount_to_rmb_upper(0), "零元整")
        self.assertEqual(self.env["res.currency"].gov_amount_to_upper(800000), "捌拾万元整")
