#include "algorithms/centrality/centrality_suite.hpp"

#include <algorithm>
#include <functional>
#include <optional>

#include "algorithms/centrality/clustering.hpp"
#include "algorithms/centrality/constraint.hpp"
#include "algorithms/centrality/coreness.hpp"
#include "algorithms/centrality/degree.hpp"
#include "algorithms/centrality/harmonic.hpp"
#include "algorithms/centrality/hits.hpp"
#include "graph/errors.hpp"

namespace firmnet::centrality {

namespace {

// What a measure sees: the request, progress and the adjacencies (undirected built on demand).
struct MeasureInput {
  const CentralityRequest& request;
  const Progress& progress;
  const Adjacency& directed;
  std::function<const Adjacency&()> undirected;
  // The adjacency of path and walk measures: directed unless the request says otherwise.
  const Adjacency& chosen() const { return request.directed ? directed : undirected(); }
};

using MeasureFunction = void (*)(const MeasureInput&, CentralityOutcome&);

void add(CentralityOutcome& out, std::string name, std::vector<double> values) {
  out.columns.push_back({std::move(name), std::move(values)});
}
void add(CentralityOutcome& out, std::string name, std::vector<std::int64_t> values) {
  out.columns.push_back({std::move(name), std::move(values)});
}
void fact(CentralityOutcome& out, std::string name, std::variant<std::int64_t, double> value) {
  out.facts.push_back({std::move(name), value});
}

void degree_measure(const MeasureInput& in, CentralityOutcome& out, bool weighted) {
  const std::string suffix = weighted ? "strength" : "degree";
  add(out, "in_" + suffix, degree_centrality(in.directed, DegreeMode::in, weighted));
  add(out, "out_" + suffix, degree_centrality(in.directed, DegreeMode::out, weighted));
  add(out, suffix, degree_centrality(in.directed, DegreeMode::total, weighted));
}

void pagerank_measure(const MeasureInput& in, CentralityOutcome& out) {
  PageRankOptions options;
  options.damping = in.request.damping;
  options.tolerance = in.request.pagerank_tolerance;
  options.max_iterations = in.request.max_iterations;
  options.weighted = in.request.weighted;
  PageRankResult pr = pagerank(in.chosen(), options);
  add(out, "pagerank", std::move(pr.scores));
  fact(out, "pagerank_iterations", static_cast<std::int64_t>(pr.iterations));
  fact(out, "pagerank_converged", static_cast<std::int64_t>(pr.converged));
  fact(out, "pagerank_last_change", pr.last_change);
}

// KADABRA when the request sets epsilon; its sample facts back the verifier and the report.
void kadabra_measure(const MeasureInput& in, CentralityOutcome& out) {
  if (in.request.samples > 0)
    throw UsageError("betweenness takes either --epsilon (KADABRA, with a guarantee) or --samples (pivots), not both");
  if (in.request.weighted)
    throw UsageError("approximate betweenness (--epsilon) counts hops; drop --weighted or use exact betweenness");
  KadabraOptions options;
  options.epsilon = in.request.epsilon;
  options.delta = in.request.delta;
  options.normalized = in.request.normalized;
  options.seed = in.request.seed;
  options.progress = in.progress;
  KadabraResult bc = kadabra_betweenness(in.chosen(), options);
  add(out, "betweenness", std::move(bc.scores));
  fact(out, "betweenness_error_bound", bc.error_bound);
  fact(out, "betweenness_samples_taken", static_cast<std::int64_t>(bc.samples));
  fact(out, "betweenness_first_samples", static_cast<std::int64_t>(bc.first_samples));
  fact(out, "betweenness_omega", static_cast<std::int64_t>(bc.omega));
  fact(out, "betweenness_vertex_diameter_bound", static_cast<std::int64_t>(bc.vertex_diameter_bound));
  fact(out, "betweenness_interior_visits", static_cast<std::int64_t>(bc.interior_visits));
  fact(out, "betweenness_longest_sampled_path", static_cast<std::int64_t>(bc.longest_path));
}

void betweenness_measure(const MeasureInput& in, CentralityOutcome& out) {
  if (!(in.request.epsilon >= 0.0)) throw UsageError("betweenness epsilon must be in (0, 1), or 0 for exact");
  if (in.request.epsilon > 0.0) return kadabra_measure(in, out);
  BetweennessOptions options;
  options.weighted = in.request.weighted;
  options.normalized = in.request.normalized;
  options.samples = in.request.samples;
  options.failure_probability = in.request.failure_probability;
  options.seed = in.request.seed;
  options.progress = in.progress;
  BetweennessResult bc = betweenness(in.chosen(), options);
  add(out, "betweenness", std::move(bc.scores));
  if (in.request.samples > 0) {
    add(out, "betweenness_se", std::move(bc.standard_error));
    fact(out, "betweenness_error_bound", bc.error_bound);
  }
}

void harmonic_measure(const MeasureInput& in, CentralityOutcome& out) {
  HarmonicOptions options;
  options.weighted = in.request.weighted;
  options.normalized = in.request.normalized;
  options.use_in_edges = in.request.harmonic_in;
  options.progress = in.progress;
  add(out, "harmonic", harmonic_closeness(in.chosen(), options));
}

SpectralOptions spectral_options(const CentralityRequest& request) {
  SpectralOptions options;
  options.weighted = request.weighted;
  options.tolerance = request.spectral_tolerance;
  options.max_iterations = std::max(request.max_iterations, 1000);
  return options;
}

void eigenvector_measure(const MeasureInput& in, CentralityOutcome& out) {
  EigenvectorResult ev = eigenvector_centrality(in.chosen(), spectral_options(in.request));
  add(out, "eigenvector", std::move(ev.scores));
  fact(out, "eigenvector_eigenvalue", ev.eigenvalue);
  fact(out, "eigenvector_converged", static_cast<std::int64_t>(ev.converged));
}

void hits_measure(const MeasureInput& in, CentralityOutcome& out) {
  HitsResult h = hits(in.directed, spectral_options(in.request));
  add(out, "hub", std::move(h.hubs));
  add(out, "authority", std::move(h.authorities));
  fact(out, "hits_eigenvalue", h.eigenvalue);
  fact(out, "hits_converged", static_cast<std::int64_t>(h.converged));
}

void katz_measure(const MeasureInput& in, CentralityOutcome& out) {
  KatzOptions options;
  options.alpha = in.request.katz_alpha;
  options.beta = in.request.katz_beta;
  options.weighted = in.request.weighted;
  options.max_iterations = std::max(in.request.max_iterations, 1000);
  KatzResult k = katz_centrality(in.chosen(), options);
  add(out, "katz", std::move(k.scores));
  fact(out, "katz_converged", static_cast<std::int64_t>(k.converged));
}

void coreness_measure(const MeasureInput& in, CentralityOutcome& out) {
  add(out, "coreness", coreness(in.undirected(), DegreeMode::total));
  add(out, "in_coreness", coreness(in.directed, DegreeMode::in));
  add(out, "out_coreness", coreness(in.directed, DegreeMode::out));
}

// The suite's measures, in output order.
const std::pair<std::string_view, MeasureFunction> kMeasures[] = {
    {"degree", [](const MeasureInput& in, CentralityOutcome& out) { degree_measure(in, out, false); }},
    {"strength", [](const MeasureInput& in, CentralityOutcome& out) { degree_measure(in, out, true); }},
    {"pagerank", pagerank_measure},
    {"betweenness", betweenness_measure},
    {"harmonic", harmonic_measure},
    {"eigenvector", eigenvector_measure},
    {"hits", hits_measure},
    {"katz", katz_measure},
    {"coreness", coreness_measure},
    {"clustering",
     [](const MeasureInput& in, CentralityOutcome& out) { add(out, "clustering", local_clustering(in.undirected()).coefficient); }},
    {"constraint",
     [](const MeasureInput& in, CentralityOutcome& out) {
       add(out, "constraint", burt_constraint(in.undirected(), in.request.weighted));
     }},
};

}  // namespace

const std::vector<std::string_view>& centrality_measure_names() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out;
    for (const auto& [name, run] : kMeasures) out.push_back(name);
    return out;
  }();
  return names;
}

std::vector<std::string> parse_centrality_measures(std::string_view text) {
  const auto& known = centrality_measure_names();
  if (text == "all") return {known.begin(), known.end()};
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    const std::string_view word = text.substr(start, comma - start);
    if (std::find(known.begin(), known.end(), word) == known.end()) {
      std::string list;
      for (auto k : known) list += (list.empty() ? "" : ", ") + std::string(k);
      throw UsageError("unknown centrality measure '" + std::string(word) + "' (known: " + list + ", all)");
    }
    if (std::find(out.begin(), out.end(), word) == out.end()) out.emplace_back(word);
    start = comma + 1;
  }
  return out;
}

CentralityOutcome run_centrality(const GraphView& view, const CentralityRequest& request, const Progress& progress) {
  progress.report("building adjacency", 0.0);
  const Adjacency directed = Adjacency::directed(view);
  std::optional<Adjacency> undirected_cache;
  const MeasureInput input{request, progress, directed, [&]() -> const Adjacency& {
                             if (!undirected_cache) undirected_cache = Adjacency::undirected(view);
                             return *undirected_cache;
                           }};
  progress.report("building adjacency", 1.0);
  CentralityOutcome out;
  for (const std::string& measure : request.measures) {
    const auto* entry = std::find_if(std::begin(kMeasures), std::end(kMeasures),
                                     [&](const auto& m) { return m.first == measure; });
    if (entry == std::end(kMeasures)) throw UsageError("unknown centrality measure '" + measure + "'");
    entry->second(input, out);
  }
  return out;
}

}  // namespace firmnet::centrality
