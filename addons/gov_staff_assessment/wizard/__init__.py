from . import year_appeal
from . import inspection_plan
