"""The intake's hot path: case numbers from the center's yearly sequence (the day's range is looked up once,
and a range that changed or went away is looked up again); one chatter message for an intake."""
import datetime

from odoo.tests import tagged

from .common import GovIntakeCase


@tagged("post_install", "-at_install")
class TestCaseNumbering(GovIntakeCase):

    def test_numbers_follow_the_yearly_range(self):
        Case = self.env["gov.hall.case"]
        day = datetime.date(2031, 3, 2)
        first = Case._next_number(self.center, "case", day)
        second = Case._next_number(self.center, "case", day)
        self.assertIn("2031", first)
        self.assertEqual(int(second[-6:]), int(first[-6:]) + 1)
        # the next year starts its own range and count
        next_year = Case._next_number(self.center, "case", datetime.date(2032, 1, 5))
        self.assertIn("2032", next_year)
        self.assertEqual(int(next_year[-6:]), 1)
        # the 2031 range removed by an administrator: the next number of 2031 comes from a new range
        seq_id = Case._gov_sequence_id(self.center.id, "gov.hall.case")
        Range = self.env["ir.sequence.date_range"].sudo()
        Range.search([("sequence_id", "=", seq_id), ("date_from", "<=", day), ("date_to", ">=", day)]).unlink()
        again = Case._next_number(self.center, "case", day)
        self.assertIn("2031", again)
        self.assertTrue(Range.search([("sequence_id", "=", seq_id), ("date_from", "<=", day), ("date_to", ">=", day)]))
        # a range shortened so that the day falls outside it is not used for that day
        rng = Range.search([("sequence_id", "=", seq_id), ("date_from", "<=", day), ("date_to", ">=", day)])
        rng.date_to = datetime.date(2031, 3, 1)
        moved = Case._next_number(self.center, "case", day)
        self.assertIn("2031", moved)
        self.assertTrue(Range.search([("sequence_id", "=", seq_id), ("date_from", "<=", day), ("date_to", ">=", day)]))

    def test_accepted_cases_numbered_in_order(self):
        a, b = self.accepted_case(), self.accepted_case()
        self.assertEqual(a.name[:-6], b.name[:-6])
        self.assertEqual(int(b.name[-6:]), int(a.name[-6:]) + 1)

    def test_wizard_intake_logs_one_message(self):
        """Received and accepted through the wizard: the chatter starts with the acceptance (its number and
        deadline), without a separate creation line; the tasks created by routing keep theirs."""
        wizard = self.env["gov.hall.intake.wizard"].with_user(self.clerk).create({
            "company_id": self.center.id, "window_id": self.window_zh.id, "applicant_id": self.citizen.id,
            "item_id": self.item.id})
        wizard._onchange_item_id()
        wizard.line_ids.write({"received": True})
        wizard.action_accept()
        case = self.env["gov.hall.case"].search([("applicant_id", "=", self.citizen.id)])
        logs = case.message_ids.filtered(lambda m: m.message_type == "notification" and not m.tracking_value_ids)
        self.assertEqual(len(logs), 1, logs.mapped("body"))
        self.assertIn("Accepted as %s" % case.name, logs.body)
        self.assertFalse(self.env.context.get("mail_create_nolog"))
        self.assertTrue(case.task_ids)
