"""The Python module's overhead (docs/PYTHON.md, docs/benchmarks.md).

1. Reading: ``fn.open`` + ``net.nodes`` + ``net.edges`` against h5py reading and decoding the
   same columns by hand (the recipe of docs/FORMAT.md), on the same file.
2. Leiden: ``net.communities`` against ``firmnet communities`` on the same file, seed and
   threads; the Python layer's overhead is the difference (the issue's bound: under 5% of the
   CLI time).

Usage (from the checkout, after `make build` and `make bench-data`):
    PYTHONPATH=build/python python3 bench/bench_python.py build/bench-data/scale-1m-10m.h5 \
        --firmnet build/firmnet [--threads 2] [--repeats 3]
"""
import argparse
import os
import shutil
import subprocess
import tempfile
import time

import h5py
import numpy as np
import pandas as pd

import firmnet as fn
from firmnet.reader import strings


def by_hand(path):
    """The node and edge columns read and decoded with h5py and pandas (and firmnet.reader's
    text decoding, itself h5py only), no compiled firmnet."""
    with h5py.File(path, "r") as f:
        nodes, edges = f["nodes"], f["edges"]
        frame = {"id": strings(nodes, "id"), "name": strings(nodes, "name")}
        for column in ("industry", "stage", "region", "park", "ownership"):
            frame[column] = pd.Categorical.from_codes(nodes[column][:], strings(nodes["dictionaries"], column))
        for column in ("lat", "lon", "employees", "revenue", "founded"):
            frame[column] = nodes[column][:]
        node_frame = pd.DataFrame(frame)
        edge_frame = pd.DataFrame({"source": edges["source"][:], "target": edges["target"][:],
                                   "type": pd.Categorical.from_codes(edges["type"][:],
                                                                     strings(edges["dictionaries"], "type")),
                                   "weight": edges["weight"][:], "year": edges["year"][:]})
    return node_frame, edge_frame


def with_module(path):
    net = fn.open(path)
    return net.nodes, net.edges


def best_of(repeats, work):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("network")
    parser.add_argument("--firmnet", default="build/firmnet")
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    hand = best_of(args.repeats, lambda: by_hand(args.network))
    module = best_of(args.repeats, lambda: with_module(args.network))
    print(f"read nodes+edges: h5py by hand {hand:.2f} s, fn.open+nodes+edges {module:.2f} s "
          f"({module / hand:.2f}x)")

    with tempfile.TemporaryDirectory() as work:
        copy = os.path.join(work, "net.h5")
        shutil.copy(args.network, copy)

        def cli():
            subprocess.run([args.firmnet, "--quiet", "--threads", str(args.threads), "communities", copy,
                            "--name", "cli"], check=True, stdout=subprocess.DEVNULL)

        net = fn.open(copy)
        load = best_of(1, lambda: fn.open(copy))
        cli_times, py_times = [], []
        for _ in range(args.repeats):  # interleaved, so that a busy machine slows both alike
            cli_times.append(best_of(1, cli))
            py_times.append(best_of(1, lambda: net.communities(threads=args.threads, name="py", progress=False)))
        cli_time, py_time = min(cli_times), min(py_times)
        same = np.array_equal(net.results["cli"]["membership"].to_numpy(), net.results["py"]["membership"].to_numpy())
        print(f"leiden: CLI {cli_time:.2f} s (loading included), fn.open {load:.2f} s + net.communities "
              f"{py_time:.2f} s; Python layer overhead {(py_time + load - cli_time) / cli_time * 100:+.1f}% "
              f"of the CLI time (best of {args.repeats}); same membership: {same}")


if __name__ == "__main__":
    main()
