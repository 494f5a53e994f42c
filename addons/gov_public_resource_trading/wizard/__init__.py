from . import gov_trading_expert_draw_wizard
from . import gov_trading_listing_reserve_wizard
from . import gov_trading_listing_statement_wizard
from . import gov_trading_suspension_wizard
from . import gov_trading_award_wizard
from . import gov_trading_deposit_receipt_wizard
