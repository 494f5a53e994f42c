from . import test_scheme
from . import test_scoring
from . import test_access
from . import test_year
from . import test_inspection
from . import test_website
from . import test_menus
from . import test_access_integrity
