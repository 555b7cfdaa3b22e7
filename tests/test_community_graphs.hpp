// Test graphs for the community tests: Zachary's karate club from igraph, planted
// partitions, and an LFR-like benchmark with heterogeneous degrees and community sizes.
#pragma once
#include <igraph/igraph.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <random>
#include <utility>
#include <vector>

#include "algorithms/community/leiden.hpp"
#include "graph/views.hpp"

namespace firmnet::community::testing {

struct EdgeListGraph {
  NodeId n = 0;
  std::vector<std::pair<NodeId, NodeId>> edges;
  std::vector<double> weights;
  Membership truth;  // planted communities, empty when none
};

/// Symmetric CSR (both directions, duplicates summed, self-loops dropped), rows sorted.
inline WeightedCsr symmetric_csr(const EdgeListGraph& g) {
  std::vector<std::map<NodeId, double>> rows(g.n);
  for (std::size_t i = 0; i < g.edges.size(); ++i) {
    auto [u, v] = g.edges[i];
    if (u == v) continue;
    const double w = g.weights.empty() ? 1.0 : g.weights[i];
    rows[u][v] += w;
    rows[v][u] += w;
  }
  WeightedCsr csr;
  for (NodeId u = 0; u < g.n; ++u) {
    for (auto [v, w] : rows[u]) {
      csr.targets.push_back(v);
      csr.weights.push_back(w);
    }
    csr.offsets.push_back(csr.targets.size());
  }
  return csr;
}

/// Directed CSR (u -> v rows, duplicates summed, self-loops dropped).
inline WeightedCsr directed_csr_of(const EdgeListGraph& g) {
  std::vector<std::map<NodeId, double>> rows(g.n);
  for (std::size_t i = 0; i < g.edges.size(); ++i) {
    auto [u, v] = g.edges[i];
    if (u != v) rows[u][v] += g.weights.empty() ? 1.0 : g.weights[i];
  }
  WeightedCsr csr;
  for (NodeId u = 0; u < g.n; ++u) {
    for (auto [v, w] : rows[u]) {
      csr.targets.push_back(v);
      csr.weights.push_back(w);
    }
    csr.offsets.push_back(csr.targets.size());
  }
  return csr;
}

inline EdgeListGraph karate() {
  igraph_t graph;
  igraph_famous(&graph, "Zachary");
  EdgeListGraph g;
  g.n = static_cast<NodeId>(igraph_vcount(&graph));
  for (igraph_integer_t e = 0; e < igraph_ecount(&graph); ++e)
    g.edges.emplace_back(static_cast<NodeId>(IGRAPH_FROM(&graph, e)), static_cast<NodeId>(IGRAPH_TO(&graph, e)));
  igraph_destroy(&graph);
  return g;
}

/// Stochastic block model: `blocks` equal blocks, edge probability p_in inside, p_out across.
/// Sampled pair by pair (fine for the few thousand nodes used in tests).
inline EdgeListGraph planted_partition(NodeId n, NodeId blocks, double p_in, double p_out, std::uint64_t seed,
                                       bool weighted = false) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  EdgeListGraph g;
  g.n = n;
  g.truth.resize(n);
  for (NodeId u = 0; u < n; ++u) g.truth[u] = u % blocks;
  for (NodeId u = 0; u < n; ++u)
    for (NodeId v = u + 1; v < n; ++v) {
      const double p = g.truth[u] == g.truth[v] ? p_in : p_out;
      if (unit(rng) < p) {
        g.edges.emplace_back(u, v);
        if (weighted) g.weights.push_back(0.5 + unit(rng));
      }
    }
  return g;
}

/// LFR-like benchmark: power-law degrees (exponent 2.5, 8..60) and community sizes
/// (exponent 1.5, 30..200); each node sends a share 1 - mu of its half-degree to random
/// members of its own community and mu to random nodes elsewhere.
inline EdgeListGraph lfr_like(NodeId n, double mu, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  auto power_law = [&](double lo, double hi, double exponent) {
    const double a = std::pow(lo, 1 - exponent), b = std::pow(hi, 1 - exponent);
    return std::pow(a + (b - a) * unit(rng), 1 / (1 - exponent));
  };
  EdgeListGraph g;
  g.n = n;
  g.truth.resize(n);
  std::vector<std::vector<NodeId>> members;
  for (NodeId u = 0; u < n;) {
    const NodeId size = std::min<NodeId>(n - u, static_cast<NodeId>(power_law(30, 200, 1.5)));
    members.emplace_back();
    for (NodeId i = 0; i < size; ++i, ++u) {
      g.truth[u] = static_cast<std::int64_t>(members.size() - 1);
      members.back().push_back(u);
    }
  }
  std::uniform_int_distribution<NodeId> any(0, n - 1);
  for (NodeId u = 0; u < n; ++u) {
    const double half_degree = power_law(8, 60, 2.5) / 2;
    const auto& own = members[g.truth[u]];
    std::uniform_int_distribution<std::size_t> pick(0, own.size() - 1);
    const int internal = static_cast<int>(std::lround(half_degree * (1 - mu)));
    const int external = static_cast<int>(std::lround(half_degree * mu));
    for (int i = 0; i < internal; ++i) g.edges.emplace_back(u, own[pick(rng)]);
    for (int i = 0; i < external;) {
      const NodeId v = any(rng);
      if (g.truth[v] == g.truth[u]) continue;
      g.edges.emplace_back(u, v);
      ++i;
    }
  }
  return g;
}

/// igraph membership vector from ours.
struct IgraphMembership {
  igraph_vector_int_t v;
  explicit IgraphMembership(const Membership& m) {
    igraph_vector_int_init(&v, static_cast<igraph_integer_t>(m.size()));
    for (std::size_t i = 0; i < m.size(); ++i) VECTOR(v)[i] = m[i];
  }
  ~IgraphMembership() { igraph_vector_int_destroy(&v); }
};

/// True when every community induces a connected subgraph of the symmetric CSR.
inline bool communities_connected(const WeightedCsr& csr, const Membership& membership) {
  const NodeId n = csr.node_count();
  std::vector<std::uint8_t> seen(n, 0);
  std::vector<std::uint8_t> community_started(static_cast<std::size_t>(n) + 1, 0);
  std::vector<NodeId> stack;
  for (NodeId s = 0; s < n; ++s) {
    if (seen[s]) continue;
    if (community_started[membership[s]]) return false;  // a second component of this community
    community_started[membership[s]] = 1;
    seen[s] = 1;
    stack.push_back(s);
    while (!stack.empty()) {
      const NodeId u = stack.back();
      stack.pop_back();
      for (EdgeId e = csr.offsets[u]; e < csr.offsets[u + 1]; ++e) {
        const NodeId v = csr.targets[e];
        if (!seen[v] && membership[v] == membership[s]) {
          seen[v] = 1;
          stack.push_back(v);
        }
      }
    }
  }
  return true;
}

}  // namespace firmnet::community::testing
