"""The monthly circular (通报) on complaints for the hall, with its statistics."""
import calendar
import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.gov_hall_base.tools.dates import center_today
from odoo.addons.gov_hall_base.tools.lang import center_env

from .gov_complaint import CHANNELS, KINDS, check_officer, officer_action

# the circular's text and month: the officer's until it is issued
DRAFT_FIELDS = {"name", "company_id", "month", "intro", "remarks"}


class GovComplaintCircular(models.Model):
    _name = "gov.complaint.circular"
    _description = "Monthly Complaint Circular"
    _inherit = ["mail.thread", "gov.hall.protected.mixin", "gov.hall.job.mixin"]
    _order = "date_from desc, id desc"
    _protected_fields = ("state", "date_issued")

    name = fields.Char(required=True, default="/")
    company_id = fields.Many2one("res.company", "Center", required=True, index=True,
                                 default=lambda self: self.env.company)
    month = fields.Char("Month (YYYY-MM)", required=True,
                        default=lambda self: (fields.Date.context_today(self).replace(day=1)
                                              - datetime.timedelta(days=1)).strftime("%Y-%m"))
    date_from = fields.Date(compute="_compute_dates", store=True)
    date_to = fields.Date(compute="_compute_dates", store=True)
    intro = fields.Html("Introduction")
    remarks = fields.Html("Requirements and Remarks")
    state = fields.Selection([("draft", "Draft"), ("issued", "Issued")], default="draft", required=True,
                             tracking=True, copy=False)
    date_issued = fields.Date(readonly=True, copy=False)

    _month_uniq = models.Constraint("unique(company_id, month)", "There is already a circular for this month.")

    @api.depends("month")
    def _compute_dates(self):
        for rec in self:
            try:
                year, month = (int(x) for x in (rec.month or "").split("-"))
                rec.date_from = datetime.date(year, month, 1)
                rec.date_to = datetime.date(year, month, calendar.monthrange(year, month)[1])
            except (ValueError, TypeError):
                rec.date_from = rec.date_to = False

    @api.constrains("month")
    def _check_month(self):
        for rec in self:
            if not rec.date_from:
                raise UserError(self.env._("Write the month as YYYY-MM, e.g. 2026-10."))

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        for rec in records.filtered(lambda r: r.name == "/"):
            rec.name = center_env(rec).env._("%(center)s complaint circular %(month)s",
                                        center=rec.company_id.name or "", month=rec.month)
        return records

    def write(self, vals):
        if DRAFT_FIELDS & set(vals) and not self._gov_unguarded() \
                and any(rec.state != "draft" for rec in self):
            raise UserError(self.env._("An issued circular cannot be changed."))
        return super().write(vals)

    def _check_officer(self):
        check_officer(self, self.env._("Only the complaint officers issue the monthly circular."))

    @officer_action()
    def action_issue(self):
        if any(rec.state != "draft" for rec in self):
            raise UserError(self.env._("This circular has already been issued."))
        self.write({"state": "issued", "date_issued": center_today(self.company_id[:1] or self.env.company)})
        # the issued circular's PDF (statistics over the month's complaints) is rendered in a background job
        # and kept in the chatter; the form shows the job
        for rec in self:
            rec._gov_delay("_attach_circular_pdf", center_env(rec).env._("Circular PDF: %(name)s", name=rec.name))
        return True

    def _attach_circular_pdf(self):
        """The job: the issued circular printed once and kept in its chatter."""
        report = self.env.ref("gov_complaints.action_report_complaint_circular")
        for rec in self.filtered(lambda r: r.state == "issued"):
            pdf, ext = self.env["ir.actions.report"].sudo()._render_qweb_pdf(report.report_name, rec.ids)
            attachment = self.env["ir.attachment"].create({
                "name": f"{rec.name}.{ext}", "raw": pdf, "res_model": rec._name, "res_id": rec.id,
                "mimetype": "application/pdf" if ext == "pdf" else "text/html"})
            center_env(rec).message_post(body=center_env(rec).env._("The issued circular, as printed."),
                                         attachment_ids=attachment.ids)
        return self.env._("Circular PDF attached.")

    def _circular_title(self):
        self.ensure_one()
        return self.env._("Circular on Efficiency Complaints, %(month)s", month=self.month)

    def _overview_text(self, s):
        return self.env._(
            "In the month %(total)s complaints were received and %(closed)s were closed, of which %(subst)s were "
            "substantiated. The complainants' satisfaction with the replies was %(rate)s%%.",
            total=s["total"], closed=s["closed"], subst=len(s["substantiated"]), rate=s["satisfaction_rate"])

    def _letters_text(self, s):
        return self.env._(
            "%(count)s supervision letters were sent, %(late)s of them were answered late or not yet answered.",
            count=len(s["letters"]), late=len(s["overdue_letters"]))

    def _complaints(self):
        self.ensure_one()
        return self.env["gov.complaint"].search([
            ("company_id", "=", self.company_id.id),
            ("date_received_day", ">=", self.date_from), ("date_received_day", "<=", self.date_to),
            ("state", "!=", "cancel"),
        ])

    def _stats(self):
        """Everything the PDF prints, computed with _read_group."""
        self.ensure_one()
        Complaint = self.env["gov.complaint"]
        base = [("company_id", "=", self.company_id.id), ("date_received_day", ">=", self.date_from),
                ("date_received_day", "<=", self.date_to), ("state", "!=", "cancel")]
        total = Complaint.search_count(base)
        closed_dom = [("company_id", "=", self.company_id.id), ("date_closed", ">=", self.date_from),
                      ("date_closed", "<=", self.date_to), ("state", "=", "closed")]

        def sel_rows(field, selection):
            counts = dict(Complaint._read_group(base, [field], ["__count"]))
            labels = dict(Complaint._fields[field]._description_selection(self.env))
            return [(labels[k], counts.get(k, 0)) for k, _label in selection if counts.get(k)]

        by_dept = [(d.name or self.env._("Not specified"), n, s) for d, n, s in Complaint._read_group(
            base, ["department_id"], ["__count", "substantiated_count:sum"], order="__count desc")]
        by_window = [(w.name or self.env._("Not specified"), n) for w, n in Complaint._read_group(
            base + [("window_id", "!=", False)], ["window_id"], ["__count"], order="__count desc")]
        path_rows = []
        labels = dict(Complaint._fields["path"]._description_selection(self.env))
        for path, n, rate in Complaint._read_group(closed_dom + [("path", "!=", False)], ["path"],
                                                   ["__count", "on_time_rate:avg"]):
            path_rows.append((labels[path], n, round(rate or 0.0, 1)))
        closed = Complaint.search_count(closed_dom)
        substantiated = Complaint.search(closed_dom + [("substantiated", "=", True)])
        satisfied = Complaint.search_count(closed_dom + [("satisfaction", "in", ("satisfied", "basic"))])
        letters = self.env["gov.complaint.letter"].search([
            ("company_id", "=", self.company_id.id), ("date_sent", ">=", self.date_from),
            ("date_sent", "<=", self.date_to)])
        return {
            "total": total, "closed": closed,
            "by_channel": sel_rows("channel", CHANNELS), "by_kind": sel_rows("kind", KINDS),
            "by_department": by_dept, "by_window": by_window[:10], "by_path": path_rows,
            "substantiated": substantiated, "satisfaction_rate": round(100.0 * satisfied / closed, 1) if closed else 0.0,
            "letters": letters, "overdue_letters": letters.filtered("overdue"),
        }
