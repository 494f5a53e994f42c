from . import month_xlsx
from . import year_xlsx
