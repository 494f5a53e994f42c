"""Scored events (考核记分).

An event is one occurrence of a scheme item for a staff member or a window in a month. Automatic
events carry a ``key`` (rule, source record, target) unique per center: recomputing a period
upserts on that key, so an event is never counted twice. Manual events are entered by assessors.
"""
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.gov_hall_base.tools.dates import center_date, center_today
from odoo.addons.gov_hall_base.tools.protect import is_granted

from .gov_assessment_dimension import TARGETS
from .gov_assessment_item import SOURCES

EVENT_SOURCES = [("manual", "Assessor")] + SOURCES


class GovAssessmentEvent(models.Model):
    _name = "gov.assessment.event"
    _description = "Assessment Event"
    _inherit = ["gov.hall.protected.mixin", "gov.assessment.company.mixin"]
    _order = "date desc, id desc"
    # the state changes only through the appeals; the rules engine writes the automatic events in SQL.
    # Automatic events are not edited at all (see write).
    _protected_fields = ("state", "points", "key", "source", "res_model", "res_id", "locked")

    name = fields.Char("Description", required=True)
    company_id = fields.Many2one("res.company", "Center", required=True, index=True,
                                 default=lambda self: self.env.company)
    date = fields.Date(required=True, index=True, default=fields.Date.context_today)
    period = fields.Date("Month", compute="_compute_period", store=True, index=True)
    target = fields.Selection(TARGETS, required=True, default="staff", index=True)
    employee_id = fields.Many2one("hr.employee", "Staff Member", index=True, check_company=True)
    window_id = fields.Many2one("gov.hall.window", "Window", index=True, check_company=True)
    department_id = fields.Many2one("hr.department", "Department", index=True, check_company=True,
                                    help="The staff member's home department, or the department of the window.")
    item_id = fields.Many2one("gov.assessment.item", "Item", required=True, ondelete="restrict", index=True,
                              check_company=True)
    dimension_id = fields.Many2one("gov.assessment.dimension", "Dimension", index=True,
                                   compute="_compute_from_item", store=True)
    scheme_id = fields.Many2one(related="item_id.scheme_id", string="Scheme")
    source = fields.Selection(EVENT_SOURCES, required=True, default="manual", index=True)
    res_model = fields.Char("Source Model", readonly=True)
    res_id = fields.Many2oneReference("Source Record", model_field="res_model", readonly=True)
    source_ref = fields.Reference(selection="_selection_source_ref", compute="_compute_source_ref",
                                  string="Source Document")
    quantity = fields.Float("Occurrences", default=1.0, required=True)
    points = fields.Float(compute="_compute_points", store=True, readonly=True,
                          help="Signed points: negative for a deduction, positive for an addition.")
    key = fields.Char("Uniqueness Key", readonly=True, copy=False,
                      help="Automatic events: rule, source record and target. Recomputing a period upserts on it.")
    state = fields.Selection(
        [("valid", "Counted"), ("appealed", "Under Appeal"), ("cancelled", "Cancelled on Appeal")],
        default="valid", required=True, index=True,
    )
    appeal_ids = fields.One2many("gov.assessment.appeal", "event_id", string="Appeals")
    can_appeal = fields.Boolean(compute="_compute_can_appeal")
    appeal_deadline = fields.Date(compute="_compute_appeal_deadline", string="Appeal Until",
                                  help="Last day to appeal the event (the center's appeal period after it was "
                                       "recorded).")
    locked = fields.Boolean(compute="_compute_locked", help="The month of the event is approved.")
    note = fields.Text()

    _key_uniq = models.Constraint("unique(company_id, key)", "This event is already recorded.")
    _quantity_positive = models.Constraint("CHECK(quantity > 0)", "The number of occurrences must be positive.")
    _subject_idx = models.Index("(company_id, period, target, state)")

    @api.depends("date")
    def _compute_period(self):
        for event in self:
            event.period = event.date and event.date.replace(day=1)

    @api.depends("item_id")
    def _compute_from_item(self):
        for event in self:
            event.dimension_id = event.item_id.dimension_id

    @api.depends("item_id.kind", "item_id.points", "quantity")
    def _compute_points(self):
        for event in self:
            sign = -1 if event.item_id.kind == "deduction" else 1
            event.points = sign * event.item_id.points * event.quantity

    @api.model
    def _selection_source_ref(self):
        return [(m.model, m.name) for m in self.env["ir.model"].sudo().search([
            ("model", "in", ["gov.assessment.inspection.line", "gov.assessment.training.attendance",
                             "gov.assessment.commendation", "gov.assessment.accountability", "gov.hall.case",
                             "gov.hall.case.task", "gov.hall.rating.review", "gov.complaint"])])]

    @api.depends("res_model", "res_id")
    def _compute_source_ref(self):
        valid = {m for m, _n in self._selection_source_ref()}
        for event in self:
            record = (self.env[event.res_model].browse(event.res_id).exists()
                      if event.res_model in valid and event.res_id else None)
            # a staff member may not read the complaint or case behind their event
            event.source_ref = f"{event.res_model},{event.res_id}" if record and record.has_access("read") else False

    def _compute_locked(self):
        locked = self.env["gov.assessment.month"]._locked_periods(self.company_id)
        for event in self:
            event.locked = (event.company_id.id, event.period) in locked

    @api.depends("create_date", "company_id.gov_appeal_days")
    def _compute_appeal_deadline(self):
        calendar = self.env["gov.hall.calendar"]
        for event in self:
            days = event.company_id.gov_appeal_days
            if not days or not event.create_date:
                event.appeal_deadline = False
                continue
            # the day it was recorded at the center, whatever the time zone of the user looking at it
            recorded = center_date(event.create_date, event.company_id)
            event.appeal_deadline = calendar.add_working_days(recorded, days)

    @api.depends_context("uid")
    def _compute_can_appeal(self):
        for event in self:
            event.can_appeal = (event.state == "valid" and not event.appeal_ids and not event.locked
                                and event.target == "staff" and event.employee_id.user_id == self.env.user
                                and not (event.appeal_deadline
                                         and event.appeal_deadline < center_today(event.company_id)))

    @api.constrains("target", "employee_id", "window_id", "item_id", "company_id", "date", "source")
    def _check_subject(self):
        for event in self:
            if event.target == "staff" and not event.employee_id:
                raise ValidationError(self.env._("A staff event needs the staff member concerned."))
            if event.target == "window" and not event.window_id:
                raise ValidationError(self.env._("A window event needs the window concerned."))
            if event.item_id.target != event.target:
                raise ValidationError(self.env._(
                    "Item %(item)s does not score this target.", item=event.item_id.display_name))
            scheme = event.item_id.scheme_id
            # the item's center is the event's (check_company); its scheme must cover the day
            if not scheme.date_from <= event.date <= scheme.date_to:
                raise ValidationError(self.env._(
                    "Item %(item)s belongs to scheme %(scheme)s, which does not cover %(date)s in this center.",
                    item=event.item_id.display_name, scheme=scheme.name, date=event.date))
            if event.source == "manual" and event.item_id.mode != "manual":
                raise ValidationError(self.env._(
                    "Item %(item)s is fed automatically by its rule: it cannot be scored by hand.",
                    item=event.item_id.display_name))

    def _check_not_locked(self):
        if any(event.locked for event in self):
            raise UserError(self.env._(
                "The monthly assessment of this period is already approved: its events can no longer change."))

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        events._check_not_locked()
        for event in events:
            if not event.department_id:
                # the home department of the staff member (hr.employee's version is for HR officers)
                event.department_id = (event.sudo().employee_id.department_id if event.target == "staff"
                                       else event.window_id.department_ids[:1])
        return events

    def _gov_engine_open(self):
        """Inside an appeal decision or the rules (a grant), or while modules load their data."""
        return is_granted(self._name) or not self.pool.ready

    def write(self, vals):
        self._check_not_locked()
        if not self._gov_engine_open():
            if set(vals) - {"state", "note"} and any(e.source != "manual" for e in self):
                raise UserError(self.env._(
                    "Automatic events are kept by their rules and cannot be edited by hand."))
            if set(vals) - {"state", "note"} and any(e.state != "valid" for e in self):
                raise UserError(self.env._(
                    "An event under appeal or cancelled on appeal cannot be edited: the appeal decides."))
        res = super().write(vals)
        if "date" in vals:
            self._check_not_locked()
        return res

    def unlink(self):
        self._check_not_locked()
        if self.appeal_ids:
            raise UserError(self.env._("An event that was appealed cannot be deleted."))
        if any(e.source != "manual" for e in self) and not self._gov_engine_open():
            raise UserError(self.env._("Automatic events are kept by their rules: correct the source record "
                                       "(inspection, complaint, training...) instead."))
        return super().unlink()

    def _window_twins(self):
        """The window events born from the same source record as these staff events."""
        keys = [e.key[: -len("staff")] + "window" for e in self if e.key and e.key.endswith(":staff")]
        if not keys:
            return self.browse()
        return self.search([("company_id", "in", self.company_id.ids), ("key", "in", keys),
                            ("state", "=", "valid")])

    def action_appeal(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "gov.assessment.appeal",
            "view_mode": "form",
            "target": "new",
            "context": {"default_event_id": self.id},
        }
