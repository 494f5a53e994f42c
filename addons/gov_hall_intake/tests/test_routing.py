from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SIGNATURE, GovIntakeCase


@tagged("post_install", "-at_install")
class TestRouting(GovIntakeCase):

    def test_parallel_tasks_with_sub_deadlines(self):
        case = self.accepted_case(self.item_joint)
        self.assertEqual(len(case.task_ids), 2)
        lead = case.task_ids.filtered("is_lead")
        other = case.task_ids - lead
        self.assertEqual((lead.department_id, other.department_id), (self.dept, self.dept_b))
        self.assertEqual(lead.deadline, self.env["gov.hall.calendar"].add_working_days(self.today(), 3))
        self.assertEqual(case.deadline, self.env["gov.hall.calendar"].add_working_days(self.today(), 5))
        self.assertEqual(case.fee_state, "unpaid")

    def test_reviewers_see_only_their_department(self):
        case = self.accepted_case(self.item_joint)
        Task = self.env["gov.hall.case.task"]
        self.assertEqual(Task.with_user(self.reviewer).search([("case_id", "=", case.id)]).department_id, self.dept)
        self.assertEqual(Task.with_user(self.reviewer_b).search([("case_id", "=", case.id)]).department_id,
                         self.dept_b)
        self.assertEqual(len(Task.with_user(self.supervisor).search([("case_id", "=", case.id)])), 2)
        # the case itself is visible to both departments, not to a third one
        self.assertTrue(case.with_user(self.reviewer_b).has_access("read"))
        solo = self.accepted_case()
        self.assertFalse(solo.with_user(self.reviewer_b).has_access("read"))
        self.assertFalse(solo.with_user(self.chief_b).has_access("read"))

    def test_reviewer_cannot_act_on_other_department_task(self):
        case = self.accepted_case(self.item_joint)
        task_a = case.task_ids.filtered(lambda t: t.department_id == self.dept)
        with self.assertRaises(AccessError):
            task_a.with_user(self.reviewer_b).action_done("approve", "越权")
        # a reviewer who is also a supervisor sees every task, but still acts only on their department's
        self.reviewer_b.group_ids = [(4, self.env.ref("gov_hall_base.group_gov_supervisor").id)]
        with self.assertRaisesRegex(UserError, "own department's tasks"):
            task_a.with_user(self.reviewer_b).action_done("approve", "越权")
        self.assertEqual(task_a.state, "open")
        # the clerk cannot review a department task either
        with self.assertRaises(UserError):
            task_a.with_user(self.clerk).action_done("approve")
        # nor can the task be closed by writing it directly
        with self.assertRaisesRegex(UserError, "own department's tasks"):
            task_a.with_user(self.reviewer_b).write({"state": "done"})
        with self.assertRaisesRegex(UserError, "only through its workflow actions"):
            case.with_user(self.reviewer).write({"state": "decided", "decision": "approved"})
        self.assertEqual((task_a.state, case.state), ("open", "accepted"))
        task_a.with_user(self.reviewer).action_done("approve", "同意")
        self.assertEqual((task_a.state, task_a.user_id), ("done", self.reviewer))

    def test_decision_needs_all_tasks(self):
        case = self.accepted_case(self.item_joint)
        case.task_ids.filtered("is_lead").with_user(self.reviewer).action_done("approve")
        with self.assertRaisesRegex(UserError, "open department task"):
            case.with_user(self.chief).action_decide("approved", "依据")
        case.task_ids.filtered(lambda t: not t.is_lead).with_user(self.reviewer_b).action_done("approve")
        case.with_user(self.chief).action_decide("approved", "《市场主体登记管理条例》第十九条")
        self.assertEqual((case.state, case.handler_id, case.date_decided), ("decided", self.chief, self.today()))
        self.assertTrue(case.on_time)
        self.assertFalse(case.is_overdue)

    def test_clerk_cannot_decide(self):
        case = self.accepted_case()
        case.task_ids.with_user(self.reviewer).action_done("approve")
        with self.assertRaisesRegex(UserError, "front-desk clerk does not decide"):
            case.with_user(self.clerk).action_decide("approved", "依据")
        instant = self.accepted_case(self.item_instant)
        with self.assertRaisesRegex(UserError, "front-desk clerk does not decide"):
            instant.with_user(self.clerk).action_decide("approved", "依据")
        self.assertEqual((case.state, instant.state), ("accepted", "accepted"))

    def test_instant_one_review_one_approval(self):
        case = self.accepted_case(self.item_instant)
        self.assertFalse(case.task_ids)
        self.assertEqual(case.deadline, self.env["gov.hall.calendar"].next_working_day(self.today()))
        with self.assertRaisesRegex(UserError, "needs the clerk's review"):
            case.with_user(self.chief).action_decide("approved", "依据")
        with self.assertRaisesRegex(UserError, "Only an instant item"):
            self.accepted_case().with_user(self.clerk).action_window_review("approved")
        case.with_user(self.clerk).action_window_review("approved", "核验通过")
        self.assertEqual(case.activity_ids.user_id, self.chief)
        # a plain reviewer is not the chief representative
        with self.assertRaisesRegex(UserError, "no authority"):
            case.with_user(self.reviewer).action_decide("approved", "依据")
        case.with_user(self.chief).action_decide("approved", "《社会保险法》第二十条")
        self.assertEqual(case.state, "decided")
        self.assertTrue(case.handled_at_window)
        self.assertFalse(case.activity_ids)

    def test_authority_levels(self):
        # 'reviewer' level: a reviewer of the department decides
        self.assertEqual(self.decided_case().handler_id, self.reviewer)
        # 'chief' level: a reviewer must submit it for approval
        case = self.accepted_case(self.item_joint)
        case.task_ids.filtered("is_lead").with_user(self.reviewer).action_done("approve")
        case.task_ids.filtered(lambda t: not t.is_lead).with_user(self.reviewer_b).action_done("approve")
        with self.assertRaisesRegex(UserError, "beyond your delegated authority"):
            case.with_user(self.reviewer).action_decide("approved", "依据")
        # another department's chief representative has no authority at all
        with self.assertRaises(UserError):
            case.with_user(self.chief_b).action_decide("approved", "依据")
        self.assertEqual(case.state, "accepted")
        # 'leader' level: even the chief representative proposes; the department head approves
        lead = self.accepted_case(self.item_leader)
        lead.task_ids.with_user(self.reviewer).action_done("approve")
        with self.assertRaisesRegex(UserError, "beyond your delegated authority"):
            lead.with_user(self.chief).action_decide("approved", "依据")
        lead.with_user(self.chief).action_escalate("approved", "《食品安全法》第三十五条")
        self.assertEqual((lead.state, lead.proposed_decision), ("to_approve", "approved"))
        self.assertEqual(lead.activity_ids.user_id, self.dept_head)
        # the approval is a base_tier_validation review for the department head
        self.assertEqual(lead.approver_id, self.dept_head)
        self.assertEqual(len(lead.review_ids), 1)
        self.assertEqual(lead.review_ids.reviewer_ids, self.dept_head)
        with self.assertRaisesRegex(UserError, "only through its workflow actions"):
            lead.with_user(self.chief).write({"state": "decided"})
        with self.assertRaisesRegex(UserError, "beyond your delegated authority"):
            lead.with_user(self.chief).action_approve_proposal()
        lead.with_user(self.dept_head).action_approve_proposal()
        self.assertEqual((lead.state, lead.decision, lead.handler_id), ("decided", "approved", self.dept_head))

    def test_decision_needs_legal_basis(self):
        case = self.accepted_case()
        case.task_ids.with_user(self.reviewer).action_done("approve")
        with self.assertRaisesRegex(UserError, "legal basis"):
            case.with_user(self.reviewer).action_decide("rejected", "  ")
        case.with_user(self.reviewer).action_decide("rejected", "《社会保险法》第五十八条")
        self.assertEqual(case.decision, "rejected")

    def test_tier_rejection_sends_back(self):
        case = self.accepted_case(self.item_leader)
        case.task_ids.with_user(self.reviewer).action_done("approve")
        case.with_user(self.reviewer).action_escalate("rejected", "《食品安全法》第三十五条")
        self.assertEqual(case.state, "to_approve")
        case.with_user(self.dept_head).reject_tier()
        self.assertEqual((case.state, case.proposed_decision), ("accepted", False))
        self.assertFalse(case.review_ids)
        self.assertIn("Proposal sent back", case.message_ids[0].body)
        # proposed again, then validated by the approver: decided as proposed
        case.with_user(self.reviewer).action_escalate("approved", "《食品安全法》第三十五条")
        case.with_user(self.dept_head).validate_tier()
        self.assertEqual((case.state, case.decision, case.handler_id), ("decided", "approved", self.dept_head))
        # the validated case goes on to delivery and rating like any other
        case.with_user(self.clerk).action_deliver("mail", tracking="1180099887766")
        self.assertEqual(case.state, "delivered")
        case.with_user(self.clerk).action_rate(2, "等待审批时间过长")
        self.assertTrue(self.env["gov.hall.rating.review"].search([("case_id", "=", case.id)]))
        # without a department head, a hall administrator of the center approves
        self.dept.manager_id = False
        other = self.accepted_case(self.item_leader)
        self.assertEqual(other.approver_id.company_id, self.center)
        self.assertTrue(other.approver_id.has_group("gov_hall_base.group_gov_hall_admin"))

    def test_lead_window_answers_to_the_end(self):
        """首办责任制: the intake window leads the joint case and is asked to hand out the result."""
        case = self.accepted_case(self.item_joint)
        self.assertEqual(case.lead_window_id, self.window_zh)
        self.assertEqual(len(case.task_ids), 2)
        case.task_ids.filtered("is_lead").with_user(self.reviewer).action_done("approve")
        case.task_ids.filtered(lambda t: not t.is_lead).with_user(self.reviewer_b).action_done("approve")
        case.with_user(self.chief).action_decide("approved", "《市场主体登记管理条例》")
        todo = case.activity_ids.filtered(lambda a: a.user_id == self.clerk)
        self.assertEqual(len(todo), 1, "the lead window's clerk is asked to deliver")
        self.assertIn(self.window_zh.display_name, todo.summary)
        case.action_pay_fees()
        case.with_user(self.clerk).action_deliver("window", recipient="周建国", signature=SIGNATURE)
        self.assertFalse(case.activity_ids.filtered(lambda a: a.user_id == self.clerk), "done once delivered")
