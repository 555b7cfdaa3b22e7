"""The Python module firmnet (python/, docs/PYTHON.md), run by pytest against the build tree.

ctest runs this file as py.test_python_module with PYTHONPATH=<build>/python and
FIRMNET_BINARY / FIRMNET_SOURCE_DIR set. The module must give the CLI's numbers on the same
file and seed (it calls the same library functions), read back what it writes, keep the
pandas round trip exact, name bad DataFrame rows, run concurrently without the GIL and never
damage a file when interrupted.
"""
import hashlib
import os
import shutil
import subprocess
import sys
import threading
import tracemalloc

import h5py
import numpy as np
import pandas as pd
import pytest

import firmnet as fn
from firmnet.reader import strings

FIRMNET = os.environ.get("FIRMNET_BINARY", "firmnet")
SOURCE = os.environ.get("FIRMNET_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
DEMO = os.path.join(SOURCE, "datasets", "demo")
HANDMADE = os.path.join(SOURCE, "datasets", "handmade")


def cli(*args):
    return subprocess.run([FIRMNET, "--quiet", *args], check=True, capture_output=True, text=True).stdout


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo network imported by the module, with the CLI's leiden result stored."""
    path = str(tmp_path_factory.mktemp("demo") / "demo.h5")
    fn.import_csv(os.path.join(DEMO, "nodes.csv"), os.path.join(DEMO, "edges.csv"), path, progress=False)
    cli("--seed", "3", "communities", path, "--runs", "2", "--name", "leiden")
    return path


@pytest.fixture(scope="module")
def handmade(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("handmade") / "handmade.h5")
    cli("import", "--nodes", os.path.join(HANDMADE, "nodes.csv"), "--edges", os.path.join(HANDMADE, "edges.csv"),
        "-o", path)
    return path


# ---- the same numbers as the CLI --------------------------------------------------------------

def test_leiden_membership_equals_the_cli(demo, tmp_path):
    copy = str(tmp_path / "copy.h5")
    shutil.copy(demo, copy)
    cli("--seed", "7", "--threads", "1", "communities", copy, "--runs", "3", "--resolution", "0.8",
        "--layers", "supply,subcontract", "--name", "cli")
    net = fn.open(copy)
    mine = net.communities(resolution=0.8, layers=["supply", "subcontract"], runs=3, seed=7, threads=2, name="py",
                           progress=False)
    theirs = net.results["cli"]
    assert mine.method == theirs.method == "leiden"
    np.testing.assert_array_equal(mine.columns["membership"].to_numpy(), theirs.columns["membership"].to_numpy())
    assert mine.scalars["modularity"] == pytest.approx(theirs.scalars["modularity"], abs=1e-12)
    assert mine.scalars["communities"] == theirs.scalars["communities"] > 10
    assert {k: v for k, v in mine.params.items()} == {k: v for k, v in theirs.params.items()}
    # the module stored its result too, readable as any other
    assert set(fn.open(copy).results) >= {"cli", "py", "leiden"}
    # the fast setting, as the CLI's --iterations 1 --pass-stop-fraction 0.05
    cli("--seed", "7", "--threads", "1", "communities", copy, "--iterations", "1", "--pass-stop-fraction", "0.05",
        "--name", "cli_fast")
    fast = net.communities(iterations=1, pass_stop_fraction=0.05, seed=7, threads=2, name="py_fast", progress=False)
    np.testing.assert_array_equal(fast.columns["membership"].to_numpy(),
                                  net.results["cli_fast"].columns["membership"].to_numpy())
    assert fast.params["pass_stop_fraction"] == 0.05 and fast.params["iterations"] == 1
    # and with lightest-first refinement, as the CLI's --refine-order lightest-first
    cli("--seed", "7", "--threads", "1", "communities", copy, "--iterations", "1", "--pass-stop-fraction", "0.05",
        "--refine-order", "lightest-first", "--name", "cli_light")
    light = net.communities(iterations=1, pass_stop_fraction=0.05, refine_order="lightest-first", seed=7, threads=2,
                            name="py_light", progress=False)
    np.testing.assert_array_equal(light.columns["membership"].to_numpy(),
                                  net.results["cli_light"].columns["membership"].to_numpy())
    assert light.params["refine_order"] == "lightest-first" and fast.params["refine_order"] == "visiting"
    with pytest.raises(fn.UsageError, match="unknown refine_order"):
        net.communities(refine_order="heaviest", progress=False)


def test_pagerank_equals_the_cli_and_an_independent_power_iteration(demo, tmp_path):
    copy = str(tmp_path / "copy.h5")
    shutil.copy(demo, copy)
    cli("centrality", copy, "--measures", "pagerank,degree", "--name", "cli")
    net = fn.open(copy)
    mine = net.centrality(["pagerank", "degree"], name="py", progress=False)
    theirs = net.results["cli"]
    np.testing.assert_array_equal(mine["pagerank"].to_numpy(), theirs["pagerank"].to_numpy())
    # numpy power iteration on the weight-free directed graph, dangling mass spread evenly
    n = net.node_count
    pairs = net.edges[["source", "target"]].apply(lambda c: c.cat.codes).drop_duplicates().to_numpy()
    out_degree = np.bincount(pairs[:, 0], minlength=n)
    rank = np.full(n, 1.0 / n)
    for _ in range(200):
        spread = np.zeros(n)
        np.add.at(spread, pairs[:, 1], rank[pairs[:, 0]] / out_degree[pairs[:, 0]])
        rank = 0.15 / n + 0.85 * (spread + rank[out_degree == 0].sum() / n)
    np.testing.assert_allclose(mine["pagerank"].to_numpy(), rank, rtol=1e-6, atol=1e-12)


def test_park_verdicts_equal_the_cli(demo, tmp_path):
    copy = str(tmp_path / "copy.h5")
    shutil.copy(demo, copy)
    cli("--seed", "5", "parks", copy, "--communities", "leiden", "--null-models", "19", "--name", "cli")
    net = fn.open(copy)
    mine = net.parks("leiden", null_models=19, seed=5, name="py", progress=False).tables["units"]
    theirs = net.results["cli"].tables["units"]
    pd.testing.assert_frame_equal(mine, theirs)
    assert set(mine["verdict"].astype(str)) >= {"co-location only", "part of a wider cluster", "too small to tell"}
    # The chains' schedule takes the CLI's options too, and the same numbers come out.
    cli("--seed", "5", "parks", copy, "--communities", "leiden", "--null-models", "19", "--burn-in", "2",
        "--null-spacing", "0.5", "--name", "cli_schedule")
    tuned = net.parks("leiden", null_models=19, burn_in=2, null_spacing=0.5, seed=5, name="py_schedule", progress=False)
    assert tuned.params["burn_in_swaps"] == 2 and tuned.params["spacing_swaps"] == 0.5
    pd.testing.assert_frame_equal(tuned.tables["units"], net.results["cli_schedule"].tables["units"])


def test_anchors_concentration_and_analyze_store_their_results(handmade, tmp_path):
    copy = str(tmp_path / "copy.h5")
    shutil.copy(handmade, copy)
    net = fn.open(copy)
    out = net.analyze(null_models=19, runs=2, seed=2, progress=False)
    assert list(out) == ["leiden", "centrality", "risk", "anchors", "exposure", "parks", "concentration", "clusters", "evolution", "analyze"]
    stored = fn.open(copy).results
    assert set(stored) == set(out)
    pd.testing.assert_frame_equal(stored["parks"].tables["units"], out["parks"].tables["units"])
    phases = out["analyze"].tables["phases"]["phase"].astype(str).tolist()
    assert phases[0] == "summary" and phases[-1] == "store"
    # the CLI's analyze on the same CSV files, seed and settings gives the same verdicts
    cli_file = str(tmp_path / "cli.h5")
    cli("--seed", "2", "analyze", "--nodes", os.path.join(HANDMADE, "nodes.csv"), "--edges",
        os.path.join(HANDMADE, "edges.csv"), "-o", cli_file, "--null-models", "19", "--runs", "2")
    theirs = fn.open(cli_file).results
    pd.testing.assert_frame_equal(theirs["parks"].tables["units"], out["parks"].tables["units"])
    np.testing.assert_array_equal(theirs["anchors"]["anchor_score"], out["anchors"]["anchor_score"])
    conc = net.concentration(by="park", min_firms=1, name="conc", progress=False)
    cli("concentration", copy, "--by", "park", "--min-firms", "1", "--name", "cli_conc")
    industries = conc.tables["industries"]
    assert len(industries) > 0
    pd.testing.assert_frame_equal(industries, fn.open(copy).results["cli_conc"].tables["industries"])


# ---- reading ----------------------------------------------------------------------------------

def test_pure_reader_decodes_the_same_as_the_module(demo):
    net = fn.open(demo)
    stored = fn.read(demo)
    pd.testing.assert_frame_equal(net.nodes, stored.nodes)
    pd.testing.assert_frame_equal(net.edges, stored.edges)
    assert set(stored.results) == set(net.results) == {"leiden"}
    mine, theirs = net.results["leiden"], stored.results["leiden"]
    pd.testing.assert_frame_equal(mine.columns, theirs.columns)
    assert mine.tables.keys() == theirs.tables.keys()
    for name in mine.tables:
        pd.testing.assert_frame_equal(mine.tables[name], theirs.tables[name])
    assert mine.params == theirs.params and mine.scalars == theirs.scalars
    # against h5py by hand: decoded values, not codes or sentinels
    with h5py.File(demo) as f:
        codes = f["nodes/park"][:]
        names = strings(f["nodes/dictionaries"], "park")
        expected = np.where(codes >= 0, names[np.maximum(codes, 0)], None)
        assert list(net.nodes["park"].astype(object).where(net.nodes["park"].notna(), None)) == list(expected)
        np.testing.assert_array_equal(net.edges["target"].cat.codes.to_numpy(), f["edges/target"][:])
    assert net.nodes["lat"].dtype == np.float64 and str(net.nodes["park"].dtype) == "category"
    assert net.edges["year"].isna().all()  # the demo's links are undated: <NA>, not 0


def test_node_columns_are_views_not_copies(demo):
    net = fn.open(demo)
    lat = net.nodes["lat"].to_numpy()
    assert not lat.flags.writeable and not lat.flags.owndata  # a view of the loaded network
    weight = net.edges["weight"].to_numpy()
    assert not weight.flags.owndata


def test_memory_of_nodes_is_one_copy_of_each_column(tmp_path):
    path = str(tmp_path / "scale.h5")
    # A million nodes, as the issue asks; few links per firm keep generation to seconds.
    cli("--threads", "1", "generate", "scale", "--firms", "1000000", "--links", "3000000", "-o", path)
    net = fn.open(path)
    tracemalloc.start()
    nodes = net.nodes
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(nodes) == 1000000
    held = nodes.memory_usage(deep=True).sum()
    # Zero-copy float columns are not allocated at all, so the peak stays below what the frame
    # holds; a second copy of any column set would show up as a peak near twice that.
    assert peak < 1.2 * held, (peak, held)


# ---- pandas, networkx, igraph ------------------------------------------------------------------

def mixed_frames():
    nodes = pd.DataFrame({
        "id": ["甲", "b", "c", "d"],
        "name": ["苏州华晟汽车制造有限公司", None, 'Quote "Co", Ltd\nline two', "Plain"],
        "kind": ["firm", "university", "firm", "firm"],
        "park": ["苏州工业园", None, "苏州工业园", "p2"],
        "lat": [31.3, np.nan, 31.31, 30.0],
        "lon": [120.7, np.nan, 120.72, 121.0],
        "employees": [5200.0, np.nan, 12.0, 3.0],
        "certified": pd.array([1, None, 3, -4], dtype="Int64"),
        "score": [0.25, np.nan, 1.5, -2.75],
        "segment": ["零部件", "研发", None, "零部件"],
    }, index=["r0", "r1", "r2", "r3"])
    edges = pd.DataFrame({
        "source": ["甲", "c", "b", "甲"],
        "target": ["c", "d", "甲", "d"],
        "type": ["supply", "supply", "technology", "cooperation"],
        "weight": [2.5, 1.0, 0.125, 3.0],
        "year": pd.array([2019, None, 2021, 2020], dtype="Int64"),
        "contract": ["合同A", None, "B", "C"],
    }, index=[10, 11, 12, 13])
    return nodes, edges


def test_from_pandas_round_trip_keeps_text_missing_values_and_types(tmp_path):
    nodes, edges = mixed_frames()
    net = fn.from_pandas(nodes, edges, tmp_path / "mixed.h5", progress=False)
    back = fn.open(tmp_path / "mixed.h5").nodes
    assert list(back["id"]) == list(nodes["id"])
    assert back["name"].iloc[0] == "苏州华晟汽车制造有限公司" and pd.isna(back["name"].iloc[1])
    assert back["name"].iloc[2] == 'Quote "Co", Ltd\nline two'
    assert list(back["kind"].astype(str)) == list(nodes["kind"])
    assert back["park"].iloc[0] == "苏州工业园" and pd.isna(back["park"].iloc[1])
    for column in ("lat", "lon", "employees", "score"):
        np.testing.assert_array_equal(back[column].to_numpy(), nodes[column].to_numpy())
    assert str(back["certified"].dtype) == "Int64"
    pd.testing.assert_series_equal(back["certified"], nodes["certified"].reset_index(drop=True))
    assert str(back["segment"].dtype) == "category"
    assert back["segment"].astype(object).where(back["segment"].notna(), None).tolist() == ["零部件", "研发", None, "零部件"]
    # edges come back in source-major order: compare as sets of rows
    got = net.edges.astype({"source": str, "target": str, "type": str, "contract": object})
    got["year"] = got["year"].astype("Int64")
    key = ["source", "target"]
    mine = got.sort_values(key).reset_index(drop=True)
    theirs = edges.sort_values(key).reset_index(drop=True)
    assert mine[key + ["type"]].values.tolist() == theirs[key + ["type"]].values.tolist()
    np.testing.assert_array_equal(mine["weight"], theirs["weight"])
    assert mine["year"].tolist() == theirs["year"].tolist()
    assert mine["contract"].where(mine["contract"].notna(), None).tolist() == \
        theirs["contract"].where(theirs["contract"].notna(), None).tolist()


@pytest.mark.parametrize("damage, where", [
    ("duplicate_id", "nodes row 'r3': duplicate_node_id"),
    ("unknown_endpoint", "edges row 12: unknown_endpoint"),
    ("nan_weight", "edges row 11: bad_weight"),
])
def test_bad_frame_raises_data_error_naming_the_row_and_writes_nothing(tmp_path, damage, where):
    nodes, edges = mixed_frames()
    if damage == "duplicate_id":
        nodes.loc["r3", "id"] = "b"
    elif damage == "unknown_endpoint":
        edges.loc[12, "source"] = "nobody"
    else:
        edges.loc[11, "weight"] = np.nan
    out = tmp_path / "bad.h5"
    with pytest.raises(fn.DataError) as raised:
        fn.from_pandas(nodes, edges, out, progress=False)
    assert where in str(raised.value), str(raised.value)
    assert "nothing was written" in str(raised.value)
    assert isinstance(raised.value, fn.Error)
    assert os.listdir(tmp_path) == []  # no network file, no temporary CSV left behind
    assert where.split(": ")[0] in [issue[0] for issue in raised.value.issues]


def test_errors_are_the_cli_messages(tmp_path, demo):
    missing = tmp_path / "missing.h5"
    with pytest.raises(fn.DataError) as raised:
        fn.open(missing)
    cli_error = subprocess.run([FIRMNET, "info", str(missing)], capture_output=True, text=True)
    assert cli_error.returncode == 1 and str(raised.value) in cli_error.stderr
    with pytest.raises(fn.UsageError, match="unknown method 'nope'"):
        fn.open(demo).communities(method="nope", progress=False)
    with pytest.raises(fn.UsageError):
        fn.open(demo).communities(layers=["not-a-layer"], progress=False)
    bad_edges = tmp_path / "edges.csv"
    bad_edges.write_text("source,target,weight\na,b,1\na,c,-2\n")
    with pytest.raises(fn.DataError) as raised:
        fn.import_csv(None, bad_edges, tmp_path / "x.h5")
    assert f"{bad_edges}:3: bad_weight" in str(raised.value)
    assert raised.value.issues[0][1:3] == (3, "bad_weight")


def test_to_networkx_and_to_igraph_keep_counts_and_attributes(handmade):
    net = fn.open(handmade)
    G = net.to_networkx()
    assert G.number_of_nodes() == net.node_count == 42
    assert G.number_of_edges() == net.edge_count == len(net.edges)
    first = net.nodes.iloc[0]
    assert G.nodes[first["id"]]["name"] == first["name"] and G.nodes[first["id"]]["park"] == first["park"]
    edge = net.edges.iloc[0]
    data = G.get_edge_data(edge["source"], edge["target"])[str(edge["type"])]
    assert data["weight"] == edge["weight"]
    g = net.to_igraph()
    assert (g.vcount(), g.ecount()) == (42, net.edge_count)
    assert g.vs[0]["name"] == first["id"] and g.vs[0]["label"] == first["name"]
    assert g.es[0]["weight"] == edge["weight"] and g.es[0]["type"] == edge["type"]
    supply = net.view(layers=["supply"])
    assert len(supply.edges) == (net.edges["type"] == "supply").sum() == supply.to_igraph().ecount()


def test_from_networkx_karate_club_gives_78_links(tmp_path):
    nx = pytest.importorskip("networkx")
    net = fn.from_networkx(nx.karate_club_graph(), tmp_path / "karate.h5", relation="cooperation", progress=False)
    assert (net.node_count, net.edge_count) == (34, 78)
    assert set(net.nodes["club"].astype(str)) == {"Mr. Hi", "Officer"}
    c = net.communities(seed=1, progress=False)
    # igraph, on the same weighted undirected graph: the modularity of firmnet's partition,
    # and Louvain's as a floor for Leiden's
    g = net.to_igraph().as_undirected(combine_edges={"weight": "sum"})
    membership = c.columns["membership"].to_numpy().tolist()
    assert g.modularity(membership, weights="weight") == pytest.approx(c.scalars["modularity"], abs=1e-9)
    assert c.scalars["modularity"] >= g.community_multilevel(weights="weight").modularity - 1e-3


def test_subgraph_of_a_park(demo, tmp_path):
    net = fn.open(demo)
    members = net.nodes.index[net.nodes["park"] == "park-01"]
    sub = net.subgraph(park="park-01", path=tmp_path / "p1.h5")
    assert sub.node_count == len(members) == 200
    inside = net.edges["source"].cat.codes.isin(members) & net.edges["target"].cat.codes.isin(members)
    assert sub.edge_count == inside.sum()
    assert fn.open(tmp_path / "p1.h5").nodes["id"].tolist() == net.nodes["id"].iloc[members].tolist()


def test_excel_through_pandas_then_analyze(tmp_path):
    pytest.importorskip("openpyxl")
    workbook = tmp_path / "firms.xlsx"
    with pd.ExcelWriter(workbook) as writer:
        pd.read_csv(os.path.join(HANDMADE, "nodes.csv")).to_excel(writer, sheet_name="firms", index=False)
        pd.read_csv(os.path.join(HANDMADE, "edges.csv")).to_excel(writer, sheet_name="links", index=False)
    nodes = pd.read_excel(workbook, sheet_name="firms")
    edges = pd.read_excel(workbook, sheet_name="links")
    net = fn.from_pandas(nodes, edges, tmp_path / "excel.h5", progress=False)
    out = net.analyze(null_models=19, runs=2, progress=False)
    reference = str(tmp_path / "csv.h5")
    cli("analyze", "--nodes", os.path.join(HANDMADE, "nodes.csv"), "--edges", os.path.join(HANDMADE, "edges.csv"),
        "-o", reference, "--null-models", "19", "--runs", "2")
    pd.testing.assert_frame_equal(out["parks"].tables["units"], fn.open(reference).results["parks"].tables["units"])


def test_parquet_through_pandas(tmp_path):
    pytest.importorskip("pyarrow")
    nodes, edges = mixed_frames()
    nodes.to_parquet(tmp_path / "n.parquet")
    edges.to_parquet(tmp_path / "e.parquet")
    net = fn.from_pandas(pd.read_parquet(tmp_path / "n.parquet"), pd.read_parquet(tmp_path / "e.parquet"),
                         tmp_path / "pq.h5", progress=False)
    assert (net.node_count, net.edge_count) == (4, 4)


# ---- GIL, threads, progress, Ctrl-C -------------------------------------------------------------

def test_two_threads_run_pagerank_concurrently_and_agree_with_sequential_runs(demo, handmade, tmp_path):
    paths = [str(tmp_path / "a.h5"), str(tmp_path / "b.h5")]
    shutil.copy(demo, paths[0])
    shutil.copy(handmade, paths[1])
    nets = [fn.open(p) for p in paths]
    sequential = [n.centrality(["pagerank"], name="seq", threads=1, progress=False)["pagerank"].to_numpy()
                  for n in nets]
    results, errors = [None, None], []

    def work(i):
        try:
            for _ in range(3):
                results[i] = nets[i].centrality(["pagerank"], name=f"par{i}", threads=1,
                                                progress=False)["pagerank"].to_numpy()
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for i in range(2):
        np.testing.assert_array_equal(results[i], sequential[i])
        assert f"par{i}" in fn.open(paths[i]).results


def test_progress_callback_and_threads(demo, tmp_path):
    copy = str(tmp_path / "copy.h5")
    shutil.copy(demo, copy)
    reports = []
    r = fn.open(copy).communities(runs=2, seed=1, threads=1, progress=lambda s, f: reports.append((s, f)),
                                  name="p")
    assert reports and all(0.0 <= f <= 1.0 for _, f in reports)
    assert r.threads == 1


def test_keyboard_interrupt_leaves_the_file_readable_and_unchanged(demo, tmp_path):
    copy = str(tmp_path / "copy.h5")
    shutil.copy(demo, copy)
    before = digest(copy)

    def interrupt(stage, fraction):
        raise KeyboardInterrupt

    net = fn.open(copy)
    with pytest.raises(KeyboardInterrupt):
        net.communities(runs=3, name="interrupted", progress=interrupt)
    with pytest.raises(KeyboardInterrupt):
        net.parks("leiden", null_models=19, name="interrupted", progress=interrupt)
    assert digest(copy) == before
    assert "interrupted" not in fn.open(copy).results and "leiden" in fn.read(copy).results
    assert not [n for n in os.listdir(tmp_path) if ".tmp-" in n]


def test_ctrl_c_during_a_parallel_null_model_stores_nothing(demo, tmp_path):
    copy = str(tmp_path / "copy.h5")
    shutil.copy(demo, copy)
    before = digest(copy)
    # SIGINT to the process itself while the null model's parallel loop runs (a subprocess, so
    # that pytest does not receive it): the call raises KeyboardInterrupt and stores nothing.
    # The timer starts when the null replicates report their first progress, not at a fixed
    # time, so that a slow (loaded) machine still sends it inside the loop.
    script = f"""
import os, signal, threading, firmnet as fn
net = fn.open({copy!r})
seen = []
def progress(stage, fraction):
    if stage == "null replicates" and stage not in seen:
        threading.Timer(0.05, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
    seen.append(stage)
try:
    net.parks("leiden", null_models=3000, threads=2, name="sigint", progress=progress)
    print("finished")
except KeyboardInterrupt:
    print("interrupted", "null replicates" in seen)
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "interrupted True", (out.stdout, out.stderr)
    assert digest(copy) == before and "sigint" not in fn.read(copy).results


def test_anchors_study_area_equals_the_cli(handmade, tmp_path):
    copy = str(tmp_path / "copy.h5")
    shutil.copy(handmade, copy)
    cli("anchors", copy, "--by", "region", "--study-area", "Suzhou", "--name", "cli")
    net = fn.open(copy)
    mine = net.anchors(by="region", study_area=["Suzhou"], name="py", progress=False)
    theirs = net.results["cli"]
    np.testing.assert_array_equal(mine["ranked"].to_numpy(), theirs["ranked"].to_numpy())
    assert mine.params["study_area_resolved"] == theirs.params["study_area_resolved"] == "regions Suzhou"
    ranked = mine["ranked"].to_numpy() == 1
    assert set(net.nodes["region"].astype(str).to_numpy()[ranked]) == {"Suzhou"}
    # the default: the regions holding parks (Suzhou, Nantong), never Shanghai's buyers
    default = net.anchors(by="region", name="py_default", progress=False)
    regions = set(net.nodes["region"].astype(str).to_numpy()[default["ranked"].to_numpy() == 1])
    assert regions == {"Suzhou", "Nantong"}
    # parks takes the same study area: only Suzhou's parks are tested, as on the command line
    cli("--seed", "3", "parks", copy, "--null-models", "9", "--study-area", "Suzhou", "--name", "cli_parks")
    parks = net.parks(null_models=9, seed=3, study_area=["Suzhou"], name="py_parks", progress=False)
    pd.testing.assert_frame_equal(parks.tables["units"], fn.open(copy).results["cli_parks"].tables["units"])
    assert parks.params["study_area_resolved"] == "regions Suzhou"
    nodes = net.nodes
    suzhou_parks = set(nodes["park"].astype(str)[(nodes["region"].astype(str) == "Suzhou") & nodes["park"].notna()])
    assert set(parks.tables["units"]["name"].astype(str)) == suzhou_parks


def test_import_csv_reads_gb18030_semicolons_and_mapped_columns_as_the_cli_does(tmp_path):
    nodes = tmp_path / "nodes.csv"
    edges = tmp_path / "edges.csv"
    nodes.write_bytes("企业ID;名称;纬度\nA;无锡纺纱有限公司;31,57\nB;上海服装集团;31,23\n".encode("gb18030"))
    edges.write_bytes("卖方;买方;金额\nA;B;1,5\n".encode("gb18030"))
    with pytest.raises(fn.DataError, match="line 1: invalid UTF-8 in the header; looks like GB18030"):
        fn.import_csv(nodes, edges, tmp_path / "x.h5")
    assert not (tmp_path / "x.h5").exists()
    net = fn.import_csv(nodes, edges, tmp_path / "net.h5", encoding="gb18030", delimiter=";",
                        column_map={"id": "企业ID", "source": "卖方", "target": "买方"}, progress=False)
    assert net.nodes["name"].tolist() == ["无锡纺纱有限公司", "上海服装集团"]
    assert net.nodes["lat"].tolist() == [31.57, 31.23]
    assert net.edges["weight"].tolist() == [1.5]
    with pytest.raises(fn.UsageError, match="'supplier_code' is not a field"):
        fn.import_csv(nodes, edges, tmp_path / "y.h5", encoding="gb18030", column_map={"supplier_code": "卖方"})
    with pytest.raises(fn.UsageError, match="delimiter"):
        fn.import_csv(nodes, edges, tmp_path / "y.h5", delimiter=":")
