"""firmnet analyze with systemic risk: the main job stores ESRI (/results/risk), the anchor score
gains its systemic component (recomputed here from the stored components: 0.4 hub + 0.35 local
+ 0.25 dependency + 0.2 ESRI / max ESRI), the reason line says what a failure costs, and each
cluster carries the largest ESRI of its members. The parks' exposure (/results/exposure) names
each park's three members of highest anchor score as its anchors, and its losses equal what
`firmnet shock` reports for the same scenarios (the anchors failing; the worst outside region
locked down) and for every other outside region no more."""
import os

import h5py
import numpy as np

from firmnet_testlib import Checker, decode_dictionary, parse_args, run, strings

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
check.true("the job prints the parks' exposure", "== Parks' output at risk" in out)
with h5py.File(h5, "r") as f:
    ids = list(strings(f["nodes"], "id"))
    park_of = decode_dictionary(f["nodes"], "park")
    region_of = decode_dictionary(f["nodes"], "region")
    table = f["results/exposure/tables/parks"]
    parks = decode_dictionary(table, "park")
    park_anchors = decode_dictionary(table, "anchors")
    anchors_loss, worst_loss = table["anchors_loss"][:], table["worst_region_loss"][:]
    worst_region = decode_dictionary(table, "worst_region")
check.true("one exposure row per park", sorted(parks) == sorted({p for p in park_of if p}))


def park_share(result, park):
    with h5py.File(h5, "r") as f:
        by_park = f[f"results/{result}/tables/by_park"]
        groups = decode_dictionary(by_park, "group")
        shares = by_park["share_lost"][:]
    return float(shares[groups.index(park)]) if park in groups else 0.0


for row, park in enumerate(parks[:3]):
    members = [i for i, p in enumerate(park_of) if p == park]
    # Members in the supply network have an anchor score here; the top three by score, ties by index.
    by_score = sorted(members, key=lambda i: (-score[i], i))
    check.true(f"{park}: anchors are its members of highest anchor score",
               park_anchors[row].split("; ") == [ids[i] for i in by_score[:len(park_anchors[row].split("; "))]])
    run(args.firmnet, "shock", h5, "--fail", park_anchors[row].replace("; ", ","), "--tolerance", "0.01",
        "--name", "anchors_fail", "--quiet")
    check.close(f"{park}: loss when its anchors fail = firmnet shock's", float(anchors_loss[row]),
                park_share("anchors_fail", park), 1e-9)
    hosting = {region_of[i] for i in members}
    outside = sorted({r for r in region_of if r and r not in hosting})
    check.true(f"{park}: the worst region lies outside it", worst_region[row] in outside)
    for region in outside:
        run(args.firmnet, "shock", h5, "--fail-region", region, "--tolerance", "0.01", "--name", "lockdown", "--quiet")
        share = park_share("lockdown", park)
        if region == worst_region[row]:
            check.close(f"{park}: loss in the lockdown of {region} = firmnet shock's", float(worst_loss[row]), share, 1e-9)
        else:
            check.true(f"{park}: {region}'s lockdown costs no more than the worst", share <= float(worst_loss[row]) + 1e-12)
run(args.firmnet, "analyze", "--nodes", os.path.join(demo, "nodes.csv"), "--edges", os.path.join(demo, "edges.csv"),
    "-o", os.path.join(args.work_dir, "none.h5"), "--null-models", "19", "--runs", "1", "--risk-below", "0")
with h5py.File(os.path.join(args.work_dir, "none.h5"), "r") as f:
    check.true("--risk-below 0 leaves the risk and the exposure out",
               "risk" not in f["results"] and "exposure" not in f["results"] and "systemic_component" not in f["results/anchors"])
check.finish()
