"""firmnet concentration --distance and --totals end to end on datasets/handmade: reads the
stored K-density and M curves with h5py and recomputes them independently with numpy and scipy
(haversine distances in numpy, pairs by scipy.spatial.distance.squareform, the IQR by
scipy.stats.iqr, the reflected Gaussian kernel sum and the M formula written out), checks the
bands, Gamma, thread-count invariance and the report's K-density charts, and recomputes Ellison-Glaeser gamma and LQ against
an official totals table (docs/concentration.md)."""
import collections
import csv
import os

import h5py
import numpy as np
from scipy.spatial.distance import squareform
from scipy.stats import iqr

from firmnet_testlib import Checker, decode_dictionary, import_handmade, parse_args, read_csv, report_data, run, run_json, text

args = parse_args()
nodes_csv, edges_csv, h5 = import_handmade(args)
check = Checker()
nodes = read_csv(nodes_csv)
R = 6371.0088


def sites(weighted):
    """Firms with industry and coordinates (and employees when weighted), grouped by industry
    (names sorted), node order within: the order firmnet uses."""
    rows = [r for r in nodes if r["kind"] == "firm" and r["industry"] and r["lat"] and r["lon"]
            and (not weighted or r["employees"])]
    rows.sort(key=lambda r: r["industry"])  # stable: node order within an industry
    lat = np.radians([float(r["lat"]) for r in rows])
    lon = np.radians([float(r["lon"]) for r in rows])
    weight = np.array([float(r["employees"]) if weighted else 1.0 for r in rows])
    a = (np.sin((lat[:, None] - lat[None, :]) / 2) ** 2
         + np.cos(lat[:, None]) * np.cos(lat[None, :]) * np.sin((lon[:, None] - lon[None, :]) / 2) ** 2)
    distance = 2 * R * np.arcsin(np.sqrt(np.clip(a, 0, 1)))
    np.fill_diagonal(distance, 0.0)
    return [r["industry"] for r in rows], distance, weight


def phi(u):
    return np.exp(-u * u / 2) / np.sqrt(2 * np.pi)


def k_density(pair_distance, pair_weight, grid):
    """Silverman bandwidth and the reflected Gaussian kernel density on the grid."""
    sd, spread = np.std(pair_distance, ddof=1), iqr(pair_distance) / 1.34
    h = 0.9 * (min(sd, spread) if sd > 0 and spread > 0 else max(sd, spread)) * len(pair_distance) ** -0.2
    terms = phi((grid[:, None] - pair_distance[None, :]) / h) + phi((grid[:, None] + pair_distance[None, :]) / h)
    return h, (terms * pair_weight[None, :]).sum(axis=1) / (h * pair_weight.sum())


def m_function(members, distance, weight, radii):
    """M(r) written out: local shares around each member over the global share."""
    in_s = np.zeros(len(weight), dtype=bool)
    in_s[members] = True
    W, W_S = weight.sum(), weight[in_s].sum()
    out = []
    for r in radii:
        local = norm = 0.0
        for i in members:
            near = distance[i] <= r
            near[i] = False
            total = weight[near].sum()
            if total > 0:
                local += weight[near & in_s].sum() / total
                norm += (W_S - weight[i]) / (W - weight[i])
        out.append(local / norm if norm > 0 else np.nan)
    return np.array(out)


def curves(result, table_name, value):
    t = result["tables"][table_name]
    industry = np.array(decode_dictionary(t, "industry"))
    return {i: {c: t[c][industry == i] for c in ("distance_km", value, "local_lower", "local_upper",
                                                   "global_lower", "global_upper", "status")}
            for i in sorted(set(industry))}


def close_arrays(what, got, expected, tol=1e-9):
    """Same NaN positions and values within tol of the largest value."""
    check.true(f"{what}: NaN positions", np.array_equal(np.isnan(got), np.isnan(expected)))
    ok = ~np.isnan(expected)
    scale = max(1.0, float(np.max(np.abs(expected[ok])))) if ok.any() else 1.0
    worst = float(np.max(np.abs(got[ok] - expected[ok]))) if ok.any() else 0.0
    check.true(f"{what}: max difference {worst:.3g} <= {tol} x {scale:.3g}", worst <= tol * scale)


def check_run(name, weighted):
    industries, distance, weight = sites(weighted)
    with h5py.File(h5, "r") as f:
        r = f["results"][name]
        scalars = {k: text(v) for k, v in r["scalars"].attrs.items()}
        k_curves, m_curves = curves(r, "k_density", "k"), curves(r, "m_function", "m")
        summary = r["tables/distance_industries"]
        bandwidth = dict(zip(decode_dictionary(summary, "industry"), summary["bandwidth_km"][:]))
        gamma = dict(zip(decode_dictionary(summary, "industry"), summary["localisation"][:]))
    check.equal(f"{name}: weighting", scalars["distance_weighted"], "employees" if weighted else "none")
    check.equal(f"{name}: sites", int(scalars["distance_sites"]), len(industries))
    # Default maximum distance: the median over all pairs (exact below 2,000 sites).
    check.close(f"{name}: median pair distance", float(scalars["distance_max_km"]),
                float(np.median(squareform(distance, checks=False))), 1e-9)
    counts = collections.Counter(industries)
    expected_industries = sorted(i for i, c in counts.items() if c >= 5)
    check.equal(f"{name}: K industries", sorted(k_curves), expected_industries)
    check.true(f"{name}: at least two industries", len(expected_industries) >= 2)
    labels = np.array(industries)
    for i in expected_industries:
        members = np.flatnonzero(labels == i)
        sub = distance[np.ix_(members, members)]
        upper = np.triu_indices(len(members), 1)
        pair_distance = squareform(sub, checks=False)  # the same (a < b) order as upper
        pair_weight = np.outer(weight[members], weight[members])[upper]
        c = k_curves[i]
        h, k = k_density(pair_distance, pair_weight, c["distance_km"])
        check.close(f"{name} {i}: bandwidth", float(bandwidth[i]), h, 1e-9)
        close_arrays(f"{name} {i}: K", c["k"], k)
        check.true(f"{name} {i}: grid starts at 0", c["distance_km"][0] == 0.0)
        # Bands in order; status and Gamma from the global bands.
        check.true(f"{name} {i}: bands ordered", np.all(c["global_lower"] <= c["local_lower"])
                   and np.all(c["local_lower"] <= c["local_upper"]) and np.all(c["local_upper"] <= c["global_upper"]))
        check.true(f"{name} {i}: localised where K > upper",
                   np.array_equal(c["status"] == 1, c["k"] > c["global_upper"]))
        step = c["distance_km"][1] - c["distance_km"][0]
        check.close(f"{name} {i}: Gamma", float(gamma[i]),
                    float(np.maximum(c["k"] - c["global_upper"], 0).sum() * step), 1e-9)
        m = m_curves[i]
        close_arrays(f"{name} {i}: M", m["m"], m_function(members, distance, weight, m["distance_km"]))
    return k_curves, m_curves


# 1. Employment-weighted (every handmade firm has employees), 39 counterfactuals.
out = run_json(args.firmnet, "--seed", "7", "--threads", "2", "concentration", h5, "--distance",
               "--simulations", "39", "--name", "two")
rows = out["tables"]["distance_industries"]
check.equal("json distance rows", sorted(row["industry"] for row in rows), ["C1751", "C3670"])
check.true("json localised ranges are from-to pairs",
           all(len(p.split("-")) == 2 for row in rows for p in row["localised_km"].split(";") if p))
check.true("json leaves the curves to the file", "k_density" not in out["tables"] and "m_function" not in out["tables"])
k_two, m_two = check_run("two", True)

# The same seed on one thread stores the same curves and bands.
run(args.firmnet, "--seed", "7", "--threads", "1", "--quiet", "concentration", h5, "--distance",
    "--simulations", "39", "--name", "one")
k_one, m_one = check_run("one", True)
for what, one, two in [("K", k_one, k_two), ("M", m_one, m_two)]:
    for i in two:
        for column in two[i]:
            check.true(f"threads: {what} {i} {column}", np.array_equal(one[i][column], two[i][column], equal_nan=True))

# The HTML report carries each industry's K-density with its bands, as stored, for its chart.
report_html = os.path.join(args.work_dir, "report.html")
run(args.firmnet, "--quiet", "report", h5, "-o", report_html, "--concentration", "two")
concentration = report_data(report_html)["concentration"]
check.equal("report: one distance row per industry", sorted(r["industry"] for r in concentration["distance"]), ["C1751", "C3670"])
with h5py.File(h5, "r") as f:
    stored_k = f["results/two/tables/k_density/k"][:]
    stored_distance = f["results/two/tables/k_density/distance_km"][:]
check.equal("report: every stored K point", len(concentration["kDensity"]), len(stored_k))
check.true("report: K as stored", np.allclose([r["k"] for r in concentration["kDensity"]], stored_k, equal_nan=True))
check.true("report: distances as stored", np.allclose([r["distance_km"] for r in concentration["kDensity"]], stored_distance))
check.true("report: global band carried", all("global_lower" in r and "global_upper" in r for r in concentration["kDensity"]))

# 2. Unweighted (firm counts) with a given maximum distance and grid.
run(args.firmnet, "--quiet", "concentration", h5, "--distance", "--measure", "firm_count", "--simulations", "19",
    "--max-distance-km", "50", "--distance-points", "26", "--name", "counts")
with h5py.File(h5, "r") as f:
    check.close("given maximum", float(f["results/counts/scalars"].attrs["distance_max_km"]), 50.0)
    check.close("given step", float(f["results/counts/scalars"].attrs["distance_step_km"]), 2.0)
industries, distance, weight = sites(False)
labels = np.array(industries)
with h5py.File(h5, "r") as f:
    k_counts = curves(f["results/counts"], "k_density", "k")
members = np.flatnonzero(labels == "C1751")
pairs = squareform(distance[np.ix_(members, members)], checks=False)
close_arrays("unweighted K C1751", k_counts["C1751"]["k"], k_density(pairs, np.ones(len(pairs)), np.arange(26) * 2.0)[1])

printed, _ = run(args.firmnet, "concentration", h5, "--distance", "--simulations", "19", "--quiet", "--name", "text")
check.true("text summary", "Duranton-Overman" in printed and "Gamma" in printed and "localised at" in printed)
run(args.firmnet, "concentration", h5, "--distance", "--band-alpha", "1", expect=2)

# The main job stores the curves with its own settings; when most firms share one point (no
# positive median distance) it runs without them instead of failing.
analyzed = os.path.join(args.work_dir, "analyzed.h5")
run(args.firmnet, "--quiet", "analyze", "--nodes", nodes_csv, "--edges", edges_csv, "-o", analyzed,
    "--null-models", "9", "--runs", "1")
with h5py.File(analyzed, "r") as f:
    r = f["results/concentration"]
    check.equal("main job: distance parameter", int(r["parameters"].attrs["distance"]), 1)
    check.equal("main job: simulations", int(r["parameters"].attrs["simulations"]), 99)
    check.true("main job: K-density stored", "k_density" in r["tables"])
one_point = os.path.join(args.work_dir, "one_point.csv")
with open(one_point, "w", newline="", encoding="utf-8") as f:
    writer = csv.DictWriter(f, fieldnames=list(nodes[0].keys()))
    writer.writeheader()
    for k, row in enumerate(nodes):
        writer.writerow(dict(row, lat="31.3", lon="120.6") if k > 0 else row)
stacked = os.path.join(args.work_dir, "stacked.h5")
run(args.firmnet, "--quiet", "analyze", "--nodes", one_point, "--edges", edges_csv, "-o", stacked,
    "--null-models", "9", "--runs", "1")
with h5py.File(stacked, "r") as f:
    check.equal("stacked firms: no distance curves", int(f["results/concentration/parameters"].attrs["distance"]), 0)

# 3. Official totals: Suzhou, Nantong and a region without sampled firms; Shanghai and Europe absent.
totals_csv = os.path.join(args.work_dir, "totals.csv")
with open(totals_csv, "w", encoding="utf-8") as f:
    f.write("region,source,employment\nSuzhou,census,6900000\nNantong,census,4600000\nWuxi,census,4100000\n")
out = run_json(args.firmnet, "concentration", h5, "--totals", totals_csv, "--name", "totals")
regional = {"Suzhou": 6900000.0, "Nantong": 4600000.0, "Wuxi": 4100000.0}
firms = [r for r in nodes if r["kind"] == "firm" and r["industry"] and r["region"]]
absent = collections.Counter(r["region"] for r in firms if r["region"] not in regional)
check.equal("units without total", {u["region"]: u["firms"] for u in out["tables"]["units_without_total"]}, dict(absent))
check.equal("firms missing total", out["scalars"]["firms_missing_total"], sum(absent.values()))
e = sum(regional.values())
x = {j: v / e for j, v in regional.items()}
sx2 = sum(v * v for v in x.values())
kept = [r for r in firms if r["region"] in regional]
by_industry = {row["industry"]: row for row in out["tables"]["industries"]}
for i in ["C3670", "C1751"]:
    sizes = [float(r["employees"]) for r in kept if r["industry"] == i]
    e_i = sum(sizes)
    s = {j: sum(float(r["employees"]) for r in kept if r["industry"] == i and r["region"] == j) / e_i for j in regional}
    G = sum((s[j] - x[j]) ** 2 for j in regional)
    H = sum((z / e_i) ** 2 for z in sizes)
    check.close(f"totals G {i}", by_industry[i]["G"], G)
    check.close(f"totals gamma {i}", by_industry[i]["gamma"], (G - (1 - sx2) * H) / ((1 - sx2) * (1 - H)))
with h5py.File(h5, "r") as f:
    t = f["results/totals/tables/location_quotients"]
    rows = zip(decode_dictionary(t, "region"), decode_dictionary(t, "industry"), t["lq"][:])
    lq = {(j, i): v for j, i, v in rows}
    e_ri = sum(float(r["employees"]) for r in kept if r["industry"] == "C1751" and r["region"] == "Nantong")
    e_i = sum(float(r["employees"]) for r in kept if r["industry"] == "C1751")
    check.close("totals LQ Nantong C1751", lq[("Nantong", "C1751")], (e_ri / regional["Nantong"]) / (e_i / e))
    check.equal("stored totals parameter", text(f["results/totals/parameters"].attrs["totals"]), totals_csv)
    stored_absent = decode_dictionary(f["results/totals/tables/units_without_total"], "region")
    check.equal("stored units without total", sorted(stored_absent), sorted(absent))

bad_csv = os.path.join(args.work_dir, "bad_totals.csv")
with open(bad_csv, "w", encoding="utf-8") as f:
    f.write("region,employment\nSuzhou,6900000\nNantong,many\n")
_, err = run(args.firmnet, "concentration", h5, "--totals", bad_csv, expect=1)
check.true("bad totals row named", "bad_totals.csv:3:" in err and "'many'" in err)
run(args.firmnet, "concentration", h5, "--totals", totals_csv, "--measure", "firm_count", expect=2)
check.finish()
