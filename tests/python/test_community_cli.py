#!/usr/bin/python3
"""End-to-end tests of `firmnet communities` and `firmnet compare`: stored membership,
per-community table and scalars agree with python-igraph computed from the file's own edges;
compare agrees with igraph.compare_communities; the same seed gives the same result for 1 and
2 threads; the resolution scan is stored; bad requests exit with code 2."""
import json
import os
import subprocess
import sys

import h5py
import igraph

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from firmnet_testlib import Checker, parse_args, run, run_json, text  # noqa: E402


def graph_from_file(path):
    with h5py.File(path, "r") as f:
        n = len(f["nodes/kind"])
        edges = list(zip(f["edges/source"][:].tolist(), f["edges/target"][:].tolist()))
        weights = f["edges/weight"][:].tolist()
    g = igraph.Graph(n=n, edges=edges, directed=True)
    g.es["weight"] = weights
    return g


def main():
    args = parse_args()
    check = Checker()
    fn = args.firmnet
    net = os.path.join(args.work_dir, "lfr.h5")
    run(fn, "--quiet", "--seed", "3", "generate", "lfr", "--nodes", "1500", "--mu", "0.2", "-o", net)
    g = graph_from_file(net)
    u = g.as_undirected(mode="collapse", combine_edges="sum")

    out = run_json(fn, "--seed", "5", "--threads", "2", "communities", net, "--runs", "3", "--name", "lei")
    with h5py.File(net, "r") as f:
        res = f["results/lei"]
        membership = res["membership"][:].tolist()
        consensus = res["consensus_share"][:]
        table = {c: res["tables/communities/" + c][:] for c in text(res["tables/communities"].attrs["columns"])}
        scalars = {k: text(v) for k, v in res["scalars"].attrs.items()}
        params = {k: text(v) for k, v in res["parameters"].attrs.items()}
    check.equal("membership length", len(membership), g.vcount())
    check.equal("communities scalar", scalars["communities"], max(membership) + 1)
    check.equal("json communities", out["scalars"]["communities"], scalars["communities"])
    check.equal("json table rows", len(out["tables"]["communities"]), scalars["communities"])
    check.close("modularity vs igraph (undirected)", scalars["modularity"],
                u.modularity(membership, weights="weight"), 1e-9)
    check.close("directed modularity vs igraph", scalars["directed_modularity"],
                g.modularity(membership, weights="weight", directed=True), 1e-9)
    check.true("modularity is high", scalars["modularity"] > 0.6)
    check.equal("table sizes", table["size"].tolist(),
                [membership.count(c) for c in range(scalars["communities"])])
    check.true("sizes decrease", all(a >= b for a, b in zip(table["size"][:-1], table["size"][1:])))
    check.true("consensus shares in [0, 1]", ((consensus >= 0) & (consensus <= 1)).all())
    check.equal("parameters stored", (params["method"], params["runs"], params["objective"]),
                ("leiden", 3, "modularity"))

    # Every Leiden community is connected in the undirected projection.
    for c in range(scalars["communities"]):
        members = [i for i, m in enumerate(membership) if m == c]
        check.true(f"community {c} connected", u.induced_subgraph(members).is_connected())

    # Same seed, 1 thread: identical membership.
    run(fn, "--quiet", "--seed", "5", "--threads", "1", "communities", net, "--runs", "3", "--name", "lei1")
    with h5py.File(net, "r") as f:
        check.equal("thread count does not change the result", f["results/lei1/membership"][:].tolist(), membership)

    # compare against the planted truth, checked with igraph.
    with h5py.File(net, "r") as f:
        truth = f["results/truth/community"][:].tolist()
    cmp = run_json(fn, "compare", net, "--a", "lei", "--b", "truth:community")
    check.close("NMI vs igraph", cmp["nmi"], igraph.compare_communities(membership, truth, method="nmi"), 1e-9)
    check.close("ARI vs igraph", cmp["ari"], igraph.compare_communities(membership, truth, method="ari"), 1e-9)
    check.close("VI vs igraph", cmp["vi"], igraph.compare_communities(membership, truth, method="vi"), 1e-9)
    check.true("NMI to truth is high", cmp["nmi"] > 0.9)

    # Other methods run and store.
    for method in ["louvain", "infomap", "lpa", "walktrap", "fastgreedy", "igraph-leiden"]:
        o = run_json(fn, "communities", net, "--method", method)
        check.true(f"{method} finds communities", o["scalars"]["communities"] > 1 and o["scalars"]["modularity"] > 0.5)
    o = run_json(fn, "communities", net, "--objective", "cpm", "--resolution", "0.05", "--name", "cpm")
    check.true("cpm run stored", o["scalars"]["communities"] > 1)

    # The fast settings: one iteration, local moving stopped once a pass moves under 5% of a
    # level's nodes, with refinement in visiting order or lightest first. Each is stored with
    # its parameters, verified (connected communities, reported quality), scored as igraph
    # scores its membership, and close to the converged run's modularity on this planted graph.
    def fast_run(name, *options):
        out = run_json(fn, "--seed", "5", "communities", net, "--iterations", "1", "--pass-stop-fraction", "0.05",
                       *options, "--name", name, "--verify")
        with h5py.File(net, "r") as f:
            membership = f[f"results/{name}/membership"][:].tolist()
            stored = {k: text(v) for k, v in f[f"results/{name}/parameters"].attrs.items()}
        check.close(f"{name} modularity vs igraph", out["scalars"]["modularity"],
                    u.modularity(membership, weights="weight"), 1e-9)
        check.true(f"{name} modularity near the converged run's",
                   out["scalars"]["modularity"] >= scalars["modularity"] - 0.01)
        for c in range(max(membership) + 1):
            members = [i for i, m in enumerate(membership) if m == c]
            check.true(f"{name} community {c} connected", u.induced_subgraph(members).is_connected())
        return stored

    fast_params = fast_run("fast")
    check.equal("fast parameters stored", (fast_params["iterations"], fast_params["pass_stop_fraction"],
                                           fast_params["refine_order"]), (1, 0.05, "visiting"))
    light_params = fast_run("light", "--refine-order", "lightest-first")
    check.equal("lightest-first order stored", light_params["refine_order"], "lightest-first")
    check.equal("default runs store pass_stop_fraction 0", params["pass_stop_fraction"], 0.0)
    check.equal("default runs store the visiting refine order", params["refine_order"], "visiting")

    # Resolution scan.
    scan = run_json(fn, "communities", net, "--scan", "0.5:2:4", "--name", "scan")
    check.equal("scan points", len(scan["tables"]["scan"]), 4)
    with h5py.File(net, "r") as f:
        check.equal("scan stored", f["results/scan/tables/scan/communities"][:].tolist(),
                    [p["communities"] for p in scan["tables"]["scan"]])

    # Usage errors.
    run(fn, "communities", net, "--method", "nope", expect=2)
    run(fn, "communities", net, "--objective", "cpm", "--method", "infomap", expect=2)
    run(fn, "communities", net, "--scan", "1:0.5:3", expect=2)
    run(fn, "communities", net, "--pass-stop-fraction", "1.5", expect=2)
    run(fn, "communities", net, "--pass-stop-fraction", "0.05", "--method", "infomap", expect=2)
    run(fn, "communities", net, "--refine-order", "heaviest", expect=2)
    run(fn, "communities", net, "--refine-order", "lightest-first", "--method", "louvain", expect=2)
    run(fn, "compare", net, "--a", "lei", "--b", "no_such_thing", expect=2)
    run(fn, "communities", os.path.join(args.work_dir, "missing.h5"), expect=1)
    check.finish()


if __name__ == "__main__":
    main()
