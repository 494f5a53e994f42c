#!/usr/bin/env bash
# Set up if needed, install the five addons, the hall's website and dashboards addon (and the cross-module
# test addon under tests/) on a fresh Chinese database with demo data, run every test of the suite, and end
# with "N passed, N failed".
set -uo pipefail
source "$(dirname "$0")/env.sh"
bash "$ROOT/scripts/setup.sh" || { echo "0 passed, 1 failed"; exit 1; }
DB=${GOV_TEST_DB:-gov_hall_test}
PORT=${GOV_TEST_PORT:-8169}
TAGS=${GOV_TEST_TAGS:-/gov_hall_base,/gov_hall_intake,/gov_public_resource_trading,/gov_complaints,/gov_staff_assessment,/gov_hall_dashboard,/gov_hall_tests}
mkdir -p "$DATA_DIR"
LOG=$DATA_DIR/test.log
ADDONS_PATH="$ADDONS_PATH,$ROOT/tests/addons"
export PATH="$VENV/bin:$PATH"
{
  odoo_cmd db init "$DB" --force --with-demo --language zh_CN --country cn 2>&1 &&
  odoo_cmd server -d "$DB" -i "$GOV_MODULES,gov_hall_dashboard,gov_hall_tests" --test-enable --test-tags "$TAGS" \
    --stop-after-init --log-level=test --http-port="$PORT" --workers=0 --max-cron-threads=0 2>&1
  echo "ODOO_EXIT_CODE=$?"
} | "$VENV/bin/python" "$ROOT/scripts/count_tests.py" "$LOG"
