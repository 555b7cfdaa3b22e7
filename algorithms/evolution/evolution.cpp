#include "algorithms/evolution/evolution.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "graph/errors.hpp"
#include "graph/random.hpp"

namespace firmnet::evolution {

EvolutionOutcome run_evolution(const GraphView& view, const EvolutionRequest& request, const Progress& progress) {
  const Graph& graph = view.graph();
  validate(request.stages);
  EvolutionOutcome out;
  spatial::ParkRequest unit_request;
  unit_request.unit = request.unit;
  unit_request.radius_km = request.radius_km;
  unit_request.rules.min_firms = request.verdicts.min_firms;
  out.units = spatial::units_for(graph, unit_request);
  out.plan = plan_snapshots(view, request.snapshots);
  out.unit_years = unit_dynamics(graph, out.plan, out.units, request.null, progress);
  assign_stages(out.unit_years, request.stages);
  assign_verdicts(out.unit_years, request.verdicts, request.null.replicates > 0, spatial::null_kind_name(request.null.kind));
  out.anchors = anchor_succession(graph, out.plan, out.units, request.top_anchors);
  if (request.unit == "park") {
    out.establishment = establishment_years(graph, out.units, request.parks_table, request.parks_table_name);
    // The rest of the region: every node in no park, as one unit, without the sampled null.
    spatial::SpatialUnits rest;
    rest.names = {"rest of region"};
    rest.unit_of.resize(graph.node_count());
    for (NodeId u = 0; u < graph.node_count(); ++u) rest.unit_of[u] = out.units.unit_of[u] < 0 ? 0 : -1;
    spatial::NullOptions analytic_only = request.null;
    analytic_only.replicates = 0;
    out.rest_years = unit_dynamics(graph, out.plan, rest, analytic_only);
    if (std::any_of(out.establishment.year.begin(), out.establishment.year.end(), [](int y) { return y != 0; }))
      out.event_study = event_study(out.unit_years, out.establishment.year, out.rest_years, request.event_study);
  } else {
    out.establishment.year.assign(out.units.count(), 0);
    out.establishment.area_km2.assign(out.units.count(), std::nan(""));
  }
  if (request.communities) {
    std::vector<int> years;
    for (std::size_t t = 0; t < out.plan.snapshots.size(); ++t) {
      community::CommunityRequest leiden = request.leiden;
      leiden.seed = derive_seed(request.leiden.seed, t);
      std::vector<std::int64_t> membership = community::run_communities(out.plan.view(graph, t), leiden).membership;
      // Dead nodes are in no community of the snapshot.
      for (NodeId u = 0; u < graph.node_count(); ++u)
        if (!out.plan.snapshots[t].alive[u]) membership[u] = -1;
      out.memberships.push_back(std::move(membership));
      years.push_back(out.plan.snapshots[t].year);
      progress.report("evolution: communities per snapshot", static_cast<double>(t + 1) / out.plan.snapshots.size());
    }
    out.dynamic = track_communities(out.memberships, years, request.tracking);
  }
  return out;
}

namespace {

// The years a unit's label changed, one line per unit.
std::vector<std::pair<std::string, std::string>> trajectories(const EvolutionOutcome& outcome,
                                                              std::string UnitYear::*label) {
  std::map<std::size_t, std::string> lines;
  std::map<std::size_t, std::string> last;
  for (const UnitYear& row : outcome.unit_years) {
    if (last[row.unit] == row.*label) continue;
    std::string& line = lines[row.unit];
    line += (line.empty() ? "" : " → ") + std::to_string(row.year) + " " + row.*label;
    last[row.unit] = row.*label;
  }
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [unit, line] : lines) out.emplace_back(outcome.units.names[unit], line);
  return out;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> stage_trajectories(const EvolutionOutcome& outcome) {
  return trajectories(outcome, &UnitYear::stage);
}

std::vector<std::pair<std::string, std::string>> verdict_trajectories(const EvolutionOutcome& outcome) {
  return trajectories(outcome, &UnitYear::verdict);
}

}  // namespace firmnet::evolution
