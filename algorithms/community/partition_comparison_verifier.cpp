#include "algorithms/community/partition_comparison_verifier.hpp"

#include <cmath>
#include <string>
#include <unordered_map>

namespace firmnet::community {

namespace {

struct PairHash {
  std::size_t operator()(const std::pair<std::int64_t, std::int64_t>& p) const noexcept {
    // Unsigned: labels are any integers, and signed overflow would be undefined.
    const auto a = static_cast<std::uint64_t>(p.first), b = static_cast<std::uint64_t>(p.second);
    return std::hash<std::uint64_t>{}(a * 0x9E3779B97F4A7C15ULL ^ b);
  }
};

double choose_two(double x) { return x * (x - 1) / 2; }

}  // namespace

Verification verify_partition_comparison(std::span<const std::int64_t> a, std::span<const std::int64_t> b,
                                         const PartitionComparison& reported) {
  Verification out;
  if (a.size() != b.size()) {
    out.fail("partitions differ in size: " + std::to_string(a.size()) + " and " + std::to_string(b.size()));
    return out;
  }
  std::unordered_map<std::int64_t, double> count_a, count_b;
  std::unordered_map<std::pair<std::int64_t, std::int64_t>, double, PairHash> table;
  double n = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] < 0 || b[i] < 0) continue;
    count_a[a[i]] += 1;
    count_b[b[i]] += 1;
    table[{a[i], b[i]}] += 1;
    n += 1;
  }
  if (static_cast<double>(reported.nodes_compared) != n)
    out.fail("nodes_compared: reported " + std::to_string(reported.nodes_compared) + ", recounted " +
             number_text(n));
  if (n < 2) {
    out.fail("fewer than 2 nodes are labelled in both partitions");
    return out;
  }

  double h_a = 0, h_b = 0, mutual = 0, pairs_a = 0, pairs_b = 0, pairs_ab = 0;
  for (const auto& [label, c] : count_a) {
    h_a -= (c / n) * std::log(c / n);
    pairs_a += choose_two(c);
  }
  for (const auto& [label, c] : count_b) {
    h_b -= (c / n) * std::log(c / n);
    pairs_b += choose_two(c);
  }
  for (const auto& [cell, c] : table) {
    const double p_ab = c / n, p_a = count_a[cell.first] / n, p_b = count_b[cell.second] / n;
    mutual += p_ab * std::log(p_ab / (p_a * p_b));
    pairs_ab += choose_two(c);
  }
  const double nmi = h_a + h_b > 0 ? 2 * mutual / (h_a + h_b) : 1.0;
  const double vi = std::max(0.0, h_a + h_b - 2 * mutual);
  const double expected = pairs_a * pairs_b / choose_two(n);
  const double ceiling = (pairs_a + pairs_b) / 2;
  const double ari = ceiling != expected ? (pairs_ab - expected) / (ceiling - expected) : 1.0;
  out.expect_close("NMI", reported.nmi, nmi, 1e-12, 1e-12);
  out.expect_close("ARI", reported.ari, ari, 1e-12, 1e-12);
  out.expect_close("VI", reported.vi, vi, 1e-12, 1e-12);
  return out;
}

}  // namespace firmnet::community
