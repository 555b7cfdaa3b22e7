"""firmnet evolution end to end: the generated panel's unit-year table, read with h5py, against
an independent pandas recount of firms, entries, exits and internal links per park and year
from the panel's CSV; the stored closed column; the trajectory lines; --window pooling; the
parks table (establishment years, areas, errors naming file and line); the event study's cell
effects and difference-in-differences estimates recomputed with pandas from the stored
unit-year table."""
import os

import h5py
import numpy as np
import pandas as pd

from firmnet_testlib import Checker, decode_dictionary, parse_args, run, strings

args = parse_args()
check = Checker()
fn, work = args.firmnet, args.work_dir

net = os.path.join(work, "panel.h5")
csv_dir = os.path.join(work, "panel_csv")
run(fn, "--seed", "3", "generate", "panel", "-o", net, "--out-dir", csv_dir)
out, _ = run(fn, "--seed", "3", "evolution", net, "--null-models", "0")
check.true("trajectory line of the growing park", "2012 embryonic → 2015 growth → 2019 maturity" in out)
check.true("undated links reported", "0 undated links dropped" in out)
check.true("verdict trajectory column", "verdict trajectory" in out and "2010 not tested" in out)

nodes = pd.read_csv(os.path.join(csv_dir, "nodes.csv"), keep_default_na=False)
edges = pd.read_csv(os.path.join(csv_dir, "edges.csv"), keep_default_na=False)
founded = pd.to_numeric(nodes["founded"], errors="coerce").fillna(0).astype(int).to_numpy()
closed = pd.to_numeric(nodes["closed"], errors="coerce").fillna(0).astype(int).to_numpy()
park = nodes["park"].to_numpy()
firm = (nodes["kind"] == "firm").to_numpy()
index = {node_id: i for i, node_id in enumerate(nodes["id"])}
src = edges["source"].map(index).to_numpy()
dst = edges["target"].map(index).to_numpy()
year = edges["year"].astype(int).to_numpy()

with h5py.File(net, "r") as f:
    check.equal("closed column stored", list(f["nodes"]["closed"][:]), list(closed))
    table = f["results/evolution/tables/unit_years"]
    units = decode_dictionary(table, "unit")
    stored = pd.DataFrame({"unit": units, "year": table["year"][:], "firms": table["firms"][:],
                           "entries": table["entries"][:], "exits": table["exits"][:],
                           "internal_links": table["internal_links"][:]})


def alive(y):
    return ((founded == 0) | (founded <= y)) & ((closed == 0) | (closed >= y))


rows = []
for y in range(2010, 2024):
    now, before = alive(y), alive(y - 1)
    kept = (year == y) & now[src] & now[dst]
    for p in sorted(set(park) - {""}):
        members = park == p
        if not (members & now).any():
            continue
        rows.append((p, y, int((members & now & firm).sum()), int((members & now & ~before & firm).sum()),
                     int((members & before & ~now & firm).sum()),
                     int((kept & members[src] & members[dst]).sum())))
expected = pd.DataFrame(rows, columns=["unit", "year", "firms", "entries", "exits", "internal_links"])
merged = stored.merge(expected, on=["unit", "year"], how="outer", suffixes=("", "_pandas"), indicator=True)
check.equal("same park-years", int((merged["_merge"] != "both").sum()), 0)
for column in ("firms", "entries", "exits", "internal_links"):
    check.equal(f"{column} per park-year", merged[column].tolist(), merged[column + "_pandas"].tolist())

# A three-year window pools the years: snapshot y holds links of y-2..y among firms alive in y.
run(fn, "evolution", net, "--window", "3", "--no-communities", "--null-models", "0", "--name", "pooled")
with h5py.File(net, "r") as f:
    snapshots = f["results/pooled/tables/snapshots"]
    years = list(snapshots["year"][:])
    links = list(snapshots["links"][:])
check.equal("pooled snapshot years", years, list(range(2012, 2024)))
check.equal("pooled links", links,
            [int(((year >= y - 2) & (year <= y) & alive(y)[src] & alive(y)[dst]).sum()) for y in range(2012, 2024)])

# The parks table: a year for a park without one, an area; errors name the file and line.
table = os.path.join(work, "parks.csv")
with open(table, "w", encoding="utf-8") as f:
    f.write("park,established,area_km2\nestate-4,2018,2.5\nestate-1,2014,\nnowhere,2001,1\n")
out, _ = run(fn, "evolution", net, "--no-communities", "--null-models", "0", "--parks-table", table,
             "--did-bootstrap", "99", "--name", "established")
check.true("difference in differences printed", "Before and after establishment" in out)
with h5py.File(net, "r") as f:
    result = f["results/established"]
    parks = result["tables/parks"]
    established = dict(zip(decode_dictionary(parks, "unit"), parks["established"][:]))
    area = dict(zip(decode_dictionary(parks, "unit"), parks["area_km2"][:]))
    check.equal("table year", int(established["estate-4"]), 2018)
    check.equal("column year", int(established["estate-2"]), 2016)
    check.equal("no year", int(established["never-linked"]), 0)
    check.equal("area", float(area["estate-4"]), 2.5)
    check.true("no area", np.isnan(area["estate-1"]))
    check.equal("unmatched rows", int(result["scalars"].attrs["parks_table_rows_unmatched"]), 1)
    uy = result["tables/unit_years"]
    panel = pd.DataFrame({"unit": decode_dictionary(uy, "unit"), "year": uy["year"][:],
                          "ratio": uy["ratio"][:], "internal_links": uy["internal_links"][:].astype(float)})
    es = result["tables/event_study"]
    study = pd.DataFrame({"unit": decode_dictionary(es, "unit"), "year": es["year"][:],
                          "did_ratio": es["did_ratio"][:], "did_internal_links": es["did_internal_links"][:]})
    did = result["tables/did"]
    estimates = {(o, p): (e, lo, hi) for o, p, e, lo, hi in zip(decode_dictionary(did, "outcome"), decode_dictionary(did, "period"),
                                                               did["estimate"][:], did["lower"][:], did["upper"][:])}

# Independent recount: long differences against the base year, not-yet-established comparisons.
wide = {o: panel.pivot(index="unit", columns="year", values=o) for o in ("ratio", "internal_links")}
year_of = {u: int(e) for u, e in established.items()}
cells = {o: {} for o in wide}
for o, table_o in wide.items():
    for p, e in year_of.items():
        if e == 0 or e - 1 not in table_o.columns or np.isnan(table_o.loc[p].get(e - 1, np.nan)):
            continue
        base = e - 1
        for y in table_o.columns:
            if y == base or np.isnan(table_o.loc[p, y]):
                continue
            comparison = [c for c in table_o.index if c != p and (year_of.get(c, 0) == 0 or year_of[c] > max(y, base))]
            changes = (table_o.loc[comparison, y] - table_o.loc[comparison, base]).dropna()
            if len(changes):
                cells[o][(p, y)] = table_o.loc[p, y] - table_o.loc[p, base] - changes.mean()
for o, column in (("ratio", "did_ratio"), ("internal_links", "did_internal_links")):
    stored_cells = {(u, y): v for u, y, v in zip(study["unit"], study["year"], study[column]) if not np.isnan(v)}
    check.equal(f"{o} cells", sorted(stored_cells), sorted(cells[o]))
    check.true(f"{o} cell values", all(abs(stored_cells[k] - cells[o][k]) < 1e-9 for k in cells[o]))
    after = np.mean([v for (p, y), v in cells[o].items() if y >= year_of[p]])
    check.true(f"{o} after estimate", abs(estimates[(o, "after")][0] - after) < 1e-9)
    check.true(f"{o} interval around it", estimates[(o, "after")][1] <= after <= estimates[(o, "after")][2])

for name, content, message in [
        ("conflict.csv", "park,established\nestate-1,2013\n", "conflict.csv:2: park 'estate-1' established 2013, but the node column park_established says 2014"),
        ("badyear.csv", "park;established\ngrowing;2012\nestate-4;15\n", "badyear.csv:3: established '15' is not a year 1800-2100"),
        ("noheader.csv", "name,year\nestate-4,2018\n", "noheader.csv:1: the header must name the columns park and established"),
        ("twice.csv", "park,established\nestate-4,2018\nestate-4,2019\n", "twice.csv:3: park 'estate-4' is listed twice")]:
    bad = os.path.join(work, name)
    with open(bad, "w", encoding="utf-8") as f:
        f.write(content)
    _, err = run(fn, "evolution", net, "--no-communities", "--null-models", "0", "--parks-table", bad, expect=1)
    check.true(f"error of {name}", message in err)

# The main job runs the same step when the links span three years or more: its stored unit-years
# equal those of `firmnet evolution` with the defaults and the same seed.
run(fn, "evolution", net, "--name", "defaults")
job = os.path.join(work, "job.h5")
out, _ = run(fn, "--seed", "1", "analyze", "--nodes", os.path.join(csv_dir, "nodes.csv"), "--edges",
             os.path.join(csv_dir, "edges.csv"), "-o", job, "--null-models", "19", "--runs", "1")
check.true("analyze prints the trajectories", "== Over the years: 14 snapshots 2010-2023" in out and
           "2012 embryonic → 2015 growth → 2019 maturity" in out)
with h5py.File(job, "r") as f, h5py.File(net, "r") as g:
    a, b = f["results/evolution/tables/unit_years"], g["results/defaults/tables/unit_years"]
    for column in ("firms", "internal_links", "z", "expected"):
        check.true(f"analyze's evolution {column} as firmnet evolution's", np.array_equal(a[column][:], b[column][:], equal_nan=True))
    check.equal("analyze's evolution stages", decode_dictionary(a, "stage"), decode_dictionary(b, "stage"))
    check.equal("dynamic communities too", f["results/evolution/tables/events"]["year"].shape, g["results/defaults/tables/events"]["year"].shape)
_, _ = run(fn, "analyze", "--nodes", os.path.join(csv_dir, "nodes.csv"), "--edges", os.path.join(csv_dir, "edges.csv"),
           "-o", os.path.join(work, "none.h5"), "--null-models", "19", "--runs", "1", "--no-evolution")
with h5py.File(os.path.join(work, "none.h5"), "r") as f:
    check.true("--no-evolution leaves it out", "evolution" not in f["results"])
check.finish()
