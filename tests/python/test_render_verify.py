"""One renderer, three forms: `--json` and the text tables present exactly what the network
file stores (the same rows and stored column names), and `--verify` checks each kernel's
outcome with its verifier. Runs on the bundled demo region."""
import os

import h5py

from firmnet_testlib import Checker, decode_dictionary, parse_args, report_data, run, run_json, text

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
data = report_data(os.path.join(work, "r.html"))
check.equal("report presents the named results", (data["sources"]["parks"], data["sources"]["communities"],
            data["sources"]["anchors"]), ("p2", "c2", "a2"))
check.true("report shows p2's parameters", any(r["name"] == "p2" and r["method"] == "park_test" for r in data["results"]))
with h5py.File(h5, "r") as f:
    p2_verdicts = decode_dictionary(f["results/p2/tables/units"], "verdict")
check.equal("report carries p2's verdicts", [u["verdict"] for u in data["units"]], list(p2_verdicts))
# Without names, the latest stored result of each kind (ties, within a second, to the main job's name,
# then to the first name).
run(fn, "report", h5, "-o", os.path.join(work, "latest.html"))
latest, latest_created = None, None
with h5py.File(h5, "r") as f:
    for name in sorted(f["results"]):
        attrs = f["results"][name].attrs
        if text(attrs["method"]) != "park_test":
            continue
        created = text(attrs["created"])
        if latest is None or created > latest_created or (created == latest_created and name == "parks"):
            latest, latest_created = name, created
check.equal("default: the latest park test", report_data(os.path.join(work, "latest.html"))["sources"]["parks"], latest)
# A name that is absent, or of another kind, is a bad request.
_, err = run(fn, "report", h5, "-o", os.path.join(work, "bad.html"), "--parks", "nope", expect=2)
check.true("absent result named", "no stored result 'nope'" in err)
_, err = run(fn, "report", h5, "-o", os.path.join(work, "bad.html"), "--parks", "c2", expect=2)
check.true("result of another kind named", "'c2' is not a park test result" in err)
_, err = run(fn, "report", h5, expect=2)
check.true("-o is required", "--output is required" in err)
check.finish()
