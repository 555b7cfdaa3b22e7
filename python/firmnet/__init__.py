"""firmnet from Python: firm-linkage networks in pandas, numpy, networkx and igraph habits.

The compiled part (``firmnet._core``, built with pybind11 by firmnet's CMake build) runs
firmnet's C++ library; this package turns its tables and results into pandas. docs/PYTHON.md
maps every call to its ``firmnet`` command and to the HDF5 layout (docs/FORMAT.md).

    import firmnet as fn
    net = fn.import_csv("nodes.csv", "edges.csv", "net.h5")   # or fn.from_pandas(nodes, edges, "net.h5")
    net = fn.open("net.h5")
    net.nodes, net.edges, net.results["leiden"].columns
    net.communities(resolution=1.0, layers=["supply"], seed=1, runs=10, name="leiden")
    net.parks("leiden").tables["units"]

``fn.read(path)`` reads a network file with h5py and pandas only; it works without the
compiled part.
"""
from .frames import Result
from .reader import StoredNetwork, read

import importlib

try:
    _core = importlib.import_module("._core", __name__)
except ImportError as _missing:  # only the pure reader is available
    _core = None
    compiled = False
    _core_error = str(_missing)

    def __getattr__(name):
        if name in __all__:
            raise AttributeError(f"firmnet.{name} needs the compiled part firmnet._core, which did not import "
                                 f"({_core_error}); firmnet.read works without it")
        raise AttributeError(f"module 'firmnet' has no attribute {name!r}")
else:
    compiled = True  # firmnet._core imported: every call is available
    from .network import (DataError, Error, Network, Results, UsageError, from_networkx, from_pandas,
                          import_csv, open)

    __version__ = _core.version

    def describe_csv_columns():
        """The accepted header names of each node and edge column (``firmnet import --help``). O(1)."""
        return _core.describe_csv_columns()

__all__ = ["read", "Result", "StoredNetwork", "open", "import_csv", "from_pandas", "from_networkx", "Network",
           "Results", "Error", "DataError", "UsageError", "describe_csv_columns"]
