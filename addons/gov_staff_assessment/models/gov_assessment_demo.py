"""Demo data of the assessment (demo only): a 2026 scheme for 上饶市行政服务中心 (seed 000), staff posted to
its windows, inspection rounds, the weekly Friday training (seed 004), commendations, a fault
accountability record, last month's assessment approved and published, this month's computed with a
pending appeal, and the yearly assessment in review."""
import datetime

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

DEMO_STAFF = [
    # name, window xmlid (gov_hall_base), department xmlid
    ("刘建华", "window_sr_02", "dept_sr_02"),
    ("陈丽", "window_sr_03", "dept_sr_03"),
    ("杨波", "window_sr_04", "dept_sr_04"),
    ("赵敏", "window_sr_05", "dept_sr_05"),
    ("孙伟", "window_sr_06", "dept_sr_06"),
    ("徐静", "window_sr_07", "dept_sr_07"),
    ("马超", "window_sr_08", "dept_sr_08"),
    ("胡蓉", "window_sr_09", "dept_sr_09"),
    ("郭峰", "window_sr_10", "dept_sr_10"),
    ("何婷", "window_sr_11", "dept_sr_11"),
]


class GovAssessmentEngine(models.AbstractModel):
    _inherit = "gov.assessment.engine"

    @api.model
    def _demo_load(self):
        ref = self.env.ref
        env = self.with_context(tracking_disable=True, mail_notrack=True).env
        center = ref("base.main_company")
        today = fields.Date.context_today(self)
        this_month = today.replace(day=1)
        last_month = this_month - relativedelta(months=1)

        # the head of 人社局 sees the scores of the department's staff
        ref("gov_hall_base.dept_sr_01").manager_id = ref("gov_hall_base.employee_chief")
        employees = env["hr.employee"]
        for name, window_xmlid, dept_xmlid in DEMO_STAFF:
            dept = ref(f"gov_hall_base.{dept_xmlid}")
            emp = env["hr.employee"].create({"name": name, "company_id": center.id, "department_id": dept.id})
            env["gov.hall.posting"].create({
                "employee_id": emp.id, "window_id": ref(f"gov_hall_base.{window_xmlid}").id,
                "department_id": dept.id, "date_start": today.replace(month=1, day=1)})
            employees |= emp

        scheme = env["gov.assessment.scheme"].create({
            "name": "上饶市行政服务中心%s年度窗口及工作人员绩效考核方案" % today.year,
            "company_id": center.id,
            "date_from": today.replace(month=1, day=1), "date_to": today.replace(month=12, day=31),
            "note": "<p>参照《梅县区行政服务中心窗口及工作人员绩效考核实施细则(试行)》:窗口考核体制机制改革、"
                    "网上办事大厅建设和应用、服务效能、规范运行、窗口建设;工作人员考核岗位表现、业务技能、工作效率、"
                    "服务质量、依法行政以及评优评先。管理人员每天四次动态督察各窗口工作人员在岗情况,"
                    "电子评价器满意度测评结果直接影响月度红旗窗口、月度服务明星的评比。</p>",
        })
        scheme.action_load_standard_items()
        # the demo hall has almost no evaluator ratings yet: honours by score and complaints only
        scheme.write({"star_min_satisfaction": 0.0, "red_flag_min_satisfaction": 0.0})
        scheme.action_activate()

        # the district center of 涵江 uses the same rules (multi-company)
        hanjiang = ref("gov_hall_base.company_hanjiang")
        scheme.copy({"name": "涵江区行政服务中心%s年度窗口及工作人员绩效考核方案" % today.year,
                     "company_id": hanjiang.id}).action_activate()

        supervisor = ref("gov_hall_base.user_supervisor")
        wang_fang = ref("gov_hall_base.employee_clerk")
        huang_min = ref("gov_hall_base.employee_reviewer_amr")
        wu_ting = ref("gov_hall_base.employee_clerk2")
        Inspection = env["gov.assessment.inspection"].with_user(supervisor)

        def inspect(day, findings):
            rounds = Inspection.plan_day(center, day)
            for rnd in rounds:
                for line in rnd.line_ids:
                    key = (rnd.round_no, line.employee_id.name)
                    if key in findings:
                        line.write(findings[key])
                rnd.action_mark_all_ok()
                rnd.write({"inspector_id": supervisor.id})
                rnd.action_done()
            return rounds

        def working_day(start, n=0):
            day = start
            calendar = env["gov.hall.calendar"]
            while not calendar.is_working_day(day):
                day += relativedelta(days=1)
            return calendar.add_working_days(day, n) if n else day

        # last month: three days of rounds, trainings, commendations, an accountability record
        d1 = working_day(last_month + relativedelta(days=9))
        inspect(d1, {(2, "杨波"): {"discipline": False, "note": "与邻座窗口人员聊天"},
                     (3, "赵敏"): {"on_post": False, "note": "离岗未挂暂停服务牌"}})
        d2 = working_day(d1, 1)
        inspect(d2, {(1, "吴婷"): {"badge": False, "note": "未佩戴工作牌"},
                     (4, "孙伟"): {"uniform": False}})
        d3 = working_day(d2, 1)
        inspect(d3, {(2, "陈丽"): {"etiquette": False, "note": "未做到“来有迎声、问有答声、去有送声”"}})
        trainings = env["gov.assessment.training"].plan_fridays(center, last_month)
        topics = ["传达学习上级文件精神:一次性告知制度", "商事登记制度改革业务培训", "文明礼仪与“三声”服务培训",
                  "通报中心运行情况和存在问题", "网上办事大厅操作培训"]
        for session, topic in zip(trainings, topics):
            session.write({"name": topic, "trainer": "中心管理办"})
            absent = session.attendance_ids.filtered(lambda a: a.employee_id.name == "郭峰")
            absent.state = "absent"
            session.action_done()
        env["gov.assessment.commendation"].create([
            {"name": "群众赠送锦旗“热情服务 高效便民”", "company_id": center.id, "kind": "banner",
             "date": d2, "employee_id": wang_fang.id, "window_id": ref("gov_hall_base.window_sr_01").id,
             "giver": "上饶市信江餐饮管理有限公司"},
            {"name": "感谢信:市场监管局窗口帮办个体工商户登记", "company_id": center.id, "kind": "letter",
             "date": d3, "employee_id": huang_min.id, "window_id": ref("gov_hall_base.window_sr_08").id,
             "giver": "周建国"},
        ]).action_confirm()
        env["gov.assessment.event"].create({
            "name": "被评为市级“巾帼文明岗”", "company_id": center.id, "date": d3, "target": "staff",
            "employee_id": huang_min.id, "item_id": scheme.item_ids.filtered(lambda i: i.code == "S17").id,
            "source": "manual"})
        env["gov.assessment.accountability"].create({
            "company_id": center.id, "date": d3, "origin": "case", "origin_ref": "SR-2026-000318",
            "fault_type": "negligent", "fault_form": "omission", "fault_holder": "handler",
            "employee_id": wu_ting.id, "window_id": ref("gov_hall_base.window_sr_04").id,
            "department_id": wu_ting.department_id.id, "measure": "education",
            "facts": "受理时未一次性告知需补正的全部材料,申请人往返两次。",
            "measure_note": "批评教育,在每周五学习培训上作检查。",
        }).action_confirm()
        month = env["gov.assessment.month"].create({
            "company_id": center.id, "date_from": last_month,
            "circular": "<p>根据中心窗口及工作人员绩效考核方案,经日常巡查、电子评价器满意度测评、投诉核查和"
                        "考核组评议,现将%s年%s月考核结果通报如下。</p>" % (last_month.year, last_month.month)})
        month.action_compute()
        month.action_submit()
        month.with_user(ref("base.user_admin")).action_approve()
        month.action_publish()

        # this month: a round with a finding appealed by 王芳, computed and waiting
        day = working_day(this_month + relativedelta(days=2))
        if day < today:
            inspect(day, {(1, "王芳"): {"badge": False, "note": "未佩戴工作牌"}})
            event = env["gov.assessment.event"].search([
                ("employee_id", "=", wang_fang.id), ("period", "=", this_month), ("source", "=", "inspection")],
                limit=1)
            if event:
                env["gov.assessment.appeal"].with_user(ref("gov_hall_base.user_clerk")).create({
                    "event_id": event.id, "reason": "当日工作牌已交中心管理办补办,有登记记录可查。"})
        current = env["gov.assessment.month"].create({"company_id": center.id, "date_from": this_month})
        current.action_compute()

        year = env["gov.assessment.year"].with_user(ref("gov_hall_base.user_assessor")).create(
            {"company_id": center.id, "year": today.year})
        year.action_compute()
        return True
