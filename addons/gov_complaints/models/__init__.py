from . import gov_complaint
from . import gov_complaint_handling
from . import gov_complaint_letter
from . import gov_social_supervisor
from . import gov_complaint_web
from . import gov_complaint_circular
from . import res_company
from . import gov_hall_intake_link
