from odoo.tools.safe_eval import safe_eval
from odoo.tests import tagged

from .common import AssessmentCase


@tagged("post_install", "-at_install")
class TestMenus(AssessmentCase):
    """Every menu of the addon a role can see opens without an access error (list and form views read)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.computed_march()

    def open_menus(self, user):
        root = self.env.ref("gov_staff_assessment.menu_gov_staff_assessment_root")
        Menu = self.env["ir.ui.menu"].with_user(user)
        visible = Menu.browse(Menu._visible_menu_ids())
        menus = visible.filtered(lambda m: m.action and m.parent_path.startswith(root.parent_path))
        opened = 0
        for menu in menus:
            action = menu.action.sudo()
            if action._name != "ir.actions.act_window":
                continue
            Model = self.env[action.res_model].with_user(user)
            domain = safe_eval(action.domain or "[]", {"uid": user.id})
            for view_type in ("list", "form"):
                if view_type not in action.view_mode.split(","):
                    continue
                views = Model.get_views([(False, view_type)])
                fields = [f for f in views["models"][action.res_model]["fields"] if f in Model._fields]
                with self.subTest(menu=menu.complete_name, view=view_type):
                    Model.search(domain, limit=10).read(fields)
            opened += 1
        return opened

    def test_each_role_opens_its_menus(self):
        counts = {login: self.open_menus(user) for login, user in (
            ("assessor", self.assessor), ("supervisor", self.supervisor), ("clerk", self.clerk),
            ("head", self.head), ("leader", self.leader))}
        self.assertGreater(counts["assessor"], counts["clerk"])
        self.assertGreaterEqual(counts["clerk"], 3)
