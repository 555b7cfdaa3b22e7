#include "results/evolution_result.hpp"

#include <map>
#include <set>

namespace firmnet::evolution {
namespace {

std::int64_t count(std::uint64_t value) { return static_cast<std::int64_t>(value); }

ResultTable unit_year_table(const EvolutionOutcome& outcome) {
  const auto& rows = outcome.unit_years;
  std::vector<std::string> units, stages, reasons;
  for (const UnitYear& row : rows) units.push_back(outcome.units.names[row.unit]), stages.push_back(row.stage), reasons.push_back(row.reason);
  return {stored::unit_years,
          {text_column(stored::unit, units), column_of(stored::year, rows, [](const UnitYear& r) { return r.year; }),
           text_column(stored::stage, stages),
           column_of("members", rows, [](const UnitYear& r) { return count(r.members); }),
           column_of("firms", rows, [](const UnitYear& r) { return count(r.firms); }),
           column_of("entries", rows, [](const UnitYear& r) { return count(r.entries); }),
           column_of("exits", rows, [](const UnitYear& r) { return count(r.exits); }),
           column_of("internal_links", rows, [](const UnitYear& r) { return count(r.internal_links); }),
           column_of("density", rows, [](const UnitYear& r) { return r.density; }),
           column_of("vertical_links", rows, [](const UnitYear& r) { return count(r.vertical_links); }),
           column_of("horizontal_links", rows, [](const UnitYear& r) { return count(r.horizontal_links); }),
           column_of("vertical_share", rows, [](const UnitYear& r) { return r.vertical_share; }),
           column_of("institution_links", rows, [](const UnitYear& r) { return count(r.institution_links); }),
           column_of("external_share", rows, [](const UnitYear& r) { return r.external_share; }),
           column_of("jaccard", rows, [](const UnitYear& r) { return r.jaccard; }),
           column_of("persistence", rows, [](const UnitYear& r) { return r.persistence; }),
           column_of("new_links", rows, [](const UnitYear& r) { return count(r.new_links); }),
           column_of("new_links_both_new", rows, [](const UnitYear& r) { return count(r.new_links_both_new); }),
           column_of("new_links_one_new", rows, [](const UnitYear& r) { return count(r.new_links_one_new); }),
           column_of("new_links_old_pair", rows, [](const UnitYear& r) { return count(r.new_links_old_pair); }),
           column_of("lost_links", rows, [](const UnitYear& r) { return count(r.lost_links); }),
           column_of("expected", rows, [](const UnitYear& r) { return r.expected; }),
           column_of("ratio", rows, [](const UnitYear& r) { return r.ratio; }),
           column_of("null_mean", rows, [](const UnitYear& r) { return r.null_mean; }),
           column_of("null_sd", rows, [](const UnitYear& r) { return r.null_sd; }),
           column_of("z", rows, [](const UnitYear& r) { return r.z; }),
           column_of("p", rows, [](const UnitYear& r) { return r.p; }),
           text_column(stored::reason, reasons)}};
}

ResultTable event_table(const EvolutionOutcome& outcome) {
  const auto& rows = outcome.dynamic.events;
  std::vector<std::string> names;
  for (const CommunityEvent& e : rows) names.push_back(e.event);
  return {stored::events,
          {column_of(stored::year, rows, [](const CommunityEvent& e) { return e.year; }), text_column(stored::event, names),
           column_of(stored::dynamic, rows, [](const CommunityEvent& e) { return e.dynamic; }),
           column_of(stored::other, rows, [](const CommunityEvent& e) { return e.other; }),
           column_of("size_before", rows, [](const CommunityEvent& e) { return count(e.size_before); }),
           column_of("size_after", rows, [](const CommunityEvent& e) { return count(e.size_after); }),
           column_of("jaccard", rows, [](const CommunityEvent& e) { return e.jaccard; })}};
}

ResultTable dynamic_table(const EvolutionOutcome& outcome) {
  const auto& steps = outcome.dynamic.steps;
  std::vector<std::string> dominant;
  std::vector<std::int64_t> spanned;
  for (const DynamicStep& step : steps) {
    std::map<std::int64_t, std::uint64_t> by_unit;
    for (std::uint32_t u : step.nodes)
      if (outcome.units.unit_of[u] >= 0) ++by_unit[outcome.units.unit_of[u]];
    std::int64_t best = -1;
    for (const auto& [unit, n] : by_unit)
      if (best < 0 || n > by_unit[best]) best = unit;
    dominant.push_back(best < 0 ? "" : outcome.units.names[static_cast<std::size_t>(best)]);
    spanned.push_back(static_cast<std::int64_t>(by_unit.size()));
  }
  return {stored::dynamic_communities,
          {column_of(stored::dynamic, steps, [](const DynamicStep& s) { return s.dynamic; }),
           column_of(stored::year, steps, [](const DynamicStep& s) { return s.year; }),
           column_of("community", steps, [](const DynamicStep& s) { return s.community; }),
           column_of(stored::size, steps, [](const DynamicStep& s) { return count(s.nodes.size()); }),
           text_column(stored::dominant_unit, dominant), {stored::units_spanned, spanned}}};
}

}  // namespace

Result evolution_result(const std::string& name, const EvolutionOutcome& outcome,
                        const EvolutionRequest& request, const EdgeFilter& filter, int threads) {
  Result result;
  result.name = name;
  result.method = "evolution";
  result.seed = request.null.seed;
  result.threads = threads;
  result.parameters = {
      {"unit", request.unit},
      {"edges", filter.describe()},
      {"first_year", static_cast<std::int64_t>(outcome.plan.first_year)},
      {"last_year", static_cast<std::int64_t>(outcome.plan.last_year)},
      {"window", static_cast<std::int64_t>(request.snapshots.window)},
      {"keep_undated", static_cast<std::int64_t>(request.snapshots.keep_undated)},
      {"null", std::string(spatial::null_kind_name(request.null.kind))},
      {"null_models", static_cast<std::int64_t>(request.null.replicates)},
      {"stage_lookback", static_cast<std::int64_t>(request.stages.lookback)},
      {"stage_linked_ratio", request.stages.linked_ratio},
      {"stage_min_links", count(request.stages.min_links)},
      {"stage_growth_rate", request.stages.growth_rate},
      {"stage_decline_rate", request.stages.decline_rate},
      {"communities", static_cast<std::int64_t>(request.communities)},
      {"leiden_resolution", request.leiden.resolution},
      {"match_threshold", request.tracking.threshold},
      {"size_change", request.tracking.size_change},
      {"min_community_size", count(request.tracking.min_size)},
  };
  result.tables.push_back(unit_year_table(outcome));
  const auto& snapshots = outcome.plan.snapshots;
  result.tables.push_back({stored::snapshots,
                           {column_of(stored::year, snapshots, [](const Snapshot& s) { return s.year; }),
                            column_of("links", snapshots, [](const Snapshot& s) { return count(s.links); }),
                            column_of("alive_nodes", snapshots, [](const Snapshot& s) { return count(s.alive_nodes); })}});
  if (request.communities) {
    result.tables.push_back(event_table(outcome));
    result.tables.push_back(dynamic_table(outcome));
  }
  result.scalars = {{"snapshots", count(snapshots.size())},
                    {"undated_links", count(outcome.plan.undated_links)},
                    {"undated_links_kept", static_cast<std::int64_t>(request.snapshots.keep_undated)},
                    {"dynamic_communities", outcome.dynamic.count}};
  return result;
}

}  // namespace firmnet::evolution
