"""Public intake: the website form and the 12345 hotline work orders."""
import hmac
import re

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.gov_hall_base.tools import check_upload, read_upload, upload_limit

WEB_MAX_FILES = 3
WEB_MAX_FILE_BYTES = 5 * 1024 * 1024  # default of the system parameter gov_hall_base.upload_max_bytes.gov_complaints
WEB_ALLOWED_KINDS = ("jpeg", "png", "pdf")  # checked by content (gov_hall_base.tools.upload)
WEB_MAX_TEXT = 4000
PHONE_RE = re.compile(r"^[0-9+\-() ]{7,20}$")


class GovComplaintPublic(models.AbstractModel):
    """Validation and creation shared by the website form and the hotline endpoint (no request here)."""

    _name = "gov.complaint.public"
    _description = "Public Complaint Intake"

    @api.model
    def _validate_web(self, post, files):
        """Return a dict field -> message; empty when the submission is acceptable."""
        _ = self.env._
        errors = {}
        title = (post.get("title") or "").strip()
        facts = (post.get("facts") or "").strip()
        anonymous = bool(post.get("anonymous"))
        if not title:
            errors["title"] = _("Please give your complaint a short subject.")
        elif len(title) > 100:
            errors["title"] = _("The subject is too long (at most 100 characters).")
        if not facts:
            errors["facts"] = _("Please describe what happened.")
        elif len(facts) > WEB_MAX_TEXT:
            errors["facts"] = _("The description is too long (at most %(max)s characters).", max=WEB_MAX_TEXT)
        if post.get("kind") not in ("business", "service"):
            errors["kind"] = _("Please say whether the complaint is about the business handled or the service.")
        if not anonymous:
            if not (post.get("complainant_name") or "").strip():
                errors["complainant_name"] = _("Please give your name, or tick 'anonymous'.")
            phone = (post.get("complainant_phone") or "").strip()
            if not phone:
                errors["complainant_phone"] = _("Please give a phone number so that we can reply to you.")
            elif not PHONE_RE.match(phone):
                errors["complainant_phone"] = _("This phone number does not look valid.")
        files = [f for f in files if f and f.filename]
        if len(files) > WEB_MAX_FILES:
            errors["attachments"] = _("At most %(n)s files can be attached.", n=WEB_MAX_FILES)
        return errors

    @api.model
    def _max_file_bytes(self):
        return upload_limit(self.env, "gov_complaints", WEB_MAX_FILE_BYTES)

    @api.model
    def _read_files(self, files):
        """Read and check every upload (size, and type by content: JPEG, PNG or PDF whose extension agrees)
        before anything is created; return ``(files, None)`` or ``(None, message)``."""
        out = []
        max_bytes = self._max_file_bytes()
        for f in files:
            if not (f and f.filename):
                continue
            data = read_upload(f, max_bytes)
            try:
                _kind, mimetype = check_upload(data, f.filename, WEB_ALLOWED_KINDS, max_bytes, env=self.env)
            except UserError as error:
                return None, error.args[0]
            out.append((f.filename, mimetype, data))
        return out, None

    @api.model
    def _create_web(self, post, files, company, partner=None):
        anonymous = bool(post.get("anonymous"))
        vals = {
            "company_id": company.id, "channel": "web", "kind": post["kind"],
            "title": post["title"].strip(), "facts": post["facts"].strip(), "anonymous": anonymous,
        }
        if post.get("window_id") and str(post["window_id"]).isdigit():
            window = self.env["gov.hall.window"].sudo().browse(int(post["window_id"])).exists()
            if window and window.company_id == company:
                vals["window_id"] = window.id
        if not anonymous:
            vals.update({
                "complainant_name": post["complainant_name"].strip(),
                "complainant_phone": post["complainant_phone"].strip(),
                "complainant_email": (post.get("complainant_email") or "").strip() or False,
                "complainant_partner_id": partner.id if partner else False,
            })
        complaint = self.env["gov.complaint"].sudo().create(vals)
        if files:
            # the evidence of an anonymous complaint is filed by OdooBot too: no trace of the submitter
            owner = complaint._gov_anonymous_env() if anonymous else complaint.sudo()
            attachments = owner.env["ir.attachment"].create([{
                "name": name, "raw": data, "mimetype": mimetype, "res_model": "gov.complaint",
                "res_id": complaint.id,
            } for name, mimetype, data in files])
            owner.attachment_ids = [fields.Command.set(attachments.ids)]
            owner.env.flush_all()
        return complaint

    @api.model
    def _public_status(self, complaint):
        """What the complainant may see: no identity, no internal notes."""
        states = dict(complaint._fields["state"]._description_selection(self.env))
        return {
            "name": complaint.name,
            "state": complaint.state,
            "state_label": states[complaint.state],
            "date_received": fields.Datetime.to_string(complaint.date_received),
            "deadline": fields.Date.to_string(complaint.deadline) if complaint.deadline else None,
            "reply": complaint.reply if complaint.state in ("replied", "closed") else None,
            "date_closed": fields.Date.to_string(complaint.date_closed) if complaint.date_closed else None,
        }

    # -- 12345 hotline ---------------------------------------------------------------------------
    @api.model
    def _hotline_company(self, token):
        """The center whose hotline token is ``token`` (compared in constant time, as bytes: a token in any
        script is a mismatch, never an error), else an empty recordset."""
        if not token or not isinstance(token, str):
            return self.env["res.company"]
        given = token.encode("utf-8", "replace")
        for company in self.env["res.company"].sudo().search([("gov_hotline_token", "!=", False)]):
            if hmac.compare_digest(company.gov_hotline_token.encode(), given):
                return company
        return self.env["res.company"]

    @api.model
    def _validate_hotline(self, order):
        _ = self.env._
        errors = []
        if not isinstance(order, dict):
            return [_("The work order must be a JSON object.")]
        for key in ("order_no", "title", "content"):
            if not isinstance(order.get(key), str) or not order[key].strip():
                errors.append(_("Field %(field)s is required and must be text.", field=key))
        if isinstance(order.get("order_no"), str) and len(order["order_no"]) > 64:
            errors.append(_("Field order_no is too long."))
        if isinstance(order.get("content"), str) and len(order["content"]) > 20000:
            errors.append(_("Field content is too long."))
        if order.get("kind", "service") not in ("business", "service"):
            errors.append(_("Field kind must be 'business' or 'service'."))
        anonymous = order.get("anonymous", False)
        if not isinstance(anonymous, bool):
            errors.append(_("Field anonymous must be true or false."))
        elif not anonymous:
            if not isinstance(order.get("caller_name"), str) or not order["caller_name"].strip():
                errors.append(_("A named work order needs caller_name."))
            if not isinstance(order.get("caller_phone"), str) or not PHONE_RE.match(order["caller_phone"]):
                errors.append(_("A named work order needs a valid caller_phone."))
        if order.get("received_at") is not None:
            try:
                fields.Datetime.to_datetime(order["received_at"])
            except (ValueError, TypeError):
                errors.append(_("Field received_at must be 'YYYY-MM-DD HH:MM:SS'."))
        if order.get("window_code") is not None and not isinstance(order["window_code"], str):
            errors.append(_("Field window_code must be text."))
        return errors

    @api.model
    def _create_hotline(self, order, company):
        Complaint = self.env["gov.complaint"].sudo()
        existing = Complaint.search([("hotline_order_no", "=", order["order_no"].strip()),
                                     ("company_id", "=", company.id)], limit=1)
        if existing:
            return existing, False
        vals = {
            "company_id": company.id, "channel": "hotline", "kind": order.get("kind", "service"),
            "hotline_order_no": order["order_no"].strip(), "title": order["title"].strip()[:200],
            "facts": order["content"].strip(), "anonymous": bool(order.get("anonymous")),
        }
        if order.get("received_at"):
            vals["date_received"] = fields.Datetime.to_datetime(order["received_at"])
        if order.get("window_code"):
            window = self.env["gov.hall.window"].sudo().search(
                [("company_id", "=", company.id), ("code", "=", order["window_code"])], limit=1)
            vals["window_id"] = window.id
        if not vals["anonymous"]:
            vals.update({"complainant_name": order["caller_name"].strip(),
                         "complainant_phone": order["caller_phone"].strip()})
        return Complaint.create(vals), True
