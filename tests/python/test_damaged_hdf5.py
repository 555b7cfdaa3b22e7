"""Damaged HDF5 files never crash or hang firmnet (docs/ROBUSTNESS.md, "Damaged HDF5 files").

Each tests/fuzz/regressions/hdf5_open/libhdf5-*.h5 makes libhdf5 1.10.8 (Debian 12) crash, hang
or allocate gigabytes when firmnet reads it. firmnet reads every file it did not write itself
through a guard (io/h5_guard.hpp: a forked child walks the file first), so `info`, `report` and
`export` (the file as input) and `analyze` (the file as its existing output) must exit 1 with
`firmnet: error: FILE: damaged HDF5 file (...)`, never by a signal, within a time bound, leaving
the file unchanged and writing nothing. Controls: a sound network file copied byte for byte (so
the guard walks it) passes every command; without the guard (FIRMNET_HDF5_GUARD=off) `info`
crashes on each libhdf5-crash-*.h5, so these files do exercise the guard.
"""
import glob
import hashlib
import os
import shutil
import signal
import subprocess
from concurrent.futures import ThreadPoolExecutor

from firmnet_testlib import Checker, parse_args, run

args = parse_args()
fn = args.firmnet
work = args.work_dir
check = Checker()

# The hang files hang until the child's alarm; 3 s keeps the test short and is still 100 times
# what the walk of these small files takes.
guarded_env = dict(os.environ, FIRMNET_HDF5_GUARD_SECONDS="3")
unguarded_env = dict(os.environ, FIRMNET_HDF5_GUARD="off")
TIME_BOUND = 60  # seconds per command, for a loaded machine; the guard answers in about 3 s

nodes_csv = os.path.join(args.source_dir, "datasets/handmade/nodes.csv")
edges_csv = os.path.join(args.source_dir, "datasets/handmade/edges.csv")
damaged = sorted(glob.glob(os.path.join(args.source_dir, "tests/fuzz/regressions/hdf5_open/libhdf5-*.h5")))
check.true("regression files present", len(damaged) >= 3)
for kind in ("crash", "hang", "oom"):
    check.true(f"a libhdf5-{kind}-* file", any(os.path.basename(p).startswith(f"libhdf5-{kind}-") for p in damaged))


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def commands(path, tag):
    """(name, argv, files the command must not create) for the four commands on path."""
    html = os.path.join(work, f"{tag}.html")
    exported = os.path.join(work, f"{tag}.json")
    analyzed = os.path.join(work, f"{tag}-analyze.h5")
    shutil.copyfile(path, analyzed)
    return [
        ("info", [fn, "info", path], []),
        ("report", [fn, "report", path, "-o", html], [html]),
        ("export", [fn, "export", path, "-f", "json", "-o", exported], [exported]),
        ("analyze", [fn, "-q", "analyze", "--nodes", nodes_csv, "--edges", edges_csv, "-o", analyzed], []),
    ], analyzed


def run_bounded(argv, env):
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=TIME_BOUND)
        return proc.returncode, proc.stderr
    except subprocess.TimeoutExpired:
        return None, ""


# Sound control: a network with stored results, copied so that this process did not write it.
sound = os.path.join(work, "sound.h5")
run(fn, "-q", "analyze", "--nodes", nodes_csv, "--edges", edges_csv, "-o", sound)
sound_copy = os.path.join(work, "sound-copy.h5")
shutil.copyfile(sound, sound_copy)
for name, argv, _ in commands(sound_copy, "sound")[0]:
    code, err = run_bounded(argv, guarded_env)
    check.equal(f"sound file: {name} exit code ({err.strip()[:300]})", code, 0)

with ThreadPoolExecutor(max_workers=4) as pool:
    for path in damaged:
        base = os.path.basename(path)
        before = digest(path)
        cmds, analyzed = commands(path, base)
        outcomes = list(pool.map(lambda c: run_bounded(c[1], guarded_env), cmds))
        for (name, _, must_not_exist), (code, err) in zip(cmds, outcomes):
            what = f"{base}: {name}"
            check.true(f"{what} ends within {TIME_BOUND} s", code is not None)
            check.equal(f"{what} exit code ({err.strip()[:300]})", code, 1)
            shown = analyzed if name == "analyze" else path
            check.true(f"{what} says 'firmnet: error: {shown}: damaged HDF5 file (' (got {err.strip()[:300]!r})",
                       f"firmnet: error: {shown}: damaged HDF5 file (" in err)
            for output in must_not_exist:
                check.true(f"{what} writes no {os.path.basename(output)}", not os.path.exists(output))
        check.equal(f"{base} unchanged", digest(path), before)
        check.equal(f"{base} unchanged by analyze -o", digest(analyzed), before)
        check.equal(f"{base}: no temporary file left", glob.glob(os.path.join(work, "*.tmp-*")), [])

# Without the guard libhdf5 itself crashes on the crash files (kept short: no hang files here):
# a signal, or in the sanitizer build (scripts/sanitize.sh) AddressSanitizer's report.
for path in damaged:
    base = os.path.basename(path)
    if not base.startswith("libhdf5-crash-"):
        continue
    code, err = run_bounded([fn, "info", path], unguarded_env)
    crashed = code is not None and (code < 0 or "ERROR: AddressSanitizer" in err)
    check.true(f"{base}: unguarded `info` crashes (got exit code {code})", crashed)
    if code is not None and code < 0:
        print(f"{base}: unguarded info: {signal.Signals(-code).name}")

check.finish()
