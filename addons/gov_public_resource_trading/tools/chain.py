"""Verification of the trading log's hash chain, as a pure function.

``verify(rows, anchors)`` reads the stored rows of ``gov_trading_log`` (from the database or from an
exported file) and the heads held outside the database (printed on receipts, opening records, award
notices, published at ``/trading/log/head``) and reports the first broken link. It never writes and never
chains a row itself: a row without a sequence is either pending (committed after the last chained row,
linked right after its commit) or suspicious (older than the last chained row: inserted behind the chain's
back) and then reported.

The hash of an entry is SHA-256 over ``prev_hash | canonical JSON of the entry`` (see ``entry_hash``). The
chain alone proves nothing against whoever can rewrite the whole table: deleting the newest entries or
recomputing every hash after an edit leaves a chain consistent with itself. The anchors are what makes it
evidence:

- ``{"sequence": n, "hash": h}``: the entry ``n`` has the hash ``h`` (the chain head printed on a receipt or a
  document at that moment). An edited entry at or below ``n`` breaks either its own hash or, when every later
  hash was recomputed, this anchor; a deleted tail shows as a chain ending before ``n``.
- ``{"after_sequence": n, "payload_sha256": s}``: an entry whose stored payload text has the SHA-256 ``s``
  exists after the entry ``n`` (a bid receipt carries the head before its own entry and its entry's payload
  hash): deleting or editing that entry is detected even when the head on the receipt still verifies.

This module imports nothing from Odoo so that anyone holding an exported log and receipts can run it.
"""
import hashlib
import json
from datetime import date as _date
from datetime import datetime, timedelta

GENESIS = "0" * 64
ALGORITHM = "sha256"
# the stored columns, in the order of a row given as a tuple (and of the exported file's columns)
COLUMNS = ("id", "sequence", "date", "event", "res_model", "res_id", "lot_id", "user_id", "ip_address", "payload",
           "prev_hash", "hash", "create_date")
# an entry is linked right after its commit; one committed while another was being linked can be unsequenced
# for a moment although created a little before the last chained entry: not reported within this margin
GRACE_SECONDS = 600


def canonical(values):
    """The canonical JSON text of ``values`` (sorted keys, no spaces, UTF-8 characters kept)."""
    return json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def _datetime_text(value):
    """A datetime as the ORM writes it (``YYYY-MM-DD HH:MM:SS``, no microseconds); ``False`` when empty."""
    if not value:
        return False
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, _date):
        return value.strftime("%Y-%m-%d 00:00:00")
    return str(value)


def _to_datetime(value):
    if not value:
        return None
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def entry_hash(prev_hash, seq, date, event, res_model, res_id, lot_id, user_id, ip, payload):
    """The hash of one entry, linked to ``prev_hash``."""
    body = canonical({
        "seq": seq, "date": _datetime_text(date), "event": event, "res_model": res_model or "",
        "res_id": res_id or 0, "lot_id": lot_id or 0, "user_id": user_id or 0, "ip": ip or "",
        "payload": payload or "",
    })
    return hashlib.sha256(f"{prev_hash}|{body}".encode()).hexdigest()


def payload_sha256(payload):
    """SHA-256 (hex) of an entry's stored payload text, as a bid receipt carries it."""
    return hashlib.sha256((payload or "").encode("utf-8")).hexdigest()


def row_hash(row):
    """The hash an entry (a dict of its stored columns) should have given its own ``prev_hash``."""
    return entry_hash(row.get("prev_hash"), row.get("sequence"), row.get("date"), row.get("event"),
                      row.get("res_model"), row.get("res_id"), row.get("lot_id"), row.get("user_id"),
                      row.get("ip_address"), row.get("payload"))


def as_dict(row):
    """A row given as a dict of the stored columns or as a tuple in ``COLUMNS`` order."""
    if isinstance(row, dict):
        return row
    return dict(zip(COLUMNS, row))


def anchors_from_receipt(receipt):
    """The anchors a signed bid receipt (or any document printing the head) gives.

    ``receipt`` is shaped ``{"head": {"sequence": n, "hash": h}, "log_payload_sha256": s, ...}``; the head is
    the chain head when the receipt was issued, before the receipt's own entry, which therefore comes after
    ``n`` and has the payload hash ``s``."""
    anchors = []
    head = receipt.get("head") or {}
    if head.get("hash") is not None and head.get("sequence") is not None:
        anchors.append({"sequence": int(head["sequence"]), "hash": str(head["hash"])})
    digest = receipt.get("log_payload_sha256")
    if digest:
        anchors.append({"after_sequence": int(head.get("sequence") or 0), "payload_sha256": str(digest).lower()})
    return anchors


def normalize_anchors(items):
    """Anchors from a list mixing anchors and receipts (dicts with a ``head``); malformed items raise
    ``ValueError`` with the position of the item."""
    anchors = []
    for index, item in enumerate(items or ()):
        if not isinstance(item, dict):
            raise ValueError(f"anchor {index + 1}: not an object")
        try:
            if "head" in item:
                anchors.extend(anchors_from_receipt(item))
            elif "payload_sha256" in item:
                anchors.append({"after_sequence": int(item.get("after_sequence") or 0),
                                "payload_sha256": str(item["payload_sha256"]).lower()})
            elif "sequence" in item and "hash" in item:
                anchors.append({"sequence": int(item["sequence"]), "hash": str(item["hash"])})
            else:
                raise ValueError("neither {sequence, hash} nor {after_sequence, payload_sha256}")
            if min(anchors[-1].get("sequence", 0), anchors[-1].get("after_sequence", 0)) < 0:
                raise ValueError("a negative sequence")
        except (TypeError, ValueError) as exc:
            raise ValueError(f"anchor {index + 1}: {exc}") from exc
    return anchors


def verify(rows, anchors=(), grace_seconds=GRACE_SECONDS):
    """Verify the chain ``rows`` (dicts or tuples of the stored columns, in sequence order, unsequenced rows
    anywhere) against ``anchors`` (see the module's doc). Reads only.

    Returns ``{"ok", "count", "pending", "head": {"sequence", "hash"}, "broken_sequence", "code", "reason",
    "problems"}``: ``count`` chained entries checked, ``pending`` unsequenced entries not (yet) suspicious,
    ``head`` the last chained entry, ``broken_sequence``/``code``/``reason`` the first broken link (lowest
    sequence; ``False``/``""`` when intact) and ``problems`` every problem found, in sequence order. Each
    problem is ``{"sequence", "code", "reason"}`` with ``code`` one of ``missing_entry``, ``out_of_order``,
    ``prev_hash``, ``content``, ``anchor_missing``, ``anchor_hash``, ``payload_missing``, ``unsequenced``."""
    anchors = normalize_anchors(anchors)
    by_sequence = {}
    for anchor in anchors:
        if "hash" in anchor and "payload_sha256" not in anchor:
            by_sequence.setdefault(anchor["sequence"], set()).add(anchor["hash"])
    # payload anchors: {payload_sha256: smallest after_sequence}; satisfied by a later chained or pending row
    wanted = {}
    for anchor in anchors:
        if "payload_sha256" in anchor:
            key = anchor["payload_sha256"]
            wanted[key] = min(wanted.get(key, anchor["after_sequence"]), anchor["after_sequence"])
    found = {}  # payload_sha256 -> sequences (None for unsequenced rows) of the rows carrying it

    problems = []
    chain_broken = False
    prev, expected, count = GENESIS, 1, 0
    last_seq, last_hash, last_created = 0, GENESIS, None
    chained_dates = []  # (create_date, sequence) of the chained rows, to place a suspicious unsequenced row
    unsequenced = []
    for raw in rows:
        row = as_dict(raw)
        seq = row.get("sequence")
        digest = payload_sha256(row.get("payload")) if wanted else None
        if digest in wanted:
            found.setdefault(digest, []).append(seq)
        if seq is None or seq is False:
            unsequenced.append(row)
            continue
        seq = int(seq)
        count += 1
        if seq in by_sequence and by_sequence[seq] != {row.get("hash")}:
            problems.append({"sequence": seq, "code": "anchor_hash",
                             "reason": f"entry {seq} differs from a head held outside the database "
                                       f"(an entry up to {seq} was changed and the chain recomputed)"})
        if seq > last_seq:
            last_seq, last_hash = seq, row.get("hash")
            last_created = _to_datetime(row.get("create_date")) or last_created
        created = _to_datetime(row.get("create_date"))
        if created:
            chained_dates.append((created, seq))
        if chain_broken:
            continue
        if seq != expected:
            if seq > expected:
                problems.append({"sequence": expected, "code": "missing_entry",
                                 "reason": f"entry {expected} is missing (the chain jumps to {seq})"})
            else:
                problems.append({"sequence": seq, "code": "out_of_order",
                                 "reason": f"entry {seq} is out of order or duplicated (expected {expected})"})
            chain_broken = True
            continue
        if row.get("prev_hash") != prev:
            problems.append({"sequence": seq, "code": "prev_hash",
                             "reason": f"entry {seq}: the previous hash does not match entry {seq - 1}"})
            chain_broken = True
            continue
        if row_hash(row) != row.get("hash"):
            problems.append({"sequence": seq, "code": "content",
                             "reason": f"entry {seq}: its content does not match its hash (edited)"})
            chain_broken = True
            continue
        prev, expected = row.get("hash"), seq + 1

    # heads held outside beyond the end of the chain: its tail was deleted
    for seq in sorted(by_sequence):
        if seq > last_seq:
            problems.append({"sequence": last_seq + 1, "code": "anchor_missing",
                             "reason": f"the chain ends at entry {last_seq} but a head held outside the database "
                                       f"shows entry {seq} (the entries after {last_seq} were deleted)"})
            break
        if seq == 0 and by_sequence[seq] != {GENESIS}:
            problems.append({"sequence": 0, "code": "anchor_hash", "reason": "the genesis anchor is not 0…0"})
    # receipts whose entry is gone (deleted, or its payload edited)
    for key, after in sorted(wanted.items(), key=lambda item: item[1]):
        if not any(s is None or s is False or int(s) > after for s in found.get(key, ())):
            problems.append({"sequence": after + 1, "code": "payload_missing",
                             "reason": f"no entry after {after} has the payload SHA-256 {key} that a receipt "
                                       f"shows (deleted or edited)"})
    # unsequenced rows created before the last chained one: not a pending entry, inserted behind the chain
    pending = 0
    margin = timedelta(seconds=grace_seconds or 0)
    for row in unsequenced:
        created = _to_datetime(row.get("create_date"))
        if last_seq and (created is None or (last_created and created < last_created - margin)):
            later = [s for (d, s) in chained_dates if created is None or d > created]
            place = min(later) if later else last_seq
            problems.append({"sequence": place, "code": "unsequenced",
                             "reason": f"entry id {row.get('id')} has no sequence but was created "
                                       f"{_datetime_text(created) or '(no date)'}, before chained entries "
                                       f"(inserted behind the chain)"})
        else:
            pending += 1

    problems.sort(key=lambda p: (p["sequence"], p["code"]))
    first = problems[0] if problems else None
    return {
        "ok": not problems, "count": count, "pending": pending,
        "head": {"sequence": last_seq, "hash": last_hash},
        "broken_sequence": first["sequence"] if first else False,
        "code": first["code"] if first else "", "reason": first["reason"] if first else "",
        "problems": problems,
    }
