#include "report/report_data.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <sstream>
#include <unordered_map>

#include "algorithms/spatial/convex_hull.hpp"
#include "graph/errors.hpp"
#include "io/geojson_polygons.hpp"
#include "io/h5_util.hpp"
#include "io/json_writer.hpp"
#include "pipeline/community_profiles.hpp"
#include "pipeline/main_job.hpp"
#include "report/views.hpp"
#include "results/cluster_result.hpp"
#include "results/evolution_result.hpp"
#include "results/risk_result.hpp"

namespace firmnet::report {

namespace {

namespace ps = spatial::stored;

enum class Kind { parks, communities, anchors, concentration, clusters, evolution, risk, exposure };

const ExtraColumn* find_node_column(const Result* result, std::string_view name) {
  if (!result) return nullptr;
  for (const auto& c : result->node_columns)
    if (c.name == name) return &c;
  return nullptr;
}

bool is_kind(const Result& result, Kind kind) {
  switch (kind) {
    case Kind::parks: {
      const ResultTable* units = result.find_table(ps::units);
      return units && units->find(ps::verdict);
    }
    case Kind::communities: return find_node_column(&result, community::stored::membership) != nullptr;
    case Kind::anchors: return find_node_column(&result, anchors::stored::anchor_score) != nullptr;
    case Kind::concentration: return result.find_table(ps::concentration::industries) != nullptr;
    case Kind::clusters: {
      const ResultTable* table = result.find_table(clusters::stored::clusters);
      return table && table->find(clusters::stored::type);
    }
    case Kind::risk: return find_node_column(&result, risk::stored::esri) && result.find_table(risk::stored::riskiest);
    case Kind::exposure: {
      const ResultTable* table = result.find_table(risk::stored::parks);
      return table && table->find(risk::stored::anchors_loss);
    }
    case Kind::evolution: {
      const ResultTable* table = result.find_table(evolution::stored::unit_years);
      return table && table->find(evolution::stored::stage);
    }
  }
  return false;
}

std::string resolve(const std::map<std::string, StoredResult>& results, const std::string& requested, Kind kind,
                    const char* main_job_name, const char* what) {
  if (!requested.empty()) {
    const auto it = results.find(requested);
    if (it == results.end()) throw UsageError("no stored result '" + requested + "' (firmnet info FILE lists them)");
    if (!is_kind(it->second.result, kind))
      throw UsageError("stored result '" + requested + "' is not a " + what + " result");
    return requested;
  }
  const StoredResult* best = nullptr;
  std::string best_name;
  for (const auto& [name, stored] : results) {
    if (!is_kind(stored.result, kind)) continue;
    if (!best || stored.created > best->created || (stored.created == best->created && name == main_job_name)) {
      best = &stored;
      best_name = name;
    }
  }
  return best_name;
}

// A node column of a stored result as numbers (NaN for missing), or empty when absent.
std::vector<double> node_numbers(const Result* result, std::string_view column) {
  const ExtraColumn* c = find_node_column(result, column);
  std::vector<double> values;
  if (!c) return values;
  values.reserve(c->size());
  for (std::size_t i = 0; i < c->size(); ++i) values.push_back(cell_number(*c, i));
  return values;
}

std::vector<std::int64_t> node_labels(const Result* result, std::string_view column) {
  std::vector<std::int64_t> labels;
  for (double v : node_numbers(result, column)) labels.push_back(std::isfinite(v) ? static_cast<std::int64_t>(v) : -1);
  return labels;
}

// Coordinates travel as integers of 1e-5 degree (about 1 m): short in JSON, exact enough for a map.
std::int64_t fixed_degrees(double degrees) { return std::llround(degrees * 1e5); }

// Counts are written as integers, other values as they are.
void write_number(JsonWriter& json, double value) {
  if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 9e15)
    json.value(static_cast<std::int64_t>(value));
  else
    json.value(value);
}

std::string person_name(const Graph& g, NodeId node) {
  return std::string(g.nodes.name[node].empty() ? g.nodes.id[node] : g.nodes.name[node]);
}

// Firm-to-firm links (all types) from stage to stage, indexed by the stage dictionary.
std::vector<std::uint64_t> stage_counts(const Graph& g) {
  const std::size_t s = g.nodes.stage.dictionary.size();
  std::vector<std::uint64_t> counts(s * s, 0);
  for (NodeId u = 0; u < g.node_count(); ++u) {
    if (g.nodes.stage.missing(u) || g.nodes.kind[u] != NodeKind::firm) continue;
    for (NodeId v : g.out_neighbors(u))
      if (!g.nodes.stage.missing(v) && g.nodes.kind[v] == NodeKind::firm)
        ++counts[static_cast<std::size_t>(g.nodes.stage.codes[u]) * s + static_cast<std::size_t>(g.nodes.stage.codes[v])];
  }
  return counts;
}

// Stages in value-chain order: by net supply (out - in) / (out + in) over the links between
// different stages, suppliers first, so that a chain's links run from upper left to lower
// right; stages without such links last, by name. O(s^2 log s).
std::vector<std::size_t> value_chain_order(const std::vector<std::string>& stages, const std::vector<std::uint64_t>& counts) {
  const std::size_t s = stages.size();
  std::vector<double> net(s, -2.0);  // below any real share: stages without cross-stage links
  for (std::size_t a = 0; a < s; ++a) {
    double out = 0, in = 0;
    for (std::size_t b = 0; b < s; ++b)
      if (a != b) {
        out += static_cast<double>(counts[a * s + b]);
        in += static_cast<double>(counts[b * s + a]);
      }
    if (out + in > 0) net[a] = (out - in) / (out + in);
  }
  std::vector<std::size_t> order(s);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return net[a] != net[b] ? net[a] > net[b] : stages[a] < stages[b];
  });
  return order;
}

// The places links are aggregated between: the report's units (parks) first, then regions for
// located nodes outside every unit.
struct Places {
  std::vector<std::string> name;
  std::vector<bool> is_unit;
  std::vector<double> lon_sum, lat_sum;
  std::vector<std::uint64_t> located, nodes;
  std::vector<std::int64_t> of_node;  // place per node, -1 = none
};

Places build_places(const Graph& g, const std::vector<std::string>& unit_names, const std::vector<std::int64_t>& unit_of) {
  Places p;
  const std::size_t units = unit_names.size();
  for (const auto& n : unit_names) {
    p.name.push_back(n);
    p.is_unit.push_back(true);
  }
  for (const auto& r : g.nodes.region.dictionary) {
    p.name.push_back(r);
    p.is_unit.push_back(false);
  }
  const std::size_t count = p.name.size();
  p.lon_sum.assign(count, 0.0);
  p.lat_sum.assign(count, 0.0);
  p.located.assign(count, 0);
  p.nodes.assign(count, 0);
  p.of_node.assign(g.node_count(), -1);
  for (NodeId u = 0; u < g.node_count(); ++u) {
    std::int64_t place = -1;
    if (unit_of[u] >= 0) place = unit_of[u];
    else if (!g.nodes.region.missing(u)) place = static_cast<std::int64_t>(units) + g.nodes.region.codes[u];
    if (place < 0) continue;
    p.of_node[u] = place;
    ++p.nodes[place];
    if (g.nodes.located(u)) {
      p.lon_sum[place] += g.nodes.lon[u];
      p.lat_sum[place] += g.nodes.lat[u];
      ++p.located[place];
    }
  }
  return p;
}

struct PairCount {
  std::uint64_t links = 0;
  double weight = 0;
};

// Links between different labels (places, communities) summed per ordered pair; nodes labelled
// -1 or beyond `labels` are left out. Largest first, at most max_pairs. O(m + pairs log pairs).
std::vector<std::pair<std::pair<std::int64_t, std::int64_t>, PairCount>> label_pairs(
    const Graph& g, const std::vector<std::int64_t>& label, std::int64_t labels, std::size_t max_pairs, std::size_t& total) {
  std::unordered_map<std::uint64_t, PairCount> sums;
  for (NodeId u = 0; u < g.node_count(); ++u) {
    const std::int64_t a = label[u];
    if (a < 0 || a >= labels) continue;
    for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e) {
      const std::int64_t b = label[g.out_target[e]];
      if (b < 0 || b >= labels || b == a) continue;
      PairCount& c = sums[static_cast<std::uint64_t>(a) * static_cast<std::uint64_t>(labels) + static_cast<std::uint64_t>(b)];
      ++c.links;
      c.weight += g.edges.weight[e];
    }
  }
  std::vector<std::pair<std::pair<std::int64_t, std::int64_t>, PairCount>> pairs;
  pairs.reserve(sums.size());
  for (const auto& [key, count] : sums)
    pairs.push_back({{static_cast<std::int64_t>(key / static_cast<std::uint64_t>(labels)),
                      static_cast<std::int64_t>(key % static_cast<std::uint64_t>(labels))},
                     count});
  std::sort(pairs.begin(), pairs.end(), [](const auto& x, const auto& y) {
    return x.second.links != y.second.links ? x.second.links > y.second.links : x.first < y.first;
  });
  total = pairs.size();
  if (pairs.size() > max_pairs) pairs.resize(max_pairs);
  return pairs;
}

// The firm-level view of one group (a park's or a community's members, label[u] == the
// group's label): the members with most links (at most max_members), the outside partners with
// most links to those members (at most max_partners), and the links among all of them.
struct FirmView {
  std::vector<NodeId> nodes;       // the shown members (most links first), then the partners
  std::size_t members = 0;         // how many of nodes are members
  std::uint64_t member_total = 0;  // the group's members, shown or not
  std::vector<std::array<std::uint64_t, 3>> links;  // (from, to) as positions in nodes, links
};

// O(members log members + the degrees of the nodes shown).
FirmView firm_view(const Graph& g, std::vector<NodeId> members, const std::vector<std::int64_t>& label,
                   std::size_t max_members, std::size_t max_partners) {
  FirmView view;
  view.member_total = members.size();
  if (members.empty()) return view;
  const std::int64_t group = label[members.front()];
  auto degree = [&](NodeId u) { return g.out_degree(u) + g.in_degree(u); };
  auto more_links = [&](NodeId a, NodeId b) { return degree(a) != degree(b) ? degree(a) > degree(b) : a < b; };
  view.members = std::min(max_members, members.size());
  std::partial_sort(members.begin(), members.begin() + static_cast<std::ptrdiff_t>(view.members), members.end(), more_links);
  view.nodes.assign(members.begin(), members.begin() + static_cast<std::ptrdiff_t>(view.members));
  std::unordered_map<NodeId, std::uint64_t> partner_links;
  for (NodeId u : view.nodes) {
    for (NodeId v : g.out_neighbors(u))
      if (label[v] != group) ++partner_links[v];
    for (NodeId v : g.in_neighbors(u))
      if (label[v] != group) ++partner_links[v];
  }
  std::vector<std::pair<std::uint64_t, NodeId>> partners;
  partners.reserve(partner_links.size());
  for (const auto& [v, links] : partner_links) partners.push_back({links, v});
  const std::size_t shown_partners = std::min(max_partners, partners.size());
  std::partial_sort(partners.begin(), partners.begin() + static_cast<std::ptrdiff_t>(shown_partners), partners.end(),
                    [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  for (std::size_t i = 0; i < shown_partners; ++i) view.nodes.push_back(partners[i].second);
  std::unordered_map<NodeId, std::uint64_t> position;
  for (std::size_t i = 0; i < view.nodes.size(); ++i) position[view.nodes[i]] = i;
  std::map<std::pair<std::uint64_t, std::uint64_t>, std::uint64_t> pair_links;
  for (std::size_t i = 0; i < view.nodes.size(); ++i)
    for (NodeId v : g.out_neighbors(view.nodes[i]))
      if (const auto it = position.find(v); it != position.end() && it->second != i) ++pair_links[{i, it->second}];
  for (const auto& [pair, links] : pair_links) view.links.push_back({pair.first, pair.second, links});
  return view;
}

// One firm view as {members, shown, nodes: [[label, stage, member, degree, lon, lat, community,
// unit]], links: [[from, to, links]]}; positions in fixed degrees, null when not located.
void write_firm_view(JsonWriter& json, const Graph& g, const FirmView& view, const std::vector<std::int64_t>& stage_position,
                     const std::vector<std::int64_t>& membership, const std::vector<std::int64_t>& unit_of) {
  json.begin_object().key("members").value(view.member_total).key("shown").value(static_cast<std::uint64_t>(view.members));
  json.key("nodes").begin_array();
  for (std::size_t i = 0; i < view.nodes.size(); ++i) {
    const NodeId u = view.nodes[i];
    json.begin_array().value(person_name(g, u));
    json.value(g.nodes.stage.missing(u) ? std::int64_t{-1} : stage_position[g.nodes.stage.codes[u]]);
    json.value(i < view.members ? 1 : 0).value(static_cast<std::uint64_t>(g.out_degree(u) + g.in_degree(u)));
    if (g.nodes.located(u)) json.value(fixed_degrees(g.nodes.lon[u])).value(fixed_degrees(g.nodes.lat[u]));
    else json.null().null();
    json.value(membership.empty() ? std::int64_t{-1} : membership[u]).value(unit_of[u]);
    json.end_array();
  }
  json.end_array().key("links").begin_array();
  for (const auto& [from, to, links] : view.links) json.begin_array().value(from).value(to).value(links).end_array();
  json.end_array().end_object();
}

// Rings in fixed degrees: [[[lon, lat], ...], ...]. O(positions).
void write_rings(JsonWriter& json, const std::vector<GeoRing>& rings) {
  json.begin_array();
  for (const auto& ring : rings) {
    json.begin_array();
    for (const auto& [x, y] : ring) json.begin_array().value(fixed_degrees(x)).value(fixed_degrees(y)).end_array();
    json.end_array();
  }
  json.end_array();
}

// The boundary layer: every feature's outer rings, thinned evenly (first and last positions
// kept) when the whole layer has more than max_positions, so that a detailed county file does
// not swell the page. O(positions).
void write_boundaries(JsonWriter& json, const PolygonLayerSource& source, std::size_t max_positions) {
  PolygonFile file(source, PolygonNaming{{"name", "NAME", "名称"}, "--boundary-key", false, false});
  std::vector<std::vector<GeoRing>> rings;
  std::size_t positions = 0;
  for (const auto& feature : file.features()) {
    rings.push_back(PolygonFile::outer_rings(*feature.geometry));
    for (const auto& ring : rings.back()) positions += ring.size();
  }
  const std::size_t step = positions > max_positions ? (positions + max_positions - 1) / max_positions : 1;
  std::size_t kept = 0;
  json.key("boundaries").begin_object();
  json.key("file").value(source.path.substr(source.path.find_last_of('/') + 1)).key("key").value(file.key());
  json.key("features").begin_array();
  for (std::size_t f = 0; f < rings.size(); ++f) {
    for (auto& ring : rings[f]) {
      GeoRing thinned;
      for (std::size_t i = 0; i < ring.size(); ++i)
        if (i % step == 0 || i + 1 == ring.size()) thinned.push_back(ring[i]);
      kept += thinned.size();
      ring = std::move(thinned);
    }
    json.begin_object().key("name").value(file.features()[f].name).key("rings");
    write_rings(json, rings[f]);
    json.end_object();
  }
  json.end_array();
  json.key("positions").value(static_cast<std::uint64_t>(positions)).key("kept").value(static_cast<std::uint64_t>(kept));
  json.end_object();
}

// Evolution over the years: the trajectories of the units with most firms in the last
// snapshot (at most 24), and the dynamic communities with the largest peak size (at most 30)
// with the events between them. O(rows log rows).
void write_evolution(JsonWriter& json, const Result& result) {
  namespace es = evolution::stored;
  constexpr std::size_t kUnits = 24, kDynamic = 30;
  const ResultTable& years = *result.find_table(es::unit_years);
  const auto& unit_column = years.column(es::unit);
  const auto& year_column = years.column(es::year);
  std::map<std::string, std::vector<std::size_t>> rows_of;  // unit -> rows, in year order as stored
  double last_year = -1e300;
  for (std::size_t r = 0; r < years.rows(); ++r) {
    rows_of[cell_text(unit_column, r)].push_back(r);
    last_year = std::max(last_year, cell_number(year_column, r));
  }
  std::vector<std::pair<double, std::string>> by_size;
  for (const auto& [unit, rows] : rows_of) {
    double firms = 0;
    for (std::size_t r : rows)
      if (cell_number(year_column, r) == last_year) firms = cell_number(years.column("firms"), r);
    by_size.push_back({-firms, unit});
  }
  std::sort(by_size.begin(), by_size.end());
  if (by_size.size() > kUnits) by_size.resize(kUnits);
  json.key("evolution").begin_object();
  json.key("unitKind").value(scalar_text(result.parameter("unit")));
  json.key("unitsTotal").value(static_cast<std::uint64_t>(rows_of.size()));
  json.key("nullModels").value(scalar_text(result.parameter("null_models")));
  json.key("units").begin_array();
  for (const auto& [negative_firms, unit] : by_size) {
    json.begin_object().key("name").value(unit).key("rows").begin_array();
    for (std::size_t r : rows_of[unit]) {
      json.begin_array().value(cell_number(year_column, r)).value(cell_text(years.column(es::stage), r));
      for (const char* column : {"firms", "internal_links", "expected", "vertical_share", "null_mean"})
        write_number(json, cell_number(years.column(column), r));
      json.end_array();
    }
    json.end_array().key("reasons").begin_array();
    for (std::size_t r : rows_of[unit]) json.value(cell_text(years.column(es::reason), r));
    json.end_array().end_object();
  }
  json.end_array();
  const ResultTable* dynamic = result.find_table(es::dynamic_communities);
  const ResultTable* events = result.find_table(es::events);
  if (dynamic && events) {
    std::map<std::int64_t, double> peak;
    for (std::size_t r = 0; r < dynamic->rows(); ++r) {
      const auto d = static_cast<std::int64_t>(cell_number(dynamic->column(es::dynamic), r));
      peak[d] = std::max(peak[d], cell_number(dynamic->column(es::size), r));
    }
    std::vector<std::pair<double, std::int64_t>> largest;
    for (const auto& [d, size] : peak) largest.push_back({-size, d});
    std::sort(largest.begin(), largest.end());
    if (largest.size() > kDynamic) largest.resize(kDynamic);
    std::set<std::int64_t> shown;
    for (const auto& entry : largest) shown.insert(entry.second);
    json.key("dynamic").begin_object().key("total").value(static_cast<std::uint64_t>(peak.size()));
    json.key("rows").begin_array();
    for (std::size_t r = 0; r < dynamic->rows(); ++r) {
      const auto d = static_cast<std::int64_t>(cell_number(dynamic->column(es::dynamic), r));
      if (!shown.count(d)) continue;
      json.begin_array().value(d).value(cell_number(dynamic->column(es::year), r)).value(cell_number(dynamic->column(es::size), r));
      json.value(cell_text(dynamic->column(es::dominant_unit), r)).end_array();
    }
    json.end_array().key("events").begin_array();
    for (std::size_t r = 0; r < events->rows(); ++r) {
      const auto d = static_cast<std::int64_t>(cell_number(events->column(es::dynamic), r));
      if (!shown.count(d)) continue;
      json.begin_array().value(cell_number(events->column(es::year), r)).value(cell_text(events->column(es::event), r)).value(d);
      json.value(cell_number(events->column(es::other), r)).end_array();
    }
    json.end_array().end_object();
  }
  json.end_object();
}

// Systemic risk: the distribution of ESRI over firms in log10 bins, the riskiest firms as
// stored, and per park its share of the network's output and its riskiest firm, with its
// exposure (output lost when its anchors fail, and in the worst outside lockdown) when an
// exposure result is given. O(n + stored rows).
void write_risk(JsonWriter& json, const Graph& g, const Result& result, const Result* exposure) {
  namespace rs = risk::stored;
  const std::vector<double> esri = node_numbers(&result, rs::esri);
  const std::vector<double> output = node_numbers(&result, rs::output_share);
  constexpr int kDecades = 8, kPerDecade = 4;  // bins of a quarter decade from 1e-8 to 1
  std::vector<std::uint64_t> bins(kDecades * kPerDecade, 0);
  std::uint64_t zero = 0, computed = 0;
  const std::size_t parks = g.nodes.park.dictionary.size();
  std::vector<double> park_output(parks, 0), park_max(parks, 0);
  std::vector<std::int64_t> park_riskiest(parks, -1);
  std::vector<std::uint64_t> park_firms(parks, 0);
  for (NodeId u = 0; u < g.node_count() && u < esri.size(); ++u) {
    const double e = esri[u];
    if (!g.nodes.park.missing(u) && g.nodes.kind[u] == NodeKind::firm) {
      const auto p = static_cast<std::size_t>(g.nodes.park.codes[u]);
      ++park_firms[p];
      if (u < output.size() && std::isfinite(output[u])) park_output[p] += output[u];
      if (std::isfinite(e) && (park_riskiest[p] < 0 || e > park_max[p])) {
        park_max[p] = e;
        park_riskiest[p] = static_cast<std::int64_t>(u);
      }
    }
    if (!std::isfinite(e)) continue;
    ++computed;
    if (e <= 0) {
      ++zero;
      continue;
    }
    const int bin = static_cast<int>(std::floor((std::log10(e) + kDecades) * kPerDecade));
    ++bins[static_cast<std::size_t>(std::clamp(bin, 0, kDecades * kPerDecade - 1))];
  }
  std::map<std::string, std::size_t> exposed_row;  // park -> row of the exposure table
  if (exposure)
    if (const ResultTable* table = exposure->find_table(rs::parks))
      for (std::size_t r = 0; r < table->rows(); ++r) exposed_row[cell_text(*table->find(rs::park), r)] = r;
  json.key("risk").begin_object();
  json.key("computed").value(computed).key("zero").value(zero).key("decades").value(kDecades).key("perDecade").value(kPerDecade);
  json.key("bins").begin_array();
  for (const auto count : bins) json.value(count);
  json.end_array();
  json.key("linear").value(find_node_column(&result, rs::esri_linear) != nullptr);
  json.key("riskiest");
  const ResultTable& riskiest = *result.find_table(rs::riskiest);
  std::vector<std::size_t> rows(std::min<std::size_t>(riskiest.rows(), 30));
  std::iota(rows.begin(), rows.end(), 0);
  render_json(json, riskiest, rows);
  json.key("parks").begin_array();
  for (std::size_t p = 0; p < parks; ++p) {
    json.begin_object().key("park").value(g.nodes.park.dictionary[p]).key("firms").value(park_firms[p]);
    json.key("output_share").value(park_output[p]).key("esri_max").value(park_max[p]);
    json.key("riskiest").value(park_riskiest[p] < 0 ? std::string() : person_name(g, static_cast<NodeId>(park_riskiest[p])));
    if (const auto row = exposed_row.find(g.nodes.park.dictionary[p]); row != exposed_row.end())
      for (const ExtraColumn& column : exposure->find_table(rs::parks)->columns)
        if (column.name != rs::park && column.name != rs::firms && column.name != rs::output_share) {
          json.key(column.name);
          if (std::holds_alternative<StringColumn>(column.values))
            json.value(cell_text(column, row->second));
          else
            json.value(cell_number(column, row->second));
        }
    json.end_object();
  }
  json.end_array();
  json.key("exposure").value(exposure != nullptr);
  json.end_object();
}

void write_meta(JsonWriter& json, const Graph& g, const std::string& network_path, const NetworkHeader& header,
                const ReportOptions& options) {
  std::vector<std::uint64_t> kinds(kNodeKindCount, 0), types(kRelationTypeCount, 0);
  for (NodeKind k : g.nodes.kind) ++kinds[static_cast<std::size_t>(k)];
  for (RelationType t : g.edges.type) ++types[static_cast<std::size_t>(t)];
  std::ostringstream fingerprint;
  fingerprint << std::hex << header.fingerprint;
  const std::string file = network_path.substr(network_path.find_last_of('/') + 1);
  json.key("meta").begin_object();
  json.key("title").value(options.title.empty() ? "firmnet report: " + file : options.title);
  json.key("lang").value(options.lang);
  if (!options.tiles.empty()) json.key("tiles").value(options.tiles);
  json.key("file").value(network_path);
  json.key("version").value(FIRMNET_VERSION);
  json.key("written").value(h5::utc_now());
  json.key("fingerprint").value(fingerprint.str());
  json.key("nodes").value(static_cast<std::uint64_t>(g.node_count()));
  json.key("links").value(static_cast<std::uint64_t>(g.edge_count()));
  json.key("parks").value(static_cast<std::uint64_t>(g.nodes.park.dictionary.size()));
  json.key("regions").value(static_cast<std::uint64_t>(g.nodes.region.dictionary.size()));
  json.key("kinds").begin_object();
  for (std::size_t k = 0; k < kNodeKindCount; ++k)
    if (kinds[k]) json.key(node_kind_names()[k]).value(kinds[k]);
  json.end_object();
  json.key("types").begin_object();
  for (std::size_t t = 0; t < kRelationTypeCount; ++t)
    if (types[t]) json.key(relation_type_names()[t]).value(types[t]);
  json.end_object();
  json.end_object();
}

void write_sources_and_methods(JsonWriter& json, const std::map<std::string, StoredResult>& results,
                               const ReportSources& sources) {
  json.key("sources").begin_object();
  json.key("parks").value(sources.parks);
  json.key("communities").value(sources.communities);
  json.key("anchors").value(sources.anchors);
  json.key("concentration").value(sources.concentration);
  json.key("clusters").value(sources.clusters);
  json.key("evolution").value(sources.evolution);
  json.key("risk").value(sources.risk);
  json.key("exposure").value(sources.exposure);
  json.end_object();
  json.key("results").begin_array();
  for (const auto& [name, stored] : results) {
    json.begin_object();
    json.key("name").value(name).key("method").value(stored.result.method).key("created").value(stored.created);
    json.key("seed").value(stored.result.seed).key("threads").value(stored.result.threads);
    json.key("parameters");
    render_json(json, stored.result.parameters);
    json.end_object();
  }
  json.end_array();
}

// The stage list in value-chain order and the whole network's stage-to-stage matrix.
void write_stages(JsonWriter& json, const Graph& g, std::vector<std::int64_t>& position_of_code) {
  const auto& dict = g.nodes.stage.dictionary;
  const std::vector<std::uint64_t> counts = stage_counts(g);
  const std::vector<std::size_t> order = value_chain_order(dict, counts);
  position_of_code.assign(dict.size(), -1);
  for (std::size_t i = 0; i < order.size(); ++i) position_of_code[order[i]] = static_cast<std::int64_t>(i);
  json.key("stages").begin_array();
  for (std::size_t code : order) json.value(dict[code]);
  json.end_array();
  json.key("stageMatrix").begin_array();
  for (std::size_t a : order) {
    json.begin_array();
    for (std::size_t b : order) json.value(counts[a * dict.size() + b]);
    json.end_array();
  }
  json.end_array();
}

}  // namespace

ReportSources resolve_sources(const std::map<std::string, StoredResult>& results, const ReportSources& requested) {
  namespace names = pipeline::result_names;
  return {resolve(results, requested.communities, Kind::communities, names::communities, "community"),
          resolve(results, requested.anchors, Kind::anchors, names::anchors, "anchor"),
          resolve(results, requested.parks, Kind::parks, names::parks, "park test"),
          resolve(results, requested.concentration, Kind::concentration, names::concentration, "concentration"),
          resolve(results, requested.clusters, Kind::clusters, names::clusters, "clusters"),
          resolve(results, requested.evolution, Kind::evolution, names::evolution, "evolution"),
          resolve(results, requested.risk, Kind::risk, names::risk, "risk"),
          resolve(results, requested.exposure, Kind::exposure, names::exposure, "park exposure")};
}

std::string report_data_json(const Graph& g, const std::string& network_path, const NetworkHeader& header,
                             const std::map<std::string, StoredResult>& results, const ReportSources& sources,
                             const ReportOptions& options) {
  auto get = [&](const std::string& name) -> const Result* {
    const auto it = name.empty() ? results.end() : results.find(name);
    return it == results.end() ? nullptr : &it->second.result;
  };
  const Result* parks = get(sources.parks);
  const Result* communities = get(sources.communities);
  const Result* anchors = get(sources.anchors);
  const Result* concentration = get(sources.concentration);
  const ResultTable* units = parks ? parks->find_table(ps::units) : nullptr;

  // The map's areas: the park test's units when there is one, else the network's parks.
  std::vector<std::string> unit_names;
  std::vector<std::int64_t> unit_of(g.node_count(), -1);
  if (units) {
    for (std::size_t r = 0; r < units->rows(); ++r) unit_names.push_back(cell_text(units->column(ps::name), r));
    const std::vector<std::int64_t> stored_unit = node_labels(parks, ps::unit);
    if (stored_unit.size() == unit_of.size()) unit_of = stored_unit;
  } else {
    unit_names = g.nodes.park.dictionary;
    for (NodeId u = 0; u < g.node_count(); ++u) unit_of[u] = g.nodes.park.codes[u];
  }
  for (auto& u : unit_of)
    if (u >= static_cast<std::int64_t>(unit_names.size())) u = -1;
  const std::vector<std::int64_t> membership = node_labels(communities, community::stored::membership);

  std::ostringstream text;
  JsonWriter json(text);
  json.begin_object();
  write_meta(json, g, network_path, header, options);
  write_sources_and_methods(json, results, sources);
  std::vector<std::int64_t> stage_position;
  write_stages(json, g, stage_position);

  // Areas: hull, centre, members, and per unit its null samples, stage links and anchors.
  const std::size_t unit_count = unit_names.size();
  std::vector<std::vector<spatial::PlanePoint>> unit_points(unit_count);
  for (NodeId u = 0; u < g.node_count(); ++u)
    if (unit_of[u] >= 0 && g.nodes.located(u)) unit_points[unit_of[u]].push_back({g.nodes.lon[u], g.nodes.lat[u]});
  std::vector<std::vector<double>> null_samples(unit_count);
  if (const ResultTable* samples = parks ? parks->find_table(ps::null_samples) : nullptr)
    for (std::size_t i = 0; i < samples->rows(); ++i) {
      const double u = cell_number(samples->column(ps::unit), i);
      if (u >= 0 && u < static_cast<double>(unit_count))
        null_samples[static_cast<std::size_t>(u)].push_back(cell_number(samples->column(ps::internal_links), i));
    }
  std::vector<std::vector<std::array<std::int64_t, 3>>> unit_stage_links(unit_count);
  if (const ResultTable* stage_links = parks ? parks->find_table(ps::stage_links) : nullptr) {
    const auto& dict = g.nodes.stage.dictionary;
    auto position = [&](const std::string& stage) -> std::int64_t {
      const auto it = std::find(dict.begin(), dict.end(), stage);
      return it == dict.end() ? -1 : stage_position[static_cast<std::size_t>(it - dict.begin())];
    };
    for (std::size_t i = 0; i < stage_links->rows(); ++i) {
      const double u = cell_number(stage_links->column(ps::unit), i);
      const std::int64_t from = position(cell_text(stage_links->column("from_stage"), i));
      const std::int64_t to = position(cell_text(stage_links->column("to_stage"), i));
      if (u >= 0 && u < static_cast<double>(unit_count) && from >= 0 && to >= 0)
        unit_stage_links[static_cast<std::size_t>(u)].push_back(
            {from, to, static_cast<std::int64_t>(cell_number(stage_links->column("links"), i))});
    }
  }
  constexpr std::size_t kAnchorsPerUnit = 5;
  std::vector<std::vector<NodeId>> unit_anchors(unit_count);
  const std::vector<double> anchor_score = node_numbers(anchors, anchors::stored::anchor_score);
  const std::vector<double> ranked = node_numbers(anchors, anchors::stored::ranked);
  const ExtraColumn* anchor_reason = find_node_column(anchors, anchors::stored::reason);
  if (anchor_score.size() == g.node_count() && ranked.size() == g.node_count()) {
    for (NodeId u = 0; u < g.node_count(); ++u)
      if (unit_of[u] >= 0 && ranked[u] == 1 && std::isfinite(anchor_score[u])) unit_anchors[unit_of[u]].push_back(u);
    for (auto& list : unit_anchors) {
      const std::size_t keep = std::min(kAnchorsPerUnit, list.size());
      std::partial_sort(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(keep), list.end(), [&](NodeId a, NodeId b) {
        return anchor_score[a] != anchor_score[b] ? anchor_score[a] > anchor_score[b] : a < b;
      });
      list.resize(keep);
    }
  }
  std::vector<std::vector<NodeId>> unit_members(unit_count);
  for (NodeId u = 0; u < g.node_count(); ++u)
    if (unit_of[u] >= 0) unit_members[unit_of[u]].push_back(u);
  std::optional<PolygonFile> outlines;
  if (!options.park_polygons.path.empty())
    outlines.emplace(options.park_polygons, PolygonNaming{{"park", "name"}, "--park-polygon-key", true, true});
  json.key("areas").begin_array();
  for (std::size_t unit = 0; unit < unit_count; ++unit) {
    const auto& points = unit_points[unit];
    json.begin_object();
    json.key("name").value(unit_names[unit]);
    double lon = 0, lat = 0;
    for (const auto& [x, y] : points) {
      lon += x;
      lat += y;
    }
    json.key("located").value(static_cast<std::uint64_t>(points.size()));
    if (!points.empty()) {
      json.key("x").value(fixed_degrees(lon / static_cast<double>(points.size())));
      json.key("y").value(fixed_degrees(lat / static_cast<double>(points.size())));
    }
    json.key("hull").begin_array();
    for (const auto& [x, y] : spatial::convex_hull(points)) json.begin_array().value(fixed_degrees(x)).value(fixed_degrees(y)).end_array();
    json.end_array();
    if (const PolygonFile::Feature* outline = outlines ? outlines->find(unit_names[unit]) : nullptr) {
      json.key("outline");
      write_rings(json, PolygonFile::outer_rings(*outline->geometry));
    }
    json.key("firms");
    write_firm_view(json, g, firm_view(g, unit_members[unit], unit_of, options.view_members, options.view_partners),
                    stage_position, membership, unit_of);
    json.key("null").begin_array();
    for (double v : null_samples[unit]) write_number(json, v);
    json.end_array();
    json.key("stageLinks").begin_array();
    for (const auto& [from, to, links] : unit_stage_links[unit]) json.begin_array().value(from).value(to).value(links).end_array();
    json.end_array();
    json.key("anchors").begin_array();
    for (NodeId a : unit_anchors[unit]) {
      json.begin_object().key("name").value(person_name(g, a)).key("id").value(g.nodes.id[a]);
      json.key("score").value(anchor_score[a]);
      json.key("reason").value(anchor_reason ? cell_text(*anchor_reason, a) : std::string());
      json.end_object();
    }
    json.end_array();
    json.end_object();
  }
  json.end_array();
  if (outlines) {
    json.key("outlines").begin_object().key("file").value(options.park_polygons.path.substr(options.park_polygons.path.find_last_of('/') + 1));
    json.key("key").value(outlines->key()).key("matched").value(static_cast<std::uint64_t>(outlines->features().size() - outlines->unmatched()));
    json.key("unmatched").value(outlines->unmatched()).end_object();
  }
  if (!options.boundaries.path.empty()) write_boundaries(json, options.boundaries, options.max_boundary_positions);
  if (units) {
    json.key("units");
    render_json(json, *units);
  }
  if (const ResultTable* deterrence = parks ? parks->find_table(ps::deterrence) : nullptr) {
    json.key("parkDeterrence");
    render_json(json, *deterrence);
  }

  // Places and the flows between them.
  const Places places = build_places(g, unit_names, unit_of);
  json.key("places").begin_array();
  for (std::size_t p = 0; p < places.name.size(); ++p) {
    json.begin_object().key("name").value(places.name[p]).key("park").value(static_cast<bool>(places.is_unit[p]));
    json.key("nodes").value(places.nodes[p]);
    if (places.located[p]) {
      json.key("x").value(fixed_degrees(places.lon_sum[p] / static_cast<double>(places.located[p])));
      json.key("y").value(fixed_degrees(places.lat_sum[p] / static_cast<double>(places.located[p])));
    }
    json.end_object();
  }
  json.end_array();
  std::size_t flow_pairs = 0;
  const auto flows = label_pairs(g, places.of_node, static_cast<std::int64_t>(places.name.size()), options.max_flows, flow_pairs);
  json.key("flows").begin_object().key("pairs").value(static_cast<std::uint64_t>(flow_pairs));
  json.key("shown").begin_array();
  for (const auto& [pair, count] : flows)
    json.begin_array().value(pair.first).value(pair.second).value(count.links).value(count.weight).end_array();
  json.end_array().end_object();

  // Communities: profiles with the stored quality, the links between the largest, and how the
  // units' members spread over them.
  if (communities && membership.size() == g.node_count()) {
    const auto profiles = pipeline::profile_communities(g, membership, anchor_score, node_labels(anchors, anchors::stored::ranked),
                                                        node_numbers(communities, community::stored::consensus_share));
    std::unordered_map<std::int64_t, std::size_t> quality_row;
    const ResultTable* quality = communities->find_table(community::stored::communities);
    if (quality)
      for (std::size_t r = 0; r < quality->rows(); ++r)
        quality_row[static_cast<std::int64_t>(cell_number(quality->column(community::stored::community), r))] = r;
    const std::size_t shown = std::min(options.max_communities, profiles.size());
    json.key("communities").begin_object();
    json.key("method").value(communities->method).key("total").value(static_cast<std::uint64_t>(profiles.size()));
    json.key("rows").begin_array();
    for (std::size_t i = 0; i < shown; ++i) {
      const auto& p = profiles[i];
      json.begin_object().key("community").value(p.community).key("nodes").value(p.nodes).key("firms").value(p.firms);
      json.key("institutions").value(p.institutions);
      json.key("industry").value(p.top_industry).key("industry_share").value(p.top_industry_share);
      json.key("stage").value(p.top_stage).key("stage_share").value(p.top_stage_share);
      json.key("park").value(p.top_park).key("park_share").value(p.top_park_share);
      json.key("parks").value(p.parks_spanned);
      json.key("anchor").value(p.anchor < 0 ? std::string() : person_name(g, p.anchor));
      json.key("consensus").value(p.consensus);
      if (const auto it = quality_row.find(p.community); quality && it != quality_row.end())
        for (const char* column : {community::stored::density, community::stored::conductance, community::stored::internal_weight})
          json.key(column).value(cell_number(quality->column(column), it->second));
      json.end_object();
    }
    json.end_array();
    // The network view: links between the largest communities (others left out).
    constexpr std::size_t kNetworkCommunities = 40;
    std::vector<std::int64_t> network_label(g.node_count(), -1);
    std::unordered_map<std::int64_t, std::int64_t> position;
    for (std::size_t i = 0; i < std::min(kNetworkCommunities, profiles.size()); ++i)
      position[profiles[i].community] = static_cast<std::int64_t>(i);
    for (NodeId u = 0; u < g.node_count(); ++u)
      if (const auto it = position.find(membership[u]); it != position.end()) network_label[u] = it->second;
    std::size_t community_pairs = 0;
    json.key("links").begin_array();
    for (const auto& [pair, count] : label_pairs(g, network_label, static_cast<std::int64_t>(position.size()), 300, community_pairs))
      json.begin_array().value(pair.first).value(pair.second).value(count.links).end_array();
    json.end_array();
    // The firm-level view of each community drawn.
    std::vector<std::vector<NodeId>> community_members(position.size());
    for (NodeId u = 0; u < g.node_count(); ++u)
      if (network_label[u] >= 0) community_members[static_cast<std::size_t>(network_label[u])].push_back(u);
    json.key("firmViews").begin_array();
    for (auto& members : community_members)
      write_firm_view(json, g, firm_view(g, std::move(members), membership, options.view_members, options.view_partners),
                      stage_position, membership, unit_of);
    json.end_array();
    // Members of each unit per community (of those drawn), for the park-community edges.
    std::map<std::pair<std::int64_t, std::int64_t>, std::uint64_t> unit_community;
    for (NodeId u = 0; u < g.node_count(); ++u)
      if (unit_of[u] >= 0 && network_label[u] >= 0) ++unit_community[{unit_of[u], network_label[u]}];
    json.key("unitMembers").begin_array();
    for (const auto& [pair, firms] : unit_community)
      json.begin_array().value(pair.first).value(pair.second).value(firms).end_array();
    json.end_array();
    if (const ResultTable* deterrence = communities->find_table(community::stored::deterrence)) {
      json.key("deterrence");
      render_json(json, *deterrence);
    }
    json.end_object();
  }

  // Anchors: the ranked lists as stored.
  if (const ResultTable* top = anchors ? anchors->find_table(anchors::stored::top_overall) : nullptr) {
    json.key("anchors").begin_object().key("top");
    render_json(json, *top);
    if (const ResultTable* by_group = anchors->find_table(anchors::stored::top_by_group)) {
      json.key("byGroup");
      render_json(json, *by_group);
    }
    json.end_object();
  }

  // Concentration: industries meeting min_firms, and the distance-based curves of the most
  // localised industries.
  if (const ResultTable* industries = concentration ? concentration->find_table(ps::concentration::industries) : nullptr) {
    namespace cs = ps::concentration;
    const std::string unit = scalar_text(concentration->parameter("by"));
    const std::string size = scalar_text(concentration->parameter("measure")) == "employees" ? "employees" : "firms";
    const auto min_firms = static_cast<std::uint64_t>(std::get<std::int64_t>(concentration->parameter("min_firms")));
    json.key("concentration").begin_object();
    json.key("by").value(unit).key("measure").value(size).key("min_firms").value(min_firms);
    json.key("industries");
    render_json(json, *industries, view_rows(*industries, concentration_industries_view(unit, size, min_firms, 0)));
    const ResultTable* distance = concentration->find_table(cs::distance_industries);
    const ResultTable* k_density = concentration->find_table(cs::k_density);
    if (distance && k_density) {
      constexpr std::size_t kCurves = 24;
      json.key("distance");
      std::vector<std::size_t> rows = view_rows(*distance, distance_industries_view(kCurves));
      if (rows.size() > kCurves) rows.resize(kCurves);
      render_json(json, *distance, rows);
      std::vector<std::string> drawn;
      for (std::size_t r : rows) drawn.push_back(cell_text(distance->column(cs::industry), r));
      std::vector<std::size_t> curve_rows;
      for (std::size_t r = 0; r < k_density->rows(); ++r)
        if (std::find(drawn.begin(), drawn.end(), cell_text(k_density->column(cs::industry), r)) != drawn.end())
          curve_rows.push_back(r);
      json.key("kDensity");
      render_json(json, *k_density, curve_rows);
      if (concentration->parameters.end() !=
          std::find_if(concentration->parameters.begin(), concentration->parameters.end(),
                       [](const NamedScalar& p) { return p.first == "simulations"; }))
        json.key("simulations").value(scalar_text(concentration->parameter("simulations")));
    }
    json.end_object();
  }

  // Clusters where no park is drawn: the stored table and each cluster's footprint outline.
  if (const Result* found = get(sources.clusters)) {
    namespace cs = clusters::stored;
    json.key("clusters").begin_object().key("rows");
    render_json(json, *found->find_table(cs::clusters));
    json.key("footprints").begin_array();
    if (const ResultTable* hulls = found->find_table(cs::footprints)) {
      std::int64_t open = -1;
      for (std::size_t r = 0; r < hulls->rows(); ++r) {
        const auto cluster = static_cast<std::int64_t>(cell_number(hulls->column(cs::cluster), r));
        if (cluster != open) {
          if (open >= 0) json.end_array().end_array();
          json.begin_array().value(cluster).begin_array();
          open = cluster;
        }
        json.begin_array().value(fixed_degrees(cell_number(hulls->column(cs::lon), r)));
        json.value(fixed_degrees(cell_number(hulls->column(cs::lat), r))).end_array();
      }
      if (open >= 0) json.end_array().end_array();
    }
    json.end_array();
    for (const char* scalar : {"candidates", "growth_last_year"})
      if (std::any_of(found->scalars.begin(), found->scalars.end(), [&](const NamedScalar& s) { return s.first == scalar; }))
        json.key(scalar).value(scalar_text(found->scalar(scalar)));
    json.end_object();
  }

  if (const Result* found = get(sources.evolution)) write_evolution(json, *found);
  if (const Result* found = get(sources.risk)) write_risk(json, g, *found, get(sources.exposure));

  // Firm points: an even sample of the located nodes.
  std::vector<NodeId> located;
  for (NodeId u = 0; u < g.node_count(); ++u)
    if (g.nodes.located(u)) located.push_back(u);
  std::vector<NodeId> sample;
  const std::size_t total = located.size(), wanted = std::min(options.max_points, total);
  for (std::size_t j = 0; j < total; ++j)
    if ((j * wanted) / total != ((j + 1) * wanted) / total) sample.push_back(located[j]);
  json.key("points").begin_object();
  json.key("located").value(static_cast<std::uint64_t>(total)).key("shown").value(static_cast<std::uint64_t>(sample.size()));
  const std::pair<const char*, std::function<void(NodeId)>> fields[] = {
      {"x", [&](NodeId u) { json.value(fixed_degrees(g.nodes.lon[u])); }},
      {"y", [&](NodeId u) { json.value(fixed_degrees(g.nodes.lat[u])); }},
      {"unit", [&](NodeId u) { json.value(unit_of[u]); }},
      {"community", [&](NodeId u) { json.value(membership.empty() ? std::int64_t{-1} : membership[u]); }},
      {"stage", [&](NodeId u) { json.value(g.nodes.stage.missing(u) ? std::int64_t{-1} : stage_position[g.nodes.stage.codes[u]]); }},
      {"institution", [&](NodeId u) { json.value(g.nodes.kind[u] == NodeKind::firm ? 0 : 1); }},
      {"label", [&](NodeId u) { json.value(person_name(g, u)); }}};
  for (const auto& [key, write] : fields) {
    json.key(key).begin_array();
    for (NodeId u : sample) write(u);
    json.end_array();
  }
  json.end_object();
  json.end_object();
  return text.str();
}

}  // namespace firmnet::report
