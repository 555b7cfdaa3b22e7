// What every generator returns: the network plus the truth that was planted in it, and the
// small helpers the generators share for building node tables and writing their output.
#pragma once
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "graph/graph.hpp"

namespace firmnet::generators {

/// A truth table written as truth_<name>.csv. A per-node table has one row per node in node
/// order and is written with the node id as its first column.
struct TruthTable {
  std::string name;
  bool per_node = true;
  std::vector<ExtraColumn> columns;

  /// Column by name; throws std::out_of_range when absent. O(columns).
  const ExtraColumn& column(const std::string& column_name) const;
};

/// A generated network with its planted truth and the parameters that produced it (as text,
/// in the order the generator documents them, for the README and the import log).
struct GeneratedNetwork {
  Graph graph;
  std::vector<TruthTable> truth;
  std::vector<std::pair<std::string, std::string>> parameters;

  /// Truth table by name; throws std::out_of_range when absent. O(tables).
  const TruthTable& truth_table(const std::string& name) const;
};

/// Writes nodes.csv, edges.csv and truth_<name>.csv for each truth table into directory (which
/// is created when missing). Throws DataError on I/O failure. O(n + m + truth size).
void write_generated_csv(const GeneratedNetwork& network, const std::string& directory);

/// One node's attributes as the generators produce them; empty text / NaN / 0 = missing.
struct NodeRow {
  std::string id, name;
  NodeKind kind = NodeKind::firm;
  std::string industry, stage, region, park, ownership;
  double lat = std::numeric_limits<double>::quiet_NaN(), lon = std::numeric_limits<double>::quiet_NaN();
  double employees = std::numeric_limits<double>::quiet_NaN(), revenue = std::numeric_limits<double>::quiet_NaN();
  std::int32_t founded = 0;
  std::int32_t closed = 0;  // last year alive, 0 = open
};

/// Appends NodeRows into a NodeTable (dictionary-encoding the text columns; coordinates rounded
/// to 1e-6 degrees).
class NodeTableBuilder {
 public:
  /// Appends a row; returns its node index. O(row text length) expected.
  NodeId add(const NodeRow& row);
  /// Rows so far. O(1).
  std::size_t size() const { return kind_.size(); }
  /// Attributes of the rows added so far, as they will be stored (coordinates rounded). O(1).
  double lat(NodeId node) const { return lat_[node]; }
  double lon(NodeId node) const { return lon_[node]; }
  double employees(NodeId node) const { return employees_[node]; }
  std::int32_t founded(NodeId node) const { return founded_[node]; }
  /// Sets a row's closing year (its last year alive). O(1).
  void set_closed(NodeId node, std::int32_t year) { closed_[node] = year; }
  /// Marks a row's coordinates missing. O(1).
  void clear_coordinates(NodeId node);
  /// The table; the builder is consumed. O(dictionary sizes).
  NodeTable finish() &&;

 private:
  StringList id_, name_;
  std::vector<NodeKind> kind_;
  StringColumnBuilder industry_, stage_, region_, park_, ownership_;
  std::vector<double> lat_, lon_, employees_, revenue_;
  std::vector<std::int32_t> founded_, closed_;
};

/// A parameter value as text: shortest round-trip form for doubles ("0.15", "4"). O(1).
std::string parameter_text(double value);

/// Turns a per-node vector of text labels into a StringColumn-backed ExtraColumn (empty = missing).
/// O(total text length) expected.
ExtraColumn text_column(std::string name, const std::vector<std::string>& values);

}  // namespace firmnet::generators
