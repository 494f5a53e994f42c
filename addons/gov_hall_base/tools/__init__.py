from .rmb import amount_to_rmb_upper
from .identity import check_id_card, check_uscc
from .workdays import WorkdayTable
from .protect import granted, is_granted, protected_action
from .lang import center_env, center_lang
