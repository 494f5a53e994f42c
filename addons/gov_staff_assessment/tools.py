from odoo.addons.gov_hall_base.tools.protect import is_granted


# who records the inspections, trainings, commendations and fault accountability that feed the scores
ACTIVITY_GROUPS = ("gov_hall_base.group_gov_supervisor", "gov_hall_base.group_gov_assessor")


def is_activity_officer(env):
    """The supervision office (督查) or an HR assessor, checked on the user itself (superuser mode is no group)."""
    return any(env.user.has_group(group) for group in ACTIVITY_GROUPS)


def unlocked(records):
    """True where the fields a form edits only in draft may change anyway: inside a named action of the
    records' model (tools/protect.py of gov_hall_base), or while modules load their data files."""
    return is_granted(records._name) or not records.pool.ready
