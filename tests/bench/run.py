"""Run the benchmarks: python tests/bench/run.py DATABASE [bench_name ...]

Each bench_*.py runs in its own process (so peak memory figures do not mix) with Odoo loaded on
DATABASE; every figure is printed as one line "name: value unit".
"""
import importlib.util
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run_one(db, path):
    import odoo
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(["-c", os.environ["GOV_ODOO_CONF"], "--addons-path", os.environ["GOV_ADDONS_PATH"],
                         "--data-dir", os.environ["GOV_DATA_DIR"], "-d", db, "--log-level", "warn"])
    sys.path.insert(0, HERE)
    spec = importlib.util.spec_from_file_location(os.path.basename(path)[:-3], path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    registry = Registry(db)

    def report(name, value, unit=""):
        value = f"{value:.3f}" if isinstance(value, float) else str(value)
        print(f"{name}: {value} {unit}".rstrip(), flush=True)

    from odoo.addons.gov_hall_base.tools.protect import granted

    # A benchmark generates its data as server code: it may write the protected fields that the named
    # actions write (requests it sends over HTTP to a server process get no such grant).
    mixin = registry["gov.hall.protected.mixin"]
    protected = [name for name in registry if issubclass(registry[name], mixin)] + ["rating.rating"]
    with registry.cursor() as cr, granted(*protected):
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        try:
            module.run(env, report)
        finally:
            cr.rollback()


def main():
    db, names = sys.argv[1], sys.argv[2:]
    if names and names[0] == "--one":
        run_one(db, names[1])
        return
    files = sorted(f for f in os.listdir(HERE) if f.startswith("bench_") and f.endswith(".py"))
    if names:
        files = [f for f in files if any(n in f for n in names)]
    failed = 0
    for name in files:
        print(f"# {name}", flush=True)
        rc = subprocess.call([sys.executable, __file__, db, "--one", os.path.join(HERE, name)])
        failed += rc != 0
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
