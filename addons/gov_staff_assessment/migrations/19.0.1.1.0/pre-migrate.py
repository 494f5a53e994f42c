"""19.0.1.1.0: one center leader group.

``gov_staff_assessment.group_gov_center_leader`` is gone: the center leader group of the suite is
``gov_hall_base.group_gov_center_leader``, which gets the assessor's rights here. Members of the old group
become members of the center leader group before the update removes the old record, so that existing databases
keep their leaders.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute("""
        INSERT INTO res_groups_users_rel (gid, uid)
        SELECT base.res_id, rel.uid
          FROM ir_model_data old
          JOIN ir_model_data base ON base.module = 'gov_hall_base' AND base.name = 'group_gov_center_leader'
                                 AND base.model = 'res.groups'
          JOIN res_groups_users_rel rel ON rel.gid = old.res_id
         WHERE old.module = 'gov_staff_assessment' AND old.name = 'group_gov_center_leader'
           AND old.model = 'res.groups' AND old.res_id <> base.res_id
        ON CONFLICT DO NOTHING
    """)
