// A network split over the ranks of an MPI job by an edge-balanced 1D vertex partition
// (distributed/edge_balanced_partition.hpp). Rank r holds, for its owned nodes, the folded
// out-rows read from the file (collective hyperslab reads of csr/out_offsets, edges/target
// and edges/weight) and the in-rows, which the other ranks send it (one all-to-all). Every
// endpoint owned elsewhere is a ghost: rows refer to neighbours by a local slot, owned nodes
// first (slot = v - first) and then the ghosts in increasing node order, so that a kernel
// reads a neighbour's value from one array after exchange_ghosts() filled the ghost part.
// As in Adjacency (graph/adjacency.hpp), the edges u->v that pass the EdgeFilter (relation types
// and years, graph/views.hpp; read with the rows and applied before folding) fold into one entry
// whose weight is their sum. The partition balances the file's rows, filtered or not. Memory per rank: about 24 bytes per out- and
// in-entry, 24 bytes per owned node and 12 per ghost; construction is O((n + m) / p) per rank
// plus one all-to-all of the cut edges.
#pragma once
#include <mpi.h>

#include <cstdint>
#include <string>
#include <vector>

#include "distributed/edge_balanced_partition.hpp"
#include "distributed/mpi_support.hpp"
#include "graph/types.hpp"
#include "graph/views.hpp"

namespace firmnet::distributed {

struct DistributedGraphOptions {
  double memory_cap_mb = 0;  // > 0: refuse to build a part above this estimate (per rank)
  EdgeFilter filter;         // edges kept while reading the rows (relation types, years)
};

class DistributedGraph {
 public:
  /// Reads and distributes the network file at path. Collective. Throws DataError on a bad
  /// file, or when a rank's part would exceed options.memory_cap_mb (the message says how many
  /// megabytes it needs). O((n + m) / p) per rank plus the exchange of cut edges.
  static DistributedGraph load(const std::string& path, MPI_Comm comm, const DistributedGraphOptions& options = {});

  /// A graph from this rank's out-rows (owned nodes of partition, neighbours as global ids,
  /// weights already folded); the in-rows and ghosts are derived as by load(). Collective.
  /// O(rows + cut entries) per rank.
  static DistributedGraph from_out_rows(MPI_Comm comm, Partition partition, std::uint64_t node_count,
                                        std::vector<EdgeId> out_offsets, const std::vector<NodeId>& out_target,
                                        std::vector<double> out_weights);

  MPI_Comm comm() const { return comm_; }
  int rank() const { return rank_; }
  int ranks() const { return static_cast<int>(partition_.first.size()) - 1; }
  const Partition& partition() const { return partition_; }
  std::uint64_t global_node_count() const { return node_count_; }
  /// The relation types and years whose edges the rows hold. O(1).
  const EdgeFilter& filter() const { return filter_; }
  NodeId first() const { return partition_.first[static_cast<std::size_t>(rank_)]; }
  NodeId owned_count() const { return partition_.size_of(rank_); }
  /// Owned nodes plus ghosts: the length of a slot-indexed value array. O(1).
  std::size_t slot_count() const { return owned_count() + ghosts_.size(); }
  const std::vector<NodeId>& ghosts() const { return ghosts_; }
  /// The global node of a slot. O(1).
  NodeId node_of_slot(std::size_t slot) const {
    return slot < owned_count() ? first() + static_cast<NodeId>(slot) : ghosts_[slot - owned_count()];
  }

  // Rows of owned node i (local index 0..owned_count()-1): neighbour slots and summed weights.
  const std::vector<EdgeId>& out_offsets() const { return out_offsets_; }
  const std::vector<std::uint32_t>& out_slots() const { return out_slots_; }
  const std::vector<double>& out_weights() const { return out_weights_; }
  const std::vector<EdgeId>& in_offsets() const { return in_offsets_; }
  const std::vector<std::uint32_t>& in_slots() const { return in_slots_; }
  const std::vector<double>& in_weights() const { return in_weights_; }
  /// Folded directed entries held by this rank (out-rows) and by all ranks. O(1).
  EdgeId local_entry_count() const { return out_slots_.size(); }
  std::uint64_t global_entry_count() const { return entry_count_; }
  /// The estimated bytes of this rank's part. O(1).
  std::uint64_t part_bytes() const;

  /// Collective: fills values[owned_count() ..] with the owners' values of the ghosts;
  /// values has slot_count() entries. O(owned boundary + ghosts) per rank.
  template <typename T>
  void exchange_ghosts(std::vector<T>& values) const {
    std::vector<std::vector<T>> outgoing(static_cast<std::size_t>(ranks()));
    for (std::size_t q = 0; q < outgoing.size(); ++q) {
      outgoing[q].reserve(send_lists_[q].size());
      for (NodeId local : send_lists_[q]) outgoing[q].push_back(values[local]);
    }
    const std::vector<T> received = alltoall_vectors(outgoing, comm_);
    std::copy(received.begin(), received.end(), values.begin() + owned_count());
  }

  /// Collective: every rank's owned values (owned_count() each, slot-indexed arrays are cut
  /// there) concatenated in node order at rank 0; other ranks get an empty vector. O(n) at
  /// rank 0.
  template <typename T>
  std::vector<T> gather_to_root(const std::vector<T>& values) const {
    const int p = ranks();
    std::vector<int> counts(static_cast<std::size_t>(p)), displs(static_cast<std::size_t>(p));
    for (int q = 0; q < p; ++q) {
      counts[static_cast<std::size_t>(q)] = mpi_count(partition_.size_of(q));
      displs[static_cast<std::size_t>(q)] = mpi_count(partition_.first[static_cast<std::size_t>(q)]);
    }
    std::vector<T> all(rank_ == 0 ? node_count_ : 0);
    MPI_Gatherv(values.data(), mpi_count(owned_count()), mpi_type<T>(), all.data(), counts.data(), displs.data(),
                mpi_type<T>(), 0, comm_);
    return all;
  }

  /// Collective: the owners' values for arbitrary global nodes (owned_values indexed by local
  /// index on each owner). O(requests + answers) per rank.
  template <typename T>
  std::vector<T> fetch(const std::vector<NodeId>& nodes, const std::vector<T>& owned_values) const;

 private:
  MPI_Comm comm_ = MPI_COMM_WORLD;
  int rank_ = 0;
  std::uint64_t node_count_ = 0, entry_count_ = 0;
  Partition partition_;
  EdgeFilter filter_;
  std::vector<NodeId> ghosts_;
  std::vector<std::vector<NodeId>> send_lists_;  // per rank: local indices of owned nodes it holds as ghosts
  std::vector<EdgeId> out_offsets_, in_offsets_;
  std::vector<std::uint32_t> out_slots_, in_slots_;
  std::vector<double> out_weights_, in_weights_;
};

template <typename T>
std::vector<T> DistributedGraph::fetch(const std::vector<NodeId>& nodes, const std::vector<T>& owned_values) const {
  const std::size_t p = static_cast<std::size_t>(ranks());
  std::vector<std::vector<NodeId>> asks(p);
  for (NodeId v : nodes) asks[static_cast<std::size_t>(partition_.owner(v))].push_back(v);
  std::vector<int> ask_counts;
  const std::vector<NodeId> asked = alltoall_vectors(asks, comm_, &ask_counts);
  std::vector<std::vector<T>> answers(p);
  std::size_t at = 0;
  for (std::size_t q = 0; q < p; ++q)
    for (int i = 0; i < ask_counts[q]; ++i) answers[q].push_back(owned_values[asked[at++] - first()]);
  const std::vector<T> answered = alltoall_vectors(answers, comm_);
  // Answers come back grouped by owner, in the order asked; put them back in request order.
  std::vector<std::size_t> cursor(p, 0);
  for (std::size_t q = 1; q < p; ++q) cursor[q] = cursor[q - 1] + asks[q - 1].size();
  std::vector<T> values(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) values[i] = answered[cursor[static_cast<std::size_t>(partition_.owner(nodes[i]))]++];
  return values;
}

}  // namespace firmnet::distributed
