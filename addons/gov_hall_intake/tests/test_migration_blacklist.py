"""The upgrade to 19.0.1.2.0 on a database of the former version: the blacklist was a plain boolean column of
res.partner (gov_hall_base) with no credit record behind it. The test puts the database back in that state (the
flags set in the column, no record) and runs the migration script of the module itself
(migrations/19.0.1.2.0/post-migrate.py, its ``migrate(cr, version)`` as the upgrade runs it)."""
import importlib.util
import os

from dateutil.relativedelta import relativedelta

from odoo.modules.module import get_module_path
from odoo.tests import tagged

from odoo.addons.gov_hall_base.tools.dates import center_today
from odoo.addons.gov_hall_base.tools.protect import granted

from .common import GovIntakeCase


def load_migration(version, name="post-migrate.py"):
    path = os.path.join(get_module_path("gov_hall_intake"), "migrations", version, name)
    spec = importlib.util.spec_from_file_location(f"gov_hall_intake_migration_{version.replace('.', '_')}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestMigrationBlacklist(GovIntakeCase):

    def set_old_flags(self, partners):
        """The former state: the boolean set in the column, nothing else (no credit record, no end date)."""
        self.env.flush_all()
        self.env.cr.execute("UPDATE res_partner SET gov_blacklisted = TRUE, gov_credit_until = NULL WHERE id IN %s",
                            [tuple(partners.ids)])
        partners.invalidate_recordset(["gov_blacklisted", "gov_credit_until"])

    def test_upgrade_from_the_boolean(self):
        Record = self.env["gov.hall.credit.record"]
        person = self.citizen
        company = self.company_partner
        company.company_id = self.center2
        unflagged = self.env["res.partner"].create({"name": "未列入名单者"})
        # one partner flagged that already has a record in effect (an earlier, interrupted run): kept as it is
        kept = self.env["res.partner"].create({"name": "已有记录者"})
        self.set_old_flags(kept)
        existing = Record._gov_migrate_blacklist()
        self.assertEqual(existing.partner_id, kept)
        self.set_old_flags(person | company | kept)
        old = {p.id: Record.search_count([("partner_id", "=", p.id)]) for p in (person, company, kept, unflagged)}
        self.assertEqual(old[person.id] + old[company.id], 0, "the former state has no record behind the flag")

        migration = load_migration("19.0.1.2.0")
        migration.migrate(self.env.cr, "19.0.1.1.0")
        self.env.invalidate_all()

        for partner, center in ((person, self.env["res.company"].search([], order="id", limit=1)),
                                (company, self.center2)):
            rec = Record.search([("partner_id", "=", partner.id)])
            self.assertEqual(len(rec), 1, partner.name)
            self.assertEqual((rec.state, rec.reason, rec.company_id), ("active", "migrated", center))
            self.assertEqual(rec.date_start, center_today(center))
            self.assertEqual(rec.date_end, rec.date_start + relativedelta(years=3), "no lifetime entry")
            self.assertTrue(partner.gov_blacklisted)
            self.assertEqual(partner.gov_credit_until, rec.date_end)
            self.assertTrue(partner._gov_credit_warning())
        self.assertEqual(Record.search([("partner_id", "=", kept.id)]), existing)
        self.assertFalse(Record.search([("partner_id", "=", unflagged.id)]))
        self.assertFalse(unflagged.gov_blacklisted)

        # the upgrade run a second time (or the script on an already migrated database) adds nothing
        count = Record.search_count([])
        migration.migrate(self.env.cr, "19.0.1.1.0")
        self.assertEqual(Record.search_count([]), count)

        # the migrated entry ends like any record: credit repair by the center's administrator clears the flag
        rec = Record.search([("partner_id", "=", company.id)])
        rec.with_user(self.admin2).action_repair("已纠正失信行为并作出信用承诺")
        self.assertFalse(company.gov_blacklisted)
