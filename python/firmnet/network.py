"""The firmnet Python API over the compiled core (docs/PYTHON.md).

Each analysis method calls the same library functions as the matching ``firmnet`` command
(request → run → describe → store), so a call with the same file, options and seed gives the
same numbers as the command line and stores the same ``/results/<name>/``. Long
computations release the GIL (HDF5 reads and writes keep it: libhdf5 is not thread-safe), take ``threads=`` (OpenMP threads for this call; default all cores) and
``seed=``, report progress to ``progress=`` (a callable ``f(stage, fraction)``; default a
tqdm bar when tqdm is installed and stderr is a terminal or a notebook; ``False`` for none),
and stop at Ctrl-C (KeyboardInterrupt) before anything is stored, so no file is damaged.
"""
import collections.abc
import os
import sys
import tempfile

import numpy as np
import pandas as pd

from . import _core
from .frames import Result, edge_frame, node_frame

# The library's request defaults (the signatures below show them, as `--help` does).
_DEFAULTS = _core.defaults()
_COMMUNITIES, _CENTRALITY, _ANCHORS = _DEFAULTS["communities"], _DEFAULTS["centrality"], _DEFAULTS["anchors"]
_PARKS, _CONCENTRATION, _ANALYZE = _DEFAULTS["parks"], _DEFAULTS["concentration"], _DEFAULTS["analyze"]

Error = _core.Error
DataError = _core.DataError
UsageError = _core.UsageError


class _TqdmProgress:
    """One tqdm bar per stage, advanced to the reported fraction (percent)."""

    def __init__(self, tqdm):
        self._tqdm, self._bar, self._stage = tqdm, None, None

    def __call__(self, stage, fraction):
        if stage != self._stage:
            self.close()
            self._bar, self._stage = self._tqdm(total=100, desc=stage, leave=False), stage
        self._bar.update(max(0, int(round(fraction * 100)) - self._bar.n))

    def close(self):
        if self._bar is not None:
            self._bar.close()
        self._bar, self._stage = None, None


def _in_notebook():
    shell = sys.modules.get("IPython")
    return shell is not None and getattr(shell, "get_ipython", lambda: None)() is not None


def _progress(progress):
    """The callable handed to the core, and whether it is our own tqdm bar to close after."""
    if progress is False:
        return None
    if progress is not None and progress is not True:
        return progress
    if progress is None and not (sys.stderr.isatty() or _in_notebook()):
        return None
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return None
    return _TqdmProgress(tqdm)


def _call(function, *args, progress=None):
    callback = _progress(progress)
    try:
        return function(*args, callback)
    finally:
        if isinstance(callback, _TqdmProgress):
            callback.close()


def _options(**options):
    return {k: v for k, v in options.items() if v is not None}


class Results(collections.abc.Mapping):
    """The results stored in a network file: a read-only mapping name → :class:`Result`.

    A result is read from the file on first access (O(size of that result)) and kept while the
    file holds the same version of it (same ``created`` time); one written again, by this
    module or the command line, is read again."""

    def __init__(self, network):
        self._network, self._cache = network, {}

    def _stored(self):
        if self._network.path is None:
            return {name: None for name in sorted(self._cache)}
        return {entry["name"]: entry["created"] for entry in _core.list_results(self._network.path)}

    def __getitem__(self, name):
        stored = self._stored()
        if name not in stored:
            raise KeyError(name)
        created, result = self._cache.get(name, (None, None))
        if result is None or (self._network.path is not None and created != stored[name]):
            result = Result(_core.read_result(self._network.path, name), self._network._ids())
            self._cache[name] = (stored[name], result)
        return result

    def __iter__(self):
        return iter(self._stored())

    def __len__(self):
        return len(self._stored())

    def _add(self, stored):
        result = Result(stored, self._network._ids())
        created = self._stored().get(result.name) if self._network.path is not None else None
        self._cache[result.name] = (created, result)
        return result

    def __repr__(self):
        return f"<firmnet.Results {list(self)}>"


class Network:
    """A firmnet network loaded in memory, optionally backed by its file.

    Made by :func:`open`, :func:`import_csv`, :func:`from_pandas`, :func:`from_networkx`,
    :meth:`subgraph` and :meth:`view`. Analyses store their result in the file (when there is
    one) under ``/results/<name>/`` and return it as a :class:`Result`.

    Attributes:
        path: the network file, or None for a network held only in memory.
        nodes: DataFrame, one row per node in node order (row i = node index i).
        edges: DataFrame, one row per edge in the file's (source-major) order.
        results: mapping name → Result of the results stored in the file.
        layers, years: the edge selection of a view ("" = all), the default of every analysis.
    """

    def __init__(self, graph, path=None, layers="", years=""):
        self._graph = graph
        self.path = os.fspath(path) if path is not None else None
        self.layers, self.years = layers or "", years or ""
        self._nodes = self._edges = self._id_array = None
        self.results = Results(self)

    # ---- tables -------------------------------------------------------------------------

    def _ids(self):
        if self._id_array is None:
            self._id_array = self.nodes["id"].to_numpy()
        return self._id_array

    @property
    def nodes(self):
        """The node table as a DataFrame (made on first access, then kept).

        Columns: id, name (NaN when empty), kind, industry, stage, region, park, ownership
        (Categoricals), lat, lon, employees, revenue (float, NaN missing), founded (int32, or
        Int32 with <NA> when a year is unknown) and the extra columns (Categorical, float64,
        int64 or Int64 with <NA> when a value is missing).
        Copies: id and name become Python strings; float columns are read-only views of the
        loaded network (no copy); categorical codes are narrowed, nullable integers get a
        mask. O(n).
        """
        if self._nodes is None:
            self._nodes = node_frame(self._graph.node_columns())
        return self._nodes

    @property
    def edges(self):
        """The edge table as a DataFrame (made on first access, then kept).

        Columns: source, target (node ids, as Categoricals whose ``.cat.codes`` are node
        indices), type (Categorical), weight (float, a view), year (int16, or Int16 with <NA>
        when a link is undated) and
        the extra edge columns. In a :meth:`view`, only the selected edges. O(m).
        """
        if self._edges is None:
            edges = edge_frame(self._graph.edge_columns(), self._ids())
            if self.layers or self.years:
                edges = edges[self._graph.edge_mask(self.layers, self.years)]
            self._edges = edges
        return self._edges

    @property
    def node_count(self):
        """Number of nodes. O(1)."""
        return self._graph.node_count

    @property
    def edge_count(self):
        """Number of edges in the file (all layers and years). O(1)."""
        return self._graph.edge_count

    def __repr__(self):
        where = self.path or "in memory"
        selection = f", layers={self.layers!r}" if self.layers else ""
        selection += f", years={self.years!r}" if self.years else ""
        return f"<firmnet.Network {self.node_count} nodes, {self.edge_count} edges ({where}){selection}>"

    # ---- analyses -------------------------------------------------------------------------

    def _selection(self, layers, years):
        return (self.layers if layers is None else layers), (self.years if years is None else years)

    def _run(self, function, options, progress):
        stored = _call(function, self._graph, self.path or "", options, progress=progress)
        return self.results._add(stored)

    def communities(self, method="leiden", *, objective="modularity", resolution=_COMMUNITIES["resolution"],
                    layers=None, years=None, runs=_COMMUNITIES["runs"], iterations=_COMMUNITIES["iterations"],
                    pass_stop_fraction=_COMMUNITIES["pass_stop_fraction"], refine_order="visiting",
                    trials=_COMMUNITIES["trials"], steps=_COMMUNITIES["steps"],
                    distance_bins=_COMMUNITIES["distance_bins"], binning="log", max_sites=_COMMUNITIES["max_sites"],
                    name=None, seed=1, threads=None, progress=None):
        """Community detection, stored as /results/NAME (``firmnet communities``).

        Args:
            method: leiden, louvain, infomap, lpa, walktrap, fastgreedy or igraph-leiden
                (default leiden).
            objective: modularity, cpm or spatial (leiden/louvain; spatial: Expert et al.
                2011's spatial null).
            resolution: resolution gamma (modularity: 1 = standard).
            layers: relation types, e.g. "supply,cooperation" or ["supply"] (default: all,
                or the view's selection).
            years: "2019", "2015-2020", "2018-" or "-2020" (default: all).
            runs: runs with seeds seed..seed+runs-1; the best is kept, runs > 1 adds the
                consensus share and mean pairwise NMI.
            iterations: Leiden/Louvain iterations (0: until the quality stops improving).
            pass_stop_fraction: Leiden/Louvain: end a level's local moving after a pass
                moving fewer than this share of its nodes (0: until none moves; 0.2 with
                iterations=1 and refine_order="lightest-first" is the fast setting for
                national-scale networks).
            refine_order: Leiden: "visiting" (default) or "lightest-first", which visits
                each community's vertices from the lightest (node weight) in refinement:
                higher modularity in one-iteration runs on heavy-tailed networks.
            trials: infomap trials. steps: walktrap random-walk length.
            distance_bins, binning, max_sites: the spatial objective's deterrence fit.
            name: result name (default: the method name).
            seed, threads, progress: see the module docstring.

        Returns:
            Result with columns membership and consensus_share, table communities, scalars
            quality, modularity, communities, ...

        Complexity: Leiden O(runs × iterations × m) on the undirected projection.

        Example::

            c = net.communities(resolution=1.0, layers=["supply"], seed=1, runs=10, name="leiden")
            c.columns["membership"].value_counts()
        """
        layers, years = self._selection(layers, years)
        options = _options(method=method, objective=objective, resolution=resolution, layers=_list_text(layers),
                           years=years, runs=runs, iterations=iterations,
                           pass_stop_fraction=pass_stop_fraction, refine_order=refine_order, trials=trials,
                           steps=steps,
                           distance_bins=distance_bins, binning=binning, max_sites=max_sites, name=name,
                           seed=seed, threads=threads)
        return self._run(_core.communities, options, progress)

    def centrality(self, measures=("degree", "strength", "pagerank", "coreness"), *, layers=None, years=None,
                   undirected=False, weighted=False, normalized=False, harmonic_in=False,
                   damping=_CENTRALITY["damping"], tolerance=_CENTRALITY["tolerance"],
                   max_iterations=_CENTRALITY["max_iterations"], epsilon=_CENTRALITY["epsilon"],
                   delta=_CENTRALITY["delta"], samples=_CENTRALITY["samples"], katz_alpha=_CENTRALITY["katz_alpha"],
                   katz_beta=_CENTRALITY["katz_beta"], name="centrality", seed=1, threads=None, progress=None):
        """Centrality measures, one column per score, stored as /results/NAME
        (``firmnet centrality``; docs/centrality.md).

        Args:
            measures: list or comma-separated text of degree, strength, pagerank,
                betweenness, harmonic, eigenvector, hits, katz, coreness, clustering,
                constraint, ...; or "all". Default degree, strength, pagerank, coreness.
            undirected: ignore edge direction for PageRank, betweenness, harmonic,
                eigenvector, Katz (default False).
            weighted: weights as tie strength (and as length for paths) (default False).
            normalized: normalise betweenness and harmonic closeness (default False).
            harmonic_in: harmonic closeness over in-edges.
            damping: PageRank damping, in [0, 0.9999].
            tolerance: PageRank L1 tolerance. max_iterations: PageRank's limit (and at
                least 1000 for spectral measures and Katz).
            epsilon, delta: KADABRA betweenness, every normalised score within epsilon of
                exact with probability >= 1 - delta (epsilon 0: exact).
            samples: betweenness from this many random pivots (experts; 0: exact).
            katz_alpha, katz_beta: Katz attenuation and base score.
            layers, years, name, seed, threads, progress: as for :meth:`communities`.

        Returns:
            Result with one float column per measure (coreness int).

        Complexity: PageRank O(iterations × m); exact betweenness O(n m).

        Example::

            pr = net.centrality(["pagerank"], threads=2)["pagerank"].sort_values().tail()
        """
        layers, years = self._selection(layers, years)
        options = _options(measures=_list_text(measures), layers=_list_text(layers), years=years,
                           undirected=undirected, weighted=weighted, normalized=normalized,
                           harmonic_in=harmonic_in, damping=damping, tolerance=tolerance,
                           max_iterations=max_iterations, epsilon=epsilon, delta=delta, samples=samples,
                           katz_alpha=katz_alpha, katz_beta=katz_beta, name=name, seed=seed, threads=threads)
        return self._run(_core.centrality, options, progress)

    def anchors(self, communities=None, *, by=None, top=10, layers=None, years=None, weighted=False,
                study_area=(), outside_regions=tuple(_ANCHORS["outside_regions"]), weight_hub=_ANCHORS["weight_hub"],
                weight_local=_ANCHORS["weight_local"], weight_dependency=_ANCHORS["weight_dependency"],
                name="anchors", seed=1, threads=None, progress=None):
        """Anchor firms with reasons, per community, park or region (``firmnet anchors``).

        score = w_hub clamp(z/2.5, 0, 1) + w_local log(1+L)/log(1+L_max)
        + w_dependency log(1+D)/log(1+D_max): z the within-module degree z-score, L local
        suppliers, D firms that lose every supply path if the firm fails.

        Args:
            communities: name of a stored result with a membership column (or a Result),
                e.g. "leiden" (default: none; groups are then parks).
            by: community, park or region (default community when communities is given,
                else park).
            top: anchors listed per group and overall.
            weighted: z and P from link weights.
            study_area: region or park values, or a box (lat1, lon1, lat2, lon2), whose firms
                are ranked (default: the regions that hold parks when there are parks, else
                every region); firms outside it are scored, never ranked.
            outside_regions: regions outside the study area in any case.
            weight_hub, weight_local, weight_dependency: the score weights.
            layers, years, name, seed, threads, progress: as for :meth:`communities`.

        Returns:
            Result with per-node scores, roles, dominators; tables top_overall,
            top_by_group, bridges.

        Complexity: O(m log n) (dominator tree, articulation points, roles).

        Example::

            net.anchors("leiden").tables["top_overall"]
        """
        layers, years = self._selection(layers, years)
        options = _options(communities=_result_name(communities), by=by, top=top, layers=_list_text(layers),
                           years=years, weighted=weighted, study_area=[str(v) for v in study_area],
                           outside_regions=list(outside_regions),
                           weight_hub=weight_hub, weight_local=weight_local, weight_dependency=weight_dependency,
                           name=name, seed=seed, threads=threads)
        return self._run(_core.anchors, options, progress)

    def parks(self, communities=None, *, unit="park", radius_km=_PARKS["radius_km"], null="auto",
              null_models=_PARKS["null_models"], chains=_PARKS["chains"], distance_bands=_PARKS["distance_bands"],
              burn_in=_PARKS["burn_in"], null_spacing=_PARKS["null_spacing"], min_located_share=_PARKS["min_located_share"], runs=_PARKS["runs"], layers=None, years=None,
              alpha=_PARKS["alpha"], min_firms=_PARKS["min_firms"], min_links=_PARKS["min_links"],
              min_ratio=_PARKS["min_ratio"], external_share=_PARKS["external_share"],
              vertical_share=_PARKS["vertical_share"], concentration=_PARKS["concentration"],
              wider_share=_PARKS["wider_share"], wider_reach=_PARKS["wider_reach"],
              wider_chain_share=_PARKS["wider_chain_share"], study_area=(), outside_regions=tuple(_ANCHORS["outside_regions"]),
              name="parks", seed=1, threads=None, progress=None):
        """Is each park, region or co-location group a linked cluster or mere co-location?
        (``firmnet parks``; the rule: docs/METHODS.md).

        Verdicts: linked cluster, co-location only, part of a wider cluster, externally
        oriented, too small to tell. Internal links are compared with a null model of
        rewired edges (z, p, Benjamini-Hochberg q per unit).

        Args:
            communities: stored result with a membership column (default: run the main
                job's community step, Leiden best of ``runs`` seeds).
            unit: park, region or radius (DBSCAN on coordinates, ``radius_km``).
            null: auto (distance null when >= min_located_share of firms have coordinates,
                else degree), degree, distance, region or industry.
            null_models: null replicates R (p = (r+1)/(R+1)).
            chains: null-model Markov chains (fixed, so results do not depend on threads).
            distance_bands: length bands of the distance null (0: min(10, ceil(log2(located
                links + 1)))).
            burn_in: swap attempts per link of the chains' shared burn-in.
            null_spacing: swap attempts per link between replicates (0: 1 up to 10M links,
                then 10M / links, at least 0.25); each unit reports its effective replicates.
            min_located_share: share of firms with coordinates from which null="auto"
                picks the distance null.
            runs: Leiden seeds of the community step when communities is not given.
            alpha: q-value threshold for a linked cluster.
            min_firms, min_links: fewer firms (also DBSCAN's minimum) or links touching
                members: too small to tell.
            min_ratio: observed/expected internal links needed for a linked cluster.
            external_share: share of links leaving the region for "externally oriented".
            vertical_share: vertical share of internal links needed for a linked cluster.
            concentration: share of internal links inside one community needed for a
                linked cluster.
            wider_share, wider_reach, wider_chain_share: "part of a wider cluster": members
                in one community, the share of another unit's members it holds, and the
                value-chain share of member links into it beyond the unit.
            study_area, outside_regions: as for :meth:`anchors`; links to firms outside the
                study area are external, and its outside nodes belong to no unit.
            layers, years, name, seed, threads, progress: as for :meth:`communities`.

        Returns:
            Result whose table ``units`` holds one row per unit with its verdict and evidence.

        Complexity: O(null_models × m) for the null model plus the community step.

        Example::

            p = net.parks("leiden", null_models=99)
            p.tables["units"][["name", "verdict", "z", "q"]]
        """
        layers, years = self._selection(layers, years)
        options = _options(communities=_result_name(communities), unit=unit, radius_km=radius_km, null=null,
                           null_models=null_models, chains=chains, distance_bands=distance_bands,
                           burn_in=burn_in, null_spacing=null_spacing, min_located_share=min_located_share, runs=runs, layers=_list_text(layers),
                           years=years, alpha=alpha, min_firms=min_firms, min_links=min_links, min_ratio=min_ratio,
                           external_share=external_share, vertical_share=vertical_share,
                           concentration=concentration, wider_share=wider_share, wider_reach=wider_reach,
                           wider_chain_share=wider_chain_share, study_area=[str(v) for v in study_area],
                           outside_regions=list(outside_regions), name=name, seed=seed, threads=threads)
        return self._run(_core.parks, options, progress)

    def concentration(self, by="region", *, measure="auto", industry_level=_CONCENTRATION["industry_level"],
                      min_firms=_CONCENTRATION["min_firms"], pairs=_CONCENTRATION["pairs"], group=(), totals=None,
                      distance=False, simulations=_CONCENTRATION["simulations"],
                      max_distance_km=_CONCENTRATION["max_distance_km"],
                      distance_points=_CONCENTRATION["distance_points"],
                      distance_max_firms=_CONCENTRATION["distance_max_firms"],
                      distance_max_sites=_CONCENTRATION["distance_max_sites"], band_alpha=_CONCENTRATION["band_alpha"],
                      name="concentration", seed=1, threads=None, progress=None):
        """Co-location indices per industry (``firmnet concentration``; docs/concentration.md):
        location quotient, Ellison-Glaeser gamma, Gini, Herfindahl, coagglomeration; with
        ``distance=True`` the Duranton-Overman K-density and Marcon-Puech M with bands.

        Args:
            by: region or park. measure: auto, employees or firm_count.
            industry_level: leading characters of the industry code kept (0: all).
            min_firms: smaller industries are not listed. pairs: coagglomeration among
                the largest this many industries. group: industries of one joint
                coagglomeration gamma_c.
            totals: CSV of official totals per unit (region or park, employment).
            distance, simulations, max_distance_km, distance_points, distance_max_firms,
                distance_max_sites, band_alpha: the distance-based measures.
            name, seed, threads, progress: as for :meth:`communities`.

        Returns:
            Result with tables industries, location_quotients, coagglomeration (and the
            distance tables).

        Complexity: O(n + units × industries); distance O(simulations × firms²) per industry.

        Example::

            net.concentration(by="park").tables["industries"].head()
        """
        options = _options(by=by, measure=measure, industry_level=industry_level, min_firms=min_firms, pairs=pairs,
                           group=list(group), totals=os.fspath(totals) if totals else None, distance=distance,
                           simulations=simulations, max_distance_km=max_distance_km, distance_points=distance_points,
                           distance_max_firms=distance_max_firms, distance_max_sites=distance_max_sites,
                           band_alpha=band_alpha, name=name, seed=seed, threads=threads)
        return self._run(_core.concentration, options, progress)

    def analyze(self, *, layers=None, years=None, runs=_ANALYZE["runs"], null_models=_ANALYZE["null_models"],
                unit=_ANALYZE["unit"], top=_ANALYZE["top"], study_area=(), outside_regions=tuple(_ANCHORS["outside_regions"]), seed=1,
                threads=None, progress=None):
        """The main job (``firmnet analyze`` on this network): summary, communities (result
        leiden), centrality, anchors, park verdicts (parks), concentration and the phase
        times (analyze), every result stored.

        Args:
            runs: Leiden seeds of the stability check. null_models: park-test replicates.
            unit: park, region or radius. top: anchors listed.
            study_area, outside_regions: as for :meth:`anchors`, for the anchors and the park test.
            layers, years, seed, threads, progress: as for :meth:`communities`.

        Returns:
            dict name → Result, in the order stored.

        Complexity: the sum of the steps (Leiden ``runs`` times, the null model
        ``null_models`` times).

        Example::

            out = net.analyze(null_models=99)
            out["parks"].tables["units"]["verdict"]
        """
        layers, years = self._selection(layers, years)
        options = _options(layers=_list_text(layers), years=years, runs=runs, null_models=null_models, unit=unit,
                           top=top, study_area=[str(v) for v in study_area], outside_regions=list(outside_regions),
                           seed=seed, threads=threads)
        stored = _call(_core.analyze, self._graph, self.path or "", options, progress=progress)
        return {r.name: r for r in (self.results._add(s) for s in stored)}

    # ---- derived networks and conversions ----------------------------------------------------

    def view(self, layers=None, years=None):
        """The same network with an edge selection: its ``edges`` hold the selected edges,
        and every analysis uses the selection unless given its own. Shares the loaded network
        (no copy). O(1).

        Example::

            supply = net.view(layers=["supply"], years="2015-2020")
            supply.centrality(["pagerank"])
        """
        return Network(self._graph, self.path, _list_text(layers) or self.layers, years or self.years)

    def subgraph(self, park=None, *, region=None, path=None, force=False, replace=False):
        """The nodes of one park (or region) with every attribute and the edges among them,
        as a new network; saved to ``path`` when given (then analyses store there), else held
        in memory (analyses return results without storing). Copies. O(n + m).

        Example::

            p1 = net.subgraph(park="park-01", path="park01.h5")
        """
        if (park is None) == (region is None):
            raise UsageError("subgraph: give exactly one of park= or region=")
        column, value = ("park", park) if park is not None else ("region", region)
        graph = _core.subgraph(self._graph, column, str(value))
        if path is not None:
            origin = f"{self.path or 'memory'} {column}={value}"
            _core.save(graph, os.fspath(path), origin, force, replace)
        return Network(graph, path)

    def to_networkx(self):
        """A networkx MultiDiGraph: nodes keyed by id with every non-missing attribute,
        edges keyed by relation type with weight, year (when dated) and extra columns. In a
        view, only the selected edges. Copies everything into Python objects: O(n + m), slow
        for millions of edges.

        Example::

            G = net.to_networkx(); G.number_of_edges() == len(net.edges)
        """
        import networkx as nx
        graph = nx.MultiDiGraph()
        nodes = self.nodes
        graph.add_nodes_from(zip(nodes["id"], _records(nodes.drop(columns="id"))))
        edges = self.edges
        attributes = _records(edges.drop(columns=["source", "target"]))
        graph.add_edges_from(zip(edges["source"].astype(object), edges["target"].astype(object),
                                 edges["type"].astype(str), attributes))
        return graph

    def to_igraph(self):
        """A directed python-igraph Graph: vertex i is node index i, with attribute ``name``
        = id (``label`` = the firm name) and every node column; edges in edge order with
        type, weight, year and extra columns (None where missing). In a view, only the
        selected edges. Copies: O(n + m).

        Example::

            g = net.to_igraph(); g.vcount(), g.ecount()
        """
        import igraph
        nodes, edges = self.nodes, self.edges
        pairs = np.column_stack([edges["source"].cat.codes.to_numpy(np.int64),
                                 edges["target"].cat.codes.to_numpy(np.int64)])
        graph = igraph.Graph(n=len(nodes), edges=pairs.tolist(), directed=True)
        for column in nodes.columns:
            values = _plain(nodes[column])
            graph.vs["label" if column == "name" else column] = values
        graph.vs["name"] = list(nodes["id"])
        for column in edges.columns.drop(["source", "target"]):
            graph.es[column] = _plain(edges[column])
        return graph


def _plain(series):
    """Python values with None for missing. O(rows)."""
    values = series.astype(object)
    return [None if v is pd.NA or (isinstance(v, float) and np.isnan(v)) else v for v in values]


def _records(frame):
    """One attribute dict per row, missing values left out. O(rows × columns)."""
    columns = [(name, _plain(frame[name])) for name in frame.columns]
    return [{name: values[i] for name, values in columns if values[i] is not None} for i in range(len(frame))]


def _list_text(value):
    if value is None or isinstance(value, str):
        return value
    return ",".join(str(v) for v in value)


def _result_name(communities):
    if communities is None or isinstance(communities, str):
        return communities
    if isinstance(communities, Result):
        return communities.name
    raise UsageError("communities: give a stored result's name or a Result")


# ---- opening and importing --------------------------------------------------------------------

def open(path):  # noqa: A001 - the module's verb, like h5py.File
    """Opens a firmnet network file (``firmnet info``'s input): loads the node and edge tables
    and the adjacency into memory. Raises DataError for a missing, foreign, truncated or
    future-version file. O(n + m).

    Example::

        net = firmnet.open("net.h5"); net.nodes.head()
    """
    return Network(_core.load(os.fspath(path)), path)


def import_csv(nodes, edges, path, *, lenient=False, implicit_nodes=False, allow_empty=False, delimiter=None,
               encoding=None, column_map=None, force=False, replace=False, progress=None):
    """Imports nodes.csv and edges.csv into the network file ``path`` (``firmnet import``;
    columns and aliases: docs/FORMAT.md section 1 or ``firmnet.describe_csv_columns()``).

    Strict by default: any bad row raises DataError listing ``file:line: reason: detail``
    (also as ``error.issues``) and nothing is written. An existing ``path`` keeps the stored
    results of the same network; other files are replaced only with ``force`` (not a firmnet
    file) or ``replace`` (results of another network).

    Args:
        nodes: node CSV, or None to imply nodes from the edges.
        edges: edge CSV. path: the network file to write (.h5).
        lenient: skip bad rows (counted in the import log) instead of failing.
        implicit_nodes: create firms for unknown edge endpoints.
        allow_empty: with lenient, accept an import that keeps almost nothing.
        delimiter: ",", ";", "|" or "tab" (default: detected; docs/FORMAT.md "Delimiters").
        encoding: utf-8, gb18030, gbk, big5 or latin1 (default: UTF-8, and a file that is
            not raises DataError naming its likely encoding; docs/FORMAT.md "Encodings").
        column_map: {field: column} naming the column of a field, as ``--map`` does, e.g.
            ``{"source": "卖方代码"}``.

    Returns:
        Network (with ``import_log``, a dict of the counts).

    Complexity: O(file bytes + m log d_max).

    Example::

        net = firmnet.import_csv("nodes.csv", "edges.csv", "net.h5")
    """
    options = _options(lenient=lenient, implicit_nodes=implicit_nodes, allow_empty=allow_empty, delimiter=delimiter,
                       encoding=encoding, column_map=dict(column_map) if column_map else None, force=force,
                       replace=replace)
    graph, log = _call(_core.import_csv, os.fspath(nodes) if nodes is not None else "", os.fspath(edges),
                       os.fspath(path), options, progress=progress)
    network = Network(graph, path)
    network.import_log = log
    return network


def _line_breaks(frame):
    """Line breaks inside each row's text (they shift the CSV's line numbers). O(cells)."""
    breaks = np.zeros(len(frame), dtype=np.int64)
    for name in frame.columns:
        column = frame[name]
        if column.dtype == object or isinstance(column.dtype, (pd.CategoricalDtype, pd.StringDtype)):
            breaks += column.astype(str).str.count(r"\r\n|\r|\n").fillna(0).to_numpy(np.int64)
    return breaks


def _write_csv(frame, path):
    """Writes frame as firmnet CSV; a NaN weight is written as NaN (rejected, as a bad
    weight), other missing values as empty fields. Returns each row's first line."""
    out = frame.copy(deep=False)
    for name in out.columns:
        column = out[name]
        if str(name).strip().lower() == "weight" and column.isna().any():
            out[name] = column.astype(object).where(column.notna(), "NaN")
        elif column.dtype.kind == "f" and column.notna().any():
            present = column.dropna()
            # whole numbers with blanks: how pandas reads an integer column (a year, a count)
            if np.isfinite(present).all() and (present == np.round(present)).all() and present.abs().max() < 2**53:
                out[name] = column.astype("Int64")
    out.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return 2 + np.concatenate([[0], np.cumsum(_line_breaks(frame) + 1)[:-1]])


def _row_issues(error, files):
    """The import's rejected rows as (where, reason, detail), DataFrame rows named by their
    index label instead of the temporary CSV's lines. O(issues)."""
    issues = []
    for file, line, reason, detail in getattr(error, "issues", []):
        for path, (label, _, _) in files.items():
            detail = detail.replace(path, f"the {label} DataFrame").replace(os.path.basename(path),
                                                                            f"the {label} DataFrame")
        if file in files:
            label, frame, starts = files[file]
            position = int(np.searchsorted(starts, line, side="right")) - 1
            where = f"{label} row {frame.index[position]!r}" if 0 <= position < len(frame) else f"{label} header"
        else:
            where = f"{file}:{line}"
        issues.append((where, reason, detail))
    return issues


def _row_error(error, files, shown=20):
    """The DataError of a rejected DataFrame: the import's summary, then its first rows."""
    issues = _row_issues(error, files)
    lines = [str(error).split("\n", 1)[0].replace("--lenient", "lenient=True")]
    lines += [f"{where}: {reason}: {detail}" for where, reason, detail in issues[:shown]]
    if len(issues) > shown:
        lines.append(f"... {len(issues) - shown} more in error.issues")
    raised = DataError("\n".join(lines))
    raised.issues = issues
    return raised


def from_pandas(nodes, edges, path, *, lenient=False, implicit_nodes=False, allow_empty=False, force=False,
                replace=False, progress=None):
    """A network file from two DataFrames (any source pandas reads: Excel, parquet, Stata,
    SQL), with the CSV import's columns, aliases, validation and cleaning
    (docs/FORMAT.md section 1).

    ``nodes`` may be None (nodes implied by the edges). Missing values (NaN, None, <NA>) are
    missing fields, except a NaN ``weight``, which is rejected as a bad weight. A float column
    holding only whole numbers (how pandas reads an integer column with blanks, e.g. a year
    from Excel) is written as integers. Extra columns keep their type: integers (nullable
    too) int64, other numbers float64, text dictionary-encoded.

    A bad frame (duplicate ids, unknown endpoint, NaN weight, ...) raises DataError naming
    the first rows by their index label (all of them, up to 1000, in ``error.issues`` as
    (where, reason, detail)), and nothing is written.

    Copies: the frames pass through temporary CSV files beside ``path`` (the output's file
    system, not /tmp), removed afterwards. O(cells).

    Example::

        nodes = pd.read_excel("firms.xlsx"); edges = pd.read_excel("links.xlsx")
        net = firmnet.from_pandas(nodes, edges, "net.h5")
    """
    beside = os.path.dirname(os.path.abspath(os.fspath(path)))
    with tempfile.TemporaryDirectory(prefix=".firmnet-import-", dir=beside) as directory:
        files = {}
        nodes_csv = ""
        if nodes is not None:
            nodes_csv = os.path.join(directory, "nodes.csv")
            files[nodes_csv] = ("nodes", nodes, _write_csv(nodes, nodes_csv))
        edges_csv = os.path.join(directory, "edges.csv")
        files[edges_csv] = ("edges", edges, _write_csv(edges, edges_csv))
        try:
            return import_csv(nodes_csv or None, edges_csv, path, lenient=lenient, implicit_nodes=implicit_nodes,
                              allow_empty=allow_empty, delimiter=",", force=force, replace=replace, progress=progress)
        except DataError as error:
            if not hasattr(error, "issues"):
                raise
            raise _row_error(error, files) from None


def from_networkx(graph, path, *, relation="supply", **options):
    """A network file from a networkx graph: node keys become ids (as text), node and edge
    attributes columns (``kind``, ``industry``, ``weight``, ``type``, ``year``, ... by their
    firmnet names, others extra columns). Edges of an undirected graph are stored once, in the
    direction networkx lists them; edges without a ``type`` get ``relation``. Other options:
    as for :func:`from_pandas`. O(n + m).

    Example::

        import networkx as nx
        net = firmnet.from_networkx(nx.karate_club_graph(), "karate.h5")   # 34 nodes, 78 links
    """
    nodes = pd.DataFrame.from_records([dict(data) for _, data in graph.nodes(data=True)])
    nodes.insert(0, "id", [str(node) for node in graph.nodes])
    rows = [dict(data, source=str(u), target=str(v)) for u, v, data in graph.edges(data=True)]
    edges = pd.DataFrame.from_records(rows, columns=None if rows else ["source", "target"])
    if "type" not in edges.columns:
        edges["type"] = relation
    edges = edges[["source", "target"] + [c for c in edges.columns if c not in ("source", "target")]]
    return from_pandas(nodes, edges, path, **options)
