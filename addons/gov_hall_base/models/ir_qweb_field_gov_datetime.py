"""QWeb widgets writing dates and times of the hall in the center's time zone, the Chinese way:
``t-options="{'widget': 'gov_datetime'}"`` gives 2026年12月1日 09:30 and ``'gov_date'`` gives 2026年12月1日, in
Beijing time (the center's zone) whoever is logged in, whatever the ``tz`` cookie or the user's own zone: on
public and portal pages, reports and mails. Options: ``company`` (the center, else the record's, else the
current company), ``seconds``."""
from odoo import api, models

from ..tools.dates import format_center_datetime


class IrQwebFieldGovDatetime(models.AbstractModel):
    _name = "ir.qweb.field.gov_datetime"
    _description = "QWeb Field: Date and Time at the Center"
    _inherit = ["ir.qweb.field"]

    _gov_date_only = False

    @api.model
    def _gov_company(self, options, record=None):
        company = options.get("company")
        if not company and record is not None and "company_id" in record._fields:
            company = record.sudo().company_id
        # the center's time zone is its partner's, which a portal or public reader may not read
        return (company or self.env.company).sudo()

    @api.model
    def value_to_html(self, value, options):
        return format_center_datetime(value, self._gov_company(options), date_only=self._gov_date_only,
                                      seconds=options.get("seconds"))

    @api.model
    def record_to_html(self, record, field_name, options):
        return format_center_datetime(record[field_name], self._gov_company(options, record),
                                      date_only=self._gov_date_only, seconds=options.get("seconds"))
