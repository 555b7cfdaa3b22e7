#include "datasets/generators/gravity.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <numbers>
#include <set>
#include <string>
#include <vector>

#include "datasets/generators/distance_decay_sampler.hpp"
#include "graph/errors.hpp"
#include "graph/geo_distance.hpp"
#include "graph/random.hpp"

namespace firmnet::generators {

namespace {

constexpr double kCentreLat = 31.5, kCentreLon = 120.3;  // a county in southern Jiangsu
constexpr double kKmPerDegree = kEarthRadiusKm * std::numbers::pi / 180.0;
constexpr int kMaxParksPerTown = 3;
constexpr double kParkSpreadKm = 0.12;     // standard deviation of firm positions in a park
constexpr double kTownSpreadKm = 2.0;      // of town firms around the town centre
constexpr double kParkNearKm = 1.0, kParkFarKm = 3.0;  // park centre from the town centre
constexpr double kParkSpacingKm = 1.5;     // between parks of one town
// Export firms trade far more than their background, almost all of it with outside buyers.
constexpr double kExportActivity = 3.0;
constexpr std::uint64_t kBackgroundStream = 0x6772617669747901ULL;  // derive_seed stream of the background draws

enum class ParkKind { linked, spanning, colocation, exporting, small };

struct Town {
  std::string name;
  double x_km = 0, y_km = 0;  // from the centre
  std::vector<std::size_t> parks;
};

struct PlannedPark {
  ParkKind kind;
  int group = -1;  // spanning cluster index, -1 otherwise
  std::size_t town = 0;
  Place place = {};
};

class GravityBuilder {
 public:
  explicit GravityBuilder(const GravityParameters& p)
      : p_(p),
        rng_(p.seed),
        world_(rng_, p.link_density, p.firms_per_park,
               FirmTraits{p.size_log_sd, p.last_year != 0 ? std::min(2023, p.last_year) : 2023, true}) {}

  GravityWorld build();

 private:
  // A point at least min_km from `others` (the farthest candidate of 2000 if none is).
  template <typename Distance>
  std::pair<double, double> spaced_point(double half_side, double min_km, std::size_t others, Distance distance_to);
  void place_towns();
  void plan_parks();
  std::size_t pick_town(const std::set<std::size_t>& excluded, bool prefer_cluster_towns);
  Place place_at(const std::string& park, const Town& town, double x_km, double y_km, double spread_km) const;
  void add_town_firms();
  void add_background(GravityWorld& out);
  void date_links();
  void hide_coordinates();

  const GravityParameters& p_;
  Rng rng_;
  ParkWorld world_;
  std::vector<Town> towns_;
  std::vector<PlannedPark> parks_;
  std::vector<bool> hosts_cluster_;  // per town
  std::int64_t hidden_ = 0;
};

template <typename Distance>
std::pair<double, double> GravityBuilder::spaced_point(double half_side, double min_km, std::size_t others,
                                                       Distance distance_to) {
  double best_x = 0, best_y = 0, best_gap = -1;
  for (int attempt = 0; attempt < 2000; ++attempt) {
    const double x = rng_.uniform(-half_side, half_side), y = rng_.uniform(-half_side, half_side);
    double gap = std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < others; ++k) gap = std::min(gap, distance_to(k, x, y));
    if (gap > best_gap) best_x = x, best_y = y, best_gap = gap;
    if (gap >= min_km) break;
  }
  return {best_x, best_y};
}

void GravityBuilder::place_towns() {
  // The box leaves each town twice the area of a square of side town_spacing_km, well below
  // the density at which random sequential placement jams.
  const double half_side = 0.5 * p_.town_spacing_km * std::sqrt(2.0 * p_.towns);
  for (int t = 0; t < p_.towns; ++t) {
    const auto [x, y] = spaced_point(half_side, p_.town_spacing_km, towns_.size(),
                                     [&](std::size_t k, double px, double py) {
                                       return std::hypot(px - towns_[k].x_km, py - towns_[k].y_km);
                                     });
    char name[32];
    std::snprintf(name, sizeof name, "town-%02d", t + 1);
    towns_.push_back({name, x, y, {}});
  }
  hosts_cluster_.assign(towns_.size(), false);
}

std::size_t GravityBuilder::pick_town(const std::set<std::size_t>& excluded, bool prefer_cluster_towns) {
  // The towns with room and the fewest parks (among cluster towns when preferred and
  // possible); ties broken at random.
  std::vector<std::size_t> open;
  for (std::size_t t = 0; t < towns_.size(); ++t)
    if (towns_[t].parks.size() < kMaxParksPerTown && !excluded.count(t)) open.push_back(t);
  if (prefer_cluster_towns) {
    std::vector<std::size_t> preferred;
    for (std::size_t t : open)
      if (hosts_cluster_[t]) preferred.push_back(t);
    if (!preferred.empty()) open = preferred;
  }
  std::size_t fewest = kMaxParksPerTown;
  for (std::size_t t : open) fewest = std::min(fewest, towns_[t].parks.size());
  std::vector<std::size_t> tied;
  for (std::size_t t : open)
    if (towns_[t].parks.size() == fewest) tied.push_back(t);
  return tied[rng_.below(tied.size())];
}

Place GravityBuilder::place_at(const std::string& park, const Town& town, double x_km, double y_km,
                               double spread_km) const {
  Place place;
  place.park = park;
  place.town = town.name;
  place.lat = kCentreLat + y_km / kKmPerDegree;
  const double lon_stretch = 1.0 / std::cos(place.lat * std::numbers::pi / 180.0);
  place.lon = kCentreLon + x_km / kKmPerDegree * lon_stretch;
  place.spread_deg = spread_km / kKmPerDegree;
  place.lon_stretch = lon_stretch;
  return place;
}

void GravityBuilder::plan_parks() {
  for (int c = 0; c < p_.linked_clusters; ++c) parks_.push_back({ParkKind::linked, -1, 0, {}});
  for (int c = 0; c < p_.spanning_clusters; ++c)
    for (int k = 0; k < p_.parks_per_spanning; ++k) parks_.push_back({ParkKind::spanning, c, 0, {}});
  for (int c = 0; c < p_.colocation_parks; ++c) parks_.push_back({ParkKind::colocation, -1, 0, {}});
  for (int c = 0; c < p_.small_parks; ++c) parks_.push_back({ParkKind::small, -1, 0, {}});
  for (int c = 0; c < p_.export_parks; ++c) parks_.push_back({ParkKind::exporting, -1, 0, {}});

  // Towns: spanning clusters first (their parks need different towns), then linked clusters,
  // then co-location parks beside cluster parks, then the rest.
  auto assign = [&](std::size_t index, std::size_t town) {
    parks_[index].town = town;
    towns_[town].parks.push_back(index);
    if (parks_[index].kind == ParkKind::linked || parks_[index].kind == ParkKind::spanning) hosts_cluster_[town] = true;
  };
  for (int c = 0; c < p_.spanning_clusters; ++c) {
    std::set<std::size_t> used;
    for (std::size_t i = 0; i < parks_.size(); ++i)
      if (parks_[i].kind == ParkKind::spanning && parks_[i].group == c) {
        assign(i, pick_town(used, false));
        used.insert(parks_[i].town);
      }
  }
  for (ParkKind kind : {ParkKind::linked, ParkKind::colocation, ParkKind::exporting, ParkKind::small})
    for (std::size_t i = 0; i < parks_.size(); ++i)
      if (parks_[i].kind == kind) assign(i, pick_town({}, kind == ParkKind::colocation));

  // Park centres 1-3 km from their town's centre, apart from the town's other parks.
  for (std::size_t i = 0; i < parks_.size(); ++i) {
    const Town& town = towns_[parks_[i].town];
    std::vector<std::pair<double, double>> placed;
    for (std::size_t other : town.parks)
      if (other < i) placed.emplace_back(parks_[other].place.lat, parks_[other].place.lon);
    double x = 0, y = 0;
    for (int attempt = 0; attempt < 2000; ++attempt) {
      const double radius = rng_.uniform(kParkNearKm, kParkFarKm), angle = rng_.uniform(0, 2 * std::numbers::pi);
      x = town.x_km + radius * std::cos(angle);
      y = town.y_km + radius * std::sin(angle);
      const Place candidate = place_at("", town, x, y, 0);
      bool clear = true;
      for (const auto& [lat, lon] : placed)
        clear = clear && haversine_km(candidate.lat, candidate.lon, lat, lon) >= kParkSpacingKm;
      if (clear) break;
    }
    char name[32];
    std::snprintf(name, sizeof name, "park-%02zu", i + 1);
    parks_[i].place = place_at(name, town, x, y, kParkSpreadKm);
  }
}

void GravityBuilder::add_town_firms() {
  const auto& chains = value_chains();
  for (int i = 0; i < p_.town_firms; ++i) {
    const Town& town = towns_[rng_.below(towns_.size())];
    const Place place = place_at("", town, town.x_km, town.y_km, kTownSpreadKm);
    const ValueChain& chain = chains[rng_.below(chains.size())];
    world_.add_firm(chain, rng_.below(chain.stages.size()), place, false, false, "", "town", "");
  }
}

void GravityBuilder::add_background(GravityWorld& out) {
  const std::vector<NodeId>& firms = world_.region_firms();
  const NodeTableBuilder& nodes = world_.nodes();
  std::vector<double> lat(firms.size()), lon(firms.size()), mass(firms.size());
  double total_mass = 0;
  for (std::size_t k = 0; k < firms.size(); ++k) {
    lat[k] = nodes.lat(firms[k]);
    lon[k] = nodes.lon(firms[k]);
    total_mass += mass[k] = std::pow(nodes.employees(firms[k]), p_.activity_exponent);
  }
  const double mean_mass = total_mass / static_cast<double>(std::max<std::size_t>(1, firms.size()));
  std::vector<std::uint32_t> counts(firms.size());
  for (std::size_t k = 0; k < firms.size(); ++k)
    counts[k] = static_cast<std::uint32_t>(rng_.poisson(p_.background_degree * mass[k] / mean_mass));
  const DistanceDecayKernel kernel{p_.decay_km, kGravityCutoffDecays * p_.decay_km};
  const PartnerDraws draws =
      draw_distance_decay_partners(lat, lon, mass, counts, kernel, derive_seed(p_.seed, kBackgroundStream));
  out.background_drawer.reserve(draws.drawer.size());
  out.background_partner.reserve(draws.partner.size());
  for (std::size_t k = 0; k < draws.drawer.size(); ++k) {
    const NodeId u = firms[draws.drawer[k]], v = firms[draws.partner[k]];
    out.background_drawer.push_back(u);
    out.background_partner.push_back(v);
    world_.add_background_link(u, v, true);
  }
}

void GravityBuilder::date_links() {
  if (p_.first_year == 0) return;
  const NodeTableBuilder& nodes = world_.nodes();
  for (PlannedLink& link : world_.links()) {
    const std::int64_t first = std::max({p_.first_year, nodes.founded(link.source), nodes.founded(link.target)});
    link.year = static_cast<std::int16_t>(rng_.between(first, p_.last_year));
  }
}

void GravityBuilder::hide_coordinates() {
  // An exact count, chosen by a partial Fisher-Yates shuffle of the region's firms.
  std::vector<NodeId> firms = world_.region_firms();
  hidden_ = std::llround(p_.missing_coordinates * static_cast<double>(firms.size()));
  for (std::int64_t k = 0; k < hidden_; ++k) {
    const auto pick = static_cast<std::size_t>(k) + rng_.below(firms.size() - static_cast<std::size_t>(k));
    std::swap(firms[static_cast<std::size_t>(k)], firms[pick]);
    world_.clear_coordinates(firms[static_cast<std::size_t>(k)]);
  }
}

GravityWorld GravityBuilder::build() {
  GravityWorld out;
  place_towns();
  plan_parks();
  if (p_.export_parks > 0) world_.add_outside_buyers(p_.outside_buyers);
  auto places_of = [&](ParkKind kind, int group) {
    std::vector<Place> places;
    for (const PlannedPark& park : parks_)
      if (park.kind == kind && park.group == group) places.push_back(park.place);
    return places;
  };
  for (const PlannedPark& park : parks_)
    if (park.kind == ParkKind::linked) world_.plant_cluster({park.place}, kLinkedCluster);
  for (int c = 0; c < p_.spanning_clusters; ++c) world_.plant_cluster(places_of(ParkKind::spanning, c), kWiderCluster);
  for (const PlannedPark& park : parks_)
    if (park.kind == ParkKind::colocation) world_.plant_colocation(park.place, p_.unrelated_share);
  for (const PlannedPark& park : parks_)
    if (park.kind == ParkKind::small) world_.plant_small(park.place, p_.small_park_firms);
  add_town_firms();
  // Export firms buy some inputs from the region's other firms, so those exist first.
  for (const PlannedPark& park : parks_)
    if (park.kind == ParkKind::exporting) world_.plant_export(park.place, kExportActivity);
  const std::size_t planted = world_.links().size();
  add_background(out);
  date_links();

  const NodeTableBuilder& nodes = world_.nodes();
  out.lat.resize(nodes.size());
  out.lon.resize(nodes.size());
  for (NodeId u = 0; u < nodes.size(); ++u) out.lat[u] = nodes.lat(u), out.lon[u] = nodes.lon(u);
  hide_coordinates();
  out.links = world_.links();

  const std::string years =
      p_.first_year == 0 ? "none" : std::to_string(p_.first_year) + "-" + std::to_string(p_.last_year);
  std::vector<std::pair<std::string, std::string>> parameters = {
      {"towns", std::to_string(p_.towns)}, {"town_spacing_km", parameter_text(p_.town_spacing_km)}};
  for (auto& entry : layout_parameters(p_)) parameters.push_back(std::move(entry));
  parameters.insert(parameters.end(), {{"unrelated_share", parameter_text(p_.unrelated_share)},
                                       {"decay_km", parameter_text(p_.decay_km)},
                                       {"background_degree", parameter_text(p_.background_degree)},
                                       {"activity_exponent", parameter_text(p_.activity_exponent)},
                                       {"size_log_sd", parameter_text(p_.size_log_sd)},
                                       {"missing_coordinates", parameter_text(p_.missing_coordinates)},
                                       {"years", years},
                                       {"seed", std::to_string(p_.seed)}});
  out.network = std::move(world_).finish(std::move(parameters));
  TruthTable world_truth{"world", false, {}};
  world_truth.columns.push_back({"decay_km", Float64Column{p_.decay_km}});
  world_truth.columns.push_back({"kernel_cutoff_km", Float64Column{kGravityCutoffDecays * p_.decay_km}});
  world_truth.columns.push_back(
      {"background_links", Int64Column{static_cast<std::int64_t>(out.background_drawer.size())}});
  world_truth.columns.push_back({"planted_links", Int64Column{static_cast<std::int64_t>(planted)}});
  world_truth.columns.push_back({"firms_without_coordinates", Int64Column{hidden_}});
  out.network.truth.push_back(std::move(world_truth));
  return out;
}

}  // namespace

void validate(const GravityParameters& p) {
  auto require = [](bool ok, const std::string& message) {
    if (!ok) throw UsageError("gravity: " + message);
  };
  validate_layout(p, "gravity");
  require(p.towns >= 1 && p.towns <= 1000, "--towns must be in 1..1000");
  require(p.town_spacing_km >= 1 && p.town_spacing_km <= 100, "--town-spacing-km must be in [1, 100]");
  require(p.spanning_clusters == 0 || p.parks_per_spanning <= p.towns,
          "a spanning cluster needs --parks-per-spanning different towns");
  require(p.parks() <= static_cast<std::int64_t>(kMaxParksPerTown) * p.towns, "at most 3 parks per town: add --towns");
  require(p.unrelated_share >= 0 && p.unrelated_share <= 1, "--unrelated-share must be in [0, 1]");
  require(p.decay_km >= 0.1 && p.decay_km <= 100, "--decay-km must be in [0.1, 100]");
  require(p.background_degree >= 0 && p.background_degree <= 100, "--background-degree must be in [0, 100]");
  require(p.activity_exponent >= 0 && p.activity_exponent <= 2, "--activity-exponent must be in [0, 2]");
  require(p.size_log_sd >= 0 && p.size_log_sd <= 3, "--size-log-sd must be in [0, 3]");
  require(p.missing_coordinates >= 0 && p.missing_coordinates <= 0.9, "--missing-coordinates must be in [0, 0.9]");
  require((p.first_year == 0 && p.last_year == 0) ||
              (p.first_year >= 1985 && p.first_year <= p.last_year && p.last_year <= 2100),
          "--years must be 'none' or a range FIRST-LAST within 1985-2100");
}

GravityWorld generate_gravity_world(const GravityParameters& parameters) {
  validate(parameters);
  return GravityBuilder(parameters).build();
}

GeneratedNetwork generate_gravity(const GravityParameters& parameters) {
  return generate_gravity_world(parameters).network;
}

std::vector<std::string> verify_gravity_world(const GravityWorld& world, const GravityParameters& p) {
  std::vector<std::string> violations;
  auto fail = [&](const std::string& message) { violations.push_back(message); };
  const Graph& g = world.network.graph;
  const NodeTable& nodes = g.nodes;
  const NodeId n = g.node_count();
  if (world.lat.size() != n || world.lon.size() != n) return {"true positions do not cover the nodes"};
  const std::int32_t study = nodes.region.code_of(kStudyRegion);
  auto region_firm = [&](NodeId u) { return nodes.kind[u] == NodeKind::firm && nodes.region.codes[u] == study; };

  for (std::size_t k = 0; k < world.links.size(); ++k) {
    const PlannedLink& e = world.links[k];
    if (e.source >= n || e.target >= n) {
      fail("link " + std::to_string(k) + ": endpoint out of range");
      continue;
    }
    if (p.first_year == 0) {
      if (e.year != kNoYear) fail("link " + std::to_string(k) + ": dated without a panel");
    } else if (e.year < p.first_year || e.year > p.last_year || e.year < nodes.founded[e.source] ||
               e.year < nodes.founded[e.target]) {
      fail("link " + std::to_string(k) + ": year " + std::to_string(e.year) + " outside the panel or before a founding");
    }
  }
  std::size_t background = 0;
  for (const PlannedLink& e : world.links) background += e.origin == LinkOrigin::background;
  if (background != world.background_drawer.size() || world.background_partner.size() != background)
    fail("background links and background draws differ in number");
  const double cutoff = kGravityCutoffDecays * p.decay_km;
  for (std::size_t k = 0; k < world.background_drawer.size() && k < world.background_partner.size(); ++k) {
    const NodeId u = world.background_drawer[k], v = world.background_partner[k];
    if (u >= n || v >= n || u == v || !region_firm(u) || !region_firm(v))
      fail("background draw " + std::to_string(k) + ": not between two different firms of the region");
    else if (haversine_km(world.lat[u], world.lon[u], world.lat[v], world.lon[v]) > cutoff)
      fail("background draw " + std::to_string(k) + ": beyond the cutoff");
  }

  std::int64_t region_firms = 0, without = 0;
  for (NodeId u = 0; u < n; ++u) {
    const bool missing = std::isnan(nodes.lat[u]) || std::isnan(nodes.lon[u]);
    if (region_firm(u)) {
      ++region_firms;
      without += missing;
    } else if (missing) {
      fail("node " + std::string(nodes.id[u]) + " outside the region's firms lacks coordinates");
    }
  }
  if (without != std::llround(p.missing_coordinates * static_cast<double>(region_firms)))
    fail(std::to_string(without) + " firms without coordinates, expected " +
         std::to_string(std::llround(p.missing_coordinates * static_cast<double>(region_firms))));

  const TruthTable& truth = world.network.truth_table("nodes");
  const TruthTable& parks = world.network.truth_table("parks");
  const auto& truth_park = std::get<StringColumn>(truth.column("park").values);
  const auto& truth_town = std::get<StringColumn>(truth.column("town").values);
  const auto& truth_verdict = std::get<StringColumn>(truth.column("planted_verdict").values);
  const auto town_extra = std::find_if(nodes.extra.begin(), nodes.extra.end(),
                                       [](const ExtraColumn& c) { return c.name == "town"; });
  if (town_extra == nodes.extra.end()) return {"the node table has no town column"};
  const auto& town_column = std::get<StringColumn>(town_extra->values);
  for (NodeId u = 0; u < n; ++u)
    if (truth_park.value(u) != nodes.park.value(u) || truth_town.value(u) != town_column.value(u))
      fail("node " + std::string(nodes.id[u]) + ": truth park or town differs from the node table");
  const auto& park_name = std::get<StringColumn>(parks.column("park").values);
  const auto& park_verdict = std::get<StringColumn>(parks.column("verdict").values);
  const auto& park_town = std::get<StringColumn>(parks.column("town").values);
  const auto& park_cluster = std::get<StringColumn>(parks.column("planted_cluster").values);
  const auto& park_firms = std::get<Int64Column>(parks.column("firms").values);
  std::map<std::string, int> parks_per_town;
  std::map<std::string, std::set<std::string>> towns_of_cluster;
  std::map<std::string, int> parks_of_cluster;
  for (std::size_t r = 0; r < park_name.size(); ++r) {
    const std::string name(park_name.value(r));
    std::int64_t firms = 0;
    for (NodeId u = 0; u < n; ++u) {
      if (nodes.park.value(u) != name) continue;
      ++firms;
      if (truth_verdict.value(u) != park_verdict.value(r) || town_column.value(u) != park_town.value(r))
        fail("node " + std::string(nodes.id[u]) + ": verdict or town differs from its park's");
    }
    if (firms != park_firms[r]) fail("park " + name + ": " + std::to_string(firms) + " firms, truth says " +
                                     std::to_string(park_firms[r]));
    ++parks_per_town[std::string(park_town.value(r))];
    if (park_verdict.value(r) == kWiderCluster) {
      towns_of_cluster[std::string(park_cluster.value(r))].insert(std::string(park_town.value(r)));
      ++parks_of_cluster[std::string(park_cluster.value(r))];
    }
  }
  for (const auto& [town, count] : parks_per_town)
    if (count > kMaxParksPerTown) fail(town + ": " + std::to_string(count) + " parks");
  for (const auto& [cluster, towns] : towns_of_cluster)
    if (static_cast<int>(towns.size()) != parks_of_cluster[cluster]) fail(cluster + ": two parks in one town");
  return violations;
}

}  // namespace firmnet::generators
