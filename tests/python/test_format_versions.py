"""HDF5 format version 2 (docs/FORMAT.md, "Format version 2") read with plain h5py.

1. No attribute or dataset of a freshly written file (an import with results added, a
   generated world with its truth result) has a variable-length type: every object is walked
   with h5py's low-level type API. The same walk finds the variable-length attributes of a
   committed version 1 file, so it can fail.
2. A version 1 file and a version 2 file of the same network (both imported from
   datasets/handmade) read the same through firmnet.reader, export the same CSV and give the
   same `firmnet info`; the version 1 file's stored result reads as the same computation on the
   version 2 file.
3. firmnet.reader.strings refuses offsets that do not describe the bytes, naming the dataset.
"""
import json
import os
import shutil

import h5py
import numpy as np

from firmnet_testlib import Checker, import_handmade, parse_args, run, run_json, strings, text
from firmnet.reader import read  # noqa: E402  (firmnet_testlib puts python/ on the path)

args = parse_args()
check = Checker()
fn, work = args.firmnet, args.work_dir


def variable_length(type_id):
    """Whether an HDF5 datatype is or holds a variable-length type (strings included)."""
    if isinstance(type_id, h5py.h5t.TypeStringID):
        return type_id.is_variable_str()
    return type_id.detect_class(h5py.h5t.VLEN)


def variable_length_objects(path):
    """Every dataset and attribute of the file with a variable-length type, and how many of
    each kind were looked at."""
    found, looked = [], {"datasets": 0, "attributes": 0}

    def attributes(name, obj):
        for key in obj.attrs:
            looked["attributes"] += 1
            if variable_length(obj.attrs.get_id(key).get_type()):
                found.append(f"attribute '{key}' of {name}")

    with h5py.File(path, "r") as f:
        attributes("/", f)

        def visit(name, obj):
            attributes(name, obj)
            if isinstance(obj, h5py.Dataset):
                looked["datasets"] += 1
                if variable_length(obj.id.get_type()):
                    found.append(f"dataset {name}")

        f.visititems(visit)
    return found, looked


# 1. Freshly written files hold no variable-length type.
_, _, h5 = import_handmade(args)
run(fn, "parks", h5, "--null-models", "19", "--quiet")
run(fn, "centrality", h5, "--measures", "degree,pagerank", "--quiet")
scenario = os.path.join(work, "scenario.h5")
run(fn, "generate", "scenario", "-o", scenario, "--quiet")
for path in (h5, scenario):
    found, looked = variable_length_objects(path)
    check.equal(f"{os.path.basename(path)}: variable-length types", found, [])
    check.true(f"{os.path.basename(path)}: datasets walked", looked["datasets"] > 20)
    check.true(f"{os.path.basename(path)}: attributes walked", looked["attributes"] > 30)
    with h5py.File(path, "r") as f:
        check.equal(f"{os.path.basename(path)}: format_version", int(f.attrs["format_version"]), 2)
        check.true("nodes/id is a string group", isinstance(f["nodes/id"], h5py.Group))
        check.equal("string group members", sorted(f["nodes/id"]), ["bytes", "offsets"])
        check.equal("string group count", int(f["nodes/id"].attrs["count"]), int(f.attrs["node_count"]))
        check.equal("attributes are fixed-length bytes", type(f.attrs["format_name"]), np.bytes_)

v1 = os.path.join(work, "v1.h5")
shutil.copy(os.path.join(args.source_dir, "tests/fuzz/corpus/hdf5_open/seed_with_results.h5"), v1)
found, _ = variable_length_objects(v1)
check.true("the walk finds a version 1 file's variable-length attributes", "attribute 'format_name' of /" in found)

# 2. Version 1 and version 2 files of the same network read, export and summarise the same.
with h5py.File(v1, "r") as f:
    check.equal("seed is version 1", int(f.attrs["format_version"]), 1)
    check.equal("v1 ids via strings()", list(strings(f["nodes"], "id"))[:2], ["A01", "A02"])
old, new = read(v1), read(h5)
check.true("nodes equal", old.nodes.equals(new.nodes))
check.true("edges equal", old.edges.equals(new.edges))
check.equal("fingerprints equal", old.attrs["fingerprint"], new.attrs["fingerprint"])
check.true("stored centrality equal", old.results["centrality"].columns.equals(new.results["centrality"].columns))
check.equal("centrality parameters equal", old.results["centrality"].params, new.results["centrality"].params)

for name, path in (("v1", v1), ("v2", h5)):
    run(fn, "export", path, "-f", "csv", "-o", os.path.join(work, f"export-{name}"), "--results", "centrality")
for table in ("nodes.csv", "edges.csv"):
    with open(os.path.join(work, "export-v1", table), "rb") as a, open(os.path.join(work, "export-v2", table), "rb") as b:
        check.true(f"export {table} identical", a.read() == b.read())
info_v1, info_v2 = run_json(fn, "info", v1), run_json(fn, "info", h5)
check.equal("info format versions", (info_v1["format_version"], info_v2["format_version"]), (1, 2))
for key in ("file", "format_version", "created", "results", "firmnet_version"):
    info_v1.pop(key, None)
    info_v2.pop(key, None)
check.equal("info equal", json.dumps(info_v1, sort_keys=True), json.dumps(info_v2, sort_keys=True))

# 3. Damaged offsets are refused by the pure reader too.
damaged = os.path.join(work, "damaged.h5")
shutil.copy(h5, damaged)
with h5py.File(damaged, "r+") as f:
    offsets = f["nodes/name/offsets"][:]
    offsets[-1] += 7
    del f["nodes/name/offsets"]
    f["nodes/name/offsets"] = offsets
with h5py.File(damaged, "r") as f:
    try:
        strings(f["nodes"], "name")
        check.true("damaged offsets refused", False)
    except ValueError as error:
        check.true("the error names the dataset", "'/nodes/name'" in str(error) and "damaged.h5" in str(error))
check.equal("text() of a list attribute", text(np.array([b"a", "\u65e0".encode()])), ["a", "\u65e0"])

check.finish()
