"""The HTML report in a real browser: runs the main job on the bundled demo dataset, renders
report.html with headless Chromium, checks every section is present and the page logs no
errors, and saves a screenshot (report.png in the work dir) as a test artifact."""
import os
import re
import shutil
import subprocess
import tempfile

from firmnet_testlib import Checker, parse_args, run

args = parse_args()
check = Checker()
data = os.path.join(args.source_dir, "datasets/demo")
h5 = os.path.join(args.work_dir, "demo.h5")
report = os.path.join(args.work_dir, "report.html")
run(args.firmnet, "analyze", "--nodes", os.path.join(data, "nodes.csv"), "--edges", os.path.join(data, "edges.csv"),
    "-o", h5, "--report", report, "--null-models", "49", "--runs", "2", "--quiet")

html = open(report, encoding="utf-8").read()
for section in ["overview", "parks", "map", "communities", "anchors", "flows", "concentration", "methods"]:
    check.true(f"section {section}", f"<section id={section}>" in html)
check.true("no script", "<script" not in html)
check.true("no external resources", not re.search(r"(src|href)=\"?https?:", html))
check.true("null charts", html.count("<svg class=chart") >= 9)
check.true("map drawn", "<svg class=map" in html and "<polygon" in html)
check.true("verdicts shown", "linked cluster" in html and "co-location" in html or "externally oriented" in html)
check.true("nothing missing", "Not computed yet" not in html)

chromium = shutil.which("chromium") or shutil.which("chromium-browser")
if not chromium:
    print("FAIL chromium is not installed (scripts/install-deps.sh installs it)")
    check.failures += 1
    check.finish()
profile = tempfile.mkdtemp(prefix="firmnet-chromium-")
flags = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
         f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0"]
url = "file://" + os.path.abspath(report)
dom = subprocess.run(flags + ["--dump-dom", url], capture_output=True, text=True, timeout=120)
check.equal("chromium exit code", dom.returncode, 0)
for section in ["Overview", "Park verdicts", "Map", "Communities", "Anchor firms", "Stage-to-stage flows",
                "Concentration indices", "Methods and parameters"]:
    check.true(f"rendered heading {section}", f">{section}" in dom.stdout)
console_errors = [line for line in dom.stderr.splitlines()
                  if "CONSOLE" in line or "Uncaught" in line or "Failed to load resource" in line]
check.equal("page errors", console_errors, [])
png = os.path.join(args.work_dir, "report.png")
shot = subprocess.run(flags + ["--window-size=1280,2400", f"--screenshot={png}", url],
                      capture_output=True, text=True, timeout=120)
check.equal("screenshot exit code", shot.returncode, 0)
check.true("screenshot saved", os.path.exists(png) and os.path.getsize(png) > 20000)
shutil.rmtree(profile, ignore_errors=True)
print(f"screenshot: {png}")
check.finish()
