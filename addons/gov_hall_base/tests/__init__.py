from . import test_calendar
from . import test_posting
from . import test_protected
from . import test_access
from . import test_identity
from . import test_window
from . import test_tours
from . import test_tools
