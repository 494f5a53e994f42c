# The two commands of the README: `make serve` and `make test`. Both set everything up if needed.
.PHONY: serve test bench setup

serve:
	bash scripts/serve.sh

test:
	bash scripts/test.sh

bench:
	bash scripts/bench.sh

setup:
	bash scripts/setup.sh
