from odoo import models


class Base(models.AbstractModel):
    """The company check of the suite's records, without a domain per field.

    Odoo checks each ``check_company`` field on every create and write by evaluating the co-record's
    ``_check_company_domain`` (``company_id in [the record's company, False]``): a domain built, optimized and
    evaluated per field and record, about a tenth of a case's intake. For a many2one to a model that keeps
    Odoo's domain and has a plain ``company_id``, the same test is a comparison of two ids; every other field
    (and any field that fails the comparison, so that the error is Odoo's own) goes through Odoo's check.
    """

    _inherit = "base"

    def _check_company(self, fnames=None):
        if not self._name.startswith("gov.") or "company_id" not in self._fields:
            return super()._check_company(fnames)
        if fnames is None or {"company_id", "company_ids"} & set(fnames):
            fnames = self._fields
        plain_domain = models.BaseModel._check_company_domain
        rest = []
        for name in fnames:
            field = self._fields[name]
            if not (field.relational and field.check_company):
                continue
            comodel = self.env[field.comodel_name]
            co_company = comodel._fields.get("company_id")
            if (field.type != "many2one" or field.company_dependent or co_company is None
                    or co_company.type != "many2one"
                    or type(comodel)._check_company_domain is not plain_domain):
                rest.append(name)
                continue
            for record in self:
                co = record.sudo()[name]
                if co and co.company_id and co.company_id != record.company_id:
                    rest.append(name)
                    break
        if rest:
            super()._check_company(rest)
