#!/usr/bin/env bash
# Set up if needed, create the Chinese demo database once, and serve the suite on port 8069.
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash "$ROOT/scripts/setup.sh"
DB=${GOV_DB:-gov_hall_demo}
# the five addons and the hall's website, workbench and dashboards
MODULES="$GOV_MODULES,gov_hall_dashboard"
if ! db_exists "$DB"; then
  echo "[serve] creating the demo database $DB (zh_CN, China, CNY, Asia/Shanghai, demo data)..." >&2
  odoo_cmd db init "$DB" --with-demo --language zh_CN --country cn --username admin --password admin
  if ! odoo_cmd server -d "$DB" -i "$MODULES" --stop-after-init --log-level=warn; then
    echo "[serve] installing the addons failed: dropping $DB so that the next run starts clean" >&2
    odoo_cmd db drop "$DB" || true
    exit 1
  fi
  odoo_cmd shell -d "$DB" --log-level=warn <<'PY' >/dev/null
env["ir.config_parameter"].set_param("report.url", "http://127.0.0.1:8069")
env["ir.config_parameter"].set_param("web.base.url", "http://localhost:8069")
env.ref("base.user_admin").write({"tz": "Asia/Shanghai", "lang": "zh_CN"})
env.cr.commit()
PY
fi
# the addons changed since this database was last served: update them first
hash=$(cd "$ROOT" && find addons -type f \( -name '*.py' -o -name '*.xml' -o -name '*.csv' -o -name '*.po' -o -name '*.js' -o -name '*.scss' \) -print0 | sort -z | xargs -0 sha1sum | sha1sum | cut -c1-16)
stamp="$DATA_DIR/$DB.addons-hash"
mkdir -p "$DATA_DIR"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" != "$hash" ]; then
  echo "[serve] the addons changed: updating $DB..." >&2
  # (-i: a database served before the hall's website addon existed gets it installed)
  odoo_cmd server -d "$DB" -i gov_hall_dashboard -u "$MODULES" --stop-after-init --log-level=warn
fi
echo "$hash" > "$stamp"
cat >&2 <<MSG

  政务服务中心 suite: http://localhost:8069  (database $DB, listening on ${GOV_HTTP_INTERFACE:-127.0.0.1})
  Log in as admin / admin (hall administrator).  Other demo roles, password = login:
  clerk, reviewer, chief, supervisor, assessor, trading, expert, tender_agent, trading_supervisor;
  portal: bidder, applicant.

MSG
exec env PATH="$VENV/bin:$PATH" "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$ROOT/odoo.conf" \
  --addons-path="$ADDONS_PATH" --data-dir="$DATA_DIR" -d "$DB" --db-filter="^$DB\$" \
  --http-interface="${GOV_HTTP_INTERFACE:-127.0.0.1}"
