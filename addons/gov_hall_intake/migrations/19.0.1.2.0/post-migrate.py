"""19.0.1.2.0: the former blacklist flag becomes a credit record in effect (see gov.hall.credit.record)."""
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["gov.hall.credit.record"]._gov_migrate_blacklist()
