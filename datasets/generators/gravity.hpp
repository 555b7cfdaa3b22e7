// `gravity`: a region of towns and parks whose background trade decays with distance, the
// world in which proximity alone makes co-located firms trade with each other.
//
// Reference: the gravity rule of spatial interaction (Tinbergen 1962; Wilson 1967, with the
// exponential deterrence exp(-d / lambda)); firm-level trade falls off with distance in this
// way (Bernard, Moxnes and Saito 2019, Journal of Political Economy 127(2), 639-688).
//
// World:
//   - `towns` towns at least town_spacing_km apart around (31.5 N, 120.3 E); each hosts up to
//     three parks (about 120 m standard deviation of firm positions, 1-3 km from the town
//     centre, at least 1.5 km apart) and a share of the town firms (2 km standard deviation
//     around its centre). Parks go to the towns with the fewest parks; co-location parks
//     prefer towns that already host a cluster park, the parks of one spanning cluster lie in
//     different towns.
//   - Park kinds and their planted links as in `scenario` (park_world.hpp): linked clusters,
//     clusters spanning 2-3 parks, co-location parks (one chain and stage plus a share of
//     unrelated firms; background links only), export parks, too-small parks; outside buyers.
//   - Background trade: region firm i has mass m_i = employees_i^beta and draws
//     Poisson(background_degree x m_i / mean m) partners j by
//       P(j | i) ~ m_j exp(-d_ij / lambda), d_ij <= 8 lambda (distance_decay_sampler.hpp),
//     over every firm of the region, true positions used also for the firms published without
//     coordinates. A pair of one chain at different stages trades downstream, other pairs in a
//     random direction; 85% supply, 15% service.
//   - Panel option: links dated uniformly in [max(first year, both founding years), last year].
//   - missing_coordinates x region firms (rounded) are published without coordinates.
// Cost: O(n log n + m) time, O(n + m) memory (expected; the background draws run in parallel
// and do not depend on the thread count).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "datasets/generators/generated.hpp"
#include "datasets/generators/park_world.hpp"

namespace firmnet::generators {

struct GravityParameters : ParkLayout {
  GravityParameters() {
    linked_clusters = 2;
    colocation_parks = 3;
    town_firms = 2400;  // spread over the towns
  }
  int towns = 6;
  double town_spacing_km = 8;         // minimum distance between town centres
  double unrelated_share = 0.1;       // share of a co-location park's firms of unrelated industries
  double decay_km = 3.0;              // lambda of the background trade (km)
  double background_degree = 2.0;     // mean background links drawn per region firm
  double activity_exponent = 1.0;     // beta: mass = employees^beta
  double size_log_sd = 1.0;           // log-sd of ordinary firms' employees (median 25)
  double missing_coordinates = 0.03;  // share of region firms published without coordinates
  int first_year = 0, last_year = 0;  // link years; 0 and 0 = undated links
  std::uint64_t seed = 1;
};

/// The background kernel's cutoff in multiples of decay_km.
inline constexpr double kGravityCutoffDecays = 8.0;

/// Throws UsageError for out-of-range parameters, naming the option.
void validate(const GravityParameters& parameters);

/// A gravity world with what the network file does not show: every planned link with its
/// origin (before GraphBuilder merges links that coincide in source, target, type and year),
/// the background draws (drawer, partner) in the order of the background links in `links`,
/// and the true position of every node (also of firms published without coordinates).
struct GravityWorld {
  GeneratedNetwork network;
  std::vector<PlannedLink> links;
  std::vector<NodeId> background_drawer, background_partner;
  std::vector<double> lat, lon;
};

/// Generates the world. Truth tables:
///   truth_nodes: park, town, planted_cluster, role (anchor, member, institution, colocated,
///                export, small_park, town, outside_buyer), is_anchor, planted_verdict,
///                stage_order
///   truth_parks: park, verdict, town, planted_cluster, firms, composition
///   truth_world: decay_km, kernel_cutoff_km, background_links, planted_links,
///                firms_without_coordinates (one row)
/// Expected O(n log n + m).
GravityWorld generate_gravity_world(const GravityParameters& parameters);

/// generate_gravity_world(parameters).network. Expected O(n log n + m).
GeneratedNetwork generate_gravity(const GravityParameters& parameters);

/// Invariants of a world, checked serially against its parameters: links dated inside the
/// panel and not before either end was founded (undated without a panel); background draws
/// between two different firms of the region within the cutoff, one background link each;
/// the exact number of region firms without coordinates, every other node with them; truth
/// tables that agree with the node table (parks, towns, verdicts, firm counts); at most three
/// parks per town and the parks of a spanning cluster in different towns. Returns the
/// violations (empty = ok). O(n + m + parks x n).
std::vector<std::string> verify_gravity_world(const GravityWorld& world, const GravityParameters& parameters);

}  // namespace firmnet::generators
