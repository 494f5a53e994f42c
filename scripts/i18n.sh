#!/usr/bin/env bash
# Regenerate addons/MODULE/i18n/zh_CN.po from a database where MODULE is installed and up to date,
# keeping every existing translation; new terms come with an empty msgstr to fill in.
# Usage: scripts/i18n.sh MODULE [DATABASE]   (then: python3 scripts/po_todo.py addons/MODULE/i18n/zh_CN.po)
set -euo pipefail
source "$(dirname "$0")/env.sh"
MODULE=$1; DB=${2:-gov_dev}
mkdir -p "$ROOT/addons/$MODULE/i18n"
OUT="$ROOT/addons/$MODULE/i18n/zh_CN.po"
odoo_cmd shell -d "$DB" --log-level=warn --no-http >/dev/null <<PY
import io
from odoo.tools.translate import trans_export
buf = io.BytesIO()
trans_export("zh_CN", ["$MODULE"], buf, "po", env)
open("$OUT", "wb").write(buf.getvalue())
PY
python3 "$ROOT/scripts/po_todo.py" "$OUT" --count --fill-cjk
