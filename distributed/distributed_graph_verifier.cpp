#include "distributed/distributed_graph_verifier.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "graph/adjacency.hpp"
#include "graph/process_group.hpp"
#include "io/network_store.hpp"

namespace firmnet::distributed {

namespace {

using Entry = std::tuple<NodeId, NodeId, double>;  // (source, target, weight)

// All ranks' entries (source, target, weight) at rank 0, sorted.
std::vector<Entry> gather_entries(const DistributedGraph& graph, const std::vector<EdgeId>& offsets,
                                  const std::vector<std::uint32_t>& slots, const std::vector<double>& weights,
                                  bool rows_are_sources) {
  std::vector<std::uint8_t> mine;
  for (NodeId i = 0; i < graph.owned_count(); ++i)
    for (EdgeId k = offsets[i]; k < offsets[i + 1]; ++k) {
      const NodeId row = graph.first() + i, other = graph.node_of_slot(slots[k]);
      const NodeId source = rows_are_sources ? row : other, target = rows_are_sources ? other : row;
      append_bytes(mine, &source, 1);
      append_bytes(mine, &target, 1);
      append_bytes(mine, &weights[k], 1);
    }
  std::vector<std::uint64_t> lengths(static_cast<std::size_t>(graph.ranks()), 0);
  lengths[static_cast<std::size_t>(graph.rank())] = mine.size();
  allreduce_sum(lengths, graph.comm());
  const std::vector<std::uint8_t> all = allgather_bytes(mine, lengths, graph.comm());
  std::vector<Entry> entries;
  if (graph.rank() != 0) return entries;
  for (std::size_t at = 0; at < all.size();) {
    NodeId source = 0, target = 0;
    double weight = 0;
    read_bytes(all, at, &source, 1);
    read_bytes(all, at, &target, 1);
    read_bytes(all, at, &weight, 1);
    entries.emplace_back(source, target, weight);
  }
  std::sort(entries.begin(), entries.end());
  return entries;
}

}  // namespace

Verification verify_distributed_graph(const DistributedGraph& graph, const std::string& path) {
  Verification v;
  // Ghosts: each rank checks its own against its rows; the count of failures goes to rank 0.
  std::set<NodeId> remote;
  auto note_remote = [&](const std::vector<std::uint32_t>& slots) {
    for (std::uint32_t s : slots)
      if (s >= graph.owned_count()) remote.insert(graph.node_of_slot(s));
  };
  note_remote(graph.out_slots());
  note_remote(graph.in_slots());
  std::uint64_t bad_ghosts = std::vector<NodeId>(remote.begin(), remote.end()) != graph.ghosts() ? 1 : 0;
  for (NodeId ghost : graph.ghosts())
    if (graph.partition().owner(ghost) == graph.rank()) bad_ghosts = 1;
  bad_ghosts = allreduce_one(bad_ghosts, MPI_SUM, graph.comm());

  const std::vector<Entry> out = gather_entries(graph, graph.out_offsets(), graph.out_slots(), graph.out_weights(), true);
  const std::vector<Entry> in = gather_entries(graph, graph.in_offsets(), graph.in_slots(), graph.in_weights(), false);
  if (graph.rank() != 0) return v;
  if (bad_ghosts) v.fail(std::to_string(bad_ghosts) + " rank(s) hold ghosts other than their remote endpoints");
  const auto& cuts = graph.partition().first;
  if (cuts.front() != 0 || cuts.back() != graph.global_node_count() || !std::is_sorted(cuts.begin(), cuts.end()))
    v.fail("the partition does not cover the nodes 0..n-1 in order");
  const Graph whole = load_network(path);
  const Adjacency adjacency = Adjacency::directed(GraphView(whole, graph.filter()));
  std::vector<Entry> expected;
  for (NodeId u = 0; u < adjacency.node_count(); ++u)
    for (EdgeId k = adjacency.out().offsets[u]; k < adjacency.out().offsets[u + 1]; ++k)
      expected.emplace_back(u, adjacency.out().targets[k], adjacency.out().weights[k]);
  std::sort(expected.begin(), expected.end());
  auto compare = [&](const std::vector<Entry>& parts, const char* side) {
    if (parts.size() != expected.size()) {
      v.fail(std::string(side) + ": the parts hold " + std::to_string(parts.size()) + " entries, the graph " +
             std::to_string(expected.size()));
      return;
    }
    for (std::size_t k = 0; k < parts.size(); ++k) {
      const auto& [u, w, x] = parts[k];
      const auto& [eu, ew, ex] = expected[k];
      if (u != eu || w != ew) {
        v.fail(std::string(side) + ": entry " + std::to_string(u) + "->" + std::to_string(w) + " is not the graph's " +
               std::to_string(eu) + "->" + std::to_string(ew));
      } else {
        v.expect_close(std::string(side) + " weight of " + std::to_string(u) + "->" + std::to_string(w), x, ex, 1e-12);
      }
    }
  };
  compare(out, "out-rows");
  compare(in, "in-rows");
  return v;
}

}  // namespace firmnet::distributed
