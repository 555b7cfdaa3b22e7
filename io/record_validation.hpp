// The checks every importer (CSV, GraphML, edge lists) applies to a node's or an edge's schema
// values, so that the same value is accepted or rejected, with the same reason key and message
// (docs/FORMAT.md lists the reasons), whatever the input format; and the node-count limit.
#pragma once
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "graph/graph.hpp"

namespace firmnet {

/// The NodeId of a new node when count nodes exist. Throws DataError when it would leave the
/// 32-bit range (more than 4,294,967,294 nodes). O(1).
NodeId next_node_id(std::size_t count);

/// Why a record is rejected: a stable reason key (ImportIssue::reason) and its specifics.
struct Rejection {
  std::string reason, detail;
};

/// A node's schema fields as text; empty (after trimming) means missing.
struct NodeText {
  std::string_view kind{}, lat{}, lon{}, employees{}, revenue{}, founded{}, closed{};
};

/// A node's typed schema values; missing numbers are NaN, a missing founding year 0.
struct NodeValues {
  NodeKind kind = NodeKind::firm;
  double lat = std::nan(""), lon = std::nan(""), employees = std::nan(""), revenue = std::nan("");
  std::int32_t founded = 0;
  std::int32_t closed = 0;  // 0 = open or unknown
};

/// The years firmnet accepts (founding years, link years): a year outside is a typing or unit
/// mistake, and a one- or two-digit year ("22") is named as such.
inline constexpr long long kFirstYear = 1800, kLastYear = 2100;

/// Parses text into values, checking in this order: kind is a node kind, lat in [-90, 90], lon in
/// [-180, 180], employees a finite number >= 0, revenue a finite number, founded and closed years
/// kFirstYear-kLastYear, closed not before founded. decimal_comma: numbers may be written "1,5" (one comma between digits; for
/// files delimited by ';' or '|'). Returns the first failure (values then partly filled), nullopt
/// when all pass. O(text length).
std::optional<Rejection> parse_node_values(const NodeText& text, NodeValues& values, bool decimal_comma = false);

/// An edge's schema fields as text; empty (after trimming) means missing.
struct EdgeText {
  std::string_view type{}, weight{}, year{};
};

/// An edge's typed schema values; the defaults stand for missing fields.
struct EdgeValues {
  RelationType type = RelationType::supply;
  double weight = 1.0;
  std::int16_t year = kNoYear;
};

/// Parses text into values, checking in this order: type is a relation type, weight a finite
/// number >= 0 (with a decimal comma as above), year a year kFirstYear-kLastYear. Returns the
/// first failure (values then partly filled), nullopt when all pass. O(text length).
std::optional<Rejection> parse_edge_values(const EdgeText& text, EdgeValues& values, bool decimal_comma = false);

}  // namespace firmnet
