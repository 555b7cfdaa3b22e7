#include "datasets/generators/scenario.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "datasets/generators/park_world.hpp"
#include "graph/errors.hpp"
#include "graph/geo_distance.hpp"
#include "graph/random.hpp"

namespace firmnet::generators {

namespace {

// Export firms trade more than the average firm, almost all of it with outside buyers.
constexpr double kExportActivity = 1.5;

class ScenarioBuilder {
 public:
  explicit ScenarioBuilder(const ScenarioParameters& p) : p_(p), rng_(p.seed), world_(rng_, p.link_density, p.firms_per_park) {}

  GeneratedNetwork build();

 private:
  void place_parks(int count);
  void add_town_firms();
  void add_background();

  const ScenarioParameters& p_;
  Rng rng_;
  ParkWorld world_;
  std::vector<Place> places_;
  std::size_t next_place_ = 0;
};

void ScenarioBuilder::place_parks(int count) {
  // Parks at least min_km apart inside a box that grows with the number of parks.
  const double half_side = 0.35 * std::max(1.0, std::sqrt(count / 9.0));
  const double min_km = 9.0;
  constexpr double kCentreLat = 29.70, kCentreLon = 120.25;  // a county in Zhejiang
  for (int i = 0; i < count; ++i) {
    Place place;
    for (int attempt = 0; attempt < 2000; ++attempt) {
      place.lat = kCentreLat + rng_.uniform(-half_side, half_side);
      place.lon = kCentreLon + rng_.uniform(-half_side, half_side);
      bool clear = true;
      for (const auto& other : places_)
        clear = clear && haversine_km(place.lat, place.lon, other.lat, other.lon) >= min_km;
      if (clear) break;
    }
    char label[32];
    std::snprintf(label, sizeof label, "park-%02d", i + 1);
    place.park = label;
    std::snprintf(label, sizeof label, "town-%02d", i + 1);
    place.town = label;
    place.spread_deg = 0.003;  // about 330 m
    places_.push_back(place);
  }
}

void ScenarioBuilder::add_town_firms() {
  const auto& chains = value_chains();
  for (int i = 0; i < p_.town_firms; ++i) {
    Place town = places_[rng_.below(places_.size())];
    town.park.clear();
    town.spread_deg = 0.03;
    const ValueChain& chain = chains[rng_.below(chains.size())];
    world_.add_firm(chain, rng_.below(chain.stages.size()), town, false, false, "", "town", "");
  }
}

void ScenarioBuilder::add_background() {
  // Town firms are the background trade itself, so they draw more background links than park
  // firms.
  const double park_rate = p_.link_density * p_.mixing / (1.0 - p_.mixing);
  const double town_rate = p_.link_density * 0.5;
  const std::vector<NodeId>& firms = world_.region_firms();
  for (const NodeId u : firms) {
    const std::uint64_t links = rng_.poisson(world_.role(u) == "town" ? town_rate : park_rate);
    for (std::uint64_t l = 0; l < links; ++l) {
      NodeId v = u;
      while (v == u) v = firms[rng_.below(firms.size())];
      world_.add_background_link(u, v, false);
    }
  }
}

GeneratedNetwork ScenarioBuilder::build() {
  place_parks(p_.linked_clusters + p_.spanning_clusters * p_.parks_per_spanning + p_.colocation_parks +
              p_.export_parks + p_.small_parks);
  if (p_.export_parks > 0) world_.add_outside_buyers(p_.outside_buyers);
  for (int c = 0; c < p_.linked_clusters; ++c) world_.plant_cluster({places_[next_place_++]}, kLinkedCluster);
  for (int c = 0; c < p_.spanning_clusters; ++c) {
    std::vector<Place> spanned(places_.begin() + next_place_, places_.begin() + next_place_ + p_.parks_per_spanning);
    next_place_ += p_.parks_per_spanning;
    world_.plant_cluster(spanned, kWiderCluster);
  }
  // Even-numbered co-location parks hold one industry and stage, odd ones unrelated industries.
  for (int c = 0; c < p_.colocation_parks; ++c) world_.plant_colocation(places_[next_place_++], c % 2 == 0 ? 0.0 : 1.0);
  for (int c = 0; c < p_.small_parks; ++c) world_.plant_small(places_[next_place_++], p_.small_park_firms);
  add_town_firms();
  // Export firms buy some inputs from the region's other firms, so those exist first.
  for (int c = 0; c < p_.export_parks; ++c) world_.plant_export(places_[next_place_++], kExportActivity);
  add_background();
  for (int c = 0; c < p_.critical_suppliers; ++c) {
    Place town = places_[rng_.below(places_.size())];
    town.park.clear();
    town.spread_deg = 0.03;
    world_.plant_critical_supplier(town, "C" + std::to_string(26 + c), p_.critical_customers);
  }

  auto parameters = layout_parameters(p_);
  parameters.emplace_back("mixing", parameter_text(p_.mixing));
  if (p_.critical_suppliers > 0) {
    parameters.emplace_back("critical_suppliers", std::to_string(p_.critical_suppliers));
    parameters.emplace_back("critical_customers", std::to_string(p_.critical_customers));
  }
  parameters.emplace_back("seed", std::to_string(p_.seed));
  return std::move(world_).finish(std::move(parameters));
}

}  // namespace

void validate(const ScenarioParameters& p) {
  validate_layout(p, "scenario");
  if (!(p.mixing >= 0 && p.mixing <= 0.9)) throw UsageError("scenario: --mixing must be in [0, 0.9]");
  if (p.critical_suppliers < 0 || p.critical_suppliers > 20)
    throw UsageError("scenario: --critical-suppliers must be in 0..20");
  if (p.critical_customers < 1) throw UsageError("scenario: --critical-customers must be at least 1");
}

GeneratedNetwork generate_scenario(const ScenarioParameters& parameters) {
  validate(parameters);
  return ScenarioBuilder(parameters).build();
}

}  // namespace firmnet::generators
