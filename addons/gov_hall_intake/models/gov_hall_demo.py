"""Demo cases, created through the real workflow by the demo users (see demo/gov_hall_intake_demo.xml)."""
import base64
from datetime import datetime, time, timedelta

from odoo import api, models

from odoo.addons.gov_hall_base.tools.dates import center_today, from_center
from odoo.addons.gov_hall_base.tools.protect import granted

# 1x1 PNG as a stand-in for a signature pad image
SIGNATURE = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100ffff03000006000557bfabd40000000049454e44ae426082"))


class GovHallCase(models.Model):
    _inherit = "gov.hall.case"

    @api.model
    def _demo_create_cases(self):
        ref = self.env.ref
        clerk, reviewer = ref("gov_hall_base.user_clerk"), ref("gov_hall_base.user_reviewer")
        chief, chief2 = ref("gov_hall_base.user_chief"), ref("gov_hall_base.user_chief_amr")
        window = ref("gov_hall_intake.window_sr_zh01")
        Partner = self.env["res.partner"]
        people = Partner.create([
            {"name": "周建国", "gov_id_type": "id_card", "gov_id_number": "361102198503120029", "phone": "13907930001",
             "street": "上饶市信州区五三大道88号", "city": "上饶市"},
            {"name": "吴秀兰", "gov_id_type": "id_card", "gov_id_number": "361102197906111034", "phone": "13907930002",
             "street": "上饶市信州区中山路12号", "city": "上饶市"},
            {"name": "郑小燕", "gov_id_type": "id_card", "gov_id_number": "361121199201052044", "phone": "13907930003"},
            {"name": "上饶市信江餐饮管理有限公司", "is_company": True, "gov_id_type": "uscc",
             "gov_id_number": "91361100MA35A1B2CY", "gov_legal_representative": "黄志明", "phone": "0793-8201234"},
        ])
        applicant_user = ref("gov_hall_base.user_applicant", raise_if_not_found=False)
        if applicant_user:
            applicant_user.partner_id.write({"gov_id_type": "id_card", "gov_id_number": "361102196809234054"})
            people |= applicant_user.partner_id
        Case = self.with_user(clerk).with_context(tracking_disable=True, mail_notrack=True)

        def new(item_xmlid, partner, received=True):
            item = ref(item_xmlid)
            return Case.create({"item_id": item.id, "applicant_id": partner.id, "window_id": window.id,
                                "company_id": window.company_id.id, "applicant_phone": partner.phone,
                                "gov_all_received": received})

        def backdate(case, days):
            """Pretend the case was accepted ``days`` working days ago (demo only)."""
            calendar = self.env["gov.hall.calendar"]
            start, count = center_today(case.company_id), 0
            while count < days:
                start -= timedelta(days=1)
                count += calendar.is_working_day(start)
            with granted(case, "gov.hall.case.task"):
                case.sudo().write({
                    "date_accepted": start, "deadline_start": start,
                    "date_received": from_center(datetime.combine(start, time(9, 30)), case.company_id)})
                case.task_ids.sudo().write({"deadline_start": start})

        # 1. 个体工商户设立登记, accepted 5 working days ago with a 3-day promise: overdue (red)
        c1 = new("gov_hall_intake.item_sr_getihu", people[0])
        c1.action_accept()
        backdate(c1, 5)
        # 2. 不动产登记: joint approval, land registry done, housing and tax still reviewing
        c2 = new("gov_hall_intake.item_sr_budongchan", people[1])
        c2.action_accept()
        backdate(c2, 4)
        # (the land registry has no reviewer in the demo: the hall administrator records its review)
        admin = ref("base.user_admin")
        c2.task_ids.filtered("is_lead").with_user(admin).action_done("approve", "权属清楚,同意登簿。")
        # 3. 社会保障卡申领: decided by the reviewer, mailed, rated very satisfied
        c3 = new("gov_hall_intake.item_sr_shebaoka", people[2])
        c3.action_accept()
        c3.task_ids.with_user(reviewer).action_done("approve", "参保信息核对无误。")
        c3.with_user(reviewer).action_decide("approved", "《中华人民共和国社会保险法》第五十八条")
        c3.action_deliver("mail", tracking="1180012345678", address="上饶市信州区中山路12号")
        c3.action_rate(5, "办事快,态度好。", channel="device")
        # 4. 城乡居民养老保险参保登记: instant, reviewed by the clerk, approved by the chief representative
        c4 = new("gov_hall_intake.item_sr_canbao", people[4] if len(people) > 4 else people[0])
        c4.action_accept()
        c4.action_window_review("approved", "身份信息核验通过。")
        c4.with_user(chief).action_decide("approved", "《中华人民共和国社会保险法》第二十条")
        c4.action_deliver("window", recipient=c4.applicant_id.name, signature=SIGNATURE)
        c4.action_rate(2, "排队时间太长,窗口人员解释不耐烦。", channel="web")
        # 5. 食品经营许可: incomplete, one-time notice
        c5 = new("gov_hall_intake.item_sr_shipin", people[3], received=False)
        c5.material_line_ids[:2].write({"received": True})
        c5.action_one_time_notice()
        # 6. refusal: 个体工商户设立登记 for a line of business that needs no registration here
        c6 = new("gov_hall_intake.item_sr_getihu", people[2])
        c6.action_refuse_intake(
            "申请事项为农村集体经济组织成员从事的家庭农业生产,依法不需要办理个体工商户登记。",
            "《中华人民共和国行政许可法》第三十二条第一款第(一)项;《促进个体经济发展条例》第二条")
        # 7. 食品经营许可 accepted with the management rules tolerated missing (容缺), clock paused for on-site check
        c7 = new("gov_hall_intake.item_sr_shipin", people[3])
        c7.material_line_ids.filtered("tolerable").received = False
        c7.write({"commitment": "本公司承诺于5个工作日内补交食品安全管理制度文本,逾期未补交的同意撤回申请。",
                  "commitment_date": self.env["gov.hall.calendar"].add_working_days(center_today(c7.company_id), 5)})
        c7.action_accept()
        # (the department of 食品经营许可 has no reviewer in the demo: the hall administrator pauses it)
        c7.with_user(admin).action_pause("test", "现场核查经营场所布局,等待检验检测结果。")
        # 8. 个体工商户设立登记 decided by the chief representative, electronic licence
        c8 = new("gov_hall_intake.item_sr_getihu", people[1])
        c8.action_accept()
        c8.task_ids.with_user(ref("gov_hall_base.user_reviewer_amr")).action_done("approve", "材料齐全,符合登记条件。")
        c8.with_user(chief2).action_decide("approved", "《中华人民共和国市场主体登记管理条例》第十九条")
        # 9. 个体工商户设立登记 reviewed by a reviewer beyond delegated authority: awaiting approval (tier review)
        reviewer_amr = ref("gov_hall_base.user_reviewer_amr")
        c9 = new("gov_hall_intake.item_sr_getihu", people[2])
        c9.action_accept()
        c9.task_ids.with_user(reviewer_amr).action_done("approve", "经营范围符合规定。")
        c9.with_user(reviewer_amr).action_escalate("approved", "《中华人民共和国市场主体登记管理条例》第十九条")
        self.env["gov.hall.case"].with_context(tracking_disable=True)._cron_supervision_scan()
        return True
