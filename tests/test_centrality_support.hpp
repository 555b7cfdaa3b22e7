// Shared helpers of the centrality and anchor tests: small graphs with known structure,
// random typed multigraphs and comparison against igraph vectors.
#pragma once
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "graph/adjacency.hpp"
#include "algorithms/igraph_adapter.hpp"
#include "graph/graph.hpp"

namespace firmnet::test {

struct EdgeSpec {
  NodeId source, target;
  RelationType type = RelationType::supply;
  double weight = 1.0;
  std::int16_t year = kNoYear;
};

inline NodeTable plain_nodes(NodeId n) {
  NodeTable nodes;
  StringColumnBuilder empty;
  for (NodeId v = 0; v < n; ++v) {
    nodes.id.push_back("n" + std::to_string(v));
    nodes.name.push_back("");
    nodes.kind.push_back(NodeKind::firm);
    empty.push_missing();
  }
  StringColumn blank = std::move(empty).finish();
  nodes.industry = nodes.stage = nodes.region = nodes.park = nodes.ownership = blank;
  nodes.lat.assign(n, NAN);
  nodes.lon.assign(n, NAN);
  nodes.employees.assign(n, NAN);
  nodes.revenue.assign(n, NAN);
  nodes.founded.assign(n, 0);
  nodes.closed.assign(n, 0);
  return nodes;
}

inline Graph make_graph(NodeId n, const std::vector<EdgeSpec>& edges, NodeTable nodes = {}) {
  if (nodes.size() == 0) nodes = plain_nodes(n);
  GraphBuilder builder(std::move(nodes));
  for (const auto& e : edges) builder.add_edge(e.source, e.target, e.type, e.weight, e.year);
  return std::move(builder).finish();
}

/// A random typed multigraph with a heavy-tailed in-degree: targets are drawn with
/// probability proportional to (index + 1)^-skew after a random relabelling. Types cycle over
/// supply, cooperation, subcontract, finance; years over 0 (undated), 2018..2021; integer
/// weights 1..5 so that weighted shortest paths have exact ties.
/// With strongly_connected, a directed cycle through all nodes (supply, weight 1) is added.
inline Graph random_graph(NodeId n, std::size_t m, std::uint64_t seed, double skew = 0.8,
                          bool strongly_connected = false) {
  std::mt19937_64 rng(seed);
  std::vector<double> cumulative(n);
  double total = 0.0;
  for (NodeId i = 0; i < n; ++i) cumulative[i] = total += std::pow(i + 1.0, -skew);
  std::vector<NodeId> label(n);
  for (NodeId i = 0; i < n; ++i) label[i] = i;
  std::shuffle(label.begin(), label.end(), rng);
  std::uniform_real_distribution<double> unit(0.0, total);
  std::uniform_int_distribution<NodeId> any(0, n - 1);
  std::uniform_int_distribution<int> weight(1, 5), year(0, 4);
  const RelationType types[] = {RelationType::supply, RelationType::cooperation, RelationType::subcontract,
                                RelationType::finance};
  std::vector<EdgeSpec> edges;
  for (std::size_t k = 0; k < m; ++k) {
    const NodeId target = label[std::lower_bound(cumulative.begin(), cumulative.end(), unit(rng)) - cumulative.begin()];
    const NodeId source = any(rng);
    const int y = year(rng);
    edges.push_back({source, target, types[k % 4], static_cast<double>(weight(rng)),
                     static_cast<std::int16_t>(y == 0 ? 0 : 2017 + y)});
  }
  if (strongly_connected)
    for (NodeId v = 0; v < n; ++v) edges.push_back({v, static_cast<NodeId>((v + 1) % n), RelationType::supply, 1.0});
  return make_graph(n, edges);
}

/// igraph copy of an adjacency (one igraph edge per CSR entry; each pair once if undirected).
inline IgraphGraph to_igraph(const Adjacency& adjacency) {
  return IgraphGraph::from_csr(adjacency.out(), adjacency.is_directed());
}

/// Every value equal within a relative tolerance; values below 1e-6 of the largest reference
/// value are compared against that floor instead (round-off near zero).
inline void require_close(const std::vector<double>& ours, const std::vector<double>& reference,
                          double tolerance = 1e-9) {
  REQUIRE(ours.size() == reference.size());
  double largest = 0.0;
  for (double r : reference)
    if (!std::isnan(r)) largest = std::max(largest, std::abs(r));
  const double floor = std::max(1e-6 * largest, 1e-300);
  for (std::size_t i = 0; i < ours.size(); ++i) {
    INFO("node " << i << ": ours " << ours[i] << ", reference " << reference[i]);
    if (std::isnan(reference[i])) {
      REQUIRE(std::isnan(ours[i]));
      continue;
    }
    const double scale = std::max({floor, std::abs(ours[i]), std::abs(reference[i])});
    REQUIRE(std::abs(ours[i] - reference[i]) <= tolerance * scale);
  }
}

/// A vector holder that destroys itself (igraph vectors are C structs).
struct IgraphVector {
  igraph_vector_t v;
  IgraphVector() { igraph_vector_init(&v, 0); }
  ~IgraphVector() { igraph_vector_destroy(&v); }
  std::vector<double> values() const { return to_std_vector(v); }
};

}  // namespace firmnet::test
