#include "distributed/distributed_louvain.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "graph/errors.hpp"

namespace firmnet::distributed {

namespace {

// The undirected weight-summed projection of the owned rows: out- and in-entries merged by
// neighbour, so that row u holds w(u,v) = w(u->v) + w(v->u) and the rows are symmetric.
DistributedGraph undirected_projection(const DistributedGraph& graph) {
  std::vector<EdgeId> offsets(static_cast<std::size_t>(graph.owned_count()) + 1, 0);
  std::vector<NodeId> targets;
  std::vector<double> weights;
  std::vector<std::pair<NodeId, double>> row;
  for (NodeId i = 0; i < graph.owned_count(); ++i) {
    row.clear();
    for (EdgeId k = graph.out_offsets()[i]; k < graph.out_offsets()[i + 1]; ++k)
      row.emplace_back(graph.node_of_slot(graph.out_slots()[k]), graph.out_weights()[k]);
    for (EdgeId k = graph.in_offsets()[i]; k < graph.in_offsets()[i + 1]; ++k)
      row.emplace_back(graph.node_of_slot(graph.in_slots()[k]), graph.in_weights()[k]);
    std::sort(row.begin(), row.end());
    for (const auto& [v, w] : row) {
      if (targets.size() > offsets[i] && targets.back() == v) {
        weights.back() += w;
      } else {
        targets.push_back(v);
        weights.push_back(w);
      }
    }
    offsets[i + 1] = targets.size();
  }
  return DistributedGraph::from_out_rows(graph.comm(), graph.partition(), graph.global_node_count(), std::move(offsets),
                                         targets, std::move(weights));
}

// Sums value[i] of the owned nodes per community label at the label's owner: the result is
// indexed by the owner's local index of the label. O(owned + received).
std::vector<double> sum_at_owners(const DistributedGraph& level, const std::vector<NodeId>& label,
                                  const std::vector<double>& value) {
  const std::size_t p = static_cast<std::size_t>(level.ranks());
  std::vector<std::vector<NodeId>> labels(p);
  std::vector<std::vector<double>> values(p);
  for (NodeId i = 0; i < level.owned_count(); ++i) {
    const auto q = static_cast<std::size_t>(level.partition().owner(label[i]));
    labels[q].push_back(label[i]);
    values[q].push_back(value[i]);
  }
  const std::vector<NodeId> got_labels = alltoall_vectors(labels, level.comm());
  const std::vector<double> got_values = alltoall_vectors(values, level.comm());
  std::vector<double> sums(level.owned_count(), 0.0);
  for (std::size_t k = 0; k < got_labels.size(); ++k) sums[got_labels[k] - level.first()] += got_values[k];
  return sums;
}

// Modularity of the labels (slot-indexed, ghosts current) at gamma. Collective.
double modularity(const DistributedGraph& level, const std::vector<NodeId>& label, const std::vector<double>& strength,
                  double two_m, double gamma) {
  double sums[2] = {0.0, 0.0};  // inner weight, sum of squared totals
  for (NodeId i = 0; i < level.owned_count(); ++i)
    for (EdgeId k = level.out_offsets()[i]; k < level.out_offsets()[i + 1]; ++k)
      if (label[level.out_slots()[k]] == label[i]) sums[0] += level.out_weights()[k];
  for (double total : sum_at_owners(level, label, strength)) sums[1] += total * total;
  MPI_Allreduce(MPI_IN_PLACE, sums, 2, MPI_DOUBLE, MPI_SUM, level.comm());
  return two_m > 0 ? sums[0] / two_m - gamma * sums[1] / (two_m * two_m) : 0.0;
}

// Step 1: local moving; label is slot-indexed and holds the final labels with ghosts current.
// Batches per sweep: the ghost community information is refreshed before each, so that
// ranks decide on fresher labels (fewer conflicting moves) at the price of more exchanges.
constexpr int kBatches = 4;

// The owned nodes [begin, end) of batch `batch` of a sweep. O(1).
std::pair<NodeId, NodeId> batch_range(NodeId owned, int batch) {
  const auto at = [&](int b) { return static_cast<NodeId>(std::uint64_t{owned} * static_cast<std::uint64_t>(b) / kBatches); };
  return {at(batch), at(batch + 1)};
}

// Ghost community information before a batch: the ghosts' labels made current, and the total
// strength and the size of every community this rank sees (owned nodes' or ghosts' labels),
// fetched from the communities' owners. O(slots + exchange).
void refresh_communities(const DistributedGraph& level, std::vector<NodeId>& label, const std::vector<double>& strength,
                         const std::vector<double>& ones, std::unordered_map<NodeId, double>& total,
                         std::unordered_map<NodeId, double>& size) {
  level.exchange_ghosts(label);
  const std::vector<double> owned_total = sum_at_owners(level, label, strength);
  const std::vector<double> owned_size = sum_at_owners(level, label, ones);
  std::vector<NodeId> seen(label.begin(), label.end());
  std::sort(seen.begin(), seen.end());
  seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
  const std::vector<double> seen_total = level.fetch(seen, owned_total);
  const std::vector<double> seen_size = level.fetch(seen, owned_size);
  total.clear();
  size.clear();
  for (std::size_t k = 0; k < seen.size(); ++k) {
    total[seen[k]] = seen_total[k];
    size[seen[k]] = seen_size[k];
  }
}

void move_nodes(const DistributedGraph& level, std::vector<NodeId>& label, const std::vector<double>& strength,
                double two_m, const DistributedLouvainOptions& options) {
  const NodeId owned = level.owned_count();
  const std::vector<double> ones(owned, 1.0);
  level.exchange_ghosts(label);
  double quality = modularity(level, label, strength, two_m, options.resolution);
  std::unordered_map<NodeId, double> total, size, weight_to;
  for (int sweep = 0; sweep < options.max_sweeps; ++sweep) {
    const std::vector<NodeId> before = label;
    std::uint64_t moves = 0;
    for (int batch = 0; batch < kBatches; ++batch) {
      // Ghost community information, refreshed before each batch.
      refresh_communities(level, label, strength, ones, total, size);
      const auto [batch_begin, batch_end] = batch_range(owned, batch);
      for (NodeId i = batch_begin; i < batch_end; ++i) {
        const NodeId current = label[i];
        const double k_i = strength[i];
        weight_to.clear();
        for (EdgeId k = level.out_offsets()[i]; k < level.out_offsets()[i + 1]; ++k)
          if (level.out_slots()[k] != i) weight_to[label[level.out_slots()[k]]] += level.out_weights()[k];
        total[current] -= k_i;
        NodeId best = current;
        double best_gain = weight_to[current] - options.resolution * k_i * total[current] / two_m;
        const bool alone = size[current] <= 1.0;
        for (const auto& [community, weight] : weight_to) {
          if (community == current) continue;
          // Two singletons on different ranks could swap into each other's community at once;
          // towards a remote singleton, a singleton only moves downwards.
          const bool remote = level.partition().owner(community) != level.rank();
          if (alone && remote && size[community] <= 1.0 && community > current) continue;
          const double gain = weight - options.resolution * k_i * total[community] / two_m;
          if (gain > best_gain + 1e-12 || (gain >= best_gain - 1e-12 && gain <= best_gain + 1e-12 && community < best)) {
            best = community;
            best_gain = gain;
          }
        }
        total[best] += k_i;
        if (best != current) {
          size[current] -= 1.0;
          size[best] += 1.0;
          label[i] = best;
          ++moves;
        }
      }
    }
    level.exchange_ghosts(label);
    const double next = modularity(level, label, strength, two_m, options.resolution);
    const std::uint64_t all_moves = allreduce_one(moves, MPI_SUM, level.comm());
    if (next < quality) {  // concurrent moves can overshoot; keep the better labels
      label = before;
      break;
    }
    const double gain = next - quality;
    quality = next;
    if (all_moves == 0 || gain < 1e-6) break;
  }
}

// Step 2: each community split into its connected components; returns the component label
// (its smallest node) per slot, ghosts current.
std::vector<NodeId> split_disconnected(const DistributedGraph& level, const std::vector<NodeId>& label) {
  std::vector<NodeId> component(level.slot_count());
  for (std::size_t s = 0; s < component.size(); ++s) component[s] = level.node_of_slot(s);
  for (;;) {
    level.exchange_ghosts(component);
    std::uint64_t changed = 0;
    for (NodeId i = 0; i < level.owned_count(); ++i)
      for (EdgeId k = level.out_offsets()[i]; k < level.out_offsets()[i + 1]; ++k) {
        const std::uint32_t s = level.out_slots()[k];
        if (label[s] == label[i] && component[s] < component[i]) {
          component[i] = component[s];
          ++changed;
        }
      }
    if (allreduce_one(changed, MPI_SUM, level.comm()) == 0) return component;
  }
}

// Step 2a, Leiden's refinement made greedy (Traag, Waltman & van Eck 2019): inside each
// community, nodes still alone in their sub-community join the neighbouring sub-community of
// the same community with the largest positive gain, in batches as in move_nodes; the
// sub-communities are then split into connected components (concurrent joins on two ranks can
// leave one disconnected). Returns the sub-community label per slot, ghosts current.
std::vector<NodeId> refine(const DistributedGraph& level, const std::vector<NodeId>& label, const std::vector<double>& strength,
                           double two_m, double gamma) {
  const NodeId owned = level.owned_count();
  const std::vector<double> ones(owned, 1.0);
  std::vector<NodeId> sub(level.slot_count());
  for (std::size_t s = 0; s < sub.size(); ++s) sub[s] = level.node_of_slot(s);
  std::unordered_map<NodeId, double> total, size, weight_to;
  for (int batch = 0; batch < kBatches; ++batch) {
    refresh_communities(level, sub, strength, ones, total, size);
    const auto [batch_begin, batch_end] = batch_range(owned, batch);
    for (NodeId i = batch_begin; i < batch_end; ++i) {
      if (sub[i] != level.first() + i || size[sub[i]] > 1.0) continue;  // only nodes still alone
      const double k_i = strength[i];
      weight_to.clear();
      for (EdgeId k = level.out_offsets()[i]; k < level.out_offsets()[i + 1]; ++k) {
        const std::uint32_t s = level.out_slots()[k];
        if (s != i && label[s] == label[i]) weight_to[sub[s]] += level.out_weights()[k];
      }
      NodeId best = sub[i];
      double best_gain = 0.0;
      for (const auto& [piece, weight] : weight_to) {
        const double gain = weight - gamma * k_i * total[piece] / two_m;
        if (gain > best_gain + 1e-12 || (best != sub[i] && gain >= best_gain - 1e-12 && gain <= best_gain + 1e-12 && piece < best)) {
          best = piece;
          best_gain = gain;
        }
      }
      if (best != sub[i]) {
        size[sub[i]] -= 1.0;
        total[sub[i]] -= k_i;
        size[best] += 1.0;
        total[best] += k_i;
        sub[i] = best;
      }
    }
  }
  level.exchange_ghosts(sub);
  return split_disconnected(level, sub);
}

// Numbers the parts (labels that are each part's smallest node, ghosts current) in order of
// that node, each rank a contiguous block: the part number per owned node, the parts rooted
// here and the parts in all. Collective.
struct Numbering {
  std::vector<NodeId> of_owned;
  NodeId rooted_here = 0;
  std::uint64_t count = 0;
};
Numbering number_parts(const DistributedGraph& level, const std::vector<NodeId>& part) {
  const NodeId owned = level.owned_count();
  std::vector<NodeId> root_number(owned, 0);
  Numbering numbering;
  for (NodeId i = 0; i < owned; ++i)
    if (part[i] == level.first() + i) root_number[i] = numbering.rooted_here++;
  const NodeId before = exclusive_prefix_sum<NodeId>(numbering.rooted_here, level.comm());
  for (NodeId i = 0; i < owned; ++i) root_number[i] += before;
  const std::vector<NodeId> owned_part(part.begin(), part.begin() + owned);
  numbering.of_owned = level.fetch(owned_part, root_number);
  numbering.count = allreduce_one<std::uint64_t>(numbering.rooted_here, MPI_SUM, level.comm());
  return numbering;
}

// The smallest of values[i] per community label, at the label's owner (indexed by the owner's
// local index; NodeId max where no member). O(owned + received).
std::vector<NodeId> min_at_owners(const DistributedGraph& level, const std::vector<NodeId>& label,
                                  const std::vector<NodeId>& values) {
  const std::size_t p = static_cast<std::size_t>(level.ranks());
  std::vector<std::vector<NodeId>> pairs(p);
  for (NodeId i = 0; i < level.owned_count(); ++i) {
    auto& out = pairs[static_cast<std::size_t>(level.partition().owner(label[i]))];
    out.push_back(label[i]);
    out.push_back(values[i]);
  }
  const std::vector<NodeId> got = alltoall_vectors(pairs, level.comm());
  std::vector<NodeId> smallest(level.owned_count(), std::numeric_limits<NodeId>::max());
  for (std::size_t k = 0; k + 1 < got.size(); k += 2) {
    NodeId& slot = smallest[got[k] - level.first()];
    slot = std::min(slot, got[k + 1]);
  }
  return smallest;
}

struct Levels {
  std::vector<NodeId> assignment;  // per owned base node: its node at the last level
  std::uint64_t count = 0;
  int levels = 0;
};

// One pass of levels from the initial labels (per owned base node, any node ids). Each level
// moves, splits into connected components and aggregates them; the next level starts with
// the moved communities (as in Leiden: aggregate the refined partition, start from the
// unrefined one). Stops when a level aggregates nothing.
Levels run_levels(const DistributedGraph& base, std::vector<NodeId> initial, double two_m,
                  const DistributedLouvainOptions& options) {
  Levels out;
  DistributedGraph level = base;
  out.assignment.resize(base.owned_count());
  for (NodeId i = 0; i < base.owned_count(); ++i) out.assignment[i] = base.first() + i;
  while (out.levels < options.max_levels) {
    ++out.levels;
    const NodeId owned = level.owned_count();
    std::vector<double> strength(owned, 0.0);
    for (NodeId i = 0; i < owned; ++i)
      for (EdgeId k = level.out_offsets()[i]; k < level.out_offsets()[i + 1]; ++k) strength[i] += level.out_weights()[k];
    std::vector<NodeId> label(level.slot_count());
    std::copy(initial.begin(), initial.end(), label.begin());
    move_nodes(level, label, strength, two_m, options);
    // The connected communities end the pass when refinement merges nothing; otherwise the
    // refined sub-communities become the next level's nodes.
    const std::vector<NodeId> component = refine(level, label, strength, two_m, options.resolution);
    const Numbering pieces = number_parts(level, component);
    if (pieces.count == level.global_node_count()) {
      const Numbering communities = number_parts(level, split_disconnected(level, label));
      out.assignment = level.fetch(out.assignment, communities.of_owned);
      out.count = communities.count;
      break;
    }
    const NodeId roots = pieces.rooted_here;
    const std::uint64_t next_count = pieces.count;
    const std::vector<NodeId>& coarse_owned = pieces.of_owned;
    std::vector<NodeId> coarse(level.slot_count());
    std::copy(coarse_owned.begin(), coarse_owned.end(), coarse.begin());
    level.exchange_ghosts(coarse);
    out.assignment = level.fetch(out.assignment, coarse_owned);
    out.count = next_count;

    // The next level's start: each component labelled by its community's smallest component.
    const std::vector<NodeId> community_start = min_at_owners(level, label, coarse_owned);
    std::vector<NodeId> root_labels;
    for (NodeId i = 0; i < owned; ++i)
      if (component[i] == level.first() + i) root_labels.push_back(label[i]);
    initial = level.fetch(root_labels, community_start);

    Partition next_partition;
    next_partition.first.assign(static_cast<std::size_t>(level.ranks()) + 1, 0);
    std::vector<std::uint64_t> per_rank(static_cast<std::size_t>(level.ranks()), 0);
    per_rank[static_cast<std::size_t>(level.rank())] = roots;
    allreduce_sum(per_rank, level.comm());
    for (std::size_t q = 0; q < per_rank.size(); ++q)
      next_partition.first[q + 1] = next_partition.first[q] + static_cast<NodeId>(per_rank[q]);
    // Entries between components go to the owner of the row's component (this very rank for
    // the components rooted here), then are summed.
    const std::size_t p = static_cast<std::size_t>(level.ranks());
    std::vector<std::vector<NodeId>> pairs(p);
    std::vector<std::vector<double>> pair_weights(p);
    for (NodeId i = 0; i < owned; ++i)
      for (EdgeId k = level.out_offsets()[i]; k < level.out_offsets()[i + 1]; ++k) {
        const auto q = static_cast<std::size_t>(next_partition.owner(coarse[i]));
        pairs[q].push_back(coarse[i]);
        pairs[q].push_back(coarse[level.out_slots()[k]]);
        pair_weights[q].push_back(level.out_weights()[k]);
      }
    const std::vector<NodeId> got = alltoall_vectors(pairs, level.comm());
    const std::vector<double> got_weights = alltoall_vectors(pair_weights, level.comm());
    std::vector<std::tuple<NodeId, NodeId, double>> entries(got_weights.size());
    for (std::size_t k = 0; k < got_weights.size(); ++k) entries[k] = {got[2 * k], got[2 * k + 1], got_weights[k]};
    std::sort(entries.begin(), entries.end());
    const NodeId first = next_partition.first[static_cast<std::size_t>(level.rank())];
    std::vector<EdgeId> offsets(static_cast<std::size_t>(roots) + 1, 0);
    std::vector<NodeId> targets;
    std::vector<double> weights;
    NodeId last_row = 0;
    for (const auto& [row, column, weight] : entries) {
      if (!targets.empty() && last_row == row && targets.back() == column) {
        weights.back() += weight;
        continue;
      }
      targets.push_back(column);
      weights.push_back(weight);
      ++offsets[row - first + 1];
      last_row = row;
    }
    for (NodeId r = 1; r <= roots; ++r) offsets[r] += offsets[r - 1];
    level = DistributedGraph::from_out_rows(level.comm(), std::move(next_partition), next_count, std::move(offsets),
                                            targets, std::move(weights));
  }
  return out;
}

}  // namespace

DistributedLouvain distributed_louvain(const DistributedGraph& graph, const DistributedLouvainOptions& options) {
  if (!(options.resolution > 0) || !std::isfinite(options.resolution)) throw UsageError("resolution must be > 0");
  const std::uint64_t sent_at_start = bytes_sent_counter();
  const DistributedGraph base = undirected_projection(graph);
  const NodeId owned = base.owned_count();
  double two_m = 0.0;
  for (double w : base.out_weights()) two_m += w;
  two_m = allreduce_one(two_m, MPI_SUM, graph.comm());
  std::vector<double> strength(owned, 0.0);
  for (NodeId i = 0; i < owned; ++i)
    for (EdgeId k = base.out_offsets()[i]; k < base.out_offsets()[i + 1]; ++k) strength[i] += base.out_weights()[k];
  auto quality = [&](const std::vector<NodeId>& membership) {
    std::vector<NodeId> label(base.slot_count());
    std::copy(membership.begin(), membership.end(), label.begin());
    base.exchange_ghosts(label);
    return modularity(base, label, strength, two_m, options.resolution);
  };

  // Outer iterations, as Louvain and Leiden repeat until no improvement: each pass starts from
  // the previous pass's communities.
  DistributedLouvain result;
  std::vector<NodeId> membership(owned);
  for (NodeId i = 0; i < owned; ++i) membership[i] = base.first() + i;
  result.modularity = quality(membership);
  result.count = base.global_node_count();
  for (int pass = 0; pass < options.max_passes; ++pass) {
    Levels levels = run_levels(base, membership, two_m, options);
    result.levels += levels.levels;
    const double next = quality(levels.assignment);
    if (next <= result.modularity + 1e-7) break;
    membership = std::move(levels.assignment);
    result.modularity = next;
    result.count = levels.count;
  }
  result.membership.assign(membership.begin(), membership.end());
  const std::uint64_t sent = allreduce_one<std::uint64_t>(bytes_sent_counter() - sent_at_start, MPI_SUM, graph.comm());
  result.bytes_per_level = sent / static_cast<std::uint64_t>(std::max(result.levels, 1));
  return result;
}

}  // namespace firmnet::distributed
