"""Read Odoo's test log on stdin, keep it in a file, echo what matters, and end with
"N passed, N failed". Skipped tests (a tour without a browser...) count as failed; so does
anything that stops the run before Odoo prints its test summary. Exit 1 on any failure."""
import re
import sys

SUMMARY = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database")
SKIPPED = re.compile(r" INFO \S+ [\w.]+: skipped (\S+)")
SHOW = re.compile(r" (ERROR|CRITICAL|WARNING) |^(FAIL|ERROR):|Ran \d+ tests|Starting |: skipped ")
EXIT = re.compile(r"^ODOO_EXIT_CODE=(\d+)")

log_path = sys.argv[1]
failed = errors = run = 0
skipped = []
summary_seen = False
exit_code = 0
showing = False
with open(log_path, "w", encoding="utf-8") as log:
    for line in sys.stdin:
        m = EXIT.match(line)
        if m:
            exit_code = int(m.group(1))
            continue
        log.write(line)
        m = SUMMARY.search(line)
        if m:
            summary_seen = True
            failed, errors, run = (int(g) for g in m.groups())
        m = SKIPPED.search(line)
        if m:
            skipped.append(m.group(1))
        # echo errors and their tracebacks (continuation lines do not start with a date)
        if re.match(r"^\d{4}-\d\d-\d\d ", line):
            showing = bool(SHOW.search(line)) and " odoo.tests.stats" not in line
        if showing or " odoo.modules.loading: " in line and "tests" in line:
            sys.stdout.write(line)
            sys.stdout.flush()

bad = failed + errors + len(skipped)
if not summary_seen:
    print(f"No test summary in the log (installation failed?): see {log_path}")
    bad += 1
elif exit_code and not bad:
    print(f"Odoo exited with code {exit_code}: see {log_path}")
    bad += 1
for name in skipped:
    print(f"skipped (counted as failed): {name}")
passed = max(run - failed - errors - len(skipped), 0)
print(f"{passed} passed, {bad} failed")
sys.exit(1 if bad else 0)
