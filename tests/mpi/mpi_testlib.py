"""Shared helpers of the MPI end-to-end tests: firmnet-mpi under mpirun (docs/MPI.md)."""
import os
import shlex
import subprocess
import sys

import h5py
import numpy as np

sys.path.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import firmnet_testlib  # noqa: E402  (after the path it needs)
from firmnet_testlib import run  # noqa: E402, F401  (re-exported)


def mpi_arguments(parser):
    """The MPI tests' options beside firmnet_testlib's: the MPI binary, the launcher, the ranks."""
    parser.add_argument("--firmnet-mpi", required=True)
    parser.add_argument("--mpirun", required=True, help="the launcher and its options, e.g. 'mpirun --oversubscribe'")
    parser.add_argument("--ranks", type=int, default=2)


def parse_args():
    return firmnet_testlib.parse_args(mpi_arguments)


def mpi_command(args, ranks, *argv):
    """The argv of firmnet-mpi on `ranks` ranks."""
    return [*shlex.split(args.mpirun), "-n", str(ranks), args.firmnet_mpi, *argv]


def run_mpi(args, ranks, *argv, expect=0):
    """Runs firmnet-mpi on `ranks` ranks; checks the exit code (expect=None: any failure)."""
    proc = subprocess.run(mpi_command(args, ranks, *argv), capture_output=True, text=True, timeout=120)
    failed = proc.returncode != 0 if expect is None else proc.returncode != expect
    if (expect is None and not failed) or (expect is not None and failed):
        sys.stderr.write(f"firmnet-mpi -n {ranks} {' '.join(argv)} exited {proc.returncode}, expected {expect}\n")
        sys.stderr.write(proc.stdout + proc.stderr)
        sys.exit(1)
    return proc


def stored_arrays(path, result):
    """Every dataset under /results/<result>/ as {relative path: numpy array}."""
    arrays = {}
    with h5py.File(path, "r") as f:
        def visit(name, item):
            if isinstance(item, h5py.Dataset):
                arrays[name] = item[()]
        f["results/" + result].visititems(visit)
    return arrays


def assert_same_result(path, expected, actual):
    """The datasets of two stored results are bit-identical (NaN equal to NaN)."""
    a, b = stored_arrays(path, expected), stored_arrays(path, actual)
    assert a.keys() == b.keys(), f"{expected} and {actual} store different datasets: {sorted(a.keys() ^ b.keys())}"
    for name in a:
        same = np.array_equal(a[name], b[name], equal_nan=a[name].dtype.kind == "f")
        assert same, f"/results/{actual}/{name} differs from /results/{expected}/{name}"
