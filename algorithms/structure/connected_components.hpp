// Weakly and strongly connected components of a directed graph view.
//
// Weak: union-find with path halving and union by size over accepted edges,
//   O(m α(n)). Strong: iterative Tarjan (1972), O(n + m), no recursion so that
//   long supply chains cannot overflow the stack.
// Nodes outside the view's node subset get component -1 and are not counted.
#pragma once
#include <cstdint>
#include <vector>

#include "graph/views.hpp"

namespace firmnet::structure {

struct Components {
  std::vector<std::int64_t> membership;  // component id per node (0..count-1), -1 outside the view
  std::vector<std::uint64_t> sizes;      // nodes per component, by id
  /// Number of components. O(1).
  std::uint64_t count() const { return sizes.size(); }
  /// Size of the largest component (0 when none). O(components).
  std::uint64_t largest() const;
};

/// Weakly connected components. Ids are numbered in order of each component's smallest node.
/// O(n + m alpha(n)).
Components weakly_connected_components(const GraphView& view);
/// Strongly connected components. Ids are numbered in order of each component's smallest node.
/// O(n + m).
Components strongly_connected_components(const GraphView& view);
/// Strongly connected components of a CSR's rows (every row a node): the component id per
/// node, numbered in order of each component's smallest node. On a symmetric CSR these are
/// the connected components. O(n + m).
std::vector<std::int64_t> strongly_connected_components(const WeightedCsr& out);

}  // namespace firmnet::structure
