#include "algorithms/evolution/unit_dynamics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

#include "algorithms/spatial/multiple_testing.hpp"
#include "algorithms/spatial/park_verdicts.hpp"
#include "graph/random.hpp"

namespace firmnet::evolution {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct InternalPair {
  std::int64_t unit;
  NodeId source, target;
  auto operator<=>(const InternalPair&) const = default;
};

double share(double part, double whole) { return whole > 0 ? part / whole : kNaN; }

}  // namespace

std::vector<UnitYear> unit_dynamics(const Graph& graph, const SnapshotPlan& plan, const spatial::SpatialUnits& units,
                                    const spatial::NullOptions& null, const Progress& progress) {
  const NodeTable& nodes = graph.nodes;
  const std::size_t unit_count = units.count();
  std::vector<UnitYear> rows;
  std::vector<InternalPair> previous_pairs;
  std::vector<std::uint8_t> seen_before(unit_count, 0);
  for (std::size_t t = 0; t < plan.snapshots.size(); ++t) {
    const Snapshot& snapshot = plan.snapshots[t];
    const GraphView view = plan.view(graph, t);
    std::vector<UnitYear> year_rows(unit_count);
    for (std::size_t k = 0; k < unit_count; ++k) {
      year_rows[k].unit = k;
      year_rows[k].year = snapshot.year;
    }
    for (NodeId u = 0; u < graph.node_count(); ++u) {
      const std::int64_t unit = units.unit_of[u];
      if (unit < 0) continue;
      UnitYear& row = year_rows[static_cast<std::size_t>(unit)];
      const bool firm = nodes.kind[u] == NodeKind::firm;
      if (snapshot.alive[u]) {
        ++row.members;
        row.firms += firm;
        row.entries += firm && nodes.founded[u] == snapshot.year;
      }
      row.exits += firm && !snapshot.alive[u] && alive_in(nodes, u, snapshot.year - 1);
    }
    std::vector<InternalPair> pairs;
    for (NodeId u = 0; u < graph.node_count(); ++u) {
      if (!view.contains(u)) continue;
      const std::int64_t unit_u = units.unit_of[u];
      view.for_out_edges(u, [&](NodeId v, EdgeId, double) {
        const std::int64_t unit_v = units.unit_of[v];
        for (const auto& [end, other_unit, other] : {std::tuple{u, unit_v, v}, std::tuple{v, unit_u, u}}) {
          const std::int64_t unit = units.unit_of[end];
          if (unit < 0) continue;
          UnitYear& row = year_rows[static_cast<std::size_t>(unit)];
          ++row.link_ends;
          row.external_ends += other_unit != unit;
          const bool same_region = !nodes.region.missing(end) && nodes.region.codes[end] == nodes.region.codes[other];
          row.region_external_ends += other_unit != unit && !same_region;
          row.institution_links += nodes.kind[end] == NodeKind::firm && spatial::is_support_institution(nodes.kind[other]);
        }
        if (unit_u < 0 || unit_u != unit_v) return;
        UnitYear& row = year_rows[static_cast<std::size_t>(unit_u)];
        ++row.internal_links;
        if (nodes.kind[u] == NodeKind::firm && nodes.kind[v] == NodeKind::firm && !nodes.stage.missing(u) &&
            !nodes.stage.missing(v)) {
          if (nodes.stage.codes[u] == nodes.stage.codes[v])
            ++row.horizontal_links;
          else
            ++row.vertical_links;
        }
        pairs.push_back({unit_u, u, v});
      });
    }
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    // Churn: a merge of this snapshot's and the previous snapshot's sorted pairs.
    std::vector<std::uint64_t> shared(unit_count, 0), before(unit_count, 0), now(unit_count, 0);
    const auto entered = [&](NodeId u) { return !alive_in(nodes, u, snapshot.year - 1); };
    std::size_t i = 0, j = 0;
    while (i < pairs.size() || j < previous_pairs.size()) {
      if (j == previous_pairs.size() || (i < pairs.size() && pairs[i] < previous_pairs[j])) {
        const InternalPair& p = pairs[i++];
        UnitYear& row = year_rows[static_cast<std::size_t>(p.unit)];
        ++now[p.unit];
        ++row.new_links;
        const int newcomers = entered(p.source) + entered(p.target);
        row.new_links_both_new += newcomers == 2;
        row.new_links_one_new += newcomers == 1;
        row.new_links_old_pair += newcomers == 0;
      } else if (i == pairs.size() || previous_pairs[j] < pairs[i]) {
        ++before[previous_pairs[j++].unit];
      } else {
        ++shared[pairs[i].unit], ++now[pairs[i].unit], ++before[pairs[i].unit];
        ++i, ++j;
      }
    }
    // Significance of the internal links per snapshot.
    const std::vector<double> expected = spatial::configuration_expectation(view, units.unit_of, unit_count);
    spatial::NullDistribution distribution;
    const bool sampled = null.replicates > 0 && snapshot.links > 0;
    if (sampled) {
      spatial::NullOptions options = null;
      options.seed = derive_seed(null.seed, t);
      distribution = spatial::sample_null(view, units.unit_of, unit_count, options);
    }
    for (std::size_t k = 0; k < unit_count; ++k) {
      UnitYear& row = year_rows[k];
      const bool first = !seen_before[k];
      if (row.members == 0) {
        seen_before[k] = 0;
        continue;
      }
      const double members = static_cast<double>(row.members);
      row.density = members > 1 ? row.internal_links / (members * (members - 1)) : kNaN;
      row.vertical_share = share(row.vertical_links, row.vertical_links + row.horizontal_links);
      row.external_share = share(row.external_ends, row.link_ends);
      row.jaccard = first ? kNaN : share(shared[k], now[k] + before[k] - shared[k]);
      row.persistence = first ? kNaN : share(shared[k], before[k]);
      row.lost_links = first ? 0 : before[k] - shared[k];
      if (first) row.new_links = row.new_links_both_new = row.new_links_one_new = row.new_links_old_pair = 0;
      row.expected = expected[k];
      row.ratio = share(row.internal_links, expected[k]);
      if (sampled) {
        row.null_mean = distribution.mean[k];
        row.null_sd = distribution.sd[k];
        row.z = distribution.sd[k] > 0 ? (row.internal_links - distribution.mean[k]) / distribution.sd[k] : kNaN;
        row.p = spatial::empirical_p_value(distribution.at_least[k], static_cast<std::uint64_t>(null.replicates));
        row.vertical_null_mean = distribution.vertical.mean[k];
        row.vertical_p = spatial::empirical_p_value(distribution.vertical.at_least[k], static_cast<std::uint64_t>(null.replicates));
      } else {
        row.null_mean = row.null_sd = row.z = row.p = row.vertical_null_mean = row.vertical_p = kNaN;
      }
      seen_before[k] = 1;
      rows.push_back(std::move(row));
    }
    previous_pairs = std::move(pairs);
    progress.report("evolution: units per snapshot", static_cast<double>(t + 1) / plan.snapshots.size());
  }
  return rows;
}

}  // namespace firmnet::evolution
