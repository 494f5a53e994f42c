"""19.0.1.2.0: the record rules changed (deposits and their log entries hidden from the staff while a lot is
tendering, the trading supervisor and the tenderer's agents, committed expert draws, listings). Rules are
``noupdate`` data, which an update does not rewrite: load our security files again as on install."""
from odoo import SUPERUSER_ID, api
from odoo.tools.convert import convert_file

FILES = ("security/trading_security.xml", "security/trading_tendering_security.xml",
         "security/gov_trading_listing_security.xml")


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    for path in FILES:
        convert_file(env, "gov_public_resource_trading", path, {}, mode="init", noupdate=True)
