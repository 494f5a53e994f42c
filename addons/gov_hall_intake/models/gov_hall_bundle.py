"""A bundle (一件事): the items a life or business event needs, done as one thing (一件事一次办).

Its lines name the published item versions and their stage: items of one stage are handled in parallel, a later
stage waits for the earlier ones where the law orders them (the business licence before the food-business
licence). The applicant fills one form: the materials of the items are merged, a material shared by several
items asked once. The bundle keeps its baseline before the reform (materials, pages, steps, visits, working
days) and ``_reduction_figures`` computes the reduction from the real bundle cases.
"""
from odoo import api, fields, models
from odoo.exceptions import ValidationError


def pct(before, after):
    """The reduction from ``before`` to ``after`` in per cent, one decimal (0 without a baseline)."""
    return round((before - after) * 100.0 / before, 1) if before else 0.0


class GovHallBundle(models.Model):
    _name = "gov.hall.bundle"
    _description = "Bundle (One Thing Done Once)"
    _inherit = ["mail.thread"]
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char("Bundle", required=True, tracking=True)
    code = fields.Char("Code", required=True, index=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", "Center", required=True, index=True,
                                 default=lambda self: self.env.company)
    kind = fields.Selection([("life", "Life event"), ("business", "Business event")], "Event", required=True,
                            default="business")
    description = fields.Text("Description")
    line_ids = fields.One2many("gov.hall.bundle.line", "bundle_id", string="Items", copy=True)
    # the baseline before the reform
    baseline_materials = fields.Integer("Materials Before", help="Materials asked before the reform, items apart.")
    baseline_pages = fields.Integer("Form Pages Before")
    baseline_steps = fields.Integer("Steps Before")
    baseline_visits = fields.Integer("Visits Before")
    baseline_days = fields.Integer("Working Days Before")
    # the bundle now
    department_count = fields.Integer("Departments", compute="_compute_figures")
    stage_count = fields.Integer("Steps Now", compute="_compute_figures",
                                 help="One submission, then one step per stage of items handled in parallel.")
    material_count = fields.Integer("Materials Now", compute="_compute_figures",
                                    help="The materials of the items merged: a material shared by several items counts once.")
    planned_days = fields.Integer("Working Days Now (promised)", compute="_compute_figures",
                                  help="The promised days of the longest item of each stage, stage after stage.")
    merged_material_names = fields.Text("Merged Materials", compute="_compute_figures")
    bundle_case_count = fields.Integer("Bundle Cases", compute="_compute_bundle_case_count")

    _code_uniq = models.Constraint("unique(company_id, code)", "A bundle code is used once per center.")
    _baseline_positive = models.Constraint(
        "CHECK(baseline_materials >= 0 AND baseline_pages >= 0 AND baseline_steps >= 0 AND baseline_visits >= 0 "
        "AND baseline_days >= 0)", "The baseline figures cannot be negative.")

    @api.depends("line_ids.item_id", "line_ids.stage")
    def _compute_figures(self):
        for bundle in self:
            lines = bundle.line_ids
            bundle.department_count = len(lines.item_id.department_id | lines.item_id.joint_department_ids)
            bundle.stage_count = len(set(lines.mapped("stage"))) + (1 if lines else 0)
            names = bundle._merged_material_names()
            bundle.material_count = len(names)
            bundle.merged_material_names = "\n".join(names)
            bundle.planned_days = sum(
                max(lines.filtered(lambda l, s=stage: l.stage == s).item_id.mapped("promised_days") or [0])
                for stage in set(lines.mapped("stage")))

    def _compute_bundle_case_count(self):
        counts = dict(self.env["gov.hall.bundle.case"]._read_group(
            [("bundle_id", "in", self.ids)], ["bundle_id"], ["__count"]))
        for bundle in self:
            bundle.bundle_case_count = counts.get(bundle, 0)

    def _merged_material_names(self):
        """The distinct materials of the bundle's items, in the order first asked (a shared one once)."""
        self.ensure_one()
        names = []
        for line in self.line_ids.sorted(lambda l: (l.stage, l.sequence, l.id)):
            for material in line.item_id.material_ids:
                key = material.name.strip()
                if key not in names:
                    names.append(key)
        return names

    @api.constrains("line_ids")
    def _check_lines(self):
        for bundle in self:
            items = bundle.line_ids.item_id
            if len(items.root_id) != len(bundle.line_ids):
                raise ValidationError(self.env._("Bundle %(b)s lists an item twice.", b=bundle.name))

    # -- the reduction report -------------------------------------------------------------------------
    def _reduction_figures(self):
        """Per bundle and in total: the baseline, the figure now and the reduction (%) of materials, steps and
        working days; the days now are the average of the completed bundle cases (the promised days while
        none is completed). The totals compare the sums over the bundles."""
        calendar = self.env["gov.hall.calendar"]
        done = self.env["gov.hall.bundle.case"].sudo().search([("bundle_id", "in", self.ids), ("state", "=", "done")])
        days_by_bundle = {}
        for bcase in done:
            days_by_bundle.setdefault(bcase.bundle_id.id, []).append(
                calendar.working_days_between(bcase.date_accepted, bcase.date_done))
        rows = []
        for bundle in self:
            spent = days_by_bundle.get(bundle.id)
            days_now = round(sum(spent) / len(spent), 1) if spent else bundle.planned_days
            rows.append({
                "bundle": bundle, "cases": len(spent or []),
                "materials": (bundle.baseline_materials, bundle.material_count,
                              pct(bundle.baseline_materials, bundle.material_count)),
                "steps": (bundle.baseline_steps, bundle.stage_count, pct(bundle.baseline_steps, bundle.stage_count)),
                "days": (bundle.baseline_days, days_now, pct(bundle.baseline_days, days_now)),
            })
        total = {}
        for key in ("materials", "steps", "days"):
            before = sum(r[key][0] for r in rows)
            after = round(sum(r[key][1] for r in rows), 1)
            total[key] = (before, after, pct(before, after))
        total["cases"] = sum(r["cases"] for r in rows)
        return {"rows": rows, "total": total}

    def action_print_reduction(self):
        return self.env.ref("gov_hall_intake.action_report_bundle_reduction").report_action(
            self or self.search([]))
