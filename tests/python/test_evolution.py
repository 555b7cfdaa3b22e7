"""firmnet evolution end to end: the generated panel's unit-year table, read with h5py, against
an independent pandas recount of firms, entries, exits and internal links per park and year
from the panel's CSV; the stored closed column; the trajectory lines; --window pooling."""
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
