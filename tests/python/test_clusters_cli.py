#!/usr/bin/python3
"""End-to-end test of `firmnet generate clusters` and `firmnet clusters`, read back with h5py,
pandas and numpy: the stored membership against the planted truth (NMI written here with numpy,
apart from firmnet's), every cluster's internal links recounted from edges.csv, its region
shares recounted from nodes.csv, the hull containing every located member, the cross-border
cluster with both regions, and the JSON output agreeing with the file."""
import json
import os
import sys

import h5py
import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from firmnet_testlib import Checker, decode_dictionary, parse_args, run, run_json, strings, text  # noqa: E402

LAYERS = {"supply", "subcontract", "cooperation", "technology", "service", "membership"}


def nmi(a, b):
    """Normalised mutual information, arithmetic-mean normalisation, from the contingency table."""
    _, ai = np.unique(a, return_inverse=True)
    _, bi = np.unique(b, return_inverse=True)
    table = np.zeros((ai.max() + 1, bi.max() + 1))
    np.add.at(table, (ai, bi), 1)
    p = table / table.sum()
    pa, pb = p.sum(axis=1), p.sum(axis=0)
    nz = p > 0
    mutual = (p[nz] * np.log(p[nz] / np.outer(pa, pb)[nz])).sum()
    ha, hb = -(pa * np.log(pa)).sum(), -(pb * np.log(pb)).sum()
    return 2 * mutual / (ha + hb)


def read_table(group):
    def column(name):
        if "dictionaries" in group and name in group["dictionaries"]:
            return decode_dictionary(group, name)
        if isinstance(group[name], h5py.Group):  # a text column (format version 2)
            return strings(group, name)
        return group[name][:]
    return pd.DataFrame({name: column(name) for name in text(group.attrs["columns"])})


def main():
    args = parse_args()
    check = Checker()
    h5 = os.path.join(args.work_dir, "world.h5")
    out_dir = os.path.join(args.work_dir, "world")
    run(args.firmnet, "--seed", "4", "generate", "clusters", "-o", h5, "--out-dir", out_dir, "--quiet")
    nodes = pd.read_csv(os.path.join(out_dir, "nodes.csv"), keep_default_na=False, dtype={"industry": str})
    edges = pd.read_csv(os.path.join(out_dir, "edges.csv"), keep_default_na=False)
    truth = pd.read_csv(os.path.join(out_dir, "truth_nodes.csv"), keep_default_na=False)
    planted = pd.read_csv(os.path.join(out_dir, "truth_clusters.csv"), keep_default_na=False)

    result = run_json(args.firmnet, "--seed", "4", "--verify", "clusters", h5)
    with h5py.File(h5, "r") as f:
        ids = strings(f["nodes"], "id")
        group = f["results/clusters"]
        cluster = group["cluster"][:]
        tables = {name: read_table(group["tables"][name]) for name in group["tables"]}
    check.equal("nodes.csv in node order", list(nodes["id"]), list(ids))
    truth = truth.set_index("id").loc[ids]
    inside = (nodes["region"] != "outside").to_numpy()
    score = nmi(truth["planted_cluster"].to_numpy()[inside], cluster[inside])
    check.true(f"NMI with the planted membership {score:.3f} >= 0.8", score >= 0.8)
    colocated = (truth["role"] == "colocated").to_numpy()
    check.true("at most a fifth of the co-located firms in clusters", (cluster[colocated] >= 0).sum() * 5 <= colocated.sum())

    clusters = tables["clusters"]
    check.equal("JSON and file agree on the clusters", [row["type"] for row in result["tables"]["clusters"]], list(clusters["type"]))
    check.equal("clusters scalar", result["scalars"]["clusters"], len(clusters))
    check.equal("every planted type found", sorted(set(clusters["type"])), sorted(set(planted["type"])))
    index = {node_id: k for k, node_id in enumerate(ids)}
    kept = edges[edges["type"].isin(LAYERS)]
    src = kept["source"].map(index).to_numpy()
    dst = kept["target"].map(index).to_numpy()
    for _, row in clusters.iterrows():
        k = row["cluster"]
        members = cluster == k
        internal = int((members[src] & members[dst]).sum())
        check.equal(f"cluster {k} internal links", int(row["internal_links"]), internal)
        check.equal(f"cluster {k} members", int(row["members"]), int(members.sum()))
        shares = nodes.loc[members, "region"].value_counts() / members.sum()
        stored = tables["footprint_shares"]
        stored = stored[(stored["cluster"] == k) & (stored["column"] == "region")]
        for _, s in stored.iterrows():
            check.close(f"cluster {k} share of region {s['value']}", float(s["share"]), float(shares[s["value"]]), 1e-12)
        hull = tables["footprints"]
        hull = hull[hull["cluster"] == k].sort_values("vertex")[["lon", "lat"]].to_numpy()
        located = nodes.loc[members & (nodes["lat"] != "").to_numpy(), ["lon", "lat"]].astype(float).to_numpy()
        edge = np.roll(hull, -1, axis=0) - hull
        cross = edge[None, :, 0] * (located[:, None, 1] - hull[None, :, 1]) - edge[None, :, 1] * (located[:, None, 0] - hull[None, :, 0])
        check.true(f"cluster {k}: every located member inside its counter-clockwise hull", (cross >= -1e-9).all())

    # The planted cross-border cluster: the identified cluster holding most of it names both regions.
    cross_border = int(planted.loc[planted["cross_border"] == 1, "planted_cluster"].iloc[0])
    found = pd.Series(cluster[(truth["planted_cluster"] == cross_border).to_numpy()])
    found = found[found >= 0].mode()
    check.true("the cross-border cluster was found", len(found) == 1)
    if len(found) == 1:
        borders = clusters.loc[clusters["cluster"] == found.iloc[0], "border_regions"].iloc[0]
        check.equal("the cross-border cluster's border regions", sorted(borders.split("; ")), ["east", "west"])

    # Growth without dated links: Y is the latest founding year, firms alive in Y and Y - 5.
    founded = pd.to_numeric(nodes["founded"], errors="coerce").fillna(0).astype(int).to_numpy()
    closed = pd.to_numeric(nodes["closed"], errors="coerce").fillna(0).astype(int).to_numpy() if "closed" in nodes else 0 * founded
    firm = (nodes["kind"] == "firm").to_numpy()
    last = int(founded.max())
    check.equal("growth's last year", result["scalars"]["growth_last_year"], last)
    for _, row in clusters.iterrows():
        members = (cluster == row["cluster"]) & firm & (founded > 0)
        alive = lambda y: int((members & (founded <= y) & ((closed == 0) | (closed >= y))).sum())  # noqa: E731
        check.equal(f"cluster {row['cluster']} firms alive", int(row["firms_alive"]), alive(last))
        if alive(last - 5):
            check.close(f"cluster {row['cluster']} firm growth", float(row["firm_growth"]), alive(last) / alive(last - 5) - 1, 1e-12)

    # Benchmark categories: the first two digits of the industry code.
    table = os.path.join(args.work_dir, "categories.csv")
    codes = sorted({c[:2] for c in nodes["industry"] if c})
    with open(table, "w", encoding="utf-8") as f:
        f.write("industry,category\n" + "".join(f"{c},division {c}\n" for c in codes))
    result = run_json(args.firmnet, "--seed", "4", "clusters", h5, "--categories", table, "--name", "with_categories")
    stored = pd.DataFrame(result["tables"]["clusters"])
    with h5py.File(h5, "r") as f:
        cluster = f["results/with_categories/cluster"][:]
    category = np.array(["division " + c[:2] if c else "" for c in nodes["industry"]])
    compared = (cluster >= 0) & firm & (category != "")
    for _, row in stored.iterrows():
        counts = pd.Series(category[compared & (cluster == row["cluster"])]).value_counts()
        check.equal(f"cluster {row['cluster']} category", row["category"], counts.index[0])
        check.close(f"cluster {row['cluster']} category share", row["category_share"], counts.iloc[0] / counts.sum(), 1e-12)
    codes_of = {c: k for k, c in enumerate(sorted(set(category[compared])))}
    expected_nmi = nmi(cluster[compared], np.array([codes_of[c] for c in category[compared]]))
    check.close("NMI against the categories", result["scalars"]["category_nmi"], expected_nmi, 1e-9)
    check.equal("firms compared", result["scalars"]["category_firms"], int(compared.sum()))
    # The clusters' footprints in GeoJSON: a polygon per cluster holding its located members.
    geojson = os.path.join(args.work_dir, "clusters.geojson")
    run(args.firmnet, "export", h5, "--format", "geojson", "--features", "clusters", "-o", geojson)
    with open(geojson, encoding="utf-8") as f:
        features = [x for x in json.load(f)["features"] if x["properties"]["feature"] == "cluster"]
    check.equal("a footprint per cluster of the latest clusters result", len(features), len(stored))
    located = (nodes["lat"] != "").to_numpy()
    lonlat = nodes[["lon", "lat"]].replace("", np.nan).astype(float).to_numpy()
    for feature, (_, row) in zip(features, stored.iterrows()):
        check.equal(f"{feature['properties']['cluster']}: its type", feature["properties"]["type"], row["type"])
        ring = np.array(feature["geometry"]["coordinates"][0])
        edge = np.roll(ring[:-1], -1, axis=0) - ring[:-1]
        members = lonlat[(cluster == row["cluster"]) & located]
        cross = edge[None, :, 0] * (members[:, None, 1] - ring[None, :-1, 1]) - edge[None, :, 1] * (members[:, None, 0] - ring[None, :-1, 0])
        check.true(f"{feature['properties']['cluster']}: every located member inside", (cross >= -1e-9).all())
    broken = os.path.join(args.work_dir, "broken.csv")
    with open(broken, "w", encoding="utf-8") as f:
        f.write("industry,category\n13,textiles\n29\n")
    _, err = run(args.firmnet, "clusters", h5, "--categories", broken, expect=1)
    check.true("a broken category table names its file and line", f"{broken}:3: expected 2 fields" in err)
    check.finish()


if __name__ == "__main__":
    main()
