#include "algorithms/spatial/study_area.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "graph/errors.hpp"

namespace firmnet::spatial {

namespace {

bool parse_number(const std::string& text, double& out) {
  const char* begin = text.data() + (!text.empty() && text[0] == '+');
  const auto [end, error] = std::from_chars(begin, text.data() + text.size(), out);
  return !text.empty() && error == std::errc{} && end == text.data() + text.size() && std::isfinite(out);
}

std::string trimmed(const std::string& s) {
  const std::size_t first = s.find_first_not_of(" \t");
  return first == std::string::npos ? "" : s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

// "A, B, C" with at most `shown` names, then "and N more".
std::string name_list(const std::vector<std::string>& names, std::size_t shown = 8) {
  std::string text;
  for (std::size_t i = 0; i < std::min(shown, names.size()); ++i) text += (i ? ", " : "") + names[i];
  if (names.size() > shown) text += " and " + std::to_string(names.size() - shown) + " more";
  return text;
}

std::string number_text(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", x);
  return buffer;
}

std::vector<std::uint8_t> codes_of(const StringColumn& column, const std::vector<std::string>& values,
                                   std::vector<std::string>* found) {
  std::vector<std::uint8_t> chosen(column.dictionary.size(), 0);
  for (const std::string& value : values)
    if (const std::int32_t code = column.code_of(value); code >= 0) {
      if (found && !chosen[static_cast<std::size_t>(code)]) found->push_back(value);
      chosen[static_cast<std::size_t>(code)] = 1;
    }
  return chosen;
}

bool has(const StringColumn& column, const std::vector<std::uint8_t>& chosen, NodeId v) {
  return !column.missing(v) && chosen[static_cast<std::size_t>(column.codes[v])];
}

}  // namespace

StudyArea parse_study_area(const std::vector<std::string>& values, std::vector<std::string> outside_regions) {
  StudyArea area;
  for (const std::string& value : values)
    if (const std::string t = trimmed(value); !t.empty()) area.values.push_back(t);
  std::erase_if(outside_regions, [](const std::string& r) { return trimmed(r).empty(); });
  area.outside_regions = std::move(outside_regions);
  std::array<double, 4> box{};
  bool numeric = area.values.size() == 4;
  for (std::size_t i = 0; numeric && i < 4; ++i) numeric = parse_number(area.values[i], box[i]);
  if (numeric) {
    for (int i = 0; i < 4; ++i)
      if (std::abs(box[i]) > (i % 2 == 0 ? 90.0 : 180.0))
        throw UsageError("--study-area " + name_list(area.values) + ": a box is lat1,lon1,lat2,lon2 with latitudes in "
                         "[-90, 90] and longitudes in [-180, 180]");
    area.box = box;
    area.values.clear();
  }
  return area;
}

std::string outside_regions_text(const StudyArea& area) {
  std::string text;
  for (const std::string& region : area.outside_regions) text += (text.empty() ? "" : ",") + region;
  return text;
}

std::string describe_study_area(const StudyArea& area) {
  std::string text = area.box ? "box " + number_text((*area.box)[0]) + "," + number_text((*area.box)[1]) + "," +
                                    number_text((*area.box)[2]) + "," + number_text((*area.box)[3])
                     : area.values.empty() ? std::string("default")
                                           : "regions or parks: " + name_list(area.values, area.values.size());
  return text;
}

StudyAreaMembers study_area_members(const Graph& graph, const StudyArea& area) {
  const NodeTable& t = graph.nodes;
  const NodeId n = graph.node_count();
  StudyAreaMembers m;
  m.inside.assign(n, 0);
  if (area.box) {
    const auto& b = *area.box;
    const double lat_lo = std::min(b[0], b[2]), lat_hi = std::max(b[0], b[2]);
    const double lon_lo = std::min(b[1], b[3]), lon_hi = std::max(b[1], b[3]);
    for (NodeId v = 0; v < n; ++v)
      m.inside[v] = t.lat[v] >= lat_lo && t.lat[v] <= lat_hi && t.lon[v] >= lon_lo && t.lon[v] <= lon_hi;  // NaN: outside
    m.description = "box lat " + number_text(lat_lo) + " to " + number_text(lat_hi) + ", lon " + number_text(lon_lo) +
                    " to " + number_text(lon_hi);
  } else if (!area.values.empty()) {
    std::vector<std::string> regions, parks;
    const auto region_chosen = codes_of(t.region, area.values, &regions);
    const auto park_chosen = codes_of(t.park, area.values, &parks);
    for (const std::string& value : area.values)
      if (t.region.code_of(value) < 0 && t.park.code_of(value) < 0)
        throw UsageError("--study-area: '" + value + "' is neither a region nor a park of this network");
    for (NodeId v = 0; v < n; ++v) m.inside[v] = has(t.region, region_chosen, v) || has(t.park, park_chosen, v);
    if (!regions.empty()) m.description = "regions " + name_list(regions);
    if (!parks.empty()) m.description += (m.description.empty() ? "" : "; ") + std::string("parks ") + name_list(parks);
  } else {
    // The regions that hold parks, when the network has parks (and any region at all).
    std::vector<std::uint8_t> park_region(t.region.dictionary.size(), 0);
    bool any_park = false, any_park_region = false;
    for (NodeId v = 0; v < n; ++v) {
      if (t.park.missing(v)) continue;
      any_park = true;
      if (t.region.missing(v)) continue;
      park_region[static_cast<std::size_t>(t.region.codes[v])] = 1;
      any_park_region = true;
    }
    if (any_park && any_park_region) {
      std::vector<std::string> names;
      for (std::size_t c = 0; c < park_region.size(); ++c)
        if (park_region[c]) names.push_back(t.region.dictionary[c]);
      for (NodeId v = 0; v < n; ++v) m.inside[v] = !t.park.missing(v) || has(t.region, park_region, v);
      m.description = "regions holding parks: " + name_list(names);
    } else {
      std::fill(m.inside.begin(), m.inside.end(), 1);
      m.description = "every node";
    }
  }
  std::vector<std::string> excluded;
  const auto outside_chosen = codes_of(t.region, area.outside_regions, &excluded);
  for (NodeId v = 0; v < n; ++v)
    if (has(t.region, outside_chosen, v)) m.inside[v] = 0;
  if (!excluded.empty()) m.description += "; excluding region" + std::string(excluded.size() > 1 ? "s " : " ") + name_list(excluded);
  m.outside_nodes = static_cast<std::uint64_t>(std::count(m.inside.begin(), m.inside.end(), 0));
  return m;
}

std::string outside_reason(const Graph& graph, const StudyArea& area, NodeId v) {
  const NodeTable& t = graph.nodes;
  const bool excluded = !t.region.missing(v) && std::find(area.outside_regions.begin(), area.outside_regions.end(),
                                                          t.region.value(v)) != area.outside_regions.end();
  if (area.box && !excluded)
    return std::isnan(t.lat[v]) || std::isnan(t.lon[v]) ? "no coordinates place it in the study area"
                                                        : "its coordinates lie outside the study area";
  if (t.region.missing(v)) return "no region or park places it in the study area";
  return "region " + std::string(t.region.value(v)) + " is outside the study area";
}

}  // namespace firmnet::spatial
