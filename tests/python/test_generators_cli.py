#!/usr/bin/python3
"""End-to-end tests of `firmnet generate`: the shipped datasets are exactly what their README
commands produce, the network file carries the truth, output does not depend on the thread
count, every parameter is documented in --help, bad requests exit with code 2, and the karate
club equals igraph's Zachary graph."""
import argparse
import filecmp
import json
import os
import shutil
import subprocess
import sys

import h5py
import igraph
import networkx
import pandas as pd

from firmnet_testlib import text

FAILURES = []


def check(condition, message):
    if not condition:
        FAILURES.append(message)
        print("FAIL:", message)


def run(firmnet, *args, expect=0):
    proc = subprocess.run([firmnet, *args], capture_output=True, text=True)
    check(proc.returncode == expect,
          f"{' '.join(args)}: exit {proc.returncode}, expected {expect}\n{proc.stderr}")
    return proc


def same_files(dir_a, dir_b, names):
    for name in names:
        a, b = os.path.join(dir_a, name), os.path.join(dir_b, name)
        check(os.path.exists(b) and filecmp.cmp(a, b, shallow=False), f"{b} differs from {a}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--firmnet", required=True)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--work-dir", required=True)
    args = parser.parse_args()
    fn, src, work = args.firmnet, args.source_dir, args.work_dir
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)

    # Shipped datasets are reproduced byte for byte by the commands in their READMEs.
    demo = os.path.join(work, "demo")
    run(fn, "--seed", "1", "generate", "scenario", "--firms-per-park", "200", "--town-firms", "800",
        "--out-dir", demo, "-q")
    same_files(demo, os.path.join(src, "datasets", "demo"),
               ["nodes.csv", "edges.csv", "truth_nodes.csv", "truth_parks.csv"])
    chain = os.path.join(work, "sock-chain")
    run(fn, "--seed", "1", "generate", "chain", "--out-dir", chain, "-q")
    same_files(chain, os.path.join(src, "datasets", "sock-chain"), ["nodes.csv", "edges.csv", "truth_nodes.csv"])
    for folder in ["demo", "sock-chain", "karate"]:
        check(os.path.exists(os.path.join(src, "datasets", folder, "README.md")), f"datasets/{folder}/README.md")

    # Demo truth is consistent with the graph: export-park links mostly leave the region.
    nodes = pd.read_csv(os.path.join(demo, "nodes.csv"), keep_default_na=False)
    edges = pd.read_csv(os.path.join(demo, "edges.csv"), keep_default_na=False)
    truth = pd.read_csv(os.path.join(demo, "truth_nodes.csv"), keep_default_na=False)
    region = dict(zip(nodes["id"], nodes["region"]))
    verdict = dict(zip(truth["id"], truth["planted_verdict"]))
    incident = crossing = 0
    for s, t in zip(edges["source"], edges["target"]):
        for a, b in ((s, t), (t, s)):
            if verdict[a] == "externally oriented":
                incident += 1
                crossing += region[b] == "outside"
    check(incident > 0 and crossing / incident > 0.6, f"export share {crossing}/{incident}")
    parks = pd.read_csv(os.path.join(demo, "truth_parks.csv"), keep_default_na=False)
    check(set(parks["verdict"]) == {"linked cluster", "co-location only", "part of a wider cluster",
                                    "externally oriented", "too small to tell"}, "all five verdicts planted")

    # The network file holds the graph, the generator command and the truth as a result.
    h5 = os.path.join(work, "lfr.h5")
    proc = run(fn, "--json", "generate", "lfr", "--nodes", "1500", "--mu", "0.2", "-o", h5, "--out-dir",
               os.path.join(work, "lfr"))
    report = json.loads(proc.stdout)
    with h5py.File(h5, "r") as f:
        check(int(f.attrs["node_count"]) == 1500, "lfr node count")
        check(int(f.attrs["edge_count"]) == report["edges"], "lfr edge count matches the report")
        check(text(f["import_log"].attrs["mode"]) == "generated", "import log mode")
        check("generate lfr" in text(f["import_log"].attrs["nodes_file"]), "generator command in the import log")
        stored = f["results/truth/community"][:]
    csv_truth = pd.read_csv(os.path.join(work, "lfr.truth_nodes.csv"))
    check(list(csv_truth["community"]) == list(stored), "truth CSV beside the file equals the stored result")
    lfr_edges = pd.read_csv(os.path.join(work, "lfr", "edges.csv"))
    community = dict(zip(csv_truth["id"], csv_truth["community"]))
    external = sum(community[s] != community[t] for s, t in zip(lfr_edges["source"], lfr_edges["target"]))
    check(abs(external / len(lfr_edges) - 0.2) < 0.03, f"lfr realised mu {external / len(lfr_edges):.3f}")

    # Same seed, different thread counts: identical files.
    for threads in ["1", "2"]:
        run(fn, "--threads", threads, "--seed", "5", "generate", "scale", "--firms", "3000", "--links", "30000",
            "--out-dir", os.path.join(work, "scale" + threads), "-q")
    same_files(os.path.join(work, "scale1"), os.path.join(work, "scale2"), ["nodes.csv", "edges.csv", "truth_nodes.csv"])

    # Every parameter is an option documented in --help.
    for kind, extra in [("scenario", []), ("gravity", []), ("chain", []), ("lfr", []), ("scale", ["--firms", "500", "--links", "5000"])]:
        proc = run(fn, "--json", "generate", kind, *extra, "--out-dir", os.path.join(work, "help_" + kind))
        params = json.loads(proc.stdout)["parameters"]
        help_text = run(fn, "generate", kind, "--help").stdout
        for key in params:
            if key != "seed":
                check("--" + key.replace("_", "-") in help_text, f"generate {kind} --help lacks --{key}")
        check("--seed" in help_text, f"generate {kind} --help mentions --seed")

    # Bad requests: exit code 2 with a message.
    run(fn, "generate", "lfr", "--mu", "2", "--out-dir", os.path.join(work, "bad"), expect=2)
    run(fn, "generate", "scenario", expect=2)
    run(fn, "generate", "chain", "--firms", "10", "--out-dir", os.path.join(work, "bad"), expect=2)

    # Karate club: igraph's Zachary graph with networkx's factions.
    kdir = os.path.join(src, "datasets", "karate")
    kedges = pd.read_csv(os.path.join(kdir, "edges.csv"))
    zachary = igraph.Graph.Famous("Zachary")
    check({tuple(sorted((a - 1, b - 1))) for a, b in zip(kedges["source"], kedges["target"])} ==
          {tuple(sorted(e.tuple)) for e in zachary.es}, "karate edges equal igraph's Zachary")
    kfaction = pd.read_csv(os.path.join(kdir, "truth_nodes.csv"))
    club = networkx.karate_club_graph()
    check(list(kfaction["faction"]) == [club.nodes[v]["club"] for v in range(34)], "karate factions")
    run(fn, "import", "--nodes", os.path.join(kdir, "nodes.csv"), "--edges", os.path.join(kdir, "edges.csv"),
        "-o", os.path.join(work, "karate.h5"), "-q")

    if FAILURES:
        print(f"{len(FAILURES)} check(s) failed")
        sys.exit(1)
    print("all generator CLI checks passed")


if __name__ == "__main__":
    main()
