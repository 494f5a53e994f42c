from . import test_translations
from . import test_deadline_recompute
from . import test_door_to_door
from . import test_http_attacks
from . import test_access_matrix
from . import test_center_language
from . import test_readonly_routes
