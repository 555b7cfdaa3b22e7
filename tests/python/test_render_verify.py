"""One renderer, three forms: `--json` and the text tables present exactly what the network
file stores (the same rows and stored column names), and `--verify` checks each kernel's
outcome with its verifier. Runs on the bundled demo region."""
import os

import h5py

from firmnet_testlib import Checker, decode_dictionary, parse_args, run, run_json, text

args = parse_args()
check = Checker()
fn, work = args.firmnet, args.work_dir
demo = os.path.join(args.source_dir, "datasets", "demo")
h5 = os.path.join(work, "demo.h5")

# The main job with every verifier.
_, err = run(fn, "--seed", "3", "--verify", "analyze", "--nodes", os.path.join(demo, "nodes.csv"), "--edges",
             os.path.join(demo, "edges.csv"), "-o", h5, "--null-models", "19", "--runs", "2")
check.true("main job verified", "verified: main job" in err)

# parks --json carries the stored units table row for row, under the stored column names.
out = run_json(fn, "--seed", "3", "--verify", "parks", h5, "--communities", "leiden", "--null-models", "19",
               "--name", "p2")
with h5py.File(h5, "r") as f:
    units = f["results/p2/tables/units"]
    stored = {c: units[c][:] for c in text(units.attrs["columns"])}
    stored_names = decode_dictionary(units, "name")
    params = dict(f["results/p2/parameters"].attrs)
rows = out["tables"]["units"]
check.equal("json rows = stored rows", len(rows), len(stored["name"]))
check.equal("json columns = stored columns", sorted(rows[0].keys()), sorted(stored.keys()))
for i, row in enumerate(rows):
    check.equal(f"row {i} name", row["name"], stored_names[i])
    check.equal(f"row {i} internal links", row["internal_links"], int(stored["internal_links"][i]))
    check.close(f"row {i} z", row["z"] if row["z"] is not None else float("nan"), float(stored["z"][i]), 1e-12)
check.equal("json parameters = stored parameters", out["parameters"]["null_models"], int(params["null_models"]))
check.true("null samples left out of json", "null_samples" not in out["tables"])

# The text table shows each stored unit with its verdict and reason.
printed, err = run(fn, "--seed", "3", "--verify", "parks", h5, "--communities", "leiden", "--null-models", "19",
                "--name", "p3")
check.true("parks verified", "verified: park evidence" in err)
with h5py.File(h5, "r") as f:
    units = f["results/p3/tables/units"]
    names, verdicts, reasons = (decode_dictionary(units, c) for c in ("name", "verdict", "reason"))
for name, verdict, reason in zip(names, verdicts, reasons):
    check.true(f"text has {name}: {verdict}: reason", f"  {name}: {verdict}: {reason}" in printed)

# The other commands verify too.
for argv, label in [(["communities", h5, "--runs", "2", "--name", "c2"], "communities"),
                    (["centrality", h5, "--measures", "degree,strength,pagerank,coreness,betweenness"], "centrality"),
                    (["anchors", h5, "--communities", "leiden", "--name", "a2"], "anchors")]:
    _, err = run(fn, "--verify", *argv)
    check.true(f"{label} verified", f"verified: {label}" in err)

# The report takes its results by name.
run(fn, "report", h5, "-o", os.path.join(work, "r.html"), "--parks", "p2", "--communities", "c2", "--anchors", "a2")
with open(os.path.join(work, "r.html"), encoding="utf-8") as f:
    html = f.read()
check.true("report shows p2's parameters", "<h3>p2 (park_test" in html)
check.true("report has no missing section for p2", "No result 'p2'" not in html)
check.finish()
