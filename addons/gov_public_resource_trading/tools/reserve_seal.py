"""Sealing of a listing's reserve price (底价) with a key only the transferor holds.

Format ``gov-reserve/1`` (the same in the browser's sealing page, static/src/js/listing_reserve.js):

- the transferor's browser draws a random 256-bit key, a 96-bit nonce and a 128-bit salt;
- the value is written with two decimals (``"13579246.00"``);
- the ciphertext is AES-256-GCM(key, nonce, JSON {"value": ..., "salt": hex}) with the additional data
  ``gov-reserve/1:<listing id>`` (a ciphertext cannot be moved to another listing);
- the commitment is SHA-256(salt || value) in hex, published with the announcement.

The server stores the ciphertext, the nonce and the commitment; the key (hence the salt and the value) stays
with the transferor until the close, when it is entered and the opened value is checked against the
commitment. The salt is inside the ciphertext: the published commitment cannot be searched by trying prices.
"""
import base64
import binascii
import hashlib
import hmac
import json
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

FORMAT = "gov-reserve/1"


class ReserveKeyError(ValueError):
    """The key does not open the ciphertext, or the opened value does not match the commitment."""


def canonical_value(value):
    return "%.2f" % round(float(value), 2)


def aad(listing_id):
    return f"{FORMAT}:{int(listing_id)}".encode()


def commitment(salt_hex, value):
    return hashlib.sha256(bytes.fromhex(salt_hex) + canonical_value(value).encode()).hexdigest()


def seal(listing_id, value):
    """What the transferor's browser does. Returns (sealed dict for the server, key in hex for the
    transferor)."""
    key, nonce, salt = os.urandom(32), os.urandom(12), os.urandom(16).hex()
    plain = json.dumps({"value": canonical_value(value), "salt": salt}).encode()
    ciphertext = AESGCM(key).encrypt(nonce, plain, aad(listing_id))
    return {
        "format": FORMAT,
        "ciphertext": base64.b64encode(ciphertext).decode(),
        "nonce": base64.b64encode(nonce).decode(),
        "commitment": commitment(salt, value),
    }, key.hex()


def open_sealed(listing_id, ciphertext_b64, nonce_b64, commitment_hex, key_hex):
    """The value the key opens, checked against the commitment; ReserveKeyError otherwise."""
    try:
        key = bytes.fromhex((key_hex or "").strip().replace(" ", "").replace("-", ""))
        if len(key) != 32:
            raise ValueError("length")
        plain = AESGCM(key).decrypt(base64.b64decode(nonce_b64), base64.b64decode(ciphertext_b64),
                                    aad(listing_id))
        data = json.loads(plain)
        value, salt = data["value"], data["salt"]
    except (ValueError, InvalidTag, KeyError, TypeError, binascii.Error) as e:
        raise ReserveKeyError("key") from e
    if not hmac.compare_digest(commitment(salt, value), commitment_hex or ""):
        raise ReserveKeyError("commitment")
    return float(value), salt
