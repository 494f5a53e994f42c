import datetime

from odoo import fields
from odoo.tests import new_test_user

from odoo.addons.gov_hall_base.tests.common import GovHallCase
from odoo.addons.gov_hall_base.tools.protect import granted

MARCH = datetime.date(2026, 3, 1)


class AssessmentCase(GovHallCase):
    """GovHallCase plus the assessment set-up of one center:

    - a 2026 scheme with the standard items (volume unit lowered to 10 cases), in force;
    - three staff posted to windows: A = ``clerk_emp`` and B = ``reviewer_emp`` at 人社局窗口 (``window``),
      C = ``chief_b_emp`` at 市场监管窗口 (``window_b``);
    - a center leader, a department head of 人社局 (``dept``) and a service item to create cases with.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leader = new_test_user(cls.env, login="t_leader", groups="gov_hall_base.group_gov_center_leader",
                                   company_id=cls.center.id, company_ids=[(6, 0, cls.center.ids)], name="t_leader")
        cls.head = new_test_user(cls.env, login="t_head", groups="base.group_user", company_id=cls.center.id,
                                 company_ids=[(6, 0, cls.center.ids)], name="t_head")
        cls.head_emp = cls.env["hr.employee"].create({"name": "t_head", "user_id": cls.head.id,
                                                      "company_id": cls.center.id})
        cls.dept.manager_id = cls.head_emp
        cls.emp_a, cls.emp_b, cls.emp_c = cls.clerk_emp, cls.reviewer_emp, cls.chief_b_emp
        Posting = cls.env["gov.hall.posting"]
        for emp, window, dept in ((cls.emp_a, cls.window, cls.dept), (cls.emp_b, cls.window, cls.dept),
                                  (cls.emp_c, cls.window_b, cls.dept_b)):
            Posting.create({"employee_id": emp.id, "window_id": window.id, "department_id": dept.id,
                            "date_start": "2026-01-01"})
        cls.scheme = cls.env["gov.assessment.scheme"].create({
            "name": "2026年度窗口及工作人员绩效考核方案", "company_id": cls.center.id,
            "date_from": "2026-01-01", "date_to": "2026-12-31"})
        cls.scheme.action_load_standard_items()
        cls.scheme.item_ids.filtered(lambda i: i.source == "volume").write({"unit": 10})
        cls.scheme.action_activate()
        cls.items = {i.code: i for i in cls.scheme.item_ids}
        cls.service_item = cls.env["gov.hall.service.item"].create({
            "name": "社会保障卡申领", "code": "RS-01", "company_id": cls.center.id, "department_id": cls.dept.id,
            "item_type": "public_service", "case_type": "promised", "legal_days": 20, "promised_days": 10,
            "state": "published", "material_ids": [(0, 0, {"name": "居民身份证", "requirement": "required"})],
        })
        cls.citizen = cls.env["res.partner"].create({"name": "周建国"})
        cls.case_model_id = cls.env["ir.model"]._get_id("gov.hall.case")

    # -- activity generators -------------------------------------------------------------------------------
    @classmethod
    def make_cases(cls, n, clerk, window, day, handler=None, overdue=False):
        """``n`` cases received by ``clerk`` at ``window`` on ``day``; optionally decided by ``handler``
        after their deadline (overdue, deadline on ``day``)."""
        cases = cls.env["gov.hall.case"].sudo().create([{
            "item_id": cls.service_item.id, "applicant_id": cls.citizen.id, "window_id": window.id,
            "company_id": cls.center.id, "clerk_id": clerk.id,
            "date_received": datetime.datetime.combine(day, datetime.time(2, 0)),
        } for _i in range(n)])
        cls.env.flush_all()
        if handler or overdue:
            cls.env.cr.execute("""
                UPDATE gov_hall_case SET handler_id = %s, state = 'decided', deadline = %s,
                       date_decided = %s, is_overdue = %s, on_time = %s
                 WHERE id = ANY(%s)""",
                               [handler.id if handler else None, day, day + datetime.timedelta(days=3 if overdue else 0),
                                overdue, not overdue, cases.ids])
            cases.invalidate_recordset()
        return cases

    @classmethod
    def rate(cls, cases, values, day):
        # the ratings as gov.hall.case.action_rate writes them (server code, inside the grant)
        with granted("rating.rating"):
            ratings = cls.env["rating.rating"].sudo().create([{
                "res_model_id": cls.case_model_id, "res_id": case.id, "rating": value, "consumed": True,
                "rated_on": datetime.datetime.combine(day, datetime.time(3, 0)),
            } for case, value in zip(cases, values)])
        cls.env.flush_all()
        # rating.rating stamps rated_on with "now": date the ratings in the generated month
        cls.env.cr.execute("UPDATE rating_rating SET rated_on = %s WHERE id = ANY(%s)",
                           [datetime.datetime.combine(day, datetime.time(3, 0)), ratings.ids])
        ratings.invalidate_recordset()
        return ratings

    @classmethod
    def inspection(cls, day, round_no, findings):
        """A completed round on ``day``; ``findings`` maps an employee to the failed checks."""
        rnd = cls.env["gov.assessment.inspection"].create({
            "company_id": cls.center.id, "date": day, "round_no": round_no, "hour": 9.0,
            "inspector_id": cls.supervisor.id,
            "line_ids": [(0, 0, {"window_id": w.id, "employee_id": e.id, "checked": True,
                                 **{check: False for check in findings.get(e, [])}})
                         for e, w in ((cls.emp_a, cls.window), (cls.emp_b, cls.window), (cls.emp_c, cls.window_b))],
        })
        rnd.action_done()
        return rnd

    @classmethod
    def substantiated_complaint(cls, employee, window, day):
        complaint = cls.env["gov.complaint"].sudo().create({
            "company_id": cls.center.id, "channel": "desk", "kind": "service", "title": "服务态度生硬",
            "facts": "窗口工作人员对群众咨询不耐烦。", "window_id": window.id, "employee_id": employee.id})
        cls.env.flush_all()
        cls.env.cr.execute("""
            UPDATE gov_complaint SET state = 'closed', substantiated = TRUE, fault_type = 'negligent',
                   fault_form = 'act', fault_holder = 'handler', fault_employee_id = %s, date_closed = %s
             WHERE id = %s""", [employee.id, day, complaint.id])
        complaint.invalidate_recordset()
        return complaint

    @classmethod
    def generate_march(cls):
        """The month of activity whose scores are computed by hand in test_scoring."""
        d = datetime.date
        # A: 25 cases at 人社局窗口, 2 of them decided late by A; 12 ratings, one of them bad and verified
        cases_a = cls.make_cases(23, cls.clerk, cls.window, d(2026, 3, 9))
        cases_a |= cls.make_cases(2, cls.clerk, cls.window, d(2026, 3, 10), handler=cls.clerk, overdue=True)
        ratings = cls.rate(cases_a[:12], [5] * 10 + [4, 1], d(2026, 3, 16))
        review = ratings.filtered(lambda r: r.rating == 1).sudo().gov_review_ids
        with granted(review):  # verified on a given day, as its action does
            review.write({"verified": True, "date_verified": d(2026, 3, 20)})
        # C: 10 cases at 市场监管窗口, all rated 非常满意
        cases_c = cls.make_cases(10, cls.chief_b, cls.window_b, d(2026, 3, 11))
        cls.rate(cases_c, [5] * 10, d(2026, 3, 12))
        # inspections: A badge + discipline, B uniform (day 2), A not on post (day 3)
        cls.inspection(d(2026, 3, 2), 1, {cls.emp_a: ["badge", "discipline"], cls.emp_b: ["uniform"]})
        cls.inspection(d(2026, 3, 3), 1, {cls.emp_a: ["on_post"]})
        # Friday training: A absent
        training = cls.env["gov.assessment.training"].create({
            "name": "每周五学习培训:一次性告知制度", "company_id": cls.center.id,
            "date": datetime.datetime(2026, 3, 6, 8, 0),
            "attendance_ids": [(0, 0, {"employee_id": cls.emp_a.id, "state": "absent"}),
                               (0, 0, {"employee_id": cls.emp_b.id, "state": "present"}),
                               (0, 0, {"employee_id": cls.emp_c.id, "state": "excused"})]})
        training.action_done()
        # commendation of A (and the window), a manual deduction of A, a substantiated complaint against A
        commendation = cls.env["gov.assessment.commendation"].create({
            "name": "群众来信表扬王芳耐心细致", "company_id": cls.center.id, "date": d(2026, 3, 18),
            "kind": "letter", "employee_id": cls.emp_a.id, "window_id": cls.window.id})
        commendation.action_confirm()
        cls.env["gov.assessment.event"].create({
            "name": "一次性告知不到位", "company_id": cls.center.id, "date": d(2026, 3, 19), "target": "staff",
            "employee_id": cls.emp_a.id, "item_id": cls.items["S06"].id, "source": "manual"})
        cls.substantiated_complaint(cls.emp_a, cls.window, d(2026, 3, 25))
        return cases_a, cases_c

    @classmethod
    def march(cls):
        return cls.env["gov.assessment.month"].create({"company_id": cls.center.id, "date_from": MARCH})

    @classmethod
    def computed_march(cls):
        """The month of ``generate_march`` (generated here), computed."""
        cls.generate_march()
        month = cls.march()
        month.action_compute()
        return month

    @classmethod
    def approved_march(cls):
        """The month of ``generate_march`` (generated here), computed, submitted and approved by the leader."""
        month = cls.computed_march()
        month.action_submit()
        month.with_user(cls.leader).action_approve()
        return month

    @staticmethod
    def today():
        return fields.Date.today()
