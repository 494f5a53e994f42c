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
# nginx (Debian) for the two-hosts run of tests/bench/replica.py: the reverse proxy in front of both Odoo hosts
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  echo "[load] installing nginx (Debian)" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nginx >/dev/null ||
    echo "[load] nginx could not be installed: the two-hosts run uses its Python proxy" >&2
fi
