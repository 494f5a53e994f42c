#!/usr/bin/env python3
"""Seal and sign a bid from the command line (the bid-preparation tool, 投标文件制作工具).

Runs with plain Python 3 and the ``cryptography`` package, offline. It produces the same sealed bid file
(format ``gov-sealed-bid/1``) as the portal's sealing page and the offline HTML tool:

    python3 seal_bid.py keygen --out signing-key.json          # once: the bidder's signing key pair
    python3 seal_bid.py seal --ticket ticket.json --signing-key signing-key.json \\
        --price 11980000.00 --duration 180 --file 投标函.pdf --out bid.sealed.json --key-out bid.key.json

``ticket.json`` is the sealing ticket the portal issues before sealing (lot code, registration id and a
single-use sealing nonce). The bid key is random (256 bits); it is printed as the "opening key code"
(开标密钥, base32 groups with a check character) and written to the key file: keep both until the opening.
The portal receives only the sealed file: ciphertext, IV, nonce, SHA-256 and the bidder's signature.

Format (also read by the server, gov_trading_bid.py):
- key code: base32 (RFC 4648 alphabet, no padding) of the 32 key bytes, then one Luhn mod 32 check
  character, in groups of 4 separated by "-";
- cipher AES-256-GCM, 12-byte IV, additional data = UTF-8 of ``lot|registration|nonce``;
- plaintext = JSON ``{"price", "duration_days", "files": [{"name", "type", "size", "data" (base64)}]}``;
- signature ECDSA P-256 with SHA-256 over the ASCII of the ciphertext's SHA-256 hex digest, raw r||s,
  base64; the public key is the SubjectPublicKeyInfo DER, base64 (Web Crypto "spki").
"""
import argparse
import base64
import hashlib
import json
import os
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

FORMAT = "gov-sealed-bid/1"
KEY_FORMAT = "random-v2"
KEY_FILE_FORMAT = "gov-bid-key/1"
SIGNING_KEY_FORMAT = "gov-signing-key/1"
ALGS = {"cipher": "AES-256-GCM", "sig": "ECDSA-P256-SHA256", "hash": "SHA-256"}
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
LOOKALIKES = {"0": "O", "1": "I", "8": "B"}


class KeyCodeError(ValueError):
    """The key code is mistyped: wrong length, a character outside the alphabet or a wrong check."""


# -- key code -------------------------------------------------------------------------------------------
def _luhn_check_char(body):
    factor, total, n = 2, 0, len(ALPHABET)
    for char in reversed(body):
        addend = factor * ALPHABET.index(char)
        factor = 3 - factor
        total += addend // n + addend % n
    return ALPHABET[(n - total % n) % n]


def key_to_code(key):
    body = base64.b32encode(key).decode().rstrip("=")
    code = body + _luhn_check_char(body)
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def code_to_key(code):
    """The 32 key bytes of a key code; raises KeyCodeError when it is mistyped."""
    text = "".join(LOOKALIKES.get(c, c) for c in str(code or "").upper() if c not in " -\t\r\n")
    if len(text) != 53 or any(c not in ALPHABET for c in text):
        raise KeyCodeError("the key code has 53 characters from A-Z and 2-7")
    body, check = text[:-1], text[-1]
    if _luhn_check_char(body) != check:
        raise KeyCodeError("the check character does not match: a character is mistyped")
    key = base64.b32decode(body + "=" * (-len(body) % 8))
    if len(key) != 32:
        raise KeyCodeError("the key code does not hold a 256-bit key")
    return key


def parse_key(value):
    """The 32 key bytes from a key code, a key file (JSON text) or a base64 raw key."""
    text = str(value or "").strip()
    if text.startswith("{"):
        data = json.loads(text)
        return base64.b64decode(data["key"], validate=True)
    try:
        raw = base64.b64decode(text, validate=True)
        if len(raw) == 32:
            return raw
    except ValueError:
        pass
    return code_to_key(text)


# -- pieces of the format ---------------------------------------------------------------------------------
def additional_data(lot, registration, nonce):
    return f"{lot}|{int(registration)}|{nonce}".encode()


def public_key_b64(private_key):
    der = private_key.public_key().public_bytes(serialization.Encoding.DER,
                                                serialization.PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(der).decode()


def key_fingerprint(public_b64):
    return hashlib.sha256(base64.b64decode(public_b64)).hexdigest()


def sign_raw(private_key, message):
    r, s = decode_dss_signature(private_key.sign(message, ec.ECDSA(hashes.SHA256())))
    return base64.b64encode(r.to_bytes(32, "big") + s.to_bytes(32, "big")).decode()


def verify_raw(public_b64, message, signature_b64):
    """True when ``signature_b64`` (raw r||s, as Web Crypto makes it) verifies ``message``."""
    try:
        key = serialization.load_der_public_key(base64.b64decode(public_b64))
        raw = base64.b64decode(signature_b64, validate=True)
        if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name != "secp256r1" or len(raw) != 64:
            return False
        der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
        key.verify(der, message, ec.ECDSA(hashes.SHA256()))
        return True
    except (InvalidSignature, ValueError, TypeError):
        return False


def new_signing_key():
    """A signing key file (private PKCS#8 and public SPKI, base64), as the sealing page exports it."""
    private_key = ec.generate_private_key(ec.SECP256R1())
    pkcs8 = private_key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption())
    return {"format": SIGNING_KEY_FORMAT, "alg": ALGS["sig"], "private_pkcs8": base64.b64encode(pkcs8).decode(),
            "public_spki": public_key_b64(private_key)}


def load_signing_key(data):
    if isinstance(data, str):
        data = json.loads(data)
    return serialization.load_der_private_key(base64.b64decode(data["private_pkcs8"]), password=None)


def seal(ticket, signing_key, price, duration_days=0, files=(), key=None, iv=None):
    """Seal ``price``/``files`` for the ticket's lot and registration; returns (sealed_file_dict, key bytes).

    ``ticket``: {"lot", "registration", "nonce"}; ``signing_key``: a signing key file dict or a private key;
    ``files``: [(name, bytes, mime type)]; ``price`` is written as given (the committee judges it)."""
    if not hasattr(signing_key, "sign"):
        signing_key = load_signing_key(signing_key)
    key = key or AESGCM.generate_key(bit_length=256)
    iv = iv or os.urandom(12)
    payload = json.dumps({
        "price": price, "duration_days": int(duration_days or 0),
        "files": [{"name": name, "type": mime or "application/octet-stream", "size": len(data),
                   "data": base64.b64encode(data).decode()} for name, data, mime in files],
    }, ensure_ascii=False).encode()
    lot, registration, nonce = ticket["lot"], int(ticket["registration"]), ticket["nonce"]
    ciphertext = AESGCM(key).encrypt(iv, payload, additional_data(lot, registration, nonce))
    digest = hashlib.sha256(ciphertext).hexdigest()
    sealed = {
        "format": FORMAT, "key_format": KEY_FORMAT, **ALGS,
        "lot": lot, "registration": registration, "nonce": nonce,
        "iv": base64.b64encode(iv).decode(), "ciphertext": base64.b64encode(ciphertext).decode(),
        "sha256": digest, "signature": sign_raw(signing_key, digest.encode()),
        "public_key_sha256": key_fingerprint(public_key_b64(signing_key)),
    }
    return sealed, key


def key_file(key, ticket):
    return {"format": KEY_FILE_FORMAT, "cipher": ALGS["cipher"], "key": base64.b64encode(key).decode(),
            "code": key_to_code(key), "lot": ticket["lot"], "registration": int(ticket["registration"])}


def open_sealed(sealed, key):
    """Decrypt a sealed bid file with its key (the bidder's own check before the opening)."""
    ciphertext = base64.b64decode(sealed["ciphertext"])
    plaintext = AESGCM(key).decrypt(base64.b64decode(sealed["iv"]), ciphertext,
                                    additional_data(sealed["lot"], sealed["registration"], sealed["nonce"]))
    return json.loads(plaintext)


# -- command line -----------------------------------------------------------------------------------------
def main(argv=None):
    parser = argparse.ArgumentParser(description="Seal and sign a bid for the public resource trading portal.")
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("keygen", help="create a signing key pair (register its public key on the portal)")
    gen.add_argument("--out", required=True)
    cmd = sub.add_parser("seal", help="seal and sign a bid")
    cmd.add_argument("--ticket", required=True, help="sealing ticket JSON downloaded from the portal")
    cmd.add_argument("--signing-key", required=True)
    cmd.add_argument("--price", required=True)
    cmd.add_argument("--duration", type=int, default=0)
    cmd.add_argument("--file", action="append", default=[])
    cmd.add_argument("--out", required=True, help="the sealed bid file to upload")
    cmd.add_argument("--key-out", required=True, help="the bid key file to keep until the opening")
    args = parser.parse_args(argv)
    if args.command == "keygen":
        data = new_signing_key()
        with open(args.out, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=1)
        print(f"Signing key written to {args.out}. Register this public key on the portal:")  # noqa: T201
        print(data["public_spki"])  # noqa: T201
        return 0
    with open(args.ticket, encoding="utf-8") as fh:
        ticket = json.load(fh)
    with open(args.signing_key, encoding="utf-8") as fh:
        signing = json.load(fh)
    files = []
    for path in args.file:
        with open(path, "rb") as fh:
            files.append((os.path.basename(path), fh.read(), "application/octet-stream"))
    try:
        price = float(args.price)
    except ValueError:
        price = args.price
    sealed, key = seal(ticket, signing, price, args.duration, files)
    with open(args.key_out, "w", encoding="utf-8") as fh:
        json.dump(key_file(key, ticket), fh, indent=1)
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump(sealed, fh)
    print(f"Sealed bid: {args.out} (SHA-256 {sealed['sha256']})")  # noqa: T201
    print(f"Opening key code (开标密钥), keep it until the opening: {key_to_code(key)}")  # noqa: T201
    print("A lost key cannot be recovered: the bid is then revoked and the deposit may be kept.")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
