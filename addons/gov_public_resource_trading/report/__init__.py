from . import trading_report
