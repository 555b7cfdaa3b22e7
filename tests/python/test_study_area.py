"""The study area (--study-area, --outside-regions) in anchors, parks and analyze: a Shanghai
buyer supplied by a Wuxi park's firms tops the anchor list when the study area takes in both
cities, and is scored but never ranked under the default (the regions that hold parks), a
region list or a bounding box. In the park test, links to firms outside the study area are
external, even within the member's region; the shares are recounted here from the edge list.
Bad study areas are usage errors (exit 2) that leave the network file as it was."""
import hashlib
import os

import h5py

from firmnet_testlib import Checker, decode_dictionary, parse_args, report_data, run, strings, text

args = parse_args()
check = Checker()
fn, work = args.firmnet, args.work_dir

park_firms = [f"W{i}" for i in range(1, 9)]
town_firms = [f"T{i}" for i in range(1, 5)]
nodes = [("S1", "上海采购中心", "上海", "", "buyer", 31.23, 121.47)]
nodes += [(w, f"无锡纺织{i}", "无锡", "锡山园区", "spinning" if i % 2 else "weaving", 31.55 + 0.004 * i, 120.30 + 0.004 * i)
          for i, w in enumerate(park_firms, 1)]
nodes += [(t, f"无锡服装{i}", "无锡", "", "garment", 31.60, 120.36 + 0.002 * i) for i, t in enumerate(town_firms, 1)]
edges = [(w, "S1") for w in park_firms]                                   # every park firm sells to Shanghai
edges += [("W1", "W2"), ("W3", "W4"), ("W5", "W6"), ("W7", "W8"), ("W2", "W3")]  # inside the park
edges += [(park_firms[i], town_firms[i]) for i in range(4)]               # to the town, same region

nodes_csv = os.path.join(work, "nodes.csv")
edges_csv = os.path.join(work, "edges.csv")
with open(nodes_csv, "w", encoding="utf-8") as f:
    f.write("id,name,region,park,stage,lat,lon,industry,employees\n")
    for row in nodes:
        f.write(",".join(str(x) for x in row) + ",C17,50\n")
with open(edges_csv, "w", encoding="utf-8") as f:
    f.write("source,target,type,weight,year\n")
    for s, t in edges:
        f.write(f"{s},{t},supply,1,2021\n")


def text_column(group, name):
    """A stored text column: dictionary-encoded (codes + dictionaries/<name>) or plain."""
    if "dictionaries" in group and name in group["dictionaries"]:
        return decode_dictionary(group, name)
    return list(strings(group, name))


def anchors_of(h5, name="anchors"):
    """(top_overall ids, ranked per node id, stored parameters) of an anchors result."""
    with h5py.File(h5, "r") as f:
        ids = list(strings(f["nodes"], "id"))
        group = f[f"results/{name}"]
        top = text_column(group["tables/top_overall"], "id")
        ranked = dict(zip(ids, (int(x) for x in group["ranked"][:])))
        parameters = {k: text(v) for k, v in group["parameters"].attrs.items()}
    return top, ranked, parameters


def units_of(h5, name="parks"):
    with h5py.File(h5, "r") as f:
        group = f[f"results/{name}"]
        table = group["tables/units"]
        rows = {n: {c: float(table[c][i]) for c in ("share_internal", "share_region", "share_external")}
                for i, n in enumerate(text_column(table, "name"))}
        parameters = {k: text(v) for k, v in group["parameters"].attrs.items()}
    return rows, parameters


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


fast = ["--null-models", "19", "--runs", "1"]

# Study area takes in both cities: the Shanghai buyer, with eight suppliers in its community,
# is the top anchor. This is the defect the study area exists for.
both = os.path.join(work, "both.h5")
out, _ = run(fn, "--quiet", "analyze", "--nodes", nodes_csv, "--edges", edges_csv, "-o", both, *fast,
             "--study-area", "无锡,上海")
top, ranked, parameters = anchors_of(both)
check.equal("both cities: the Shanghai buyer is the top anchor", top[0], "S1")
check.equal("both cities: stored as requested", parameters["study_area"], "regions or parks: 无锡, 上海")
check.equal("both cities: resolved", parameters["study_area_resolved"], "regions 无锡, 上海")

# The default: the regions that hold parks (Wuxi). Scored, never ranked; shown and stored.
default = os.path.join(work, "default.h5")
out, _ = run(fn, "--quiet", "analyze", "--nodes", nodes_csv, "--edges", edges_csv, "-o", default, *fast)
top, ranked, parameters = anchors_of(default)
check.equal("default: Shanghai buyer not ranked", ranked["S1"], 0)
check.equal("default: not in the top list", "S1" in top, False)
check.equal("default: every Wuxi firm ranked", all(ranked[n] == 1 for n in park_firms + town_firms), True)
check.equal("default: stored", (parameters["study_area"], parameters["study_area_resolved"]),
            ("default", "regions holding parks: 无锡"))
check.true("default: shown in the text output", "study area: regions holding parks: 无锡" in out)
report = os.path.join(work, "default.html")
run(fn, "--quiet", "report", default, "-o", report)
parks_parameters = next(r["parameters"] for r in report_data(report)["results"] if r["name"] == "parks")
check.equal("default: the report carries the study area", parks_parameters["study_area_resolved"], "regions holding parks: 无锡")
_, park_parameters = units_of(default)
check.equal("default: park test stores it too", park_parameters["study_area_resolved"], "regions holding parks: 无锡")

# anchors and parks take the same options; a box around Wuxi, and a region list.
for label, option in [("box", ["--study-area", "31.0,119.5,32.0,121.0"]), ("regions", ["--study-area", "无锡"]),
                      ("outside region", ["--study-area", "无锡,上海", "--outside-regions", "上海"])]:
    out, _ = run(fn, "--quiet", "anchors", both, "--communities", "leiden", "--name", "a_" + label.replace(" ", "_"), *option)
    top, ranked, parameters = anchors_of(both, "a_" + label.replace(" ", "_"))
    check.equal(f"anchors {label}: Shanghai buyer not ranked", ranked["S1"], 0)
    check.equal(f"anchors {label}: a Wuxi firm tops the list", top[0].startswith("W"), True)
    check.true(f"anchors {label}: shown", "Study area: " in out)
check.equal("box resolved", anchors_of(both, "a_box")[2]["study_area_resolved"], "box lat 31 to 32, lon 119.5 to 121")
check.equal("outside region stored", anchors_of(both, "a_outside_region")[2]["outside_regions"], "上海")
run(fn, "--quiet", "anchors", both, "--communities", "leiden", "--name", "a_all", "--study-area", "无锡,上海")
check.equal("anchors, both cities: the buyer is ranked first", anchors_of(both, "a_all")[0][0], "S1")


# The park test: links to nodes outside the study area are external, even in the same region.
def recount(inside):
    """Shares of the park's member link ends: internal, elsewhere in the region (inside the
    study area), external; each edge counted once per member end."""
    region = {n[0]: n[2] for n in nodes}
    park = {n[0]: n[3] for n in nodes}
    ends = {"internal": 0, "region": 0, "external": 0}
    for s, t in edges:
        for member, other in ((s, t), (t, s)):
            if park[member] != "锡山园区" or member not in inside:
                continue
            if park[other] == "锡山园区" and other in inside:
                ends["internal"] += 1
            elif other in inside and region[other] == region[member]:
                ends["region"] += 1
            else:
                ends["external"] += 1
    total = sum(ends.values())
    return {f"share_{k}": v / total for k, v in ends.items()}


everyone = {n[0] for n in nodes}
for label, option, inside in [("default", [], everyone - {"S1"}),
                              ("park only", ["--study-area", "锡山园区"], set(park_firms))]:
    name = "p_" + label.replace(" ", "_")
    out, _ = run(fn, "--quiet", "--verify", "parks", both, "--communities", "leiden", "--name", name, *fast[:2], *option)
    rows, parameters = units_of(both, name)
    expected = recount(inside)
    for column, value in expected.items():
        check.close(f"parks {label}: {column}", rows["锡山园区"][column], value, 1e-12)
    check.true(f"parks {label}: shown", "Study area: " in out)
check.equal("park only: the town's links are external", units_of(both, "p_park_only")[0]["锡山园区"]["share_region"], 0.0)
check.true("default: the town's links are in the region", units_of(both, "p_default")[0]["锡山园区"]["share_region"] > 0)
# Units outside the study area are not tested: by region, only Wuxi remains.
run(fn, "--quiet", "parks", both, "--communities", "leiden", "--name", "p_region", "--unit", "region", *fast[:2])
check.equal("by region: Shanghai is outside", sorted(units_of(both, "p_region")[0]), ["无锡"])

# Bad study areas: usage errors naming the value; the network file unchanged, no new file.
before = digest(both)
for option, part in [(["--study-area", "杭州"], "'杭州' is neither a region nor a park"),
                     (["--study-area", "95,120,31,121"], "a box is lat1,lon1,lat2,lon2")]:
    for command in (["anchors", both, "--communities", "leiden"], ["parks", both, "--communities", "leiden"]):
        _, err = run(fn, *command, *option, expect=2)
        check.true(f"{command[0]} {option[1]}: message", part in err)
    fresh = os.path.join(work, "fresh.h5")
    _, err = run(fn, "analyze", "--nodes", nodes_csv, "--edges", edges_csv, "-o", fresh, *fast, *option, expect=2)
    check.true(f"analyze {option[1]}: message", part in err)
    check.equal(f"analyze {option[1]}: nothing written", os.path.exists(fresh), False)
check.equal("network file unchanged by the failed runs", digest(both), before)

check.finish()
