from contextlib import contextmanager

from odoo.exceptions import UserError
from odoo.service.model import call_kw
from odoo.tests import TransactionCase, new_test_user

# Context keys that once switched checks off (ours) or still do in the platform (OCA tier validation):
# a client can send any of them over RPC, so none may open a protected field.
BYPASS_KEYS = (
    "gov_case_workflow", "gov_case_clock", "gov_case_deciding", "gov_case_item_bypass", "gov_decide_mode",
    "gov_rating_override", "gov_posting_replacement", "gov_item_version_bypass", "gov_trading_amendment",
    "gov_assessment_engine", "gov_appeal_decision", "gov_scan", "gov_calendar_defer",
    "skip_validation_check", "skip_check_state_condition", "tracking_disable", "install_mode",
)
REFUSED = UserError  # AccessError, ValidationError, MissingError are UserErrors


class GovAssertMixin:
    """``assertRaisesRegex`` inside a savepoint, like Odoo's ``assertRaises``: what the failing
    call wrote is rolled back, so a test can go on and check that nothing was lost."""

    @contextmanager
    def assertRaisesRegex(self, exception, regex, msg=None):
        with self.assertRaises(exception, msg=msg) as cm:
            yield cm
        self.assertRegex(str(cm.exception), regex)


class GovAttackMixin:
    """Attacks as a client would send them: ``call_kw`` applies the same public-method checks as RPC."""

    def rpc(self, user, record, method, *args, context=None, **kwargs):
        model = self.env[record._name].with_user(user)
        if method in ("create",):
            return call_kw(model, method, list(args), dict(kwargs, context=context or {}))
        return call_kw(model, method, [record.ids, *args], dict(kwargs, context=context or {}))

    def snapshot(self, record, fnames):
        record.invalidate_recordset()
        return {f: record.sudo()[f] for f in fnames}

    def assert_write_refused(self, user, record, vals, keys=BYPASS_KEYS):
        """``write(vals)`` by ``user`` is refused without and with each bypass key (and all of them at once),
        and the record reads back unchanged."""
        before = self.snapshot(record, list(vals))
        contexts = [{}] + [{k: True} for k in keys] + [dict.fromkeys(keys, True)]
        for ctx in contexts:
            with self.subTest(user=user.login, vals=vals, context=ctx), self.assertRaises(
                    REFUSED, msg=f"{user.login} wrote {vals} on {record} with context {ctx}"):
                self.rpc(user, record, "write", vals, context=ctx)
        self.assertEqual(self.snapshot(record, list(vals)), before, f"{record} changed")

    def assert_call_refused(self, user, record, method, *args, **kwargs):
        with self.subTest(user=user.login, method=method), self.assertRaises(
                REFUSED, msg=f"{user.login} called {record._name}.{method}"):
            self.rpc(user, record, method, *args, **kwargs)


class GovHallCase(GovAssertMixin, GovAttackMixin, TransactionCase):
    """Two centers with a department, a window and a user per role each."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.center = cls.env["res.company"].create({"name": "测试市行政服务中心", "gov_center_level": "city",
                                                    "gov_center_code": "TC"})
        cls.center2 = cls.env["res.company"].create({"name": "测试区行政服务中心", "gov_center_level": "district",
                                                     "gov_center_code": "TD"})
        Dept = cls.env["hr.department"]
        cls.dept = Dept.create({"name": "人社局", "gov_stationed": True, "company_id": cls.center.id})
        cls.dept_b = Dept.create({"name": "市场监管局", "gov_stationed": True, "company_id": cls.center.id})
        cls.dept2 = Dept.create({"name": "区人社局", "gov_stationed": True, "company_id": cls.center2.id})
        cls.zone = cls.env["gov.hall.zone"].create({"name": "医保人社区", "code": "Z1", "company_id": cls.center.id,
                                                    "expected_yearly_volume": 31000, "planned_clerk_count": 4,
                                                    "department_ids": [(6, 0, [cls.dept.id])]})
        Window = cls.env["gov.hall.window"]
        cls.window = Window.create({"name": "人社局窗口", "code": "01", "company_id": cls.center.id,
                                    "kind": "department", "zone_id": cls.zone.id,
                                    "department_ids": [(6, 0, [cls.dept.id])]})
        cls.window_b = Window.create({"name": "市场监管窗口", "code": "02", "company_id": cls.center.id,
                                      "kind": "department", "department_ids": [(6, 0, [cls.dept_b.id])]})
        cls.window2 = Window.create({"name": "区人社窗口", "code": "01", "company_id": cls.center2.id,
                                     "kind": "comprehensive"})

        def user(login, groups, company=cls.center, dept=None):
            u = new_test_user(cls.env, login=login, groups=groups, company_id=company.id,
                              company_ids=[(6, 0, company.ids)], name=login)
            emp = cls.env["hr.employee"].create({"name": login, "user_id": u.id, "company_id": company.id,
                                                 "department_id": dept.id if dept else False})
            return u, emp

        cls.admin_user, cls.admin_emp = user("t_admin", "gov_hall_base.group_gov_hall_admin")
        cls.clerk, cls.clerk_emp = user("t_clerk", "gov_hall_base.group_gov_clerk", dept=cls.dept)
        cls.reviewer, cls.reviewer_emp = user("t_reviewer", "gov_hall_base.group_gov_reviewer", dept=cls.dept)
        cls.chief, cls.chief_emp = user("t_chief", "gov_hall_base.group_gov_chief_representative", dept=cls.dept)
        cls.chief_b, cls.chief_b_emp = user("t_chief_b", "gov_hall_base.group_gov_chief_representative",
                                            dept=cls.dept_b)
        cls.supervisor, _ = user("t_supervisor", "gov_hall_base.group_gov_supervisor")
        cls.assessor, _ = user("t_assessor", "gov_hall_base.group_gov_assessor")
        cls.trading, _ = user("t_trading", "gov_hall_base.group_gov_trading_staff")
        cls.expert, _ = user("t_expert", "gov_hall_base.group_gov_expert")
        cls.admin2, _ = user("t_admin2", "gov_hall_base.group_gov_hall_admin", company=cls.center2)
        cls.bidder = new_test_user(cls.env, login="t_bidder", groups="gov_hall_base.group_gov_portal_bidder")
        cls.applicant = new_test_user(cls.env, login="t_applicant", groups="gov_hall_base.group_gov_portal_applicant")
        cls.addClassCleanup(cls.registry.clear_cache)
