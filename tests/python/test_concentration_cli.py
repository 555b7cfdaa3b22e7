"""firmnet concentration end to end: imports datasets/handmade, runs the command with --json,
recomputes location quotients, Ellison-Glaeser gamma and one coagglomeration gamma_c in plain
Python from nodes.csv (docs/concentration.md, "Formulas"), and reads the stored tables with h5py."""
import collections
import csv
import os

import h5py

from firmnet_testlib import Checker, decode_dictionary, import_handmade, parse_args, read_csv, run, run_json, text

args = parse_args()
nodes_csv, edges_csv, h5 = import_handmade(args)
check = Checker()
nodes = read_csv(nodes_csv)


def indices(unit_column, size_of):
    """Sizes per (unit, industry), per unit, per industry, per firm, from the CSV rows."""
    firms = [r for r in nodes if r["kind"] == "firm" and r[unit_column] and r["industry"]]
    cell, unit, industry = collections.Counter(), collections.Counter(), collections.Counter()
    firm_sizes = collections.defaultdict(list)
    for r in firms:
        e = size_of(r)
        cell[(r[unit_column], r["industry"])] += e
        unit[r[unit_column]] += e
        industry[r["industry"]] += e
        firm_sizes[r["industry"]].append(e)
    return firms, cell, unit, industry, firm_sizes


def eg(cell, unit, industry, firm_sizes, i):
    """G, H, gamma of industry i exactly as Ellison & Glaeser (1997) write them."""
    e = sum(unit.values())
    x = {j: unit[j] / e for j in unit}
    s = {j: cell[(j, i)] / industry[i] for j in unit}
    G = sum((s[j] - x[j]) ** 2 for j in unit)
    H = sum((z / industry[i]) ** 2 for z in firm_sizes[i])
    sx2 = sum(v * v for v in x.values())
    return G, H, (G - (1 - sx2) * H) / ((1 - sx2) * (1 - H))


# 1. By region, employment (every firm in the handmade data has employees).
out = run_json(args.firmnet, "concentration", h5)
firms, cell, unit, industry, firm_sizes = indices("region", lambda r: float(r["employees"]))
e = sum(unit.values())
check.equal("measure", out["scalars"]["measure"], "employees")
check.equal("parameter measure", out["parameters"]["measure"], "employees")
check.equal("parameter by", out["parameters"]["by"], "region")
check.equal("firms in scope", out["scalars"]["firms_in_scope"], len(firms))
check.equal("firms", out["scalars"]["firms"], sum(r["kind"] == "firm" for r in nodes))
by_industry = {row["industry"]: row for row in out["tables"]["industries"]}
for i in ["C3670", "C1751"]:
    G, H, gamma = eg(cell, unit, industry, firm_sizes, i)
    check.close(f"G {i}", by_industry[i]["G"], G)
    check.close(f"H {i}", by_industry[i]["H"], H)
    check.close(f"gamma {i}", by_industry[i]["gamma"], gamma)
check.true("single-firm industry has no gamma", by_industry["C3612"]["gamma"] is None)
check.true("and says why", "H = 1" in by_industry["C3612"]["note"])

# Coagglomeration of C3670 and C1751 (the two industries with >= 5 firms), Ellison-Glaeser formula.
a, b = "C3670", "C1751"
sx2 = sum((v / e) ** 2 for v in unit.values())
w = {i: industry[i] / (industry[a] + industry[b]) for i in (a, b)}
G_group = sum(((cell[(j, a)] + cell[(j, b)]) / (industry[a] + industry[b]) - unit[j] / e) ** 2 for j in unit)
H_group = sum(w[i] ** 2 * eg(cell, unit, industry, firm_sizes, i)[1] for i in (a, b))
own = sum(eg(cell, unit, industry, firm_sizes, i)[2] * w[i] ** 2 * (1 - eg(cell, unit, industry, firm_sizes, i)[1])
          for i in (a, b))
gamma_c = (G_group / (1 - sx2) - H_group - own) / (1 - sum(v * v for v in w.values()))
check.equal("one pair", len(out["tables"]["coagglomeration"]), 1)
check.close("gamma_c C3670-C1751", out["tables"]["coagglomeration"][0]["gamma_c"], gamma_c)

# Stored tables, read back with h5py as docs/FORMAT.md describes.
with h5py.File(h5, "r") as f:
    r = f["results/concentration"]
    check.equal("method", text(r.attrs["method"]), "concentration")
    check.equal("stored measure", text(r["parameters"].attrs["measure"]), "employees")
    lq_table = r["tables/location_quotients"]
    rows = zip(decode_dictionary(lq_table, "region"), decode_dictionary(lq_table, "industry"), lq_table["e_ri"][:],
               lq_table["lq"][:])
    stored_lq = {(j, i): (eri, lq) for j, i, eri, lq in rows}
    check.equal("one LQ row per non-empty cell", len(stored_lq), len(cell))
    for j, i in [("Nantong", "C1751"), ("Suzhou", "C3670"), ("Shanghai", "F5261")]:
        expected = (cell[(j, i)] / unit[j]) / (industry[i] / e)
        check.close(f"LQ {j} {i}", stored_lq[(j, i)][1], expected)
        check.close(f"e_ri {j} {i}", stored_lq[(j, i)][0], cell[(j, i)])
    ind = r["tables/industries"]
    stored_gamma = dict(zip(decode_dictionary(ind, "industry"), ind["gamma"][:]))
    check.close("stored gamma C3670", stored_gamma["C3670"], eg(cell, unit, industry, firm_sizes, "C3670")[2])
    co = r["tables/coagglomeration"]
    check.close("stored gamma_c", co["gamma_c"][0], gamma_c)

# 2. By park: firms without a park are counted, not dropped.
out = run_json(args.firmnet, "concentration", h5, "--by", "park", "--name", "parks_conc")
no_park = sum(1 for r in nodes if r["kind"] == "firm" and r["industry"] and not r["park"])
check.equal("firms without park", out["scalars"]["firms_missing_unit"], no_park)
check.true("no_park > 0", no_park > 0)

# 3. Firm-count fallback: one firm loses its employee count.
edited = os.path.join(args.work_dir, "nodes_missing.csv")
with open(edited, "w", newline="", encoding="utf-8") as f:
    writer = csv.DictWriter(f, fieldnames=list(nodes[0].keys()))
    writer.writeheader()
    for r in nodes:
        writer.writerow(dict(r, employees="") if r["id"] == "T05" else r)
h5_missing = os.path.join(args.work_dir, "missing.h5")
run(args.firmnet, "import", "--nodes", edited, "--edges", edges_csv, "-o", h5_missing, "--quiet")
out = run_json(args.firmnet, "concentration", h5_missing)
check.equal("fallback measure", out["scalars"]["measure"], "firm_count")
check.equal("fallback parameter", out["parameters"]["measure"], "firm_count")
check.equal("firms missing employees", out["scalars"]["firms_missing_employees"], 1)
firms, cell, unit, industry, firm_sizes = indices("region", lambda r: 1.0)
by_industry = {row["industry"]: row for row in out["tables"]["industries"]}
check.close("firm-count gamma C1751", by_industry["C1751"]["gamma"], eg(cell, unit, industry, firm_sizes, "C1751")[2])
printed, _ = run(args.firmnet, "concentration", h5_missing, "--quiet")
check.true("text says firm counts", "firm_count" in printed and "lack employees" in printed)
# The text table lists the industries with >= 5 firms by gamma, largest first, as the JSON has them.
listed = [i for i in ("C3670", "C1751") if i in printed]
expected_order = sorted(listed, key=lambda i: -by_industry[i]["gamma"])
check.equal("text industries by gamma", sorted(listed, key=printed.index), expected_order)
check.true("smaller industries not listed", "C3612" not in printed.split("Location quotients")[0])

# 4. Bad requests exit 2.
run(args.firmnet, "concentration", h5, "--by", "town", expect=2)
run(args.firmnet, "concentration", h5, "--group", "C3670,NOPE", expect=2)
check.finish()
