"""Appointments (预约) of applicants in a slot, booked online or at the help desk; no-shows recorded."""
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from odoo.addons.gov_hall_base.tools.codes import new_code
from odoo.addons.gov_hall_base.tools.dates import center_today
from odoo.addons.gov_hall_base.tools.protect import granted, protected_action


class GovHallAppointment(models.Model):
    _name = "gov.hall.appointment"
    _description = "Appointment"
    _inherit = ["gov.hall.protected.mixin"]
    _order = "slot_id, id"
    _check_company_auto = True
    _protected_fields = ("state", "slot_id", "partner_id", "code", "ticket_id", "channel")

    name = fields.Char("Appointment Code", compute="_compute_name", store=True)
    code = fields.Char("Code", readonly=True, copy=False, index=True)
    slot_id = fields.Many2one("gov.hall.appointment.slot", "Slot", required=True, readonly=True, index=True,
                              ondelete="restrict")
    company_id = fields.Many2one(related="slot_id.company_id", store=True, index=True, string="Center")
    zone_id = fields.Many2one(related="slot_id.zone_id", store=True, string="Zone")
    date = fields.Date(related="slot_id.date", store=True, index=True, string="Day")
    partner_id = fields.Many2one("res.partner", "Applicant", required=True, readonly=True, index=True)
    item_id = fields.Many2one("gov.hall.service.item", "Service Item", check_company=True)
    case_id = fields.Many2one("gov.hall.case", "Case", check_company=True)
    channel = fields.Selection([("online", "Online"), ("help_desk", "Help Desk")], default="online",
                               required=True, readonly=True)
    state = fields.Selection([("booked", "Booked"), ("arrived", "Arrived"), ("done", "Served"),
                              ("no_show", "No-Show"), ("cancel", "Cancelled")], default="booked", required=True,
                             readonly=True, index=True)
    ticket_id = fields.Many2one("gov.hall.queue.ticket", "Queue Number", readonly=True, copy=False)

    @api.depends("code", "slot_id")
    def _compute_name(self):
        for appt in self:
            appt.name = f"{appt.code or ''} {appt.slot_id.name or ''}".strip()

    @api.model
    def _gov_book(self, slot, partner, item=None, channel="online"):
        """Book a place in ``slot`` for ``partner`` (the applicant itself online, a clerk at the help desk). The
        slot is locked while its places are counted: two bookings of the last place make one appointment."""
        user = self.env.user
        if channel == "online":
            if partner.commercial_partner_id != user.partner_id.commercial_partner_id:
                raise AccessError(self.env._("You book appointments only for yourself."))
        elif not user.has_group("gov_hall_base.group_gov_clerk"):
            raise AccessError(self.env._("Only the help desk books an appointment for somebody else."))
        slot = slot.sudo()
        if slot.date < center_today(slot.company_id):
            raise UserError(self.env._("Slot %(slot)s is over.", slot=slot.name))
        self.env.flush_all()
        self.env.cr.execute(SQL("SELECT id FROM gov_hall_appointment_slot WHERE id = %s FOR UPDATE", slot.id))
        slot.invalidate_recordset(["booked_count", "available"])
        if self.sudo().search_count([("slot_id", "=", slot.id), ("partner_id", "=", partner.id),
                                     ("state", "in", ("booked", "arrived"))]):
            raise UserError(self.env._("%(name)s already has an appointment in slot %(slot)s.",
                                       name=partner.name, slot=slot.name))
        if slot.available <= 0:
            raise UserError(self.env._("Slot %(slot)s is full: choose another time.", slot=slot.name))
        with granted(self):
            return self.sudo().create({"slot_id": slot.id, "partner_id": partner.id, "channel": channel,
                                       "item_id": item.id if item else False, "code": new_code()[:6]})

    @protected_action()
    def action_cancel(self):
        for appt in self:
            if not (appt.partner_id == self.env.user.partner_id.commercial_partner_id
                    or appt.partner_id == self.env.user.partner_id
                    or self.env.user.has_group("gov_hall_base.group_gov_clerk")):
                raise AccessError(self.env._("This appointment is not yours."))
            if appt.state != "booked":
                raise UserError(self.env._("Only a booked appointment is cancelled."))
            appt.sudo().state = "cancel"
        return True

    @protected_action("gov.hall.queue.ticket")
    def action_arrive(self):
        """The applicant arrives: a queue number by appointment."""
        if not self.env.user.has_group("gov_hall_base.group_gov_clerk"):
            raise AccessError(self.env._("The help desk records arrivals."))
        for appt in self:
            if appt.state != "booked":
                raise UserError(self.env._("Appointment %(a)s is not waiting for its applicant.", a=appt.name))
            ticket = self.env["gov.hall.queue.ticket"]._gov_take(appt.zone_id, appt.partner_id, appointment=appt)
            appt.sudo().write({"state": "arrived", "ticket_id": ticket.id})
        return True

    @api.model
    def _cron_no_show(self, today=None):
        """Appointments of the days before still booked: no-shows (one write)."""
        domain = [("state", "=", "booked"), ("date", "<", today or center_today(self.env.company))]
        late = self.sudo().search(domain)
        with granted(self):
            late.write({"state": "no_show"})
        return late

    @api.model
    def _demo_create_appointments(self):
        """Demo: slots of the 一楼综合受理区 for the next three working days, a booking of the demo applicant,
        and today's queue with two walk-ins, one of them called."""
        ref = self.env.ref
        zone = ref("gov_hall_base.zone_sr_1f", raise_if_not_found=False)
        user = ref("gov_hall_base.user_applicant", raise_if_not_found=False)
        if not zone or self.env["gov.hall.appointment.slot"].search_count([("zone_id", "=", zone.id)]):
            return False
        calendar = self.env["gov.hall.calendar"]
        today = center_today(zone.company_id)
        vals = []
        for n in range(1, 4):
            day = calendar.add_working_days(today, n)
            vals += [{"company_id": zone.company_id.id, "zone_id": zone.id, "date": day, "time_start": start,
                      "time_end": start + 0.5, "capacity": 5} for start in (9.0, 9.5, 10.0, 14.5, 15.0)]
        slots = self.env["gov.hall.appointment.slot"].create(vals)
        if user:
            self.with_user(user)._gov_book(slots[0], user.partner_id,
                                           item=ref("gov_hall_intake.item_sr_getihu", raise_if_not_found=False))
        clerk = ref("gov_hall_base.user_clerk")
        Ticket = self.env["gov.hall.queue.ticket"].with_user(clerk)
        Ticket.action_take_walk_in(zone.id)
        Ticket.action_take_walk_in(zone.id)
        window = ref("gov_hall_intake.window_sr_zh01", raise_if_not_found=False)
        if window and window.zone_id == zone:
            Ticket.action_call_next(window.id)
        return True
