# Sourced by the other scripts: paths and the odoo command line shared by serve, test and bench.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ODOO_SRC=${ODOO_SRC:-/opt/odoo/19.0}
VENV=$ROOT/.venv
DATA_DIR=${GOV_DATA_DIR:-$ROOT/.odoo-data}
GOV_MODULES=gov_hall_base,gov_hall_intake,gov_public_resource_trading,gov_complaints,gov_staff_assessment
ADDONS_PATH="$ODOO_SRC/addons,$ROOT/addons"
# odoo_cmd SUBCOMMAND [options...]: SUBCOMMAND is server, shell or db
odoo_cmd() {
  local sub=$1; shift
  if [ "$sub" = db ]; then
    "$VENV/bin/python" "$ODOO_SRC/odoo-bin" db -c "$ROOT/odoo.conf" --addons-path="$ADDONS_PATH" \
      --data-dir="$DATA_DIR" "$@"
  else
    "$VENV/bin/python" "$ODOO_SRC/odoo-bin" "$sub" -c "$ROOT/odoo.conf" --addons-path="$ADDONS_PATH" \
      --data-dir="$DATA_DIR" "$@"
  fi
}
db_exists() {
  [ "$("$VENV/bin/python" - "$1" <<'PY'
import sys, psycopg2
try:
    conn = psycopg2.connect(dbname="postgres")
except psycopg2.Error:
    conn = psycopg2.connect(dbname="template1")
cur = conn.cursor()
cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (sys.argv[1],))
print("yes" if cur.fetchone() else "no")
PY
)" = yes ]
}
