"""Appointment slots (预约时段) of a zone or window: a day, a time range and a capacity."""
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class GovHallAppointmentSlot(models.Model):
    _name = "gov.hall.appointment.slot"
    _description = "Appointment Slot"
    _order = "date, time_start, id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one("res.company", "Center", required=True, index=True,
                                 default=lambda self: self.env.company)
    zone_id = fields.Many2one("gov.hall.zone", "Zone", required=True, index=True, check_company=True)
    window_id = fields.Many2one("gov.hall.window", "Window", index=True, check_company=True,
                                domain="[('zone_id', '=', zone_id)]")
    date = fields.Date("Day", required=True, index=True)
    time_start = fields.Float("From", required=True, help="Hour of the day, e.g. 9.5 for 09:30.")
    time_end = fields.Float("To", required=True)
    capacity = fields.Integer("Capacity", required=True, default=10)
    appointment_ids = fields.One2many("gov.hall.appointment", "slot_id", string="Appointments")
    booked_count = fields.Integer("Booked", compute="_compute_booked", store=True)
    available = fields.Integer("Places Left", compute="_compute_booked", store=True)

    _capacity_positive = models.Constraint("CHECK(capacity > 0)", "A slot has at least one place.")
    _times_ok = models.Constraint("CHECK(time_end > time_start AND time_start >= 0 AND time_end <= 24)",
                                  "A slot ends after it starts, within the day.")

    @api.depends("zone_id", "window_id", "date", "time_start", "time_end")
    def _compute_name(self):
        for slot in self:
            hm = lambda t: "%02d:%02d" % (int(t), round((t % 1) * 60))  # noqa: E731
            slot.name = f"{slot.date or ''} {hm(slot.time_start)}-{hm(slot.time_end)} " \
                        f"{slot.window_id.name or slot.zone_id.name or ''}"

    @api.depends("appointment_ids.state", "capacity")
    def _compute_booked(self):
        for slot in self:
            slot.booked_count = len(slot.appointment_ids.filtered(lambda a: a.state in ("booked", "arrived", "done")))
            slot.available = slot.capacity - slot.booked_count

    @api.constrains("capacity", "appointment_ids")
    def _check_capacity(self):
        for slot in self:
            if slot.booked_count > slot.capacity:
                raise ValidationError(self.env._(
                    "Slot %(slot)s has %(n)s places: it cannot take %(b)s appointments.",
                    slot=slot.name, n=slot.capacity, b=slot.booked_count))
