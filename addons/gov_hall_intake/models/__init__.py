from . import res_company
from . import gov_hall_service_item
from . import gov_hall_case
from . import gov_hall_case_task
from . import gov_hall_rating
from . import gov_hall_supervision
from . import gov_hall_case_report
from . import gov_hall_inquiry
