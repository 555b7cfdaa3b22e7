"""firmnet analyze with systemic risk: the main job stores ESRI (/results/risk), the anchor score
gains its systemic component (recomputed here from the stored components: 0.4 hub + 0.35 local
+ 0.25 dependency + 0.2 ESRI / max ESRI), the reason line says what a failure costs, and each
cluster carries the largest ESRI of its members."""
import os

import h5py
import numpy as np

from firmnet_testlib import Checker, decode_dictionary, parse_args, run

args = parse_args()
check = Checker()
demo = os.path.join(args.source_dir, "datasets/demo")
h5 = os.path.join(args.work_dir, "demo.h5")
out, _ = run(args.firmnet, "--seed", "2", "analyze", "--nodes", os.path.join(demo, "nodes.csv"), "--edges",
             os.path.join(demo, "edges.csv"), "-o", h5, "--null-models", "19", "--runs", "1")
check.true("the job prints the riskiest firms", "== Systemic risk (ESRI" in out)
with h5py.File(h5, "r") as f:
    esri = f["results/risk/esri"][:]
    anchors = f["results/anchors"]
    hub, local, dependency = (anchors[c][:] for c in ("hub_component", "local_component", "dependency_component"))
    systemic = anchors["systemic_component"][:]
    score = anchors["anchor_score"][:]
    reason = decode_dictionary(anchors, "reason")
    cluster = f["results/clusters/cluster"][:]
    risk_max = f["results/clusters/tables/clusters/risk_max"][:]
finite = np.isfinite(esri)
check.true("ESRI computed for some firms", finite.sum() > 10)
expected = np.where(finite, esri, 0) / np.nanmax(esri)
check.true("systemic component = ESRI / max ESRI", np.allclose(systemic, expected, rtol=0, atol=1e-12))
check.true("score = 0.4 hub + 0.35 local + 0.25 dependency + 0.2 systemic",
           np.allclose(score, 0.4 * hub + 0.35 * local + 0.25 * dependency + 0.2 * systemic, rtol=0, atol=1e-12))
riskiest = int(np.nanargmax(esri))
check.true("the riskiest firm's reason says what its failure costs",
           f"its failure costs {100 * esri[riskiest]:.1f}% of the network's output (ESRI)" in reason[riskiest])
for k, value in enumerate(risk_max):
    members = (cluster == k) & finite
    check.close(f"cluster {k}: largest member ESRI", float(value), float(esri[members].max()) if members.any() else 0.0, 1e-12)
run(args.firmnet, "analyze", "--nodes", os.path.join(demo, "nodes.csv"), "--edges", os.path.join(demo, "edges.csv"),
    "-o", os.path.join(args.work_dir, "none.h5"), "--null-models", "19", "--runs", "1", "--risk-below", "0")
with h5py.File(os.path.join(args.work_dir, "none.h5"), "r") as f:
    check.true("--risk-below 0 leaves the risk out", "risk" not in f["results"] and "systemic_component" not in f["results/anchors"])
check.finish()
