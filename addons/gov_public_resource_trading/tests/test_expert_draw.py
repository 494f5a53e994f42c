"""Committed expert draws (招标投标法 第37条): the server's secret is committed in the log before the pool
snapshot, the supervising officer's value comes after it, and the committee is the start of the permutation
that SHA-256(secret ∥ value ∥ snapshot hash) gives. Anyone holding the three inputs reproduces it; altering
any of them is detected; top-ups continue the permutation; a full redraw needs a reason and a second person;
the secret stays with the supervisors until the lot's result."""
import json

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.gov_hall_base.tests.common import REFUSED
from odoo.addons.gov_hall_base.tools.protect import granted

from ..models.gov_trading_expert_draw import draw_randomness, draw_select, reproduce, sha256_hex
from .common import TradingCase

VALUE = "监督员现场输入：上饶 2026-03-20 第3号"


def run_draw(draw, supervisor, value=VALUE, staff=None):
    """The three steps of a draw: commit and snapshot by the staff, the value by the supervising officer."""
    staff_draw = draw.with_user(staff) if staff else draw
    if not draw.supervisor_id:
        staff_draw.supervisor_id = supervisor
    staff_draw.action_commit()
    staff_draw.action_snapshot()
    draw.with_user(supervisor).action_draw(value)
    return draw


@tagged("post_install", "-at_install")
class TestExpertDraw(TradingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.spec = cls.env["gov.trading.specialty"].create({"name": "市政道路工程"})
        cls.experts = cls.env["gov.trading.expert"].create([
            {"name": f"专家{i:02d}", "specialty_ids": [(6, 0, cls.spec.ids)]} for i in range(12)])
        cls.supervisor2, _ = cls._user("t_supervisor2", "gov_hall_base.group_gov_supervisor")
        cls.leader = new_test_user(cls.env, login="t_draw_leader", groups="gov_hall_base.group_gov_center_leader",
                                   company_id=cls.center.id, company_ids=[(6, 0, cls.center.ids)])
        project, cls.lot = cls.make_project()
        cls.publish(cls.lot)
        cls.register(cls.lot)

    def _draw(self, staff=None, supervisor=None):
        staff = staff or self.trading
        return self.env["gov.trading.expert.draw"].with_user(staff).create({
            "lot_id": self.lot.id, "specialty_id": self.spec.id, "committee_size": 5,
            "supervisor_id": (supervisor or self.supervisor).id}).with_env(self.env)

    def _entries(self, draw):
        return [(entry, json.loads(entry.payload)) for entry in self.env["gov.trading.log"].search(
            [("event", "=", "expert_draw"), ("res_id", "=", draw.id), ("res_model", "=", draw._name)], order="id")]

    def _secret(self, draw):
        return draw.with_user(self.supervisor).secret_revealed

    def test_steps_logged_and_reproduced(self):
        draw = self._draw()
        draw.with_user(self.trading).action_commit()
        self.assertEqual(draw.state, "committed")
        secret = draw.sudo().secret
        self.assertEqual(len(bytes.fromhex(secret)), 32)
        self.assertEqual(draw.commitment, sha256_hex(bytes.fromhex(secret)))
        # the commitment is logged before anything else, and nothing of the secret itself
        [(commit, payload)] = self._entries(draw)
        self.assertEqual(payload, {"step": "commit", "commitment": draw.commitment})
        self.assertFalse(draw.snapshot)
        # the supervisor's value comes after the snapshot, not before
        with self.assertRaisesRegex(UserError, "snapshot|快照"):
            draw.with_user(self.supervisor).action_draw(VALUE)
        draw.with_user(self.trading).action_snapshot()
        self.assertEqual(draw.snapshot, json.dumps(sorted(self.experts.ids), separators=(",", ":")))
        # the supervisor has not seen the secret before entering the value
        self.assertFalse(draw.with_user(self.supervisor).secret_revealed)
        with self.assertRaisesRegex(UserError, "value|数值|值"):
            draw.with_user(self.supervisor).action_draw("  ")
        draw.with_user(self.supervisor).action_draw(VALUE)
        self.assertEqual(draw.state, "done")
        entries = self._entries(draw)
        self.assertEqual([p["step"] for _e, p in entries], ["commit", "snapshot", "draw"])
        self.assertEqual(entries[1][1]["snapshot_sha256"], sha256_hex(draw.snapshot))
        self.assertEqual(entries[2][1]["supervisor_value_sha256"], sha256_hex(VALUE))
        for _entry, payload in entries:
            self.assertNotIn(secret, json.dumps(payload))
            self.assertNotIn(draw.seed, json.dumps(payload))
        # reproduced from the secret (revealed to the supervisor once drawn), the value and the snapshot alone
        revealed = self._secret(draw)
        self.assertEqual(revealed, secret)
        self.assertEqual(draw.seed, draw_randomness(revealed, VALUE, sha256_hex(draw.snapshot)))
        committee = reproduce(revealed, VALUE, draw.snapshot, 5)
        self.assertEqual(committee, json.loads(draw.selected_ids_json))
        self.assertEqual(draw.member_ids.sorted("position").expert_id.ids, committee)
        self.assertEqual(draw.member_ids.sorted("position").mapped("position"), [0, 1, 2, 3, 4])
        self.assertTrue(draw.with_user(self.supervisor).verify_draw())
        action = draw.with_user(self.supervisor).action_verify_draw()
        self.assertEqual(action["params"]["type"], "success")

    def test_altering_any_input_fails(self):
        draw = run_draw(self._draw(), self.supervisor, staff=self.trading)
        secret, snapshot = draw.sudo().secret, draw.snapshot
        committee = json.loads(draw.selected_ids_json)
        # the pure function: any other input gives another committee
        other_secret = ("0" if secret[0] != "0" else "1") + secret[1:]
        ids = json.loads(snapshot)
        ids[0] = max(ids) + 1000
        for args in ((other_secret, VALUE, snapshot), (secret, VALUE + ".", snapshot),
                     (secret, VALUE, json.dumps(ids, separators=(",", ":")))):
            with self.subTest(args=args):
                self.assertNotEqual(reproduce(*args, len(ids)), reproduce(secret, VALUE, snapshot, len(ids)))
        self.assertEqual(reproduce(secret, VALUE, snapshot, 5), committee)
        Sup = draw.with_user(self.supervisor)
        self.assertTrue(Sup.verify_draw())
        # what a database writer would do: each alteration, even with its stored hash recomputed, fails
        alterations = [
            {"secret": other_secret},
            {"secret": other_secret, "commitment": sha256_hex(bytes.fromhex(other_secret)),
             "seed": draw_randomness(other_secret, VALUE, draw.snapshot_sha256)},
            {"supervisor_value": VALUE + "."},
            {"supervisor_value": VALUE + ".", "supervisor_value_sha256": sha256_hex(VALUE + ".")},
            {"snapshot": json.dumps(ids, separators=(",", ":"))},
            {"snapshot": json.dumps(ids, separators=(",", ":")),
             "snapshot_sha256": sha256_hex(json.dumps(ids, separators=(",", ":")))},
            {"seed": "0" * 64},
        ]
        fnames = ["secret", "commitment", "seed", "supervisor_value", "supervisor_value_sha256", "snapshot",
                  "snapshot_sha256"]
        original = {f: draw.sudo()[f] for f in fnames}
        for vals in alterations:
            with self.subTest(altered=sorted(vals)):
                with granted(draw):
                    draw.sudo().write(vals)
                self.assertFalse(Sup.verify_draw())
                self.assertEqual(Sup.action_verify_draw()["params"]["type"], "danger")
                with granted(draw):
                    draw.sudo().write(original)
                self.assertTrue(Sup.verify_draw())
        # a seat moved to another expert
        outsider = self.experts.filtered(lambda e: e.id not in committee)[:1]
        with granted(draw.member_ids):
            draw.sudo().member_ids[0].expert_id = outsider
        self.assertFalse(Sup.verify_draw())

    def test_top_up_continues_the_permutation(self):
        draw = run_draw(self._draw(), self.supervisor, staff=self.trading)
        secret = self._secret(draw)
        permutation = reproduce(secret, VALUE, draw.snapshot, len(self.experts))
        Staff = draw.with_user(self.trading)
        leaving = draw.member_ids.filtered(lambda m: m.position == 2)
        with self.assertRaisesRegex(UserError, "reason|原因"):
            Staff.action_top_up(leaving.id, "declined", " ")
        new = Staff.action_top_up(leaving.id, "declined", "专家因病无法到场")
        self.assertEqual(new.expert_id.id, permutation[5])
        self.assertEqual(new.position, 5)
        self.assertEqual(draw.drawn_count, 6)
        self.assertFalse(leaving.active)
        self.assertEqual(leaving.seat_state, "declined")
        self.assertEqual(len(draw.member_ids), 5)
        self.assertIn(leaving, draw.all_member_ids)
        self.assertEqual(sorted(self.lot.sudo().member_ids.expert_id.ids), sorted(permutation[:2] + permutation[3:6]))
        last = self._entries(draw)[-1][1]
        self.assertEqual((last["step"], last["reason_kind"], last["reason"], last["position"], last["replaced_position"]),
                         ("top_up", "declined", "专家因病无法到场", 5, 2))
        self.assertTrue(draw.with_user(self.supervisor).verify_draw())
        # the next in line is no longer eligible (now employed by a bidder): skipped, logged, the one after sits
        self.experts.browse(permutation[6]).employer_id = self.lot.registration_ids[0].bidder_id.partner_id
        recused = draw.member_ids.filtered(lambda m: m.position == 0)
        new = Staff.action_top_up(recused.id, "recused", "与投标人存在利害关系，申请回避")
        self.assertEqual(new.expert_id.id, permutation[7])
        skipped = draw.all_member_ids.filtered(lambda m: m.seat_state == "skipped")
        self.assertEqual((skipped.expert_id.id, skipped.position, skipped.active), (permutation[6], 6, False))
        self.assertEqual(self._entries(draw)[-1][1]["skipped"], [6])
        self.assertEqual(draw.drawn_count, 8)
        self.assertTrue(draw.with_user(self.supervisor).verify_draw())
        # a top-up seat not taken from the permutation is detected
        with granted(new):
            new.sudo().expert_id = self.experts.browse(permutation[9])
        self.assertFalse(draw.with_user(self.supervisor).verify_draw())

    def test_full_redraw_needs_reason_and_second_person(self):
        first = run_draw(self._draw(staff=self.admin_user), self.supervisor, staff=self.admin_user)
        members = first.member_ids
        # another draw for the same lot cannot simply run
        again = self._draw()
        with self.assertRaisesRegex(UserError, "approval|审批|批准"):
            again.with_user(self.trading).action_commit()
        self.assertEqual(again.state, "draft")
        Admin = first.with_user(self.admin_user)
        with self.assertRaisesRegex(UserError, "reason|原因|理由"):
            Admin.action_request_redraw("")
        Admin.action_request_redraw("抽取时系统专家库数据未同步，经监督部门确认需重新抽取")
        redraw = first.redraw_ids
        self.assertEqual((redraw.state, redraw.previous_draw_id, redraw.user_id), ("to_approve", first, self.admin_user))
        with self.assertRaisesRegex(UserError, "already|已"):
            Admin.action_request_redraw("再次申请")
        # without approval the redraw does not run
        with self.assertRaisesRegex(UserError, "approval|审批|批准"):
            redraw.with_user(self.admin_user).action_commit()
        # the requester does not approve their own request (hall administrators are supervisors too), nor
        # does a staff member who is neither leader nor supervisor
        for user in (self.admin_user, self.trading):
            with self.subTest(approver=user.login), self.assertRaises(REFUSED):
                self.rpc(user, redraw, "action_approve")
        self.assertEqual(redraw.state, "to_approve")
        self.assertEqual(first.state, "done")
        self.rpc(self.leader, redraw, "action_approve")
        self.assertEqual((redraw.state, redraw.approver_id), ("approved", self.leader))
        # the first draw stays, visible to its staff, marked superseded, its seats kept out of the committee
        self.assertEqual(first.with_user(self.admin_user).state, "superseded")
        self.assertFalse(first.member_ids)
        self.assertEqual(first.with_user(self.admin_user).all_member_ids, members)
        self.assertEqual(set(members.mapped("seat_state")), {"superseded"})
        self.assertFalse(self.lot.sudo().member_ids)
        self.assertTrue(first.with_user(self.supervisor).verify_draw())
        with self.assertRaises(UserError):
            first.unlink()
        run_draw(redraw, self.supervisor, value="第二次抽取，监督员输入", staff=self.admin_user)
        self.assertEqual(self.lot.sudo().member_ids, redraw.member_ids)
        self.assertEqual(len(redraw.member_ids), 5)
        self.assertTrue(redraw.with_user(self.supervisor).verify_draw())
        steps = [p["step"] for _e, p in self._entries(first)]
        self.assertEqual(steps, ["commit", "snapshot", "draw", "redraw_requested", "superseded"])
        self.assertEqual(self._entries(redraw)[0][1]["step"], "redraw_approved")
        # a refused redraw leaves the draw as it is
        redraw.with_user(self.admin_user).action_request_redraw("再次申请重新抽取")
        third = redraw.redraw_ids
        self.rpc(self.supervisor2, third, "action_refuse", "理由不充分")
        self.assertEqual((third.state, redraw.state), ("refused", "done"))
        with self.assertRaisesRegex(UserError, "approval|审批|批准"):
            third.with_user(self.admin_user).action_commit()

    def test_finished_draw_is_not_run_again(self):
        draw = run_draw(self._draw(), self.supervisor, staff=self.trading)
        fnames = ["state", "seed", "supervisor_value", "snapshot", "selected_ids_json", "drawn_count", "date_draw"]
        before = self.snapshot(draw, fnames)
        members = draw.member_ids
        for user, method, args in ((self.supervisor, "action_draw", ("另一个值",)), (self.trading, "action_commit", ()),
                                   (self.trading, "action_snapshot", ()), (self.supervisor, "action_draw", (VALUE,))):
            with self.subTest(method=method), self.assertRaisesRegex(UserError, "already|已|once|一次"):
                self.rpc(user, draw, method, *args)
        self.assertEqual(self.snapshot(draw, fnames), before)
        self.assertEqual(draw.member_ids, members)

    def test_non_supervisors_refused(self):
        draw = self._draw()
        fnames = ["state", "secret", "commitment", "snapshot", "seed", "supervisor_value", "selected_ids_json"]
        # before the draw: nobody but the trading staff commits or snapshots, nobody but the officer draws
        for user in (self.clerk, self.bidder_users[0], self.supervisor):
            self.assert_call_refused(user, draw, "action_commit")
        draw.with_user(self.trading).action_commit()
        for user in (self.clerk, self.bidder_users[0]):
            self.assert_call_refused(user, draw, "action_snapshot")
        draw.with_user(self.trading).action_snapshot()
        before = self.snapshot(draw, fnames)
        for user in (self.clerk, self.bidder_users[0], self.trading, self.trading2, self.supervisor2):
            self.assert_call_refused(user, draw, "action_draw", VALUE)
        self.assertEqual(self.snapshot(draw, fnames), before)
        draw.with_user(self.supervisor).action_draw(VALUE)
        before = self.snapshot(draw, fnames)
        # before the award: no verification with the secret, no secret, for anybody but the supervisors
        for user in (self.clerk, self.bidder_users[0], self.trading, self.trading2):
            with self.subTest(user=user.login):
                self.assert_call_refused(user, draw, "verify_draw")
                self.assert_call_refused(user, draw, "action_verify_draw")
                self.assert_call_refused(user, draw, "read", ["secret"])
                self.assert_write_refused(user, draw, {"secret": "0" * 64})
        for user in (self.clerk, self.bidder_users[0], self.trading2):
            self.assert_call_refused(user, draw, "read", ["secret_revealed"])
        # the drawing staff reads the draw, not its secret
        self.assertEqual(self.rpc(self.trading, draw, "read", ["secret_revealed", "seed"])[0]["secret_revealed"], False)
        self.assertEqual(self.rpc(self.supervisor, draw, "read", ["secret_revealed"])[0]["secret_revealed"],
                         draw.sudo().secret)
        self.assertTrue(self.rpc(self.supervisor, draw, "verify_draw"))
        self.assertEqual(self.snapshot(draw, fnames), before)
        # after the lot's result, whoever may read the draw reads its secret and verifies it
        with granted(self.lot):
            self.lot.sudo().write({"state": "awarded", "evaluation_started": True})
        self.assertEqual(self.rpc(self.trading2, draw, "read", ["secret_revealed"])[0]["secret_revealed"],
                         draw.sudo().secret)
        self.assertTrue(self.rpc(self.trading2, draw, "verify_draw"))
        for user in (self.clerk, self.bidder_users[0]):
            self.assert_call_refused(user, draw, "read", ["secret_revealed"])
            self.assert_call_refused(user, draw, "verify_draw")
        self.assertEqual(self.snapshot(draw, fnames), before)

    def test_draw_select_prefix(self):
        """The first n of a longer run are the run of n: what makes top-ups continue the committed order."""
        seed = sha256_hex("种子")
        pool = list(range(100, 140))
        full = draw_select(seed, pool, len(pool))
        self.assertEqual(sorted(full), pool)
        for n in (1, 5, 17):
            self.assertEqual(draw_select(seed, pool, n), full[:n])

    def test_wizard_and_forms(self):
        """The steps as the form offers them: the supervisor's value, a top-up and a redraw request through the
        wizard; the draw's form opens for the supervising officer (without the committee) and for the leader
        who decides a redraw."""
        draw = self._draw()
        draw.with_user(self.trading).action_commit()
        draw.with_user(self.trading).action_snapshot()
        Wizard = self.env["gov.trading.expert.draw.wizard"]
        action = draw.with_user(self.supervisor).action_open_value_wizard()
        wizard = Wizard.with_user(self.supervisor).with_context(action["context"]).create({"supervisor_value": VALUE})
        wizard.action_confirm()
        self.assertEqual(draw.state, "done")
        self.assertTrue(draw.with_user(self.supervisor).verify_draw())
        form = Form(draw.with_user(self.supervisor))
        self.assertEqual(form.secret_revealed, draw.sudo().secret)
        self.assertNotIn("member_ids", form._view["fields"])
        Form(draw.with_user(self.trading))
        leaving = draw.member_ids[0]
        wizard = Wizard.with_user(self.trading).create({"draw_id": draw.id, "mode": "top_up",
                                                        "member_id": leaving.id, "reason_kind": "recused",
                                                        "reason": "与投标人存在近亲属关系"})
        wizard.action_confirm()
        self.assertEqual(leaving.seat_state, "recused")
        self.assertEqual(len(draw.member_ids), 5)
        wizard = Wizard.with_user(self.trading).create({"draw_id": draw.id, "mode": "redraw",
                                                        "reason": "抽取专业类别选择错误"})
        action = wizard.action_confirm()
        redraw = draw.redraw_ids
        self.assertEqual((action["res_id"], redraw.state), (redraw.id, "to_approve"))
        self.assertEqual(Form(redraw.with_user(self.leader)).state, "to_approve")

    def test_protected_fields_refused(self):
        """The fields the steps write are refused over RPC to the drawing staff and the supervising officer,
        whatever the context; the record reads back unchanged."""
        draw = run_draw(self._draw(), self.supervisor, staff=self.trading)
        other = self.env["gov.trading.expert.draw"].create({"lot_id": self.lot.id, "specialty_id": self.spec.id,
                                                            "committee_size": 5})
        for user in (self.trading, self.supervisor, self.admin_user):
            for vals in ({"state": "frozen"}, {"commitment": "0" * 64}, {"snapshot": "[]"},
                         {"snapshot_sha256": "0" * 64}, {"supervisor_value": "另一个值"},
                         {"supervisor_value_sha256": "0" * 64}, {"seed": "0" * 64}, {"drawn_count": 9},
                         {"previous_draw_id": other.id}, {"supervisor_id": self.supervisor2.id},
                         {"selected_ids_json": "[]"}):
                self.assert_write_refused(user, draw, vals)
        member = draw.member_ids[0]
        for vals in ({"position": 7}, {"active": False}, {"seat_state": "declined"}, {"replace_reason": "伪造"}):
            self.assert_write_refused(self.trading, member, vals)
        # nobody creates a draw that already carries a secret, a result or a link to a redraw
        for vals in ({"secret": "0" * 64}, {"state": "done"}, {"previous_draw_id": draw.id},
                     {"seed": "0" * 64}):
            with self.subTest(create=vals), self.assertRaises(REFUSED):
                self.rpc(self.trading, self.env["gov.trading.expert.draw"], "create", dict(
                    {"lot_id": self.lot.id, "specialty_id": self.spec.id, "committee_size": 5}, **vals))
