#include "algorithms/structure/network_summary.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "algorithms/structure/connected_components.hpp"

namespace firmnet::structure {

DegreeSummary summarize_values(std::vector<double> values) {
  DegreeSummary s;
  if (values.empty()) return s;
  std::sort(values.begin(), values.end());
  const std::size_t k = values.size();
  s.min = values.front();
  s.max = values.back();
  s.mean = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(k);
  s.median = k % 2 ? values[k / 2] : (values[k / 2 - 1] + values[k / 2]) / 2;
  // Nearest-rank percentile.
  s.p99 = values[static_cast<std::size_t>(std::ceil(0.99 * static_cast<double>(k))) - 1];
  s.zeros = static_cast<std::uint64_t>(std::count(values.begin(), values.end(), 0.0));
  return s;
}

namespace {

std::vector<GroupSize> group_sizes(const GraphView& view, const StringColumn& column) {
  const Graph& g = view.graph();
  std::vector<GroupSize> groups(column.dictionary.size() + 1);
  for (std::size_t i = 0; i < column.dictionary.size(); ++i) groups[i].name = column.dictionary[i];
  for (NodeId u = 0; u < g.node_count(); ++u) {
    if (!view.contains(u)) continue;
    GroupSize& group = column.codes[u] < 0 ? groups.back() : groups[column.codes[u]];
    ++group.nodes;
    if (g.nodes.kind[u] == NodeKind::firm)
      ++group.firms;
    else
      ++group.institutions;
  }
  if (groups.back().nodes == 0) groups.pop_back();
  std::sort(groups.begin(), groups.end(), [](const GroupSize& a, const GroupSize& b) {
    return a.nodes != b.nodes ? a.nodes > b.nodes : a.name < b.name;
  });
  return groups;
}

}  // namespace

NetworkSummary run_summary(const GraphView& view, const Progress& progress) {
  progress.report("summary", 0.0);
  const Graph& g = view.graph();
  const NodeId n = g.node_count();
  NetworkSummary s;
  std::vector<double> in(n, 0), out(n, 0);
  for (NodeId u = 0; u < n; ++u) {
    if (!view.contains(u)) continue;
    ++s.nodes;
    ++s.nodes_by_kind[static_cast<std::size_t>(g.nodes.kind[u])];
    view.for_out_edges(u, [&](NodeId v, EdgeId e, double w) {
      ++s.edges;
      const auto t = static_cast<std::size_t>(g.edges.type[e]);
      ++s.edges_by_type[t];
      s.weight_by_type[t] += w;
      const std::int16_t year = g.edges.year[e];
      if (year == kNoYear) {
        ++s.undated_edges;
      } else {
        s.first_year = s.first_year == 0 ? year : std::min(s.first_year, year);
        s.last_year = std::max(s.last_year, year);
      }
      ++out[u];
      ++in[v];
    });
  }
  std::vector<double> in_d, out_d, total_d;
  for (NodeId u = 0; u < n; ++u) {
    if (!view.contains(u)) continue;
    in_d.push_back(in[u]);
    out_d.push_back(out[u]);
    total_d.push_back(in[u] + out[u]);
  }
  s.in_degree = summarize_values(std::move(in_d));
  s.out_degree = summarize_values(std::move(out_d));
  s.total_degree = summarize_values(std::move(total_d));
  s.isolated = s.total_degree.zeros;
  const Components weak = weakly_connected_components(view);
  s.weak_components = weak.count();
  s.largest_weak = weak.largest();
  const Components strong = strongly_connected_components(view);
  s.strong_components = strong.count();
  s.largest_strong = strong.largest();
  s.parks = group_sizes(view, g.nodes.park);
  s.regions = group_sizes(view, g.nodes.region);
  progress.report("summary", 1.0);
  return s;
}

}  // namespace firmnet::structure
