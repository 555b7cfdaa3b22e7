"""End-to-end CLI test: import the bundled handmade network, run `info`, and check every number
against an independent computation from the CSV with networkx. Also checks exit codes and that a
failed import leaves an existing output file untouched."""
import collections
import hashlib
import os

import networkx as nx

from firmnet_testlib import Checker, parse_args, read_csv, run, run_json

args = parse_args()
fn = args.firmnet
nodes_csv = os.path.join(args.source_dir, "datasets/handmade/nodes.csv")
edges_csv = os.path.join(args.source_dir, "datasets/handmade/edges.csv")
h5 = os.path.join(args.work_dir, "net.h5")
check = Checker()

report = run_json(fn, "import", "--nodes", nodes_csv, "--edges", edges_csv, "-o", h5)
nodes = read_csv(nodes_csv)
edges = read_csv(edges_csv)
distinct = {(r["source"], r["target"], r["type"], r["year"]) for r in edges if r["source"] != r["target"]}
check.equal("import nodes", report["nodes"], len(nodes))
check.equal("import edges", report["edges"], len(distinct))
check.equal("import merged", report["duplicate_edges_merged"],
            sum(1 for r in edges if r["source"] != r["target"]) - len(distinct))
check.equal("import self-loops", report["self_loops_dropped"], sum(1 for r in edges if r["source"] == r["target"]))

info = run_json(fn, "info", h5)
check.equal("info nodes", info["nodes"], len(nodes))
check.equal("info edges", info["edges"], len(distinct))
kinds = collections.Counter(r["kind"] for r in nodes)
check.equal("nodes by kind", {k: v for k, v in info["nodes_by_kind"].items() if v}, dict(kinds))
types = collections.Counter(key[2] for key in distinct)
check.equal("edges by type", {k: v for k, v in info["edges_by_type"].items() if v}, dict(types))
weights = collections.defaultdict(float)
for r in edges:
    if r["source"] != r["target"]:
        weights[r["type"]] += float(r["weight"])
for t, w in weights.items():
    check.close(f"weight of {t}", info["weight_by_type"][t], w)
years = [int(key[3]) for key in distinct if key[3]]
check.equal("first year", info["first_year"], min(years))
check.equal("last year", info["last_year"], max(years))
check.equal("undated", info["undated_edges"], sum(1 for key in distinct if not key[3]))

g = nx.MultiDiGraph()
g.add_nodes_from(r["id"] for r in nodes)
g.add_edges_from((s, t) for s, t, _, _ in distinct)
simple = nx.DiGraph(g)
check.equal("weak components", info["weak_components"], nx.number_weakly_connected_components(simple))
check.equal("largest weak", info["largest_weak_component"], max(len(c) for c in nx.weakly_connected_components(simple)))
check.equal("strong components", info["strong_components"], nx.number_strongly_connected_components(simple))
check.equal("largest strong", info["largest_strong_component"],
            max(len(c) for c in nx.strongly_connected_components(simple)))
out_deg = [g.out_degree(n) for n in g.nodes]
in_deg = [g.in_degree(n) for n in g.nodes]
check.equal("max out-degree", info["out_degree"]["max"], max(out_deg))
check.equal("max in-degree", info["in_degree"]["max"], max(in_deg))
check.close("mean total degree", info["total_degree"]["mean"], 2 * len(distinct) / len(nodes))
check.equal("isolated", info["isolated"], sum(1 for n in g.nodes if g.degree(n) == 0))
parks = collections.Counter(r["park"] for r in nodes)
check.equal("parks", {p["name"]: p["nodes"] for p in info["parks"]}, dict(parks))
check.equal("park firms", {p["name"]: p["firms"] for p in info["parks"]},
            dict(collections.Counter(r["park"] for r in nodes if r["kind"] == "firm")))
check.equal("regions", {p["name"]: p["nodes"] for p in info["regions"]},
            dict(collections.Counter(r["region"] for r in nodes)))

# A layer/year selection.
sel = run_json(fn, "info", h5, "--layers", "supply", "--years", "2023")
check.equal("supply 2023 edges", sel["edges"], sum(1 for k in distinct if k[2] == "supply" and k[3] == "2023"))

# The readable table names what a user asks for.
text, _ = run(fn, "info", h5)
for needle in ["Nodes by kind", "Edges by type", "Degree", "Connectivity", "苏州汽车零部件产业园", "Stored results"]:
    check.true(f"info text shows {needle}", needle in text)

# Strict failure: exit 1, file:line on stderr, existing output untouched.
digest = hashlib.sha256(open(h5, "rb").read()).hexdigest()
bad_edges = os.path.join(args.work_dir, "bad_edges.csv")
with open(bad_edges, "w", encoding="utf-8") as f:
    f.write("source,target,type,weight\nA01,A02,supply,1\nA01,NOPE,supply,1\nA01,A03,supply,-5\n")
_, err = run(fn, "import", "--nodes", nodes_csv, "--edges", bad_edges, "-o", h5, expect=1)
check.true("error names file and line", f"{bad_edges}:3: unknown_endpoint" in err)
check.true("error names the weight", f"{bad_edges}:4: bad_weight" in err)
check.equal("existing output untouched", hashlib.sha256(open(h5, "rb").read()).hexdigest(), digest)
fresh = os.path.join(args.work_dir, "never.h5")
run(fn, "import", "--nodes", nodes_csv, "--edges", bad_edges, "-o", fresh, expect=1)
check.true("no output on failure", not os.path.exists(fresh))
check.equal("no temporary files", [p for p in os.listdir(args.work_dir) if ".tmp-" in p], [])

lenient = run_json(fn, "import", "--nodes", nodes_csv, "--edges", bad_edges, "-o", fresh, "--lenient")
check.equal("lenient keeps good rows", lenient["edges"], 1)
check.equal("lenient counts", lenient["rejected"], {"unknown_endpoint": 1, "bad_weight": 1})

# Exit codes: help 0, usage errors 2, data errors 1.
out, _ = run(fn, "--help")
for sub in ["import", "info"]:
    check.true(f"--help lists {sub}", sub in out)
out, _ = run(fn, "import", "--help")
check.true("import --help documents aliases", "supplier" in out and "--lenient" in out)
run(fn, "info", expect=2)
run(fn, "frobnicate", expect=2)
run(fn, "info", h5, "--layers", "bribery", expect=2)
run(fn, "info", h5, "--threads", "-3", expect=2)
run(fn, "info", nodes_csv, expect=1)
run(fn, "info", os.path.join(args.work_dir, "absent.h5"), expect=1)
run(fn, "--threads", "1", "--quiet", "info", h5)  # global options before the subcommand
run(fn, "info", h5, "--threads", "1", "--quiet")  # and after it

check.finish()
