#include "algorithms/evolution/evolution.hpp"

#include <map>

#include "graph/errors.hpp"
#include "graph/random.hpp"

namespace firmnet::evolution {

EvolutionOutcome run_evolution(const GraphView& view, const EvolutionRequest& request, const Progress& progress) {
  const Graph& graph = view.graph();
  validate(request.stages);
  EvolutionOutcome out;
  if (request.unit == "park")
    out.units = spatial::units_from_column(graph, graph.nodes.park, "park");
  else if (request.unit == "region")
    out.units = spatial::units_from_column(graph, graph.nodes.region, "region");
  else
    throw UsageError("--unit must be park or region, not '" + request.unit + "'");
  if (out.units.count() == 0) throw DataError("no node has a " + request.unit + ": evolution needs units");
  out.plan = plan_snapshots(view, request.snapshots);
  out.unit_years = unit_dynamics(graph, out.plan, out.units, request.null, progress);
  assign_stages(out.unit_years, request.stages);
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

std::vector<std::pair<std::string, std::string>> stage_trajectories(const EvolutionOutcome& outcome) {
  std::map<std::size_t, std::string> lines;
  std::map<std::size_t, std::string> last;
  for (const UnitYear& row : outcome.unit_years) {
    if (last[row.unit] == row.stage) continue;
    std::string& line = lines[row.unit];
    line += (line.empty() ? "" : " → ") + std::to_string(row.year) + " " + row.stage;
    last[row.unit] = row.stage;
  }
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [unit, line] : lines) out.emplace_back(outcome.units.names[unit], line);
  return out;
}

}  // namespace firmnet::evolution
