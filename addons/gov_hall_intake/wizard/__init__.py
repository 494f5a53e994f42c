from . import gov_hall_intake_wizard
from . import gov_hall_case_wizards
