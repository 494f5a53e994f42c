"""19.0.1.1.0: one center leader group.

``gov_staff_assessment.group_gov_center_leader`` is gone: the center leader group of the suite is
``gov_hall_base.group_gov_center_leader``, which gets the assessor's rights here. Members of the old group
become members of the center leader group before the update removes the old record, so that existing databases
keep their leaders.
"""
from odoo.addons.gov_hall_base.tools.migrate import move_group_members


def migrate(cr, version):
    if version:
        move_group_members(cr, "gov_staff_assessment", "group_gov_center_leader")
