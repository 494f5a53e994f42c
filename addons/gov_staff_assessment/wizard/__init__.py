from . import gov_assessment_year_appeal_wizard
from . import gov_assessment_inspection_plan
