"""The upgrade to 19.0.1.4.0: the record rules name "the applicant's own" by the applicant's commercial partner
instead of ``child_of`` (migrations/19.0.1.4.0/post-migrate.py rewrites the module's ``noupdate`` rules). The test
puts a former domain back, runs the module's own migration and checks what an applicant and a company's contact
then see."""
from odoo.tests import tagged

from .common import GovIntakeCase
from .test_migration_blacklist import load_migration

OLD = "['|', ('company_id', 'in', company_ids), ('case_id.applicant_id', 'child_of', user.commercial_partner_id.id)]"
NEW = ("['|', ('company_id', 'in', company_ids), "
       "('case_id.applicant_id.commercial_partner_id', '=', user.commercial_partner_id.id)]")


@tagged("post_install", "-at_install")
class TestMigrationRules(GovIntakeCase):

    def test_no_child_of_left(self):
        rules = self.env["ir.rule"].search([("model_id.model", "like", "gov.hall.")])
        self.assertFalse(rules.filtered(lambda r: "child_of" in (r.domain_force or "")),
                         "no rule of the cases searches the partners' hierarchy")

    def test_upgrade_rewrites_the_rules(self):
        rule = self.env.ref("gov_hall_intake.rule_case_fee_company")
        self.env.flush_all()
        self.env.cr.execute("UPDATE ir_rule SET domain_force = %s WHERE id = %s", [OLD, rule.id])
        rule.invalidate_recordset(["domain_force"])
        load_migration("19.0.1.4.0").migrate(self.env.cr, "19.0.1.3.0")
        rule.invalidate_recordset(["domain_force"])
        self.assertEqual(rule.domain_force, NEW)
        self.env.registry.clear_cache()

    def test_company_contact_sees_the_company_cases(self):
        """A contact of a company applicant sees the company's cases and their fees; another applicant does not."""
        contact = self.env["res.partner"].create({"name": "李会计", "parent_id": self.company_partner.id})
        user = self.env["res.users"].create({
            "name": "李会计", "login": "t_company_contact", "partner_id": contact.id,
            "group_ids": [(6, 0, [self.env.ref("gov_hall_base.group_gov_portal_applicant").id])]})
        case = self.accepted_case(partner=self.company_partner)
        other = self.accepted_case(partner=self.citizen)
        Case = self.env["gov.hall.case"].with_user(user)
        self.assertEqual(Case.search([("id", "in", (case | other).ids)]), case.with_user(user))
        self.assertTrue(case.with_user(user).has_access("read"))
        self.assertFalse(other.with_user(user).has_access("read"))
