"""Nothing is lost when a command writes a network file (io/output_guard.hpp): an output that
is an input is refused whatever its spelling; a foreign file is replaced only with --force;
results of the same network are carried into the new file; results of another network are
dropped only with --replace; a failed analyze leaves the file as it was. Data errors exit 1
with `firmnet: error: FILE: reason`, usage errors 2, and --json puts every error on stdout."""
import hashlib
import json
import os
import shutil
import subprocess

import h5py

from firmnet_testlib import Checker, parse_args, run

args = parse_args()
check = Checker()
fn, work = args.firmnet, args.work_dir
demo = os.path.join(args.source_dir, "datasets", "demo")
nodes, edges = os.path.join(work, "nodes.csv"), os.path.join(work, "edges.csv")
shutil.copy(os.path.join(demo, "nodes.csv"), nodes)
shutil.copy(os.path.join(demo, "edges.csv"), edges)


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def results_of(path):
    with h5py.File(path, "r") as f:
        return sorted(f["results"].keys())


# An output that is one of the inputs: refused (exit 2), the input byte for byte unchanged,
# also when spelt differently or reached through a hard link.
before = digest(nodes)
_, err = run(fn, "import", "--nodes", nodes, "--edges", edges, "-o", nodes, expect=2)
check.true("input-as-output named", "is the input file" in err)
check.equal("input untouched", digest(nodes), before)
run(fn, "import", "--nodes", nodes, "--edges", edges, "-o", os.path.join(work, ".", "edges.csv"), expect=2)
linked = os.path.join(work, "edges_link.csv")
os.link(edges, linked)
run(fn, "import", "--nodes", nodes, "--edges", edges, "-o", linked, expect=2)
run(fn, "analyze", "--nodes", nodes, "--edges", edges, "-o", nodes, expect=2)
check.equal("input untouched by analyze", digest(nodes), before)

# An existing file that is not a firmnet network: refused without --force.
foreign = os.path.join(work, "notes.h5")
with open(foreign, "w") as f:
    f.write("my notes\n")
_, err = run(fn, "import", "--nodes", nodes, "--edges", edges, "-o", foreign, expect=2)
check.true("foreign file: --force suggested", "--force" in err)
check.equal("foreign file kept", open(foreign).read(), "my notes\n")
run(fn, "--quiet", "import", "--nodes", nodes, "--edges", edges, "-o", foreign, "--force")
check.equal("--force replaced it", results_of(foreign), [])

# Results of the same network survive a re-import; the ones analyze recomputes are replaced,
# the others kept and named.
net = os.path.join(work, "net.h5")
run(fn, "--quiet", "import", "--nodes", nodes, "--edges", edges, "-o", net)
run(fn, "--quiet", "centrality", net, "--measures", "pagerank", "--name", "pr")
with h5py.File(net, "r") as f:
    pagerank = f["results/pr/pagerank"][:]
_, err = run(fn, "import", "--nodes", nodes, "--edges", edges, "-o", net)
check.true("kept result named", "kept results pr" in err)
with h5py.File(net, "r") as f:
    check.true("kept result intact", (f["results/pr/pagerank"][:] == pagerank).all())
_, err = run(fn, "--seed", "2", "analyze", "--nodes", nodes, "--edges", edges, "-o", net, "--null-models", "19",
             "--runs", "2")
check.true("analyze keeps pr", "pr" in results_of(net))
check.true("analyze says what it kept", "kept results pr" in err)
check.true("analyze stored its own", {"leiden", "centrality", "anchors"} <= set(results_of(net)))

# Another network at the output path: its results are dropped only with --replace.
small_edges = os.path.join(work, "small_edges.csv")
with open(edges) as f:
    lines = f.readlines()
with open(small_edges, "w") as f:
    f.writelines(lines[: len(lines) // 2])
before = digest(net)
_, err = run(fn, "import", "--nodes", nodes, "--edges", small_edges, "-o", net, expect=2)
check.true("other network: --replace suggested", "--replace" in err and "pr" in err)
check.equal("refused write left the file", digest(net), before)
_, err = run(fn, "import", "--nodes", nodes, "--edges", small_edges, "-o", net, "--replace")
check.true("dropped results named", "dropped results" in err)
check.equal("dropped", results_of(net), [])

# A failed analyze (bad edge file) leaves an existing network file as it was.
run(fn, "--quiet", "centrality", net, "--measures", "degree", "--name", "deg")
before = digest(net)
broken = os.path.join(work, "broken_edges.csv")
with open(broken, "w") as f:
    f.write("source,target,weight\nA,B,not-a-number\n")
run(fn, "analyze", "--nodes", nodes, "--edges", broken, "-o", net, expect=1)
check.equal("failed analyze left the file", digest(net), before)

# Exit codes and messages: a missing input is a data error (1) naming the file.
missing = os.path.join(work, "missing.csv")
_, err = run(fn, "import", "--nodes", missing, "--edges", edges, "-o", os.path.join(work, "x.h5"), expect=1)
check.true("missing csv: prefix and file", err.startswith("firmnet: error: " + missing))
_, err = run(fn, "info", os.path.join(work, "missing.h5"), expect=1)
check.true("missing h5: prefix", err.startswith("firmnet: error: "))
_, err = run(fn, "export", os.path.join(work, "missing.h5"), "--format", "csv", "-o", os.path.join(work, "out"), expect=1)
check.true("export of a missing file: data error", err.startswith("firmnet: error: "))

# --json: every error is one JSON object on stdout, with its kind and exit code.
for argv, code, kind in [
    (["import", "--nodes", missing, "--edges", edges, "-o", os.path.join(work, "y.h5")], 1, "data"),
    (["info", os.path.join(work, "missing.h5")], 1, "data"),
    (["info"], 2, "usage"),
    (["centrality", net, "--measures", "nonsense"], 2, "usage"),
    (["import", "--nodes", nodes, "--edges", edges, "-o", nodes], 2, "usage"),
]:
    proc = subprocess.run([fn, "--json", *argv], capture_output=True, text=True)
    check.equal(f"{argv[0]} exit code", proc.returncode, code)
    try:
        error = json.loads(proc.stdout)["error"]
        check.equal(f"{argv[0]} error kind", error["kind"], kind)
        check.equal(f"{argv[0]} error exit code", error["exit_code"], code)
        check.true(f"{argv[0]} error message", len(error["message"]) > 0)
    except (json.JSONDecodeError, KeyError) as e:
        check.true(f"{argv[0]} --json error on stdout ({e}): {proc.stdout!r}", False)

# import --json on rejected rows: the import log and the error in one object.
proc = subprocess.run([fn, "--json", "import", "--edges", broken, "-o", os.path.join(work, "z.h5")],
                      capture_output=True, text=True)
check.equal("rejected rows exit 1", proc.returncode, 1)
report = json.loads(proc.stdout)
check.equal("not written", report["written"], False)
check.equal("error in the log object", report["error"]["exit_code"], 1)

# A lenient import that keeps nothing usable is an error unless --allow-empty.
gbk_edges = os.path.join(work, "gbk_edges.csv")
with open(gbk_edges, "wb") as f:
    f.write("source,target\n".encode() + "供应商,客户\n上海,无锡\n".encode("gb18030"))
_, err = run(fn, "import", "--edges", gbk_edges, "-o", os.path.join(work, "empty.h5"), "--lenient", expect=1)
check.true("lenient empty import refused", "kept too little" in err and "--allow-empty" in err)
check.equal("nothing written", os.path.exists(os.path.join(work, "empty.h5")), False)
half_bad = os.path.join(work, "half_bad.csv")
with open(half_bad, "w") as f:
    f.write("source,target,weight\nA,B,1\nB,C,x\nC,D,y\n")
_, err = run(fn, "import", "--edges", half_bad, "-o", os.path.join(work, "half.h5"), "--lenient", expect=1)
check.true("most rows rejected: refused", "2 of 3 rows were rejected" in err)
run(fn, "--quiet", "import", "--edges", half_bad, "-o", os.path.join(work, "half.h5"), "--lenient", "--allow-empty")
proc = subprocess.run([fn, "--json", "analyze", "--edges", half_bad, "-o", os.path.join(work, "half2.h5"), "--lenient"],
                      capture_output=True, text=True)
check.equal("analyze: lenient leftovers exit 1", proc.returncode, 1)
check.equal("analyze --json: the error on stdout", json.loads(proc.stdout)["error"]["exit_code"], 1)

check.finish()
