#include "datasets/generators/generated.hpp"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <system_error>

#include "graph/errors.hpp"
#include "io/csv_writer.hpp"

namespace firmnet::generators {

const ExtraColumn& TruthTable::column(const std::string& column_name) const {
  for (const auto& c : columns)
    if (c.name == column_name) return c;
  throw std::out_of_range("truth table '" + name + "' has no column '" + column_name + "'");
}

const TruthTable& GeneratedNetwork::truth_table(const std::string& name) const {
  for (const auto& t : truth)
    if (t.name == name) return t;
  throw std::out_of_range("no truth table '" + name + "'");
}

void write_generated_csv(const GeneratedNetwork& network, const std::string& directory) {
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) throw DataError("cannot create directory '" + directory + "': " + error.message());
  const std::filesystem::path dir(directory);
  write_nodes_csv((dir / "nodes.csv").string(), network.graph.nodes);
  write_edges_csv((dir / "edges.csv").string(), network.graph);
  for (const auto& table : network.truth)
    write_table_csv((dir / ("truth_" + table.name + ".csv")).string(), table.columns,
                    table.per_node ? &network.graph.nodes.id : nullptr);
}

NodeId NodeTableBuilder::add(const NodeRow& row) {
  const auto index = static_cast<NodeId>(kind_.size());
  id_.push_back(row.id);
  name_.push_back(row.name);
  kind_.push_back(row.kind);
  industry_.push_back(row.industry);
  stage_.push_back(row.stage);
  region_.push_back(row.region);
  park_.push_back(row.park);
  ownership_.push_back(row.ownership);
  // Coordinates to 1e-6 degrees (about 0.1 m): exact enough, and short in CSV.
  lat_.push_back(std::round(row.lat * 1e6) / 1e6);
  lon_.push_back(std::round(row.lon * 1e6) / 1e6);
  employees_.push_back(row.employees);
  revenue_.push_back(row.revenue);
  founded_.push_back(row.founded);
  closed_.push_back(row.closed);
  return index;
}

void NodeTableBuilder::clear_coordinates(NodeId node) {
  lat_[node] = lon_[node] = std::numeric_limits<double>::quiet_NaN();
}

NodeTable NodeTableBuilder::finish() && {
  NodeTable t;
  t.id = std::move(id_);
  t.name = std::move(name_);
  t.kind = std::move(kind_);
  t.industry = std::move(industry_).finish();
  t.stage = std::move(stage_).finish();
  t.region = std::move(region_).finish();
  t.park = std::move(park_).finish();
  t.ownership = std::move(ownership_).finish();
  t.lat = std::move(lat_);
  t.lon = std::move(lon_);
  t.employees = std::move(employees_);
  t.revenue = std::move(revenue_);
  t.founded = std::move(founded_);
  t.closed = std::move(closed_);
  return t;
}

std::string parameter_text(double value) {
  char text[32];
  const auto result = std::to_chars(text, text + sizeof text, value);
  return std::string(text, result.ptr);
}

ExtraColumn text_column(std::string name, const std::vector<std::string>& values) {
  StringColumnBuilder builder;
  for (const auto& v : values) builder.push_back(v);
  return {std::move(name), std::move(builder).finish()};
}

}  // namespace firmnet::generators
