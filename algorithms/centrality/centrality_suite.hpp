// Runs a chosen set of centrality measures on one view and collects them as a storable
// Result (one node column per measure, in node order, with every parameter that shaped the
// numbers). This is what `firmnet centrality` calls; each measure lives in its own file.
// The directed adjacency is built once, the undirected projection only when a measure needs it.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "algorithms/centrality/betweenness.hpp"
#include "algorithms/centrality/eigenvector.hpp"
#include "algorithms/centrality/katz.hpp"
#include "algorithms/centrality/pagerank.hpp"
#include "graph/progress.hpp"
#include "graph/views.hpp"
#include "io/results.hpp"

namespace firmnet {

/// Measure names accepted by the suite, in output order.
const std::vector<std::string_view>& centrality_measure_names();

/// Parses "pagerank,betweenness" (or "all"); throws UsageError naming an unknown measure.
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
  std::uint64_t samples = 0;  // betweenness pivots, 0 = exact
  std::uint64_t seed = 1;
  double katz_alpha = 0.05, katz_beta = 1.0;
  Progress progress;
};

/// Computes the requested measures. result.method = "centrality"; parameters hold the layers,
/// years, direction, weighting and every measure option; scalars hold convergence facts.
/// Cost: the sum of the measures' costs.
Result run_centrality(const GraphView& view, const CentralityRequest& request);

}  // namespace firmnet
