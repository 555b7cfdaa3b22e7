"""What a network supports: after import, firmnet counts which analyses the columns allow
(and says what to add), and `analyze` lists the sections it leaves out or weakens;
--strict-sections turns them into an error before any work, leaving no file behind."""
import json
import os

from firmnet_testlib import Checker, parse_args, run

args = parse_args()
check = Checker()
fn, work = args.firmnet, args.work_dir

# Three parks' worth of firms with stages and coordinates, but no industry, no employees, no
# years and no institutions.
nodes = os.path.join(work, "nodes.csv")
edges = os.path.join(work, "edges.csv")
with open(nodes, "w", encoding="utf-8") as f:
    f.write("id,park,stage,lat,lon\n")
    for i in range(12):
        park = ["P1", "P2", "P3", ""][i % 4]
        stage = ["up", "mid", "down"][i % 3]
        f.write(f"f{i},{park},{stage},{31.5 + 0.01 * i},{120.3 + 0.01 * i}\n")
with open(edges, "w", encoding="utf-8") as f:
    f.write("source,target\n")
    for i in range(12):
        f.write(f"f{i},f{(i + 1) % 12}\nf{i},f{(i + 4) % 12}\n")

net = os.path.join(work, "net.h5")
out, _ = run(fn, "import", "--nodes", nodes, "--edges", edges, "-o", net)
check.true("import prints the block", "== What this network supports" in out)
out, _ = run(fn, "--json", "import", "--nodes", nodes, "--edges", edges, "-o", os.path.join(work, "net2.h5"))
supports = {row["analysis"]: row for row in json.loads(out)["supports"]}
check.equal("analyses listed", sorted(supports),
            sorted(["park test", "vertical links", "distance null and maps", "concentration", "evolution", "entries",
                    "exits", "institution links"]))
check.equal("no exits", (supports["exits"]["supported"], supports["exits"]["evidence"]), (False, "0% of firms have a closing year"))
check.equal("park test supported", supports["park test"]["supported"], True)
# 9 of 12 firms are in one of 3 parks.
check.equal("park evidence", supports["park test"]["evidence"], "3 parks holding 75% of firms")
check.equal("three stages", supports["vertical links"]["supported"], True)
check.equal("all located", supports["distance null and maps"]["evidence"],
            "100% of firms have coordinates (the distance null is the default)")
check.equal("no concentration", supports["concentration"]["supported"], False)
check.true("concentration hint names the columns", "'industry'" in supports["concentration"]["hint"]
           and "'employees'" in supports["concentration"]["hint"])
check.equal("no evolution", (supports["evolution"]["supported"], supports["evolution"]["evidence"]), (False, "no dated links"))
check.equal("supported rows have no hint", supports["park test"]["hint"], "")

# analyze notes what it leaves out; --strict-sections refuses before writing anything.
out, _ = run(fn, "--json", "analyze", "--nodes", nodes, "--edges", edges, "-o", os.path.join(work, "a.h5"),
             "--null-models", "19", "--runs", "1")
skipped = {row["section"]: row["reason"] for row in json.loads(out)["skipped"]}
check.equal("skipped sections", sorted(skipped), ["clusters", "concentration"])
check.true("clusters left out for want of coordinates", "localisation test needs them" in skipped["clusters"])
strict = os.path.join(work, "strict.h5")
_, err = run(fn, "analyze", "--nodes", nodes, "--edges", edges, "-o", strict, "--strict-sections", expect=1)
check.true("strict: names the section and the reason",
           "--strict-sections" in err and "concentration: no firm has both an industry and employees" in err)
check.equal("strict: nothing written", os.path.exists(strict), False)

# analyze takes the park test's options under the names `firmnet parks` uses, and stores them.
out, _ = run(fn, "--json", "analyze", "--nodes", nodes, "--edges", edges, "-o", os.path.join(work, "tuned.h5"),
             "--runs", "2", "--null", "degree", "--alpha", "0.01", "--null-models", "29", "--chains", "3",
             "--method", "louvain", "--resolution", "2.5")
results = json.loads(out)["results"]
parks = results["parks"]["parameters"]
check.equal("tuned park test stored", (parks["null"], parks["alpha"], parks["null_models"], parks["chains"], parks["automatic_null"]),
            ("degree", 0.01, 29, 3, 0))
# ... and the community step's method, resolution and runs, under the names `firmnet communities` uses.
step = results["leiden"]["parameters"]
check.equal("community step stored", (step["method"], step["resolution"], step["runs"]), ("louvain", 2.5, 2))
check.true("the step text says so", step["step"].startswith("louvain (modularity, resolution 2.5)"))
_, err = run(fn, "analyze", "--nodes", nodes, "--edges", edges, "-o", os.path.join(work, "u.h5"), "--method", "infomap",
             expect=2)
check.true("an unsupported community method is a usage error", "--method" in err)

# Without stages and parks, the park test goes and the text output says why.
bare = os.path.join(work, "bare.csv")
with open(bare, "w", encoding="utf-8") as f:
    f.write("id\n" + "".join(f"f{i}\n" for i in range(12)))
out, _ = run(fn, "analyze", "--nodes", bare, "--edges", edges, "-o", os.path.join(work, "b.h5"), "--runs", "1")
check.true("text lists what was left out", "== Left out or weakened" in out and "park test: no firm has a park value" in out)

check.finish()
