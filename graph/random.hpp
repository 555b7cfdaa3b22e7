// The project's one portable source of pseudo-random numbers: splitmix64 (Steele, Lea, Flood
// 2014) for seeding and derived streams, and xoshiro256** (Blackman & Vigna 2018) with the few
// distributions firmnet needs, implemented here rather than taken from <random>, whose engines'
// distributions differ between standard libraries. Generators, null models, Leiden's visiting
// order and sampled betweenness all draw from it, so every randomised output is a pure function
// of its parameters and seed, on any platform and standard library.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <span>
#include <vector>

namespace firmnet {

/// splitmix64 step (Steele, Lea, Flood 2014): a 64-bit mixing function used for seeding and for
/// deriving independent per-item streams (hash of seed and index). O(1).
inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/// Mixes a seed with a stream index (e.g. a node id) into a new seed. O(1).
inline std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t stream) {
  std::uint64_t state = seed ^ (stream * 0xd1342543de82ef95ULL);
  splitmix64(state);
  return splitmix64(state);
}

/// xoshiro256** generator with the distributions used by the generators.
class Rng {
 public:
  /// Seeds the four state words from splitmix64(seed). O(1).
  explicit Rng(std::uint64_t seed) {
    std::uint64_t state = seed;
    for (auto& word : s_) word = splitmix64(state);
  }

  /// The next 64 random bits. O(1).
  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  /// Uniform double in [0, 1) with 53 random bits. O(1).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  /// Uniform double in [lo, hi). O(1).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  /// Uniform integer in [0, bound), bound > 0, without modulo bias (Lemire 2019). O(1)
  /// expected (a draw is rejected with probability below bound / 2^64).
  std::uint64_t below(std::uint64_t bound) {
    unsigned __int128 product = static_cast<unsigned __int128>(next()) * bound;
    auto low = static_cast<std::uint64_t>(product);
    if (low < bound) {
      const std::uint64_t threshold = -bound % bound;
      while (low < threshold) {
        product = static_cast<unsigned __int128>(next()) * bound;
        low = static_cast<std::uint64_t>(product);
      }
    }
    return static_cast<std::uint64_t>(product >> 64);
  }
  /// Uniform integer in [lo, hi], lo <= hi. O(1) expected.
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
  }
  /// True with probability p. O(1).
  bool bernoulli(double p) { return uniform() < p; }
  /// Standard normal by the Box-Muller transform (one of the pair is used, so the stream
  /// position never depends on earlier calls). O(1).
  double normal() {
    const double u1 = 1.0 - uniform();  // (0, 1]
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  }
  /// Normal with the given mean and standard deviation. O(1).
  double normal(double mean, double sd) { return mean + sd * normal(); }
  /// Log-normal: exp(N(log_mean, log_sd)); heavy-tailed sizes such as employees. O(1).
  double lognormal(double log_mean, double log_sd) { return std::exp(normal(log_mean, log_sd)); }
  /// Poisson count by inversion for small means, normal approximation above 50. O(min(mean, 50)).
  std::uint64_t poisson(double mean) {
    if (mean <= 0) return 0;
    if (mean > 50) return static_cast<std::uint64_t>(std::max(0.0, std::round(normal(mean, std::sqrt(mean)))));
    const double limit = std::exp(-mean);
    std::uint64_t k = 0;
    double product = uniform();
    while (product > limit) {
      ++k;
      product *= uniform();
    }
    return k;
  }
  /// Continuous power law density ~ x^-exponent on [lo, hi) by inversion; exponent != 1. O(1).
  double power_law(double lo, double hi, double exponent) {
    const double a = 1.0 - exponent;
    const double lo_a = std::pow(lo, a), hi_a = std::pow(hi, a);
    return std::pow(lo_a + (hi_a - lo_a) * uniform(), 1.0 / a);
  }
  /// Index drawn with probability proportional to weights[i] (cumulative weights given,
  /// non-decreasing, last > 0). O(log size).
  std::size_t pick_cumulative(std::span<const double> cumulative) {
    const double x = uniform() * cumulative.back();
    const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), x);
    return std::min<std::size_t>(static_cast<std::size_t>(it - cumulative.begin()), cumulative.size() - 1);
  }
  /// Fisher-Yates shuffle. O(size).
  template <typename T>
  void shuffle(std::vector<T>& items) {
    for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[below(i)]);
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

/// Discrete power law P(k) ~ k^-exponent on the integers [lo, hi], sampled by binary search in
/// its cumulative table. Construction O(hi - lo), draw O(log(hi - lo)).
class DiscretePowerLaw {
 public:
  /// Builds the cumulative table. O(hi - lo).
  DiscretePowerLaw(std::int64_t lo, std::int64_t hi, double exponent) : lo_(lo) {
    cumulative_.reserve(static_cast<std::size_t>(hi - lo + 1));
    double total = 0;
    for (std::int64_t k = lo; k <= hi; ++k) {
      total += std::pow(static_cast<double>(k), -exponent);
      cumulative_.push_back(total);
    }
  }
  /// One draw. O(log(hi - lo)).
  std::int64_t draw(Rng& rng) const { return lo_ + static_cast<std::int64_t>(rng.pick_cumulative(cumulative_)); }
  /// Expected value. O(hi - lo).
  double mean() const {
    double sum = 0, previous = 0;
    for (std::size_t i = 0; i < cumulative_.size(); ++i) {
      sum += static_cast<double>(lo_ + static_cast<std::int64_t>(i)) * (cumulative_[i] - previous);
      previous = cumulative_[i];
    }
    return sum / cumulative_.back();
  }
  /// P(K <= k). O(1).
  double cdf(std::int64_t k) const {
    if (k < lo_) return 0.0;
    const auto i = static_cast<std::size_t>(k - lo_);
    return i >= cumulative_.size() ? 1.0 : cumulative_[i] / cumulative_.back();
  }
  /// The support's bounds. O(1).
  std::int64_t lo() const { return lo_; }
  std::int64_t hi() const { return lo_ + static_cast<std::int64_t>(cumulative_.size()) - 1; }

 private:
  std::int64_t lo_;
  std::vector<double> cumulative_;
};

}  // namespace firmnet
