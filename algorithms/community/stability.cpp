// Stability over runs; definitions in the header.
#include "algorithms/community/stability.hpp"

#include <algorithm>
#include <utility>

#include "algorithms/community/partition_comparison.hpp"
#include "graph/errors.hpp"

namespace firmnet::community {

namespace {

/// For each node, |C(i) ∩ D(i)|: the number of nodes sharing both its labels. O(n log n).
std::vector<double> overlap_counts(const Membership& reference, const Membership& other) {
  const std::size_t n = reference.size();
  std::vector<std::pair<std::pair<std::int64_t, std::int64_t>, std::size_t>> keyed(n);
  for (std::size_t i = 0; i < n; ++i) keyed[i] = {{reference[i], other[i]}, i};
  std::sort(keyed.begin(), keyed.end());
  std::vector<double> count(n);
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j < n && keyed[j].first == keyed[i].first) ++j;
    for (std::size_t t = i; t < j; ++t) count[keyed[t].second] = static_cast<double>(j - i);
    i = j;
  }
  return count;
}

}  // namespace

StabilitySummary stability_summary(const std::vector<Membership>& runs, std::size_t reference) {
  if (runs.empty() || reference >= runs.size()) throw UsageError("stability needs a reference run");
  const Membership& ref = runs[reference];
  const std::size_t n = ref.size();
  for (const Membership& run : runs)
    if (run.size() != n) throw UsageError("runs differ in size");
  StabilitySummary out;
  out.consensus_share.assign(n, 1.0);
  if (runs.size() < 2) return out;

  double nmi_sum = 0;
  std::size_t pairs = 0;
  for (std::size_t r = 0; r < runs.size(); ++r)
    for (std::size_t s = r + 1; s < runs.size(); ++s, ++pairs)
      nmi_sum += n >= 2 ? normalized_mutual_information(runs[r], runs[s]) : 1.0;
  out.mean_pairwise_nmi = nmi_sum / static_cast<double>(pairs);

  std::vector<double> community_size;
  for (std::int64_t c : ref) {
    if (c < 0) throw UsageError("membership holds a negative label");
    if (static_cast<std::size_t>(c) >= community_size.size()) community_size.resize(c + 1, 0.0);
    community_size[c] += 1;
  }
  std::vector<double> share_sum(n, 0.0);
  for (std::size_t r = 0; r < runs.size(); ++r) {
    if (r == reference) continue;
    const std::vector<double> overlap = overlap_counts(ref, runs[r]);
    for (std::size_t i = 0; i < n; ++i) {
      const double size = community_size[ref[i]];
      share_sum[i] += size > 1 ? (overlap[i] - 1) / (size - 1) : 1.0;
    }
  }
  for (std::size_t i = 0; i < n; ++i) out.consensus_share[i] = share_sum[i] / static_cast<double>(runs.size() - 1);
  return out;
}

std::vector<double> mean_by_community(const Membership& membership, const std::vector<double>& values) {
  std::vector<double> sum, count;
  for (std::size_t i = 0; i < membership.size(); ++i) {
    const std::int64_t c = membership[i];
    if (c < 0) continue;
    if (static_cast<std::size_t>(c) >= sum.size()) {
      sum.resize(c + 1, 0.0);
      count.resize(c + 1, 0.0);
    }
    sum[c] += values[i];
    count[c] += 1;
  }
  for (std::size_t c = 0; c < sum.size(); ++c) sum[c] = count[c] > 0 ? sum[c] / count[c] : 0.0;
  return sum;
}

}  // namespace firmnet::community
