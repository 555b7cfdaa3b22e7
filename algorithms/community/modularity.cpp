// Quality functions; formulas and references in modularity.hpp.
#include "algorithms/community/modularity.hpp"

#include <algorithm>
#include <numeric>
#include <vector>
#include "graph/errors.hpp"

namespace firmnet::community {

namespace {

std::size_t label_count(const WeightedCsr& csr, std::span<const std::int64_t> membership) {
  if (membership.size() != csr.node_count()) throw UsageError("membership size differs from node count");
  std::int64_t top = -1;
  for (std::int64_t c : membership) {
    if (c < 0) throw UsageError("membership holds a negative label");
    top = std::max(top, c);
  }
  return static_cast<std::size_t>(top + 1);
}

/// Sum of term(u) over all nodes: fixed blocks of nodes summed in parallel, the block sums
/// added in order, so the value does not depend on the thread count. O(n) calls of term.
template <class Term>
double block_sum(NodeId n, Term&& term) {
  constexpr NodeId kBlock = 4096;
  const NodeId blocks = (n + kBlock - 1) / kBlock;
  std::vector<double> partial(blocks, 0.0);
#pragma omp parallel for schedule(static) if (blocks > 1)
  for (NodeId b = 0; b < blocks; ++b) {
    double sum = 0;
    for (NodeId u = b * kBlock; u < std::min<NodeId>(n, (b + 1) * kBlock); ++u) sum += term(u);
    partial[b] = sum;
  }
  return std::accumulate(partial.begin(), partial.end(), 0.0);
}

}  // namespace

double modularity(const WeightedCsr& symmetric, std::span<const std::int64_t> membership, double resolution) {
  const std::size_t k = label_count(symmetric, membership);
  const NodeId n = symmetric.node_count();
  std::vector<double> strength(n);
  const double inside = block_sum(n, [&](NodeId u) {
    const std::int64_t cu = membership[u];
    double total = 0, same = 0;
    for (EdgeId e = symmetric.offsets[u]; e < symmetric.offsets[u + 1]; ++e) {
      const double w = symmetric.weights[e];
      total += w;
      if (membership[symmetric.targets[e]] == cu) same += w;
    }
    strength[u] = total;
    return same;
  });
  std::vector<double> volume(k, 0.0);
  double two_m = 0;
  for (NodeId u = 0; u < n; ++u) {
    volume[membership[u]] += strength[u];
    two_m += strength[u];
  }
  if (two_m <= 0) return 0.0;
  double expected = 0;
  for (double v : volume) expected += v * v;
  return inside / two_m - resolution * expected / (two_m * two_m);
}

double directed_modularity(const WeightedCsr& directed, std::span<const std::int64_t> membership,
                           double resolution) {
  const std::size_t k = label_count(directed, membership);
  std::vector<double> out_volume(k, 0.0), in_volume(k, 0.0);
  double inside = 0, m = 0;
  for (NodeId u = 0; u < directed.node_count(); ++u) {
    const std::int64_t cu = membership[u];
    for (EdgeId e = directed.offsets[u]; e < directed.offsets[u + 1]; ++e) {
      const double w = directed.weights[e];
      const NodeId v = directed.targets[e];
      m += w;
      out_volume[cu] += w;
      in_volume[membership[v]] += w;
      if (membership[v] == cu) inside += w;
    }
  }
  if (m <= 0) return 0.0;
  double expected = 0;
  for (std::size_t c = 0; c < k; ++c) expected += out_volume[c] * in_volume[c];
  return inside / m - resolution * expected / (m * m);
}

double cpm_quality(const WeightedCsr& symmetric, std::span<const std::int64_t> membership, double resolution) {
  const std::size_t k = label_count(symmetric, membership);
  std::vector<double> size(k, 0.0);
  for (std::int64_t c : membership) size[c] += 1;
  const double inside_twice = block_sum(symmetric.node_count(), [&](NodeId u) {
    double same = 0;
    for (EdgeId e = symmetric.offsets[u]; e < symmetric.offsets[u + 1]; ++e)
      if (membership[symmetric.targets[e]] == membership[u]) same += symmetric.weights[e];
    return same;
  });
  double penalty = 0;
  for (double s : size) penalty += s * (s - 1) / 2;
  return inside_twice / 2 - resolution * penalty;
}

double spatial_modularity(const WeightedCsr& symmetric, std::span<const std::int64_t> membership,
                          Coordinates coordinates, const DeterrenceFunction& deterrence, double resolution) {
  if (coordinates.lat.size() != symmetric.node_count() || coordinates.lon.size() != symmetric.node_count())
    throw UsageError("coordinates differ in size from the graph");
  return spatial_modularity(symmetric, membership, SpatialNull(coordinates, deterrence), resolution);
}

double spatial_modularity(const WeightedCsr& symmetric, std::span<const std::int64_t> membership,
                          const SpatialNull& null, double resolution) {
  const std::size_t k = label_count(symmetric, membership);
  const NodeId n = symmetric.node_count();
  if (null.sites().site_of.size() != n) throw UsageError("the sites differ in size from the graph");
  std::vector<double> strength(n);
  const double inside = block_sum(n, [&](NodeId u) {
    double total = 0, same = 0;
    for (EdgeId e = symmetric.offsets[u]; e < symmetric.offsets[u + 1]; ++e) {
      total += symmetric.weights[e];
      if (membership[symmetric.targets[e]] == membership[u]) same += symmetric.weights[e];
    }
    strength[u] = total;
    return same;
  });
  const double two_m = std::accumulate(strength.begin(), strength.end(), 0.0);
  if (two_m <= 0) return 0.0;
  // Members by community, then one histogram each.
  std::vector<std::size_t> start(k + 1, 0);
  for (std::int64_t c : membership) ++start[c + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  std::vector<NodeId> members(n);
  {
    std::vector<std::size_t> fill(start.begin(), start.end() - 1);
    for (NodeId u = 0; u < n; ++u) members[fill[membership[u]]++] = u;
  }
  std::vector<SiteHistogram> histogram(k);
  for (std::size_t c = 0; c < k; ++c)
    histogram[c] =
        null.histogram(std::span<const NodeId>(members).subspan(start[c], start[c + 1] - start[c]), strength);
  // P(c, c) split into tasks of kRows histogram rows against the whole histogram (P is
  // bilinear), summed in task order.
  constexpr std::size_t kRows = 64;
  std::vector<std::pair<std::size_t, std::size_t>> tasks;  // (community, first row)
  for (std::size_t c = 0; c < k; ++c)
    for (std::size_t row = 0; row < histogram[c].size(); row += kRows) tasks.emplace_back(c, row);
  std::vector<double> partial(tasks.size());
#pragma omp parallel for schedule(dynamic, 1) if (tasks.size() > 1)
  for (std::size_t t = 0; t < tasks.size(); ++t) {
    const auto [c, row] = tasks[t];
    const std::span<const SiteMass> h(histogram[c]);
    partial[t] = null.between(h.subspan(row, std::min(kRows, h.size() - row)), h);
  }
  const double expected = std::accumulate(partial.begin(), partial.end(), 0.0);
  return inside / two_m - resolution * expected / two_m;
}

}  // namespace firmnet::community
