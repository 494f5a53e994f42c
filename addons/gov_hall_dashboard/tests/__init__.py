from . import test_workbench
from . import test_website
from . import test_beijing_time
from . import test_dashboards
from . import test_journeys
from . import test_measured
