from . import gov_hall_calendar_schedule
from . import gov_hall_refuse_wizard
