"""19.0.1.4.0: the record rules name "the applicant's own" by the applicant's commercial partner.

``('applicant_id', 'child_of', user.commercial_partner_id.id)`` became
``('applicant_id.commercial_partner_id', '=', user.commercial_partner_id.id)`` (the same cases: the user's
company and all its contacts). ``child_of`` searched the partners' hierarchy at every access check, four times
per intake. The rules of this module are ``noupdate`` data: the upgrade rewrites their domains here.
"""
import re

CHILD_OF = re.compile(r"\('([a-z_.]+)', 'child_of', user\.commercial_partner_id\.id\)")
COMMERCIAL = r"('\1.commercial_partner_id', '=', user.commercial_partner_id.id)"


def rewrite(domain):
    return CHILD_OF.sub(COMMERCIAL, domain or "")


def migrate(cr, version):
    cr.execute("""SELECT r.id, r.domain_force FROM ir_rule r
                    JOIN ir_model_data d ON d.model = 'ir.rule' AND d.res_id = r.id AND d.module = 'gov_hall_intake'
                   WHERE r.domain_force LIKE '%%child_of%%'""")
    for rule_id, domain in cr.fetchall():
        new = rewrite(domain)
        if new != domain:
            cr.execute("UPDATE ir_rule SET domain_force = %s WHERE id = %s", [new, rule_id])
