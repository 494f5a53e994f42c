from .rmb import amount_to_rmb_upper
from .identity import check_id_card, check_uscc
from .workdays import WorkdayTable
from .protect import granted, is_granted, protected_action
from .lang import center_env, center_lang
from .codes import CODE_ALPHABET, check_code, new_code, normalize_code
from .dates import (center_date, center_day_bounds, center_days, center_now, center_today, center_tz,
                    companies_domain, format_center_datetime, format_cn_date, from_center, to_center)
from .throttle import Throttle, client_address
from .upload import check_upload, detect_kind, read_upload, upload_limit
from .http import JsonError, json_endpoint, json_error, json_reply, read_json_body, text_field
