// Approximate betweenness with a proven (epsilon, delta) guarantee: KADABRA (Borassi & Natale,
// "KADABRA is an ADaptive Algorithm for Betweenness via Random Approximation", ACM J. Exp.
// Algorithmics 24, 2019), on hop-count shortest paths, directed or undirected.
//
// Estimator. Draw an ordered pair s != t uniformly and one shortest s-t path uniformly among
// the sigma_st; X_v = 1 when v is an interior node of it. E[X_v] = b(v) = sum_{s != t}
// sigma_st(v) / sigma_st / (n (n - 1)), which is the normalised betweenness of
// docs/centrality.md, bc(v) / (f (n - 1)(n - 2)) with f = 1/2 undirected, times (n - 2) / n.
// So bc_norm(v) is estimated by n / (n - 2) * (visits of v) / tau after tau samples, and a
// guarantee of epsilon on bc_norm is one of lambda = epsilon (n - 2) / n on b.
//
// Sampling a path: balanced bidirectional BFS. Each step expands, by one level, the side
// (forward from s on out-rows, backward from t on in-rows) whose frontier has the smaller
// degree sum; the first level that touches the other side's frontier closes every shortest path,
// and sigma_st = sum over touching edges (u, w) of sigma_s(u) sigma_t(w). One touching edge is
// drawn with that weight, then the path is walked back to s and on to t, each step choosing a
// neighbour one level nearer with probability sigma(neighbour) / sigma(node).
//
// Stopping rule (KADABRA, Section 4). omega = 0.5 / lambda^2 (floor(log2(VD - 2)) + 1 +
// ln(2 / delta)) samples give the guarantee with probability >= 1 - delta/2 (Riondato &
// Kornaropoulos 2016, Data Min. Knowl. Disc. 30:438, with VD a vertex-diameter upper bound,
// vertex_diameter_bound.hpp). Before sampling, a first independent sample of omega / 100
// paths sets per-node failure budgets delta_L(v) = delta_U(v) = exp(-c lambda^2 / b1(v)) +
// delta bf / (4 n) (bf = 0.001) with the smallest c for which sum_v (delta_L + delta_U) <=
// delta / 2. Sampling stops at the first batch boundary where, for every v,
//   f = ln(1/delta_L) / tau * (1/3 - omega/tau + sqrt((1/3 - omega/tau)^2 + 2 b~ omega / ln(1/delta_L))) <= lambda
//   g = ln(1/delta_U) / tau * (1/3 + omega/tau + sqrt((1/3 + omega/tau)^2 + 2 b~ omega / ln(1/delta_U))) <= lambda
// (b~ = visits / tau), or at tau = omega. Then with probability >= 1 - delta every estimate is
// within epsilon of the exact normalised betweenness (KADABRA, Section 4: each tail bound by its budget, the rest by the union bound).
//
// Determinism: samples come in fixed batches of kBatchSamples (250), batch k seeded with
// derive_seed(stream seed, k); threads take batch numbers from a shared counter, but the calling
// thread merges them and checks the rule batch by batch in order, so the result does not depend
// on the thread count (only the work thrown away past the stopping batch does).
// Over the processes of a `firmnet-mpi` job (graph/process_group.hpp) the batches go in rounds
// of 4 per process, batch j of a round to process j mod size; the group shares each round's
// batches and every process takes them in order, so the result is the single process's too.
//
// Sampling cost: one 16-byte record per node and thread (side, level, path count) stamped with
// the sample number, so a sample touches only its own nodes and nothing is cleared between
// samples; the level that closes the paths records no new nodes.
//
// Complexity: O(n + m) for the bound, then per sample O(edges the two BFS balls touch), in
// practice far below m; O(n) per stopping check. Memory: O(n) per thread.
#pragma once
#include <cstdint>
#include <vector>

#include "graph/adjacency.hpp"
#include "graph/progress.hpp"

namespace firmnet::centrality {

struct KadabraOptions {
  double epsilon = 0.01;    // every normalised score within epsilon of exact ...
  double delta = 0.1;       // ... with probability >= 1 - delta
  bool normalized = false;  // scores as normalised betweenness; else in pair units (f (n-1)(n-2) times)
  std::uint64_t seed = 1;
  Progress progress;
};

struct KadabraResult {
  std::vector<double> scores;
  std::uint64_t samples = 0;                // tau: sampled paths behind the scores
  std::uint64_t first_samples = 0;          // the independent sample that set the budgets
  std::uint64_t omega = 0;                  // the sample cap from the vertex-diameter bound
  std::uint64_t vertex_diameter_bound = 0;  // upper bound on nodes per shortest path
  std::uint64_t interior_visits = 0;        // sum over counted paths of their interior nodes
  std::uint64_t longest_path = 0;           // most nodes on a sampled path (both samples)
  double error_bound = 0.0;                 // epsilon in the units of scores
};

/// KADABRA approximate betweenness of every node, unweighted. Throws UsageError unless
/// 0 < epsilon < 1 and 0 < delta < 1. O(n + m + tau * (edges per bidirectional BFS) + n * checks).
KadabraResult kadabra_betweenness(const Adjacency& adjacency, const KadabraOptions& options);

}  // namespace firmnet::centrality
