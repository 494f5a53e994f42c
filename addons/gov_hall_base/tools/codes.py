"""Codes handed to citizens and bidders (query codes, receipt suffixes): random from ``secrets``, in an
alphabet without look-alike characters (no O/0, I/1), and checked in constant time."""
import hmac
import secrets
import string

CODE_ALPHABET = "".join(c for c in string.ascii_uppercase + string.digits if c not in "OI01")


def new_code(length=8, alphabet=CODE_ALPHABET):
    """A random code of ``length`` characters of ``alphabet`` (8 characters: about 40 bits)."""
    return "".join(secrets.choice(alphabet) for _ in range(length))


def normalize_code(code):
    """A code as a citizen types it: surrounding blanks dropped, upper case."""
    return (code or "").strip().upper()


def check_code(expected, given):
    """Whether ``given`` (as typed) matches ``expected``, in constant time; False when either is empty."""
    expected, given = expected or "", normalize_code(given)
    if not expected or not given:
        return False
    return hmac.compare_digest(expected.encode(), given.encode())
