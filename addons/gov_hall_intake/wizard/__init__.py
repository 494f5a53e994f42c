from . import gov_hall_intake_wizard
from . import gov_hall_case_wizards
from . import gov_hall_statistics_wizard
from . import gov_hall_catalog_import
