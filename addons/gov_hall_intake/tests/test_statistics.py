import datetime
import importlib.util
import io
import os

from odoo.tests import tagged

from odoo.addons.gov_hall_base.tools.dates import center_today

from .common import GovIntakeCase


@tagged("post_install", "-at_install")
class TestStatistics(GovIntakeCase):

    def test_meixian_half_year(self):
        """Seed 004: 247,500 cases received in six months, 243,000 completed on time, rate 98.3%.
        The generated half year has 247,200 completed cases (300 still open) of which 243,000 on time."""
        self.env.flush_all()
        cr = self.env.cr
        cr.execute("""
            INSERT INTO gov_hall_case (name, company_id, item_id, item_family_id, department_id, window_id,
                                       zone_id, clerk_id, applicant_id, state, date_received, date_accepted,
                                       date_decided, deadline_start, deadline_days, deadline, on_time, is_overdue,
                                       intake_channel, case_type, working_days_used, rating_value,
                                       handled_at_window, create_uid, write_uid, create_date, write_date,
                                       date_received_day)
            SELECT 'MX' || g, %(company)s, %(item)s, %(item)s, %(dept)s, %(window)s, %(zone)s, %(clerk)s,
                   %(partner)s,
                   CASE WHEN g <= 300 THEN 'accepted' ELSE 'delivered' END,
                   timestamp '2014-01-02 09:00' + ((g %% 180) || ' days')::interval,
                   date '2014-01-02' + (g %% 180),
                   CASE WHEN g > 300 THEN date '2014-01-02' + (g %% 180) + 3 END,
                   date '2014-01-02' + (g %% 180), 10, date '2014-01-02' + (g %% 180) + 14,
                   g > 300 + 4200, g > 300 AND g <= 4500, 'window', 'promised', 3,
                   CASE WHEN g %% 10 = 0 THEN 5 WHEN g %% 97 = 0 THEN 2 ELSE 0 END,
                   g %% 4 = 0, 1, 1, now(), now(),
                   date '2014-01-02' + (g %% 180)
              FROM generate_series(1, 247500) g
        """, {"company": self.center.id, "item": self.item.id, "dept": self.dept.id, "window": self.window_zh.id,
              "zone": self.zone.id, "clerk": self.clerk.id, "partner": self.citizen.id})
        Report = self.env["gov.hall.case.report"]
        domain = [("company_id", "=", self.center.id), ("date_received", ">=", "2014-01-01"),
                  ("date_received", "<=", "2014-06-30")]
        [total] = Report._statistics(domain, [])
        self.assertEqual(total["received"], 247500)
        self.assertEqual(total["completed"], 247200)
        self.assertEqual(total["on_time"], 243000)
        self.assertEqual(total["on_time_rate"], 98.3)
        self.assertEqual(total["working_days"], 3.0)
        self.assertGreater(total["rated"], 0)
        by_month = Report._statistics(domain, ["date_received:month"])
        self.assertEqual(len(by_month), 6)
        self.assertEqual(sum(r["received"] for r in by_month), 247500)
        # per-clerk yearly volume: one clerk did all the 247,500, far above the 6,000 target
        [clerk] = Report._statistics(domain, ["clerk_id"])
        self.assertEqual((clerk["clerk_id"], clerk["received"]), (self.clerk, 247500))
        # share handled at the window (受办理一体化): a quarter of the completed cases
        self.assertAlmostEqual(total["window_share"], 25.0, delta=0.1)
        # the pivot's on-time rate (avg of per-case 100/0, NULL when not completed) gives the same figure
        [(rate,)] = Report._read_group(domain, [], ["on_time_rate:avg"])
        self.assertAlmostEqual(rate, 98.30, places=2)
        # the planner knows how many department x month groups there are (extended statistics): it hashes
        # the cases instead of sorting them all for an estimated group per day
        cr.execute("ANALYZE gov_hall_case")
        cr.execute("""EXPLAIN (FORMAT JSON) SELECT department_id, date_trunc('month', date_received::timestamp)::date,
                             SUM(received) FROM gov_hall_case_report WHERE company_id = %s GROUP BY 1, 2""",
                   [self.center.id])
        plan = cr.fetchone()[0][0]["Plan"]
        while plan["Node Type"] != "Aggregate":
            plan = plan["Plans"][0]
        self.assertLessEqual(plan["Plan Rows"], 60, "6 months of one department, estimated as %s groups"
                             % plan["Plan Rows"])

    def test_xlsx_export(self):
        import openpyxl

        self.center.partner_id.lang = "zh_CN"   # the sheets are named in the center's language

        case = self.decided_case()
        case.action_rate(4)
        self.accepted_case(self.item_joint)
        wizard = self.env["gov.hall.statistics.wizard"].with_user(self.supervisor).create({})
        # the days of the center: a case received after 16:00 UTC counts on the next day in Beijing
        self.assertEqual(wizard.date_to, center_today(self.center))
        action = wizard.action_export()
        self.assertEqual(action["report_type"], "xlsx")
        content, ext = self.env["ir.actions.report"].with_user(self.supervisor).with_context(lang="zh_CN")._render(
            "gov_hall_intake.case_statistics_xlsx", wizard.ids, data={})
        self.assertEqual(ext, "xlsx")
        book = openpyxl.load_workbook(io.BytesIO(content))
        self.assertIn("汇总", book.sheetnames)
        self.assertIn("人均受理量", book.sheetnames)
        summary = book["汇总"]
        headers = [c.value for c in summary[4]]
        row = dict(zip(headers, [c.value for c in summary[5]]))
        self.assertEqual(row["收件数"], 2)
        self.assertEqual(row["办结数"], 1)
        self.assertEqual(row["按时办结率(%)"], 100.0)
        self.assertEqual(row["满意率(%)"], 100.0)
        dept_sheet = book["部门"]
        self.assertEqual(dept_sheet.cell(5, 1).value, self.dept.display_name)

    def test_reviewer_statistics_own_department(self):
        self.accepted_case()
        self.accepted_case(self.item_joint)
        self.env.flush_all()
        Report = self.env["gov.hall.case.report"]
        self.assertEqual(Report.with_user(self.reviewer_b).search_count([("company_id", "=", self.center.id)]), 0)
        self.assertEqual(Report.with_user(self.reviewer).search_count([("company_id", "=", self.center.id)]), 2)

    def test_day_received_at_the_date_flip(self):
        """The statistics count a case on the center's day: 17:30 UTC on 31 March is 1 April in Beijing (another
        month); 15:30 UTC is still 31 March. The stored day follows the ORM and the upgrade's UPDATE alike."""
        late = self.new_case()
        late.date_received = "2025-03-31 17:30:00"
        early = self.new_case()
        early.date_received = "2025-03-31 15:30:00"
        (late | early).action_accept()
        self.assertEqual(late.date_received_day, datetime.date(2025, 4, 1))
        self.assertEqual(early.date_received_day, datetime.date(2025, 3, 31))
        Report = self.env["gov.hall.case.report"]
        domain = [("company_id", "=", self.center.id), ("date_received", ">=", "2025-03-01"),
                  ("date_received", "<=", "2025-04-30")]
        by_month = {row["date_received:month"]: row["received"]
                    for row in Report._statistics(domain, ["date_received:month"])}
        self.assertEqual(by_month, {datetime.date(2025, 3, 1): 1, datetime.date(2025, 4, 1): 1})
        # the upgrade to 19.0.1.3.0 fills the column of existing cases in one UPDATE: the same days
        self.env.flush_all()
        self.env.cr.execute("UPDATE gov_hall_case SET date_received_day = NULL WHERE id IN %s", [(late | early)._ids])
        path = os.path.join(os.path.dirname(__file__), "..", "migrations", "19.0.1.3.0", "pre-migrate.py")
        spec = importlib.util.spec_from_file_location("gov_hall_intake_pre_migrate_19_0_1_3_0", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "19.0.1.2.0")
        (late | early).invalidate_recordset(["date_received_day"])
        self.assertEqual(late.date_received_day, datetime.date(2025, 4, 1))
        self.assertEqual(early.date_received_day, datetime.date(2025, 3, 31))
