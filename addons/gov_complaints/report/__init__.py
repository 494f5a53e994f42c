from . import gov_complaint_xlsx
