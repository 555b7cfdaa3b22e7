#include "algorithms/clusters/cluster_footprint.hpp"

#include <algorithm>
#include <map>
#include <variant>

namespace firmnet::clusters {
namespace {

std::vector<ValueShare> shares_of(const StringColumn& column, const std::vector<NodeId>& members) {
  std::map<std::string, std::size_t> counts;
  for (const NodeId v : members)
    if (!column.missing(v)) ++counts[std::string(column.value(v))];
  std::vector<ValueShare> shares;
  for (const auto& [value, count] : counts)
    shares.emplace_back(value, static_cast<double>(count) / static_cast<double>(members.size()));
  std::stable_sort(shares.begin(), shares.end(), [](const ValueShare& a, const ValueShare& b) { return a.second > b.second; });
  return shares;
}

}  // namespace

ClusterFootprint cluster_footprint(const NodeTable& nodes, const std::vector<NodeId>& members, double border_share) {
  ClusterFootprint footprint;
  if (members.empty()) return footprint;
  footprint.parks = shares_of(nodes.park, members);
  footprint.regions = shares_of(nodes.region, members);
  for (const ExtraColumn& column : nodes.extra)
    if (column.name == "town")
      if (const auto* text = std::get_if<StringColumn>(&column.values)) footprint.towns = shares_of(*text, members);
  for (const ValueShare& region : footprint.regions)
    if (region.second >= border_share) footprint.border_regions.push_back(region.first);
  std::vector<spatial::PlanePoint> points;
  for (const NodeId v : members)
    if (nodes.located(v)) points.emplace_back(nodes.lon[v], nodes.lat[v]);
  footprint.hull = spatial::convex_hull(std::move(points));
  return footprint;
}

}  // namespace firmnet::clusters
