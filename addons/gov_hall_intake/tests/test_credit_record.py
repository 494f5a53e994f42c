from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import freeze_time

from odoo.addons.gov_hall_base.tools.protect import granted

from .common import GovIntakeCase


class CreditCase(GovIntakeCase):
    """Helpers: a credit record taken through notice and hearing to effect."""

    def draft_record(self, partner=None, **vals):
        return self.env["gov.hall.credit.record"].with_user(self.supervisor).create(dict({
            "partner_id": (partner or self.citizen).id, "company_id": self.center.id, "reason": "false_materials",
            "description": "2026年3月申请社会保障卡时提交伪造的户口簿",
        }, **vals))

    def active_record(self, partner=None, **vals):
        rec = self.draft_record(partner, **vals)
        rec.action_notify()
        rec.action_record_hearing("本人对材料虚假无异议")
        rec.action_activate()
        return rec


@tagged("post_install", "-at_install")
class TestCreditRecord(CreditCase):

    def test_notice_and_hearing_before_effect(self):
        rec = self.draft_record()
        self.assertEqual(rec.date_end, rec.date_start + relativedelta(years=1))
        with self.assertRaisesRegex(UserError, "Notify the person"):
            rec.action_activate()
        rec.action_notify()
        self.assertEqual(rec.state, "notified")
        self.assertEqual(rec.hearing_deadline, self.env["gov.hall.calendar"].add_working_days(self.today(), 5))
        self.assertIn(self.citizen, rec.message_ids.partner_ids)
        with self.assertRaisesRegex(UserError, "may state their case until"):
            rec.action_activate()
        self.assertFalse(self.citizen.gov_blacklisted)
        rec.action_record_hearing("材料系中介代办,本人不知情")
        rec.action_activate()
        self.assertEqual(rec.state, "active")
        self.assertEqual(rec.approver_id, self.supervisor)
        self.assertTrue(self.citizen.gov_blacklisted)

    def test_effect_after_the_hearing_time(self):
        rec = self.draft_record()
        rec.action_notify()
        with freeze_time(rec.hearing_deadline + timedelta(days=2)):
            rec.action_activate()
        self.assertEqual(rec.state, "active")

    def test_no_lifetime_entry(self):
        rec = self.draft_record()
        with self.assertRaisesRegex(ValidationError, "no lifetime entry"):
            rec.date_end = rec.date_start + relativedelta(years=30)
        self.assertEqual(rec.date_end, rec.date_start + relativedelta(years=1))

    def test_statutory_bars(self):
        # the bars of art. 78/79 only on a licence touching safety, for at least the years of the law
        with self.assertRaisesRegex(ValidationError, "apply only to licences directly concerning"):
            self.draft_record(statutory_bar="art78", bar_item_id=self.item.id)
        with granted(self.item_leader):
            self.item_leader.touches_safety = True
        with self.assertRaisesRegex(ValidationError, "lasts 3 year"):
            self.draft_record(statutory_bar="art79", bar_item_id=self.item_leader.id,
                              date_end=self.today() + relativedelta(years=1))
        rec = self.active_record(statutory_bar="art79", bar_item_id=self.item_leader.id, reason="fraud")
        self.assertEqual(rec.date_end, rec.date_start + relativedelta(years=3))
        case = self.new_case(self.item_leader)
        with self.assertRaisesRegex(UserError, "may not apply for 食品经营许可 again until"):
            case.action_accept()
        self.assertEqual(case.state, "draft")
        # another item is not barred
        self.accepted_case(self.item)
        with self.assertRaisesRegex(UserError, "set by law"):
            rec.action_repair("已整改")

    def test_effects_at_intake(self):
        self.active_record()
        case = self.new_case()
        self.assertIn("bad credit record in effect", case.applicant_credit_warning)
        case.material_line_ids.filtered("tolerable").received = False
        case.commitment = "承诺五个工作日内补交照片"
        with self.assertRaisesRegex(ValidationError, "bad credit record in effect: missing materials cannot"):
            case.action_accept()
        self.assertEqual(case.state, "draft")
        # another applicant is not warned
        other = self.new_case(partner=self.company_partner)
        self.assertFalse(other.applicant_credit_warning)

    def test_warning_in_the_intake_wizard(self):
        self.active_record()
        Wizard = self.env["gov.hall.intake.wizard"].with_user(self.clerk)
        self.assertIn("bad credit record in effect", Wizard.new({"applicant_id": self.citizen.id}).credit_warning)
        # a new applicant typed at the window by the number of a partner on file
        self.assertIn("bad credit record in effect",
                      Wizard.new({"applicant_id_number": "361102198503120029"}).credit_warning)
        self.assertFalse(Wizard.new({"applicant_id": self.company_partner.id}).credit_warning)

    def test_repair_and_expiry_end_it(self):
        rec = self.active_record()
        with self.assertRaisesRegex(UserError, "states its grounds"):
            rec.action_repair("")
        rec.action_repair("已主动纠正并签署信用承诺书")
        self.assertEqual((rec.state, rec.end_reason), ("ended", "repaired"))
        self.assertFalse(self.citizen.gov_blacklisted)
        rec2 = self.active_record()
        self.assertTrue(self.citizen.gov_blacklisted)
        ended = self.env["gov.hall.credit.record"]._cron_expire(today=rec2.date_end)
        self.assertNotIn(rec2.id, ended)
        ended = self.env["gov.hall.credit.record"]._cron_expire(today=rec2.date_end + timedelta(days=1))
        self.assertIn(rec2.id, ended)
        self.assertEqual((rec2.state, rec2.end_reason), ("ended", "expired"))
        self.assertFalse(self.citizen.gov_blacklisted)

    def test_withdrawn_after_hearing(self):
        rec = self.draft_record()
        rec.action_notify()
        rec.action_record_hearing("提交了公证书,材料属实")
        rec.action_withdraw("陈述申辩成立")
        self.assertEqual(rec.state, "cancel")
        self.assertFalse(self.citizen.gov_blacklisted)
        with self.assertRaisesRegex(UserError, "keeps its facts"):
            rec.with_user(self.supervisor).write({"description": "改写"})

    def test_who_may(self):
        with self.assertRaises(AccessError):
            self.env["gov.hall.credit.record"].with_user(self.clerk).create({
                "partner_id": self.citizen.id, "reason": "other", "description": "x"})
        rec = self.env["gov.hall.credit.record"].with_user(self.reviewer).create({
            "partner_id": self.citizen.id, "reason": "other", "description": "x", "company_id": self.center.id})
        with self.assertRaises(AccessError):
            rec.with_user(self.reviewer).action_notify()
        for user in (self.reviewer, self.supervisor, self.admin_user):
            self.assert_write_refused(user, rec, {"state": "active"})
            self.assert_write_refused(user, rec, {"approver_id": user.id})
            self.assert_write_refused(user, rec, {"hearing_date": self.today()})
            self.assert_write_refused(user, self.citizen, {"gov_blacklisted": True})
        self.assert_call_refused(self.clerk, rec, "action_activate")
        # the other center does not see it
        with self.assertRaises(AccessError):
            rec.with_user(self.admin2).read(["description"])

    def test_migration_of_the_flag(self):
        self.env.flush_all()
        self.env.cr.execute("UPDATE res_partner SET gov_blacklisted = TRUE WHERE id = %s", [self.citizen.id])
        self.citizen.invalidate_recordset()
        records = self.env["gov.hall.credit.record"]._gov_migrate_blacklist()
        rec = records.filtered(lambda r: r.partner_id == self.citizen)
        self.assertEqual((rec.state, rec.reason), ("active", "migrated"))
        self.assertEqual(rec.date_end, rec.date_start + relativedelta(years=3))
        self.assertTrue(self.citizen.gov_blacklisted)
        # run twice: nothing more
        self.assertFalse(self.env["gov.hall.credit.record"]._gov_migrate_blacklist().filtered(
            lambda r: r.partner_id == self.citizen))
