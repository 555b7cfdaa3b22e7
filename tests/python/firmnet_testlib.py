"""Shared helpers for firmnet's Python end-to-end tests (run with Debian's /usr/bin/python3)."""
import argparse
import csv
import json
import os
import shutil
import subprocess
import sys

# The text readers of the pure-Python reader (h5py only), for files of both format versions:
# strings(group, name) for a text dataset, text(value) for a text attribute (docs/FORMAT.md).
# The source tree's copy serves where PYTHONPATH names no build tree.
sys.path.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
from firmnet.reader import strings, text  # noqa: E402, F401  (after the path it needs; re-exported)


def parse_args(extra_arguments=None):
    """The common options (--firmnet, --source-dir, --work-dir, the work directory emptied);
    extra_arguments(parser), when given, adds a test family's own options."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--firmnet", required=True)
    if extra_arguments:
        extra_arguments(parser)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--work-dir", required=True)
    args = parser.parse_args()
    shutil.rmtree(args.work_dir, ignore_errors=True)
    os.makedirs(args.work_dir)
    return args


def run(firmnet, *argv, expect=0):
    """Runs firmnet, checks the exit code, returns (stdout, stderr)."""
    proc = subprocess.run([firmnet, *argv], capture_output=True, text=True)
    if proc.returncode != expect:
        sys.stderr.write(f"firmnet {' '.join(argv)} exited {proc.returncode}, expected {expect}\n")
        sys.stderr.write(proc.stdout + proc.stderr)
        sys.exit(1)
    return proc.stdout, proc.stderr


def run_json(firmnet, *argv):
    out, _ = run(firmnet, *argv, "--json")
    return json.loads(out)


def import_handmade(args):
    """Imports datasets/handmade into <work dir>/net.h5; returns (nodes_csv, edges_csv, h5)."""
    nodes_csv = os.path.join(args.source_dir, "datasets/handmade/nodes.csv")
    edges_csv = os.path.join(args.source_dir, "datasets/handmade/edges.csv")
    h5 = os.path.join(args.work_dir, "net.h5")
    run(args.firmnet, "import", "--nodes", nodes_csv, "--edges", edges_csv, "-o", h5, "--quiet")
    return nodes_csv, edges_csv, h5


def decode_dictionary(group, name):
    """A dictionary-encoded text column of an HDF5 group (codes + dictionaries/<name>), decoded."""
    codes = group[name][:]
    dictionary = list(strings(group["dictionaries"], name))
    return [dictionary[c] if c >= 0 else "" for c in codes]


def report_data(path):
    """The data the HTML report at path embeds (report/report_data.hpp) as a dict."""
    with open(path, encoding="utf-8") as f:
        html = f.read()
    start = html.index("<script type=application/json id=report-data>") + len("<script type=application/json id=report-data>")
    return json.loads(html[start:html.index("</script>", start)])


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


class Checker:
    """Collects failed checks and reports them all at the end."""

    def __init__(self):
        self.failures = 0
        self.checks = 0

    def equal(self, what, got, expected):
        self.checks += 1
        if got != expected:
            self.failures += 1
            print(f"FAIL {what}: got {got!r}, expected {expected!r}")

    def true(self, what, condition):
        self.equal(what, bool(condition), True)

    def close(self, what, got, expected, tol=1e-12):
        self.checks += 1
        if abs(got - expected) > tol * max(1.0, abs(expected)):
            self.failures += 1
            print(f"FAIL {what}: got {got!r}, expected {expected!r}")

    def finish(self):
        passed = self.checks - self.failures
        print(f"{passed} passed, {self.failures} failed")
        sys.exit(1 if self.failures else 0)
