from odoo.tests import new_test_user

from odoo.addons.gov_hall_base.tests.common import GovHallCase


class ComplaintCase(GovHallCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the messages are checked in English: the test centers work in English, and what our code writes on
        # their records follows the center's language (gov_hall_base.tools.lang)
        cls.env["res.lang"]._activate_lang("en_US")
        (cls.center | cls.center2).partner_id.lang = "en_US"
        cls.leader = new_test_user(cls.env, login="t_leader", groups="gov_hall_base.group_gov_center_leader",
                                   company_id=cls.center.id, company_ids=[(6, 0, cls.center.ids)], name="t_leader")
        cls.reviewer_b = new_test_user(cls.env, login="t_reviewer_b", groups="gov_hall_base.group_gov_reviewer",
                                       company_id=cls.center.id, company_ids=[(6, 0, cls.center.ids)],
                                       name="t_reviewer_b")
        cls.env["hr.employee"].create({"name": "t_reviewer_b", "user_id": cls.reviewer_b.id,
                                       "company_id": cls.center.id, "department_id": cls.dept_b.id})
        cls.staff = cls.env["hr.employee"].create({"name": "周敏", "company_id": cls.center.id,
                                                   "department_id": cls.dept.id})
        cls.window.head_employee_id = cls.env["hr.employee"].create(
            {"name": "吴刚", "company_id": cls.center.id, "department_id": cls.dept.id})
        cls.Complaint = cls.env["gov.complaint"]

    def _complaint(self, user=None, **vals):
        values = {
            "company_id": self.center.id, "channel": "desk", "kind": "service",
            "title": "窗口人员态度生硬", "facts": "办理社保转移时窗口人员态度生硬，拒绝解释所缺材料。",
            "window_id": self.window.id, "employee_id": self.staff.id,
            "complainant_name": "赵先生", "complainant_phone": "13907930001",
        }
        values.update(vals)
        return self.Complaint.with_user(user or self.supervisor).create(values)
