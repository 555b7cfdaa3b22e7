"""Decoding firmnet's stored columns into pandas, shared by the module and the pure reader.

Both the compiled module (``firmnet._core``) and the h5py reader (``firmnet.reader``) describe
each column as a tuple ``(kind, data...)`` and hand it to :func:`decode_column`, so a column
reads the same whichever way the file is opened (docs/FORMAT.md has the stored encodings):

- ``("text", object array)``: plain text (node id and name);
- ``("dictionary", codes, values)``: int codes into a dictionary, -1 missing → a pandas
  ``Categorical`` (missing is NaN);
- ``("float64", array)``: NaN missing, kept as is;
- ``("int64", array)``: -2**63 missing → the numpy array when nothing is missing, else
  pandas nullable ``Int64`` (missing is ``<NA>``);
- ``("year", array)``: a year, 0 unknown → the numpy array when every year is known, else
  nullable ``Int16``/``Int32``;
- ``("node", indices)``: node indices (edge endpoints) → a ``Categorical`` over the node ids.

Arrays are wrapped, not copied, where pandas allows it: float columns stay the numpy array
given; nullable integers keep their values array and add a mask (one byte per row); a
categorical converts its codes to the smallest integer type holding the dictionary.
Integer columns with nothing missing stay plain numpy integers, as pandas keeps them.
"""
import numpy as np
import pandas as pd

MISSING_INT64 = np.iinfo(np.int64).min

# Node columns of results that hold a node index (-1: none), decoded to the node's id.
NODE_REFERENCE_COLUMNS = frozenset({"immediate_dominator"})


def decode_column(column, ids=None):
    """One stored column, as described above, as a pandas array. O(rows).

    ``ids`` (the node ids) is needed for ``node`` columns.

    Example: ``decode_column(("dictionary", np.array([0, -1], np.int32), ["a"]))`` is
    ``['a', NaN]`` as a Categorical.
    """
    kind = column[0]
    if kind == "text" or kind == "float64":
        return column[1]
    if kind == "dictionary":
        codes, values = column[1], list(column[2])
        return pd.Categorical.from_codes(codes, categories=pd.Index(values, dtype=object))
    if kind in ("int64", "year"):
        values = column[1]
        missing = values == (MISSING_INT64 if kind == "int64" else 0)
        return pd.arrays.IntegerArray(values, missing, copy=False) if missing.any() else values
    if kind == "node":
        return pd.Categorical.from_codes(column[1], categories=pd.Index(ids, dtype=object))
    raise ValueError(f"unknown column kind {kind!r}")


def frame(columns, ids=None, index=None):
    """A DataFrame of ``[(name, column), ...]`` decoded with :func:`decode_column`, without
    consolidating the columns into one block (that would copy them). O(rows × columns)."""
    data = {name: decode_column(column, ids) for name, column in columns}
    return pd.DataFrame(data, index=index, copy=False)


def node_frame(columns):
    """The node table: ``id``, ``name`` (NaN when empty), the schema columns and the extra
    columns, one row per node in node order (row i is node index i). O(n)."""
    for name, column in columns:
        if name == "name":
            names = column[1]
            names[names == ""] = np.nan  # in place: the object array is this call's own
    return frame(columns)


def edge_frame(columns, ids):
    """The edge table in edge order: ``source`` and ``target`` as node ids (Categoricals
    whose codes are the node indices), ``type``, ``weight``, ``year`` (<NA> undated) and the
    extra columns. O(m)."""
    return frame(columns, ids)


def python_scalar(value):
    """An HDF5 attribute or numpy scalar as a Python int, float or str. O(length)."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, np.generic):
        return value.item()
    return value


class Result:
    """A stored result (``/results/<name>/`` in the network file).

    Attributes:
        name, method: the result's name and the method that made it.
        seed, threads: the run's seed and thread count.
        params: every setting that shaped the numbers (dict).
        scalars: outcomes such as modularity or counts (dict).
        columns: per-node DataFrame, indexed by node id, one row per node in node order;
            node references (``immediate_dominator``) are decoded to node ids.
        tables: dict of per-group DataFrames (one row per community, park, industry, ...).

    Copies: none for the numbers of a result the module computed (the library's vectors are
    moved into numpy); a result read from the file is read once.

    Example::

        r = net.results["leiden"]
        r.columns["membership"].value_counts().head()
        r.tables["communities"].sort_values("size", ascending=False)
    """

    def __init__(self, stored, ids):
        self.name = stored["name"]
        self.method = stored["method"]
        self.seed = int(stored["seed"])
        self.threads = int(stored["threads"])
        self.params = {k: python_scalar(v) for k, v in stored["parameters"].items()}
        self.scalars = {k: python_scalar(v) for k, v in stored["scalars"].items()}
        columns = []
        for name, column in stored["columns"]:
            if name in NODE_REFERENCE_COLUMNS and column[0] == "int64":
                column = ("node", np.where(column[1] < 0, -1, column[1]))
            columns.append((name, column))
        index = pd.Index(ids, dtype=object, name="id")
        self.columns = frame(columns, ids, index=index)
        self.tables = {name: frame(table) for name, table in stored["tables"]}

    def __getitem__(self, column):
        """A per-node column by name, as a Series indexed by node id. O(1)."""
        return self.columns[column]

    def __repr__(self):
        return (f"<firmnet.Result {self.name!r} method={self.method!r} columns={list(self.columns.columns)} "
                f"tables={list(self.tables)}>")
