#include "algorithms/centrality/kadabra_betweenness.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>

#include "algorithms/centrality/vertex_diameter_bound.hpp"
#include "graph/errors.hpp"
#include "graph/random.hpp"

namespace firmnet::centrality {

namespace {

constexpr std::uint64_t kBatchSamples = 1000;
constexpr double kFirstSampleShare = 0.01;  // the first sample is omega / 100 paths (KADABRA)
constexpr double kBalancingFactor = 0.001;  // share of delta / 2 spread evenly over nodes
// Independent seed streams of the two samples.
constexpr std::uint64_t kFirstStream = 1, kMainStream = 2;

// The interior nodes of the paths of one batch, in sample order, and the path statistics.
struct Batch {
  std::vector<NodeId> interior;
  std::uint64_t longest_path = 0;
};

// Per-thread state of balanced bidirectional BFS between s and t. Distances are -1 when unset;
// every touched node is listed so that a reset costs what the search cost.
class PathSampler {
 public:
  explicit PathSampler(const Adjacency& adjacency)
      : out_(adjacency.out()), in_(adjacency.in()), n_(adjacency.node_count()),
        from_s_(n_, -1), to_t_(n_, -1), sigma_s_(n_, 0.0), sigma_t_(n_, 0.0) {}

  // Draws a pair s != t and a uniform shortest path between them; appends its interior nodes
  // to `batch` (nothing when t is unreachable). O(edges of both BFS balls).
  void sample(Rng& rng, Batch& batch) {
    const auto s = static_cast<NodeId>(rng.below(n_));
    auto t = static_cast<NodeId>(rng.below(n_ - 1));
    if (t >= s) ++t;
    if (connect(s, t)) walk(s, t, rng, batch);
    for (NodeId v : touched_) {
      from_s_[v] = to_t_[v] = -1;
      sigma_s_[v] = sigma_t_[v] = 0.0;
    }
    touched_.clear();
  }

 private:
  struct Touching {
    NodeId near_s, near_t;
    double paths;
  };

  // Grows the two balls until a level touches; fills touching_ with the edges that close the
  // shortest paths. False when no s-t path exists.
  bool connect(NodeId s, NodeId t) {
    from_s_[s] = 0;
    sigma_s_[s] = 1.0;
    to_t_[t] = 0;
    sigma_t_[t] = 1.0;
    touched_.assign({s, t});
    frontier_s_.assign(1, s);
    frontier_t_.assign(1, t);
    touching_.clear();
    while (!frontier_s_.empty() && !frontier_t_.empty()) {
      if (degree_sum(out_, frontier_s_) <= degree_sum(in_, frontier_t_))
        expand(out_, frontier_s_, from_s_, sigma_s_, to_t_, sigma_t_, false);
      else
        expand(in_, frontier_t_, to_t_, sigma_t_, from_s_, sigma_s_, true);
      if (!touching_.empty()) return true;
    }
    return false;
  }

  static EdgeId degree_sum(const WeightedCsr& rows, const std::vector<NodeId>& frontier) {
    EdgeId sum = 0;
    for (NodeId u : frontier) sum += rows.degree(u);
    return sum;
  }

  // One BFS level of one side. A neighbour already reached by the other side closes paths:
  // the balls were disjoint, so it lies on the other side's frontier and the edge is on a
  // shortest path. Otherwise the usual BFS step with path counting.
  void expand(const WeightedCsr& rows, std::vector<NodeId>& frontier, std::vector<std::int32_t>& own,
              std::vector<double>& own_sigma, const std::vector<std::int32_t>& other,
              const std::vector<double>& other_sigma, bool backward) {
    next_.clear();
    for (NodeId u : frontier) {
      const std::int32_t level = own[u] + 1;
      for (EdgeId i = rows.offsets[u]; i < rows.offsets[u + 1]; ++i) {
        const NodeId w = rows.targets[i];
        if (other[w] >= 0) {
          const double paths = own_sigma[u] * other_sigma[w];
          touching_.push_back(backward ? Touching{w, u, paths} : Touching{u, w, paths});
        } else if (own[w] < 0) {
          own[w] = level;
          own_sigma[w] = own_sigma[u];
          next_.push_back(w);
          touched_.push_back(w);
        } else if (own[w] == level) {
          own_sigma[w] += own_sigma[u];
        }
      }
    }
    frontier.swap(next_);
  }

  // Picks one touching edge with weight sigma_s(u) sigma_t(w) and walks to both ends.
  void walk(NodeId s, NodeId t, Rng& rng, Batch& batch) {
    double total = 0.0;
    for (const Touching& e : touching_) total += e.paths;
    double target = rng.uniform() * total;
    const Touching* chosen = &touching_.back();
    for (const Touching& e : touching_) {
      if (target < e.paths) {
        chosen = &e;
        break;
      }
      target -= e.paths;
    }
    const std::size_t before = batch.interior.size();
    for (NodeId v = chosen->near_s; v != s; v = step(in_, v, from_s_, sigma_s_, rng)) batch.interior.push_back(v);
    for (NodeId v = chosen->near_t; v != t; v = step(out_, v, to_t_, sigma_t_, rng)) batch.interior.push_back(v);
    batch.longest_path = std::max<std::uint64_t>(batch.longest_path, batch.interior.size() - before + 2);
  }

  // A neighbour of v along `rows` one level nearer its side's root, drawn with probability
  // sigma(neighbour) / sigma(v) (the last eligible one absorbs rounding).
  static NodeId step(const WeightedCsr& rows, NodeId v, const std::vector<std::int32_t>& level,
                     const std::vector<double>& sigma, Rng& rng) {
    double target = rng.uniform() * sigma[v];
    NodeId last = v;
    for (EdgeId i = rows.offsets[v]; i < rows.offsets[v + 1]; ++i) {
      const NodeId u = rows.targets[i];
      if (level[u] < 0 || level[u] != level[v] - 1) continue;
      last = u;
      if (target < sigma[u]) return u;
      target -= sigma[u];
    }
    return last;
  }

  const WeightedCsr& out_;
  const WeightedCsr& in_;
  NodeId n_;
  std::vector<std::int32_t> from_s_, to_t_;
  std::vector<double> sigma_s_, sigma_t_;
  std::vector<NodeId> touched_, frontier_s_, frontier_t_, next_;
  std::vector<Touching> touching_;
};

// Computes batches first, first + 1, ... of a stream (batch k: `sizes(k)` samples, seed
// derive_seed(stream_seed, k)) in groups of one batch per thread, and hands each to
// `take(batch)` in batch order until it returns false. Returns the batches taken. The group
// only sets how much work runs ahead; what `take` sees does not depend on the thread count.
template <typename Sizes, typename Take>
std::uint64_t run_batches(const Adjacency& adjacency, std::uint64_t stream_seed, Sizes sizes, Take take) {
  const int threads = std::max(1, omp_get_max_threads());
  std::vector<Batch> group(static_cast<std::size_t>(threads));
  std::vector<PathSampler> samplers;
  samplers.reserve(group.size());
  for (int t = 0; t < threads; ++t) samplers.emplace_back(adjacency);
  for (std::uint64_t first = 0;; first += group.size()) {
#pragma omp parallel for num_threads(threads) schedule(static, 1)
    for (int i = 0; i < threads; ++i) {
      Batch& batch = group[i];
      batch.interior.clear();
      batch.longest_path = 0;
      Rng rng(derive_seed(stream_seed, first + static_cast<std::uint64_t>(i)));
      const std::uint64_t count = sizes(first + static_cast<std::uint64_t>(i));
      for (std::uint64_t k = 0; k < count; ++k) samplers[omp_get_thread_num()].sample(rng, batch);
    }
    for (std::size_t i = 0; i < group.size(); ++i)
      if (!take(group[i])) return first + i + 1;
  }
}

// Per-node failure budgets ln(1 / delta_L) = ln(1 / delta_U) from the first sample's
// estimates b1 (KADABRA's "balancing"): the smallest c (by bisection) with
// 2 sum_v exp(-c lambda^2 / b1(v)) <= (delta / 2)(1 - bf), plus delta bf / (4 n) for every node.
std::vector<double> log_inverse_budgets(const std::vector<double>& first_estimate, double lambda, double delta) {
  const double n = static_cast<double>(first_estimate.size());
  const double share = 0.5 * delta * (1.0 - kBalancingFactor) / 2.0;  // for sum_v exp(...)
  const double floor = delta * kBalancingFactor / (4.0 * n);
  double positive = 0;
  for (double b : first_estimate) positive += b > 0.0;
  auto mass = [&](double c) {
    double sum = 0.0;
    for (double b : first_estimate)
      if (b > 0.0) sum += std::exp(-c * lambda * lambda / b);
    return sum;
  };
  std::vector<double> out(first_estimate.size());
  if (positive == 0) {
    std::fill(out.begin(), out.end(), std::log(4.0 * n / delta));  // delta / (4 n) each
    return out;
  }
  // Every b1 <= 1, so exp(-c lambda^2 / b1) <= share / positive at c = high.
  double low = 0.0, high = std::log(positive / share) / (lambda * lambda);
  for (int iteration = 0; iteration < 100 && high - low > 1e-9 * high; ++iteration) {
    const double middle = 0.5 * (low + high);
    (mass(middle) <= share ? high : low) = middle;
  }
  for (std::size_t v = 0; v < out.size(); ++v) {
    const double b = first_estimate[v];
    out[v] = -std::log((b > 0.0 ? std::exp(-high * lambda * lambda / b) : 0.0) + floor);
  }
  return out;
}

// KADABRA's confidence radii below (f) and above (g) an estimate b~ after tau of omega samples.
double radius_below(double estimate, double tau, double omega, double log_inverse) {
  const double a = 1.0 / 3.0 - omega / tau;
  return std::min(estimate, log_inverse / tau * (a + std::sqrt(a * a + 2.0 * estimate * omega / log_inverse)));
}
double radius_above(double estimate, double tau, double omega, double log_inverse) {
  const double a = 1.0 / 3.0 + omega / tau;
  return std::min(1.0 - estimate, log_inverse / tau * (a + std::sqrt(a * a + 2.0 * estimate * omega / log_inverse)));
}

}  // namespace

KadabraResult kadabra_betweenness(const Adjacency& adjacency, const KadabraOptions& options) {
  if (!(options.epsilon > 0.0 && options.epsilon < 1.0))
    throw UsageError("betweenness epsilon must be in (0, 1), e.g. 0.01");
  if (!(options.delta > 0.0 && options.delta < 1.0))
    throw UsageError("betweenness delta must be in (0, 1), e.g. 0.1");
  const NodeId n = adjacency.node_count();
  KadabraResult result;
  result.scores.assign(n, 0.0);
  const double pair_factor = adjacency.is_directed() ? 1.0 : 0.5;
  const double pairs = n > 2 ? pair_factor * (n - 1.0) * (n - 2.0) : 1.0;
  result.error_bound = options.epsilon * (options.normalized ? 1.0 : pairs);
  result.vertex_diameter_bound = vertex_diameter_upper_bound(adjacency);
  // Fewer than three nodes on every shortest path: no interior nodes, every score is 0.
  if (n < 3 || result.vertex_diameter_bound < 3) return result;

  const double lambda = options.epsilon * (n - 2.0) / n;
  const double log_term = std::floor(std::log2(static_cast<double>(result.vertex_diameter_bound - 2))) + 1.0 +
                          std::log(2.0 / options.delta);
  result.omega = static_cast<std::uint64_t>(std::ceil(0.5 / (lambda * lambda) * log_term));
  const double omega = static_cast<double>(result.omega);

  // First sample: its estimates set the per-node budgets and are then discarded.
  result.first_samples = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(kFirstSampleShare * omega));
  std::vector<std::uint64_t> visits(n, 0);
  std::uint64_t drawn = 0;
  auto first_size = [&](std::uint64_t k) {
    const std::uint64_t start = k * kBatchSamples;
    return start >= result.first_samples ? 0 : std::min(kBatchSamples, result.first_samples - start);
  };
  run_batches(adjacency, derive_seed(options.seed, kFirstStream), first_size, [&](const Batch& batch) {
    for (NodeId v : batch.interior) ++visits[v];
    result.longest_path = std::max(result.longest_path, batch.longest_path);
    drawn += kBatchSamples;
    return drawn < result.first_samples;
  });
  std::vector<double> first_estimate(n);
  for (NodeId v = 0; v < n; ++v) first_estimate[v] = static_cast<double>(visits[v]) / result.first_samples;
  const std::vector<double> log_inverse = log_inverse_budgets(first_estimate, lambda, options.delta);

  // Main sample, stopped by the adaptive rule or at omega.
  std::fill(visits.begin(), visits.end(), 0);
  auto main_size = [&](std::uint64_t k) {
    const std::uint64_t start = k * kBatchSamples;
    return start >= result.omega ? 0 : std::min(kBatchSamples, result.omega - start);
  };
  // The check starts at the node that failed last time, which usually fails again: a check
  // is O(n) only when it passes. The start depends on earlier checks only, not on threads.
  NodeId first_checked = 0;
  auto settled = [&](double tau) {
    for (NodeId k = 0; k < n; ++k) {
      const NodeId v = first_checked + k < n ? first_checked + k : first_checked + k - n;
      const double estimate = static_cast<double>(visits[v]) / tau;
      if (radius_below(estimate, tau, omega, log_inverse[v]) > lambda ||
          radius_above(estimate, tau, omega, log_inverse[v]) > lambda) {
        first_checked = v;
        return false;
      }
    }
    return true;
  };
  run_batches(adjacency, derive_seed(options.seed, kMainStream), main_size, [&](const Batch& batch) {
    for (NodeId v : batch.interior) ++visits[v];
    result.interior_visits += batch.interior.size();
    result.longest_path = std::max(result.longest_path, batch.longest_path);
    result.samples += main_size(result.samples / kBatchSamples);
    options.progress.report("betweenness", std::min(1.0, result.samples / omega));
    return result.samples < result.omega && !settled(static_cast<double>(result.samples));
  });

  const double scale = (n / (n - 2.0)) / static_cast<double>(result.samples) * (options.normalized ? 1.0 : pairs);
  for (NodeId v = 0; v < n; ++v) result.scores[v] = scale * static_cast<double>(visits[v]);
  options.progress.report("betweenness", 1.0);
  return result;
}

}  // namespace firmnet::centrality
