#include "algorithms/centrality/centrality_suite.hpp"

#include <algorithm>
#include <memory>
#include <optional>

#include "algorithms/centrality/clustering.hpp"
#include "algorithms/centrality/constraint.hpp"
#include "algorithms/centrality/coreness.hpp"
#include "algorithms/centrality/degree.hpp"
#include "algorithms/centrality/harmonic.hpp"
#include "algorithms/centrality/hits.hpp"
#include "graph/errors.hpp"

namespace firmnet {

const std::vector<std::string_view>& centrality_measure_names() {
  static const std::vector<std::string_view> names{"degree",      "strength", "pagerank", "betweenness",
                                                   "harmonic",    "eigenvector", "hits",   "katz",
                                                   "coreness",    "clustering",  "constraint"};
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

Result run_centrality(const GraphView& view, const CentralityRequest& request) {
  Result result;
  result.method = "centrality";
  result.seed = request.seed;
  std::string measures;
  for (const auto& m : request.measures) measures += (measures.empty() ? "" : ",") + m;
  result.parameters = {{"measures", measures},
                       {"selection", view.filter().describe()},
                       {"directed", static_cast<std::int64_t>(request.directed)},
                       {"weighted", static_cast<std::int64_t>(request.weighted)},
                       {"normalized", static_cast<std::int64_t>(request.normalized)},
                       {"parallel_edges", std::string("folded, weights summed")}};
  auto parameter = [&](const std::string& key, ScalarValue value) { result.parameters.emplace_back(key, std::move(value)); };
  auto scalar = [&](const std::string& key, ScalarValue value) { result.scalars.emplace_back(key, std::move(value)); };

  request.progress.report("building adjacency", 0.0);
  const Adjacency directed = Adjacency::directed(view);
  std::optional<Adjacency> undirected_cache;
  auto undirected = [&]() -> const Adjacency& {
    if (!undirected_cache) undirected_cache = Adjacency::undirected(view);
    return *undirected_cache;
  };
  auto chosen = [&]() -> const Adjacency& { return request.directed ? directed : undirected(); };
  request.progress.report("building adjacency", 1.0);

  for (const std::string& m : request.measures) {
    if (m == "degree" || m == "strength") {
      const bool weighted = m == "strength";
      const std::string suffix = weighted ? "strength" : "degree";
      result.add_column("in_" + suffix, degree_centrality(directed, DegreeMode::in, weighted));
      result.add_column("out_" + suffix, degree_centrality(directed, DegreeMode::out, weighted));
      result.add_column(suffix, degree_centrality(directed, DegreeMode::total, weighted));
    } else if (m == "pagerank") {
      PageRankOptions options;
      options.damping = request.damping;
      options.tolerance = request.pagerank_tolerance;
      options.max_iterations = request.max_iterations;
      options.weighted = request.weighted;
      const PageRankResult pr = pagerank(chosen(), options);
      result.add_column("pagerank", pr.scores);
      parameter("pagerank_damping", request.damping);
      parameter("pagerank_tolerance", request.pagerank_tolerance);
      parameter("pagerank_max_iterations", static_cast<std::int64_t>(request.max_iterations));
      parameter("pagerank_dangling", std::string("redistributed uniformly (igraph)"));
      scalar("pagerank_iterations", static_cast<std::int64_t>(pr.iterations));
      scalar("pagerank_converged", static_cast<std::int64_t>(pr.converged));
    } else if (m == "betweenness") {
      BetweennessOptions options;
      options.weighted = request.weighted;
      options.normalized = request.normalized;
      options.samples = request.samples;
      options.seed = request.seed;
      options.progress = request.progress;
      BetweennessResult bc = betweenness(chosen(), options);
      result.add_column("betweenness", std::move(bc.scores));
      parameter("betweenness_samples", static_cast<std::int64_t>(request.samples));
      if (request.samples > 0) {
        result.add_column("betweenness_se", std::move(bc.standard_error));
        parameter("betweenness_failure_probability", options.failure_probability);
        scalar("betweenness_error_bound", bc.error_bound);
      }
    } else if (m == "harmonic") {
      HarmonicOptions options;
      options.weighted = request.weighted;
      options.normalized = request.normalized;
      options.use_in_edges = request.harmonic_in;
      options.progress = request.progress;
      result.add_column("harmonic", harmonic_closeness(chosen(), options));
      parameter("harmonic_mode", std::string(request.harmonic_in ? "in" : "out"));
    } else if (m == "eigenvector" || m == "hits") {
      SpectralOptions options;
      options.weighted = request.weighted;
      options.max_iterations = std::max(request.max_iterations, 1000);
      if (m == "eigenvector") {
        const EigenvectorResult ev = eigenvector_centrality(chosen(), options);
        result.add_column("eigenvector", ev.scores);
        scalar("eigenvector_eigenvalue", ev.eigenvalue);
        scalar("eigenvector_converged", static_cast<std::int64_t>(ev.converged));
      } else {
        const HitsResult h = hits(directed, options);
        result.add_column("hub", h.hubs);
        result.add_column("authority", h.authorities);
        scalar("hits_eigenvalue", h.eigenvalue);
        scalar("hits_converged", static_cast<std::int64_t>(h.converged));
      }
      parameter("spectral_tolerance", options.tolerance);
    } else if (m == "katz") {
      KatzOptions options;
      options.alpha = request.katz_alpha;
      options.beta = request.katz_beta;
      options.weighted = request.weighted;
      options.max_iterations = std::max(request.max_iterations, 1000);
      const KatzResult k = katz_centrality(chosen(), options);
      result.add_column("katz", k.scores);
      parameter("katz_alpha", request.katz_alpha);
      parameter("katz_beta", request.katz_beta);
      scalar("katz_converged", static_cast<std::int64_t>(k.converged));
    } else if (m == "coreness") {
      result.add_column("coreness", coreness(undirected(), DegreeMode::total));
      result.add_column("in_coreness", coreness(directed, DegreeMode::in));
      result.add_column("out_coreness", coreness(directed, DegreeMode::out));
    } else if (m == "clustering") {
      result.add_column("clustering", local_clustering(undirected()).coefficient);
    } else if (m == "constraint") {
      result.add_column("constraint", burt_constraint(undirected(), request.weighted));
    }
  }
  return result;
}

}  // namespace firmnet
