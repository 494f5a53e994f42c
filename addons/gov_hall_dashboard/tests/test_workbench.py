from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval


@tagged("post_install", "-at_install")
class TestWorkbench(TransactionCase):
    """Each role lands on its own work: the demo users' home actions and the default of each group."""

    def test_demo_users_home_actions(self):
        expected = {
            "gov_hall_base.user_clerk": "gov_hall_dashboard.action_workbench_clerk",
            "gov_hall_base.user_clerk2": "gov_hall_dashboard.action_workbench_clerk",
            "gov_hall_base.user_reviewer": "gov_hall_dashboard.action_workbench_reviewer",
            "gov_hall_base.user_chief": "gov_hall_dashboard.action_workbench_reviewer",
            "gov_hall_base.user_supervisor": "gov_hall_dashboard.action_workbench_supervisor",
            "gov_hall_base.user_assessor": "gov_hall_dashboard.action_workbench_assessor",
            "gov_hall_base.user_trading": "gov_hall_dashboard.action_workbench_trading",
            "gov_hall_base.user_expert": "gov_hall_dashboard.action_workbench_expert",
            "gov_complaints.user_leader": "gov_hall_dashboard.action_workbench_leader",
            "base.user_admin": "gov_hall_dashboard.action_workbench_supervisor",
        }
        for user_xmlid, action_xmlid in expected.items():
            with self.subTest(user=user_xmlid):
                user = self.env.ref(user_xmlid)
                self.assertEqual(user.action_id.id, self.env.ref(action_xmlid).id,
                                 f"{user.login} does not land on its workbench")

    def test_demo_admin_has_a_chinese_name(self):
        self.assertNotIn("Mitchell", self.env.ref("base.user_admin").name)

    def test_new_user_gets_the_workbench_of_its_group(self):
        cases = {
            "gov_hall_base.group_gov_clerk": "gov_hall_dashboard.action_workbench_clerk",
            "gov_hall_base.group_gov_reviewer": "gov_hall_dashboard.action_workbench_reviewer",
            "gov_hall_base.group_gov_chief_representative": "gov_hall_dashboard.action_workbench_reviewer",
            "gov_hall_base.group_gov_supervisor": "gov_hall_dashboard.action_workbench_supervisor",
            "gov_hall_base.group_gov_assessor": "gov_hall_dashboard.action_workbench_assessor",
            "gov_hall_base.group_gov_trading_staff": "gov_hall_dashboard.action_workbench_trading",
            "gov_hall_base.group_gov_center_leader": "gov_hall_dashboard.action_workbench_leader",
            "gov_hall_base.group_gov_expert": "gov_hall_dashboard.action_workbench_expert",
            "gov_hall_base.group_gov_hall_admin": "gov_hall_dashboard.action_workbench_supervisor",
        }
        for i, (group, action) in enumerate(cases.items()):
            with self.subTest(group=group):
                user = new_test_user(self.env, login=f"t_wb_{i}", groups=f"base.group_user,{group}")
                self.assertEqual(user.action_id.id, self.env.ref(action).id)

    def test_lowest_priority_wins_and_own_choice_is_kept(self):
        both = new_test_user(self.env, login="t_wb_both", groups="base.group_user,gov_hall_base.group_gov_clerk,"
                                                                  "gov_hall_base.group_gov_supervisor")
        self.assertEqual(both.action_id.id, self.env.ref("gov_hall_dashboard.action_workbench_supervisor").id)
        own = self.env["res.users"].create({
            "name": "t_wb_own", "login": "t_wb_own", "action_id": self.env.ref(
                "gov_hall_dashboard.action_workbench_trading").id,
            "group_ids": [(6, 0, [self.env.ref("base.group_user").id,
                                  self.env.ref("gov_hall_base.group_gov_clerk").id])]})
        self.assertEqual(own.action_id.id, self.env.ref("gov_hall_dashboard.action_workbench_trading").id)
        portal = new_test_user(self.env, login="t_wb_portal", groups="gov_hall_base.group_gov_portal_bidder")
        self.assertFalse(portal.action_id)

    def test_workbench_actions_open_for_their_role(self):
        """The workbench of each demo user loads for that user (its model is readable, its filters valid)."""
        for user_xmlid in ("gov_hall_base.user_clerk", "gov_hall_base.user_reviewer", "gov_hall_base.user_assessor",
                           "gov_hall_base.user_trading", "gov_complaints.user_leader", "gov_hall_base.user_expert"):
            with self.subTest(user=user_xmlid):
                user = self.env.ref(user_xmlid)
                action = self.env["ir.actions.act_window"].browse(user.action_id.id)
                model = self.env[action.res_model].with_user(user)
                self.assertTrue(model.has_access("read"), f"{user.login} cannot read {action.res_model}")
                model.search(safe_eval(action.domain or "[]", {"uid": user.id}), limit=1)


@tagged("post_install", "-at_install")
class TestIntakeDialog(TransactionCase):

    def _wizard(self, window, item):
        clerk = self.env.ref("gov_hall_base.user_clerk")
        wizard = self.env["gov.hall.intake.wizard"].with_user(clerk).create({
            "company_id": window.company_id.id, "window_id": window.id, "item_id": item.id,
            "applicant_mode": "existing", "applicant_id": self.env.ref("gov_hall_base.user_applicant").partner_id.id})
        wizard._onchange_item_id()
        return wizard

    def test_tick_all_and_scope_warning(self):
        item = self.env["gov.hall.service.item"].search([("state", "=", "published"), ("material_ids", "!=", False)],
                                                       limit=1)
        own = self.env["gov.hall.window"].search([("department_ids", "in", item.department_id.ids),
                                                  ("kind", "!=", "comprehensive")], limit=1)
        other = self.env["gov.hall.window"].search([("department_ids", "not in", item.department_id.ids),
                                                    ("department_ids", "!=", False),
                                                    ("kind", "!=", "comprehensive"),
                                                    ("company_id", "=", item.company_id.id)], limit=1)
        wizard = self._wizard(own or other, item)
        if not wizard.line_ids:
            wizard.line_ids = [(0, 0, {"name": m.name, "material_id": m.id}) for m in item.material_ids]
        wizard.action_gov_all_received()
        self.assertTrue(all(wizard.line_ids.mapped("received")))
        if own:
            self.assertFalse(wizard.gov_scope_warning)
        wizard.window_id = other
        self.assertIn(item.name, wizard.gov_scope_warning)
