#include "distributed/distributed_graph.hpp"

#include <algorithm>
#include <cmath>

#include "graph/errors.hpp"

namespace firmnet::distributed {

namespace {

constexpr std::uint64_t kBytesPerEntry = 4 + 8 + 8 + 4;  // slot, weight, offset share, exchange
constexpr std::uint64_t kBytesPerNode = 24;

}  // namespace

std::uint64_t DistributedGraph::part_bytes() const {
  return kBytesPerNode * owned_count() + kBytesPerEntry * (out_slots_.size() + in_slots_.size()) + 12 * ghosts_.size();
}

DistributedGraph DistributedGraph::load(const std::string& path, MPI_Comm comm, const DistributedGraphOptions& options) {
  DistributedGraph g;
  g.comm_ = comm;
  MPI_Comm_rank(comm, &g.rank_);
  const ParallelFile file(path, comm);
  g.node_count_ = file.node_count();
  g.partition_ = edge_balanced_partition(file, comm);
  const NodeId lo = g.first(), owned = g.owned_count();

  // Out-rows: this rank's offsets and the edge rows they span, then parallel edges folded.
  const std::vector<std::uint64_t> offsets = file.read_rows<std::uint64_t>("csr/out_offsets", lo, owned + 1ull);
  const std::uint64_t edge_first = offsets.front(), edge_rows = offsets.back() - offsets.front();
  // The cap is checked on the raw rows before they are read, then on the whole part (below).
  const double cap_bytes = options.memory_cap_mb * 1024.0 * 1024.0;
  auto check_cap = [&](std::uint64_t need) {
    const std::uint64_t worst = allreduce_one<std::uint64_t>(need, MPI_MAX, comm);
    if (options.memory_cap_mb > 0 && static_cast<double>(worst) > cap_bytes)
      throw DataError(path + ": a rank's part of the network needs about " +
                      std::to_string(static_cast<std::uint64_t>(std::ceil(static_cast<double>(worst) / 1048576.0))) +
                      " MB, above --memory-cap " + std::to_string(options.memory_cap_mb) + " MB; run on more ranks");
  };
  check_cap(kBytesPerNode * owned + 2 * kBytesPerEntry * edge_rows);
  const std::vector<std::uint32_t> targets = file.read_rows<std::uint32_t>("edges/target", edge_first, edge_rows);
  const std::vector<double> weights = file.read_rows<double>("edges/weight", edge_first, edge_rows);
  // Types and years only when they select: an unfiltered load reads 12 bytes per row, not 15.
  const bool filtered = !options.filter.all();
  const std::vector<std::uint8_t> types =
      filtered ? file.read_rows<std::uint8_t>("edges/type", edge_first, edge_rows) : std::vector<std::uint8_t>{};
  const std::vector<std::int16_t> years =
      filtered ? file.read_rows<std::int16_t>("edges/year", edge_first, edge_rows) : std::vector<std::int16_t>{};
  std::vector<NodeId> out_target;
  g.out_offsets_.assign(static_cast<std::size_t>(owned) + 1, 0);
  for (NodeId i = 0; i < owned; ++i) {
    for (std::uint64_t e = offsets[i] - edge_first; e < offsets[i + 1] - edge_first; ++e) {
      if (targets[e] >= g.node_count_) throw DataError(path + ": corrupt file: an edge target is not a node");
      if (filtered) {
        if (types[e] >= kRelationTypeCount) throw DataError(path + ": corrupt file: an edge type is not a relation type");
        if (!options.filter.accepts(static_cast<RelationType>(types[e]), years[e])) continue;
      }
      // Rows are sorted by target (source-major order), so parallel edges are adjacent.
      if (out_target.size() > g.out_offsets_[i] && out_target.back() == targets[e]) {
        g.out_weights_.back() += weights[e];
      } else {
        out_target.push_back(targets[e]);
        g.out_weights_.push_back(weights[e]);
      }
    }
    g.out_offsets_[i + 1] = out_target.size();
  }

  DistributedGraph built = from_out_rows(comm, g.partition_, g.node_count_, std::move(g.out_offsets_), out_target,
                                         std::move(g.out_weights_));
  check_cap(built.part_bytes());
  built.filter_ = options.filter;
  return built;
}

DistributedGraph DistributedGraph::from_out_rows(MPI_Comm comm, Partition partition, std::uint64_t node_count,
                                                 std::vector<EdgeId> out_offsets, const std::vector<NodeId>& out_target,
                                                 std::vector<double> out_weights) {
  DistributedGraph g;
  g.comm_ = comm;
  MPI_Comm_rank(comm, &g.rank_);
  g.node_count_ = node_count;
  g.partition_ = std::move(partition);
  g.out_offsets_ = std::move(out_offsets);
  g.out_weights_ = std::move(out_weights);
  const std::size_t p = static_cast<std::size_t>(g.ranks());
  const NodeId lo = g.first(), owned = g.owned_count();
  // In-rows: each entry u->v travels to v's owner, sources in increasing order per rank.
  std::vector<std::vector<NodeId>> pairs(p);
  std::vector<std::vector<double>> pair_weights(p);
  for (NodeId i = 0; i < owned; ++i)
    for (EdgeId k = g.out_offsets_[i]; k < g.out_offsets_[i + 1]; ++k) {
      const auto q = static_cast<std::size_t>(g.partition_.owner(out_target[k]));
      pairs[q].push_back(out_target[k]);
      pairs[q].push_back(lo + i);
      pair_weights[q].push_back(g.out_weights_[k]);
    }
  const std::vector<NodeId> received = alltoall_vectors(pairs, comm);
  const std::vector<double> received_weights = alltoall_vectors(pair_weights, comm);
  std::vector<NodeId> in_source(received_weights.size());
  g.in_offsets_.assign(static_cast<std::size_t>(owned) + 1, 0);
  g.in_weights_.resize(received_weights.size());
  for (std::size_t k = 0; k < received_weights.size(); ++k) ++g.in_offsets_[received[2 * k] - lo + 1];
  for (NodeId i = 0; i < owned; ++i) g.in_offsets_[i + 1] += g.in_offsets_[i];
  {
    std::vector<EdgeId> fill(g.in_offsets_.begin(), g.in_offsets_.end() - 1);
    for (std::size_t k = 0; k < received_weights.size(); ++k) {  // stable: sources stay increasing
      const EdgeId at = fill[received[2 * k] - lo]++;
      in_source[at] = received[2 * k + 1];
      g.in_weights_[at] = received_weights[k];
    }
  }

  // Ghosts: every endpoint owned elsewhere, in node order (hence grouped by owner).
  auto remote = [&](NodeId v) { return v < lo || v >= lo + owned; };
  for (NodeId v : out_target)
    if (remote(v)) g.ghosts_.push_back(v);
  for (NodeId v : in_source)
    if (remote(v)) g.ghosts_.push_back(v);
  std::sort(g.ghosts_.begin(), g.ghosts_.end());
  g.ghosts_.erase(std::unique(g.ghosts_.begin(), g.ghosts_.end()), g.ghosts_.end());
  auto slot_of = [&](NodeId v) -> std::uint32_t {
    if (!remote(v)) return v - lo;
    return owned + static_cast<std::uint32_t>(std::lower_bound(g.ghosts_.begin(), g.ghosts_.end(), v) - g.ghosts_.begin());
  };
  g.out_slots_.resize(out_target.size());
  for (std::size_t k = 0; k < out_target.size(); ++k) g.out_slots_[k] = slot_of(out_target[k]);
  g.in_slots_.resize(in_source.size());
  for (std::size_t k = 0; k < in_source.size(); ++k) g.in_slots_[k] = slot_of(in_source[k]);

  // Each owner learns which of its nodes every other rank holds as ghosts.
  std::vector<std::vector<NodeId>> wanted(p);
  for (NodeId v : g.ghosts_) wanted[static_cast<std::size_t>(g.partition_.owner(v))].push_back(v);
  std::vector<int> wanted_counts;
  const std::vector<NodeId> asked = alltoall_vectors(wanted, comm, &wanted_counts);
  g.send_lists_.assign(p, {});
  std::size_t at = 0;
  for (std::size_t q = 0; q < p; ++q)
    for (int i = 0; i < wanted_counts[q]; ++i) g.send_lists_[q].push_back(asked[at++] - lo);

  g.entry_count_ = allreduce_one<std::uint64_t>(g.out_slots_.size(), MPI_SUM, comm);
  return g;
}

}  // namespace firmnet::distributed
