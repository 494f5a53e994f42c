"""The front-desk intake wizard: applicant, item, material check, and one of the three outcomes."""
from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.gov_hall_base.tools.lang import center_env


class GovHallIntakeWizard(models.TransientModel):
    _name = "gov.hall.intake.wizard"
    _description = "Intake at the Window"

    case_id = fields.Many2one("gov.hall.case", "Case Awaiting Supplement",
                              domain="[('state', '=', 'supplement')]")
    company_id = fields.Many2one("res.company", "Center", required=True, default=lambda self: self.env.company)
    window_id = fields.Many2one("gov.hall.window", "Window", required=True, default=lambda self: self._default_window(),
                                domain="[('company_id', '=', company_id)]")
    applicant_mode = fields.Selection([("existing", "Known applicant"), ("new", "New applicant")],
                                      default="existing", required=True)
    applicant_id = fields.Many2one("res.partner", "Applicant")
    applicant_is_company = fields.Boolean("Company / Organisation")
    applicant_name = fields.Char("Name")
    applicant_id_number = fields.Char("ID Card No. / Unified Social Credit Code")
    applicant_phone = fields.Char("Contact Phone")
    item_id = fields.Many2one("gov.hall.service.item", "Service Item",
                              domain="[('state', '=', 'published'), ('company_id', '=', company_id)]")
    case_type = fields.Selection(related="item_id.case_type")
    line_ids = fields.One2many("gov.hall.intake.wizard.line", "wizard_id", string="Materials")
    commitment = fields.Text("Commitment")
    commitment_date = fields.Date("Supplement Promised By")
    refusal_reason = fields.Text("Reason Not Accepted")
    refusal_basis = fields.Text("Legal Basis")
    missing_count = fields.Integer(compute="_compute_missing_count")

    @api.model
    def _default_window(self):
        posting = self.env["gov.hall.posting"].search(
            [("user_id", "=", self.env.uid), ("state", "=", "active")], limit=1)
        return posting.window_id

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        case = self.env["gov.hall.case"].browse(self.env.context.get("default_case_id"))
        if case:
            item = case.item_id
            res.update({"company_id": case.company_id.id, "applicant_id": case.applicant_id.id,
                        "window_id": case.window_id.id or res.get("window_id")})
            current = item if item.state == "published" else self.env["gov.hall.service.item"].search(
                [("root_id", "=", item.root_id.id), ("state", "=", "published")], limit=1)
            if current and current != item:
                # the catalog changed while the applicant was gathering the materials: the case is
                # accepted under the version in force, and what was already received is kept
                received = set(case.material_line_ids.filtered("received").mapped("name"))
                res.update(item_id=current.id, line_ids=[fields.Command.create({
                    "material_id": m.id, "name": m.name, "requirement": m.requirement, "tolerable": m.tolerable,
                    "sequence": m.sequence, "received": m.name in received,
                }) for m in current.material_ids])
            else:
                res.update(item_id=item.id, line_ids=[fields.Command.create({
                    "case_line_id": line.id, "material_id": line.material_id.id, "name": line.name,
                    "requirement": line.requirement, "tolerable": line.tolerable, "received": line.received,
                    "sequence": line.sequence,
                }) for line in case.material_line_ids])
        return res

    @api.depends("line_ids.received")
    def _compute_missing_count(self):
        for wiz in self:
            wiz.missing_count = len(wiz.line_ids.filtered(lambda line: not line.received))

    @api.onchange("item_id")
    def _onchange_item_id(self):
        if self.case_id and self.item_id == self.case_id.item_id:
            return
        self.line_ids = [fields.Command.clear()] + [
            fields.Command.create({"material_id": m.id, "name": m.name, "requirement": m.requirement,
                                   "tolerable": m.tolerable}) for m in self.item_id.material_ids]

    def _get_applicant(self):
        self.ensure_one()
        if self.applicant_mode == "existing":
            if not self.applicant_id:
                raise UserError(self.env._("Choose the applicant."))
            return self.applicant_id
        if not (self.applicant_name and self.applicant_id_number):
            raise UserError(self.env._(
                "A new applicant needs a name and an ID card number or unified social credit code."))
        Partner = self.env["res.partner"].sudo()
        id_type = "uscc" if self.applicant_is_company else "id_card"
        number = Partner._gov_normalize_id(id_type, self.applicant_id_number)
        partner = Partner.search([("gov_id_number", "=", number)], limit=1)
        return partner or Partner.create({
            "name": self.applicant_name, "is_company": self.applicant_is_company, "gov_id_type": id_type,
            "gov_id_number": number, "phone": self.applicant_phone,
        })

    def _prepare_case(self):
        """Create the case (or update the one awaiting supplement) with the material check."""
        self.ensure_one()
        if not self.item_id:
            raise UserError(self.env._("Choose the service item."))
        applicant = self._get_applicant()
        lines = [{"material_id": line.material_id.id, "name": line.name, "requirement": line.requirement,
                  "tolerable": line.tolerable, "received": line.received, "sequence": line.sequence,
                  "attachment_ids": [fields.Command.set(line.attachment_ids.ids)]} for line in self.line_ids]
        vals = {
            "company_id": self.company_id.id, "window_id": self.window_id.id, "applicant_id": applicant.id,
            "applicant_phone": self.applicant_phone or applicant.phone, "item_id": self.item_id.id,
            "commitment": self.commitment, "commitment_date": self.commitment_date,
        }
        if self.case_id:
            case = self.case_id
            if case.item_id == self.item_id:
                vals.pop("item_id")
                for wline in self.line_ids.filtered("case_line_id"):
                    wline.case_line_id.write({"received": wline.received,
                                              "attachment_ids": [fields.Command.set(wline.attachment_ids.ids)]})
            else:
                vals["material_line_ids"] = [fields.Command.clear()] + [fields.Command.create(v) for v in lines]
            case.write(vals)
            if "item_id" in vals:
                center_env(case).message_post(body=center_env(case).env._(
                    "Received under version %(version)s of %(item)s, in force since %(date)s.",
                    version=self.item_id.version, item=self.item_id.name, date=self.item_id.date_effective))
            return case
        vals["material_line_ids"] = [fields.Command.create(v) for v in lines]
        # no "Case created" line in the chatter: the acceptance, notice or refusal logged next says it, with
        # the number (one message instead of two); the case goes on in the wizard's own context
        case = self.env["gov.hall.case"].with_context(mail_create_nolog=True).create(vals)
        return case.with_env(self.env)

    def action_accept(self):
        case = self._prepare_case()
        case.action_accept()
        return self._done(case, "gov_hall_intake.action_report_acceptance_notice")

    def action_notice(self):
        case = self._prepare_case()
        case.action_one_time_notice()
        return self._done(case, "gov_hall_intake.action_report_one_time_notice")

    def action_refuse(self):
        case = self._prepare_case()
        case.action_refuse_intake(self.refusal_reason, self.refusal_basis)
        return self._done(case, "gov_hall_intake.action_report_refusal_notice")

    def _done(self, case, report_ref):
        report = self.env.ref(report_ref).report_action(case)
        report["close_on_report_download"] = True
        return report


class GovHallIntakeWizardLine(models.TransientModel):
    _name = "gov.hall.intake.wizard.line"
    _description = "Material Check Line"
    _order = "sequence, id"

    wizard_id = fields.Many2one("gov.hall.intake.wizard", required=True, ondelete="cascade")
    case_line_id = fields.Many2one("gov.hall.case.material")
    material_id = fields.Many2one("gov.hall.service.material", "Catalog Material")
    sequence = fields.Integer(default=10)
    name = fields.Char("Material", required=True)
    requirement = fields.Selection([("required", "Required"), ("optional", "Optional")], default="required")
    tolerable = fields.Boolean("May Be Tolerated Missing")
    received = fields.Boolean()
    attachment_ids = fields.Many2many("ir.attachment", "gov_hall_intake_wizard_line_attachment_rel",
                                      "line_id", "attachment_id", string="Scans")
