import base64
from datetime import date, datetime

from stdnum.cn import ric

from odoo.tests import new_test_user

from odoo.addons.gov_hall_base.tools.protect import granted

from .common import GovIntakeCase

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def id_card(prefix17):
    return prefix17 + ric.calc_check_digit(prefix17 + "0")


class GovOnlineCase(GovIntakeCase):
    """Online items and applicants: 周 (t_applicant), 吴 (another applicant), an agent of the company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # published items are edited through new versions: set the online flag as the catalog import would
        cls.env.cr.execute("UPDATE gov_hall_service_item SET online = TRUE, website_published = TRUE WHERE id IN %s",
                           [tuple((cls.item | cls.item_joint).ids)])
        (cls.item | cls.item_joint).invalidate_recordset(["online", "website_published"])
        cls.applicant_b = new_test_user(cls.env, login="t_applicant_b", groups="gov_hall_base.group_gov_portal_applicant",
                                        name="吴小梅", email="wxm@example.com")
        cls.applicant_b.partner_id.write({"gov_id_type": "id_card", "gov_id_number": id_card("36110219900215002")})
        cls.agent = new_test_user(cls.env, login="t_agent", groups="gov_hall_base.group_gov_portal_applicant",
                                  name="李经办", email="ljb@example.com")
        cls.agent.partner_id.write({"gov_id_type": "id_card", "gov_id_number": id_card("36110219881001003")})
        cls.applicant.partner_id.email = "zjg@example.com"
        cls.company_user = new_test_user(cls.env, login="t_company", groups="gov_hall_base.group_gov_portal_applicant",
                                         name="信江餐饮")
        cls.company_user.partner_id = cls.company_partner

    def authorize(self, items=None, date_end=date(2099, 12, 31), date_start=date(2020, 1, 1), all_items=False):
        Auth = self.env["gov.hall.agent.authorization"]
        with granted(Auth):
            return Auth.sudo().create({
                "company_partner_id": self.company_partner.id, "agent_partner_id": self.agent.partner_id.id,
                "item_ids": [(6, 0, (items or self.item).ids)], "all_items": all_items,
                "date_start": date_start, "date_end": date_end})

    def draft(self, user=None, item=None, authorization=None, nonce=None):
        user = user or self.applicant
        return self.env["gov.hall.case"].with_user(user)._gov_apply_create(
            item or self.item, user.partner_id, authorization=authorization, nonce=nonce)

    def upload(self, case, names=None):
        lines = case.sudo().material_line_ids
        if names:
            lines = lines.filtered(lambda m: m.name in names)
        for line in lines:
            att = self.env["ir.attachment"].create({
                "name": f"{line.name}.pdf", "datas": base64.b64encode(PDF), "mimetype": "application/pdf",
                "res_model": "gov.hall.case.material", "res_id": line.id})
            line._gov_add_upload(att)

    def submitted(self, user=None, **kw):
        case = self.draft(user, **kw)
        self.upload(case)
        case.with_user(user or self.applicant).action_apply_submit()
        return case.with_user(self.clerk)

    def received_on(self, case, day):
        """Backdate the receipt of a submitted case to ``day`` (noon at the center)."""
        with granted(case):
            case.sudo().write({"date_received": datetime(day.year, day.month, day.day, 4, 0),
                               "gov_prereview_start": day})
