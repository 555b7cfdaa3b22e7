"""Researchers' files as they come: encodings (--encoding; a file that is not UTF-8 stops with
its likely encoding), --map FIELD=COLUMN, ';' and '|' delimiters with decimal commas, years
outside 1800-2100 and two-digit years, and spreadsheets or Parquet given as a CSV. Every bad
input exits 1 (2 for a bad request) with the file, the line and the reason, and leaves no
output file, or an existing one unchanged."""
import hashlib
import os
import shutil

import h5py

from firmnet_testlib import Checker, decode_dictionary, parse_args, run, strings

args = parse_args()
check = Checker()
fn, work = args.firmnet, args.work_dir

NAMES = ["无锡纺纱有限公司", "無錫織造股份公司", "上海服装集团（总部）"]
IDS = ["91320200A", "91320200B", "91310000C"]
EDGES = "source,target,weight,year\n91320200A,91320200B,12.5,2021\n91320200B,91310000C,30,2021\n"


def path(name):
    return os.path.join(work, name)


def digest(p):
    with open(p, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def write(name, text, encoding="utf-8"):
    with open(path(name), "w", encoding=encoding, newline="") as f:
        f.write(text)
    return path(name)


def write_bytes(name, data):
    with open(path(name), "wb") as f:
        f.write(data)
    return path(name)


def node_text(names, header="id,name,region\n", region="无锡"):
    return header + "".join(f"{i},{n},{region}\n" for i, n in zip(IDS, names))


def names_in(h5):
    with h5py.File(h5, "r") as f:
        return list(strings(f["nodes"], "name")), list(strings(f["nodes"], "id"))


def refused(what, argv, message_parts, output, expect=1):
    """Runs a command that must fail: exit code, every message part on stderr, no output file;
    then again over an existing network file, which must keep its checksum."""
    _, err = run(fn, *argv, expect=expect)
    for part in message_parts:
        check.true(f"{what}: message has {part!r}", part in err)
    check.true(f"{what}: message is firmnet's", "firmnet: error: " in err if expect == 1 else "--" in err)
    check.equal(f"{what}: no output written", os.path.exists(output), False)
    shutil.copy(path("gb18030.h5"), output)
    before = digest(output)
    run(fn, *argv, expect=expect)
    check.equal(f"{what}: existing output unchanged", digest(output), before)
    os.remove(output)
    return err


edges = write("edges.csv", EDGES)

# --- Encodings: a round trip through GB18030, GBK, Big5 and Latin-1; the names come back as
# the UTF-8 originals.
for encoding, names, region in [("gb18030", NAMES, "无锡"), ("gbk", ["无锡纺纱", "无锡织造", "上海服装"], "无锡"),
                                ("big5", ["台灣公司", "無錫織造", "上海服裝"], "臺北"),
                                ("latin1", ["Müller GmbH", "Société Générale", "Øresund A/S"], "Zürich")]:
    nodes = write(f"nodes_{encoding}.csv", node_text(names, region=region), encoding=encoding)
    h5 = path(f"{encoding}.h5")
    run(fn, "--quiet", "import", "--nodes", nodes, "--edges", edges, "-o", h5, "--encoding", encoding)
    got_names, got_ids = names_in(h5)
    check.equal(f"{encoding}: names round-trip", got_names, names)
    check.equal(f"{encoding}: ids", got_ids, IDS)
    with h5py.File(h5, "r") as f:
        check.equal(f"{encoding}: region", decode_dictionary(f["nodes"], "region"), [region] * 3)

# A Chinese header in GB18030 maps to the schema columns once transcoded.
zh = write("nodes_zh_gb.csv", node_text(NAMES, header="统一社会信用代码,企业名称,地区\n"), encoding="gb18030")
run(fn, "--quiet", "import", "--nodes", zh, "--edges", edges, "-o", path("zh.h5"), "--encoding", "gb18030")
check.equal("GB18030 Chinese header: names", names_in(path("zh.h5"))[0], NAMES)

# A UTF-8 BOM keeps working, with or without --encoding utf-8.
bom = write("nodes_bom.csv", node_text(NAMES), encoding="utf-8-sig")
run(fn, "--quiet", "import", "--nodes", bom, "--edges", edges, "-o", path("bom.h5"))
check.equal("BOM: names", names_in(path("bom.h5")), (NAMES, IDS))
run(fn, "--quiet", "import", "--nodes", bom, "--edges", edges, "-o", path("bom2.h5"), "--encoding", "utf-8")
check.equal("BOM with --encoding utf-8: ids", names_in(path("bom2.h5"))[1], IDS)

# Without --encoding, a file that is not UTF-8 stops at its first such line with the likely
# encoding; nothing is written, and an existing output stays as it was.
gb = path("nodes_gb18030.csv")
refused("GB18030 without --encoding", ["import", "--nodes", gb, "--edges", edges, "-o", path("gb_none.h5")],
        [f"{gb}: line 2: invalid UTF-8; looks like GB18030; rerun with --encoding gb18030"], path("gb_none.h5"))
kept = path("bom.h5")
before = digest(kept)
run(fn, "import", "--nodes", gb, "--edges", edges, "-o", kept, expect=1)
check.equal("existing output unchanged after the encoding error", digest(kept), before)
refused("GB18030 header without --encoding", ["import", "--nodes", zh, "--edges", edges, "-o", path("zh_none.h5")],
        [f"{zh}: line 1: invalid UTF-8 in the header; looks like GB18030; rerun with --encoding gb18030"], path("zh_none.h5"))
big5 = path("nodes_big5.csv")
refused("Big5 without --encoding", ["import", "--nodes", big5, "--edges", edges, "-o", path("b5.h5")],
        [f"{big5}: line 2: invalid UTF-8; looks like Big5; rerun with --encoding big5"], path("b5.h5"))
latin = path("nodes_latin1.csv")
refused("Latin-1 without --encoding", ["import", "--nodes", latin, "--edges", edges, "-o", path("l1.h5")],
        [f"{latin}: line 2: invalid UTF-8; looks like Latin-1; rerun with --encoding latin1"], path("l1.h5"))
# The edge file too (its rows go through the parallel batches), and analyze, which imports.
gb_edges = write("edges_gb.csv", "source,target,weight\n甲,乙,1\n", encoding="gb18030")
refused("GB18030 edges", ["import", "--edges", gb_edges, "-o", path("ge.h5")],
        [f"{gb_edges}: line 2: invalid UTF-8; looks like GB18030"], path("ge.h5"))
refused("analyze: GB18030 without --encoding", ["analyze", "--nodes", gb, "--edges", edges, "-o", path("an.h5")],
        ["line 2: invalid UTF-8; looks like GB18030; rerun with --encoding gb18030"], path("an.h5"))
# analyze takes the same input options: --encoding, --map, --delimiter.
run(fn, "--quiet", "analyze", "--nodes", gb, "--edges", edges, "-o", path("an_gb.h5"), "--encoding", "gb18030",
    "--null-models", "9", "--runs", "1")
check.equal("analyze --encoding gb18030: names", names_in(path("an_gb.h5"))[0], NAMES)
# --lenient skips such rows with the same advice as a warning, and then fails for keeping too little.
err = refused("lenient GB18030", ["import", "--lenient", "--nodes", gb, "--edges", edges, "-o", path("len.h5")],
              ["kept too little"], path("len.h5"))
check.true("lenient: warning with the advice", "rerun with --encoding gb18030" in err)
# Bytes that the given encoding lacks: the line and the byte.
bad_gb = write_bytes("bad_gb.csv", "id,name\nA,无锡\n".encode("gb18030") + b"B,\xff\xff\n")
refused("byte GB18030 lacks", ["import", "--nodes", bad_gb, "--edges", edges, "-o", path("bg.h5"), "--encoding", "gb18030"],
        [f"{bad_gb}:3: byte 0xFF is not valid gb18030 text"], path("bg.h5"))
refused("unknown encoding", ["import", "--nodes", gb, "--edges", edges, "-o", path("ue.h5"), "--encoding", "ebcdic"],
        ["--encoding"], path("ue.h5"), expect=2)

# --- --map FIELD=COLUMN.
mapped_nodes = write("mapped_nodes.csv", "企业ID,公司,所在园区\nA,Alpha,P1\nB,Beta,P1\nC,Gamma,\n")
mapped_edges = write("mapped_edges.csv", "买方代码,卖方代码,source\nB,A,x\nC,B,y\n")
run(fn, "--quiet", "import", "--nodes", mapped_nodes, "--edges", mapped_edges, "-o", path("map.h5"),
    "--map", "id=企业ID", "--map", "name=公司", "--map", "park=所在园区", "--map", "target=买方代码", "--map", "source=卖方代码")
with h5py.File(path("map.h5"), "r") as f:
    ids = list(strings(f["nodes"], "id"))
    check.equal("--map: names", list(strings(f["nodes"], "name")), ["Alpha", "Beta", "Gamma"])
    check.equal("--map: park", decode_dictionary(f["nodes"], "park"), ["P1", "P1", ""])
    links = sorted((ids[s], ids[t]) for s, t in zip(f["edges"]["source"][:], f["edges"]["target"][:]))
    check.equal("--map: links run seller -> buyer", links, [("A", "B"), ("B", "C")])
    check.equal("--map: the unmapped 'source' column is an extra column", [k for k in f["edges"]["extra"].keys() if k != "dictionaries"], ["source"])
run(fn, "--quiet", "analyze", "--nodes", mapped_nodes, "--edges", mapped_edges, "-o", path("an_map.h5"),
    "--map", "id=企业ID", "--map", "target=买方代码", "--map", "source=卖方代码", "--delimiter", ",",
    "--null-models", "9", "--runs", "1")
with h5py.File(path("an_map.h5"), "r") as f:
    check.equal("analyze --map: links", len(f["edges"]["weight"][:]), 2)
    check.true("analyze --map: results stored", "anchors" in f["results"])
refused("--map: missing column", ["import", "--nodes", mapped_nodes, "--edges", mapped_edges, "-o", path("m2.h5"),
                                  "--map", "id=企业ID", "--map", "source=供货商代码"],
        [f"{mapped_edges}:1: --map source=供货商代码: the header has no column '供货商代码'"], path("m2.h5"))
refused("--map: unknown field", ["import", "--nodes", mapped_nodes, "--edges", mapped_edges, "-o", path("m3.h5"),
                                 "--map", "supplier_code=卖方代码"],
        ["--map 'supplier_code=卖方代码': 'supplier_code' is not a field", "source, target"], path("m3.h5"), expect=2)
refused("--map: no '='", ["import", "--nodes", mapped_nodes, "--edges", mapped_edges, "-o", path("m4.h5"), "--map", "source"],
        ["FIELD=COLUMN"], path("m4.h5"), expect=2)

# --- Delimiters: ';' and '|' detected, and given; decimal commas in such files.
semi_nodes = write("semi_nodes.csv", "id;name;lat;lon;employees;founded\nA;Alpha;31,57;120,30;12;2008\n"
                                     "B;Beta;31.58;120.31;8;1999\nC;Gamma;-0,5;+1,25;1,5;2020\n")
semi_edges = write("semi_edges.csv", "source;target;weight;year\nA;B;1,5;2021\nB;C;2;2020\n")
pipe_edges = write("pipe_edges.csv", "source|target|weight\nA|B|0,25\nB|C|3\n")
pipe_nodes = write("pipe_nodes.csv", "id|name\nA|Alpha, Inc.\nB|Beta\nC|Gamma\n")
for label, extra in [("detected", []), ("given", ["--delimiter", ";"])]:
    h5 = path(f"semi_{label}.h5")
    run(fn, "--quiet", "import", "--nodes", semi_nodes, "--edges", semi_edges, "-o", h5, *extra)
    with h5py.File(h5, "r") as f:
        n = f["nodes"]
        check.equal(f"';' {label}: lat", [float(x) for x in n["lat"][:]], [31.57, 31.58, -0.5])
        check.equal(f"';' {label}: lon", [float(x) for x in n["lon"][:]], [120.30, 120.31, 1.25])
        check.equal(f"';' {label}: employees", [float(x) for x in n["employees"][:]], [12.0, 8.0, 1.5])
        check.equal(f"';' {label}: weights", sorted(float(w) for w in f["edges"]["weight"][:]), [1.5, 2.0])
run(fn, "--quiet", "import", "--nodes", pipe_nodes, "--edges", pipe_edges, "-o", path("pipe.h5"), "--delimiter", "|")
with h5py.File(path("pipe.h5"), "r") as f:
    check.equal("'|': weights", sorted(float(w) for w in f["edges"]["weight"][:]), [0.25, 3.0])
    check.equal("'|': a comma inside a name", strings(f["nodes"], "name")[0], "Alpha, Inc.")
run(fn, "--quiet", "import", "--nodes", semi_nodes, "--edges", pipe_edges, "-o", path("pipe2.h5"))
check.true("'|' detected", os.path.exists(path("pipe2.h5")))
# A thousands separator is not a decimal comma: rejected with its line.
thousands = write("thousands.csv", "source;target;weight\nA;B;1.234,5\n")
refused("'1.234,5'", ["import", "--nodes", semi_nodes, "--edges", thousands, "-o", path("th.h5")],
        [f"{thousands}:2: bad_weight: weight '1.234,5' is not a finite number >= 0"], path("th.h5"))
# In a comma file "1,5" is two fields.
refused("comma file", ["import", "--nodes", semi_nodes, "--edges", write("c.csv", "source,target,weight\nA,B,1,5\n"),
                       "-o", path("c.h5")], ["wrong_column_count"], path("c.h5"))

# --- Years: outside 1800-2100 and two-digit years rejected with file and line.
for label, nodes_text, edge_text, part in [
        ("two-digit link year", None, "source,target,year\nA,B,2021\nB,C,22\n", "edges_y.csv:3: bad_year: year: two-digit year '22'; write the full year"),
        ("link year 1700", None, "source,target,year\nA,B,1700\n", "edges_y.csv:2: bad_year: year '1700' is outside the years 1800-2100"),
        ("link year 2150", None, "source,target,year\nA,B,2150\n", "edges_y.csv:2: bad_year: year '2150' is outside"),
        ("two-digit founded", "id,founded\nA,08\nB,2001\nC,1999\n", None, "nodes_y.csv:2: bad_number: founded: two-digit year '08'; write the full year"),
        ("founded 0", "id,founded\nA,2008\nB,0\nC,1999\n", None, "nodes_y.csv:3: bad_number: founded: two-digit year '0'"),
        ("founded 1650", "id,founded\nA,2008\nB,1999\nC,1650\n", None, "nodes_y.csv:4: bad_number: founded '1650' is outside the years 1800-2100")]:
    n = write("nodes_y.csv", nodes_text or "id\nA\nB\nC\n")
    e = write("edges_y.csv", edge_text or "source,target,year\nA,B,2021\n")
    refused(label, ["import", "--nodes", n, "--edges", e, "-o", path("y.h5")], [part], path("y.h5"))
n = write("nodes_y.csv", "id,founded\nA,1800\nB,2100\nC,\n")
e = write("edges_y.csv", "source,target,year\nA,B,1800\nB,C,2100\n")
run(fn, "--quiet", "import", "--nodes", n, "--edges", e, "-o", path("y_ok.h5"))
with h5py.File(path("y_ok.h5"), "r") as f:
    check.equal("1800 and 2100 accepted", sorted(int(y) for y in f["edges"]["year"][:]), [1800, 2100])

# --- Spreadsheets and Parquet given as a CSV: refused by their first bytes, with the route.
route = "save it as CSV UTF-8 from the spreadsheet, or read it with pandas and use the Python module (firmnet.from_pandas)"
for name, magic, kind in [("firms.xlsx", b"PK\x03\x04\x14\x00\x06\x00", "an Excel .xlsx workbook"),
                          ("firms.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "an Excel .xls workbook"),
                          ("firms.parquet", b"PAR1\x15\x04\x15", "a Parquet file")]:
    binary = write_bytes(name, magic + bytes(range(256)) * 4)
    for role, argv in [("--nodes", ["--nodes", binary, "--edges", edges]), ("--edges", ["--edges", binary])]:
        refused(f"{name} as {role}", ["import", *argv, "-o", path("x.h5")], [f"{binary}: {kind}", route], path("x.h5"))
    refused(f"{name} with --encoding", ["import", "--edges", binary, "-o", path("x.h5"), "--encoding", "gb18030"],
            [f"{binary}: {kind}"], path("x.h5"))
refused("analyze: .xlsx", ["analyze", "--nodes", path("firms.xlsx"), "--edges", edges, "-o", path("ax.h5")],
        [f"{path('firms.xlsx')}: an Excel .xlsx workbook", route], path("ax.h5"))
utf16 = write("utf16.csv", "id,name\nA,无锡\n", encoding="utf-16")
refused("UTF-16", ["import", "--nodes", utf16, "--edges", edges, "-o", path("u16.h5")], [f"{utf16}: UTF-16 text"], path("u16.h5"))

check.finish()
