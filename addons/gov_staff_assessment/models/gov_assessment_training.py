"""Training sessions (学习培训): seed 004's weekly Friday training, with attendance.

An unexcused absence from a completed session is a scored event (rule ``training``).
"""
import datetime

from dateutil.relativedelta import FR, relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.gov_hall_base.tools.dates import center_date, from_center
from odoo.addons.gov_hall_base.tools.lang import center_env
from odoo.addons.gov_hall_base.tools.protect import protected_action

from ..tools import is_activity_officer, unlocked

from .gov_assessment_engine import month_bounds


class GovAssessmentTraining(models.Model):
    _name = "gov.assessment.training"
    _description = "Training Session"
    _inherit = ["mail.thread", "mail.activity.mixin", "gov.hall.protected.mixin"]
    _order = "date desc, id desc"
    # the day and the center (what an absence is charged on) are the form's while the session is planned
    _protected_fields = ("state",)

    name = fields.Char("Topic", required=True, tracking=True)
    company_id = fields.Many2one("res.company", "Center", required=True, index=True,
                                 default=lambda self: self.env.company)
    date = fields.Datetime("Starts", required=True, tracking=True)
    date_local = fields.Date("Day", compute="_compute_date_local", store=True, index=True)
    duration = fields.Float("Duration (hours)", default=1.5)
    kind = fields.Selection(
        [("policy", "Policies and documents"), ("business", "Business skills"),
         ("etiquette", "Etiquette training"), ("briefing", "Operations briefing")],
        default="business", required=True)
    trainer = fields.Char()
    location = fields.Char(default=lambda self: center_env(self).env._("Meeting room of the center"))
    content = fields.Html()
    state = fields.Selection([("planned", "Planned"), ("done", "Held"), ("cancel", "Cancelled")],
                             default="planned", required=True, tracking=True, index=True, copy=False)
    attendance_ids = fields.One2many("gov.assessment.training.attendance", "training_id", string="Attendees")
    attendee_count = fields.Integer(compute="_compute_attendance", string="Number of Attendees")
    absent_count = fields.Integer(compute="_compute_attendance", string="Absent")

    _duration_positive = models.Constraint("CHECK(duration > 0)", "A training session lasts some time.")

    @api.depends("date", "company_id")
    def _compute_date_local(self):
        for session in self:
            session.date_local = center_date(session.date, session.company_id) or False

    @api.depends("attendance_ids.state")
    def _compute_attendance(self):
        for session in self:
            session.attendee_count = len(session.attendance_ids)
            session.absent_count = len(session.attendance_ids.filtered(lambda a: a.state == "absent"))

    @api.model
    def _staff_on_post(self, company, day):
        return self.env["gov.hall.posting"].search([
            ("company_id", "=", company.id), ("state", "=", "active"), ("date_start", "<=", day),
        ]).employee_id

    def action_load_attendees(self):
        for session in self:
            if session.state != "planned":
                raise UserError(self.env._("Attendees are loaded before the session is held."))
            present = session.attendance_ids.employee_id
            staff = self._staff_on_post(session.company_id, session.date_local) - present
            session.attendance_ids = [fields.Command.create({"employee_id": e.id}) for e in staff]
        return True

    def write(self, vals):
        if {"date", "company_id"} & set(vals) and not unlocked(self) and any(s.state != "planned" for s in self):
            raise UserError(self.env._("The day and the center of a training session are fixed once it is held "
                                       "or cancelled."))
        return super().write(vals)

    def unlink(self):
        if any(s.state == "done" for s in self):
            raise UserError(self.env._("A held training session cannot be deleted: cancel it."))
        return super().unlink()

    def _check_organiser(self):
        if not is_activity_officer(self.env):
            raise AccessError(self.env._(
                "Only the supervision office or an HR assessor closes or cancels training sessions."))

    @protected_action()
    def action_done(self):
        self._check_organiser()
        for session in self:
            if session.state != "planned":
                raise UserError(self.env._("Only a planned session can be marked as held."))
            if not session.attendance_ids:
                raise UserError(self.env._("Record the attendance of %(name)s first.", name=session.name))
        self.write({"state": "done"})
        engine = self.env["gov.assessment.engine"].sudo()
        for company, day in {(s.company_id, s.date_local) for s in self}:
            engine.sync_events(company, day, day, sources=["training"])
        return True

    @protected_action()
    def action_cancel(self):
        self._check_organiser()
        if any(s.state == "cancel" for s in self):
            raise UserError(self.env._("This training session is already cancelled."))
        was_done = self.filtered(lambda s: s.state == "done")
        self.write({"state": "cancel"})
        engine = self.env["gov.assessment.engine"].sudo()
        for company, day in {(s.company_id, s.date_local) for s in was_done}:
            engine.sync_events(company, day, day, sources=["training"])
        return True

    @api.private
    @api.model
    def plan_fridays(self, company, month_day, hour=16.0):
        """Plan the weekly Friday training (每周五学习培训, seed 004) of the month of ``month_day``: one
        session each Friday that is a working day, with the staff on post as attendees."""
        first, last = month_bounds(fields.Date.to_date(month_day))
        calendar = self.env["gov.hall.calendar"]
        existing = set(self.search([("company_id", "=", company.id), ("date_local", ">=", first),
                                    ("date_local", "<=", last)]).mapped("date_local"))
        vals = []
        day = first + relativedelta(weekday=FR)
        while day <= last:
            if calendar.is_working_day(day) and day not in existing:
                local = datetime.datetime.combine(day, datetime.time(int(hour), int((hour % 1) * 60)))
                staff = self._staff_on_post(company, day)
                vals.append({
                    "name": center_env(self, company).env._("Weekly training %(date)s", date=day),
                    "company_id": company.id,
                    "date": from_center(local, company),
                    "kind": "business",
                    "attendance_ids": [fields.Command.create({"employee_id": e.id}) for e in staff],
                })
            day += relativedelta(weeks=1)
        return self.create(vals)


class GovAssessmentTrainingAttendance(models.Model):
    _name = "gov.assessment.training.attendance"
    _description = "Training Attendance"
    _check_company_auto = True
    _order = "training_id desc, employee_id"

    training_id = fields.Many2one("gov.assessment.training", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="training_id.company_id", store=True, index=True, string="Center")
    date = fields.Date(related="training_id.date_local", store=True, string="Day")
    employee_id = fields.Many2one("hr.employee", "Staff Member", required=True, index=True, check_company=True)
    department_id = fields.Many2one(related="employee_id.department_id", store=True, index=True)
    state = fields.Selection(
        [("present", "Present"), ("late", "Late"), ("excused", "Excused (leave approved)"), ("absent", "Absent")],
        default="present", required=True)
    note = fields.Char()

    _attendee_uniq = models.Constraint("unique(training_id, employee_id)",
                                       "This staff member is already on the attendance list.")

    # The attendance is the form's while the session is planned; held, it is what the absences are computed
    # from. No superuser mode or context key opens it (only module data loading does).
    def _check_session_open(self, sessions):
        if self.pool.ready and any(s.state != "planned" for s in sessions.sudo()):
            raise UserError(self.env._("The session is closed: its attendance can no longer change."))

    def write(self, vals):
        self._check_session_open(self.training_id)
        if vals.get("training_id"):
            self._check_session_open(self.training_id.browse(vals["training_id"]))
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self._check_session_open(records.training_id)
        return records

    def unlink(self):
        if self.pool.ready and any(s.state == "done" for s in self.training_id.sudo()):
            raise UserError(self.env._("The session is closed: its attendance can no longer change."))
        return super().unlink()
