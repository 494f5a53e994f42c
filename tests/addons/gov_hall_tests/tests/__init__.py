from . import test_translations
from . import test_deadline_recompute
