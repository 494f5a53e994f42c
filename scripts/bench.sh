#!/usr/bin/env bash
# Set up if needed, create the bench database once (all addons, no demo), run tests/bench/bench_*.py, then
# the load test (tests/bench/load, locust in its own virtualenv) and the primary/replica/two-hosts run
# (tests/bench/replica.py) on the load database (its fixture is committed, so it is not the bench database
# whose figures roll back).
# Usage: scripts/bench.sh [name ...]: bench_*.py name filters, "load", "replica", "auction", "scale" (the
# province script tests/bench/scale.py, 10,000,000 cases by default: generated once, about 20 minutes here,
# then 15 to 25 minutes a run). No name (make bench): all of them; GOV_BENCH_SCALE=0 leaves the province out.
# GOV_BENCH_DB and GOV_LOAD_DB choose the databases; see each script for its sizes.
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash "$ROOT/scripts/setup.sh"
DB=${GOV_BENCH_DB:-gov_hall_bench}
LOAD_DB=${GOV_LOAD_DB:-${DB}_load}
init_db() {
  if ! db_exists "$1"; then
    odoo_cmd db init "$1" --language zh_CN --country cn
    odoo_cmd server -d "$1" -i "$GOV_MODULES" --stop-after-init --log-level=warn
  else
    odoo_cmd server -d "$1" -u "$GOV_MODULES" --stop-after-init --log-level=warn
  fi
}
export GOV_ODOO_CONF="$ROOT/odoo.conf" GOV_ADDONS_PATH="$ADDONS_PATH" GOV_DATA_DIR="$DATA_DIR" ODOO_SRC
export GOV_ODOO_PYTHON="$VENV/bin/python"
figures=() want_figures="" want_load="" want_replica="" want_scale="" want_auction=""
if [ $# -eq 0 ]; then
  want_figures=1 want_load=1 want_replica=1 want_auction=1
  [ "${GOV_BENCH_SCALE:-1}" = 0 ] || want_scale=1
fi
for name in "$@"; do
  case $name in
    load) want_load=1 ;;
    replica) want_replica=1 ;;
    auction) want_auction=1 ;;
    scale) want_scale=1 ;;
    *) figures+=("$name") want_figures=1 ;;
  esac
done
status=0
if [ -n "$want_figures" ]; then
  init_db "$DB"
  "$VENV/bin/python" "$ROOT/tests/bench/run.py" "$DB" "${figures[@]}" || status=1
fi
if [ -n "$want_load$want_replica" ]; then
  bash "$ROOT/tests/bench/load/setup.sh"
  init_db "$LOAD_DB"
  export GOV_LOAD_FIXTURE="$ROOT/tests/bench/results/load_fixture_$LOAD_DB.json"
  "$VENV/bin/python" "$ROOT/tests/bench/load/prepare.py" "$LOAD_DB" "$GOV_LOAD_FIXTURE"
  if [ -n "$want_load" ]; then
    echo "# load"
    python3 "$ROOT/tests/bench/load/run_load.py" "$LOAD_DB" || status=1
  fi
  if [ -n "$want_replica" ]; then
    echo "# replica"
    python3 "$ROOT/tests/bench/replica.py" "$LOAD_DB" || status=1
  fi
fi
if [ -n "$want_scale" ]; then
  SCALE_DB=${GOV_SCALE_DB:-${DB}_scale}
  init_db "$SCALE_DB"
  echo "# scale"
  "$VENV/bin/python" "$ROOT/tests/bench/run.py" "$SCALE_DB" --one "$ROOT/tests/bench/scale.py" || status=1
fi
if [ -n "$want_auction" ]; then
  # live auction: 100 bidders over websocket against --workers=2 (tests/bench/auction)
  init_db "$DB"
  echo "# auction"
  "$VENV/bin/python" "$ROOT/tests/bench/auction/run_auction.py" "$DB" || status=1
fi
exit $status
