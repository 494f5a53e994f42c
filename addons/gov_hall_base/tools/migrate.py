"""Helpers for the suite's migration scripts (``migrations/<version>/*.py`` of each addon)."""


def move_group_members(cr, old_module, old_name, new_module="gov_hall_base", new_name="group_gov_center_leader"):
    """Make the members of the group ``old_module.old_name`` members of ``new_module.new_name`` (run it in a
    pre-migration, before the update removes or changes the old group)."""
    cr.execute("""
        INSERT INTO res_groups_users_rel (gid, uid)
        SELECT new.res_id, rel.uid
          FROM ir_model_data old
          JOIN ir_model_data new ON new.module = %s AND new.name = %s AND new.model = 'res.groups'
          JOIN res_groups_users_rel rel ON rel.gid = old.res_id
         WHERE old.module = %s AND old.name = %s AND old.model = 'res.groups' AND old.res_id <> new.res_id
        ON CONFLICT DO NOTHING
    """, [new_module, new_name, old_module, old_name])
