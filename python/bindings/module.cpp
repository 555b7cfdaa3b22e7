// firmnet._core: the compiled part of the Python package firmnet (docs/PYTHON.md).
//
// A thin layer over the library: every analysis takes the path the CLI takes (cli/cmd_*.cpp),
// request -> run_x(view, request, progress) -> describer -> write_result, with the request
// filled from a dict of keyword options instead of command-line flags. The pure-Python
// package (python/firmnet/) adds the pandas-facing classes and documents every option.
// Arrays cross into numpy without copying: node and edge columns are read-only views of the
// loaded graph (kept alive by the Graph object), result columns are moved into numpy.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <map>
#include <set>

#include "algorithms/anchors/anchor_score.hpp"
#include "algorithms/centrality/centrality_suite.hpp"
#include "algorithms/community/community_detection.hpp"
#include "algorithms/spatial/concentration.hpp"
#include "algorithms/spatial/park_verdicts.hpp"
#include "graph/errors.hpp"
#include "graph/views.hpp"
#include "io/csv_import.hpp"
#include "io/network_store.hpp"
#include "io/output_guard.hpp"
#include "io/text_encoding.hpp"
#include "io/results.hpp"
#include "io/unit_totals.hpp"
#include "pipeline/main_job.hpp"
#include "python/bindings/calls.hpp"
#include "results/anchor_result.hpp"
#include "results/centrality_result.hpp"
#include "results/community_result.hpp"
#include "results/concentration_result.hpp"
#include "results/park_result.hpp"

namespace firmnet::python {
namespace {

/// A loaded network shared between Python objects; the numpy views of its columns keep it alive.
struct LoadedGraph {
  Graph graph;
};
using GraphHandle = std::shared_ptr<LoadedGraph>;

/// Keyword options of one call: each take() consumes a key when present and not None;
/// finish() rejects keys no take() asked for, as the CLI rejects an unknown flag.
class Options {
 public:
  Options(std::string call, const py::dict& options) : call_(std::move(call)), options_(options) {}
  template <typename T>
  void take(const char* key, T& field) {
    seen_.insert(key);
    if (options_.contains(key) && !options_[key].is_none()) field = options_[key].cast<T>();
  }
  void finish() const {
    for (const auto& item : options_)
      if (!seen_.count(item.first.cast<std::string>()))
        throw UsageError(call_ + ": unknown option '" + item.first.cast<std::string>() + "'");
  }

 private:
  std::string call_;
  py::dict options_;
  std::set<std::string> seen_;
};

/// The study area options of anchors, parks and analyze (cli/study_area_options.hpp):
/// study_area (region or park values, or a box) and outside_regions. O(values).
spatial::StudyArea take_study_area(Options& take) {
  std::vector<std::string> values, outside_regions = spatial::StudyArea{}.outside_regions;
  take.take("study_area", values);
  take.take("outside_regions", outside_regions);
  return spatial::parse_study_area(values, outside_regions);
}

/// The common tail of every call: the edge selection (layers, years), seed and threads.
struct CallSettings {
  std::string layers, years;
  std::uint64_t seed = 1;
  int threads = 0;
  void take(Options& options) {
    options.take("layers", layers);
    options.take("years", years);
    options.take("seed", seed);
    options.take("threads", threads);
  }
  EdgeFilter filter() const { return EdgeFilter::parse(layers, years); }
};

/// Runs work(progress, threads) with the GIL released, under the requested thread count, and
/// returns its value with the GIL held once no Ctrl-C or callback error is pending (else that
/// is raised): callers store what it returns afterwards, so an interrupted call stores
/// nothing. O(1) plus the work.
template <typename Work>
auto released(int threads, const py::object& callback, Work&& work) {
  const PythonProgress progress(callback);
  auto value = [&] {
    py::gil_scoped_release release;
    ThreadScope scope(threads);
    return work(progress.progress(), scope.effective());
  }();
  progress.raise_pending();
  return value;
}

/// write_result in its HDF5 turn; nothing when path is "" (a network held only in memory).
void store(const std::string& path, const Result& result) {
  if (path.empty()) return;
  Hdf5Turn turn;
  write_result(path, result);
}

/// The common path of one analysis, as its command takes it: run(view, progress, threads)
/// runs the family's run_x and describer on the selected edges with the GIL released; the
/// Result is then stored (write_result) and returned to Python. O(1) plus the analysis.
template <typename Run>
py::dict run_and_store(const GraphHandle& handle, const std::string& path, const EdgeFilter& filter, int threads,
                       const py::object& callback, Run&& run) {
  Result result = released(threads, callback, [&](const Progress& progress, int effective) {
    return run(GraphView(handle->graph, filter), progress, effective);
  });
  store(path, result);
  return result_to_python(std::move(result));
}

// The membership column of a stored community result (read_membership). O(n).
std::vector<std::int64_t> membership_of(const std::string& path, const std::string& result_name) {
  if (path.empty()) throw UsageError("communities='" + result_name + "': this network has no file to read results from");
  Hdf5Turn turn;
  return read_membership(path, result_name);
}

// ---- the network's columns as numpy ------------------------------------------------------

// Text as a numpy object array of str: the one copy of the text. O(bytes).
py::array text_array(const StringList& list) {
  py::array out = py::module_::import("numpy").attr("empty")(list.size(), py::arg("dtype") = "object");
  auto** slots = static_cast<PyObject**>(out.mutable_data());
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string_view text = list[i];
    PyObject* value = PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "replace");
    if (!value) throw py::error_already_set();
    Py_XDECREF(slots[i]);
    slots[i] = value;
  }
  return out;
}

// A closed vocabulary (node kinds, relation types) as a list of str. O(N).
template <std::size_t N>
py::list names_list(const std::array<std::string_view, N>& names) {
  py::list out;
  for (auto name : names) out.append(py::str(name.data(), name.size()));
  return out;
}

// A dictionary column: a view of its codes and its values as str. O(dictionary).
py::tuple dictionary_view(const StringColumn& column, py::handle owner) {
  py::list dictionary;
  for (const auto& value : column.dictionary) dictionary.append(py::str(value));
  return py::make_tuple("dictionary", view_array(column.codes.data(), column.size(), owner), dictionary);
}

// An extra column as a view, by its type. O(dictionary).
py::tuple extra_view(const ExtraColumn& column, py::handle owner) {
  if (const auto* reals = std::get_if<Float64Column>(&column.values))
    return py::make_tuple("float64", view_array(reals->data(), reals->size(), owner));
  if (const auto* integers = std::get_if<Int64Column>(&column.values))
    return py::make_tuple("int64", view_array(integers->data(), integers->size(), owner));
  return dictionary_view(std::get<StringColumn>(column.values), owner);
}

// Node columns in file order: (name, (kind, data...)). Kinds: "text" (object array of str,
// the one copy), "dictionary", "float64", "int64" (kMissingInt64 missing), "year" (int, 0
// missing). Everything but the text is a view. O(n) for the text, O(dictionaries) otherwise.
py::list node_columns(const py::object& self) {
  const NodeTable& nodes = self.cast<LoadedGraph&>().graph.nodes;
  py::list out;
  auto add = [&](const char* name, py::tuple column) { out.append(py::make_tuple(name, column)); };
  add("id", py::make_tuple("text", text_array(nodes.id)));
  add("name", py::make_tuple("text", text_array(nodes.name)));
  add("kind", py::make_tuple("dictionary",
                             view_array(reinterpret_cast<const std::uint8_t*>(nodes.kind.data()), nodes.size(), self),
                             names_list(node_kind_names())));
  add("industry", dictionary_view(nodes.industry, self));
  add("stage", dictionary_view(nodes.stage, self));
  add("region", dictionary_view(nodes.region, self));
  add("park", dictionary_view(nodes.park, self));
  add("ownership", dictionary_view(nodes.ownership, self));
  add("lat", py::make_tuple("float64", view_array(nodes.lat.data(), nodes.size(), self)));
  add("lon", py::make_tuple("float64", view_array(nodes.lon.data(), nodes.size(), self)));
  add("employees", py::make_tuple("float64", view_array(nodes.employees.data(), nodes.size(), self)));
  add("revenue", py::make_tuple("float64", view_array(nodes.revenue.data(), nodes.size(), self)));
  add("founded", py::make_tuple("year", view_array(nodes.founded.data(), nodes.size(), self)));
  add("closed", py::make_tuple("year", view_array(nodes.closed.data(), nodes.size(), self)));
  for (const auto& column : nodes.extra) out.append(py::make_tuple(column.name, extra_view(column, self)));
  return out;
}

// Edge columns in edge order; source is expanded from the CSR offsets (the one new array),
// target, type, weight and year are views. O(m) for source.
py::list edge_columns(const py::object& self) {
  const Graph& graph = self.cast<LoadedGraph&>().graph;
  std::vector<NodeId> source(graph.edge_count());
  for (NodeId u = 0; u < graph.node_count(); ++u)
    std::fill(source.begin() + static_cast<std::ptrdiff_t>(graph.out_begin(u)),
              source.begin() + static_cast<std::ptrdiff_t>(graph.out_end(u)), u);
  const std::size_t m = graph.edge_count();
  py::list out;
  out.append(py::make_tuple("source", py::make_tuple("node", owned_array(std::move(source)))));
  out.append(py::make_tuple("target", py::make_tuple("node", view_array(graph.out_target.data(), m, self))));
  out.append(py::make_tuple(
      "type", py::make_tuple("dictionary",
                             view_array(reinterpret_cast<const std::uint8_t*>(graph.edges.type.data()), m, self),
                             names_list(relation_type_names()))));
  out.append(py::make_tuple("weight", py::make_tuple("float64", view_array(graph.edges.weight.data(), m, self))));
  out.append(py::make_tuple("year", py::make_tuple("year", view_array(graph.edges.year.data(), m, self))));
  for (const auto& column : graph.edges.extra) out.append(py::make_tuple(column.name, extra_view(column, self)));
  return out;
}

// Whether each edge passes the selection `layers`, `years` (EdgeFilter::parse). O(m).
py::array_t<bool> edge_mask(const LoadedGraph& loaded, const std::string& layers, const std::string& years) {
  const EdgeFilter filter = EdgeFilter::parse(layers, years);
  const Graph& graph = loaded.graph;
  py::array_t<bool> mask(static_cast<py::ssize_t>(graph.edge_count()));
  bool* out = mask.mutable_data();
  for (EdgeId e = 0; e < graph.edge_count(); ++e) out[e] = filter.accepts(graph.edges.type[e], graph.edges.year[e]);
  return mask;
}

// ---- loading, importing, saving -----------------------------------------------------------

// load_network in its HDF5 turn. O(n + m).
GraphHandle load(const std::string& path) {
  Hdf5Turn turn;
  return std::make_shared<LoadedGraph>(LoadedGraph{load_network(path)});
}

// The import log's counts, rejections and warnings as a dict. O(reasons + warnings).
py::dict log_to_python(const ImportLog& log) {
  py::dict out;
  out["mode"] = log.mode;
  out["node_rows_read"] = log.node_rows_read;
  out["edge_rows_read"] = log.edge_rows_read;
  out["nodes"] = log.nodes_accepted;
  out["edges"] = log.edges_accepted;
  out["duplicate_edges_merged"] = log.duplicate_edges_merged;
  out["self_loops_dropped"] = log.self_loops_dropped;
  out["implicit_nodes_created"] = log.implicit_nodes_created;
  out["rejected"] = log.rejected_by_reason;
  out["warnings"] = log.warnings;
  return out;
}

// import_csv + the guarded save of `firmnet import` (cli/cmd_import.cpp), CSV input only.
// O(file bytes + m log d_max).
py::tuple import_files(const std::string& nodes, const std::string& edges, const std::string& output,
                       const py::dict& options, const py::object& callback) {
  Options take("import_csv", options);
  ImportOptions import;
  OutputFlags flags;
  std::string delimiter, encoding;
  std::map<std::string, std::string> column_map;
  take.take("lenient", import.lenient);
  take.take("implicit_nodes", import.implicit_nodes);
  take.take("allow_empty", import.allow_empty);
  take.take("delimiter", delimiter);
  take.take("encoding", encoding);
  take.take("column_map", column_map);
  take.take("force", flags.force);
  take.take("replace", flags.replace);
  take.finish();
  import.delimiter = parse_delimiter(delimiter);
  if (!encoding.empty()) import.encoding = canonical_encoding(encoding);
  std::vector<std::string> pairs;
  for (const auto& [field, column] : column_map) pairs.push_back(field + "=" + column);
  import.column_map = parse_column_map(pairs);
  import.max_reported_issues = 1000;
  refuse_output_among_inputs(output, {nodes, edges});
  ImportResult result = released(0, callback, [&](const Progress& progress, int) {
    import.progress = progress;
    return import_csv(nodes, edges, import);
  });
  {
    Hdf5Turn turn;
    save_network_guarded(output, {nodes, edges}, result.graph, result.log, flags);
  }
  const py::dict log = log_to_python(result.log);
  return py::make_tuple(std::make_shared<LoadedGraph>(LoadedGraph{std::move(result.graph)}), log);
}

// Saves a network (a subgraph) under the output guard; its import log says where it came from.
// O(n + m).
void save(const GraphHandle& handle, const std::string& output, const std::string& origin, bool force, bool replace) {
  ImportLog log;
  log.mode = "subgraph";
  log.nodes_file = origin;
  Hdf5Turn turn;
  save_network_guarded(output, {}, handle->graph, log, OutputFlags{force, replace});
}

// The nodes whose text column `column` (park or region) equals value, as their own network
// with every attribute and the edges among them. UsageError for an unknown value. O(n + m).
GraphHandle subgraph(const GraphHandle& handle, const std::string& column, const std::string& value) {
  const Graph& graph = handle->graph;
  const StringColumn* text = column == "park" ? &graph.nodes.park : column == "region" ? &graph.nodes.region : nullptr;
  if (!text) throw UsageError("subgraph: select by park or region, not '" + column + "'");
  const std::int32_t code = text->code_of(value);
  if (code == kMissingCode) throw UsageError("subgraph: no node has " + column + " '" + value + "'");
  std::vector<NodeId> members;
  for (NodeId u = 0; u < graph.node_count(); ++u)
    if (text->codes[u] == code) members.push_back(u);
  py::gil_scoped_release release;
  return std::make_shared<LoadedGraph>(LoadedGraph{induced_subgraph(GraphView(graph), members).graph});
}

// list_results as dicts. O(results).
py::list stored_results(const std::string& path) {
  std::vector<ResultSummary> summaries;
  {
    Hdf5Turn turn;
    summaries = list_results(path);
  }
  py::list out;
  for (const auto& summary : summaries) {
    py::dict entry;
    entry["name"] = summary.name;
    entry["method"] = summary.method;
    entry["created"] = summary.created;
    entry["firmnet_version"] = summary.firmnet_version;
    entry["seed"] = summary.seed;
    entry["columns"] = summary.columns;
    out.append(entry);
  }
  return out;
}

// read_result as a dict (result_to_python). O(size of the result).
py::dict stored_result(const std::string& path, const std::string& name) {
  Result result;
  {
    Hdf5Turn turn;
    result = read_result(path, name);
  }
  return result_to_python(std::move(result));
}

// ---- the analyses, as their commands run them ----------------------------------------------

// cli/cmd_communities.cpp without --scan. Cost: run_communities's.
py::dict call_communities(const GraphHandle& handle, const std::string& path, const py::dict& options,
                     const py::object& callback) {
  Options take("communities", options);
  CallSettings settings;
  settings.take(take);
  std::string method = "leiden", objective = "modularity", binning = "log", refine_order = "visiting", name;
  community::CommunityRequest request;
  take.take("method", method);
  take.take("objective", objective);
  take.take("binning", binning);
  take.take("refine_order", refine_order);
  take.take("name", name);
  take.take("resolution", request.resolution);
  take.take("runs", request.runs);
  take.take("iterations", request.iterations);
  take.take("pass_stop_fraction", request.pass_stop_fraction);
  take.take("trials", request.infomap_trials);
  take.take("steps", request.walktrap_steps);
  take.take("distance_bins", request.deterrence.bins);
  take.take("max_sites", request.deterrence.max_sites);
  take.finish();
  const auto parsed_method = community::parse_method(method);
  if (!parsed_method) throw UsageError("unknown method '" + method + "' (use " + community::method_names() + ")");
  const auto parsed_objective = community::parse_objective(objective);
  if (!parsed_objective) throw UsageError("unknown objective '" + objective + "' (use modularity|cpm|spatial)");
  const auto parsed_binning = community::parse_binning(binning);
  if (!parsed_binning) throw UsageError("unknown binning '" + binning + "' (use log|equal-count)");
  const auto parsed_refine_order = community::parse_refine_order(refine_order);
  if (!parsed_refine_order)
    throw UsageError("unknown refine_order '" + refine_order + "' (use visiting|lightest-first)");
  request.refine_order = *parsed_refine_order;
  request.method = *parsed_method;
  request.objective = *parsed_objective;
  request.deterrence.binning = *parsed_binning;
  request.seed = settings.seed;
  if (name.empty()) name = std::string(community::method_name(request.method));
  const EdgeFilter filter = settings.filter();
  return run_and_store(handle, path, filter, settings.threads, callback,
                       [&](const GraphView& view, const Progress& progress, int threads) {
                         return community::community_result(name, community::run_communities(view, request, progress),
                                                            request, filter, threads);
                       });
}

// cli/cmd_centrality.cpp. Cost: run_centrality's.
py::dict call_centrality(const GraphHandle& handle, const std::string& path, const py::dict& options,
                    const py::object& callback) {
  Options take("centrality", options);
  CallSettings settings;
  settings.take(take);
  std::string measures = "degree,strength,pagerank,coreness", name = "centrality";
  bool undirected = false;
  centrality::CentralityRequest request;
  take.take("measures", measures);
  take.take("name", name);
  take.take("undirected", undirected);
  take.take("weighted", request.weighted);
  take.take("normalized", request.normalized);
  take.take("harmonic_in", request.harmonic_in);
  take.take("damping", request.damping);
  take.take("tolerance", request.pagerank_tolerance);
  take.take("max_iterations", request.max_iterations);
  take.take("samples", request.samples);
  take.take("epsilon", request.epsilon);
  take.take("delta", request.delta);
  take.take("katz_alpha", request.katz_alpha);
  take.take("katz_beta", request.katz_beta);
  take.finish();
  if (!(request.damping >= 0.0 && request.damping <= 0.9999))
    throw UsageError("damping must lie in [0, 0.9999], not " + std::to_string(request.damping));
  request.measures = centrality::parse_centrality_measures(measures);
  request.directed = !undirected;
  request.seed = settings.seed;
  const EdgeFilter filter = settings.filter();
  return run_and_store(handle, path, filter, settings.threads, callback,
                       [&](const GraphView& view, const Progress& progress, int threads) {
                         return centrality::centrality_result(name, centrality::run_centrality(view, request, progress),
                                                              request, filter, threads);
                       });
}

// cli/cmd_anchors.cpp. Cost: run_anchors's.
py::dict call_anchors(const GraphHandle& handle, const std::string& path, const py::dict& options,
                 const py::object& callback) {
  Options take("anchors", options);
  CallSettings settings;
  settings.take(take);
  std::string communities, by, name = "anchors";
  anchors::AnchorRequest request;
  take.take("communities", communities);
  take.take("by", by);
  take.take("name", name);
  take.take("top", request.top);
  take.take("weighted", request.weighted);
  request.study_area = take_study_area(take);
  take.take("weight_hub", request.weight_hub);
  take.take("weight_local", request.weight_local);
  take.take("weight_dependency", request.weight_dependency);
  take.finish();
  request.group_by = anchors::parse_locality(by.empty() ? (communities.empty() ? "park" : "community") : by);
  const std::vector<std::int64_t> membership =
      communities.empty() ? std::vector<std::int64_t>{} : membership_of(path, communities);
  if (!communities.empty()) request.communities = "result " + communities;
  const EdgeFilter filter = settings.filter();
  return run_and_store(handle, path, filter, settings.threads, callback,
                       [&](const GraphView& view, const Progress& progress, int threads) {
                         const anchors::AnchorOutcome outcome = anchors::run_anchors(view, request, membership, progress);
                         Result described = anchors::anchor_result(name, handle->graph, outcome, request, filter, threads);
                         described.seed = settings.seed;
                         return described;
                       });
}

// cli/cmd_parks.cpp. Cost: run_parks's, plus the community step without communities.
py::dict call_parks(const GraphHandle& handle, const std::string& path, const py::dict& options,
               const py::object& callback) {
  Options take("parks", options);
  CallSettings settings;
  settings.take(take);
  std::string communities, null = "auto", name = pipeline::result_names::parks;
  int runs = pipeline::MainJobRequest{}.stability_runs;
  spatial::ParkRequest request = pipeline::default_park_request();
  take.take("communities", communities);
  take.take("null", null);
  take.take("name", name);
  take.take("runs", runs);
  take.take("unit", request.unit);
  take.take("radius_km", request.radius_km);
  take.take("min_located_share", request.min_located_share);
  take.take("chains", request.null.chains);
  take.take("distance_bands", request.null.distance_bands);
  take.take("null_models", request.null.replicates);
  take.take("burn_in", request.null.burn_in_swaps);
  take.take("null_spacing", request.null.spacing_swaps);
  take.take("alpha", request.rules.alpha);
  take.take("min_firms", request.rules.min_firms);
  take.take("min_links", request.rules.min_links);
  take.take("min_ratio", request.rules.min_ratio);
  take.take("external_share", request.rules.external_share);
  take.take("vertical_share", request.rules.vertical_share);
  take.take("concentration", request.rules.concentration);
  take.take("wider_share", request.rules.wider_dominant_share);
  take.take("wider_reach", request.rules.wider_reach_share);
  take.take("wider_chain_share", request.rules.wider_chain_share);
  request.study_area = take_study_area(take);
  take.finish();
  if (request.unit != "park" && request.unit != "region" && request.unit != "radius")
    throw UsageError("unit must be park, region or radius, not '" + request.unit + "'");
  if (runs < 1) throw UsageError("runs must be at least 1");
  spatial::apply_null_choice(request, null);
  request.null.seed = settings.seed;
  std::vector<std::int64_t> membership;
  if (!communities.empty()) {
    membership = membership_of(path, communities);
    request.communities = "result " + communities;
  }
  const EdgeFilter filter = settings.filter();
  return run_and_store(handle, path, filter, settings.threads, callback,
                       [&](const GraphView& view, const Progress& progress, int threads) {
                         if (communities.empty()) {
                           const community::CommunityRequest step = pipeline::community_step(settings.seed, runs);
                           membership = community::run_communities(view, step, progress).membership;
                           request.communities = pipeline::community_step_text(step);
                         }
                         const spatial::ParkOutcome outcome = spatial::run_parks(view, request, &membership, progress);
                         return spatial::park_result(name, handle->graph, outcome, request, filter, threads);
                       });
}

// cli/cmd_concentration.cpp. Cost: run_concentration's.
py::dict call_concentration(const GraphHandle& handle, const std::string& path, const py::dict& options,
                       const py::object& callback) {
  Options take("concentration", options);
  std::uint64_t seed = 1;
  int threads_requested = 0;
  std::string by = "region", measure = "auto", totals_path, name = pipeline::result_names::concentration;
  spatial::ConcentrationRequest request;
  take.take("seed", seed);
  take.take("threads", threads_requested);
  take.take("by", by);
  take.take("measure", measure);
  take.take("totals", totals_path);
  take.take("name", name);
  take.take("industry_level", request.industry_level);
  take.take("min_firms", request.min_firms);
  take.take("pairs", request.pair_industries);
  take.take("group", request.group);
  take.take("distance", request.distance);
  take.take("simulations", request.simulations);
  take.take("max_distance_km", request.max_distance_km);
  take.take("distance_points", request.distance_points);
  take.take("distance_max_firms", request.distance_max_firms);
  take.take("distance_max_sites", request.distance_max_sites);
  take.take("band_alpha", request.band_alpha);
  take.finish();
  const auto unit = spatial::parse_spatial_unit(by);
  if (!unit) throw UsageError("by must be region or park, not '" + by + "'");
  const auto size = spatial::parse_size_measure(measure);
  if (!size) throw UsageError("measure must be auto, employees or firm_count, not '" + measure + "'");
  request.unit = *unit;
  request.measure = *size;
  request.seed = seed;
  std::optional<spatial::UnitTotals> totals;
  if (!totals_path.empty()) {
    totals = read_unit_totals(totals_path, by);
    request.totals = totals_path;
  }
  return run_and_store(handle, path, EdgeFilter{}, threads_requested, callback,
                       [&](const GraphView& view, const Progress& progress, int threads) {
                         return spatial::concentration_result(
                             name, spatial::run_concentration(view, request, totals ? &*totals : nullptr, progress),
                             request, threads);
                       });
}

// The main job on a loaded network (cli/cmd_analyze.cpp after its import): every result and
// the phase times are stored; returns them in the order stored. Cost: run_main_job's.
py::list call_analyze(const GraphHandle& handle, const std::string& path, const py::dict& options,
                 const py::object& callback) {
  Options take("analyze", options);
  pipeline::MainJobRequest job;
  int threads_requested = 0;
  take.take("layers", job.layers);
  take.take("years", job.years);
  take.take("seed", job.seed);
  take.take("threads", threads_requested);
  take.take("runs", job.stability_runs);
  take.take("null_models", job.parks.null.replicates);
  take.take("unit", job.parks.unit);
  take.take("top", job.top_anchors);
  job.study_area = take_study_area(take);
  take.finish();
  int threads = 0;
  pipeline::MainJobOutcome job_outcome = released(threads_requested, callback, [&](const Progress& progress, int effective) {
    threads = job.threads = effective;
    return pipeline::run_main_job(handle->graph, job, progress);
  });
  pipeline::PhaseClock clock;
  std::vector<Result>& results = job_outcome.results;
  if (!path.empty()) {
    Hdf5Turn turn;
    write_results(path, results);
  }
  clock.lap("store");
  std::vector<pipeline::PhaseTime> phases = job_outcome.phases;
  phases.insert(phases.end(), clock.phases().begin(), clock.phases().end());
  results.push_back(pipeline::phase_times_result(phases, job.seed, threads));
  store(path, results.back());
  py::list out;
  for (auto& result : results) out.append(result_to_python(std::move(result)));
  return out;
}

// The defaults of every request field the Python calls expose, from the request structs
// themselves (and the main job's, for the park test's replicates and community runs), so the
// signatures in python/firmnet/network.py show the library's values. O(1).
py::dict defaults() {
  using namespace pybind11::literals;
  const pipeline::MainJobRequest job;
  const spatial::ParkRequest park;
  const spatial::VerdictRules& rules = park.rules;
  const centrality::CentralityRequest centrality;
  const community::CommunityRequest community;
  const anchors::AnchorRequest anchor;
  const spatial::ConcentrationRequest concentration;
  py::dict out;
  out["parks"] = py::dict("radius_km"_a = park.radius_km, "min_located_share"_a = park.min_located_share,
                          "chains"_a = park.null.chains, "distance_bands"_a = park.null.distance_bands,
                          "burn_in"_a = park.null.burn_in_swaps, "null_spacing"_a = park.null.spacing_swaps,
                          "null_models"_a = job.parks.null.replicates, "runs"_a = job.stability_runs, "alpha"_a = rules.alpha,
                          "min_firms"_a = rules.min_firms, "min_links"_a = rules.min_links,
                          "min_ratio"_a = rules.min_ratio, "external_share"_a = rules.external_share,
                          "vertical_share"_a = rules.vertical_share, "concentration"_a = rules.concentration,
                          "wider_share"_a = rules.wider_dominant_share, "wider_reach"_a = rules.wider_reach_share,
                          "wider_chain_share"_a = rules.wider_chain_share);
  out["centrality"] = py::dict("damping"_a = centrality.damping, "tolerance"_a = centrality.pagerank_tolerance,
                               "max_iterations"_a = centrality.max_iterations, "epsilon"_a = centrality.epsilon,
                               "delta"_a = centrality.delta, "samples"_a = centrality.samples,
                               "katz_alpha"_a = centrality.katz_alpha, "katz_beta"_a = centrality.katz_beta);
  out["communities"] = py::dict("resolution"_a = community.resolution, "runs"_a = community.runs,
                                "iterations"_a = community.iterations,
                                "pass_stop_fraction"_a = community.pass_stop_fraction, "trials"_a = community.infomap_trials,
                                "steps"_a = community.walktrap_steps, "distance_bins"_a = community.deterrence.bins,
                                "max_sites"_a = community.deterrence.max_sites);
  out["anchors"] = py::dict("weight_hub"_a = anchor.weight_hub, "weight_local"_a = anchor.weight_local,
                            "weight_dependency"_a = anchor.weight_dependency,
                            "outside_regions"_a = anchor.study_area.outside_regions);
  out["concentration"] = py::dict(
      "industry_level"_a = concentration.industry_level, "min_firms"_a = concentration.min_firms,
      "pairs"_a = concentration.pair_industries, "simulations"_a = concentration.simulations,
      "max_distance_km"_a = concentration.max_distance_km, "distance_points"_a = concentration.distance_points,
      "distance_max_firms"_a = concentration.distance_max_firms,
      "distance_max_sites"_a = concentration.distance_max_sites, "band_alpha"_a = concentration.band_alpha);
  out["analyze"] = py::dict("runs"_a = job.stability_runs, "null_models"_a = job.parks.null.replicates, "unit"_a = job.parks.unit,
                            "top"_a = job.top_anchors);
  return out;
}

// ---- errors --------------------------------------------------------------------------------

// firmnet.Error with DataError and UsageError below it, and the translators. O(1).
void register_errors(py::module_& m) {
  static py::exception<std::runtime_error> error(m, "Error", PyExc_Exception);
  py::register_exception<DataError>(m, "DataError", error.ptr());
  py::register_exception<UsageError>(m, "UsageError", error.ptr());
  // An import's rejected rows: the CLI's stderr listing (file:line: reason: detail) joins the
  // message, and `issues` carries them as (file, line, reason, detail) tuples.
  py::register_exception_translator([](std::exception_ptr pointer) {
    try {
      if (pointer) std::rethrow_exception(pointer);
    } catch (const ImportError& e) {
      py::object data_error = py::module_::import("firmnet._core").attr("DataError");
      py::object instance = data_error(std::string(e.what()) + "\n" + e.log().format_issues(20));
      py::list issues;
      for (const auto& issue : e.log().issues) issues.append(py::make_tuple(issue.file, issue.line, issue.reason, issue.detail));
      instance.attr("issues") = issues;
      PyErr_SetObject(data_error.ptr(), instance.ptr());
    }
  });
}

}  // namespace

}  // namespace firmnet::python

PYBIND11_MODULE(_core, m) {
  using namespace firmnet::python;
  m.doc() = "firmnet's compiled core; use the package `firmnet` (docs/PYTHON.md).";
  m.attr("version") = FIRMNET_VERSION;
  register_errors(m);

  py::class_<LoadedGraph, GraphHandle>(m, "Graph", "A network loaded in memory (node and edge tables, CSR adjacency).")
      .def_property_readonly("node_count", [](const LoadedGraph& g) { return g.graph.node_count(); })
      .def_property_readonly("edge_count", [](const LoadedGraph& g) { return g.graph.edge_count(); })
      .def_property_readonly("fingerprint", [](const LoadedGraph& g) { return g.graph.fingerprint(); })
      .def("node_columns", &node_columns)
      .def("edge_columns", &edge_columns)
      .def("edge_mask", &edge_mask, py::arg("layers"), py::arg("years"))
      .def("out_offsets", [](const py::object& self) {
        const auto& offsets = self.cast<LoadedGraph&>().graph.out_offsets;
        return view_array(offsets.data(), offsets.size(), self);
      });

  m.def("load", &load, py::arg("path"));
  m.def("import_csv", &import_files, py::arg("nodes"), py::arg("edges"), py::arg("output"), py::arg("options"),
        py::arg("progress"));
  m.def("save", &save, py::arg("graph"), py::arg("output"), py::arg("origin"), py::arg("force"), py::arg("replace"));
  m.def("subgraph", &subgraph, py::arg("graph"), py::arg("column"), py::arg("value"));
  m.def("list_results", &stored_results, py::arg("path"));
  m.def("read_result", &stored_result, py::arg("path"), py::arg("name"));
  m.def("describe_csv_columns", &firmnet::describe_csv_columns);
  m.def("defaults", &defaults);
  m.def("communities", &call_communities, py::arg("graph"), py::arg("path"), py::arg("options"), py::arg("progress"));
  m.def("centrality", &call_centrality, py::arg("graph"), py::arg("path"), py::arg("options"), py::arg("progress"));
  m.def("anchors", &call_anchors, py::arg("graph"), py::arg("path"), py::arg("options"), py::arg("progress"));
  m.def("parks", &call_parks, py::arg("graph"), py::arg("path"), py::arg("options"), py::arg("progress"));
  m.def("concentration", &call_concentration, py::arg("graph"), py::arg("path"), py::arg("options"), py::arg("progress"));
  m.def("analyze", &call_analyze, py::arg("graph"), py::arg("path"), py::arg("options"), py::arg("progress"));
}
