// firmnet evolution: how parks (or regions) and communities change over dated snapshots
// (docs/evolution.md). Composes the family's kernels: snapshots.hpp (views per year or window),
// unit_dynamics.hpp (signatures and the park test's null per unit and snapshot),
// life_cycle_stage.hpp (the stage rule), and Leiden per snapshot (community_detection.hpp)
// tracked by dynamic_communities.hpp (Greene, Doyle & Cunningham 2010), the park test's verdict
// per year (park_verdict_trajectory.hpp), anchor succession (anchor_succession.hpp) and, for
// parks with an establishment year (park_establishment.hpp), the event study and
// difference-in-differences estimate (event_study.hpp).
// Complexity: O(T (n + m)) for the snapshots and signatures, plus T null runs and T Leiden runs
// on the snapshots' links.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "algorithms/community/community_detection.hpp"
#include "algorithms/evolution/anchor_succession.hpp"
#include "algorithms/evolution/dynamic_communities.hpp"
#include "algorithms/evolution/event_study.hpp"
#include "algorithms/evolution/life_cycle_stage.hpp"
#include "algorithms/evolution/park_establishment.hpp"
#include "algorithms/evolution/park_verdict_trajectory.hpp"
#include "algorithms/evolution/snapshots.hpp"
#include "algorithms/evolution/unit_dynamics.hpp"
#include "algorithms/spatial/spatial_units.hpp"

namespace firmnet::evolution {

/// The settings of a run; all are stored as parameters of the result.
struct EvolutionRequest {
  std::string unit = "park";  // park, region or radius (the park test's co-location groups)
  double radius_km = 2.0;     // for unit radius
  SnapshotRequest snapshots;
  spatial::NullOptions null{.kind = spatial::NullKind::degree, .replicates = 19};
  StageRules stages;
  spatial::VerdictRules verdicts;  // the park test's rule per year (min_firms also sizes radius groups)
  int top_anchors = 3;             // anchors ranked per unit and year
  std::vector<ParkRecord> parks_table;  // establishment years and areas (--parks-table)
  std::string parks_table_name;         // its file, for messages and the parameters
  EventStudyRequest event_study;        // seeded from null.seed by the caller
  bool communities = true;              // Leiden per snapshot and dynamic communities
  community::CommunityRequest leiden;   // the community step per snapshot (seeded)
  TrackingRules tracking;
};

struct EvolutionOutcome {
  spatial::SpatialUnits units;
  SnapshotPlan plan;
  std::vector<UnitYear> unit_years;  // by snapshot, then unit
  AnchorSuccession anchors;
  Establishment establishment;       // per unit (all unknown unless unit is park)
  std::vector<UnitYear> rest_years;  // the rest of the region (firms in no park) per snapshot, unit 0
  EventStudy event_study;            // empty without establishment years
  std::vector<std::vector<std::int64_t>> memberships;  // per snapshot (empty without communities)
  DynamicCommunities dynamic;
};

/// Runs the request on the view's accepted links. Throws UsageError for an unknown unit or bad
/// settings, DataError without dated links or units. O(T (n + m)) plus the nulls and Leiden.
EvolutionOutcome run_evolution(const GraphView& view, const EvolutionRequest& request, const Progress& progress = {});

/// One line per unit: the years its stage changed, e.g. "2012 embryonic → 2016 growth". O(rows).
std::vector<std::pair<std::string, std::string>> stage_trajectories(const EvolutionOutcome& outcome);

/// One line per unit: the years its park-test verdict changed, e.g. "2010 co-location only →
/// 2015 linked cluster". O(rows).
std::vector<std::pair<std::string, std::string>> verdict_trajectories(const EvolutionOutcome& outcome);

}  // namespace firmnet::evolution
