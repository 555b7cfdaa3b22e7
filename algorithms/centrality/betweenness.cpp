#include "algorithms/centrality/betweenness.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <queue>

#include "graph/errors.hpp"
#include "graph/fixed_point_sum.hpp"
#include "graph/process_group.hpp"
#include "graph/random.hpp"

namespace firmnet::centrality {

namespace {

// igraph's tolerant comparison of path lengths (igraph_cmp_epsilon with 1e-10), so that
// sums of floating-point weights that are equal in exact arithmetic count as ties.
constexpr double kLengthEpsilon = 1e-10;
// Sources per block of the fixed summation order: enough to make a block's O(n) flush into the
// fixed-point totals cheap beside its searches, few enough to balance threads and processes.
constexpr std::size_t kSourcesPerBlock = 16;
bool same_length(double a, double b) {
  if (a == b) return true;
  const double scale = std::abs(a) + std::abs(b);
  return std::abs(a - b) <= kLengthEpsilon * scale;
}

// Per-thread work arrays for one single-source pass.
struct SourcePass {
  explicit SourcePass(NodeId n)
      : hops(n, -1), length(n, std::numeric_limits<double>::infinity()), sigma(n, 0.0), delta(n, 0.0) {
    order.reserve(n);
  }
  std::vector<std::int32_t> hops;  // BFS depth, -1 = unreached (unweighted)
  std::vector<double> length;      // path length, inf = unreached (weighted)
  std::vector<double> sigma, delta;
  std::vector<NodeId> order;       // nodes in non-decreasing distance

  // Fills delta[v] = sum_t sigma_st(v) / sigma_st for every v reached from s (BFS).
  void run_unweighted(const WeightedCsr& out, NodeId s) {
    order.clear();
    hops[s] = 0;
    sigma[s] = 1.0;
    order.push_back(s);
    for (std::size_t head = 0; head < order.size(); ++head) {
      const NodeId v = order[head];
      const std::int32_t next = hops[v] + 1;
      for (EdgeId i = out.offsets[v]; i < out.offsets[v + 1]; ++i) {
        const NodeId w = out.targets[i];
        if (hops[w] < 0) {
          hops[w] = next;
          order.push_back(w);
        }
        if (hops[w] == next) sigma[w] += sigma[v];
      }
    }
    for (std::size_t k = order.size(); k-- > 0;) {
      const NodeId v = order[k];
      const std::int32_t next = hops[v] + 1;
      double sum = 0.0;
      for (EdgeId i = out.offsets[v]; i < out.offsets[v + 1]; ++i) {
        const NodeId w = out.targets[i];
        if (hops[w] == next) sum += (1.0 + delta[w]) / sigma[w];
      }
      delta[v] = sigma[v] * sum;
    }
  }

  // Same with Dijkstra (binary heap, lazy deletion); weights are lengths.
  void run_weighted(const WeightedCsr& out, NodeId s) {
    using Entry = std::pair<double, NodeId>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
    order.clear();
    length[s] = 0.0;
    sigma[s] = 1.0;
    heap.push({0.0, s});
    while (!heap.empty()) {
      const auto [dist, v] = heap.top();
      heap.pop();
      if (dist != length[v] || hops[v] == 1) continue;  // stale entry or settled
      hops[v] = 1;                                       // settled marker
      order.push_back(v);
      for (EdgeId i = out.offsets[v]; i < out.offsets[v + 1]; ++i) {
        const NodeId w = out.targets[i];
        if (hops[w] == 1) continue;
        const double candidate = dist + out.weights[i];
        if (length[w] == std::numeric_limits<double>::infinity() ||
            (candidate < length[w] && !same_length(candidate, length[w]))) {
          length[w] = candidate;
          sigma[w] = sigma[v];
          heap.push({candidate, w});
        } else if (same_length(candidate, length[w])) {
          sigma[w] += sigma[v];
        }
      }
    }
    for (std::size_t k = order.size(); k-- > 0;) {
      const NodeId v = order[k];
      double sum = 0.0;
      for (EdgeId i = out.offsets[v]; i < out.offsets[v + 1]; ++i) {
        const NodeId w = out.targets[i];
        if (w != s && hops[w] == 1 && length[w] > length[v] && same_length(length[v] + out.weights[i], length[w]))
          sum += (1.0 + delta[w]) / sigma[w];
      }
      delta[v] = sigma[v] * sum;
    }
  }

  // Clears the entries touched by the last pass. O(reached).
  void reset() {
    for (NodeId v : order) {
      hops[v] = -1;
      length[v] = std::numeric_limits<double>::infinity();
      sigma[v] = 0.0;
      delta[v] = 0.0;
    }
  }
};

}  // namespace

BetweennessResult betweenness(const Adjacency& adjacency, const BetweennessOptions& options) {
  const NodeId n = adjacency.node_count();
  const WeightedCsr& out = adjacency.out();
  BetweennessResult result;
  result.scores.assign(n, 0.0);
  if (options.weighted) {
    for (double w : out.weights)
      if (!(w > 0.0) || !std::isfinite(w))
        throw UsageError("weighted betweenness needs positive finite edge weights (they are path lengths)");
  }
  const bool sampled = options.samples > 0;
  if (sampled && options.samples >= n)
    throw UsageError("betweenness samples must be below the node count; use exact betweenness instead");
  if (sampled && !(options.failure_probability > 0.0 && options.failure_probability < 1.0))
    throw UsageError("betweenness failure probability must be in (0, 1)");

  std::vector<NodeId> sources(n);
  std::iota(sources.begin(), sources.end(), NodeId{0});
  if (sampled) {
    // Partial Fisher-Yates: the first k entries are a uniform sample without replacement.
    Rng rng(options.seed);
    for (std::uint64_t i = 0; i < options.samples; ++i) std::swap(sources[i], sources[i + rng.below(n - i)]);
    sources.resize(options.samples);
    std::sort(sources.begin(), sources.end());
  }
  result.sources = sources.size();

  // Sources go in fixed blocks of kSourcesPerBlock (consecutive in `sources`). A block is summed
  // in doubles, in source order, by one thread; its sums are then added to the totals in fixed
  // point (graph/fixed_point_sum.hpp), whose bits do not depend on the order of the additions.
  // So threads and processes only choose who computes a block: blocks go round-robin to the
  // processes of a group (block b to process b mod size), then dynamically to the threads.
  // delta_s(v) <= n - 2 bounds the totals.
  const std::size_t block_count = (sources.size() + kSourcesPerBlock - 1) / kSourcesPerBlock;
  std::vector<std::size_t> my_blocks;
  for (std::size_t b = 0; b < block_count; ++b)
    if (runs_replicate(b)) my_blocks.push_back(b);
  const auto my_block_count = static_cast<std::int64_t>(my_blocks.size());
  const double k_sources = static_cast<double>(sources.size());
  const double range_of_delta = std::max(1.0, static_cast<double>(n) - 2.0);
  const FixedPointScale sum_scale(k_sources * range_of_delta);
  const FixedPointScale square_scale(k_sources * range_of_delta * range_of_delta);
  const int threads = omp_get_max_threads();
  std::vector<std::vector<FixedPoint>> partial(threads), partial_squares(threads);
  std::int64_t done = 0;
#pragma omp parallel num_threads(threads)
  {
    const int t = omp_get_thread_num();
    std::vector<FixedPoint>& total = partial[t];
    std::vector<FixedPoint>& total_squares = partial_squares[t];
    total.assign(n, 0);
    if (sampled) total_squares.assign(n, 0);
    std::vector<double> block_sum(n, 0.0), block_squares(sampled ? n : 0, 0.0);
    SourcePass pass(n);
#pragma omp for schedule(dynamic, 1)
    for (std::int64_t i = 0; i < my_block_count; ++i) {
      const std::size_t first = my_blocks[i] * kSourcesPerBlock;
      const std::size_t last = std::min(sources.size(), first + kSourcesPerBlock);
      for (std::size_t j = first; j < last; ++j) {
        const NodeId s = sources[j];
        if (options.weighted)
          pass.run_weighted(out, s);
        else
          pass.run_unweighted(out, s);
        for (NodeId v : pass.order) {
          if (v == s) continue;
          block_sum[v] += pass.delta[v];
          if (sampled) block_squares[v] += pass.delta[v] * pass.delta[v];
        }
        pass.reset();
      }
      for (NodeId v = 0; v < n; ++v) {
        if (block_sum[v] == 0.0) continue;
        total[v] += sum_scale.to_fixed(block_sum[v]);
        block_sum[v] = 0.0;
        if (sampled) {
          total_squares[v] += square_scale.to_fixed(block_squares[v]);
          block_squares[v] = 0.0;
        }
      }
      if (t == 0) {
        std::int64_t seen;
#pragma omp atomic read
        seen = done;
        options.progress.report("betweenness", static_cast<double>(seen) / my_block_count);
      }
#pragma omp atomic
      ++done;
    }
  }
  for (int t = 1; t < threads; ++t)
    for (NodeId v = 0; v < n; ++v) {
      partial[0][v] += partial[t][v];
      if (sampled) partial_squares[0][v] += partial_squares[t][v];
    }
  add_up_over_processes(partial[0]);
  if (sampled) add_up_over_processes(partial_squares[0]);
  for (NodeId v = 0; v < n; ++v) result.scores[v] = sum_scale.to_double(partial[0][v]);

  const double pair_factor = adjacency.is_directed() ? 1.0 : 0.5;
  double scale = pair_factor;
  if (sampled) {
    const double k = static_cast<double>(options.samples);
    const double population = static_cast<double>(n);
    scale *= population / k;
    result.standard_error.assign(n, 0.0);
    const double correction = std::sqrt((population - k) / (population - 1.0));
    for (NodeId v = 0; v < n; ++v) {
      const double squares = square_scale.to_double(partial_squares[0][v]);
      const double mean = result.scores[v] / k;
      const double variance = k > 1 ? std::max(0.0, (squares - k * mean * mean) / (k - 1.0)) : 0.0;
      result.standard_error[v] = pair_factor * population * std::sqrt(variance / k) * correction;
    }
    const double range = pair_factor * std::max(0.0, population - 2.0);
    result.error_bound =
        population * range * std::sqrt(std::log(2.0 * population / options.failure_probability) / (2.0 * k));
  }
  if (options.normalized && n > 2) {
    const double pairs = pair_factor * (static_cast<double>(n) - 1.0) * (static_cast<double>(n) - 2.0);
    scale /= pairs;
    for (double& se : result.standard_error) se /= pairs;
    result.error_bound /= pairs;
  }
  for (double& value : result.scores) value *= scale;
  options.progress.report("betweenness", 1.0);
  return result;
}

}  // namespace firmnet::centrality
