#include "results/evolution_result.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace firmnet::evolution {
namespace {

std::int64_t count(std::uint64_t value) { return static_cast<std::int64_t>(value); }

ResultTable unit_year_table(const EvolutionOutcome& outcome) {
  const auto& rows = outcome.unit_years;
  std::vector<std::string> units, stages, reasons, verdicts, verdict_reasons;
  for (const UnitYear& row : rows) {
    units.push_back(outcome.units.names[row.unit]), stages.push_back(row.stage), reasons.push_back(row.reason);
    verdicts.push_back(row.verdict), verdict_reasons.push_back(row.verdict_reason);
  }
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
           column_of("q", rows, [](const UnitYear& r) { return r.q; }),
           column_of("vertical_null_mean", rows, [](const UnitYear& r) { return r.vertical_null_mean; }),
           column_of("vertical_p", rows, [](const UnitYear& r) { return r.vertical_p; }),
           column_of("vertical_q", rows, [](const UnitYear& r) { return r.vertical_q; }),
           column_of("region_external_share", rows,
                     [](const UnitYear& r) { return r.link_ends ? static_cast<double>(r.region_external_ends) / r.link_ends : std::nan(""); }),
           text_column(stored::reason, reasons), text_column(stored::verdict, verdicts),
           text_column(stored::verdict_reason, verdict_reasons)}};
}

ResultTable anchor_table(const EvolutionOutcome& outcome) {
  const auto& rows = outcome.anchors.ranks;
  std::vector<std::string> units, ids;
  for (const AnchorRank& r : rows) units.push_back(outcome.units.names[r.unit]), ids.push_back(r.id);
  return {stored::anchors,
          {text_column(stored::unit, units), column_of(stored::year, rows, [](const AnchorRank& r) { return r.year; }),
           column_of(stored::rank, rows, [](const AnchorRank& r) { return r.rank; }), text_column(stored::node, ids),
           column_of(stored::score, rows, [](const AnchorRank& r) { return count(r.score); })}};
}

ResultTable anchor_event_table(const EvolutionOutcome& outcome) {
  const auto& rows = outcome.anchors.events;
  std::vector<std::string> units, ids, events;
  for (const AnchorEvent& e : rows)
    units.push_back(outcome.units.names[e.unit]), ids.push_back(e.id), events.push_back(e.event);
  return {stored::anchor_events,
          {text_column(stored::unit, units), column_of(stored::year, rows, [](const AnchorEvent& e) { return e.year; }),
           text_column(stored::node, ids), text_column(stored::event, events),
           column_of("rank_before", rows, [](const AnchorEvent& e) { return e.rank_before; }),
           column_of("rank_after", rows, [](const AnchorEvent& e) { return e.rank_after; }),
           column_of("alive", rows, [](const AnchorEvent& e) { return static_cast<std::int64_t>(e.alive); })}};
}

ResultTable park_table(const EvolutionOutcome& outcome) {
  const Establishment& e = outcome.establishment;
  Int64Column years;
  for (int y : e.year) years.push_back(y);
  return {stored::parks, {text_column(stored::unit, outcome.units.names), {stored::established, years}, {"area_km2", e.area_km2}}};
}

ResultTable event_study_table(const EvolutionOutcome& outcome) {
  const auto& rows = outcome.event_study.rows;
  std::vector<std::string> units;
  for (const EventStudyRow& r : rows) units.push_back(outcome.units.names[r.unit]);
  return {stored::event_study,
          {text_column(stored::unit, units),
           column_of(stored::established, rows, [](const EventStudyRow& r) { return r.established; }),
           column_of(stored::year, rows, [](const EventStudyRow& r) { return r.year; }),
           column_of(stored::relative_year, rows, [](const EventStudyRow& r) { return r.relative_year; }),
           column_of("firms", rows, [](const EventStudyRow& r) { return count(r.firms); }),
           column_of("internal_links", rows, [](const EventStudyRow& r) { return count(r.internal_links); }),
           column_of("expected", rows, [](const EventStudyRow& r) { return r.expected; }),
           column_of("ratio", rows, [](const EventStudyRow& r) { return r.ratio; }),
           column_of("vertical_share", rows, [](const EventStudyRow& r) { return r.vertical_share; }),
           column_of("comparison_parks", rows, [](const EventStudyRow& r) { return count(r.comparison_parks); }),
           column_of("comparison_ratio", rows, [](const EventStudyRow& r) { return r.comparison_ratio; }),
           column_of("comparison_vertical_share", rows, [](const EventStudyRow& r) { return r.comparison_vertical_share; }),
           column_of("rest_ratio", rows, [](const EventStudyRow& r) { return r.rest_ratio; }),
           column_of("rest_vertical_share", rows, [](const EventStudyRow& r) { return r.rest_vertical_share; }),
           column_of("did_ratio", rows, [](const EventStudyRow& r) { return r.did_ratio; }),
           column_of("did_vertical_share", rows, [](const EventStudyRow& r) { return r.did_vertical_share; }),
           column_of("did_internal_links", rows, [](const EventStudyRow& r) { return r.did_internal_links; })}};
}

ResultTable did_table(const EvolutionOutcome& outcome) {
  const auto& rows = outcome.event_study.estimates;
  std::vector<std::string> outcomes, periods;
  for (const DidEstimate& e : rows) outcomes.push_back(e.outcome), periods.push_back(e.period);
  return {stored::did,
          {text_column("outcome", outcomes), text_column("period", periods),
           column_of("estimate", rows, [](const DidEstimate& e) { return e.estimate; }),
           column_of("lower", rows, [](const DidEstimate& e) { return e.lower; }),
           column_of("upper", rows, [](const DidEstimate& e) { return e.upper; }),
           column_of("cells", rows, [](const DidEstimate& e) { return count(e.cells); }),
           column_of("treated_parks", rows, [](const DidEstimate& e) { return count(e.treated_parks); }),
           column_of("comparison_parks", rows, [](const DidEstimate& e) { return count(e.comparison_parks); }),
           column_of("replicates", rows, [](const DidEstimate& e) { return e.replicates; })}};
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
      {"radius_km", request.radius_km},
      {"verdict_alpha", request.verdicts.alpha},
      {"verdict_min_firms", count(request.verdicts.min_firms)},
      {"verdict_min_links", count(request.verdicts.min_links)},
      {"verdict_min_ratio", request.verdicts.min_ratio},
      {"verdict_vertical_share", request.verdicts.vertical_share},
      {"verdict_external_share", request.verdicts.external_share},
      {"top_anchors", static_cast<std::int64_t>(request.top_anchors)},
      {"parks_table", request.parks_table_name},
      {"park_established_column", outcome.establishment.column},
      {"did_bootstrap", static_cast<std::int64_t>(request.event_study.bootstrap)},
      {"did_level", request.event_study.level},
  };
  result.tables.push_back(unit_year_table(outcome));
  result.tables.push_back(anchor_table(outcome));
  result.tables.push_back(anchor_event_table(outcome));
  if (request.unit == "park") result.tables.push_back(park_table(outcome));
  if (!outcome.event_study.rows.empty()) {
    result.tables.push_back(event_study_table(outcome));
    result.tables.push_back(did_table(outcome));
  }
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
                    {"dynamic_communities", outcome.dynamic.count},
                    {"established_parks", count(static_cast<std::uint64_t>(std::count_if(
                                              outcome.establishment.year.begin(), outcome.establishment.year.end(),
                                              [](int y) { return y != 0; })))},
                    {"parks_table_rows_unmatched", count(outcome.establishment.table_rows_unmatched)}};
  return result;
}

}  // namespace firmnet::evolution
