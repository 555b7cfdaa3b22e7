// NMI, ARI and VI from one contingency table; formulas and references in the header.
#include "algorithms/community/partition_comparison.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>
#include "graph/errors.hpp"

namespace firmnet::community {

namespace {

/// Sizes of the groups of equal values in a sorted vector.
template <typename T>
std::vector<double> run_lengths(const std::vector<T>& sorted) {
  std::vector<double> out;
  for (std::size_t i = 0; i < sorted.size();) {
    std::size_t j = i;
    while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
    out.push_back(static_cast<double>(j - i));
    i = j;
  }
  return out;
}

double entropy(const std::vector<double>& counts, double n) {
  double h = 0;
  for (double c : counts) h -= c / n * std::log(c / n);
  return h;
}

double pairs(double c) { return c * (c - 1) / 2; }

}  // namespace

PartitionComparison compare_partitions(std::span<const std::int64_t> a, std::span<const std::int64_t> b) {
  if (a.size() != b.size()) throw UsageError("partitions differ in size");
  std::vector<std::pair<std::int64_t, std::int64_t>> joint;
  joint.reserve(a.size());
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] >= 0 && b[i] >= 0) joint.emplace_back(a[i], b[i]);
  if (joint.size() < 2) throw UsageError("fewer than 2 nodes are labelled in both partitions");
  const double n = static_cast<double>(joint.size());

  std::vector<std::int64_t> labels_a, labels_b;
  labels_a.reserve(joint.size());
  labels_b.reserve(joint.size());
  for (auto [x, y] : joint) {
    labels_a.push_back(x);
    labels_b.push_back(y);
  }
  std::sort(labels_a.begin(), labels_a.end());
  std::sort(labels_b.begin(), labels_b.end());
  std::sort(joint.begin(), joint.end());
  const std::vector<double> count_a = run_lengths(labels_a), count_b = run_lengths(labels_b),
                            count_ab = run_lengths(joint);

  // Mutual information: sum_ab p_ab log(p_ab / (p_a p_b)). Walk the sorted joint table
  // alongside the marginals, which are found by label with binary search.
  auto marginal = [](const std::vector<std::int64_t>& sorted, std::int64_t label) {
    const auto range = std::equal_range(sorted.begin(), sorted.end(), label);
    return static_cast<double>(range.second - range.first);
  };
  double mutual = 0, same_pairs = 0;
  for (std::size_t i = 0, cell = 0; i < joint.size(); ++cell) {
    const double c = count_ab[cell];
    const double na = marginal(labels_a, joint[i].first), nb = marginal(labels_b, joint[i].second);
    mutual += c / n * std::log(c * n / (na * nb));
    same_pairs += pairs(c);
    i += static_cast<std::size_t>(c);
  }
  const double h_a = entropy(count_a, n), h_b = entropy(count_b, n);

  PartitionComparison out;
  out.nodes_compared = static_cast<std::int64_t>(joint.size());
  out.nmi = h_a + h_b > 0 ? 2 * mutual / (h_a + h_b) : 1.0;
  out.vi = std::max(0.0, h_a + h_b - 2 * mutual);
  double pairs_a = 0, pairs_b = 0;
  for (double c : count_a) pairs_a += pairs(c);
  for (double c : count_b) pairs_b += pairs(c);
  const double expected = pairs_a * pairs_b / pairs(n);
  const double maximum = (pairs_a + pairs_b) / 2;
  out.ari = maximum != expected ? (same_pairs - expected) / (maximum - expected) : 1.0;
  return out;
}

double normalized_mutual_information(std::span<const std::int64_t> a, std::span<const std::int64_t> b) {
  return compare_partitions(a, b).nmi;
}

}  // namespace firmnet::community
