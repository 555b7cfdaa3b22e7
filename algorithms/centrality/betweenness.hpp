// Betweenness centrality (Brandes 2001, "A faster algorithm for betweenness centrality",
// J. Math. Sociol. 25:163): bc(v) = sum_{s != v != t} sigma_st(v) / sigma_st.
// Exact: one BFS (unweighted) or Dijkstra (weights as lengths, as in igraph) per source,
// then dependency accumulation in reverse distance order, checking successors on the
// out-row instead of storing predecessor lists. Fixed summation order: sources go in blocks
// of 16, each summed in doubles in source order by one thread and then added to the totals in
// fixed point (graph/fixed_point_sum.hpp), whose sums do not depend on the order of the terms;
// blocks are split over the processes of a `firmnet-mpi` job (block b to process b mod size,
// graph/process_group.hpp), then dynamically over OpenMP threads. Any thread and process count
// gives the same bits.
// Undirected graphs count each unordered pair once (igraph's convention).
// Sampled: k distinct pivot sources drawn uniformly (Brandes & Pich 2007), estimate
// (n / k) sum_{s in S} delta_s(v); unbiased. Error estimates:
//  - per node, the standard error of that estimate from the sample variance of delta_s(v),
//    with the finite-population correction sqrt((n - k) / (n - 1));
//  - for all nodes at once, Hoeffding's bound (valid for sampling without replacement):
//    with probability >= 1 - failure_probability, every |estimate - exact| <=
//    n * R * sqrt(ln(2 n / failure_probability) / (2 k)), R the range of delta_s(v) (n - 2,
//    halved when undirected).
// Complexity: O(k m) unweighted, O(k (m + n log n)) weighted, k = n when exact.
// Memory: per thread about 56 n bytes (+24 n for the sampled variance).
#pragma once
#include <cstdint>
#include <vector>

#include "graph/adjacency.hpp"
#include "graph/progress.hpp"

namespace firmnet::centrality {

struct BetweennessOptions {
  bool weighted = false;       // edge weights as path lengths (must be > 0)
  bool normalized = false;     // divide by (n-1)(n-2), halved when undirected
  std::uint64_t samples = 0;   // 0: exact; else the number k of pivot sources (k < n)
  std::uint64_t seed = 1;      // pivot choice
  double failure_probability = 0.05;  // for the Hoeffding bound of the sampled estimate
  Progress progress;
};

struct BetweennessResult {
  std::vector<double> scores;
  std::vector<double> standard_error;  // per node, sampled runs only (empty when exact)
  std::uint64_t sources = 0;           // sources used (n when exact)
  double error_bound = 0.0;            // Hoeffding bound on |estimate - exact|, 0 when exact
};

/// Betweenness of every node, exact or sampled. Throws UsageError on a non-positive weight
/// (weighted runs) or a sample count outside [1, n). O(k m) unweighted, O(k (m + n log n))
/// weighted, k = n when exact.
BetweennessResult betweenness(const Adjacency& adjacency, const BetweennessOptions& options);

}  // namespace firmnet::centrality
