"""Validation of Chinese identity numbers with python-stdnum.

Each function returns the compact, upper-case number or raises ``ValueError`` with the reason
(``stdnum`` exceptions are translated by the callers into Chinese user messages).
"""
import os

from stdnum import numdb
from stdnum.cn import ric, uscc


def _open_numdb_resource(name):
    """stdnum reads its data files (the region codes checked in ID card numbers) through
    importlib.resources, which Odoo's import hook breaks for stdnum ("Can't open orphan path");
    open them by path instead."""
    return open(os.path.join(os.path.dirname(numdb.__file__), name), "rb")  # noqa: SIM115


numdb._get_resource_stream = _open_numdb_resource


def check_id_card(number):
    """Resident identity card (居民身份证), 18 characters with checksum and birth date."""
    return ric.validate(number)


def check_uscc(number):
    """Unified social credit code (统一社会信用代码), 18 characters with checksum."""
    return uscc.validate(number)
