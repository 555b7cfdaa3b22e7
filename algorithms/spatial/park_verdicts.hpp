// The park-versus-cluster test (docs/CONCEPTS.md §1, §2 and §6): for each spatial unit
// (park, region or co-location group) decide whether its firms form a linked cluster or are
// merely co-located, and give the evidence.
//
// Evidence per unit, in one O(n + m) pass over the selected layers: members by kind; internal
// links (count, weight, density); where members' links lead (inside the unit, elsewhere in the
// region, outside the region or the study area: external orientation); the stages present, the stage-to-stage
// matrix of internal links and the vertical (between stages) against horizontal (same stage)
// share, the interaction typology of docs/CONCEPTS.md §2; links to supporting institutions; the
// hub (the member with most internal links); and, given a community partition, the unit's
// distribution over communities. Significance: internal link counts, and their vertical and
// horizontal parts, against a null model (linkage_null.hpp: the distance null when most firms
// have coordinates, else the degree null), z-scores, empirical p-values and Benjamini-Hochberg
// q-values across the tested units; the analytic degree-null expectation and the gravity
// expectation (gravity_expectation.hpp) beside them. The verdict rule is decide_verdict()
// below; docs/METHODS.md explains it. Nodes outside the study area (study_area.hpp) belong to
// no unit, and a link to one is external, never internal or "elsewhere in the region"; units
// left without members are dropped.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "algorithms/spatial/gravity_expectation.hpp"
#include "algorithms/spatial/linkage_null.hpp"
#include "algorithms/spatial/spatial_units.hpp"
#include "algorithms/spatial/study_area.hpp"
#include "graph/progress.hpp"
#include "graph/views.hpp"

namespace firmnet::spatial {

/// Thresholds of the verdict rule; all are parameters of the stored result.
struct VerdictRules {
  double alpha = 0.05;               // q-value threshold for significant internal linkage
  std::size_t min_firms = 5;         // fewer firms: too small to tell
  std::size_t min_links = 3;         // fewer links touching members: too small to tell
  double min_ratio = 1.5;            // observed internal links / null mean for a linked cluster
  double vertical_share = 0.5;       // vertical share of typed internal links for a linked cluster
  double external_share = 0.5;       // links leaving the region at or above this: externally oriented
  double concentration = 0.5;         // internal links inside one community, for a linked cluster
  double wider_dominant_share = 0.4;  // members in their dominant community
  double wider_reach_share = 0.25;    // that community holds this share of another unit's members
  double wider_link_share = 0.4;      // member links that reach that community
  double wider_chain_share = 0.5;     // of the member links into it beyond the unit: value-chain links
};

inline constexpr const char* kVerdictLinked = "linked cluster";
inline constexpr const char* kVerdictColocation = "co-location only";
inline constexpr const char* kVerdictWider = "part of a wider cluster";
inline constexpr const char* kVerdictExternal = "externally oriented";
inline constexpr const char* kVerdictTooSmall = "too small to tell";

/// Supporting institutions counted for institutional embedding. O(1).
bool is_support_institution(NodeKind kind);

struct UnitReport {
  std::string name;
  std::uint64_t members = 0, firms = 0;
  std::array<std::uint64_t, kNodeKindCount> by_kind{};
  std::uint64_t internal_links = 0;
  double internal_weight = 0;
  double density = 0;  // internal links / (members (members - 1))
  std::uint64_t link_ends = 0;  // accepted links touching a member, once per member endpoint
  double share_internal = 0, share_region = 0, share_external = 0;
  std::vector<std::string> stages;  // stages present among member firms
  std::uint64_t vertical_links = 0, horizontal_links = 0;  // internal firm-firm links with known stages
  double vertical_share = 0;  // NaN when no such link
  std::uint64_t institution_links_unit = 0, institution_links_region = 0;
  std::int64_t hub = -1;  // node index
  std::uint64_t hub_internal_links = 0;
  // Significance of the internal links under the null that ran, and two expectations beside it:
  // the analytic degree-null one (degree_ratio = internal links / it) and the gravity one.
  double expected_analytic = 0, degree_ratio = 0, null_mean = 0, null_sd = 0, z = 0, ratio = 0, p = 0, q = 0;
  double expected_gravity = 0, gravity_ratio = 0;  // NaN without coordinates
  // The vertical and horizontal internal links (observed above) under the same null: mean, sd,
  // z, empirical p-value, and (vertical) the Benjamini-Hochberg q-value across tested units.
  double vertical_null_mean = 0, vertical_null_sd = 0, vertical_z = 0, vertical_p = 0, vertical_q = 0;
  // Effective sample sizes of the replicates of e_U and of its vertical part (the swap chains'
  // samples are correlated; effective_sample_size.hpp), and the Monte Carlo standard error of p,
  // sqrt(p (1 - p) / effective).
  double null_effective = 0, vertical_null_effective = 0, p_standard_error = 0, vertical_p_standard_error = 0;
  double horizontal_null_mean = 0, horizontal_null_sd = 0, horizontal_z = 0, horizontal_p = 0;
  bool tested = false;
  // Community alignment (NaN / -1 without a partition).
  std::int64_t dominant_community = -1;
  double dominant_share = 0, community_entropy = 0, community_outside_share = 0, community_link_share = 0;
  // Largest share of the internal links with both ends in one community (size-free: a share of
  // links against a share of links), NaN without internal links.
  double internal_community_share = 0;
  // Of the member link ends that reach the dominant community outside the unit, the share that
  // are value-chain links (two firms of one industry at different stages); NaN without any.
  double community_chain_share = 0;
  std::uint64_t communities_spanned = 0;
  std::uint64_t dominant_units_reached = 0;  // testable units (this one included) with >= wider_reach_share of members in it
  std::string verdict, reason;
};

struct StageLinkCount {
  std::size_t unit;
  std::string from, to;
  std::uint64_t links;
};

/// The settings of a run; all are stored as parameters of the result.
struct ParkRequest {
  std::string unit = "park";  // park, region or radius (DBSCAN co-location groups)
  double radius_km = 2.0;     // for unit radius
  NullOptions null;           // kind, replicates, seed, chains, distance bands
  // When set, null.kind is chosen by the data: the distance null when at least
  // min_located_share of the firms have coordinates, else the degree null.
  bool automatic_null = true;
  double min_located_share = kMostFirmsLocated;
  VerdictRules rules;
  std::string communities;    // where the partition came from, e.g. "result leiden"
  StudyArea study_area;       // nodes outside it are in no unit; links to them are external
};

struct ParkOutcome {
  SpatialUnits units;
  std::vector<UnitReport> reports;
  std::vector<StageLinkCount> stage_links;
  NullDistribution null;
  NullOptions null_options;               // the null that ran (kind resolved), for replays
  std::string null_choice;                // why: requested, or the located share against the threshold
  double located_share = 0;               // firms with coordinates / firms
  bool has_gravity = false;               // some firm has coordinates: the gravity fit ran
  community::DeterrenceFunction deterrence;  // the gravity fit's f(d) table
  std::uint64_t nodes_without_unit = 0, firms_without_unit = 0;
  std::string study_area;                 // what the study area came to (StudyAreaMembers::description)
  std::vector<std::uint8_t> in_study_area;  // per node
  std::uint64_t nodes_outside_study_area = 0;
  double nmi = 0, ari = 0;  // unit partition against the community partition (NaN without one)
};

/// The spatial units the request names: the park or region column, or DBSCAN groups with
/// the request's radius and min_firms; with `inside` (one flag per node), only the nodes inside
/// the study area are members, and units left empty are dropped. Throws DataError when there
/// are none. O(n log n).
SpatialUnits units_for(const Graph& graph, const ParkRequest& request, const std::vector<std::uint8_t>* inside = nullptr);

/// Evidence, null model and verdicts for every unit of the request on the view's accepted
/// edges. communities: a membership per node, or null for no community evidence.
/// Throws DataError without units, UsageError for bad settings. O(n + m) plus the null
/// model's cost.
ParkOutcome run_parks(const GraphView& view, const ParkRequest& request, const std::vector<std::int64_t>* communities,
                      const Progress& progress = {});

/// Applies a user's null choice: "auto" lets the data choose (automatic_null); degree,
/// distance, region or industry fix the kind; anything else throws UsageError. O(1).
void apply_null_choice(ParkRequest& request, std::string_view choice);

/// The null the request asks for: its kind, or with automatic_null the distance null when
/// located_share >= min_located_share and the degree null otherwise; `choice` gets the reason.
/// O(1).
NullKind choose_null(const ParkRequest& request, double located_share, std::string& choice);

/// The verdict rule, in order: too small to tell; externally oriented; part of a wider cluster;
/// linked cluster; co-location only (docs/METHODS.md). null_name names the null in the reason.
/// Sets report.verdict and .reason. O(1).
void decide_verdict(UnitReport& report, const VerdictRules& rules, bool has_communities, std::string_view null_name);

}  // namespace firmnet::spatial
