#include "algorithms/centrality/pkc_coreness.hpp"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <limits>

namespace firmnet::centrality {

namespace {

// Entries ahead in a row whose degree slot is prefetched: the slots are scattered over an
// n-sized array, and the misses then overlap instead of waiting one by one.
constexpr EdgeId kPrefetchDistance = 8;

// Peels every node of `frontier` at `level`: each neighbour along `affected` still above the
// level loses one; one brought down to the level joins the frontier (and is peeled in turn).
// Shared: other threads peel at the same time, so the decrements are atomic (a decrement that
// raced below the level is undone); alone, plain decrements keep loads from waiting on locked
// instructions. O(sum of the peeled rows).
template <bool kShared>
void peel(const WeightedCsr& affected, std::vector<std::uint32_t>& degree, std::vector<NodeId>& frontier,
          std::uint32_t level) {
  const NodeId* targets = affected.targets.data();
  std::uint32_t* degrees = degree.data();
  for (std::size_t i = 0; i < frontier.size(); ++i) {
    const NodeId v = frontier[i];
    const EdgeId end = affected.offsets[v + 1];
    for (EdgeId e = affected.offsets[v]; e < end; ++e) {
      if (e + kPrefetchDistance < end) __builtin_prefetch(degrees + targets[e + kPrefetchDistance], 1);
      const NodeId u = targets[e];
      if constexpr (kShared) {
        std::atomic_ref<std::uint32_t> du(degrees[u]);
        if (du.load(std::memory_order_relaxed) <= level) continue;  // peeled, or v itself (a loop)
        const std::uint32_t before = du.fetch_sub(1, std::memory_order_relaxed);
        if (before == level + 1) frontier.push_back(u);
        else if (before <= level) du.fetch_add(1, std::memory_order_relaxed);  // raced below the level
      } else {
        if (degrees[u] <= level) continue;
        if (--degrees[u] == level) frontier.push_back(u);
      }
    }
  }
}

}  // namespace

std::vector<std::int64_t> pkc_coreness(const Adjacency& adjacency, DegreeMode mode) {
  const NodeId n = adjacency.node_count();
  // The degree that counts comes from `counted`; peeling v lowers it at the nodes in v's
  // `affected` row (for in-cores: v's out-neighbours lose an in-edge).
  const bool in_mode = adjacency.is_directed() && mode == DegreeMode::in;
  const WeightedCsr& counted = in_mode ? adjacency.in() : adjacency.out();
  const WeightedCsr& affected = in_mode ? adjacency.out() : adjacency.in();
  std::vector<std::uint32_t> degree(n);
#pragma omp parallel for schedule(static)
  for (NodeId v = 0; v < n; ++v) degree[v] = static_cast<std::uint32_t>(counted.degree(v));

  constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
  const int threads = omp_get_max_threads();
  // Per thread, after each scan: frontier size, lowest degree kept, nodes kept. Every thread
  // reads all of them after a barrier and takes the same decision.
  std::vector<std::uint64_t> found(threads), kept(threads);
  std::vector<std::uint32_t> lowest(threads);
#pragma omp parallel num_threads(threads)
  {
    const int t = omp_get_thread_num();
    std::vector<NodeId> unpeeled, frontier;
    const NodeId first = static_cast<NodeId>(std::uint64_t{n} * t / threads);
    const NodeId last = static_cast<NodeId>(std::uint64_t{n} * (t + 1) / threads);
    unpeeled.reserve(last - first);
    for (NodeId v = first; v < last; ++v) unpeeled.push_back(v);
    std::uint32_t level = 0;
    for (;;) {
      // Scan: degree == level joins the frontier, degree > level stays, lower was peeled.
      frontier.clear();
      std::uint32_t low = kNone;
      std::size_t keep = 0;
      for (const NodeId v : unpeeled) {
        const std::uint32_t d = std::atomic_ref<std::uint32_t>(degree[v]).load(std::memory_order_relaxed);
        if (d == level) {
          frontier.push_back(v);
        } else if (d > level) {
          unpeeled[keep++] = v;
          low = std::min(low, d);
        }
      }
      unpeeled.resize(keep);
      found[t] = frontier.size();
      kept[t] = keep;
      lowest[t] = low;
#pragma omp barrier
      std::uint64_t any_found = 0, any_kept = 0;
      std::uint32_t next_level = kNone;
      for (int i = 0; i < threads; ++i) {
        any_found += found[i];
        any_kept += kept[i];
        next_level = std::min(next_level, lowest[i]);
      }
      if (any_found == 0 && any_kept == 0) break;
      if (any_found == 0) {
        // The barrier below keeps these shared slots from being overwritten before all read them.
#pragma omp barrier
        level = next_level;
        continue;
      }
      if (threads > 1)
        peel<true>(affected, degree, frontier, level);
      else
        peel<false>(affected, degree, frontier, level);
#pragma omp barrier
      ++level;
    }
  }
  return {degree.begin(), degree.end()};
}

}  // namespace firmnet::centrality
