"""firmnet report: the firm-level views of parks and communities against a count written here
from the stored network (members with most links, their outside partners with most links to
them, the links among all of them), user park outlines, the boundary layer and its thinning,
and the refusals of bad layer options."""
import json
import os
from collections import Counter

import h5py

from firmnet_testlib import Checker, parse_args, report_data, run, strings

args = parse_args()
work = args.work_dir
check = Checker()
demo = os.path.join(args.source_dir, "datasets/demo")
h5 = os.path.join(work, "demo.h5")
run(args.firmnet, "--quiet", "analyze", "--nodes", os.path.join(demo, "nodes.csv"), "--edges", os.path.join(demo, "edges.csv"),
    "-o", h5, "--null-models", "9", "--runs", "1")

with h5py.File(h5, "r") as f:
    ids = list(strings(f["nodes"], "id"))
    names = list(strings(f["nodes"], "name"))
    park = f["nodes/park"][:].tolist()
    park_names = list(strings(f["nodes/dictionaries"], "park"))
    source = f["edges/source"][:].tolist()
    target = f["edges/target"][:].tolist()
    membership = f["results/leiden/membership"][:].tolist()
label_of = [n or i for n, i in zip(names, ids)]
degree = Counter(source) + Counter(target)
out_edges = {}
for s, t in zip(source, target):
    out_edges.setdefault(s, []).append(t)


def expected_view(members, label, k_members, k_partners):
    """Members by links (ties by row), partners by links to the shown members, links among all."""
    shown = sorted(members, key=lambda u: (-degree[u], u))[:k_members]
    group = label[shown[0]]
    partner_links = Counter()
    for s, t in zip(source, target):
        if s in shown and label[t] != group:
            partner_links[t] += 1
        if t in shown and label[s] != group:
            partner_links[s] += 1
    partners = sorted(partner_links, key=lambda v: (-partner_links[v], v))[:k_partners]
    nodes = shown + partners
    position = {u: i for i, u in enumerate(nodes)}
    links = Counter()
    for s, t in zip(source, target):
        if s in position and t in position and s != t:
            links[(position[s], position[t])] += 1
    return [label_of[u] for u in nodes], len(shown), sorted([a, b, n] for (a, b), n in links.items())


def same_view(what, got, members, label, k_members, k_partners):
    nodes, shown, links = expected_view(members, label, k_members, k_partners)
    check.equal(what + ": members in all", got["members"], len(members))
    check.equal(what + ": members shown", got["shown"], shown)
    check.equal(what + ": nodes", [n[0] for n in got["nodes"]], nodes)
    check.equal(what + ": member flags", [n[2] for n in got["nodes"]], [1] * shown + [0] * (len(nodes) - shown))
    check.equal(what + ": links", sorted(got["links"]), links)


html = os.path.join(work, "r.html")
run(args.firmnet, "--quiet", "report", h5, "-o", html, "--view-firms", "7", "--view-partners", "4")
data = report_data(html)
unit_of = [-1] * len(ids)
units = [a["name"] for a in data["areas"]]
for u, code in enumerate(park):
    if code >= 0 and park_names[code] in units:
        unit_of[u] = units.index(park_names[code])
for i, area in enumerate(data["areas"]):
    members = [u for u in range(len(ids)) if unit_of[u] == i]
    if members:
        same_view(f"park {area['name']}", area["firms"], members, unit_of, 7, 4)
        got_degrees = [n[3] for n in area["firms"]["nodes"]]
        want = [degree[u] for u in sorted(members, key=lambda u: (-degree[u], u))[:7]]
        check.equal(f"park {area['name']}: member degrees", got_degrees[:len(want)], want)
communities = data["communities"]
check.true("a view per drawn community", len(communities["firmViews"]) == min(40, len(communities["rows"])))
for k in range(min(3, len(communities["firmViews"]))):
    c = communities["rows"][k]["community"]
    same_view(f"community {c}", communities["firmViews"][k], [u for u in range(len(ids)) if membership[u] == c], membership, 7, 4)

# Park outlines: two parks named, one feature naming no park; a boundary layer thinned.
outlines = os.path.join(work, "outlines.geojson")
square = [[120.0, 30.0], [120.1, 30.0], [120.1, 30.1], [120.0, 30.1], [120.0, 30.0]]
features = [{"type": "Feature", "properties": {"园区名": n}, "geometry": {"type": "Polygon", "coordinates": [square]}}
            for n in units[:2] + ["nowhere"]]
with open(outlines, "w", encoding="utf-8") as f:
    json.dump({"type": "FeatureCollection", "features": features}, f, ensure_ascii=False)
ring = [[120 + 0.001 * i, 30.0] for i in range(300)] + [[120.3, 30.3], [120.0, 30.0]]
boundaries = os.path.join(work, "counties.geojson")
with open(boundaries, "w", encoding="utf-8") as f:
    json.dump({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "county A"}, "geometry": {"type": "Polygon", "coordinates": [ring]}},
        {"type": "Feature", "properties": {}, "geometry": {"type": "MultiPolygon", "coordinates": [[square], [square]]}}]}, f)
geo = os.path.join(work, "geo.html")
run(args.firmnet, "--quiet", "report", h5, "-o", geo, "--park-polygons", outlines, "--park-polygon-key", "园区名",
    "--boundaries", boundaries, "--tiles", "https://tiles.example/{z}/{x}/{y}.png")
data = report_data(geo)
fixed = [[round(x * 1e5), round(y * 1e5)] for x, y in square]
check.equal("outlines on the named parks", [a.get("outline") for a in data["areas"][:2]], [[fixed], [fixed]])
check.true("other parks keep their hulls", all("outline" not in a for a in data["areas"][2:]))
check.equal("outline summary", {k: data["outlines"][k] for k in ("matched", "unmatched", "key")},
            {"matched": 2, "unmatched": 1, "key": "园区名"})
b = data["boundaries"]
check.equal("boundary names", [x["name"] for x in b["features"]], ["county A", ""])
check.equal("boundary rings", [len(x["rings"]) for x in b["features"]], [1, 2])
check.equal("boundary positions counted", b["positions"], len(ring) + 2 * len(square))
check.equal("tiles", data["meta"]["tiles"], "https://tiles.example/{z}/{x}/{y}.png")
thin = os.path.join(work, "thin.html")
run(args.firmnet, "--quiet", "report", h5, "-o", thin, "--boundaries", boundaries, "--boundary-positions", "100")
# Above the cap every k-th position of each ring is kept (k = ceil(positions / cap)), and its last.
step = -(-(len(ring) + 2 * len(square)) // 100)
kept = [[p for i, p in enumerate(r) if i % step == 0 or i == len(r) - 1] for r in (ring, square, square)]
thinned = report_data(thin)["boundaries"]
check.equal("thinned positions", thinned["kept"], sum(len(r) for r in kept))
check.equal("thinned ring", thinned["features"][0]["rings"][0], [[round(x * 1e5), round(y * 1e5)] for x, y in kept[0]])

# Refusals: key without file, tiles without placeholders (usage, 2); a broken file (data, 1).
_, err = run(args.firmnet, "report", h5, "-o", os.path.join(work, "x.html"), "--boundary-key", "name", expect=2)
check.true("--boundary-key needs --boundaries", "--boundary-key needs --boundaries" in err)
_, err = run(args.firmnet, "report", h5, "-o", os.path.join(work, "x.html"), "--tiles", "https://t/{z}/{x}.png", expect=2)
check.true("--tiles needs {y}", "{y}" in err)
broken = os.path.join(work, "broken.geojson")
with open(broken, "w") as f:
    f.write('{"type": "FeatureCollection", "features": [\n{"type": "Feature", "properties": {"park": "p"},\n'
            '"geometry": {"type": "Polygon", "coordinates": [[[120, 30], [121, 30], [121, 31]]]}}]}\n')
_, err = run(args.firmnet, "report", h5, "-o", os.path.join(work, "x.html"), "--park-polygons", broken, expect=1)
check.true("a broken outline file is named with its line", f"{broken}:3: a polygon ring needs at least 4 positions" in err)
check.true("nothing written after a refusal", not os.path.exists(os.path.join(work, "x.html")))
_, err = run(args.firmnet, "report", h5, "-o", outlines, "--park-polygons", outlines, expect=2)
check.true("the report never overwrites an input", "outlines.geojson" in err)
check.finish()
