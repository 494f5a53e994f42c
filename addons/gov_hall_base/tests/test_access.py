from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import GovHallCase


@tagged("post_install", "-at_install")
class TestAccess(GovHallCase):
    def test_company_isolation(self):
        Window = self.env["gov.hall.window"]
        seen = Window.with_user(self.admin_user).search([("company_id", "in", (self.center | self.center2).ids)])
        self.assertIn(self.window, seen)
        self.assertNotIn(self.window2, seen)
        seen2 = Window.with_user(self.admin2).search([("company_id", "in", (self.center | self.center2).ids)])
        self.assertEqual(seen2, self.window2)
        with self.assertRaises(AccessError):
            self.window2.with_user(self.admin_user).read(["name"])
        zones = self.env["gov.hall.zone"].with_user(self.admin2).search([("id", "=", self.zone.id)])
        self.assertFalse(zones)

    def test_roles_read_but_do_not_configure(self):
        for user in (self.clerk, self.reviewer, self.chief, self.supervisor, self.assessor, self.trading, self.expert):
            self.assertTrue(self.window.with_user(user).read(["name"]))
            with self.assertRaises(AccessError, msg=f"{user.login} must not configure windows"):
                self.env["gov.hall.window"].with_user(user).create({"name": "x", "code": "99",
                                                                    "company_id": self.center.id})
            with self.assertRaises(AccessError):
                self.zone.with_user(user).write({"expected_yearly_volume": 1})
            with self.assertRaises(AccessError):
                self.env["gov.hall.calendar.day"].with_user(user).create({
                    "date": "2026-03-10", "year_id": self.env["gov.hall.calendar.year"].search(
                        [("year", "=", 2026)]).id})
        self.env["gov.hall.window"].with_user(self.admin_user).create({"name": "新窗口", "code": "99",
                                                                        "company_id": self.center.id})

    def test_portal_users_see_no_backend_data(self):
        for user in (self.bidder, self.applicant):
            self.assertTrue(user.has_group("base.group_portal"))
            self.assertFalse(user.has_group("base.group_user"))
            for model in ("gov.hall.window", "gov.hall.zone", "gov.hall.posting", "gov.hall.calendar.year"):
                with self.assertRaises(AccessError, msg=f"{user.login} must not read {model}"):
                    self.env[model].with_user(user).search([])

    def test_admin_implies_every_hall_role(self):
        for xmlid in ("group_gov_clerk", "group_gov_reviewer", "group_gov_chief_representative",
                      "group_gov_supervisor", "group_gov_assessor", "group_gov_trading_staff"):
            self.assertTrue(self.admin_user.has_group(f"gov_hall_base.{xmlid}"), xmlid)
        self.assertFalse(self.admin_user.has_group("gov_hall_base.group_gov_expert"),
                         "administrators are not evaluation experts")
        self.assertTrue(self.chief.has_group("gov_hall_base.group_gov_reviewer"))
        self.assertFalse(self.reviewer.has_group("gov_hall_base.group_gov_chief_representative"))

    def test_replacement_requests_by_role(self):
        Emp = self.env["hr.employee"]
        a = Emp.create({"name": "甲", "company_id": self.center.id, "department_id": self.dept.id})
        b = Emp.create({"name": "乙", "company_id": self.center.id, "department_id": self.dept.id})
        posting = self.env["gov.hall.posting"].create({"employee_id": a.id, "window_id": self.window.id,
                                                       "department_id": self.dept.id})
        vals = {"posting_id": posting.id, "new_employee_id": b.id, "reason": "调动"}
        for user in (self.clerk, self.reviewer, self.supervisor, self.assessor, self.trading, self.expert):
            with self.assertRaises(AccessError, msg=f"{user.login} must not request replacements"):
                self.env["gov.hall.posting.replacement"].with_user(user).create(vals)
        req = self.env["gov.hall.posting.replacement"].with_user(self.chief).create(vals)
        self.assertEqual(req.state, "draft")
        with self.assertRaises(AccessError):
            req.with_user(self.chief).unlink()
