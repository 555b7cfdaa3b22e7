"""firmnet.read: a network file read with h5py and pandas only, no compiled part.

For colleagues who have a firmnet network file but not firmnet: this module needs only h5py,
numpy and pandas (it imports nothing else of firmnet but ``frames.py``), decodes every
dictionary-encoded column and every sentinel the way ``firmnet.open`` does, and follows the
layout of docs/FORMAT.md, section 2.

Example::

    import firmnet
    stored = firmnet.read("net.h5")
    stored.nodes.head()
    stored.results["parks"].tables["units"]
"""
import json

import h5py
import numpy as np

from .frames import Result, edge_frame, node_frame, python_scalar

_NODE_DICTIONARY_COLUMNS = ("industry", "stage", "region", "park", "ownership")
_NODE_REAL_COLUMNS = ("lat", "lon", "employees", "revenue")


def text(value):
    """A text attribute as str, or a list-of-text attribute as a list of str, for files of
    either format version: version 2's fixed-length strings come from h5py as ``bytes``
    (arrays of ``numpy.bytes_``), version 1's variable-length ones as ``str``. Anything else
    is returned unchanged. O(length)."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, np.ndarray) and value.dtype.kind in "SOU":
        return [text(v) for v in value.tolist()]
    return value


def strings(group, name):
    """The text dataset ``group/name`` as a numpy array of str, for files of either format
    version: version 2's string group (``bytes`` + ``offsets``, docs/FORMAT.md) or version 1's
    string dataset. Raises ValueError when the offsets do not describe the bytes. O(bytes)."""
    stored = group[name]
    if isinstance(stored, h5py.Dataset):
        return stored.asstr()[:].astype(object)
    blob = stored["bytes"][:].tobytes()
    offsets = stored["offsets"][:].astype(np.uint64)
    if (len(offsets) == 0 or offsets[0] != 0 or np.any(np.diff(offsets.astype(np.int64)) < 0)
            or int(offsets[-1]) != len(blob)):
        raise ValueError(f"{stored.file.filename}: string dataset '{stored.name}': its offsets do not describe its bytes")
    bounds = offsets.tolist()
    out = np.empty(len(bounds) - 1, dtype=object)
    out[:] = [blob[start:end].decode("utf-8") for start, end in zip(bounds, bounds[1:])]
    return out


def _dictionary(group, column):
    return ("dictionary", group[column][:], list(strings(group["dictionaries"], column)))


def _stored_column(group, column):
    """A column of a node/edge extra group or a result, by its `encoding` attribute."""
    encoding = text(group[column].attrs.get("encoding", ""))
    if encoding == "dictionary":
        return _dictionary(group, column)
    if encoding == "int64":
        return ("int64", group[column][:])
    return ("float64", group[column][:])


def _names(attribute):
    return [str(n) for n in text(attribute)]


def _extra(group):
    if "extra" not in group:
        return []
    extra = group["extra"]
    return [(name, _stored_column(extra, name)) for name in _names(extra.attrs.get("columns", []))]


def _result(group, name):
    attrs = group.attrs
    columns = [(c, _stored_column(group, c)) for c in _names(attrs.get("columns", []))]
    tables = []
    if "tables" in group:
        for table_name, table in group["tables"].items():
            tables.append((table_name, [(c, _stored_column(table, c)) for c in _names(table.attrs.get("columns", []))]))
    parameters = {k: python_scalar(v) for k, v in group["parameters"].attrs.items()} if "parameters" in group else {}
    if not parameters and "parameters_json" in attrs:
        parameters = json.loads(python_scalar(attrs["parameters_json"]))
    scalars = {k: python_scalar(v) for k, v in group["scalars"].attrs.items()} if "scalars" in group else {}
    return {"name": name, "method": python_scalar(attrs.get("method", "")), "seed": int(attrs.get("seed", 0)),
            "threads": int(attrs.get("threads", 1)), "parameters": parameters, "scalars": scalars,
            "columns": columns, "tables": tables}


def node_columns(f):
    """The /nodes group as ``[(name, (kind, data...)), ...]`` (frames.decode_column). O(n)."""
    nodes = f["nodes"]
    columns = [("id", ("text", strings(nodes, "id"))), ("name", ("text", strings(nodes, "name")))]
    columns.append(("kind", _dictionary(nodes, "kind")))
    columns += [(c, _dictionary(nodes, c)) for c in _NODE_DICTIONARY_COLUMNS]
    columns += [(c, ("float64", nodes[c][:])) for c in _NODE_REAL_COLUMNS]
    columns.append(("founded", ("year", nodes["founded"][:])))
    # Files written before the closed column have none: every firm is open (0), as firmnet reads them.
    closed = nodes["closed"][:] if "closed" in nodes else np.zeros(len(nodes["founded"]), dtype=np.int32)
    columns.append(("closed", ("year", closed)))
    return columns + _extra(nodes)


def edge_columns(f):
    """The /edges group as ``[(name, (kind, data...)), ...]``. O(m)."""
    edges = f["edges"]
    columns = [("source", ("node", edges["source"][:])), ("target", ("node", edges["target"][:])),
               ("type", _dictionary(edges, "type")), ("weight", ("float64", edges["weight"][:])),
               ("year", ("year", edges["year"][:]))]
    return columns + _extra(edges)


class StoredNetwork:
    """What :func:`read` returns: ``nodes``, ``edges`` (DataFrames as ``firmnet.open`` gives
    them), ``results`` (dict name → :class:`firmnet.Result`) and ``attrs`` (the root
    attributes: format_version, fingerprint, node_count, ...)."""

    def __init__(self, nodes, edges, results, attrs):
        self.nodes, self.edges, self.results, self.attrs = nodes, edges, results, attrs

    def __repr__(self):
        return f"<firmnet.StoredNetwork {len(self.nodes)} nodes, {len(self.edges)} edges, results {list(self.results)}>"


def read(path):
    """Reads a whole firmnet network file with h5py and pandas only (no compiled part).

    Args:
        path: the network file (.h5) written by firmnet.

    Returns:
        StoredNetwork with ``nodes``, ``edges``, ``results`` and ``attrs``; text columns are
        pandas Categoricals, missing values NaN / <NA>, edge endpoints node ids.

    Raises ValueError when the file is not a firmnet network file. Reads everything:
    O(file size) time and memory (a copy of every column, unlike ``firmnet.open``).

    Example::

        stored = firmnet.read("net.h5")
        stored.results["leiden"].columns["membership"]
    """
    with h5py.File(path, "r") as f:
        if python_scalar(f.attrs.get("format_name", b"")) != "firmnet":
            raise ValueError(f"{path}: not a firmnet network file (no format_name='firmnet')")
        attrs = {k: python_scalar(v) for k, v in f.attrs.items()}
        nodes = node_frame(node_columns(f))
        ids = nodes["id"].to_numpy()
        edges = edge_frame(edge_columns(f), ids)
        results = {}
        if "results" in f:
            for name, group in f["results"].items():
                results[name] = Result(_result(group, name), ids)
    return StoredNetwork(nodes, edges, results, attrs)
