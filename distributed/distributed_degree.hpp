// Degree and strength of every owned node of a DistributedGraph, on the folded simple
// projection as firmnet centrality counts them (algorithms/centrality/degree.hpp, Adjacency):
// out/in degree = distinct out/in neighbours, out/in strength = summed weights. No
// communication: each rank holds both rows of its nodes. O((n + m) / p) per rank.
#pragma once
#include <vector>

#include "distributed/distributed_graph.hpp"

namespace firmnet::distributed {

struct DistributedDegrees {
  std::vector<double> out_degree, in_degree, out_strength, in_strength;  // per owned node
};

/// Degrees and strengths of the owned nodes. O((n + m) / p).
DistributedDegrees distributed_degrees(const DistributedGraph& graph);

}  // namespace firmnet::distributed
