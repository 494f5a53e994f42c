from . import test_paths
from . import test_access
from . import test_scan
from . import test_letters
from . import test_web
from . import test_hotline
from . import test_reports
from . import test_intake_link
