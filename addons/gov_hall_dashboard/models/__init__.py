from . import res_groups
from . import res_users
from . import website
from . import ir_http
from . import gov_hall_intake_wizard
