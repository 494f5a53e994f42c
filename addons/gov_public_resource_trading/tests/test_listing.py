"""Listing (挂牌) of land, property and mining rights: periods, applications, deposits matched from a bank
statement, quotes and increments, the close (continue, reserve, no deal), the confirmation, the sealed
reserve price; property disclosure and relisting; one-shot quotes; mining minimums."""
import base64
import subprocess
import tempfile
import unicodedata
from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import freeze_time

from odoo.addons.gov_hall_base.tools.dates import center_date
from odoo.addons.gov_hall_base.tools.lang import center_env
from odoo.addons.gov_hall_base.tools.protect import granted

from ..tools import reserve_seal
from .common import T0, TradingCase

START = T0 + timedelta(days=21)  # Monday 23 March 2026
END = START + timedelta(days=16)  # Wednesday 8 April 2026


class ListingCase(TradingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.transferor = new_test_user(cls.env, login="t_transferor", name="梅县区自然资源局经办人",
                                       groups="base.group_user", company_id=cls.center.id,
                                       company_ids=[(6, 0, cls.center.ids)])

    @classmethod
    def make_listing(cls, kind="land", start=START, end=END, app_close=None, price=10_000_000, **vals):
        project = cls.env["gov.trading.project"].create({
            "name": "梅县区MX2026-01号地块国有建设用地使用权挂牌出让", "kind": kind, "method": "listing",
            "company_id": cls.center.id, "tenderer_id": cls.tenderer.id, "estimate_amount": price,
            "user_id": cls.trading.id})
        lot = cls.env["gov.trading.lot"].create({"project_id": project.id, "name": "MX2026-01号地块",
                                                 "estimate_amount": price, "scoring_method": "lowest_price"})
        close = app_close or end - timedelta(days=3)
        values = {"lot_id": lot.id, "start_price": price, "increment": 100_000, "date_start": start,
                  "date_end": end, "date_application_end": close, "date_deposit_cutoff": close,
                  "transferor_user_id": cls.transferor.id}
        values.update(vals)
        return cls.env["gov.trading.listing"].create(values)

    def seal_reserve(self, listing, value):
        sealed, key = reserve_seal.seal(listing.id, value)
        listing.with_user(self.transferor).sudo()._store_sealed_reserve(sealed)
        return key

    def announce(self, listing, when=T0):
        with freeze_time(when):
            listing.with_user(self.trading).action_announce()

    def apply_all(self, listing, bidders=None, when=None):
        return self.register(listing.lot_id, bidders or self.bidders[:3], when=when or T0 + timedelta(days=1))

    def statement(self, rows):
        lines = ["date,payer_name,payer_account,virtual_account,amount,reference"]
        lines += [",".join(str(v) for v in row) for row in rows]
        return base64.b64encode("\n".join(lines).encode())

    def pay_deposits(self, listing, regs, when=None):
        paid = (when or T0 + timedelta(days=2)).strftime("%Y-%m-%d %H:%M:%S")
        wizard = self.env["gov.trading.listing.statement.wizard"].with_user(self.trading).create({
            "listing_id": listing.id, "statement_file": self.statement([
                (paid, reg.bidder_id.name, f"62220{i}", reg.listing_virtual_account, listing.deposit_amount,
                 f"BANK{i}") for i, reg in enumerate(regs)])})
        wizard.action_import()
        return wizard

    def ready(self, listing, reserve=None, bidders=None):
        key = self.seal_reserve(listing, reserve) if reserve is not None else None
        self.announce(listing)
        regs = self.apply_all(listing, bidders)
        self.pay_deposits(listing, regs)
        regs.with_user(self.trading).action_listing_qualify()
        return regs, key

    def quote(self, listing, reg, amount, when=None):
        with freeze_time(when or START + timedelta(hours=1)):
            return self.portal("gov.trading.quote", reg.bidder_id).create({
                "listing_id": listing.id, "registration_id": reg.id, "amount": amount}).with_env(self.env)

    def close(self, listing, answers=(), decide=True):
        with freeze_time(END + timedelta(minutes=1)):
            listing.with_user(self.trading).action_close_listing()
            for reg, wants in answers:
                reg.with_user(reg.bidder_id.user_ids[:1]).sudo()._listing_answer_continue(wants)
        if decide:
            with freeze_time(END + timedelta(minutes=30)):
                listing.with_user(self.trading).action_decide()


@tagged("post_install", "-at_install")
class TestLandListing(ListingCase):

    def test_land_listing_three_bidders_sold_above_reserve(self):
        listing = self.make_listing()
        self.assertEqual(listing.lot_id.procedure, "listing", "land is listed by default")
        self.assertEqual(listing.deposit_amount, 2_000_000, "land deposit: 20% of the starting price by default")
        (a, b, c), key = self.ready(listing, reserve=10_250_000)
        self.assertEqual(len({a.listing_paddle, b.listing_paddle, c.listing_paddle}), 3)
        self.quote(listing, a, 10_000_000)  # the starting price
        self.quote(listing, b, 10_100_000)
        with self.assertRaisesRegex(UserError, "cannot raise its own quote"):
            self.quote(listing, b, 10_200_000)
        with self.assertRaisesRegex(UserError, "whole number of increments"):
            self.quote(listing, c, 10_150_000)
        with self.assertRaisesRegex(UserError, "whole number of increments"):
            self.quote(listing, c, 10_100_000)  # not above the current price
        q3 = self.quote(listing, c, 10_300_000)
        self.assertEqual(q3.increments, 2)
        # the host changes the increment during the listing: logged
        with freeze_time(START + timedelta(days=2)):
            listing.with_user(self.trading).write({"increment_next": 200_000})
            listing.with_user(self.trading).action_change_increment()
        self.assertEqual(listing.increment, 200_000)
        self.assertTrue(self.env["gov.trading.log"].search([("event", "=", "listing_increment"),
                                                             ("res_id", "=", listing.id)]))
        with self.assertRaisesRegex(UserError, "whole number of increments"):
            self.quote(listing, a, 10_400_000, when=START + timedelta(days=3))
        win = self.quote(listing, a, 10_500_000, when=START + timedelta(days=3))
        self.assertEqual(listing.current_price, 10_500_000)
        self.assertEqual(listing.leader_paddle, a.listing_paddle)
        # no withdrawal
        with self.assertRaisesRegex(UserError, "cannot be withdrawn"):
            win.unlink()
        self.assert_write_refused(self.bidder_users[0], win, {"amount": 1})
        self.assert_write_refused(self.trading, win, {"amount": 1})
        # the close: the highest quote announced, nobody continues, the reserve key, the sale
        self.close(listing, answers=[(a, False), (b, False), (c, False)])
        self.assertEqual(listing.state, "reserve")
        wizard = self.env["gov.trading.listing.reserve.wizard"].with_user(self.transferor).sudo().create(
            {"listing_id": listing.id, "key": key})
        wizard.action_confirm()
        self.assertEqual(listing.state, "sold")
        self.assertEqual(listing.reserve_price, 10_250_000)
        self.assertEqual(listing.final_price, 10_500_000)
        self.assertEqual(listing.winner_registration_id, a)
        close_day = listing.date_closed_day
        calendar = self.env["gov.hall.calendar"]
        self.assertEqual(listing.result_deadline, calendar.add_working_days(close_day, 10))
        # deposits: the winner's becomes earnest money, the others' go back within 5 working days, no interest
        self.assertEqual(a.deposit_ids.state, "earnest")
        for reg in (b, c):
            dep = reg.deposit_ids
            self.assertEqual(dep.state, "received")
            self.assertEqual(dep.refund_deadline, calendar.add_working_days(close_day, 5))
            self.assertEqual(dep.interest_amount, 0.0)
        # the confirmation, the contract deadline, the PDF with its Chinese title and the amount in capitals
        with freeze_time(END + timedelta(days=1)):
            listing.with_user(self.trading).action_sign_confirmation()
            listing.with_user(self.trading).action_publish_result()
        self.assertEqual(listing.contract_deadline,
                         calendar.add_working_days(listing.date_confirmation, listing.contract_days))
        pdf, _ext = self.env["ir.actions.report"].with_context(force_report_rendering=True)._render_qweb_pdf(
            "gov_public_resource_trading.action_report_listing_confirmation", listing.ids)
        with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
            f.write(pdf)
            f.flush()
            text = unicodedata.normalize("NFKC", subprocess.run(["pdftotext", f.name, "-"], capture_output=True,
                                                                check=True).stdout.decode())
        self.assertIn("成交确认书", text)
        self.assertIn("壹仟零伍拾万元整", text.replace(" ", ""))
        # the listing period in the center's days (Beijing), not UTC
        self.assertIn(str(center_date(listing.date_end, listing.company_id)), text)
        result = listing.project_id.announcement_ids.filtered(lambda ann: ann.kind == "result")
        self.assertTrue(result.attachment_id)
        # the daily cron lights the contract deadline once it passed: one alert, however often it runs
        late = calendar.add_working_days(listing.contract_deadline, 1)
        self.env["gov.trading.lot"]._cron_alerts(today=late)
        self.env["gov.trading.lot"]._cron_alerts(today=late)
        alerts = self.env["mail.activity"].search([("res_model", "=", "gov.trading.listing"),
                                                   ("res_id", "=", listing.id), ("gov_deadline", "=", "contract_deadline")])
        self.assertEqual(len(alerts), 1)
        self.assertEqual(listing.supervision_color, "red")
        with freeze_time(END + timedelta(days=5)):
            listing.with_user(self.trading).action_record_contract()
        self.assertFalse(alerts.filtered("active"), "recording the contract marks its alert done")
        self.assertEqual(listing.state, "contracted")
        self.assertEqual(listing.lot_id.state, "contracted")

    def test_below_reserve_no_deal(self):
        listing = self.make_listing()
        (a, b, c), key = self.ready(listing, reserve=12_000_000)
        self.quote(listing, a, 10_000_000)
        self.quote(listing, b, 10_100_000)
        self.close(listing, answers=[(a, False), (b, False), (c, False)])
        listing.with_user(self.transferor).sudo()._open_reserve(key)
        self.assertEqual(listing.state, "no_deal")
        self.assertEqual(listing.no_deal_reason, center_env(listing).env._(
            "The highest quote %(amount).2f is below the reserve price: no deal (MLR Order No. 39, art. 21).",
            amount=10_100_000))
        self.assertEqual(listing.lot_id.state, "failed")
        self.assertTrue(all(d.state == "received" and d.refund_start == listing.date_closed_day
                            for d in (a | b | c).deposit_ids))

    def test_bidder_wants_to_continue_handed_to_live_bidding(self):
        listing = self.make_listing()
        (a, b, c), _key = self.ready(listing, reserve=10_000_000)
        self.quote(listing, a, 10_000_000)
        self.quote(listing, b, 10_100_000)
        self.close(listing, answers=[(a, True)])
        self.assertEqual(listing.state, "live_bidding")
        entry = self.env["gov.trading.log"].search([("event", "=", "listing_handover"), ("res_id", "=", listing.id)])
        self.assertIn(a.listing_paddle, entry.payload)
        self.assertFalse(listing.reserve_opened, "the reserve stays sealed for the live bidding")

    def test_decide_waits_for_the_answers(self):
        listing = self.make_listing()
        (a, _b, _c), _key = self.ready(listing)
        self.quote(listing, a, 10_000_000)
        self.close(listing, answers=[(a, False)], decide=False)
        with freeze_time(END + timedelta(minutes=2)), self.assertRaisesRegex(UserError, "may answer until"):
            listing.with_user(self.trading).action_decide()

    def test_applications_after_the_cut_off_refused(self):
        listing = self.make_listing()
        self.announce(listing)
        with self.assertRaisesRegex(UserError, "closed on"):
            self.apply_all(listing, self.bidders[:1], when=listing.date_application_end + timedelta(hours=1))
        self.assertFalse(listing.lot_id.registration_ids)

    def test_quote_needs_deposit_and_qualification(self):
        listing = self.make_listing()
        self.announce(listing)
        (a,) = self.apply_all(listing, self.bidders[:1])
        with self.assertRaisesRegex(UserError, "may not quote yet"):
            self.quote(listing, a, 10_000_000)
        self.pay_deposits(listing, a)
        with self.assertRaisesRegex(UserError, "may not quote yet"):
            self.quote(listing, a, 10_000_000)  # qualification before bidding
        a.with_user(self.trading).action_listing_qualify()
        self.quote(listing, a, 10_000_000)

    def test_deposit_matching_from_statement(self):
        listing = self.make_listing()
        self.announce(listing)
        a, b, c = self.apply_all(listing)
        late = (listing.date_deposit_cutoff + timedelta(hours=1)).strftime("%Y-%m-%d %H:%M:%S")
        ok = (T0 + timedelta(days=2)).strftime("%Y-%m-%d %H:%M:%S")
        wizard = self.env["gov.trading.listing.statement.wizard"].with_user(self.trading).create({
            "listing_id": listing.id, "statement_file": self.statement([
                (ok, a.bidder_id.name, "622201", a.listing_virtual_account, "2000000.00", "B1"),
                (ok, "某某代付公司", "622202", b.listing_virtual_account, "2000000.00", "B2"),
                (late, c.bidder_id.name, "622203", c.listing_virtual_account, "2000000.00", "B3"),
                (ok, c.bidder_id.name, "622203", "999999999", "2000000.00", "B4"),
                (ok, c.bidder_id.name, "622203", c.listing_virtual_account, "1000.00", "B5"),
            ])})
        wizard.action_import()
        self.assertEqual(wizard.matched_count, 1)
        self.assertEqual(a.deposit_ids.state, "received")
        self.assertFalse(b.deposit_ids, "paid from someone else's account")
        self.assertFalse(c.deposit_ids, "late, unknown sub-account, short amount")
        self.assertIn("not from the account of the bidder", wizard.result)
        self.assertIn("after the deposit cut-off", wizard.result)
        with self.assertRaisesRegex(UserError, "lacks the columns"):
            self.env["gov.trading.listing.statement.wizard"].with_user(self.trading).create({
                "listing_id": listing.id, "statement_file": base64.b64encode(b"a,b\n1,2")}).action_import()

    def test_electronic_guarantee_verified_by_staff(self):
        listing = self.make_listing()
        self.announce(listing)
        (a,) = self.apply_all(listing, self.bidders[:1])
        dep = self.declare_deposit({"registration_id": a.id, "amount": 2_000_000, "bank_reference": "EG-1",
                                    "payment_method": "e_guarantee", "guarantee_number": "BH2026001",
                                    "guarantee_issuer": "中国银行梅州分行"})
        self.assertFalse(a._listing_deposit_ok())
        with freeze_time(T0 + timedelta(days=2)):
            dep.with_user(self.trading).action_verify_guarantee()
        self.assertTrue(a._listing_deposit_ok())

    def test_land_periods(self):
        # announcement at least 20 days before the start
        listing = self.make_listing(start=T0 + timedelta(days=15), end=T0 + timedelta(days=31))
        with freeze_time(T0), self.assertRaisesRegex(ValidationError, "at least 20 days before"):
            listing.with_user(self.trading).action_announce()
        self.assertEqual(listing.state, "draft")
        # listing at least 10 calendar days (national floor)
        self.center.gov_land_listing_working_days = 0
        with self.assertRaisesRegex(ValidationError, "at least 10 days"):
            self.make_listing(end=START + timedelta(days=9))
        self.make_listing(end=START + timedelta(days=10), app_close=START + timedelta(days=8))
        # the center's stricter rule in working days
        self.center.gov_land_listing_working_days = 12
        with self.assertRaisesRegex(ValidationError, "at least 12 working days"):
            self.make_listing(end=START + timedelta(days=11), app_close=START + timedelta(days=8))
        # applications close at least 2 days before the end
        self.center.gov_land_listing_working_days = 10
        with self.assertRaisesRegex(ValidationError, "at least 2 days before"):
            self.make_listing(app_close=END - timedelta(days=1))

    def test_announced_listing_is_locked(self):
        listing = self.make_listing()
        self.announce(listing)
        with self.assertRaisesRegex(UserError, "no longer change"):
            listing.with_user(self.trading).write({"start_price": 1_000_000})
        self.assert_write_refused(self.trading, listing, {"state": "sold"})
        self.assert_write_refused(self.trading, listing, {"final_price": 1.0})
        self.assert_write_refused(self.admin_user, listing, {"increment": 1.0})


@tagged("post_install", "-at_install")
class TestReserveSecrecy(ListingCase):

    VALUE = 13_579_246.0

    def _scan(self, needles):
        """Every text column of our tables, ir.attachment and ir.config_parameter holding one of ``needles``."""
        self.env.flush_all()
        cr = self.env.cr
        cr.execute("""SELECT table_name, column_name FROM information_schema.columns
                       WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'bytea')
                         AND (table_name LIKE 'gov\\_%%' OR table_name IN ('ir_attachment', 'ir_config_parameter',
                              'mail_message', 'mail_tracking_value'))""")
        hits = []
        for table, column in cr.fetchall():
            for needle in needles:
                cr.execute(f'SELECT count(*) FROM "{table}" WHERE position(%s in "{column}"::text) > 0', [needle])
                if cr.fetchone()[0]:
                    hits.append((table, column, needle))
        return hits

    def test_reserve_sealed_until_the_close(self):
        listing = self.make_listing()
        sealed, key = reserve_seal.seal(listing.id, self.VALUE)
        with self.assertRaises(AccessError):  # only the transferor's official seals
            listing.with_user(self.trading).sudo()._store_sealed_reserve(sealed)
        listing.with_user(self.transferor).sudo()._store_sealed_reserve(sealed)
        (a, b, _c), _ = self.ready(listing)
        self.quote(listing, a, 13_600_000)
        # nobody reads it: not the staff, not the administrator
        for user in (self.trading, self.admin_user):
            self.assertFalse(listing.with_user(user).reserve_price)
            self.assertFalse(listing.with_user(user).read(["reserve_price"])[0]["reserve_price"])
        with self.assertRaises(AccessError):
            listing.with_user(self.trading).read(["reserve_ciphertext"])
        self.assertFalse(listing.sudo().reserve_price)
        # neither the value nor its key is stored anywhere
        key_b64 = base64.b64encode(bytes.fromhex(key)).decode()
        needles = ["13579246", "13,579,246", key, key.upper(), key_b64]
        self.assertEqual(self._scan(needles), [])
        # the commitment is published with the announcement
        ann = listing.project_id.announcement_ids.filtered(lambda x: x.kind == "listing")
        self.assertIn(listing.reserve_commitment, ann.body)
        self.close(listing, answers=[(a, False), (b, False)])
        self.assertEqual(listing.state, "reserve")
        with self.assertRaisesRegex(UserError, "does not open"):
            listing.with_user(self.transferor).sudo()._open_reserve("00" * 32)
        with self.assertRaises(AccessError):
            listing.with_user(self.bidder_users[0]).sudo()._open_reserve(key)
        # a commitment changed behind the transferor's back is caught
        good = listing.reserve_commitment
        with granted(listing):
            listing.sudo().reserve_commitment = "0" * 64
        with self.assertRaisesRegex(UserError, "does not match"):
            listing.with_user(self.transferor).sudo()._open_reserve(key)
        with granted(listing):
            listing.sudo().reserve_commitment = good
        listing.with_user(self.transferor).sudo()._open_reserve(key)
        self.assertEqual(listing.reserve_price, self.VALUE)
        self.assertEqual(reserve_seal.commitment(listing.reserve_salt, listing.reserve_price), good)
        self.assertEqual(listing.state, "sold")

    def test_sealing_only_before_the_announcement(self):
        listing = self.make_listing()
        self.announce(listing)
        sealed, _key = reserve_seal.seal(listing.id, self.VALUE)
        with self.assertRaisesRegex(UserError, "before the announcement"):
            listing.with_user(self.transferor).sudo()._store_sealed_reserve(sealed)
        self.assert_write_refused(self.admin_user, listing, {"reserve_commitment": "a" * 64})


@tagged("post_install", "-at_install")
class TestPropertyListing(ListingCase):

    def make_property(self, **vals):
        values = {"kind": "property", "appraisal_amount": 8_000_000, "price": 8_000_000,
                  "start": T0 + timedelta(days=1), "end": T0 + timedelta(days=35),
                  "app_close": T0 + timedelta(days=32),
                  "deposit_amount": 800_000, "deposit_forfeit_conditions": "竞买人违约或中标后拒签合同的，保证金不予退还。",
                  "preemption_record": "其他股东已书面声明放弃优先购买权。"}
        values.update(vals)
        return self.make_listing(**values)

    def test_disclosure_periods(self):
        short = self.make_property(end=T0 + timedelta(days=20), app_close=T0 + timedelta(days=18))
        with freeze_time(T0), self.assertRaisesRegex(ValidationError, "at least 20 working days"):
            short.with_user(self.trading).action_announce()
        control = self.make_property(control_change=True)
        with freeze_time(T0), self.assertRaisesRegex(ValidationError, "pre-disclosure date"):
            control.with_user(self.trading).action_announce()
        control.date_predisclosure = T0.date() - timedelta(days=10)
        with freeze_time(T0), self.assertRaisesRegex(ValidationError, "pre-disclosed for at least 20 working days"):
            control.with_user(self.trading).action_announce()
        control.date_predisclosure = T0.date() - timedelta(days=50)
        self.announce(control)
        self.assertEqual(control.state, "announced")
        missing = self.make_property(deposit_forfeit_conditions=False)
        with freeze_time(T0), self.assertRaisesRegex(UserError, "deposit is forfeited"):
            missing.with_user(self.trading).action_announce()

    def test_floor_not_below_appraisal_and_relisting(self):
        with self.assertRaisesRegex(ValidationError, "not below the appraised value"):
            self.make_property(price=7_900_000)
        listing = self.make_property()
        self.announce(listing)
        with freeze_time(T0 + timedelta(days=36)):
            listing.with_user(self.trading).action_close_listing()
        with freeze_time(T0 + timedelta(days=36, hours=1)):
            listing.with_user(self.trading).action_decide()
        self.assertEqual(listing.state, "no_deal")
        # relisting lower: a new draft listing with its own disclosure; below 90% a written approval
        with self.assertRaisesRegex(ValidationError, "written approval"):
            listing.with_user(self.trading).action_relist(start_price=7_000_000)
        action = listing.with_user(self.trading).action_relist(start_price=7_600_000)
        relist = self.env["gov.trading.listing"].browse(action["res_id"])
        self.assertEqual((relist.state, relist.relist_of_id, relist.start_price), ("draft", listing, 7_600_000))
        self.assertNotEqual(relist.lot_id, listing.lot_id)
        with freeze_time(T0 + timedelta(days=40)), self.assertRaisesRegex(ValidationError, "20 working days"):
            relist.with_user(self.trading).action_announce()  # the old period does not count again
        action = listing.with_user(self.trading).action_relist(start_price=7_000_000,
                                                               lower_price_approval="梅国资产权〔2026〕12号")
        self.assertEqual(self.env["gov.trading.listing"].browse(action["res_id"]).start_price, 7_000_000)

    def test_one_shot_tie_goes_to_the_earliest(self):
        listing = self.make_property(mode="one_shot")
        self.announce(listing)
        a, b, c = self.apply_all(listing)
        self.pay_deposits(listing, a | b | c)
        (a | b | c).with_user(self.trading).action_listing_qualify()
        with freeze_time(T0 + timedelta(days=3)):
            listing.with_user(self.trading).action_send_eligibility()
        self.assertTrue(listing.eligibility_sent)
        self.quote(listing, b, 8_500_000, when=T0 + timedelta(days=5))
        self.quote(listing, a, 8_500_000, when=T0 + timedelta(days=6))
        with self.assertRaisesRegex(UserError, "below the floor"):
            self.quote(listing, c, 7_999_000, when=T0 + timedelta(days=7))
        self.quote(listing, c, 8_200_000, when=T0 + timedelta(days=7))
        with self.assertRaisesRegex(UserError, "given once"):
            self.quote(listing, a, 9_000_000, when=T0 + timedelta(days=8))
        with freeze_time(T0 + timedelta(days=36)):
            listing.with_user(self.trading).action_close_listing()
        with freeze_time(T0 + timedelta(days=36, hours=1)):
            listing.with_user(self.trading).action_decide()
        self.assertEqual(listing.state, "sold")
        self.assertEqual(listing.winner_registration_id, b, "equal one-shot quotes: the earliest wins")


@tagged("post_install", "-at_install")
class TestMiningListing(ListingCase):

    def test_mining_settings_and_three_bidders(self):
        self.assertEqual((self.center.gov_mining_announcement_days, self.center.gov_mining_listing_working_days),
                         (20, 10))
        with self.assertRaisesRegex(ValidationError, "never less"):
            self.center.gov_mining_listing_working_days = 5
        self.center.gov_mining_listing_working_days = 14
        with self.assertRaisesRegex(ValidationError, "at least 14 working days"):
            self.make_listing(kind="mining")
        self.center.gov_mining_listing_working_days = 10
        self.center.gov_mining_announcement_days = 25
        listing = self.make_listing(kind="mining")
        with freeze_time(T0), self.assertRaisesRegex(ValidationError, "at least 25 days before"):
            listing.with_user(self.trading).action_announce()
        self.center.gov_mining_announcement_days = 20
        (a, b), _ = self.ready(listing, bidders=self.bidders[:2])
        self.quote(listing, a, 10_000_000)
        self.close(listing, answers=[(a, False), (b, False)])
        self.assertEqual(listing.state, "no_deal")
        self.assertEqual(listing.no_deal_reason, center_env(listing).env._(
            "Fewer than 3 bidders (%(count)s): no deal (Mining Rights Transfer Rules, MNR [2023] No. 1).", count=2))


@tagged("post_install", "-at_install")
class TestRightsByTenderOrAuction(ListingCase):
    """Land, property and mining rights may also be tendered or auctioned: the project's method decides the
    procedure; a tender keeps its announcement period and, for mining rights, its 3 bidders."""

    def test_procedure_follows_the_method(self):
        for method, procedure in (("listing", "listing"), ("auction", "auction"), ("open", "tender")):
            _project, lot = self.make_project(kind="mining", method=method)
            self.assertEqual(lot.procedure, procedure)
        with self.assertRaisesRegex(ValidationError, "land, property and mining"):
            self.make_project(kind="construction", method="auction")

    def test_rights_tender_announcement_periods(self):
        with self.assertRaisesRegex(ValidationError, "at least 20 days before the tender"):
            self.make_project(kind="land", deadline_days=15)
        self.center.gov_mining_announcement_days = 25
        with self.assertRaisesRegex(ValidationError, "at least 25 days before the tender"):
            self.make_project(kind="mining", deadline_days=21)
        with self.assertRaisesRegex(ValidationError, "at least 20 working days"):
            self.make_project(kind="property", deadline_days=21)
        _project, lot = self.make_project(kind="property", deadline_days=30)
        self.assertEqual(lot.procedure, "tender")

    def test_mining_tender_needs_three_bidders(self):
        _project, lot = self.make_project(kind="mining", deadline_days=25)
        self.publish(lot)
        regs = self.register(lot, self.bidders[:2])
        for reg, price in zip(regs, (12_000_000, 12_100_000)):
            self.seal_bid(reg, price)
        self.open_lot(lot)
        self.assertEqual(lot.state, "failed")
        self.assertEqual(lot.failure_reason, center_env(lot).env._(
            "Only %(count)s bids were received by the deadline, fewer than %(min)s: no opening "
            "(Bidding Law, art. 28).", count=2, min=3))

    def test_rights_tender_ranks_the_highest_price_first(self):
        """A tender that sells a land-use right ranks the highest price first (ties to the higher price) and
        counts no saving on a budget."""
        _project, lot = self.make_project(kind="land", estimate=10_000_000, deposit=0, criteria=False,
                                          scoring_method="lowest_price")
        self.publish(lot)
        prices = (10_200_000, 10_800_000, 10_500_000)
        regs = self.register(lot, self.bidders[:3])
        keys = [self.seal_bid(reg, price) for reg, price in zip(regs, prices)]
        self.open_lot(lot)
        with freeze_time(lot.date_bid_deadline + timedelta(minutes=5)):
            for bid, key in keys:
                self.decrypt(bid, key)
        with granted(lot):
            lot._compute_ranking()
        ranked = lot.bid_ids.sorted("rank")
        self.assertEqual(ranked.mapped("price"), [10_800_000, 10_500_000, 10_200_000])
        with granted(lot):
            lot.write({"state": "awarded", "award_amount": 10_800_000, "date_award": "2026-04-01"})
        self.assertEqual((lot.saving_amount, lot.project_id.saving_amount), (0.0, 0.0))

    def test_rights_tender_deposit_not_capped_at_two_percent(self):
        _project, lot = self.make_project(kind="mining", estimate=36_000_000, deposit=7_200_000)
        self.assertEqual(lot.deposit_amount, 7_200_000, "a mining right's deposit is set in its announcement")
        with self.assertRaisesRegex(ValidationError, "2%"):
            self.make_project(kind="procurement", estimate=1_000_000, deposit=30_000)
