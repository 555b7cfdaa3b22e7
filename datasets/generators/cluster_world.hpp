// `clusters`: a region without parks in which linked clusters of each kind of Markusen's
// typology are planted (Markusen 1996, "Sticky places in slippery space: a typology of
// industrial districts", Economic Geography 72(3), 293-313), next to co-located firms that
// are no cluster, over distance-decaying background trade. The world behind `firmnet
// clusters` (docs/clusters.md).
//
// World, around (31.5 N, 120.3 E); the meridian 120.3 E divides region "west" from "east":
//   - marshallian: small firms of one value chain (median 12 employees), dense local supply
//     links from each stage to the next and subcontracting/cooperation within a stage, an
//     association and a service platform with membership/service links to most firms;
//   - hub_and_spoke: two anchor firms (2,500-4,000 employees) with tier-1 suppliers that
//     each supply one or both anchors and tier-2 suppliers that supply a tier-1 firm;
//   - satellite: foreign-owned branch plants, each owned (and supplied) by one of a few parents
//     outside the region, selling mostly to buyers outside it, with sparse local supply links;
//   - state_anchored: a university and a state-owned firm at the centre: technology and
//     cooperation links from the university, supply to and from the state firm;
//   - cross_border: a second Marshallian district whose firms lie on both sides of the border;
//   - colocated: firms of one industry and stage packed into one spot with no planted link.
// Background: `background_firms` firms of other industries (70% without a known stage) around
// `towns` towns (1.5 km standard deviation), the first six centred on the planted clusters and
// the co-location group, the others at random. Every firm of the region (cluster or not) has mass m = employees^0.5 and draws
// Poisson(background_degree m / mean m) partners by P(j | i) ~ m_j exp(-d_ij / decay_km),
// d_ij <= 8 decay_km (distance_decay_sampler.hpp): heavy-tailed degrees from log-normal sizes.
// Background links are supply (85%) or service, in a random direction. missing_coordinates x
// the region's ordinary firms (not anchors) are published without coordinates.
// Cost: expected O(n log n + m).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "datasets/generators/generated.hpp"

namespace firmnet::generators {

struct ClusterWorldParameters {
  int cluster_firms = 36;              // firms of each planted cluster (the hub's anchors included)
  int colocated_firms = 30;            // firms of the co-location group
  int background_firms = 700;          // ordinary firms around the towns
  int towns = 8;                       // the first six hold the clusters and the co-location group
  double decay_km = 3.0;               // lambda of the background trade
  double background_degree = 2.0;      // mean background links drawn per firm
  double missing_coordinates = 0.03;   // share of ordinary region firms without coordinates
  std::uint64_t seed = 1;
};

/// The planted cluster types, in the order of the clusters' numbers (1 = marshallian, ...).
inline constexpr const char* kPlantedClusterTypes[] = {"marshallian", "hub_and_spoke", "satellite",
                                                        "state_anchored", "marshallian"};
inline constexpr int kPlantedClusters = 5;
inline constexpr int kCrossBorderCluster = 5;  // the cluster straddling the two regions

/// Throws UsageError for out-of-range parameters, naming the option. O(1).
void validate(const ClusterWorldParameters& parameters);

/// Generates the world. Truth tables:
///   truth_nodes: planted_cluster (1..5, 0 = none), planted_type, role (anchor, member,
///                institution, branch, parent, outside_buyer, colocated, background)
///   truth_clusters: planted_cluster, type, firms, regions (";"-separated), cross_border
/// Expected O(n log n + m).
GeneratedNetwork generate_cluster_world(const ClusterWorldParameters& parameters);

/// Invariants of a generated world, checked serially: one truth row per node, planted
/// clusters with the sizes asked, every member of cluster k of its type, the cross-border
/// cluster with firms in both regions and the others in one, the outside nodes in region
/// "outside", some firm without coordinates when the share asks for one. Returns the violations (empty =
/// ok). O(n + m).
std::vector<std::string> verify_cluster_world(const GeneratedNetwork& world, const ClusterWorldParameters& parameters);

}  // namespace firmnet::generators
