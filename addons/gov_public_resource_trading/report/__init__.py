from . import report_opening_record
from . import report_award_notice
from . import report_award_result
from . import report_trading_xlsx
