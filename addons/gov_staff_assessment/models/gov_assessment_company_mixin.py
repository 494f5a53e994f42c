"""gov.assessment.company.mixin: Odoo's company consistency check (``check_company=True`` on the relations,
``_check_company_auto``) run per center instead of per record, for the records the month and year
computations create by the thousand (events, item scores, month and year lines)."""
from odoo import models


class GovAssessmentCompanyMixin(models.AbstractModel):
    _name = "gov.assessment.company.mixin"
    _description = "Company Check of Batch-Created Records"
    _check_company_auto = True

    def _check_company(self, fnames=None):
        """Same verdict as Odoo's check, one filter per center and field: the records of a center are
        consistent when all their linked records together are. Where they are not, Odoo's own check on
        that center's records raises its usual message."""
        if len(self) < 2 or "company_id" not in self._fields:
            return super()._check_company(fnames)
        if fnames is None or {"company_id", "company_ids"} & set(fnames):
            fnames = self._fields
        checked = [self._fields[n] for n in fnames if self._fields[n].relational and self._fields[n].check_company]
        if not checked or any(field.company_dependent for field in checked):
            return super()._check_company(fnames)
        names = [field.name for field in checked]
        for company, records in self.sudo().grouped("company_id").items():
            for name in names:
                corecords = records[name]
                if not corecords:
                    continue
                domain = corecords._check_company_domain(company)
                if domain and corecords != corecords.with_context(active_test=False).filtered_domain(domain):
                    return self.browse(records.ids)._check_company_per_record(fnames)
        return None

    def _check_company_per_record(self, fnames):
        return super()._check_company(fnames)
