"""Header names as researchers write them: the documented Chinese aliases fill the schema
columns, and an unknown name within an edit or two of a known one is kept as an extra column
with a warning that names the file, the line and the likely column."""
import json
import os

import h5py

from firmnet_testlib import Checker, decode_dictionary, parse_args, run, strings

args = parse_args()
check = Checker()
fn, work = args.firmnet, args.work_dir

nodes = os.path.join(work, "nodes.csv")
edges = os.path.join(work, "edges.csv")
with open(nodes, "w", encoding="utf-8") as f:
    f.write("统一社会信用代码,企业名称,行业代码,产业链环节,园区,地区,纬度,经度,从业人数,营业收入,成立年份\n")
    f.write("91320200A,无锡纺纱有限公司,C17,spinning,锡山园区,无锡,31.57,120.30,120,5.5,2008\n")
    f.write("91320200B,无锡织造有限公司,C17,weaving,锡山园区,无锡,31.58,120.31,80,3.1,2011\n")
    f.write("91310000C,上海服装集团,C18,garment_making,,上海,31.23,121.47,900,40,1998\n")
with open(edges, "w", encoding="utf-8") as f:
    f.write("供应商,客户,关系类型,金额,年份\n")
    f.write("91320200A,91320200B,supply,12.5,2021\n")
    f.write("91320200B,91310000C,supply,30,2021\n")

net = os.path.join(work, "zh.h5")
out, err = run(fn, "import", "--nodes", nodes, "--edges", edges, "-o", net)
check.equal("no warnings for known aliases", "warning" in err, False)
with h5py.File(net, "r") as f:
    n = f["nodes"]
    check.equal("ids", list(strings(n, "id")), ["91320200A", "91320200B", "91310000C"])
    check.equal("park from 园区", decode_dictionary(n, "park"), ["锡山园区", "锡山园区", ""])
    check.equal("stage from 产业链环节", decode_dictionary(n, "stage"), ["spinning", "weaving", "garment_making"])
    check.equal("region from 地区", decode_dictionary(n, "region"), ["无锡", "无锡", "上海"])
    check.close("lat from 纬度", float(n["lat"][2]), 31.23, 1e-12)
    check.close("lon from 经度", float(n["lon"][2]), 121.47, 1e-12)
    check.close("employees from 从业人数", float(n["employees"][2]), 900, 0)
    check.equal("founded from 成立年份", int(n["founded"][0]), 2008)
    check.equal("no extra node columns", "extra" in n and len(n["extra"].keys()) > 0, False)
    e = f["edges"]
    check.equal("edges", len(e["weight"][:]), 2)
    check.close("weight from 金额", float(sorted(e["weight"][:])[0]), 12.5, 0)
    check.equal("year from 年份", sorted(set(int(y) for y in e["year"][:])), [2021])

# A misspelt park header: still imported (as an extra column), with a warning naming the line.
typo_nodes = os.path.join(work, "typo_nodes.csv")
with open(typo_nodes, "w", encoding="utf-8") as f:
    f.write("id,name,prak,employes,notes\n")
    f.write("A,Alpha,P1,10,x\nB,Beta,P1,12,y\n")
typo_edges = os.path.join(work, "typo_edges.csv")
with open(typo_edges, "w", encoding="utf-8") as f:
    f.write("source,taget,weight\nA,B,1\n")
# The edge file lacks a target column: the error suggests the near miss too.
_, err = run(fn, "import", "--nodes", typo_nodes, "--edges", typo_edges, "-o", os.path.join(work, "t.h5"), expect=1)
check.true("missing target: error names the file and the near miss", typo_edges in err and "did you mean 'target'?" in err)
with open(typo_edges, "w", encoding="utf-8") as f:
    f.write("source,target,wieght\nA,B,1\n")
_, err = run(fn, "import", "--nodes", typo_nodes, "--edges", typo_edges, "-o", os.path.join(work, "t.h5"))
check.true("prak -> park", f"{typo_nodes}:1: column 'prak'" in err and "did you mean 'park'?" in err)
check.true("employes -> employees", "did you mean 'employees'?" in err)
check.true("wieght -> weight", f"{typo_edges}:1: column 'wieght'" in err and "did you mean 'weight'?" in err)
check.equal("notes is not flagged", "'notes'" in err, False)
out, _ = run(fn, "--json", "import", "--nodes", typo_nodes, "--edges", typo_edges, "-o", os.path.join(work, "t2.h5"))
warnings = json.loads(out)["warnings"]
check.equal("three warnings in --json", len(warnings), 3)

check.finish()
