// The study area: the firms a study is about, as opposed to the buyers, suppliers and
// institutions beyond it that its firms trade with (docs/FORMAT.md, "Study area").
//
// Given as region or park values (a node is inside when its region or its park is one of
// them), as a bounding box lat1,lon1,lat2,lon2 (inside when its coordinates lie in the box; a
// node without coordinates is outside), or by default: when some node has a park, the regions
// that hold parks (and every node in a park); otherwise every node. Nodes of the outside regions
// are outside in every case. A node with neither region nor park is outside unless the area
// is every node. Anchors rank only firms inside it (algorithms/anchors/anchor_score.hpp); the
// park test counts links to nodes outside it as external (park_verdicts.hpp).
// Complexity: O(n + values + dictionary sizes).
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "graph/graph.hpp"

namespace firmnet::spatial {

struct StudyArea {
  std::vector<std::string> values;             // region or park values; empty (and no box): the default
  std::optional<std::array<double, 4>> box;    // lat1, lon1, lat2, lon2 (corners in any order)
  std::vector<std::string> outside_regions = {"outside"};  // always outside
};

/// The study area a user wrote: four numbers are a bounding box lat1,lon1,lat2,lon2, anything
/// else region or park values (blank values dropped). Throws UsageError for a box whose
/// latitudes leave [-90, 90] or longitudes [-180, 180]. O(values).
StudyArea parse_study_area(const std::vector<std::string>& values, std::vector<std::string> outside_regions);

/// The outside regions, comma-separated, as --outside-regions takes them. O(values).
std::string outside_regions_text(const StudyArea& area);

/// The study area as requested, for stored parameters: "default", "regions or parks: A, B" or
/// "box 31,120,32,121". O(values).
std::string describe_study_area(const StudyArea& area);

struct StudyAreaMembers {
  std::vector<std::uint8_t> inside;  // per node: 1 inside the study area
  std::string description;           // what it came to: "regions holding parks: A, B; excluding region outside"
  std::uint64_t outside_nodes = 0;
};

/// Which nodes lie in the study area. Throws UsageError for a value that is neither a region
/// nor a park of the graph. O(n + values + dictionary sizes).
StudyAreaMembers study_area_members(const Graph& graph, const StudyArea& area);

/// Why node v (outside the study area) is outside it, for a reason line: "region X is outside
/// the study area", "its coordinates lie outside the study area", ... O(1).
std::string outside_reason(const Graph& graph, const StudyArea& area, NodeId v);

}  // namespace firmnet::spatial
