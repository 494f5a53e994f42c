from . import test_timetable
from . import test_bidder_access
from . import test_sealed_bid
from . import test_log
from . import test_experts
from . import test_evaluation
from . import test_portal_tour
from . import test_access_integrity
