from . import gov_trading_expert_draw_wizard
