from odoo.tests import new_test_user

from odoo.addons.gov_hall_base.tests.common import GovHallCase
from odoo.addons.gov_hall_base.tools.dates import center_today

SIGNATURE = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgAAIAAAUAAeImBZsAAAAASUVORK5CYII="


class GovIntakeCase(GovHallCase):
    """GovHallCase plus a catalog: a promised item of 人社局, a joint item led by 人社局 with 市场监管局,
    an instant item, and a comprehensive window in the 医保人社区."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # messages are checked in English (the demo database runs in zh_CN): the test centers work in English,
        # and what our code writes on their records follows them (test_center_language runs one in Chinese)
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.env["res.lang"]._activate_lang("en_US")
        (cls.center | cls.center2).partner_id.lang = "en_US"
        cls.window_zh = cls.env["gov.hall.window"].create({
            "name": "综合受理窗口", "code": "ZH01", "company_id": cls.center.id, "kind": "comprehensive",
            "zone_id": cls.zone.id})
        cls.window_zh2 = cls.env["gov.hall.window"].create({
            "name": "区综合受理窗口", "code": "ZH01", "company_id": cls.center2.id, "kind": "comprehensive"})
        # the chief representative of 人社局 (a posting makes it the department's chief)
        cls.env["gov.hall.posting"].create({"employee_id": cls.chief_emp.id, "window_id": cls.window.id,
                                            "department_id": cls.dept.id, "is_chief_representative": True,
                                            "min_term_months": 24})
        cls.env["gov.hall.posting"].create({"employee_id": cls.clerk_emp.id, "window_id": cls.window_zh.id,
                                            "department_id": cls.dept.id})
        Item = cls.env["gov.hall.service.item"]
        cls.item = Item.create({
            "name": "社会保障卡申领", "code": "RS-01", "company_id": cls.center.id, "department_id": cls.dept.id,
            "item_type": "public_service", "case_type": "promised", "decision_level": "reviewer",
            "legal_days": 20, "promised_days": 10, "zone_ids": [(6, 0, cls.zone.ids)],
            "legal_basis": "《中华人民共和国社会保险法》第五十八条", "state": "published",
            "material_ids": [(0, 0, {"name": "居民身份证", "requirement": "required"}),
                             (0, 0, {"name": "免冠照片", "requirement": "required", "tolerable": True}),
                             (0, 0, {"name": "委托书", "requirement": "optional"})],
        })
        cls.item_joint = Item.create({
            "name": "企业开办一件事", "code": "YJS-01", "company_id": cls.center.id, "department_id": cls.dept.id,
            "joint_department_ids": [(6, 0, cls.dept_b.ids)], "case_type": "joint", "decision_level": "chief",
            "legal_days": 20, "promised_days": 5, "task_days": 3, "state": "published",
            "material_ids": [(0, 0, {"name": "申请书", "requirement": "required"})],
            "fee_line_ids": [(0, 0, {"name": "登记费", "amount": 80.0, "basis": "财税〔2016〕79号"})],
        })
        cls.item_instant = Item.create({
            "name": "城乡居民养老保险参保登记", "code": "RS-02", "company_id": cls.center.id,
            "department_id": cls.dept.id, "case_type": "instant", "decision_level": "chief",
            "legal_days": 0, "promised_days": 0, "state": "published",
            "material_ids": [(0, 0, {"name": "居民身份证", "requirement": "required"})],
        })
        cls.item_leader = Item.create({
            "name": "食品经营许可", "code": "SP-01", "company_id": cls.center.id, "department_id": cls.dept.id,
            "case_type": "promised", "decision_level": "leader", "legal_days": 20, "promised_days": 10,
            "state": "published", "material_ids": [(0, 0, {"name": "申请书", "requirement": "required"})],
        })
        cls.item2 = Item.create({
            "name": "社会保障卡申领", "code": "RS-01", "company_id": cls.center2.id, "department_id": cls.dept2.id,
            "case_type": "promised", "legal_days": 20, "promised_days": 10, "state": "published",
            "material_ids": [(0, 0, {"name": "居民身份证", "requirement": "required"})],
        })
        cls.citizen = cls.env["res.partner"].create({"name": "周建国", "gov_id_type": "id_card",
                                                     "gov_id_number": "361102198503120029"})
        cls.company_partner = cls.env["res.partner"].create({
            "name": "上饶市信江餐饮管理有限公司", "is_company": True, "gov_id_type": "uscc",
            "gov_id_number": "91361100MA35A1B2CY"})
        cls.applicant.partner_id.write({"gov_id_type": "id_card", "gov_id_number": "361102197906111034"})
        cls.dept_head, _emp = cls._make_user(cls, "t_dept_head", "gov_hall_base.group_gov_reviewer", cls.dept)
        cls.dept.manager_id = _emp
        cls.reviewer_b, _ = cls._make_user(cls, "t_reviewer_b", "gov_hall_base.group_gov_reviewer", cls.dept_b)

    @staticmethod
    def _make_user(cls, login, groups, dept):
        user = new_test_user(cls.env, login=login, groups=groups, company_id=cls.center.id,
                             company_ids=[(6, 0, cls.center.ids)], name=login)
        emp = cls.env["hr.employee"].create({"name": login, "user_id": user.id, "company_id": cls.center.id,
                                             "department_id": dept.id})
        return user, emp

    def new_case(self, item=None, partner=None, window=None, received=True, user=None):
        item = item or self.item
        window = window or self.window_zh
        Case = self.env["gov.hall.case"].with_user(user or self.clerk)
        case = Case.create({"item_id": item.id, "applicant_id": (partner or self.citizen).id,
                            "window_id": window.id, "company_id": item.company_id.id})
        if received:
            case.material_line_ids.write({"received": True})
        return case

    def accepted_case(self, item=None, **kw):
        case = self.new_case(item, **kw)
        case.action_accept()
        return case

    def decided_case(self, item=None):
        case = self.accepted_case(item or self.item)
        case.task_ids.with_user(self.reviewer).action_done("approve", "同意")
        case.with_user(self.reviewer).action_decide("approved", "《社会保险法》第五十八条")
        return case

    def today(self, company=None):
        """The day at the center (Beijing), whatever the time zone of the test's user."""
        return center_today(company or self.center)
