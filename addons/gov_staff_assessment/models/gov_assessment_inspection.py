"""Daily inspection rounds (每日四次巡查, seed 000).

A round is planned for a time of day over the windows open at that time; it has one line per staff
member on post at each window (and one line for a window nobody is posted to). The inspector
records each line on a phone-sized form; when the round is done, every failed check becomes a
scored event for the person and for the window.
"""
import datetime

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.gov_hall_base.tools.dates import center_today
from odoo.addons.gov_hall_base.tools.lang import center_env
from odoo.addons.gov_hall_base.tools.protect import protected_action

from ..tools import is_activity_officer, unlocked

CHECK_FIELDS = ["on_post", "badge", "uniform", "discipline", "etiquette"]
# what the round's form edits while it is planned (a check in write); its state changes through the actions
ROUND_PLANNED_FIELDS = {"company_id", "date", "round_no", "hour", "inspector_id"}


def _hour_label(hour):
    return "%02d:%02d" % (int(hour), round((hour % 1) * 60))


class GovAssessmentInspection(models.Model):
    _name = "gov.assessment.inspection"
    _description = "Inspection Round"
    _inherit = ["mail.thread", "mail.activity.mixin", "gov.hall.protected.mixin"]
    _order = "date desc, round_no, id"
    _protected_fields = ("state",)

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one("res.company", "Center", required=True, index=True,
                                 default=lambda self: self.env.company)
    date = fields.Date(required=True, index=True, default=fields.Date.context_today, tracking=True)
    round_no = fields.Integer("Round", required=True, default=1)
    hour = fields.Float("Planned Time", required=True, default=9.0)
    inspector_id = fields.Many2one("res.users", "Inspector", default=lambda self: self.env.user, tracking=True,
                                   domain=[("share", "=", False)])
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancel", "Cancelled")],
        default="planned", required=True, tracking=True, index=True, copy=False,
    )
    line_ids = fields.One2many("gov.assessment.inspection.line", "round_id", string="Checks")
    line_count = fields.Integer(compute="_compute_counts", string="Number of Checks")
    checked_count = fields.Integer(compute="_compute_counts", string="Checked")
    finding_count = fields.Integer(compute="_compute_counts", string="Findings")
    note = fields.Text()

    _round_uniq = models.Constraint("unique(company_id, date, round_no)",
                                    "This round is already planned for the day.")
    _round_positive = models.Constraint("CHECK(round_no > 0 AND hour >= 0 AND hour < 24)",
                                        "The round number must be positive and the time within the day.")

    @api.depends("date", "round_no", "hour")
    def _compute_name(self):
        for rnd in self:
            rnd.name = center_env(rnd).env._("%(date)s round %(no)s (%(time)s)", date=rnd.date, no=rnd.round_no,
                                  time=_hour_label(rnd.hour))

    def _compute_counts(self):
        data = {
            (rnd, checked, finding): n
            for rnd, checked, finding, n in self.env["gov.assessment.inspection.line"]._read_group(
                [("round_id", "in", self.ids)], ["round_id", "checked", "has_finding"], ["__count"])
        }
        for rnd in self:
            counts = {k[1:]: v for k, v in data.items() if k[0] == rnd}
            rnd.line_count = sum(counts.values())
            rnd.checked_count = sum(v for (checked, _f), v in counts.items() if checked)
            rnd.finding_count = sum(v for (_c, finding), v in counts.items() if finding)

    # -- planning ------------------------------------------------------------------------------------------
    @api.model
    def _round_hours(self, company):
        hours = []
        for part in (company.gov_inspection_hours or "").split(","):
            try:
                hours.append(float(part.strip()))
            except ValueError:
                continue
        count = company.gov_inspection_rounds or 4
        if len(hours) < count:
            start, end = company.gov_hall_hour_from, company.gov_hall_hour_to
            step = (end - start) / (count + 1)
            hours = [round(start + step * (i + 1), 2) for i in range(count)]
        return sorted(hours[:count])

    @api.private
    @api.model
    def plan_day(self, company, day):
        """Plan the day's rounds of ``company`` (default four) over the windows open at each round's
        time, with one line per staff member on post. Existing rounds are kept."""
        day = fields.Date.to_date(day)
        if not self.env["gov.hall.calendar"].is_working_day(day):
            return self.browse()
        existing = set(self.search([("company_id", "=", company.id), ("date", "=", day)]).mapped("round_no"))
        windows = self.env["gov.hall.window"].search([("company_id", "=", company.id)])
        postings = self.env["gov.hall.posting"].search([
            ("company_id", "=", company.id), ("date_start", "<=", day), "|", ("date_end", "=", False),
            ("date_end", ">=", day), ("state", "=", "active")])
        staff = {}
        for posting in postings:
            staff.setdefault(posting.window_id.id, []).append(posting.employee_id.id)
        vals = []
        for no, hour in enumerate(self._round_hours(company), start=1):
            if no in existing:
                continue
            moment = datetime.datetime.combine(day, datetime.time(int(hour), int(round((hour % 1) * 60)) % 60))
            lines = []
            for window in windows:
                if not window._is_open_at(moment):
                    continue
                for employee_id in staff.get(window.id) or [False]:
                    lines.append(fields.Command.create({"window_id": window.id, "employee_id": employee_id}))
            if lines:
                vals.append({"company_id": company.id, "date": day, "round_no": no, "hour": hour,
                             "line_ids": lines, "inspector_id": False})
        return self.create(vals)

    @api.model
    def _cron_plan_today(self):
        for company in self.env["res.company"].search([("gov_inspection_rounds", ">", 0)]):
            self.plan_day(company, center_today(company))

    def write(self, vals):
        if ROUND_PLANNED_FIELDS & set(vals) and not unlocked(self) and any(r.state != "planned" for r in self):
            raise UserError(self.env._(
                "The day, time, number, center and inspector of a round are fixed once it is completed or "
                "cancelled."))
        return super().write(vals)

    # -- workflow -------------------------------------------------------------------------------------------
    def _check_inspector(self):
        if not is_activity_officer(self.env):
            raise AccessError(self.env._(
                "Only the supervision office or an HR assessor completes or cancels inspection rounds."))

    @protected_action()
    def action_done(self):
        self._check_inspector()
        for rnd in self:
            if rnd.state != "planned":
                raise UserError(self.env._("Only a planned round can be completed."))
            unchecked = rnd.line_ids.filtered(lambda l: not l.checked)
            if unchecked:
                raise UserError(self.env._(
                    "%(n)s checks of %(round)s are not recorded yet (e.g. %(name)s).",
                    n=len(unchecked), round=rnd.name, name=unchecked[0].display_name))
        self.write({"state": "done"})
        engine = self.env["gov.assessment.engine"].sudo()
        for (company, day) in {(r.company_id, r.date) for r in self}:
            engine.sync_events(company, day, day, sources=["inspection"])
        for rnd in self.filtered("finding_count"):
            center_env(rnd).message_post(body=center_env(rnd).env._("%(n)s findings recorded.", n=rnd.finding_count))
        return True

    @protected_action()
    def action_cancel(self):
        self._check_inspector()
        if any(r.state == "done" for r in self):
            raise UserError(self.env._("A completed round cannot be cancelled: reopen it first."))
        self.write({"state": "cancel"})
        return True

    @protected_action()
    def action_reopen(self):
        if not self.env.user.has_group("gov_hall_base.group_gov_assessor"):
            raise UserError(self.env._("Only an HR assessor can reopen a completed round."))
        if any(r.state == "planned" for r in self):
            raise UserError(self.env._("Only a completed or cancelled round can be reopened."))
        done = self.filtered(lambda r: r.state == "done")
        self.write({"state": "planned"})
        engine = self.env["gov.assessment.engine"].sudo()
        for (company, day) in {(r.company_id, r.date) for r in done}:
            engine.sync_events(company, day, day, sources=["inspection"])
        return True

    def action_mark_all_ok(self):
        """Record every unchecked line as compliant (the inspector then edits the findings only)."""
        self.line_ids.filtered(lambda l: not l.checked).write({"checked": True})
        return True

    def action_open_mobile(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": "gov.assessment.inspection.line",
            "view_mode": "kanban,form",
            "views": [(self.env.ref("gov_staff_assessment.view_inspection_line_kanban").id, "kanban"),
                      (self.env.ref("gov_staff_assessment.view_inspection_line_form_mobile").id, "form")],
            "domain": [("round_id", "=", self.id)],
            "context": {"default_round_id": self.id},
        }

    def unlink(self):
        if any(r.state == "done" for r in self):
            raise UserError(self.env._("A completed round cannot be deleted."))
        return super().unlink()


class GovAssessmentInspectionLine(models.Model):
    _name = "gov.assessment.inspection.line"
    _description = "Inspection Check"
    _inherit = ["gov.hall.protected.mixin", "gov.assessment.company.mixin"]
    _order = "round_id, window_sequence, window_id, id"
    # the results (checks, note, photo, person, window) are the inspector's while the round is planned: a
    # check in write, create and unlink; the finding is computed from them
    _protected_fields = ("has_finding",)

    round_id = fields.Many2one("gov.assessment.inspection", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="round_id.company_id", store=True, index=True, string="Center")
    date = fields.Date(related="round_id.date", store=True, index=True)
    round_state = fields.Selection(related="round_id.state", string="Round Status")
    window_id = fields.Many2one("gov.hall.window", "Window", required=True, index=True, check_company=True)
    window_sequence = fields.Integer(related="window_id.sequence", store=True)
    employee_id = fields.Many2one("hr.employee", "Staff Member", index=True, check_company=True)
    department_id = fields.Many2one(related="employee_id.department_id", store=True, index=True)
    checked = fields.Boolean("Recorded", default=False)
    on_post = fields.Boolean("On Post", default=True)
    badge = fields.Boolean("Badge Worn", default=True)
    uniform = fields.Boolean("Uniform", default=True)
    discipline = fields.Boolean("No Chatting or Leaving Post", default=True)
    etiquette = fields.Boolean("Etiquette and the three courtesies", default=True)
    has_finding = fields.Boolean("Finding", compute="_compute_has_finding", store=True, index=True)
    photo = fields.Image(max_width=1280, max_height=1280, attachment=True)
    note = fields.Char()

    @api.depends(*CHECK_FIELDS)
    def _compute_has_finding(self):
        for line in self:
            line.has_finding = not line.on_post or not all(line[f] for f in CHECK_FIELDS[1:])

    @api.depends("window_id", "employee_id")
    def _compute_display_name(self):
        for line in self:
            line.display_name = " · ".join(filter(None, [line.window_id.display_name, line.employee_id.name]))

    @api.constrains("has_finding", "note", "employee_id")
    def _check_finding(self):
        for line in self:
            if line.has_finding and not line.employee_id and not line.on_post:
                continue
            if line.has_finding and not line.employee_id and any(not line[f] for f in CHECK_FIELDS[1:]):
                raise ValidationError(self.env._(
                    "At window %(window)s nobody is named: only 'not on post' can be recorded.",
                    window=line.window_id.display_name))

    def _check_round_open(self, rounds):
        if any(rnd.state != "planned" for rnd in rounds.sudo()):
            raise UserError(self.env._("The round is completed: its checks can no longer change."))

    def write(self, vals):
        self._check_round_open(self.round_id)
        if vals.get("round_id"):
            # a check is not moved into a completed round either
            self._check_round_open(self.round_id.browse(vals["round_id"]))
        if set(vals) & set(CHECK_FIELDS + ["note", "photo"]) and "checked" not in vals:
            vals = dict(vals, checked=True)
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        self._check_round_open(lines.round_id)
        return lines

    def unlink(self):
        if any(rnd.state == "done" for rnd in self.round_id.sudo()):
            raise UserError(self.env._("The round is completed: its checks can no longer change."))
        return super().unlink()

    def action_record_ok(self):
        self.write({"checked": True})
        return self._next_line_action()

    def action_save_next(self):
        self.write({"checked": True})
        return self._next_line_action()

    def _next_line_action(self):
        self.ensure_one()
        nxt = self.search([("round_id", "=", self.round_id.id), ("checked", "=", False)], limit=1)
        if not nxt:
            return self.round_id.action_open_mobile()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": nxt.id,
            "view_mode": "form",
            "views": [(self.env.ref("gov_staff_assessment.view_inspection_line_form_mobile").id, "form")],
        }
