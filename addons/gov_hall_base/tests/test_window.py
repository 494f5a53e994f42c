from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import GovHallCase


@tagged("post_install", "-at_install")
class TestWindow(GovHallCase):
    def test_open_now_follows_hours_and_calendar(self):
        self.center.partner_id.tz = "Asia/Shanghai"
        w = self.window
        with freeze_time("2026-03-10 02:00:00"):  # Tuesday 10:00 in Shanghai
            w.invalidate_recordset(["is_open_now"])
            self.assertTrue(w.is_open_now)
            self.assertIn(w, self.env["gov.hall.window"].search([("is_open_now", "=", True)]))
        with freeze_time("2026-03-10 12:00:00"):  # 20:00
            w.invalidate_recordset(["is_open_now"])
            self.assertFalse(w.is_open_now)
        # National Day: closed; the Saturday worked in exchange: open
        self.assertFalse(w._is_open_at(datetime(2025, 10, 2, 10, 0)))
        self.assertTrue(w._is_open_at(datetime(2025, 10, 11, 10, 0)))

    def test_rotating_and_seasonal(self):
        with self.assertRaisesRegex(ValidationError, "needs a timetable"):
            self.env["gov.hall.window"].create({"name": "轮值", "code": "R1", "kind": "rotating",
                                                "company_id": self.center.id})
        rot = self.env["gov.hall.window"].create({
            "name": "气象局轮值窗口", "code": "R1", "kind": "rotating", "company_id": self.center.id,
            "slot_ids": [(0, 0, {"weekday": "1", "hour_from": 9.0, "hour_to": 12.0})]})
        self.assertTrue(rot._is_open_at(datetime(2026, 3, 10, 10, 0)))   # Tuesday morning
        self.assertFalse(rot._is_open_at(datetime(2026, 3, 10, 15, 0)))  # Tuesday afternoon
        self.assertFalse(rot._is_open_at(datetime(2026, 3, 11, 10, 0)))  # Wednesday
        with self.assertRaisesRegex(ValidationError, "needs the dates"):
            self.env["gov.hall.window"].create({"name": "财政局", "code": "S1", "kind": "seasonal",
                                                "company_id": self.center.id})
        with self.assertRaisesRegex(ValidationError, "ends before"):
            self.env["gov.hall.window"].create({"name": "财政局", "code": "S1", "kind": "seasonal",
                                                "company_id": self.center.id, "season_start": date(2026, 6, 1),
                                                "season_end": date(2026, 3, 1)})
        sea = self.env["gov.hall.window"].create({"name": "财政局", "code": "S1", "kind": "seasonal",
                                                  "company_id": self.center.id, "season_start": date(2026, 3, 1),
                                                  "season_end": date(2026, 6, 30)})
        self.assertTrue(sea._is_open_at(datetime(2026, 3, 10, 10, 0)))
        self.assertFalse(sea._is_open_at(datetime(2026, 7, 7, 10, 0)))

    def test_zone_figures_and_uniqueness(self):
        self.assertEqual(self.zone.expected_volume_per_clerk, 7750)
        self.assertEqual(self.zone.window_count, 1)
        self.assertEqual(self.center.gov_window_count, 2)
        # a zone, a department, a window head of another center: Odoo's company check refuses them
        zone2 = self.env["gov.hall.zone"].create({"name": "z", "company_id": self.center2.id})
        Window = self.env["gov.hall.window"]
        head2 = self.env["hr.employee"].create({"name": "区窗口负责人", "company_id": self.center2.id})
        for vals in ({"zone_id": zone2.id}, {"department_ids": [(6, 0, self.dept2.ids)]},
                     {"head_employee_id": head2.id}):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                Window.create({"name": "x", "code": "W9", "company_id": self.center.id, **vals})
        with self.assertRaises(UserError):
            self.window.zone_id = zone2
        with self.assertRaises(UserError):
            self.zone.department_ids = [(4, self.dept2.id)]
        with self.assertRaises(UserError):
            self.window.slot_ids = [(0, 0, {"weekday": "0", "department_id": self.dept2.id})]
        self.assertEqual(self.window.zone_id, self.zone)

    def test_company_consistency(self):
        """The suite's company check (models/base.py compares the ids of a many2one's company) refuses what
        Odoo's refuses, with Odoo's message, and lets through what it lets through."""
        zone2 = self.env["gov.hall.zone"].create({"name": "区综合受理区", "code": "Z9", "company_id": self.center2.id})
        Window = self.env["gov.hall.window"]
        with self.assertRaisesRegex(UserError, "company inconsistencies"):
            Window.create({"name": "跨中心窗口", "code": "X1", "company_id": self.center.id, "kind": "comprehensive",
                           "zone_id": zone2.id})
        with self.assertRaisesRegex(UserError, "company inconsistencies"):
            self.window.write({"zone_id": zone2.id})
        with self.assertRaisesRegex(UserError, "company inconsistencies"):   # a many2many: Odoo's own check
            self.window.write({"department_ids": [(4, self.dept2.id)]})
        self.assertEqual(self.window.zone_id, self.zone)
        self.assertNotIn(self.dept2, self.window.department_ids)
        moved = Window.create({"name": "区窗口", "code": "X2", "company_id": self.center2.id, "kind": "comprehensive",
                               "zone_id": zone2.id})
        self.assertEqual(moved.zone_id, zone2)
