from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import GovIntakeCase


@tagged("post_install", "-at_install")
class TestCatalog(GovIntakeCase):

    def test_promised_longer_than_legal(self):
        with self.assertRaisesRegex(ValidationError, "cannot be longer than the legal limit"):
            self.env["gov.hall.service.item"].create({
                "name": "测试事项", "code": "T-1", "company_id": self.center.id, "department_id": self.dept.id,
                "legal_days": 10, "promised_days": 15})
        self.assertFalse(self.env["gov.hall.service.item"].search([("code", "=", "T-1")]))
        draft = self.env["gov.hall.service.item"].create({
            "name": "测试事项", "code": "T-2", "company_id": self.center.id, "department_id": self.dept.id,
            "legal_days": 10, "promised_days": 5})
        with self.assertRaisesRegex(ValidationError, "cannot be longer than the legal limit"):
            draft.write({"promised_days": 11})
        self.assertEqual(draft.promised_days, 5)

    def test_instant_and_joint_rules(self):
        Item = self.env["gov.hall.service.item"]
        with self.assertRaisesRegex(ValidationError, "instant item"):
            Item.create({"name": "即办", "code": "T-3", "company_id": self.center.id, "department_id": self.dept.id,
                         "case_type": "instant", "legal_days": 5, "promised_days": 1})
        with self.assertRaisesRegex(ValidationError, "departments that review in parallel"):
            Item.create({"name": "联办", "code": "T-4", "company_id": self.center.id, "department_id": self.dept.id,
                         "case_type": "joint", "legal_days": 5, "promised_days": 3})
        with self.assertRaisesRegex(ValidationError, "sub-deadline"):
            Item.create({"name": "子时限", "code": "T-5", "company_id": self.center.id,
                         "department_id": self.dept.id, "legal_days": 10, "promised_days": 3, "task_days": 5})

    def test_one_version_in_force(self):
        """A second version in force of the same item code is refused by the partial unique index, with its
        message; another center, an archived version and a draft may share the code."""
        Item = self.env["gov.hall.service.item"]
        vals = {"name": "社会保障卡申领", "code": "RS-01", "company_id": self.center.id, "department_id": self.dept.id,
                "legal_days": 20, "promised_days": 10, "state": "published"}
        with self.assertRaises(IntegrityError) as caught, mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            Item.create(dict(vals, version=5))
            Item.flush_model()
        self.assertEqual(Item._sql_error_to_message(caught.exception),
                         "This item code already has a version in force in this center.")
        draft = Item.create(dict(vals, state="draft", version=2))
        self.item.active = False
        with self.env.cr.savepoint():
            Item.create(dict(vals, version=3))
            Item.flush_model()
        self.assertEqual(draft.state, "draft")

    def test_relations_stay_in_the_center(self):
        """A case, an item or a task linked to another center's window, zone or department is refused by the
        company check."""
        case = self.new_case()
        with self.assertRaisesRegex(UserError, "company inconsistencies"):
            case.write({"window_id": self.window_zh2.id})
        self.assertEqual(case.window_id, self.window_zh)
        with self.assertRaisesRegex(UserError, "company inconsistencies"):
            self.env["gov.hall.case"].create({"item_id": self.item2.id, "applicant_id": self.citizen.id,
                                              "company_id": self.center.id, "window_id": self.window_zh.id})
        with self.assertRaisesRegex(UserError, "company inconsistencies"):
            self.env["gov.hall.service.item"].create({
                "name": "跨中心", "code": "T-9", "company_id": self.center.id, "department_id": self.dept2.id,
                "legal_days": 10, "promised_days": 5})
        draft = self.env["gov.hall.service.item"].create({
            "name": "跨中心", "code": "T-9", "company_id": self.center2.id, "department_id": self.dept2.id,
            "legal_days": 10, "promised_days": 5})
        with self.assertRaisesRegex(UserError, "company inconsistencies"):
            draft.write({"zone_ids": [(6, 0, self.zone.ids)]})

    def test_published_version_is_frozen(self):
        with self.assertRaisesRegex(UserError, "create a new version"):
            self.item.write({"promised_days": 3})
        self.assertEqual(self.item.promised_days, 10)
        with self.assertRaisesRegex(UserError, "create a new version"):
            self.item.material_ids[0].write({"requirement": "optional"})
        self.assertEqual(self.item.material_ids[0].requirement, "required")
        with self.assertRaisesRegex(UserError, "create a new version"):
            self.env["gov.hall.service.material"].create({"item_id": self.item.id, "name": "新增材料"})
        self.assertEqual(len(self.item.material_ids), 3)
        # non-content fields may change
        self.item.website_published = False

    def test_new_version_needs_admin_approval(self):
        action = self.item.with_user(self.admin_user).action_new_version()
        v2 = self.env["gov.hall.service.item"].browse(action["res_id"])
        self.assertEqual((v2.version, v2.state, v2.root_id), (2, "draft", self.item))
        self.assertEqual(len(v2.material_ids), 3)
        v2.write({"promised_days": 5, "version_note": "承诺时限压缩至5个工作日"})
        with self.assertRaisesRegex(UserError, "already being prepared"):
            self.item.with_user(self.admin_user).action_new_version()
        v2.action_submit()
        for user in (self.clerk, self.chief):
            with self.assertRaisesRegex(UserError, "Only a hall administrator"):
                v2.with_user(user).action_approve()
        self.assertEqual(v2.state, "to_approve")
        self.assertEqual(self.item.state, "published")
        # a case received before the approval keeps version 1
        case = self.accepted_case()
        v2.with_user(self.admin_user).action_approve()
        self.assertEqual(v2.state, "published")
        self.assertEqual(self.item.state, "superseded")
        self.assertEqual(case.item_id, self.item)
        self.assertEqual(case.deadline_days, 10)
        self.assertEqual(case.item_family_id, self.item)
        # cases received afterwards use version 2
        self.assertEqual(self.accepted_case(v2).deadline_days, 5)

    def test_clerk_cannot_edit_catalog(self):
        with self.assertRaises(AccessError):
            self.item.with_user(self.clerk).write({"website_published": False})

    def test_accepted_case_keeps_item_version(self):
        case = self.accepted_case()
        other = self.item_leader
        with self.assertRaisesRegex(UserError, "keeps it"):
            case.with_user(self.admin_user).write({"item_id": other.id})
        self.assertEqual(case.item_id, self.item)
        with self.assertRaisesRegex(UserError, "fixed at acceptance"):
            case.with_user(self.admin_user).write({"deadline_days": 2})
        self.assertEqual(case.deadline_days, 10)

    def test_catalog_import_xlsx(self):
        import base64
        import io

        import openpyxl

        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["事项编码", "事项名称", "实施部门", "事项类型", "办件类型", "法定时限", "承诺时限",
                      "材料名称", "材料必要性", "可容缺", "功能区", "收费项目", "收费金额", "收费依据"])
        sheet.append(["SC-9", "个体工商户变更登记", "市场监管局", "行政许可", "承诺件", 15, 3, "变更登记申请书",
                      "必要", "否", "医保人社区", "工本费", 10, "发改价格〔2019〕X号"])
        sheet.append(["SC-9", "个体工商户变更登记", "市场监管局", "行政许可", "承诺件", 15, 3, "营业执照正副本",
                      "必要", "是", "", "工本费", 10, ""])
        sheet.append(["RS-01", "社会保障卡申领", "人社局", "公共服务", "承诺件", 20, 7, "居民身份证", "必要", "否", "",
                      "", "", ""])
        buf = io.BytesIO()
        book.save(buf)
        wizard = self.env["gov.hall.catalog.import"].with_user(self.admin_user).create({
            "company_id": self.center.id, "file": base64.b64encode(buf.getvalue()), "filename": "catalog.xlsx"})
        action = wizard.action_import()
        items = self.env["gov.hall.service.item"].browse(action["domain"][0][2])
        self.assertEqual(len(items), 2)
        new = items.filtered(lambda i: i.code == "SC-9")
        self.assertEqual((new.state, new.department_id, len(new.material_ids)), ("draft", self.dept_b, 2))
        self.assertTrue(new.material_ids[1].tolerable)
        self.assertEqual(new.fee_line_ids.mapped("name"), ["工本费"], "one fee line, not one per row")
        self.assertEqual(new.fee_line_ids.amount, 10.0)
        self.assertEqual(new.zone_ids, self.zone)
        revised = items.filtered(lambda i: i.code == "RS-01")
        self.assertEqual((revised.version, revised.root_id, revised.promised_days), (2, self.item, 7))
        self.assertEqual(self.item.promised_days, 10)

    def test_catalog_import_bad_department(self):
        import base64
        import io

        import openpyxl

        book = openpyxl.Workbook()
        book.active.append(["事项编码", "事项名称", "实施部门"])
        book.active.append(["X-1", "无名事项", "不存在的局"])
        buf = io.BytesIO()
        book.save(buf)
        wizard = self.env["gov.hall.catalog.import"].create({
            "company_id": self.center.id, "file": base64.b64encode(buf.getvalue())})
        with self.assertRaisesRegex(UserError, "unknown department"):
            wizard.action_import()
        self.assertFalse(self.env["gov.hall.service.item"].search([("code", "=", "X-1")]))

    def test_catalog_import_bad_fee(self):
        import base64
        import io

        import openpyxl

        for amount, message in (("十元", "not a number"), (-5, "cannot be negative")):
            book = openpyxl.Workbook()
            book.active.append(["事项编码", "事项名称", "实施部门", "收费项目", "收费金额"])
            book.active.append(["X-2", "测试事项", "人社局", "工本费", amount])
            buf = io.BytesIO()
            book.save(buf)
            wizard = self.env["gov.hall.catalog.import"].create({
                "company_id": self.center.id, "file": base64.b64encode(buf.getvalue())})
            with self.assertRaisesRegex(UserError, message):
                wizard.action_import()
            self.assertFalse(self.env["gov.hall.service.item"].search([("code", "=", "X-2")]))
