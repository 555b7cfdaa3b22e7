// Single points of failure of the undirected linkage graph (typically the cooperation and
// supply layers): articulation points (nodes whose removal disconnects their component) and
// bridges (links whose removal does). Hopcroft & Tarjan (1973, CACM 16:372) low-link DFS,
// iterative so that million-node chains do not overflow the stack. Runs on the simple
// undirected projection: parallel edges of several types between two firms count as one link.
// For each articulation point also the number of nodes it cuts off: when it fails its
// component splits into pieces (each DFS child subtree with low >= its discovery time, and
// the rest); cut_off counts the nodes outside the largest piece. Complexity: O(n + m).
#pragma once
#include <cstdint>
#include <utility>
#include <vector>

#include "graph/adjacency.hpp"

namespace firmnet::anchors {

struct CutPoints {
  std::vector<std::uint8_t> articulation;       // 1 for an articulation point
  std::vector<std::int64_t> cut_off;            // nodes outside the largest piece when it fails
  std::vector<std::pair<NodeId, NodeId>> bridges;  // (u, v) with u < v, sorted
  std::vector<std::int64_t> bridge_count;       // bridges incident to each node
};

/// Articulation points and bridges of an undirected adjacency. Throws UsageError for a
/// directed one. O(n + m).
CutPoints cut_points(const Adjacency& adjacency);

}  // namespace firmnet::anchors
