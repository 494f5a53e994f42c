from . import trading_log
from . import trading_project
from . import trading_announcement
from . import trading_bidder
from . import trading_bid
from . import trading_expert
