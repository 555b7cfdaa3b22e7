#!/usr/bin/python3
"""End-to-end test of `firmnet communities --objective spatial`: the stored deterrence table
equals a numpy brute force over all node pairs of the file's own coordinates and edges (pair
masses, observed weights, values, Sturges' bin count), the null expects exactly 2m, and the
stored quality equals Q_spa recomputed with numpy; equal-count bins hold equal numbers of
links; grid sites keep the normalisation; bad requests exit with code 2."""
import math
import os
import sys

import h5py
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from firmnet_testlib import Checker, parse_args, run, run_json, text  # noqa: E402

EARTH_RADIUS_KM = 6371.0088


def load(path):
    with h5py.File(path, "r") as f:
        lat = f["nodes/lat"][:]
        lon = f["nodes/lon"][:]
        source = f["edges/source"][:]
        target = f["edges/target"][:]
        weight = f["edges/weight"][:]
    n = len(lat)
    adjacency = np.zeros((n, n))
    keep = source != target
    np.add.at(adjacency, (source[keep], target[keep]), weight[keep])
    return lat, lon, adjacency + adjacency.T  # undirected weight-summed projection, both rows


def distances(lat, lon):
    phi, lam = np.radians(lat), np.radians(lon)
    dphi = phi[:, None] - phi[None, :]
    dlam = lam[:, None] - lam[None, :]
    a = np.sin(dphi / 2) ** 2 + np.cos(phi)[:, None] * np.cos(phi)[None, :] * np.sin(dlam / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))


def read(path, name):
    with h5py.File(path, "r") as f:
        res = f["results/" + name]
        table = {c: res["tables/deterrence/" + c][:] for c in text(res["tables/deterrence"].attrs["columns"])}
        scalars = {k: text(v) for k, v in res["scalars"].attrs.items()}
        params = {k: text(v) for k, v in res["parameters"].attrs.items()}
        return res["membership"][:], table, scalars, params


def main():
    args = parse_args()
    check = Checker()
    fn = args.firmnet
    net = os.path.join(args.work_dir, "scale.h5")
    run(fn, "--quiet", "--seed", "4", "generate", "scale", "--firms", "1500", "--links", "6000", "--regions", "4",
        "-o", net)
    lat, lon, a = load(net)
    strength = a.sum(axis=1)
    two_m = strength.sum()
    d = distances(lat, lon)
    mass = np.outer(strength, strength)

    out = run_json(fn, "--seed", "2", "--threads", "2", "communities", net, "--objective", "spatial", "--name", "sp")
    membership, table, scalars, params = read(net, "sp")
    lower = table["lower_km"]
    check.equal("objective parameter", params["objective"], "spatial")
    check.equal("exact sites", scalars["deterrence_cell_km"], 0.0)
    check.equal("no unlocated nodes", scalars["unlocated_nodes"], 0)
    links = int(np.count_nonzero(a))
    check.equal("Sturges' rule", len(lower), math.ceil(math.log2(links)) + 1)
    check.equal("first bin starts at 0", lower[0], 0.0)
    check.true("last bin open", math.isnan(table["upper_km"][-1]))
    bins = np.searchsorted(lower, d, side="right") - 1
    expected_mass = np.bincount(bins.ravel(), weights=mass.ravel(), minlength=len(lower))
    expected_observed = np.bincount(bins.ravel(), weights=a.ravel(), minlength=len(lower))
    expected_links = np.bincount(bins.ravel(), weights=(a > 0).ravel(), minlength=len(lower))
    for b in range(len(lower)):
        check.close(f"pair mass bin {b}", table["pair_mass"][b], expected_mass[b], 1e-9)
        check.close(f"observed bin {b}", table["observed_weight"][b], expected_observed[b], 1e-9)
        check.equal(f"links bin {b}", int(table["links"][b]), int(expected_links[b]))
    f = np.where(expected_mass > 0, expected_observed / np.where(expected_mass > 0, expected_mass, 1), 0)
    check.close("values", float(np.max(np.abs(table["value"] - f) / np.max(f))), 0.0, 1e-9)
    check.close("the null expects 2m", float(np.dot(table["value"], table["pair_mass"])), two_m, 1e-9)
    same = membership[:, None] == membership[None, :]
    q_spa = ((a - mass * f[bins]) * same).sum() / two_m
    check.close("stored quality is Q_spa", scalars["quality"], q_spa, 1e-9)
    check.close("json quality", out["scalars"]["quality"], scalars["quality"], 1e-12)
    check.equal("json deterrence bins", len(out["tables"]["deterrence"]), len(lower))
    check.true("Q_spa positive", q_spa > 0)

    run(fn, "--quiet", "communities", net, "--objective", "spatial", "--binning", "equal-count", "--distance-bins", "8",
        "--name", "eq")
    _, eq, _, eq_params = read(net, "eq")
    check.equal("binning parameter", eq_params["binning"], "equal-count")
    check.true("at most 8 bins", len(eq["links"]) <= 8)
    check.true("equal link counts", int(eq["links"].max() - eq["links"].min()) <= 2)
    check.equal("every link in a bin", int(eq["links"].sum()), links)

    run(fn, "--quiet", "communities", net, "--objective", "spatial", "--max-sites", "100", "--name", "grid")
    _, grid, grid_scalars, _ = read(net, "grid")
    check.true("grid cells", grid_scalars["deterrence_cell_km"] > 0)
    check.true("at most 100 sites", grid_scalars["deterrence_sites"] <= 100)
    check.close("the grid null expects 2m", float(np.dot(grid["value"], grid["pair_mass"])), two_m, 1e-9)

    run(fn, "communities", net, "--objective", "spatial", "--method", "infomap", expect=2)
    run(fn, "communities", net, "--objective", "spatial", "--binning", "quantile", expect=2)
    run(fn, "communities", net, "--objective", "spatial", "--scan", "0.5:2:3", expect=2)
    return check.finish()


if __name__ == "__main__":
    sys.exit(main())
