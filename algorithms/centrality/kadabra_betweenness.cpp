#include "algorithms/centrality/kadabra_betweenness.hpp"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <map>
#include <mutex>

#include "algorithms/centrality/vertex_diameter_bound.hpp"
#include "graph/errors.hpp"
#include "graph/process_group.hpp"
#include "graph/random.hpp"

namespace firmnet::centrality {

namespace {

constexpr std::uint64_t kBatchSamples = 250;
constexpr std::uint64_t kBatchesPerProcess = 4;  // per round when split over processes
constexpr double kFirstSampleShare = 0.01;  // the first sample is omega / 100 paths (KADABRA)
constexpr double kBalancingFactor = 0.001;  // share of delta / 2 spread evenly over nodes
// Independent seed streams of the two samples.
constexpr std::uint64_t kFirstStream = 1, kMainStream = 2;

// The interior nodes of the paths of one batch, in sample order, and the path statistics.
struct Batch {
  std::vector<NodeId> interior;
  std::uint64_t longest_path = 0;
};

// Per-thread state of balanced bidirectional BFS between s and t. The two balls stay disjoint
// (a level stops at the first touch), so one record per node holds its side, level and path
// count: one cache line read per scanned edge. A record counts only when its stamp is the current
// sample's, so nothing is cleared between samples.
class PathSampler {
 public:
  explicit PathSampler(const Adjacency& adjacency)
      : out_(adjacency.out()), in_(adjacency.in()), n_(adjacency.node_count()), nodes_(n_) {}

  // Draws a pair s != t and a uniform shortest path between them; appends its interior nodes
  // to `batch` (nothing when t is unreachable). O(edges of both BFS balls).
  void sample(Rng& rng, Batch& batch) {
    const auto s = static_cast<NodeId>(rng.below(n_));
    auto t = static_cast<NodeId>(rng.below(n_ - 1));
    if (t >= s) ++t;
    if (stamp_ == kLastStamp) {
      for (NodeRecord& record : nodes_) record.mark = 0;
      stamp_ = 0;
    }
    ++stamp_;
    if (connect(s, t)) walk(s, t, rng, batch);
  }

 private:
  // mark = 2 stamp + side (0: reached from s, 1: reached from t); stale stamps mean unreached.
  struct NodeRecord {
    std::uint32_t mark = 0;
    std::int32_t level = 0;
    double sigma = 0.0;
  };
  struct Touching {
    NodeId near_s, near_t;
    double paths;
  };
  static constexpr std::uint32_t kLastStamp = (std::uint32_t{1} << 31) - 1;

  void reach(NodeId v, std::uint32_t side, std::int32_t level, double sigma) {
    nodes_[v] = {2 * stamp_ + side, level, sigma};
  }

  // Grows the two balls, each time the side whose frontier has the smaller degree sum, until a
  // level touches; fills touching_ with the edges that close the shortest paths. False when no
  // s-t path exists.
  bool connect(NodeId s, NodeId t) {
    reach(s, 0, 0, 1.0);
    reach(t, 1, 0, 1.0);
    frontier_s_.assign(1, s);
    frontier_t_.assign(1, t);
    EdgeId degrees_s = out_.degree(s), degrees_t = in_.degree(t);
    touching_.clear();
    while (degrees_s > 0 && degrees_t > 0) {
      if (degrees_s <= degrees_t)
        degrees_s = expand(out_, frontier_s_, 0);
      else
        degrees_t = expand(in_, frontier_t_, 1);
      if (!touching_.empty()) return true;
    }
    return false;
  }

  // One BFS level of one side along `rows`; returns the next frontier's degree sum along them.
  // A neighbour reached by the other side closes paths: the balls were disjoint, so it lies on
  // the other side's frontier and the edge is on a shortest path. After the first such edge no
  // further level follows, so new nodes are no longer recorded.
  EdgeId expand(const WeightedCsr& rows, std::vector<NodeId>& frontier, std::uint32_t side) {
    next_.clear();
    EdgeId next_degrees = 0;
    for (NodeId u : frontier) {
      const std::int32_t level = nodes_[u].level + 1;
      const double sigma = nodes_[u].sigma;
      for (EdgeId i = rows.offsets[u]; i < rows.offsets[u + 1]; ++i) {
        const NodeId w = rows.targets[i];
        NodeRecord& record = nodes_[w];
        if (record.mark >> 1 != stamp_) {
          if (!touching_.empty()) continue;
          record = {2 * stamp_ + side, level, sigma};
          next_.push_back(w);
          next_degrees += rows.degree(w);
        } else if ((record.mark & 1) != side) {
          const double paths = sigma * record.sigma;
          touching_.push_back(side == 1 ? Touching{w, u, paths} : Touching{u, w, paths});
        } else if (record.level == level) {
          record.sigma += sigma;
        }
      }
    }
    frontier.swap(next_);
    return next_degrees;
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
    for (NodeId v = chosen->near_s; v != s; v = step(in_, v, rng)) batch.interior.push_back(v);
    for (NodeId v = chosen->near_t; v != t; v = step(out_, v, rng)) batch.interior.push_back(v);
    batch.longest_path = std::max<std::uint64_t>(batch.longest_path, batch.interior.size() - before + 2);
  }

  // A neighbour of v along `rows` on v's side one level nearer its root, drawn with probability
  // sigma(neighbour) / sigma(v) (the last eligible one absorbs rounding).
  NodeId step(const WeightedCsr& rows, NodeId v, Rng& rng) const {
    const NodeRecord& here = nodes_[v];
    double target = rng.uniform() * here.sigma;
    NodeId last = v;
    for (EdgeId i = rows.offsets[v]; i < rows.offsets[v + 1]; ++i) {
      const NodeId u = rows.targets[i];
      const NodeRecord& there = nodes_[u];
      if (there.mark != here.mark || there.level != here.level - 1) continue;
      last = u;
      if (target < there.sigma) return u;
      target -= there.sigma;
    }
    return last;
  }

  const WeightedCsr& out_;
  const WeightedCsr& in_;
  NodeId n_;
  std::vector<NodeRecord> nodes_;
  std::uint32_t stamp_ = 0;
  std::vector<NodeId> frontier_s_, frontier_t_, next_;
  std::vector<Touching> touching_;
};

// Computes the batches of a stream of `total` samples (batch k: samples k B .. min((k + 1) B,
// total) - 1 with B = kBatchSamples, seeded with derive_seed(stream_seed, k)) and hands each
// to `take(batch, its sample count)` in batch order until it returns false or the stream ends.
// Threads draw batch numbers from a shared counter and never wait for each other; the calling
// thread (thread 0) also takes the finished batches in order between its own, so `take` runs
// on the caller's thread and sees the same sequence on any thread count. Only the batches
// computed past the stopping one, thrown away, depend on the threads.
template <typename Take>
void run_batches(const Adjacency& adjacency, std::uint64_t stream_seed, std::uint64_t total, Take take) {
  const std::uint64_t batch_count = (total + kBatchSamples - 1) / kBatchSamples;
  const auto size_of = [&](std::uint64_t k) { return std::min(kBatchSamples, total - k * kBatchSamples); };
  std::mutex mutex;
  std::condition_variable finished;  // a batch joined `done`
  std::map<std::uint64_t, Batch> done;  // computed, not yet taken
  std::atomic<std::uint64_t> next_batch{0};
  std::atomic<bool> stop{batch_count == 0};
#pragma omp parallel num_threads(std::max(1, omp_get_max_threads()))
  {
    PathSampler sampler(adjacency);
    const bool taker = omp_get_thread_num() == 0;
    std::uint64_t taken = 0;  // the taker's: batches handed to `take`
    while (!stop.load(std::memory_order_relaxed)) {
      const std::uint64_t k = next_batch.fetch_add(1, std::memory_order_relaxed);
      if (k < batch_count) {
        Batch batch;
        Rng rng(derive_seed(stream_seed, k));
        const std::uint64_t count = size_of(k);
        for (std::uint64_t i = 0; i < count && !stop.load(std::memory_order_relaxed); ++i) sampler.sample(rng, batch);
        {
          const std::lock_guard<std::mutex> lock(mutex);
          done.emplace(k, std::move(batch));
        }
        finished.notify_one();
      } else if (!taker) {
        break;
      }
      if (!taker) continue;
      // Take every batch ready in order; once all are handed out, wait for the ones still running.
      while (!stop.load(std::memory_order_relaxed)) {
        Batch batch;
        {
          std::unique_lock<std::mutex> lock(mutex);
          if (k >= batch_count) finished.wait(lock, [&] { return done.count(taken) > 0; });
          const auto ready = done.find(taken);
          if (ready == done.end()) break;
          batch = std::move(ready->second);
          done.erase(ready);
        }
        const std::uint64_t count = size_of(taken);
        if (!take(batch, count) || ++taken == batch_count) stop.store(true, std::memory_order_relaxed);
      }
    }
  }
}

// run_batches for a group of processes (graph/process_group.hpp): rounds of
// kBatchesPerProcess batches per process; a process computes the batches j of a round with
// runs_replicate(j) on its threads, the group shares them, and every process takes the round's
// batches in batch order, so each sees the single process's sequence and stops at its batch.
// The batches of the stopping round past that batch are thrown away.
template <typename Take>
void run_batches_in_group(const Adjacency& adjacency, std::uint64_t stream_seed, std::uint64_t total, Take take) {
  const std::uint64_t batch_count = (total + kBatchSamples - 1) / kBatchSamples;
  const std::uint64_t width = kBatchesPerProcess * static_cast<std::uint64_t>(process_group()->size());
  std::vector<PathSampler> samplers(static_cast<std::size_t>(std::max(1, omp_get_max_threads())),
                                    PathSampler(adjacency));
  for (std::uint64_t base = 0; base < batch_count; base += width) {
    const std::uint64_t round = std::min(width, batch_count - base);
    std::vector<std::vector<std::uint8_t>> records(round);
#pragma omp parallel for schedule(dynamic, 1) num_threads(static_cast<int>(samplers.size()))
    for (std::uint64_t j = 0; j < round; ++j) {
      if (!runs_replicate(j)) continue;
      const std::uint64_t k = base + j;
      Batch batch;
      Rng rng(derive_seed(stream_seed, k));
      const std::uint64_t count = std::min(kBatchSamples, total - k * kBatchSamples);
      for (std::uint64_t i = 0; i < count; ++i) samplers[omp_get_thread_num()].sample(rng, batch);
      const std::uint64_t interior = batch.interior.size();
      append_bytes(records[j], &batch.longest_path, 1);
      append_bytes(records[j], &interior, 1);
      append_bytes(records[j], batch.interior.data(), interior);
    }
    share_replicates(records);
    for (std::uint64_t j = 0; j < round; ++j) {
      Batch batch;
      std::uint64_t interior = 0;
      std::size_t at = 0;
      read_bytes(records[j], at, &batch.longest_path, 1);
      read_bytes(records[j], at, &interior, 1);
      batch.interior.resize(interior);
      read_bytes(records[j], at, batch.interior.data(), interior);
      const std::uint64_t k = base + j;
      if (!take(batch, std::min(kBatchSamples, total - k * kBatchSamples))) return;
    }
  }
}

// The batches of a stream for this process: shared work in a group of several, else threads.
template <typename Take>
void run_stream(const Adjacency& adjacency, std::uint64_t stream_seed, std::uint64_t total, Take take) {
  if (process_group() && process_group()->size() > 1)
    run_batches_in_group(adjacency, stream_seed, total, take);
  else
    run_batches(adjacency, stream_seed, total, take);
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
  run_stream(adjacency, derive_seed(options.seed, kFirstStream), result.first_samples,
             [&](const Batch& batch, std::uint64_t) {
               for (NodeId v : batch.interior) ++visits[v];
               result.longest_path = std::max(result.longest_path, batch.longest_path);
               return true;
             });
  std::vector<double> first_estimate(n);
  for (NodeId v = 0; v < n; ++v) first_estimate[v] = static_cast<double>(visits[v]) / result.first_samples;
  const std::vector<double> log_inverse = log_inverse_budgets(first_estimate, lambda, options.delta);

  // Main sample, stopped by the adaptive rule or at omega.
  std::fill(visits.begin(), visits.end(), 0);
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
  run_stream(adjacency, derive_seed(options.seed, kMainStream), result.omega, [&](const Batch& batch, std::uint64_t count) {
    for (NodeId v : batch.interior) ++visits[v];
    result.interior_visits += batch.interior.size();
    result.longest_path = std::max(result.longest_path, batch.longest_path);
    result.samples += count;
    options.progress.report("betweenness", std::min(1.0, result.samples / omega));
    return result.samples < result.omega && !settled(static_cast<double>(result.samples));
  });

  const double scale = (n / (n - 2.0)) / static_cast<double>(result.samples) * (options.normalized ? 1.0 : pairs);
  for (NodeId v = 0; v < n; ++v) result.scores[v] = scale * static_cast<double>(visits[v]);
  options.progress.report("betweenness", 1.0);
  return result;
}

}  // namespace firmnet::centrality
