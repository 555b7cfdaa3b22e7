#include "algorithms/evolution/park_establishment.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "graph/errors.hpp"

namespace firmnet::evolution {
namespace {

constexpr std::int64_t kFirstYear = 1800, kLastYear = 2100;

const ExtraColumn* established_column(const NodeTable& nodes) {
  for (std::string_view name : kParkEstablishedColumns)
    for (const ExtraColumn& column : nodes.extra)
      if (column.name == name) return &column;
  return nullptr;
}

}  // namespace

Establishment establishment_years(const Graph& graph, const spatial::SpatialUnits& units,
                                  const std::vector<ParkRecord>& table, const std::string& table_name) {
  const NodeTable& nodes = graph.nodes;
  Establishment out;
  out.year.assign(units.count(), 0);
  out.area_km2.assign(units.count(), std::numeric_limits<double>::quiet_NaN());
  std::vector<NodeId> witness(units.count(), 0);  // the member that gave the unit's year
  const ExtraColumn* column = established_column(nodes);
  // A column left empty reads as text without values: no year is given.
  if (const auto* text = column ? std::get_if<StringColumn>(&column->values) : nullptr)
    if (std::all_of(text->codes.begin(), text->codes.end(), [](std::int32_t code) { return code < 0; })) column = nullptr;
  if (column) {
    out.column = column->name;
    const auto* years = std::get_if<Int64Column>(&column->values);
    if (!years) throw DataError("node column '" + column->name + "' must hold years (whole numbers 1800-2100)");
    for (NodeId u = 0; u < graph.node_count(); ++u) {
      const std::int64_t year = (*years)[u];
      if (year == kMissingInt64) continue;
      if (year < kFirstYear || year > kLastYear)
        throw DataError("node '" + std::string(nodes.id[u]) + "': " + column->name + " " + std::to_string(year) +
                        " is outside the years 1800-2100");
      const std::int64_t unit = units.unit_of[u];
      if (unit < 0) continue;
      int& known = out.year[static_cast<std::size_t>(unit)];
      if (known != 0 && known != year)
        throw DataError("park '" + units.names[static_cast<std::size_t>(unit)] + "': " + column->name + " is " +
                        std::to_string(known) + " on node '" + std::string(nodes.id[witness[static_cast<std::size_t>(unit)]]) + "' but " +
                        std::to_string(year) + " on node '" + std::string(nodes.id[u]) + "'");
      known = static_cast<int>(year);
      witness[static_cast<std::size_t>(unit)] = u;
    }
  }
  std::map<std::string, std::size_t> unit_by_name;
  for (std::size_t k = 0; k < units.count(); ++k) unit_by_name[units.names[k]] = k;
  out.table_rows = table.size();
  for (const ParkRecord& record : table) {
    const auto found = unit_by_name.find(record.park);
    if (found == unit_by_name.end()) {
      ++out.table_rows_unmatched;
      continue;
    }
    int& known = out.year[found->second];
    if (record.established != 0 && known != 0 && known != record.established)
      throw DataError(table_name + ":" + std::to_string(record.line) + ": park '" + record.park + "' established " +
                      std::to_string(record.established) + ", but the node column " + out.column + " says " +
                      std::to_string(known));
    if (record.established != 0) known = record.established;
    if (std::isfinite(record.area_km2)) out.area_km2[found->second] = record.area_km2;
  }
  return out;
}

}  // namespace firmnet::evolution
