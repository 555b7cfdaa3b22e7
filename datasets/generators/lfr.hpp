// LFR benchmark graphs: Lancichinetti, Fortunato, Radicchi, "Benchmark graphs for testing
// community detection algorithms", Phys. Rev. E 78, 046110 (2008); directed variant after
// Lancichinetti & Fortunato, Phys. Rev. E 80, 016118 (2009).
//
// Construction (the published one):
//  1. Degrees follow a discrete power law P(k) ~ k^-tau1 on [k_min, max_degree], with k_min set
//     so that the mean equals average_degree. A non-integer k_min is realised as the mixture of
//     the laws starting at floor(k_min) and floor(k_min) + 1 whose mean is exactly average_degree.
//  2. Each node gets internal degree (1 - mu) k, stochastically rounded, and external degree
//     mu k (the rest).
//  3. Community sizes follow P(s) ~ s^-tau2 on [min_community, max_community] (defaults: the
//     minimum and maximum degree, as in the reference code), drawn until they cover n nodes;
//     the excess is removed one node at a time from random communities above the minimum.
//  4. Nodes are assigned in random order to uniformly chosen communities larger than their
//     internal degree; when a community is over full, a random member is evicted and
//     re-queued, until every node has a place.
//  5. Internal edges: a configuration model per community on the internal degrees. External
//     edges: a configuration model on the external degrees. Self-loops, multi-edges and (for
//     external edges) pairs within one community are removed by random edge swaps that keep
//     degrees; the few that no swap can fix are dropped.
// Directed variant: in- and out-degrees are both drawn from the law of step 1 (then the side
// with the smaller total is raised by one on random nodes until the totals agree), each split
// by mu; step 5 pairs outgoing half-edges with incoming ones.
// Complexity: O(n + m) expected time and memory (hash sets for duplicate detection), plus
// O(max_degree + max_community) for the distribution tables.
#pragma once
#include <cstdint>
#include <utility>
#include <vector>

#include "datasets/generators/generated.hpp"
#include "graph/random.hpp"

namespace firmnet::generators {

struct LfrParameters {
  std::uint32_t nodes = 1000;
  double average_degree = 15;   // mean degree (directed: mean in-degree = mean out-degree)
  std::uint32_t max_degree = 50;
  double tau1 = 2.0;            // degree exponent
  double tau2 = 1.0;            // community-size exponent
  double mu = 0.3;              // mixing: share of each node's links leaving its community
  std::uint32_t min_community = 0;  // 0: the minimum degree
  std::uint32_t max_community = 0;  // 0: max_degree
  bool directed = false;
  std::uint64_t seed = 1;
};

/// The degree law of step 1: a mixture of discrete power laws on [k_min, k_max] and
/// [k_min + 1, k_max] with mean `average`. Construction O(k_max log k_max); draw O(log k_max).
class LfrDegreeLaw {
 public:
  /// Throws UsageError when no k_min >= 1 reaches the average (average < 1 or >= k_max).
  /// O(k_max log k_max).
  LfrDegreeLaw(double average, std::int64_t max_degree, double tau1);
  /// One degree. O(log k_max).
  std::int64_t draw(Rng& rng) const { return rng.bernoulli(lower_weight_) ? lower_.draw(rng) : upper_.draw(rng); }
  /// P(K <= k). O(1).
  double cdf(std::int64_t k) const { return lower_weight_ * lower_.cdf(k) + (1 - lower_weight_) * upper_.cdf(k); }
  /// Expected degree. O(k_max).
  double mean() const { return lower_weight_ * lower_.mean() + (1 - lower_weight_) * upper_.mean(); }
  /// k_min of the law. O(1).
  std::int64_t min_degree() const { return lower_.lo(); }

 private:
  LfrDegreeLaw(double average, std::int64_t min_degree, std::int64_t max_degree, double tau1);
  DiscretePowerLaw lower_, upper_;
  double lower_weight_;
};

/// An LFR graph as plain arrays, for algorithm tests that do not need a firmnet::Graph.
struct LfrGraph {
  std::uint32_t nodes = 0;
  bool directed = false;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;  // undirected: each pair once
  std::vector<std::uint32_t> community;                       // per node, 0-based
  std::vector<std::uint32_t> community_sizes;
  std::uint64_t dropped_half_edges = 0;  // half-edge pairs no swap could make simple (step 5)
};

/// Throws UsageError for parameters the construction cannot satisfy (nodes < 10, mu outside
/// [0, 1], tau1 <= 1, tau2 < 0 ... , max_degree >= nodes, min_community > max_community,
/// max_community > nodes). O(1).
void validate(const LfrParameters& parameters);

/// Runs steps 1-5. Deterministic for the seed. O(n + m) expected.
LfrGraph generate_lfr_graph(const LfrParameters& parameters);

/// The same graph as a firmnet network: nodes "v1".."vN" of kind firm; undirected edges are
/// stored once as `cooperation` (a symmetric relation), directed ones as `supply`; weight 1.
/// truth_nodes: community (1-based). O(n + m log m).
GeneratedNetwork generate_lfr(const LfrParameters& parameters);

}  // namespace firmnet::generators
