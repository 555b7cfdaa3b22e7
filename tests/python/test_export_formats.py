"""firmnet export / import end to end on the bundled handmade network (42 nodes), read back
with independent tools: networkx.read_graphml and node_link_graph, xml.etree for GEXF, h5py for
fingerprints. Checks that attributes (Chinese names included) and the stored "parks" result
column survive (units as park names), and that CSV and GraphML exports import back to the same network."""
import json
import math
import os
import xml.etree.ElementTree as ET

import h5py
import networkx as nx

from firmnet_testlib import Checker, decode_dictionary, parse_args, read_csv, run, strings, text

args = parse_args()
work = args.work_dir
nodes_csv = os.path.join(args.source_dir, "datasets/handmade/nodes.csv")
edges_csv = os.path.join(args.source_dir, "datasets/handmade/edges.csv")
h5 = os.path.join(work, "net.h5")
run(args.firmnet, "import", "--nodes", nodes_csv, "--edges", edges_csv, "-o", h5, "--quiet")
run(args.firmnet, "parks", h5, "--null-models", "19", "--quiet")

check = Checker()
nodes = read_csv(nodes_csv)
by_id = {r["id"]: r for r in nodes}


def h5_facts(path):
    with h5py.File(path, "r") as f:
        # Exports write a node's unit as its park's name (row of the units table), not the row.
        names = decode_dictionary(f["results/parks/tables/units"], "name")
        unit_values = [names[u] if u >= 0 else None for u in f["results/parks/unit"][:]]
        return (text(f.attrs["fingerprint"]), int(f.attrs["node_count"]), int(f.attrs["edge_count"]),
                list(strings(f["nodes"], "id")), unit_values)


def fingerprint(path):
    with h5py.File(path, "r") as f:
        return (text(f.attrs["fingerprint"]), int(f.attrs["node_count"]), int(f.attrs["edge_count"]))


fp, n, m, ids, unit = h5_facts(h5)
check.equal("handmade nodes", n, 42)


def present(value):
    return value is not None and not (isinstance(value, float) and math.isnan(value)) and value != ""


def same_value(a, b):
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 1e-12 * max(1.0, abs(b))
    return str(a) == str(b)


def check_node_attributes(label, graph):
    check.equal(f"{label}: node ids", sorted(graph.nodes), sorted(by_id))
    for node_id, row in by_id.items():
        data = graph.nodes[node_id]
        check.equal(f"{label}: name of {node_id}", data.get("name"), row["name"] or None)
        for column in ["kind", "industry", "stage", "region", "park", "ownership", "origin"]:
            check.equal(f"{label}: {column} of {node_id}", data.get(column), row[column] or None)
        for column in ["lat", "lon", "employees", "revenue"]:
            got = data.get(column)
            if row[column]:
                check.close(f"{label}: {column} of {node_id}", got, float(row[column]))
            else:
                check.equal(f"{label}: {column} of {node_id} missing", got, None)
        founded = data.get("founded")
        check.equal(f"{label}: founded of {node_id}", founded, int(row["founded"]) if row["founded"] else None)
    got_unit = [graph.nodes[i].get("parks.unit") for i in ids]
    want_unit = [u if present(u) else None for u in unit]
    check.true(f"{label}: parks.unit present", any(u is not None for u in got_unit))
    check.true(f"{label}: parks.unit values", all(
        (g is None and w is None) or (g is not None and w is not None and same_value(g, w))
        for g, w in zip(got_unit, want_unit)))


def check_edges(label, graph):
    check.equal(f"{label}: edge count", graph.number_of_edges(), m)
    types = {d.get("type") for _, _, d in graph.edges(data=True)}
    check.true(f"{label}: edge types", types and types <= {"supply", "subcontract", "ownership", "cooperation",
                                                           "technology", "finance", "service", "membership", "labor"})
    check.true(f"{label}: weights positive", all(d.get("weight", 0) > 0 for _, _, d in graph.edges(data=True)))


# GraphML -> networkx
graphml = os.path.join(work, "net.graphml")
run(args.firmnet, "export", h5, "--format", "graphml", "-o", graphml, "--results", "parks", "--quiet")
g = nx.read_graphml(graphml, force_multigraph=True)
check.true("graphml: directed multigraph", g.is_directed() and g.is_multigraph())
check_node_attributes("graphml", g)
check_edges("graphml", g)

# node-link JSON -> networkx
json_path = os.path.join(work, "net.json")
run(args.firmnet, "export", h5, "--format", "json", "-o", json_path, "--results", "parks", "--quiet")
with open(json_path, encoding="utf-8") as f:
    data = json.load(f)
check.equal("json: directed", data["directed"], True)
check.equal("json: multigraph", data["multigraph"], True)
j = nx.node_link_graph(data)
check_node_attributes("json", j)
check_edges("json", j)

# GEXF -> xml.etree: declared attributes, values, labels, positions
gexf = os.path.join(work, "net.gexf")
run(args.firmnet, "export", h5, "--format", "gexf", "-o", gexf, "--results", "parks", "--quiet")
ns = {"g": "http://gexf.net/1.3", "viz": "http://gexf.net/1.3/viz"}
root = ET.parse(gexf).getroot()
check.equal("gexf: version", root.get("version"), "1.3")
graph_el = root.find("g:graph", ns)
check.equal("gexf: directed", graph_el.get("defaultedgetype"), "directed")
titles = {}
for attributes in graph_el.findall("g:attributes", ns):
    for a in attributes.findall("g:attribute", ns):
        titles[(attributes.get("class"), a.get("id"))] = (a.get("title"), a.get("type"))
node_titles = {t for (cls, _), (t, _) in titles.items() if cls == "node"}
check.true("gexf: node attributes declared",
           {"name", "kind", "industry", "stage", "region", "park", "lat", "lon", "employees", "revenue",
            "founded", "ownership", "origin", "parks.unit"} <= node_titles)
gexf_nodes = graph_el.find("g:nodes", ns).findall("g:node", ns)
check.equal("gexf: node count", len(gexf_nodes), 42)
for node in gexf_nodes:
    row = by_id[node.get("id")]
    check.equal(f"gexf: label of {row['id']}", node.get("label"), row["name"] or row["id"])
    values = {titles[("node", v.get("for"))][0]: v.get("value") for v in node.find("g:attvalues", ns)}
    check.equal(f"gexf: industry of {row['id']}", values.get("industry"), row["industry"] or None)
    check.equal(f"gexf: name of {row['id']}", values.get("name"), row["name"] or None)
    pos = node.find("viz:position", ns)
    if row["lat"] and row["lon"]:
        check.true(f"gexf: position of {row['id']}", pos is not None and math.isclose(float(pos.get("x")), float(row["lon"]))
                   and math.isclose(float(pos.get("y")), float(row["lat"])))
    else:
        check.true(f"gexf: no position for {row['id']}", pos is None)
check.equal("gexf: edge count", len(graph_el.find("g:edges", ns).findall("g:edge", ns)), m)

# CSV -> import: same network
csv_dir = os.path.join(work, "csv")
run(args.firmnet, "export", h5, "--format", "csv", "-o", csv_dir, "--quiet")
back_csv = os.path.join(work, "back_csv.h5")
run(args.firmnet, "import", "--nodes", os.path.join(csv_dir, "nodes.csv"), "--edges",
    os.path.join(csv_dir, "edges.csv"), "-o", back_csv, "--quiet")
check.equal("csv round trip: fingerprint", fingerprint(back_csv), (fp, n, m))
check.equal("csv round trip: nodes.csv", [r["name"] for r in read_csv(os.path.join(csv_dir, "nodes.csv"))],
            [r["name"] for r in nodes])

# GraphML -> import (format from the extension): same network
back_graphml = os.path.join(work, "back_graphml.h5")
run(args.firmnet, "import", "--edges", graphml, "-o", back_graphml, "--quiet")
check.equal("graphml round trip: fingerprint", fingerprint(back_graphml), (fp, n, m))
with h5py.File(back_graphml, "r") as f:
    check.equal("graphml round trip: Chinese names", list(strings(f["nodes"], "name")), [r["name"] for r in nodes])

# Edge filter and JSON summary
out = json.loads(run(args.firmnet, "export", h5, "-o", os.path.join(work, "supply.graphml"), "--layers", "supply",
                     "--json")[0])
supply = nx.read_graphml(os.path.join(work, "supply.graphml"), force_multigraph=True)
check.equal("filtered export: edges", supply.number_of_edges(), out["edges"])
check.true("filtered export: only supply",
           out["edges"] < m and all(d["type"] == "supply" for _, _, d in supply.edges(data=True)))

# Plain edge list import
edge_list = os.path.join(work, "links.txt")
with open(edge_list, "w") as f:
    f.write("# supplier customer weight\nA B 2\nB C\nA B 1\n")
summary = json.loads(run(args.firmnet, "import", "--edges", edge_list, "-o", os.path.join(work, "el.h5"), "--json")[0])
check.equal("edge list: nodes", summary["nodes"], 3)
check.equal("edge list: edges", summary["edges"], 2)
check.equal("edge list: merged", summary["duplicate_edges_merged"], 1)

# Errors: malformed GraphML names file and line (exit 1); bad format choice exits 2
broken = os.path.join(work, "broken.graphml")
with open(broken, "w") as f:
    f.write('<graphml>\n<graph>\n<node id="a">\n</graph>\n</graphml>\n')
_, err = run(args.firmnet, "import", "--edges", broken, "-o", os.path.join(work, "x.h5"), expect=1)
check.true("broken graphml: file and line", f"{broken}:4: </graph> does not match <node>" in err)
check.true("broken graphml: nothing written", not os.path.exists(os.path.join(work, "x.h5")))
run(args.firmnet, "export", h5, "-o", os.path.join(work, "x.dat"), expect=2)
run(args.firmnet, "export", h5, "-o", os.path.join(work, "x.graphml"), "--results", "no_such_result", expect=1)
check.true("failed export leaves no file", not os.path.exists(os.path.join(work, "x.graphml")))

check.finish()
