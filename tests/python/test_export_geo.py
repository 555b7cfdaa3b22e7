"""The exports for the tools users have (docs/EXPORT.md), read back with those tools and checked
against the stored results read independently with h5py:
- GeoJSON read with geopandas: park polygons valid, [lon, lat] order, every member firm inside
  or on its park's hull (a numpy cross-product test, written apart from firmnet's hull), the
  verdict and evidence equal to the stored park result; user polygons from a file; degenerate
  parks (one point, two points, collinear) and unlocated firms on a small network of our own;
- GEXF 1.2 read with networkx 2.8's read_gexf, carrying each node's park verdict;
- CSV with --bom: EF BB BF, Chinese text byte for byte, dominators and units as ids and names;
- errors: file and reason, exit 1 for data, 2 for usage, inputs never overwritten."""
import csv
import json
import math
import os
import xml.etree.ElementTree as ET

import geopandas as gpd
import h5py
import networkx as nx
import numpy as np
from shapely.geometry import Point, shape

from firmnet_testlib import Checker, decode_dictionary, import_handmade, parse_args, read_csv, run, strings

args = parse_args()
work = args.work_dir
fn = args.firmnet
check = Checker()
nodes_csv, edges_csv, h5 = import_handmade(args)
run(fn, "communities", h5, "--name", "leiden", "--quiet")
run(fn, "centrality", h5, "--measures", "pagerank", "--name", "centrality", "--quiet")
run(fn, "anchors", h5, "--communities", "leiden", "--name", "anchors", "--quiet")
run(fn, "parks", h5, "--null-models", "19", "--name", "parks", "--quiet")
rows = {r["id"]: r for r in read_csv(nodes_csv)}

with h5py.File(h5, "r") as f:
    ids = list(strings(f["nodes"], "id"))
    kinds = list(strings(f["nodes/dictionaries"], "kind"))
    kind = [kinds[c] for c in f["nodes/kind"][:]]
    lat, lon = f["nodes/lat"][:], f["nodes/lon"][:]
    parks = f["results/parks"]
    unit = parks["unit"][:]
    units = parks["tables/units"]
    unit_names = decode_dictionary(units, "name")
    verdicts = decode_dictionary(units, "verdict")
    evidence = {c: units[c][:] for c in ["firms", "internal_links", "null_mean", "z", "p", "q"]}
    dominator = f["results/anchors/immediate_dominator"][:]
    membership = f["results/leiden/membership"][:]
    stage_units = f["results/parks/tables/stage_links/unit"][:]
check.true("handmade: some parks", len(unit_names) >= 2)


def same(a, b):
    if isinstance(b, float) and math.isnan(b):
        return a is None or (isinstance(a, float) and math.isnan(a))
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=0) if isinstance(b, float) else a == b


def none_if_missing(value):
    """geopandas reads a JSON null in a text column as NaN."""
    return None if isinstance(value, float) and math.isnan(value) else value


# --- GeoJSON of the handmade network: hulls, verdicts, firms -------------------------------
geo = os.path.join(work, "net.geojson")
run(fn, "export", h5, "-o", geo, "--quiet")
layer = gpd.read_file(geo)
check.equal("geojson: CRS", layer.crs.to_epsg() if layer.crs else None, 4326)
park_rows = layer[layer["feature"] == "park"]
firm_rows = layer[layer["feature"] == "firm"]
check.equal("geojson: one feature per park", sorted(park_rows["park"]), sorted(unit_names))
check.equal("geojson: one point per located node", len(firm_rows),
            int(np.sum(np.isfinite(lat) & np.isfinite(lon))))
for _, park in park_rows.iterrows():
    p = unit_names.index(park["park"])
    members = [i for i in range(len(ids)) if unit[i] == p and kind[i] == "firm" and np.isfinite(lat[i])]
    pts = np.array([[lon[i], lat[i]] for i in members])
    check.equal(f"geojson {park['park']}: verdict", park["verdict"], verdicts[p])
    check.equal(f"geojson {park['park']}: park_result", park["park_result"], "parks")
    check.equal(f"geojson {park['park']}: located_firms", park["located_firms"], len(members))
    for column, values in evidence.items():
        check.true(f"geojson {park['park']}: {column}", same(park[column], values[p].item()))
    geometry = park.geometry
    check.equal(f"geojson {park['park']}: hull source", park["geometry_source"], "hull")
    check.equal(f"geojson {park['park']}: polygon", geometry.geom_type, "Polygon")
    check.true(f"geojson {park['park']}: valid", geometry.is_valid)
    ring = np.array(geometry.exterior.coords)
    check.true(f"geojson {park['park']}: closed ring", np.array_equal(ring[0], ring[-1]))
    # Independent: counter-clockwise (shoelace area > 0), every member left of or on every edge.
    x, y = ring[:, 0], ring[:, 1]
    check.true(f"geojson {park['park']}: counter-clockwise", np.sum(x[:-1] * y[1:] - x[1:] * y[:-1]) > 0)
    edges = ring[1:] - ring[:-1]
    rel = pts[:, None, :] - ring[None, :-1, :]
    cross = edges[None, :, 0] * rel[:, :, 1] - edges[None, :, 1] * rel[:, :, 0]
    check.true(f"geojson {park['park']}: members inside or on the hull", np.all(cross >= -1e-9))
    # Every hull vertex is a member position, [lon, lat] in that order.
    check.true(f"geojson {park['park']}: vertices are members",
               all(any(np.array_equal(v, q) for q in pts) for v in ring[:-1]))
for _, firm in firm_rows.iterrows():
    row = rows[firm["id"]]
    check.true(f"geojson {firm['id']}: [lon, lat]", firm.geometry.x == float(row["lon"]) and firm.geometry.y == float(row["lat"]))
    i = ids.index(firm["id"])
    check.equal(f"geojson {firm['id']}: name", firm["name"], row["name"])
    check.equal(f"geojson {firm['id']}: unit as park name", none_if_missing(firm["parks.unit"]),
                unit_names[unit[i]] if unit[i] >= 0 else None)
    check.equal(f"geojson {firm['id']}: verdict", none_if_missing(firm["parks.verdict"]),
                verdicts[unit[i]] if unit[i] >= 0 else None)
    check.equal(f"geojson {firm['id']}: community", firm["leiden.membership"], membership[i])
    check.true(f"geojson {firm['id']}: pagerank", firm["centrality.pagerank"] > 0)
with open(geo, encoding="utf-8") as f:
    raw = json.load(f)
first_firm = next(ft for ft in raw["features"] if ft["properties"]["feature"] == "firm")
check.equal("geojson: coordinates round-trip exactly",
            first_firm["geometry"]["coordinates"], [float(rows[first_firm["properties"]["id"]]["lon"]),
                                                    float(rows[first_firm["properties"]["id"]]["lat"])])

# --- user polygons -------------------------------------------------------------------------
textile = "新河纺织工业园"
square = [[120.0, 31.0], [121.0, 31.0], [121.0, 32.0], [120.0, 32.0], [120.0, 31.0]]
polygons = os.path.join(work, "parks_polygons.geojson")
with open(polygons, "w", encoding="utf-8") as f:
    json.dump({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": textile}, "geometry": {"type": "Polygon", "coordinates": [square]}},
        {"type": "Feature", "properties": {"name": "无此园区"}, "geometry": {"type": "Polygon", "coordinates": [square]}},
    ]}, f, ensure_ascii=False)
user_geo = os.path.join(work, "user.geojson")
_, err = run(fn, "export", h5, "-o", user_geo, "--park-polygons", polygons, "--features", "parks")
user = gpd.read_file(user_geo)
check.equal("user polygons: only parks", set(user["feature"]), {"park"})
by_park = {r["park"]: r for _, r in user.iterrows()}
check.equal("user polygons: source", by_park[textile]["geometry_source"], "user")
check.true("user polygons: geometry kept", by_park[textile].geometry.equals(shape({"type": "Polygon", "coordinates": [square]})))
check.true("user polygons: others are hulls", all(r["geometry_source"] == "hull" for p, r in by_park.items() if p != textile))
check.true("user polygons: unmatched polygon noted", "1 polygons of" in err)

# --- degenerate parks and unlocated firms on a network of our own -------------------------
small_nodes = os.path.join(work, "small_nodes.csv")
small_edges = os.path.join(work, "small_edges.csv")
with open(small_nodes, "w", encoding="utf-8") as f:
    f.write("id,name,kind,park,region,lat,lon\n"
            "a1,单点甲,firm,P1,R,30.5,120.25\n"
            "a2,单点乙,firm,P1,R,30.5,120.25\n"
            "b1,,firm,P2,R,30.1,120.1\nb2,,firm,P2,R,30.2,120.3\n"
            "c1,,firm,P3,R,30.0,121.0\nc2,,firm,P3,R,30.25,121.25\nc3,,firm,P3,R,30.5,121.5\n"
            "d1,,firm,P4,R,,\nd2,,firm,P4,R,,\n"
            "e1,,firm,P5,R,29.0,119.0\ne2,,firm,P5,R,29.5,119.0\ne3,,firm,P5,R,29.0,119.5\ne4,,firm,P5,R,,\n")
with open(small_edges, "w", encoding="utf-8") as f:
    f.write("source,target\na1,a2\nb1,b2\nc1,c2\nc2,c3\nd1,d2\ne1,e2\ne2,e3\na1,b1\nc1,e1\nd1,e4\n")
small = os.path.join(work, "small.h5")
run(fn, "import", "--nodes", small_nodes, "--edges", small_edges, "-o", small, "--quiet")
run(fn, "parks", small, "--null-models", "9", "--quiet")
small_geo = os.path.join(work, "small.geojson")
_, err = run(fn, "export", small, "-o", small_geo)
check.true("small: unlocated nodes counted on stderr", "3 nodes without coordinates left out" in err)
with open(small_geo, encoding="utf-8") as f:
    features = json.load(f)["features"]
parks_small = {ft["properties"]["park"]: ft for ft in features if ft["properties"]["feature"] == "park"}
expect = {"P1": ("degenerate", "Point", [120.25, 30.5]),
          "P2": ("degenerate", "LineString", [[120.1, 30.1], [120.3, 30.2]]),
          "P3": ("degenerate", "LineString", [[121.0, 30.0], [121.5, 30.5]]),  # collinear, exact in binary
          "P4": ("none", None, None),
          "P5": ("hull", "Polygon", [[[119.0, 29.0], [119.5, 29.0], [119.0, 29.5], [119.0, 29.0]]])}
for park, (source, gtype, coordinates) in expect.items():
    ft = parks_small.get(park)
    check.true(f"small {park}: present", ft is not None)
    if ft is None:
        continue
    check.equal(f"small {park}: geometry_source", ft["properties"]["geometry_source"], source)
    check.equal(f"small {park}: geometry", (ft["geometry"] or {}).get("type"), gtype)
    check.equal(f"small {park}: coordinates", (ft["geometry"] or {}).get("coordinates"), coordinates)
check.equal("small: located_firms of P5", parks_small["P5"]["properties"]["located_firms"], 3)
check.equal("small: located points", sum(ft["properties"]["feature"] == "firm" for ft in features), 10)
check.true("small: geopandas reads the degenerate parks", len(gpd.read_file(small_geo)) == len(features))

# --- GEXF 1.2 for networkx 2.8 ---------------------------------------------------------------
gexf = os.path.join(work, "net12.gexf")
run(fn, "export", h5, "-o", gexf, "--gexf-version", "1.2", "--quiet")
root = ET.parse(gexf).getroot()
check.equal("gexf 1.2: version", root.get("version"), "1.2")
check.equal("gexf 1.2: namespace", root.tag, "{http://www.gexf.net/1.2draft}gexf")
check.true("gexf 1.2: networkx 2.x", nx.__version__.startswith("2."))
g = nx.read_gexf(gexf)
check.equal("gexf 1.2: nodes", sorted(g.nodes), sorted(ids))
for i, node in enumerate(ids):
    data = g.nodes[node]
    want = verdicts[unit[i]] if unit[i] >= 0 else None
    check.equal(f"gexf 1.2 {node}: verdict", data.get("parks.verdict"), want)
    check.equal(f"gexf 1.2 {node}: community", data.get("leiden.membership"), int(membership[i]))
check.true("gexf 1.2: positions", all("viz" in g.nodes[n] for n in ids if np.isfinite(lat[ids.index(n)])))
gexf13 = os.path.join(work, "net13.gexf")
run(fn, "export", h5, "-o", gexf13, "--quiet")
check.equal("gexf default: 1.3", ET.parse(gexf13).getroot().get("version"), "1.3")

# --- CSV with BOM, tables, readable references -----------------------------------------------
csv_dir = os.path.join(work, "csv_bom")
run(fn, "export", h5, "--format", "csv", "-o", csv_dir, "--bom", "--results", "parks,anchors", "--quiet")
with open(os.path.join(csv_dir, "nodes.csv"), "rb") as f:
    data = f.read()
check.equal("bom: first bytes", data[:3], b"\xef\xbb\xbf")
check.true("bom: Chinese name byte for byte", "苏州华晟汽车制造有限公司".encode("utf-8") in data)
with open(os.path.join(csv_dir, "edges.csv"), "rb") as f:
    check.equal("bom: edges too", f.read(3), b"\xef\xbb\xbf")
exported = {r["id"]: r for r in csv.DictReader(open(os.path.join(csv_dir, "nodes.csv"), encoding="utf-8-sig"))}
for i, node in enumerate(ids):
    d = dominator[i]
    check.equal(f"csv {node}: dominator id", exported[node]["anchors.immediate_dominator"], ids[d] if d >= 0 else "")
    check.equal(f"csv {node}: dominator name", exported[node]["anchors.immediate_dominator_name"],
                rows[ids[d]]["name"] if d >= 0 else "")
    check.equal(f"csv {node}: unit", exported[node]["parks.unit"], unit_names[unit[i]] if unit[i] >= 0 else "")
check.true("csv: some dominator named", any(d >= 0 for d in dominator))
back = os.path.join(work, "back.h5")
run(fn, "import", "--nodes", os.path.join(csv_dir, "nodes.csv"), "--edges", os.path.join(csv_dir, "edges.csv"),
    "-o", back, "--quiet")
with h5py.File(back, "r") as f:
    check.equal("bom: import reads the names back", list(strings(f["nodes"], "name")), [rows[i]["name"] for i in ids])

units_csv = os.path.join(work, "units.csv")
run(fn, "export", h5, "--table", "parks/units", "-o", units_csv, "--bom", "--quiet")
with open(units_csv, "rb") as f:
    check.equal("table bom", f.read(3), b"\xef\xbb\xbf")
table = list(csv.DictReader(open(units_csv, encoding="utf-8-sig")))
check.equal("table: parks", [r["name"] for r in table], unit_names)
check.equal("table: verdicts", [r["verdict"] for r in table], verdicts)
check.true("table: z", all(same(float(r["z"]) if r["z"] else float("nan"), evidence["z"][k].item()) for k, r in enumerate(table)))
stage_csv = os.path.join(work, "stage_links.csv")
run(fn, "export", h5, "--table", "parks/stage_links", "-o", stage_csv, "--quiet")
stage = list(csv.DictReader(open(stage_csv, encoding="utf-8")))
check.equal("stage links: units as names", [r["unit"] for r in stage], [unit_names[u] for u in stage_units])
anchors_csv = os.path.join(work, "anchors.csv")
run(fn, "export", h5, "--table", "anchors/top_overall", "-o", anchors_csv, "--quiet")
check.true("anchors table: ids", all(r["id"] in rows for r in csv.DictReader(open(anchors_csv, encoding="utf-8"))))

# --- errors ----------------------------------------------------------------------------------
def error(argv, code, needle):
    _, err = run(fn, *argv, expect=code)
    prefix = "firmnet: error: " if code == 1 else "firmnet: usage error: "
    check.true(f"error {needle!r}: {err.strip()}", err.startswith(prefix) and needle in err)


broken = os.path.join(work, "broken.geojson")
with open(broken, "w") as f:
    f.write('{"type": "FeatureCollection", "features": [\n{"type": "Feature", "properties": {"park": "X"},\n'
            ' "geometry": {"type": "Polygon", "coordinates": [[[120, 31], [121, 31], [121, 32], [120, 32]]]}}]}\n')
out = os.path.join(work, "err.geojson")
error(["export", h5, "-o", out, "--park-polygons", broken], 1, f"{broken}:3: a polygon ring is not closed")
with open(broken, "w") as f:
    f.write('{"type": "FeatureCollection", "features": [}')
error(["export", h5, "-o", out, "--park-polygons", broken], 1, f"{broken}:1: ")
projected = os.path.join(work, "projected.geojson")
with open(projected, "w") as f:
    json.dump({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"park": "X"}, "geometry": {
        "type": "Polygon", "coordinates": [[[1.3e7, 3.6e6], [1.4e7, 3.6e6], [1.4e7, 3.7e6], [1.3e7, 3.6e6]]]}}]}, f)
error(["export", h5, "-o", out, "--park-polygons", projected], 1, "is not [longitude, latitude]")
error(["export", h5, "-o", out, "--park-polygons", polygons, "--park-polygon-key", "园区"], 2,
      f"{polygons}: no feature has the property '园区'")
error(["export", h5, "-o", out, "--parks", "no_such"], 1, f"{h5}: no stored result named 'no_such'")
error(["export", h5, "-o", out, "--parks", "leiden"], 1, "not a park test")
error(["export", h5, "--table", "parks/nothing", "-o", os.path.join(work, "t.csv")], 1, "has no table 'nothing'")
error(["export", h5, "-o", out, "--gexf-version", "1.2"], 2, "--gexf-version applies to gexf")
error(["export", h5, "-o", os.path.join(work, "x.gexf"), "--gexf-version", "1.1"], 2, "1.2 or 1.3")
error(["export", h5, "-o", polygons, "--format", "geojson", "--park-polygons", polygons], 2, "is the input file")
check.true("errors: nothing written", not os.path.exists(out))
with open(polygons, encoding="utf-8") as f:
    check.true("errors: input polygon file untouched", json.load(f)["features"][0]["properties"]["name"] == textile)

check.finish()
