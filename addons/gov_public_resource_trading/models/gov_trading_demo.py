import datetime

from odoo import api, fields, models

from odoo.addons.gov_hall_base.tools.dates import center_today
from odoo.addons.gov_hall_base.tools.protect import protected_action


class GovTradingProjectDemo(models.Model):
    _inherit = "gov.trading.project"

    @api.model
    @protected_action("gov.trading.lot")
    def _demo_half_year_history(self, sessions=265, total=2_805_000_000, months=6):
        """Demo statistics after seed 004 (梅县区, 2014 上半年): 265 sessions of construction tenders and land
        transactions worth 2.805 billion yuan in half a year, spread over the last ``months`` months."""
        import random

        rng = random.Random(2014)
        weights = [rng.uniform(0.2, 3.0) for _ in range(sessions)]
        scale = total / sum(weights)
        amounts = [round(w * scale, -3) for w in weights]
        amounts[-1] += total - sum(amounts)
        today = center_today(self.env.company)
        calendar = self.env["gov.hall.calendar"]
        tenderer = self.env["res.partner"].create({"name": "梅县区公共资源交易中心（历史项目）", "is_company": True})
        names = ["道路硬底化工程", "农村饮水安全工程", "中小学校舍改造工程", "河道整治工程", "国有建设用地使用权挂牌出让",
                 "安置房建设工程", "办公设备采购", "污水管网工程"]
        projects = []
        for i, amount in enumerate(amounts):
            kind_i = i % 8
            kind, method = ("land", "listing") if kind_i == 4 else \
                ("procurement", "open") if kind_i == 6 else ("construction", "open")
            day = today - datetime.timedelta(days=rng.randint(40, months * 30))
            award = amount
            estimate = round(award / rng.uniform(0.88, 0.99), -3) if kind != "land" else round(award * 0.8, -3)
            projects.append({
                "name": f"梅县区{names[kind_i]}（第{i + 1}场）", "kind": kind, "method": method,
                "procurement_category": "goods" if kind == "procurement" else False,
                "tenderer_id": tenderer.id, "estimate_amount": estimate, "date_registered": day, "state": "done",
                "lot_ids": [fields.Command.create({
                    "name": "标段一", "estimate_amount": estimate, "state": "contracted", "award_amount": award,
                    "date_sale_start": datetime.datetime.combine(day, datetime.time(1, 0)),
                    "date_sale_end": datetime.datetime.combine(calendar.add_working_days(day, 6), datetime.time(9, 0)),
                    "date_bid_deadline": datetime.datetime.combine(day + datetime.timedelta(days=21),
                                                                   datetime.time(1, 30)),
                    "date_award": day + datetime.timedelta(days=25),
                    "date_contract": day + datetime.timedelta(days=35),
                })],
            })
        return self.create(projects)
