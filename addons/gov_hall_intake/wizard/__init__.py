from . import gov_hall_intake_wizard
from . import gov_hall_case_decide_wizard
from . import gov_hall_case_deliver_wizard
from . import gov_hall_case_pause_wizard
from . import gov_hall_case_rate_wizard
from . import gov_hall_rating_review_wizard
from . import gov_hall_statistics_wizard
from . import gov_hall_catalog_import
