"""Access integrity (issue 10): no role changes through the external API what the case's actions do not allow.

The attacks go through ``odoo.service.model.call_kw`` (the public-method checks of RPC), with and without every
former bypass key and the OCA tier validation keys; each is refused and the record reads back unchanged."""
import json
import re
from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.gov_hall_base.tests.common import BYPASS_KEYS
from odoo.addons.gov_hall_base.tools.protect import granted

from .common import GovIntakeCase

TIER_KEYS = {"skip_validation_check": True, "skip_check_state_condition": True}
DAY = date(2020, 1, 6)


class IntegrityCase(GovIntakeCase):

    def rated_case(self, value=5, feedback="很满意"):
        case = self.decided_case()
        rating = case.with_user(self.clerk).action_rate(value, feedback, channel="staff")
        return case, rating

    def case_values(self):
        """A value for each protected field of a case, different from an accepted case's own."""
        return {
            "state": "decided", "name": "TC-FAKE", "query_code": "ZZZZZZZZ", "decision": "approved",
            "handler_id": self.clerk.id, "date_accepted": DAY, "date_decided": DAY, "date_delivered": DAY,
            "proposed_decision": "approved", "proposed_by_id": self.clerk.id, "handled_at_window": True,
            "deadline_start": DAY, "deadline_days": 1, "deadline_paused_days": 7, "paused": True,
            "supervision_color": "red", "supervision_date": DAY, "notice_date": DAY, "refusal_reason": "伪造",
            "is_overdue": True, "on_time": True, "working_days_used": 99, "rating_value": 5, "amount_paid": 999.0,
            "fee_state": "paid", "approver_id": self.clerk.id,
            # fixed at acceptance
            "item_id": self.item_leader.id, "department_id": self.dept_b.id, "clerk_id": self.reviewer.id,
            "date_received": "2020-01-06 08:00:00", "applicant_id": self.company_partner.id,
        }


@tagged("post_install", "-at_install")
class TestCaseIntegrity(IntegrityCase):

    def test_clerk_decides_with_workflow_key(self):
        """The attack of the issue: a clerk writes a decision with the context key gov_case_workflow."""
        case = self.accepted_case()
        with self.assertRaises(UserError):
            self.rpc(self.clerk, case, "write", {"state": "decided", "decision": "approved"},
                     context={"gov_case_workflow": True})
        case.invalidate_recordset()
        self.assertEqual((case.state, case.decision, case.date_decided), ("accepted", False, False))
        self.assert_write_refused(self.clerk, case, {"state": "decided", "decision": "approved"})

    def test_each_protected_field_each_role(self):
        case = self.accepted_case()
        for fname, value in self.case_values().items():
            for user in (self.clerk, self.reviewer, self.chief, self.admin_user):
                self.assert_write_refused(user, case, {fname: value})
        self.assertEqual(case.state, "accepted")

    def test_superuser_mode_is_not_enough(self):
        case = self.accepted_case()
        for ctx in ({}, dict.fromkeys(BYPASS_KEYS, True)):
            with self.assertRaisesRegex(UserError, "only through its workflow actions"):
                case.sudo().with_context(**ctx).write({"state": "decided", "decision": "approved"})
            with self.assertRaisesRegex(UserError, "fixed at acceptance"):
                case.sudo().with_context(**ctx).write({"deadline_days": 30})
        self.assertEqual((case.state, case.decision, case.deadline_days), ("accepted", False, 10))

    def test_create_carries_no_protected_value(self):
        Case = self.env["gov.hall.case"]
        vals = {"item_id": self.item.id, "applicant_id": self.citizen.id, "window_id": self.window_zh.id,
                "company_id": self.center.id}
        case = self.rpc(self.clerk, Case, "create", vals, context={"default_state": "decided",
                                                                 "default_decision": "approved"})
        case = Case.browse(case)
        self.assertEqual((case.state, case.decision), ("draft", False))
        with self.assertRaises(UserError):
            self.rpc(self.clerk, Case, "create", dict(vals, state="accepted", query_code="ZZZZZZZZ"),
                     context=dict.fromkeys(BYPASS_KEYS, True))

    def test_actions_check_the_caller(self):
        case = self.accepted_case()
        self.assert_call_refused(self.reviewer, case, "action_cancel")
        self.assert_call_refused(self.clerk, case, "action_cancel")
        joint = self.accepted_case(self.item_joint)
        self.assert_call_refused(self.reviewer, joint, "action_pay_fees")
        self.assertEqual(joint.fee_state, "unpaid")
        self.assert_call_refused(self.clerk, case, "action_decide", "approved", "依据")
        self.assert_call_refused(self.chief_b, case, "action_decide", "approved", "依据")
        self.assert_call_refused(self.clerk, case, "action_pause", "expert", "专家评审")
        self.assertEqual((case.state, case.paused), ("accepted", False))
        decided = self.decided_case()
        self.assert_call_refused(self.reviewer, decided, "action_deliver", "mail", tracking="1180012345678")
        self.assertEqual(decided.state, "decided")

    def test_frozen_after_delivery(self):
        case = self.decided_case()
        case.with_user(self.clerk).action_deliver("mail", tracking="1180012345678", address="上饶市信州区")
        self.assert_write_refused(self.clerk, case, {"delivery_tracking": "999"})
        self.assert_write_refused(self.reviewer, case, {"decision_basis": "改写的依据"})
        self.assertEqual(case.delivery_tracking, "1180012345678")


@tagged("post_install", "-at_install")
class TestTierKeys(IntegrityCase):
    """The OCA keys skip_validation_check / skip_check_state_condition sent by a client have no effect."""

    def _case_under_review(self):
        case = self.accepted_case(self.item_leader)
        case.task_ids.with_user(self.reviewer).action_done("approve")
        case.with_user(self.chief).action_escalate("approved", "《食品安全法》第三十五条")
        self.assertEqual((case.state, len(case.review_ids)), ("to_approve", 1))
        return case

    def test_protected_mixin_runs_before_tier_validation(self):
        mro = [getattr(cls, "_name", None) for cls in type(self.env["gov.hall.case"]).mro()]
        self.assertLess(mro.index("gov.hall.protected.mixin"), mro.index("tier.validation"))

    def test_clerk_and_reviewer_cannot_decide_under_review(self):
        case = self._case_under_review()
        for user in (self.clerk, self.reviewer, self.chief):
            self.assert_write_refused(user, case, {"state": "decided", "decision": "approved"})
            self.assert_write_refused(user, case, {"review_ids": [(5, 0, 0)]})
            self.assert_call_refused(user, case, "action_decide", "approved", "依据", context=TIER_KEYS)
            self.assert_call_refused(user, case, "request_validation", context=TIER_KEYS)
            self.assert_call_refused(user, case, "restart_validation", context=TIER_KEYS)
            # validating or rejecting a review that is not theirs changes nothing
            self.rpc(user, case, "validate_tier", context=TIER_KEYS)
            self.rpc(user, case, "reject_tier", context=TIER_KEYS)
            case.invalidate_recordset()
            self.assertEqual((case.state, case.decision, case.proposed_decision),
                             ("to_approve", False, "approved"))
            self.assertEqual(case.review_ids.status, "pending")
        # the approver still decides
        case.with_user(self.dept_head).action_approve_proposal()
        self.assertEqual((case.state, case.decision, case.handler_id), ("decided", "approved", self.dept_head))

    def test_reviews_written_only_by_the_tier_flow(self):
        """base_tier_validation gives every internal user full rights on tier.review: a clerk (or anyone, the
        approver included) rewriting or deleting the approval record of a case is refused."""
        case = self._case_under_review()
        review = case.review_ids
        for user in (self.clerk, self.reviewer, self.chief, self.admin_user, self.dept_head):
            self.assert_write_refused(user, review, {"status": "approved"})
            self.assert_write_refused(user, review, {"status": "rejected", "done_by": user.id,
                                                     "reviewed_date": "2020-01-06 08:00:00"})
            self.assert_write_refused(user, review, {"reviewer_ids": [(4, user.id)]})
            self.assert_write_refused(user, review, {"res_id": self.accepted_case().id})
            self.assert_call_refused(user, review, "unlink")
            self.assert_call_refused(user, review, "unlink", context=TIER_KEYS)
            # nor a ready-made approval, nor the comment wizard on a review that is not the caller's
            self.assert_call_refused(user, self.env["tier.review"], "create", {
                "model": "gov.hall.case", "res_id": case.id, "definition_id": review.definition_id.id,
                "status": "approved", "done_by": user.id})
            self.assert_call_refused(user, self.env["tier.review"], "create", {
                "res_id": case.id, "definition_id": review.definition_id.id, "status": "approved"},
                context={"default_model": "gov.hall.case"})
            if user != self.dept_head:
                wizard = self.env["comment.wizard"].browse(self.rpc(user, self.env["comment.wizard"], "create", {
                    "res_model": "gov.hall.case", "res_id": case.id, "review_ids": [(6, 0, review.ids)],
                    "validate_reject": "validate", "comment": "同意"}))
                self.assert_call_refused(user, wizard, "add_comment")
        # superuser mode alone is not enough either
        with self.assertRaisesRegex(UserError, "review records cannot be created, changed or deleted"):
            review.sudo().write({"status": "approved"})
        with self.assertRaisesRegex(UserError, "review records cannot be created, changed or deleted"):
            review.sudo().unlink()
        review.invalidate_recordset()
        case.invalidate_recordset()
        self.assertEqual((review.exists(), review.status, review.done_by), (review, "pending", self.env["res.users"]))
        self.assertEqual((case.state, case.validation_status, case.decision), ("to_approve", "pending", False))
        self.assertEqual(self.env["tier.review"].search_count([("model", "=", "gov.hall.case"),
                                                               ("res_id", "=", case.id)]), 1)
        # the approver's Validate still decides the case, and records who approved
        case.with_user(self.dept_head).validate_tier()
        self.assertEqual((case.state, case.decision, case.handler_id), ("decided", "approved", self.dept_head))
        self.assertEqual((review.status, review.done_by), ("approved", self.dept_head))

    def test_request_validation_on_accepted_case(self):
        case = self.accepted_case(self.item_leader)
        self.assert_call_refused(self.chief, case, "request_validation", context=TIER_KEYS)
        self.assertFalse(case.review_ids)


@tagged("post_install", "-at_install")
class TestRatingIntegrity(IntegrityCase):

    def test_rating_rewrite_refused(self):
        case, rating = self.rated_case(1, "窗口态度差")
        other = self.decided_case()
        reviews = self.env["gov.hall.rating.review"].search_count([("case_id", "=", case.id)])
        for user in (self.clerk, self.reviewer, self.chief, self.admin_user, self.supervisor):
            self.assert_write_refused(user, rating, {"rating": 5})
            self.assert_write_refused(user, rating, {"consumed": False})
            self.assert_write_refused(user, rating, {"feedback": "很满意"})
            self.assert_write_refused(user, rating, {"res_id": other.id})
            self.assert_write_refused(user, rating, {"partner_id": self.company_partner.id})
            self.assert_call_refused(user, rating, "reset")
            self.assert_call_refused(user, rating, "unlink")
        # consumed=False then a new value: the first write is already refused, and so is each step in sudo
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            rating.sudo().with_context(gov_rating_override=True).write({"consumed": False})
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            rating.sudo().with_context(gov_rating_override=True).write({"rating": 5})
        rating.invalidate_recordset()
        self.assertEqual((rating.rating, rating.consumed, rating.feedback), (1.0, True, "窗口态度差"))
        self.assertEqual(case.rating_value, 1)
        self.assertEqual(self.env["gov.hall.rating.review"].search_count([("case_id", "=", case.id)]), reviews)

    def test_no_rating_created_outside_action_rate(self):
        case = self.decided_case()
        Rating = self.env["rating.rating"]
        vals = {"res_model_id": self.env["ir.model"]._get_id("gov.hall.case"), "res_id": case.id, "rating": 1,
                "consumed": True, "partner_id": self.citizen.id}
        for user in (self.clerk, self.reviewer, self.admin_user):
            with self.assertRaises(UserError):
                self.rpc(user, Rating, "create", vals, context={"gov_rating_override": True})
        with self.assertRaises(UserError):
            Rating.sudo().create(vals)
        self.assertFalse(case.sudo().rating_ids)

    def test_message_post_rating_value(self):
        case = self.decided_case()
        for user in (self.clerk, self.reviewer):
            with self.assertRaises(UserError):
                self.rpc(user, case, "message_post", body="差评", rating_value=1, message_type="comment")
        self.assertNotIn("rating_value", case._get_allowed_message_params())
        self.assertFalse(case.sudo().rating_ids)
        self.assertEqual(case.rating_value, 0)
        # the portal applicant's chatter post cannot carry a rating either
        mine = self.accepted_case(partner=self.applicant.partner_id)
        with self.assertRaises(UserError):
            self.rpc(self.applicant, mine, "message_post", body="差评", rating_value=1)
        self.assertFalse(mine.sudo().rating_ids)

    def test_message_update_content_refused(self):
        case, rating = self.rated_case(2, "排队太久")
        message = rating.message_id
        self.assertTrue(message)
        for user in (self.clerk, self.admin_user):
            for rating_value in (5, False):
                with self.assertRaisesRegex(UserError, "rated only through its rating action"):
                    case.with_user(user)._message_update_content(message, body="改成好评", rating_value=rating_value)
        with self.assertRaisesRegex(UserError, "rated only through its rating action"):
            case.sudo()._message_update_content(message, body="改成好评")
        # the rating's chatter message (which carries it) is neither rewritten nor deleted
        self.assert_write_refused(self.admin_user, message, {"body": "改成好评"})
        self.assert_call_refused(self.admin_user, message, "unlink")
        rating.invalidate_recordset()
        self.assertEqual((rating.exists(), rating.rating, rating.feedback), (rating, 2.0, "排队太久"))

    def test_rating_apply_and_action_rate_not_rpc(self):
        case = self.decided_case()
        with granted("rating.rating"):
            token = case.sudo()._rating_get_access_token()
        for user in (self.clerk, self.reviewer, self.admin_user):
            with self.assertRaises(AccessError):
                self.rpc(user, case, "rating_apply", 1, token=token)
            with self.assertRaises(AccessError):
                self.rpc(user, case, "action_rate", 1, "差评")
        self.assertFalse(case.sudo().rating_ids.filtered("consumed"))

    def test_rating_apply_goes_through_action_rate_rules(self):
        """Server-side (as the /rate/<token> pages do): our rules, not the rating module's."""
        draft = self.new_case()
        with granted("rating.rating"):
            token = draft.sudo()._rating_get_access_token()
        with self.assertRaisesRegex(UserError, "cannot be rated yet"):
            draft.sudo().rating_apply(1, token=token)
        case, rating = self.rated_case(5)
        with self.assertRaisesRegex(UserError, "already been rated"):
            case.sudo().rating_apply(1, token=rating.access_token, feedback="改评")
        with self.assertRaisesRegex(UserError, "does not belong"):
            self.decided_case().sudo().rating_apply(1, token=rating.access_token)
        rating.invalidate_recordset()
        self.assertEqual((rating.rating, rating.feedback), (5.0, "很满意"))

    def test_staff_channel_needs_a_clerk(self):
        case = self.decided_case()
        with self.assertRaises(AccessError):
            case.with_user(self.reviewer).action_rate(1, "差评", channel="staff")
        self.assertFalse(case.sudo().rating_ids.filtered("consumed"))

    def test_evaluator_device_rates_own_window_only(self):
        Device = self.env["gov.hall.evaluator.device"]
        device_b = Device.create({"name": "评价器B", "serial": "PJQ-I-B", "window_id": self.window_b.id})
        case = self.decided_case()  # received at the comprehensive window ZH01
        with self.assertRaisesRegex(UserError, "only the cases of its own window"):
            case.sudo().action_rate(1, "差评", channel="device", device=device_b)
        self.assertFalse(case.sudo().rating_ids.filtered("consumed"))
        device_a = Device.create({"name": "评价器A", "serial": "PJQ-I-A", "window_id": self.window_zh.id})
        rating = case.sudo().action_rate(4, channel="device", device=device_a)
        self.assertEqual((rating.rating, rating.gov_device_id), (4.0, device_a))

    def test_device_token_admin_only(self):
        device = self.env["gov.hall.evaluator.device"].create({
            "name": "评价器", "serial": "PJQ-I-T", "window_id": self.window_zh.id})
        for user in (self.clerk, self.reviewer, self.chief, self.supervisor):
            self.assert_call_refused(user, device, "action_new_token")
            self.assert_call_refused(user, device, "action_show_new_token")
        self.assertFalse(device.sudo().token_hash)
        # the administrator of another center cannot either; the center's own can
        self.assert_call_refused(self.admin2, device, "action_new_token")
        token = self.rpc(self.admin_user, device, "action_new_token")
        self.assertEqual(device.sudo().token_hash, device._hash(token))
        self.assert_write_refused(self.admin_user, device, {"token_hash": device._hash("guess")})
        self.assertEqual(device.sudo().token_hash, device._hash(token))


@tagged("post_install", "-at_install")
class TestRelatedRecordsIntegrity(IntegrityCase):
    """Department tasks, fees, clock pauses, bad rating reviews and the catalog versions."""

    def test_task_fields(self):
        case = self.accepted_case()
        task = case.task_ids
        for user in (self.reviewer, self.chief, self.admin_user):
            for vals in ({"state": "done"}, {"opinion": "approve"}, {"date_done": DAY}, {"deadline_days": 1},
                         {"deadline_start": DAY}, {"deadline_paused_days": 5}, {"is_overdue": True},
                         {"department_id": self.dept_b.id}, {"case_id": self.accepted_case().id}):
                self.assert_write_refused(user, task, vals)
        self.assertEqual((task.state, task.opinion), ("open", False))
        task.with_user(self.reviewer).action_done("approve", "同意")
        self.assertEqual((task.state, task.opinion, task.date_done), ("done", "approve", self.today()))

    def test_fee_fields(self):
        case = self.accepted_case(self.item_joint)
        fee = case.fee_line_ids
        for user in (self.clerk, self.admin_user):
            for vals in ({"paid": True}, {"date_paid": DAY}, {"receipt_number": "R-1"}, {"amount": 1.0},
                         {"collector_id": user.id}):
                self.assert_write_refused(user, fee, vals)
            with self.assertRaises(UserError):
                self.rpc(user, fee, "create", {"case_id": case.id, "name": "加收", "amount": 5.0})
        self.assertEqual((fee.paid, fee.amount, len(case.fee_line_ids)), (False, 80.0, 1))
        case.with_user(self.clerk).action_pay_fees()
        self.assertTrue(fee.paid and fee.receipt_number)

    def test_pause_fields(self):
        case = self.accepted_case()
        case.with_user(self.reviewer).action_pause("expert", "专家评审")
        pause = case.pause_ids
        for user in (self.reviewer, self.admin_user):
            for vals in ({"date_end": DAY}, {"working_days": 30}, {"date_start": DAY}):
                self.assert_write_refused(user, pause, vals)
            with self.assertRaises(UserError):
                self.rpc(user, pause, "create", {"case_id": case.id, "reason": "x", "date_start": DAY})
        self.assertEqual((pause.date_end, pause.working_days), (False, 0))

    def test_review_fields(self):
        case, rating = self.rated_case(1, "差评")
        review = rating.gov_review_ids
        self.assertTrue(review)
        for user in (self.chief, self.supervisor, self.admin_user):
            for vals in ({"state": "closed"}, {"verified": True}, {"date_verified": DAY}, {"deadline_days": 99},
                         {"date_contact_due": DAY}, {"removal_reason": "x"}, {"date_rectified": DAY}):
                self.assert_write_refused(user, review, vals)
        self.assertEqual((review.state, review.verified), ("open", False))
        self.assert_call_refused(self.clerk, review, "action_verify", False)
        review.with_user(self.chief).action_verify(True, "核实属实")
        self.assertTrue(review.verified)
        self.assert_write_refused(self.chief, review, {"employee_id": self.reviewer_emp.id})

    def test_item_version_key_gone(self):
        material = self.item.material_ids[:1]
        self.assert_write_refused(self.admin_user, material, {"name": "改"})
        self.assert_write_refused(self.admin_user, self.item, {"promised_days": 1})
        self.assertEqual(self.item.promised_days, 10)


@tagged("post_install", "-at_install")
class TestRatingHttp(IntegrityCase, HttpCase):

    def _submit(self, token, rate, feedback):
        page = self.url_open(f"/rate/{token}/{rate}").text
        csrf = re.search(r'name="csrf_token"\s+value="([^"]+)"', page)
        self.assertTrue(csrf, "the rating page has its form")
        return self.url_open(f"/rate/{token}/submit_feedback",
                             data={"csrf_token": csrf.group(1), "rate": rate, "feedback": feedback})

    def test_rate_token_after_consumption(self):
        case, rating = self.rated_case(1, "排队太久")
        reviews = self.env["gov.hall.rating.review"].search_count([("case_id", "=", case.id)])
        self._submit(rating.access_token, 5, "其实很满意")
        rating.invalidate_recordset()
        case.invalidate_recordset()
        self.assertEqual((rating.rating, rating.feedback, rating.consumed), (1.0, "排队太久", True))
        self.assertEqual(case.rating_value, 1)
        self.assertEqual(len(case.sudo().rating_ids), 1)
        self.assertEqual(self.env["gov.hall.rating.review"].search_count([("case_id", "=", case.id)]), reviews)

    def test_rate_token_follows_action_rate(self):
        case = self.decided_case()
        with granted("rating.rating"):
            token = case.sudo()._rating_get_access_token()
        self._submit(token, 5, "很好")
        case.invalidate_recordset()
        self.assertEqual(case.rating_value, 5)
        self.assertEqual(case.sudo().rating_ids.gov_channel, "web")

    def test_device_endpoint_other_window(self):
        device = self.env["gov.hall.evaluator.device"].create({
            "name": "评价器B", "serial": "PJQ-H-B", "window_id": self.window_b.id})
        token = device.action_new_token()
        case = self.decided_case()
        res = self.url_open("/gov_hall/evaluator/rate", data=json.dumps({
            "serial": "PJQ-H-B", "token": token, "case_number": case.name, "value": 1}),
            headers={"Content-Type": "application/json"})
        self.assertEqual(res.status_code, 422)
        self.assertEqual(res.json()["code"], "rejected")
        case.invalidate_recordset()
        self.assertFalse(case.sudo().rating_ids.filtered("consumed"))
