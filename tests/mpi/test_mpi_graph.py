"""Graph-parallel firmnet-mpi (`distributed`): the parts of the split graph together are the graph
(--verify), and degree, strength, weakly connected components, PageRank and coreness equal the
single process: firmnet centrality's values (PageRank to 1e-10, the rest identical) and, for
degrees and components, numpy/scipy computed from the file. The distributed communities are
each connected and their modularity (recomputed with numpy) is within 0.005 of firmnet's
single-process Leiden. A memory cap that one rank cannot
meet refuses the single-rank run and gives the same answers when it forces the split. --layers and
--years select the same edges as in firmnet centrality."""
import csv
import os

import h5py
import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from mpi_testlib import parse_args, run, run_mpi, stored_arrays

args = parse_args()
n_ranks = args.ranks


def components_from_file(path):
    """Weak components by scipy, numbered in order of each component's smallest node."""
    with h5py.File(path, "r") as f:
        n = int(f.attrs["node_count"])
        source, target = f["edges/source"][:], f["edges/target"][:]
    matrix = coo_matrix((np.ones(len(source)), (source, target)), shape=(n, n))
    _, labels = connected_components(matrix, directed=True, connection="weak")
    first_node = {}
    for v, label in enumerate(labels):
        first_node.setdefault(label, v)
    order = {label: i for i, label in enumerate(sorted(first_node, key=first_node.get))}
    return np.array([order[label] for label in labels])


def degrees_from_file(path):
    """Distinct out/in neighbours and summed weights, folding parallel edges (numpy)."""
    with h5py.File(path, "r") as f:
        n = int(f.attrs["node_count"])
        pairs = np.stack([f["edges/source"][:].astype(np.int64), f["edges/target"][:].astype(np.int64)], axis=1)
        weight = f["edges/weight"][:]
    distinct = np.unique(pairs, axis=0)
    return {
        "out_degree": np.bincount(distinct[:, 0], minlength=n).astype(float),
        "in_degree": np.bincount(distinct[:, 1], minlength=n).astype(float),
        "out_strength": np.bincount(pairs[:, 0], weights=weight, minlength=n),
        "in_strength": np.bincount(pairs[:, 1], weights=weight, minlength=n),
    }


def check(path, name, serial):
    got = stored_arrays(path, name)
    assert np.max(np.abs(got["pagerank"] - serial["pagerank"])) <= 1e-10, f"{name}: PageRank differs"
    assert np.array_equal(got["coreness"], serial["coreness"]), f"{name}: coreness differs"
    assert np.array_equal(got["component"], components_from_file(path)), f"{name}: components differ"
    for column, values in degrees_from_file(path).items():
        assert np.allclose(got[column], values, rtol=1e-12, atol=0), f"{name}: {column} differs"


def undirected_projection(path):
    """w(u,v) = all u->v plus all v->u weight, as a scipy CSR matrix."""
    with h5py.File(path, "r") as f:
        n = int(f.attrs["node_count"])
        source, target, weight = f["edges/source"][:], f["edges/target"][:], f["edges/weight"][:]
    directed = coo_matrix((weight, (source, target)), shape=(n, n)).tocsr()
    return (directed + directed.T).tocsr()


def modularity(matrix, membership):
    """Newman-Girvan modularity at resolution 1 of the undirected weighted matrix."""
    two_m = matrix.sum()
    strength = np.asarray(matrix.sum(axis=1)).ravel()
    rows, cols = matrix.nonzero()
    inner = np.asarray(matrix[rows, cols]).ravel()[membership[rows] == membership[cols]].sum()
    totals = np.bincount(membership, weights=strength)
    return inner / two_m - np.sum(totals ** 2) / two_m ** 2


def check_communities(path, name):
    matrix = undirected_projection(path)
    membership = stored_arrays(path, name)["community"]
    for community in np.unique(membership):
        members = np.flatnonzero(membership == community)
        pieces, _ = connected_components(matrix[members][:, members], directed=False)
        assert pieces == 1, f"{name}: community {community} is not connected ({pieces} pieces)"
    got = modularity(matrix, membership)
    assert abs(got - scalar(path, name, "modularity")) < 1e-9, (got, scalar(path, name, "modularity"))
    single = scalar(path, "leiden", "modularity")
    assert got >= single - 0.005, f"{name}: modularity {got} is more than 0.005 below Leiden's {single}"


def scalar(path, result, key):
    with h5py.File(path, "r") as f:
        return f["results/" + result + "/scalars"].attrs[key]


# Three graphs: directed LFR, the scale generator, and a small one with several components
# (two chains, a triangle and two isolated firms).
lfr = os.path.join(args.work_dir, "lfr.h5")
run(args.firmnet, "generate", "lfr", "--directed", "--nodes", "300", "-o", lfr, "--quiet")
scale = os.path.join(args.work_dir, "scale.h5")
run(args.firmnet, "generate", "scale", "--firms", "1500", "--links", "9000", "-o", scale, "--quiet")
pieces = os.path.join(args.work_dir, "pieces.h5")
nodes_csv, edges_csv = os.path.join(args.work_dir, "nodes.csv"), os.path.join(args.work_dir, "edges.csv")
with open(nodes_csv, "w", newline="") as f:
    csv.writer(f).writerows([["id"]] + [[f"f{i}"] for i in range(12)])
with open(edges_csv, "w", newline="") as f:
    rows = [("f0", "f1", 1), ("f1", "f2", 2), ("f2", "f3", 1), ("f5", "f4", 1), ("f6", "f5", 3),
            ("f7", "f8", 1), ("f8", "f9", 1), ("f9", "f7", 2), ("f3", "f0", 1), ("f0", "f1", 1)]
    csv.writer(f).writerows([["source", "target", "weight", "type"]] + [[*r, "supply"] for r in rows[:-1]] +
                            [[*rows[-1], "finance"]])
run(args.firmnet, "import", "--nodes", nodes_csv, "--edges", edges_csv, "-o", pieces, "--quiet")

for path in (lfr, scale, pieces):
    run(args.firmnet, "centrality", path, "--measures", "pagerank,coreness", "--weighted", "--name", "serial", "--quiet")
    serial = stored_arrays(path, "serial")
    name = f"split{n_ranks}"
    run_mpi(args, n_ranks, "distributed", path, "--weighted", "--verify", "--name", name, "--quiet")
    check(path, name, serial)
    if path != pieces:
        run(args.firmnet, "communities", path, "--name", "leiden", "--quiet")
        check_communities(path, name)

# Hand-checked on the small graph: 5 components {0-3}, {4,5,6}, {7,8,9}, {10}, {11}.
assert scalar(pieces, f"split{n_ranks}", "components") == 5
assert list(stored_arrays(pieces, f"split{n_ranks}")["component"]) == [0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 4]

# --layers and --years select edges while the rows are read, as GraphView's filter does in the
# single process: supply and subcontract links of 2018-2021 on the scale graph (types 80/10/... %,
# years 2016-2023). Degrees, strengths, PageRank and coreness equal firmnet centrality's on the
# same selection, and differ from the unfiltered values (the filter is not a no-op).
selection = ["--layers", "supply,subcontract", "--years", "2018-2021"]
run(args.firmnet, "centrality", scale, *selection, "--measures", "degree,strength,pagerank,coreness", "--weighted",
    "--name", "serial_selected", "--quiet")
run_mpi(args, n_ranks, "distributed", scale, *selection, "--measures", "degree,pagerank,coreness", "--weighted",
        "--verify", "--name", f"selected{n_ranks}", "--quiet")
serial_selected, selected = stored_arrays(scale, "serial_selected"), stored_arrays(scale, f"selected{n_ranks}")
assert np.max(np.abs(selected["pagerank"] - serial_selected["pagerank"])) <= 1e-10, "selected PageRank differs"
for column in ("coreness", "out_degree", "in_degree", "out_strength", "in_strength"):
    assert np.array_equal(selected[column], serial_selected[column]), f"selected {column} differs"
assert not np.array_equal(selected["out_degree"], stored_arrays(scale, f"split{n_ranks}")["out_degree"])

# The memory cap: the single rank's part is too big for a cap the split parts meet.
run_mpi(args, 1, "distributed", lfr, "--weighted", "--measures", "degree", "--name", "whole", "--quiet")
whole_bytes = scalar(lfr, "whole", "max_part_bytes")
split_bytes = scalar(lfr, f"split{n_ranks}", "max_part_bytes")
cap_mb = (whole_bytes * 0.9 if n_ranks == 1 else split_bytes * 1.05) / 1048576
refused = run_mpi(args, 1, "distributed", lfr, "--memory-cap", f"{cap_mb:.6f}", "--name", "refused", expect=None)
assert "run on more ranks" in refused.stderr, refused.stderr
if n_ranks > 1:
    assert split_bytes * 1.05 < whole_bytes, (split_bytes, whole_bytes)
    run_mpi(args, n_ranks, "distributed", lfr, "--weighted", "--memory-cap", f"{cap_mb:.6f}", "--name", "capped", "--quiet")
    check(lfr, "capped", stored_arrays(lfr, "serial"))
with h5py.File(lfr, "r") as f:
    assert "refused" not in f["results"], "a refused run stored a result"
print(f"distributed analyses on {n_ranks} ranks equal the single process")
