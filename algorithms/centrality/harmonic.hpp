// Harmonic closeness (Marchiori & Latora 2000; Boldi & Vigna 2014):
//   H(u) = sum_{v != u, v reachable} 1 / d(u, v),  optionally divided by n - 1,
// as igraph_harmonic_centrality. Distances follow out-edges (mode out: how closely u reaches
// the others) or in-edges (mode in: how closely the others reach u); unreachable pairs add 0.
// Approach: one BFS (or Dijkstra with weights as lengths) per node, parallel over sources.
// Complexity: O(n m) unweighted, O(n (m + n log n)) weighted; memory O(n) per thread.
#pragma once
#include <vector>

#include "graph/adjacency.hpp"
#include "graph/progress.hpp"

namespace firmnet::centrality {

struct HarmonicOptions {
  bool use_in_edges = false;  // mode in instead of out (no effect when undirected)
  bool weighted = false;      // weights are lengths (must be > 0)
  bool normalized = false;    // divide by n - 1
  Progress progress;
};

/// Harmonic closeness of every node. Throws UsageError on non-positive weights when weighted.
/// O(n m) unweighted, O(n (m + n log n)) weighted.
std::vector<double> harmonic_closeness(const Adjacency& adjacency, const HarmonicOptions& options);

}  // namespace firmnet::centrality
