#!/usr/bin/env bash
# The load generator's virtual environment: tests/bench/load/.venv with locust (idempotent).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
VENV=$HERE/.venv
stamp=$(sha256sum "$HERE/requirements.txt" | cut -c1-16)
if [ ! -f "$VENV/.stamp-$stamp" ]; then
  echo "[load] building $VENV (locust)" >&2
  [ -x "$VENV/bin/python" ] || "${PYTHON:-python3}" -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check -r "$HERE/requirements.txt"
  rm -f "$VENV"/.stamp-*
  touch "$VENV/.stamp-$stamp"
fi
