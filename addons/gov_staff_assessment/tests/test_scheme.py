from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import AssessmentCase


@tagged("post_install", "-at_install")
class TestScheme(AssessmentCase):

    def test_standard_items_total_100(self):
        self.assertEqual(self.scheme.window_base_total, 100)
        self.assertEqual(self.scheme.staff_base_total, 100)
        self.assertEqual(set(self.scheme.item_ids.dimension_id.mapped("code")),
                         {"mechanism", "online", "efficiency", "standard", "building",
                          "conduct", "skills", "quality", "lawful", "honors"})

    def test_overlapping_scheme_rejected(self):
        other = self.env["gov.assessment.scheme"].create({
            "name": "重复方案", "company_id": self.center.id, "date_from": "2026-06-01", "date_to": "2027-05-31"})
        other.action_load_standard_items()
        with self.assertRaisesRegex(ValidationError, "overlaps"):
            other.action_activate()
        self.assertEqual(other.state, "draft")
        self.assertEqual(self.scheme.state, "active")

    def test_copy_to_next_period(self):
        action = self.scheme.action_copy_next_period()
        new = self.env["gov.assessment.scheme"].browse(action["res_id"])
        self.assertEqual(str(new.date_from), "2027-01-01")
        self.assertEqual(str(new.date_to), "2027-12-31")
        self.assertEqual(new.state, "draft")
        self.assertEqual(sorted(new.item_ids.mapped("code")), sorted(self.scheme.item_ids.mapped("code")))
        self.assertEqual(new.staff_base_total, 100)
        self.assertFalse(new.item_ids & self.scheme.item_ids)
        new.action_activate()  # no overlap with 2026

    def test_item_rules(self):
        draft = self.env["gov.assessment.scheme"].create({
            "name": "草稿", "company_id": self.center.id, "date_from": "2030-01-01", "date_to": "2030-12-31"})
        dim = self.env.ref("gov_staff_assessment.dimension_staff_conduct")
        Item = self.env["gov.assessment.item"]
        with self.assertRaisesRegex(ValidationError, "cannot deduct more than its base"):
            Item.create({"scheme_id": draft.id, "code": "X1", "name": "x", "dimension_id": dim.id,
                         "kind": "deduction", "base": 5, "cap": 10, "points": 1})
        with self.assertRaisesRegex(ValidationError, "needs the rule"):
            Item.create({"scheme_id": draft.id, "code": "X2", "name": "x", "dimension_id": dim.id,
                         "mode": "auto", "points": 1})
        with self.assertRaisesRegex(ValidationError, "needs the check"):
            Item.create({"scheme_id": draft.id, "code": "X3", "name": "x", "dimension_id": dim.id,
                         "mode": "auto", "source": "inspection", "points": 1})
        Item.create({"scheme_id": draft.id, "code": "X4", "name": "x", "dimension_id": dim.id, "mode": "auto",
                     "source": "training", "points": 1, "base": 5})
        with self.assertRaisesRegex(ValidationError, "same rule"):
            Item.create({"scheme_id": draft.id, "code": "X5", "name": "y", "dimension_id": dim.id, "mode": "auto",
                         "source": "training", "points": 1, "base": 5})
        window_dim = self.env.ref("gov_staff_assessment.dimension_window_standard")
        with self.assertRaisesRegex(ValidationError, "does not apply"):
            Item.create({"scheme_id": draft.id, "code": "X6", "name": "z", "dimension_id": window_dim.id,
                         "mode": "auto", "source": "training", "points": 1})
        self.assertEqual(draft.item_ids.mapped("code"), ["X4"])
        with self.assertRaisesRegex(UserError, "already has items"):
            draft.action_load_standard_items()

    def test_weights_must_add_up(self):
        with self.assertRaisesRegex(ValidationError, "add up to 100"):
            self.scheme.year_review_weight = 40
        self.assertEqual(self.scheme.year_review_weight, 30)
