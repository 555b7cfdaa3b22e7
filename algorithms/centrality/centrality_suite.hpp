// Runs a chosen set of centrality measures on one view (`firmnet centrality`, the main job).
// Each measure lives in its own file; this suite is a table of measures, each entry naming the
// score columns it produces and the adjacency it needs. The directed adjacency is built once,
// the undirected projection only when a measure needs it. results/centrality_result.hpp
// describes the outcome for storage.
// Cost: the sum of the chosen measures' costs (each file states its own).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "algorithms/centrality/betweenness.hpp"
#include "algorithms/centrality/eigenvector.hpp"
#include "algorithms/centrality/kadabra_betweenness.hpp"
#include "algorithms/centrality/katz.hpp"
#include "algorithms/centrality/pagerank.hpp"
#include "graph/progress.hpp"
#include "graph/views.hpp"

namespace firmnet::centrality {

/// Measure names accepted by the suite, in output order. O(1).
const std::vector<std::string_view>& centrality_measure_names();

/// Parses "pagerank,betweenness" (or "all"); throws UsageError naming an unknown measure.
/// O(length * measures).
std::vector<std::string> parse_centrality_measures(std::string_view text);

struct CentralityRequest {
  std::vector<std::string> measures;  // from parse_centrality_measures
  bool directed = true;    // path and walk measures follow edge direction (false: undirected)
  bool weighted = false;   // weights as strengths (degree, PageRank, spectral, Katz, constraint)
                           // and as lengths (betweenness, harmonic)
  bool normalized = false; // betweenness and harmonic closeness normalised
  bool harmonic_in = false;  // harmonic closeness over in-edges instead of out-edges
  double damping = 0.85, pagerank_tolerance = 1e-10;
  int max_iterations = 1000;
  std::uint64_t samples = 0;  // betweenness pivots, 0 = exact (experts; prefer epsilon)
  double failure_probability = 0.05;  // of the sampled betweenness error bound
  // Approximate betweenness (KADABRA, kadabra_betweenness.hpp) when epsilon > 0: every
  // normalised score within epsilon of exact with probability >= 1 - delta. 0 = exact.
  double epsilon = 0.0, delta = 0.1;
  std::uint64_t seed = 1;
  double katz_alpha = 0.05, katz_beta = 1.0;
  double spectral_tolerance = SpectralOptions{}.tolerance;  // eigenvector and HITS
};

/// One score per node, real or integral (coreness).
struct ScoreColumn {
  std::string name;
  std::variant<std::vector<double>, std::vector<std::int64_t>> values;
};

/// A convergence fact of a measure, e.g. pagerank_iterations or hits_eigenvalue.
struct CentralityFact {
  std::string name;
  std::variant<std::int64_t, double> value;
};

struct CentralityOutcome {
  std::vector<ScoreColumn> columns;  // in the order of the request's measures
  std::vector<CentralityFact> facts;
};

/// Computes the requested measures on the view's accepted edges. Throws UsageError for
/// settings a measure rejects. Cost: the sum of the measures' costs.
CentralityOutcome run_centrality(const GraphView& view, const CentralityRequest& request, const Progress& progress = {});

}  // namespace firmnet::centrality
