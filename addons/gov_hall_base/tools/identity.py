"""Validation of Chinese identity numbers with python-stdnum.

Each function returns the compact, upper-case number or raises ``ValueError`` with the reason
(``stdnum`` exceptions are translated by the callers into Chinese user messages).
"""
import functools
import os

from stdnum import numdb
from stdnum.cn import ric, uscc
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength
from stdnum.util import isdigits


@functools.cache
def _region_codes():
    """The region codes of ID card numbers (stdnum's ``cn/loc`` data file), read by path with stdnum's public
    ``numdb.read``: stdnum's own loader goes through importlib.resources, which Odoo's import hook breaks
    for it ("Can't open orphan path"), and nothing of stdnum is patched."""
    with open(os.path.join(os.path.dirname(numdb.__file__), "cn", "loc.dat"), encoding="utf-8") as fp:
        return numdb.read(fp)


def check_id_card(number):
    """Resident identity card (居民身份证), 18 characters with checksum, birth date and birth place: the
    checks of ``stdnum.cn.ric.validate``, with the region table above."""
    number = ric.compact(number)
    if len(number) != 18:
        raise InvalidLength()
    if not isdigits(number[:-1]):
        raise InvalidFormat()
    if number[-1] != ric.calc_check_digit(number):
        raise InvalidChecksum()
    ric.get_birth_date(number)
    if not _region_codes().info(number[:6])[0][1]:
        raise InvalidComponent()
    return number


def check_uscc(number):
    """Unified social credit code (统一社会信用代码), 18 characters with checksum."""
    return uscc.validate(number)
