"""Reads a firmnet network file with plain h5py, exactly as docs/FORMAT.md describes, and
checks every value against the CSV it was imported from (computed here independently)."""
import collections
import math
import os

import h5py
import numpy as np

from firmnet_testlib import Checker, decode_dictionary, import_handmade, parse_args, read_csv, run, strings, text

args = parse_args()
nodes_csv, edges_csv, h5 = import_handmade(args)

check = Checker()
nodes = read_csv(nodes_csv)
edges = read_csv(edges_csv)


with h5py.File(h5, "r") as f:
    check.equal("format_name", text(f.attrs["format_name"]), "firmnet")
    check.equal("format_version", int(f.attrs["format_version"]), 2)
    check.equal("node_count", int(f.attrs["node_count"]), len(nodes))
    g = f["nodes"]
    check.equal("ids", list(strings(g, "id")), [r["id"] for r in nodes])
    check.equal("names (UTF-8 round trip)", list(strings(g, "name")), [r["name"] for r in nodes])
    for column in ["kind", "industry", "stage", "region", "park", "ownership"]:
        check.equal(f"nodes/{column}", decode_dictionary(g, column), [r[column] for r in nodes])
    for column in ["lat", "lon", "employees", "revenue"]:
        got = g[column][:]
        want = [float(r[column]) if r[column] else math.nan for r in nodes]
        check.true(f"nodes/{column}", all((math.isnan(a) and math.isnan(b)) or a == b for a, b in zip(got, want)))
    check.equal("nodes/founded", [int(x) for x in g["founded"][:]], [int(r["founded"] or 0) for r in nodes])
    check.equal("extra columns", text(g["extra"].attrs["columns"]), ["origin"])
    check.equal("nodes/extra/origin", decode_dictionary(g["extra"], "origin"), [r["origin"] for r in nodes])

    # Edges: expected = CSV rows without self-loops, duplicates merged by summing weights.
    index = {r["id"]: i for i, r in enumerate(nodes)}
    types = list(strings(f["edges/dictionaries"], "type"))
    merged = collections.OrderedDict()
    for r in edges:
        if r["source"] == r["target"]:
            continue
        key = (index[r["source"]], index[r["target"]], types.index(r["type"]), int(r["year"] or 0))
        merged[key] = merged.get(key, 0.0) + float(r["weight"])
    e = f["edges"]
    got = {}
    for s, t, ty, y, w in zip(e["source"][:], e["target"][:], e["type"][:], e["year"][:], e["weight"][:]):
        got[(int(s), int(t), int(ty), int(y))] = float(w)
    check.equal("edges (merged, loops dropped)", got, dict(merged))
    check.equal("edge order is source-major", list(e["source"][:]), sorted(e["source"][:]))
    offsets = f["csr/out_offsets"][:].astype(np.int64)
    check.equal("csr offsets match sources", list(np.repeat(np.arange(len(nodes)), np.diff(offsets))),
                [int(s) for s in e["source"][:]])
    log = f["import_log"]
    check.equal("duplicates merged", int(log.attrs["duplicate_edges_merged"]), 1)
    check.equal("self-loops dropped", int(log.attrs["self_loops_dropped"]), 1)
    check.equal("mode", text(log.attrs["mode"]), "strict")
    check.true("results group exists", "results" in f)

    # pandas reads the node table in one line, as FORMAT.md shows.
    import pandas as pd
    frame = pd.DataFrame({"id": strings(g, "id"), "employees": g["employees"][:]})
    check.equal("pandas employees of A01", float(frame.set_index("id").loc["A01", "employees"]), 5200.0)

# A stored result, read as docs/FORMAT.md and docs/METHODS.md describe it.
run(args.firmnet, "parks", h5, "--null-models", "19", "--seed", "7", "--quiet")
with h5py.File(h5, "r") as f:
    r = f["results/parks"]
    check.equal("result method", text(r.attrs["method"]), "park_test")
    check.equal("result seed", int(r.attrs["seed"]), 7)
    check.equal("result fingerprint", text(r.attrs["network_fingerprint"]), text(f.attrs["fingerprint"]))
    check.equal("result columns", text(r.attrs["columns"]), ["unit"])
    check.equal("unit column length", len(r["unit"]), len(nodes))
    check.equal("parameter null_models", int(r["parameters"].attrs["null_models"]), 19)
    check.close("parameter alpha", float(r["parameters"].attrs["alpha"]), 0.05)
    units = r["tables/units"]
    names = decode_dictionary(units, "name")
    check.equal("unit names", sorted(names), sorted({n["park"] for n in nodes if n["park"]}))
    unit_of = r["unit"][:]
    for k, name in enumerate(names):
        members = [i for i, n in enumerate(nodes) if n["park"] == name]
        check.equal(f"members of {name}", sorted(i for i, u in enumerate(unit_of) if u == k), members)
        check.equal(f"members count of {name}", int(units["members"][k]), len(members))
    check.true("verdicts from the vocabulary", set(decode_dictionary(units, "verdict")) <= {
        "linked cluster", "co-location only", "part of a wider cluster", "externally oriented", "too small to tell"})
    samples = r["tables/null_samples"]
    check.equal("null samples rows", len(samples["replicate"]), 19 * len(names))

check.finish()
