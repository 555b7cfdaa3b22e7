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

from .frames import Result, edge_frame, node_frame, python_scalar

_NODE_DICTIONARY_COLUMNS = ("industry", "stage", "region", "park", "ownership")
_NODE_REAL_COLUMNS = ("lat", "lon", "employees", "revenue")


def _text(dataset):
    return dataset.asstr()[:].astype(object)


def _dictionary(group, column):
    return ("dictionary", group[column][:], list(_text(group["dictionaries"][column])))


def _stored_column(group, column):
    """A column of a node/edge extra group or a result, by its `encoding` attribute."""
    encoding = group[column].attrs.get("encoding", "")
    if isinstance(encoding, bytes):
        encoding = encoding.decode()
    if encoding == "dictionary":
        return _dictionary(group, column)
    if encoding == "int64":
        return ("int64", group[column][:])
    return ("float64", group[column][:])


def _names(attribute):
    return [n.decode() if isinstance(n, bytes) else str(n) for n in attribute]


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
    columns = [("id", ("text", _text(nodes["id"]))), ("name", ("text", _text(nodes["name"])))]
    columns.append(("kind", _dictionary(nodes, "kind")))
    columns += [(c, _dictionary(nodes, c)) for c in _NODE_DICTIONARY_COLUMNS]
    columns += [(c, ("float64", nodes[c][:])) for c in _NODE_REAL_COLUMNS]
    columns.append(("founded", ("year", nodes["founded"][:])))
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
