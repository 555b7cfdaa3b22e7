// The goods-flow graph the anchor analysis reads supply relations from (docs/CONCEPTS.md §3):
// supply edges run supplier -> customer and stay as they are; subcontract edges run
// principal -> subcontractor, but the goods flow back, so they are reversed. Other relation
// types admitted by the view keep their stored direction. Parallel edges fold into one entry
// with summed weight. In this graph, a node's in-neighbours are its suppliers (including its
// subcontractors) and its out-neighbours its customers.
#pragma once
#include "graph/adjacency.hpp"

namespace firmnet::anchors {

/// The view's default layers for supply analysis: supply and subcontract. O(1).
EdgeFilter supply_layers();

/// Directed goods-flow adjacency of the view (subcontract reversed). O(n + m log d_max).
Adjacency supply_flow(const GraphView& view);

}  // namespace firmnet::anchors
