"""19.0.1.1.0: one center leader group.

The complaint leaders were members of ``gov_complaints.group_gov_complaint_leader``; the center leader group of
the suite is ``gov_hall_base.group_gov_center_leader`` (which now implies the supervision rights and keeps the
old group as an alias). Its members become members of the center leader group, so that existing databases keep
their leaders.
"""
from odoo.addons.gov_hall_base.tools.migrate import move_group_members


def migrate(cr, version):
    if version:
        move_group_members(cr, "gov_complaints", "group_gov_complaint_leader")
