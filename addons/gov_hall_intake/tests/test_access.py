from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import GovIntakeCase


@tagged("post_install", "-at_install")
class TestAccess(GovIntakeCase):

    def test_portal_applicant_sees_own_cases(self):
        mine = self.accepted_case(partner=self.applicant.partner_id)
        other = self.accepted_case()
        Case = self.env["gov.hall.case"].with_user(self.applicant)
        self.assertEqual(Case.search([]), mine)
        with self.assertRaises(AccessError):
            other.with_user(self.applicant).read(["name"])
        with self.assertRaises(AccessError):
            mine.with_user(self.applicant).write({"applicant_phone": "123"})

    def test_other_center_invisible(self):
        case = self.accepted_case()
        self.assertFalse(self.env["gov.hall.case"].with_user(self.admin2).search([("id", "=", case.id)]))
        self.assertFalse(self.env["gov.hall.service.item"].with_user(self.admin2).search([("id", "=", self.item.id)]))

    def test_supervisor_reads_only(self):
        case = self.accepted_case()
        self.assertTrue(case.with_user(self.supervisor).has_access("read"))
        with self.assertRaises(AccessError):
            case.with_user(self.supervisor).write({"applicant_phone": "123"})
        with self.assertRaises(AccessError):
            self.env["gov.hall.case"].with_user(self.supervisor).create({
                "item_id": self.item.id, "applicant_id": self.citizen.id})

    def test_roles_on_catalog_and_devices(self):
        self.assertTrue(self.item.with_user(self.reviewer).has_access("read"))
        device = self.env["gov.hall.evaluator.device"].with_user(self.admin_user).create({
            "name": "评价器", "serial": "PJQ-T-1", "window_id": self.window_zh.id})
        with self.assertRaises(AccessError):
            device.with_user(self.clerk).write({"active": False})
        with self.assertRaises(AccessError):
            device.with_user(self.clerk).read(["token_hash"])
