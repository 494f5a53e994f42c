#!/usr/bin/env bash
# Idempotent set-up for the gov hall suite on Debian 12 with Python 3.11:
# Debian packages, a running PostgreSQL with a role for this user, Odoo 19.0 source,
# and a virtual environment in .venv with Odoo's and our pinned requirements.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ODOO_SRC=${ODOO_SRC:-/opt/odoo/19.0}
VENV=$ROOT/.venv
PY=${PYTHON:-python3}
say() { printf '[setup] %s\n' "$*" >&2; }
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo

# 1. Debian packages ----------------------------------------------------------------------------
APT_PKGS="postgresql postgresql-client libpq-dev libldap2-dev libsasl2-dev libxml2-dev libxslt1-dev
libjpeg-dev zlib1g-dev libffi-dev python3-dev wkhtmltopdf fonts-noto-cjk xfonts-75dpi chromium
poppler-utils curl ca-certificates"
missing=()
for p in $APT_PKGS; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# 2. PostgreSQL (skipped when PGHOST points elsewhere) --------------------------------------------
if [ -z "${PGHOST:-}" ] || [ "${PGHOST}" = localhost ] || [ "${PGHOST#/}" != "${PGHOST}" ]; then
  if ! pg_isready -q; then
    say "starting PostgreSQL"
    ver=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
    $SUDO pg_ctlcluster "${ver:-15}" main start || $SUDO service postgresql start
    for _ in $(seq 1 30); do pg_isready -q && break; sleep 1; done
  fi
  as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
  me=$(id -un)
  if ! as_postgres psql -tAc "SELECT 1 FROM pg_roles WHERE rolname='$me'" 2>/dev/null | grep -q 1; then
    as_postgres createuser -s "$me"
    say "created PostgreSQL role $me"
  fi
fi

# 3. Odoo source --------------------------------------------------------------------------------
if [ ! -f "$ODOO_SRC/odoo-bin" ]; then
  say "no Odoo source at ODOO_SRC=$ODOO_SRC: downloading the official 19.0 source"
  tmp=$(mktemp -d)
  if ! curl -fsSL --connect-timeout 20 --retry 2 -o "$tmp/odoo.tar.gz" https://github.com/odoo/odoo/archive/refs/heads/19.0.tar.gz; then
    say "ERROR: could not download Odoo 19.0. Provide its source and set ODOO_SRC=/path/to/odoo-19.0"
    say "       (a directory containing odoo-bin), e.g. ODOO_SRC=/opt/odoo/19.0 make test"
    exit 1
  fi
  $SUDO mkdir -p "$ODOO_SRC"
  $SUDO tar -xzf "$tmp/odoo.tar.gz" -C "$ODOO_SRC" --strip-components=1
  rm -rf "$tmp"
fi

# 4. Virtual environment ------------------------------------------------------------------------
stamp_src=$(cat "$ODOO_SRC/requirements.txt" "$ROOT/requirements.txt" "$ROOT/scripts/constraints.txt"; echo "$ODOO_SRC")
stamp=$(printf '%s' "$stamp_src" | sha256sum | cut -c1-16)
if [ ! -f "$VENV/.stamp-$stamp" ]; then
  say "building the virtual environment in .venv"
  [ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
  export PIP_CONSTRAINT="$ROOT/scripts/constraints.txt" PIP_DISABLE_PIP_VERSION_CHECK=1
  piplog=$(mktemp)
  pip_install() { "$VENV/bin/pip" install -q "$@" >>"$piplog" 2>&1 || { cat "$piplog" >&2; exit 1; }; }
  pip_install "setuptools<70" wheel
  pip_install -r "$ODOO_SRC/requirements.txt"
  pip_install --no-deps -e "$ODOO_SRC"
  pip_install -r "$ROOT/requirements.txt"
  rm -f "$piplog"
  rm -f "$VENV"/.stamp-*
  touch "$VENV/.stamp-$stamp"
fi
