# The two commands of the README: `make serve` and `make test`. Both set everything up if needed.
.PHONY: serve test bench setup screens

serve:
	bash scripts/serve.sh

test:
	bash scripts/test.sh

bench:
	bash scripts/bench.sh

setup:
	bash scripts/setup.sh

# screenshots of the main screens (1440x900 and a 390x844 phone) under .odoo-data/screens/, from a running
# `make serve` (GOV_URL, default http://localhost:8069): for a reviewer, not part of `make test`
screens:
	bash -c 'source scripts/env.sh && "$$VENV/bin/python" scripts/screens.py'
