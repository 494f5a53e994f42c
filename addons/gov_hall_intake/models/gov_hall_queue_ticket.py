"""Queue numbers (取号叫号): taken on arrival (by appointment or walk-in) per zone and day, called in order by the
windows of the zone."""
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from odoo.addons.gov_hall_base.tools.dates import center_today
from odoo.addons.gov_hall_base.tools.protect import granted, protected_action


class GovHallQueueTicket(models.Model):
    _name = "gov.hall.queue.ticket"
    _description = "Queue Number"
    _inherit = ["gov.hall.protected.mixin"]
    _order = "date desc, priority, sequence"
    _check_company_auto = True
    _protected_fields = ("name", "sequence", "priority", "state", "window_id", "called_by_id", "date_called",
                         "date", "zone_id", "kind", "appointment_id")

    name = fields.Char("Number", required=True, readonly=True)
    company_id = fields.Many2one("res.company", "Center", required=True, index=True, readonly=True)
    zone_id = fields.Many2one("gov.hall.zone", "Zone", required=True, index=True, readonly=True)
    date = fields.Date("Day", required=True, index=True, readonly=True)
    sequence = fields.Integer("Order Taken", required=True, readonly=True)
    kind = fields.Selection([("appointment", "By Appointment"), ("walk_in", "Walk-In")], required=True,
                            readonly=True)
    priority = fields.Integer("Priority", readonly=True, help="0 by appointment, 1 walk-in: called first to last.")
    partner_id = fields.Many2one("res.partner", "Applicant", readonly=True)
    appointment_id = fields.Many2one("gov.hall.appointment", "Appointment", readonly=True)
    state = fields.Selection([("waiting", "Waiting"), ("called", "Called"), ("done", "Served"),
                              ("no_show", "No-Show")], default="waiting", required=True, readonly=True, index=True)
    window_id = fields.Many2one("gov.hall.window", "Called to Window", readonly=True, check_company=True)
    called_by_id = fields.Many2one("res.users", "Called By", readonly=True)
    date_called = fields.Datetime("Called At", readonly=True)

    _number_uniq = models.Constraint("unique(zone_id, date, sequence)", "A queue number is taken once a day.")
    _waiting_idx = models.Index("(zone_id, date, priority, sequence) WHERE state = 'waiting'")

    @api.model
    def _gov_take(self, zone, partner=None, appointment=None):
        """The next number of ``zone`` today (A for appointments, B for walk-ins)."""
        zone = zone.sudo()
        today = center_today(zone.company_id)
        self.env.flush_all()
        # numbers follow each other: the zone's row is locked while the next one is taken
        self.env.cr.execute(SQL("SELECT id FROM gov_hall_zone WHERE id = %s FOR UPDATE", zone.id))
        self.env.cr.execute(SQL("SELECT COALESCE(MAX(sequence), 0) FROM gov_hall_queue_ticket "
                                "WHERE zone_id = %s AND date = %s", zone.id, today))
        seq = self.env.cr.fetchone()[0] + 1
        kind = "appointment" if appointment else "walk_in"
        prefix = "A" if appointment else "B"
        with granted(self):
            return self.sudo().create({
                "name": f"{zone.code or ''}{prefix}{seq:03d}", "company_id": zone.company_id.id,
                "zone_id": zone.id, "date": today, "sequence": seq, "kind": kind,
                "priority": 0 if appointment else 1, "partner_id": partner.id if partner else False,
                "appointment_id": appointment.id if appointment else False})

    @api.model
    def action_take_walk_in(self, zone_id):
        """The help desk gives a walk-in applicant a number."""
        if not self.env.user.has_group("gov_hall_base.group_gov_clerk"):
            raise AccessError(self.env._("The help desk gives queue numbers."))
        return self._gov_take(self.env["gov.hall.zone"].browse(zone_id))

    def _gov_my_window(self):
        posting = self.env["gov.hall.posting"].sudo().search([
            ("employee_id.user_id", "=", self.env.uid), ("state", "=", "active"),
            ("window_id.zone_id", "!=", False)], limit=1)
        if not posting:
            raise UserError(self.env._("You are not posted to a window of a zone: nobody to call."))
        return posting.window_id

    @api.model
    def action_call_next(self, window_id=None):
        """The window calls the next number of its zone: appointments first, then in the order taken."""
        if not self.env.user.has_group("gov_hall_base.group_gov_clerk"):
            raise AccessError(self.env._("Only a window calls numbers."))
        window = self.env["gov.hall.window"].browse(window_id) if window_id else self._gov_my_window()
        today = center_today(window.company_id)
        self.env.flush_all()
        self.env.cr.execute(SQL("""
            SELECT id FROM gov_hall_queue_ticket
             WHERE zone_id = %s AND date = %s AND state = 'waiting'
             ORDER BY priority, sequence LIMIT 1 FOR UPDATE SKIP LOCKED
        """, window.zone_id.id, today))
        row = self.env.cr.fetchone()
        if not row:
            raise UserError(self.env._("Nobody is waiting in %(zone)s.", zone=window.zone_id.name))
        ticket = self.browse(row[0])
        with granted(self):
            ticket.sudo().write({"state": "called", "window_id": window.id, "called_by_id": self.env.uid,
                                 "date_called": fields.Datetime.now()})
        return ticket

    @protected_action("gov.hall.appointment")
    def action_done(self):
        self._gov_check_window()
        for ticket in self:
            ticket.sudo().state = "done"
            if ticket.appointment_id:
                ticket.appointment_id.sudo().state = "done"
        return True

    @protected_action("gov.hall.appointment")
    def action_no_show(self):
        """Called, nobody came: a no-show."""
        self._gov_check_window()
        for ticket in self:
            if ticket.state != "called":
                raise UserError(self.env._("Only a called number is recorded as a no-show."))
            ticket.sudo().state = "no_show"
            if ticket.appointment_id:
                ticket.appointment_id.sudo().state = "no_show"
        return True

    def _gov_check_window(self):
        if not self.env.user.has_group("gov_hall_base.group_gov_clerk"):
            raise AccessError(self.env._("Only a window calls numbers."))
        if self.filtered(lambda t: t.state not in ("called",)):
            raise UserError(self.env._("Only a called number is served or recorded as a no-show."))

    def action_call_next_button(self):
        ticket = self.action_call_next()
        return {"type": "ir.actions.client", "tag": "display_notification", "params": {
            "title": self.env._("Next: %(n)s", n=ticket.name), "type": "info", "sticky": False,
            "next": {"type": "ir.actions.act_window_close"}}}
