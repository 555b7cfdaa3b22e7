// k-core coreness (Seidman 1983): the largest k such that the node belongs to the k-core, the
// maximal subgraph in which every node has degree >= k. Batagelj & Zaversnik (2003,
// arXiv cs/0310049) bucket algorithm: O(n + m), sequential. coreness() runs it on small graphs,
// where its single pass beats starting threads, and the parallel PKC peeling
// (algorithms/centrality/pkc_coreness.hpp) on the rest; both give the same values.
// Degrees are counted on the simple projection (Adjacency):
//   total: undirected adjacency (distinct neighbours in either direction);
//   in / out: directed adjacency, in-degree or out-degree cores (igraph_coreness IN / OUT).
#pragma once
#include <cstdint>
#include <vector>

#include "graph/adjacency.hpp"
#include "algorithms/centrality/degree.hpp"

namespace firmnet::centrality {

/// Coreness of every node. mode in/out need a directed adjacency; on an undirected adjacency
/// every mode gives the undirected coreness (on a directed one, total counts out-degrees).
/// Batagelj–Zaversnik below kSerialCorenessEntries entries, PKC above. O(n + m).
std::vector<std::int64_t> coreness(const Adjacency& adjacency, DegreeMode mode);

/// The serial bucket peeling (Batagelj & Zaversnik 2003) with coreness()'s modes. O(n + m).
std::vector<std::int64_t> batagelj_zaversnik_coreness(const Adjacency& adjacency, DegreeMode mode);

/// Adjacency entries below which coreness() peels serially: on smaller graphs the per-level
/// barriers cost more than the second thread saves.
constexpr EdgeId kSerialCorenessEntries = 1u << 20;

}  // namespace firmnet::centrality
