#include "algorithms/spatial/linkage_null.hpp"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <numeric>
#include <tuple>

#include "graph/errors.hpp"
#include "graph/random.hpp"

namespace firmnet::spatial {

std::string_view null_kind_name(NullKind kind) {
  switch (kind) {
    case NullKind::region: return "region";
    case NullKind::industry: return "industry";
    case NullKind::degree: break;
  }
  return "degree";
}

NullKind parse_null_kind(std::string_view text) {
  if (text == "degree") return NullKind::degree;
  if (text == "distance" || text == "region") return NullKind::region;
  if (text == "industry") return NullKind::industry;
  throw UsageError("unknown null model '" + std::string(text) + "' (use degree, distance or industry)");
}

std::vector<std::uint64_t> internal_edge_counts(const GraphView& view, const std::vector<std::int64_t>& unit_of,
                                                std::size_t unit_count) {
  std::vector<std::uint64_t> counts(unit_count, 0);
  for (NodeId u = 0; u < view.node_count(); ++u) {
    const std::int64_t unit = unit_of[u];
    if (unit < 0 || !view.contains(u)) continue;
    view.for_out_edges(u, [&](NodeId v, EdgeId, double) {
      if (unit_of[v] == unit) ++counts[unit];
    });
  }
  return counts;
}

std::vector<RewiredEdge> rewired_edges(const GraphView& view, const NullOptions& options, int chains, int replicate) {
  if (chains < 1) throw UsageError("a null replay needs at least one chain");
  if (replicate < 0 || replicate >= options.replicates)
    throw UsageError("replicate " + std::to_string(replicate) + " is outside the " +
                     std::to_string(options.replicates) + " replicates");
  // The strata and the chain below replay sample_null's exactly: same slot order, same seed,
  // same attempts; only the edge list is kept instead of the counts.
  const Graph& g = view.graph();
  std::vector<RewiredEdge> observed;
  std::vector<std::uint64_t> key;
  auto code = [](const StringColumn& c, NodeId u) { return static_cast<std::uint64_t>(c.codes[u] + 1); };
  for (NodeId u = 0; u < g.node_count(); ++u) {
    if (!view.contains(u)) continue;
    view.for_out_edges(u, [&](NodeId v, EdgeId e, double) {
      std::uint64_t k = static_cast<std::uint64_t>(g.edges.type[e]);
      if (options.kind == NullKind::region) k = (k << 48) | (code(g.nodes.region, u) << 24) | code(g.nodes.region, v);
      if (options.kind == NullKind::industry)
        k = (k << 48) | (code(g.nodes.industry, u) << 24) | code(g.nodes.industry, v);
      observed.push_back({u, v, g.edges.type[e]});
      key.push_back(k);
    });
  }
  const std::size_t m = observed.size();
  std::vector<std::uint64_t> order(m);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return key[a] < key[b]; });
  std::vector<RewiredEdge> edges(m);
  std::vector<std::uint64_t> group_begin(m), group_size(m);
  for (std::size_t i = 0; i < m;) {
    std::size_t j = i;
    while (j < m && key[order[j]] == key[order[i]]) ++j;
    for (std::size_t k = i; k < j; ++k) {
      edges[k] = observed[order[k]];
      group_begin[k] = i;
      group_size[k] = j - i;
    }
    i = j;
  }
  const int chain = replicate % chains;
  Rng rng(derive_seed(options.seed, static_cast<std::uint64_t>(chain)));
  const auto burn_in = static_cast<std::uint64_t>(options.burn_in_swaps * static_cast<double>(m));
  const auto spacing = static_cast<std::uint64_t>(std::max(1.0, options.spacing_swaps * static_cast<double>(m)));
  const std::uint64_t attempts = burn_in + static_cast<std::uint64_t>(replicate / chains + 1) * spacing;
  for (std::uint64_t s = 0; m >= 2 && s < attempts; ++s) {
    const std::uint64_t i = rng.below(m);
    const std::uint64_t j = group_begin[i] + rng.below(group_size[i]);
    const NodeId a = edges[i].source, b = edges[i].target, c = edges[j].source, d = edges[j].target;
    if (i == j || a == d || c == b || b == d) continue;
    edges[i].target = d;
    edges[j].target = b;
  }
  return edges;
}

std::vector<double> configuration_expectation(const GraphView& view, const std::vector<std::int64_t>& unit_of,
                                              std::size_t unit_count) {
  const Graph& g = view.graph();
  std::vector<double> expected(unit_count, 0.0);
  for (std::size_t t = 0; t < kRelationTypeCount; ++t) {
    std::vector<double> out_sum(unit_count, 0), in_sum(unit_count, 0), self(unit_count, 0);
    std::uint64_t m_t = 0;
    for (NodeId u = 0; u < g.node_count(); ++u) {
      if (!view.contains(u)) continue;
      double kout = 0, kin = 0;
      view.for_out_edges(u, [&](NodeId, EdgeId e, double) { kout += static_cast<std::size_t>(g.edges.type[e]) == t; });
      view.for_in_edges(u, [&](NodeId, EdgeId e, double) { kin += static_cast<std::size_t>(g.edges.type[e]) == t; });
      m_t += static_cast<std::uint64_t>(kout);
      const std::int64_t unit = unit_of[u];
      if (unit < 0) continue;
      out_sum[unit] += kout;
      in_sum[unit] += kin;
      self[unit] += kout * kin;
    }
    if (m_t == 0) continue;
    for (std::size_t c = 0; c < unit_count; ++c)
      expected[c] += (out_sum[c] * in_sum[c] - self[c]) / static_cast<double>(m_t);
  }
  return expected;
}

NullDistribution sample_null(const GraphView& view, const std::vector<std::int64_t>& unit_of, std::size_t unit_count,
                             const NullOptions& options, const Progress& progress) {
  if (options.replicates < 1) throw UsageError("--null-models must be >= 1");
  const Graph& g = view.graph();
  // Accepted edges, grouped by stratum: slot i holds an edge; stratum_begin/end bound its group.
  std::vector<NodeId> source, target;
  std::vector<std::uint64_t> key;
  auto code = [](const StringColumn& c, NodeId u) { return static_cast<std::uint64_t>(c.codes[u] + 1); };
  for (NodeId u = 0; u < g.node_count(); ++u) {
    if (!view.contains(u)) continue;
    view.for_out_edges(u, [&](NodeId v, EdgeId e, double) {
      std::uint64_t k = static_cast<std::uint64_t>(g.edges.type[e]);
      if (options.kind == NullKind::region) k = (k << 48) | (code(g.nodes.region, u) << 24) | code(g.nodes.region, v);
      if (options.kind == NullKind::industry)
        k = (k << 48) | (code(g.nodes.industry, u) << 24) | code(g.nodes.industry, v);
      source.push_back(u);
      target.push_back(v);
      key.push_back(k);
    });
  }
  const std::size_t m = source.size();
  std::vector<std::uint64_t> order(m);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return key[a] < key[b]; });
  std::vector<NodeId> src(m), tgt(m);
  std::vector<std::uint64_t> group_begin(m), group_size(m);
  for (std::size_t i = 0; i < m;) {
    std::size_t j = i;
    while (j < m && key[order[j]] == key[order[i]]) ++j;
    for (std::size_t k = i; k < j; ++k) {
      src[k] = source[order[k]];
      tgt[k] = target[order[k]];
      group_begin[k] = i;
      group_size[k] = j - i;
    }
    i = j;
  }

  NullDistribution result;
  result.observed = internal_edge_counts(view, unit_of, unit_count);
  const int chains = std::max(1, std::min(options.chains > 0 ? options.chains : omp_get_max_threads(), options.replicates));
  result.chains = chains;
  result.samples.assign(options.replicates, std::vector<std::uint32_t>(unit_count, 0));
  std::vector<std::uint64_t> attempts(chains, 0), accepted(chains, 0);
  std::atomic<int> done{0};
  const auto burn_in = static_cast<std::uint64_t>(options.burn_in_swaps * static_cast<double>(m));
  const auto spacing = static_cast<std::uint64_t>(std::max(1.0, options.spacing_swaps * static_cast<double>(m)));

#pragma omp parallel for num_threads(chains) schedule(static, 1)
  for (int c = 0; c < chains; ++c) {
    Rng rng(derive_seed(options.seed, static_cast<std::uint64_t>(c)));
    std::vector<NodeId> t = tgt;
    std::vector<std::int64_t> count(result.observed.begin(), result.observed.end());
    auto run = [&](std::uint64_t swaps) {
      if (m < 2) return;
      for (std::uint64_t s = 0; s < swaps; ++s) {
        const std::uint64_t i = rng.below(m);
        const std::uint64_t j = group_begin[i] + rng.below(group_size[i]);
        ++attempts[c];
        const NodeId a = src[i], b = t[i], cc = src[j], d = t[j];
        if (i == j || a == d || cc == b || b == d) continue;
        const std::int64_t ua = unit_of[a], ub = unit_of[b], uc = unit_of[cc], ud = unit_of[d];
        if (ua >= 0 && ua == ub) --count[ua];
        if (uc >= 0 && uc == ud) --count[uc];
        if (ua >= 0 && ua == ud) ++count[ua];
        if (uc >= 0 && uc == ub) ++count[uc];
        t[i] = d;
        t[j] = b;
        ++accepted[c];
      }
    };
    run(burn_in);
    for (int r = c; r < options.replicates; r += chains) {
      run(spacing);
      for (std::size_t u = 0; u < unit_count; ++u) result.samples[r][u] = static_cast<std::uint32_t>(count[u]);
      const int finished = ++done;
      if (omp_get_thread_num() == 0) progress.report("null replicates", static_cast<double>(finished) / options.replicates);
    }
  }
  progress.report("null replicates", 1.0);

  const double R = options.replicates;
  result.mean.assign(unit_count, 0);
  result.sd.assign(unit_count, 0);
  result.at_least.assign(unit_count, 0);
  for (std::size_t u = 0; u < unit_count; ++u) {
    double sum = 0, sum_sq = 0;
    for (int r = 0; r < options.replicates; ++r) {
      const double x = result.samples[r][u];
      sum += x;
      sum_sq += x * x;
      result.at_least[u] += result.samples[r][u] >= result.observed[u];
    }
    result.mean[u] = sum / R;
    result.sd[u] = R > 1 ? std::sqrt(std::max(0.0, (sum_sq - sum * sum / R) / (R - 1))) : 0.0;
  }
  const std::uint64_t total_attempts = std::accumulate(attempts.begin(), attempts.end(), std::uint64_t{0});
  result.acceptance = total_attempts ? static_cast<double>(std::accumulate(accepted.begin(), accepted.end(), std::uint64_t{0})) / total_attempts : 0;
  return result;
}

}  // namespace firmnet::spatial
