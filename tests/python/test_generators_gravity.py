#!/usr/bin/python3
"""End-to-end tests of `firmnet generate gravity`, read back from its CSV and HDF5 files with
numpy: the decay length refitted by maximum likelihood from the published links alone (an
implementation independent of the generator's: dense distance matrix, no grid, and without
knowing which firm drew a link), identical files on 1 and 2 threads, the missing-coordinate
share, towns hosting several parks, the panel years and the truth stored in the network file."""
import math
import os
import sys

import h5py
import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from firmnet_testlib import Checker, parse_args, run, run_json, text  # noqa: E402

EARTH_RADIUS_KM = 6371.0088


def haversine_matrix(lat, lon):
    la, lo = np.radians(lat), np.radians(lon)
    dlat = la[:, None] - la[None, :]
    dlon = lo[:, None] - lo[None, :]
    a = np.sin(dlat / 2) ** 2 + np.cos(la)[:, None] * np.cos(la)[None, :] * np.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))


def fit_decay(nodes, edges, background_degree, beta, cutoff_km):
    """Poisson-process likelihood of the observed unordered pairs: firm i draws partner j at
    rate r_i P(j | i), so a link {i, j} arises at rate r_i P(j | i) + r_j P(i | j); the total
    rate sum_i r_i does not depend on lambda, so the MLE maximises sum_links log of that."""
    firms = nodes[(nodes["kind"] == "firm") & (nodes["region"] == "study-region")].reset_index(drop=True)
    index = {node_id: k for k, node_id in enumerate(firms["id"])}
    mass = firms["employees"].to_numpy(dtype=float) ** beta
    rate = background_degree * mass / mass.mean()
    dist = haversine_matrix(firms["lat"].to_numpy(dtype=float), firms["lon"].to_numpy(dtype=float))
    allowed = (dist <= cutoff_km) & ~np.eye(len(firms), dtype=bool)
    pairs = [(index[s], index[t]) for s, t in zip(edges["source"], edges["target"]) if s in index and t in index]
    i = np.array([p[0] for p in pairs])
    j = np.array([p[1] for p in pairs])

    def log_likelihood(lam):
        kernel = np.where(allowed, mass[None, :] * np.exp(-dist / lam), 0.0)
        prob = kernel / kernel.sum(axis=1, keepdims=True)
        return np.log(rate[i] * prob[i, j] + rate[j] * prob[j, i]).sum()

    lo, hi = math.log(0.2), math.log(50.0)  # golden-section search on log lambda
    golden = (math.sqrt(5) - 1) / 2
    a, b = hi - golden * (hi - lo), lo + golden * (hi - lo)
    fa, fb = log_likelihood(math.exp(a)), log_likelihood(math.exp(b))
    for _ in range(40):
        if fa > fb:
            hi, b, fb = b, a, fa
            a = hi - golden * (hi - lo)
            fa = log_likelihood(math.exp(a))
        else:
            lo, a, fa = a, b, fb
            b = lo + golden * (hi - lo)
            fb = log_likelihood(math.exp(b))
    return math.exp((lo + hi) / 2), len(pairs)


def main():
    args = parse_args()
    fn, work = args.firmnet, args.work_dir
    check = Checker()

    # A world of background trade only (no planted links, every position published).
    decay = 3.0
    only_background = os.path.join(work, "background")
    run(fn, "--seed", "4", "generate", "gravity", "--linked-clusters", "0", "--spanning-clusters", "0",
        "--export-parks", "0", "--small-parks", "0", "--colocation-parks", "3", "--firms-per-park", "100",
        "--town-firms", "1500", "--missing-coordinates", "0", "--decay-km", str(decay), "--out-dir",
        only_background, "-q")
    nodes = pd.read_csv(os.path.join(only_background, "nodes.csv"), keep_default_na=False)
    edges = pd.read_csv(os.path.join(only_background, "edges.csv"), keep_default_na=False)
    world = pd.read_csv(os.path.join(only_background, "truth_world.csv"))
    check.close("truth_world decay_km", float(world["decay_km"][0]), decay)
    check.close("truth_world kernel_cutoff_km", float(world["kernel_cutoff_km"][0]), 8 * decay)
    check.equal("only background links", int(world["planted_links"][0]), 0)
    fitted, links = fit_decay(nodes, edges, 2.0, 1.0, float(world["kernel_cutoff_km"][0]))
    print(f"lambda {decay} km: fitted {fitted:.3f} km from {links} links")
    check.true(f"fitted lambda {fitted:.3f} within 25% of {decay}", abs(fitted - decay) < 0.25 * decay)
    check.true(f"fitted lambda {fitted:.3f} within 10% of {decay}", abs(fitted - decay) < 0.10 * decay)
    check.true("enough links for the fit", links > 2500)

    # Same seed on 1 and 2 threads: identical files, including a panel.
    outputs = []
    for threads in ["1", "2"]:
        out = os.path.join(work, "threads" + threads)
        run(fn, "--threads", threads, "--seed", "9", "generate", "gravity", "--years", "2018-2022",
            "--out-dir", out, "-q")
        outputs.append(out)
    for name in ["nodes.csv", "edges.csv", "truth_nodes.csv", "truth_parks.csv", "truth_world.csv"]:
        with open(os.path.join(outputs[0], name), "rb") as a, open(os.path.join(outputs[1], name), "rb") as b:
            check.true(f"{name} identical on 1 and 2 threads", a.read() == b.read())

    # The default world with a panel: years, founding, coordinates, towns, truth.
    nodes = pd.read_csv(os.path.join(outputs[0], "nodes.csv"), keep_default_na=False)
    edges = pd.read_csv(os.path.join(outputs[0], "edges.csv"), keep_default_na=False)
    truth = pd.read_csv(os.path.join(outputs[0], "truth_nodes.csv"), keep_default_na=False)
    parks = pd.read_csv(os.path.join(outputs[0], "truth_parks.csv"), keep_default_na=False)
    founded = dict(zip(nodes["id"], nodes["founded"]))
    years = edges["year"].to_numpy()
    check.equal("link years", sorted(set(years.tolist())), [2018, 2019, 2020, 2021, 2022])
    check.equal("links before a founding", int(sum(
        y < max(founded[s], founded[t]) for s, t, y in zip(edges["source"], edges["target"], years))), 0)
    region_firms = nodes[(nodes["kind"] == "firm") & (nodes["region"] == "study-region")]
    missing = int((region_firms["lat"] == "").sum())
    check.equal("firms without coordinates", missing, round(0.03 * len(region_firms)))
    check.equal("no coordinates missing elsewhere", int((nodes[nodes["region"] == "outside"]["lat"] == "").sum()), 0)
    per_town = parks.groupby("town").size()
    check.true(f"towns with >= 2 parks: {int((per_town >= 2).sum())}", int((per_town >= 2).sum()) >= 3)
    joined = truth.merge(nodes[["id", "park", "town"]], on="id", suffixes=("_truth", ""))
    check.true("truth park = node park", (joined["park_truth"] == joined["park"]).all())
    check.true("truth town = node town", (joined["town_truth"] == joined["town"]).all())
    counted = truth[truth["park"] != ""].groupby("park").size()
    check.true("truth_parks firms = firms per park",
               all(counted[p] == f for p, f in zip(parks["park"], parks["firms"])))
    check.equal("verdicts", sorted(set(parks["verdict"])),
                sorted(["co-location only", "externally oriented", "linked cluster", "part of a wider cluster",
                        "too small to tell"]))

    # The network file holds the truth, including the world table.
    h5 = os.path.join(work, "gravity.h5")
    report = run_json(fn, "generate", "gravity", "--decay-km", "2", "-o", h5)
    check.equal("parameter decay_km", report["parameters"]["decay_km"], "2")
    check.equal("parameter years", report["parameters"]["years"], "none")
    with h5py.File(h5, "r") as f:
        check.true("generator command in the import log", "generate gravity" in text(f["import_log"].attrs["nodes_file"]))
        check.close("stored decay_km", float(f["results/truth/tables/world/decay_km"][0]), 2.0)
        check.true("stored town truth", "town" in f["results/truth"])
    check.true("world truth CSV beside the file", os.path.exists(os.path.join(work, "gravity.truth_world.csv")))

    # Bad requests: exit code 2.
    run(fn, "generate", "gravity", "--years", "2018-", "--out-dir", os.path.join(work, "bad"), expect=2)
    run(fn, "generate", "gravity", "--decay-km", "0", "--out-dir", os.path.join(work, "bad"), expect=2)
    run(fn, "generate", "gravity", "--towns", "2", "--out-dir", os.path.join(work, "bad"), expect=2)
    check.finish()


if __name__ == "__main__":
    main()
