#!/usr/bin/env bash
# Set up if needed, create the bench database once (all addons, no demo), run tests/bench/bench_*.py.
# Usage: scripts/bench.sh [name-filter ...]; GOV_BENCH_DB to choose the database.
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash "$ROOT/scripts/setup.sh"
DB=${GOV_BENCH_DB:-gov_hall_bench}
if ! db_exists "$DB"; then
  odoo_cmd db init "$DB" --language zh_CN --country cn
  odoo_cmd server -d "$DB" -i "$GOV_MODULES" --stop-after-init --log-level=warn
else
  odoo_cmd server -d "$DB" -u "$GOV_MODULES" --stop-after-init --log-level=warn
fi
export GOV_ODOO_CONF="$ROOT/odoo.conf" GOV_ADDONS_PATH="$ADDONS_PATH" GOV_DATA_DIR="$DATA_DIR"
exec "$VENV/bin/python" "$ROOT/tests/bench/run.py" "$DB" "$@"
