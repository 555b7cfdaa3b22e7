// firmnet evolution: parks (or regions) and communities over yearly or rolling-window snapshots.
#include <iostream>
#include <map>
#include <memory>

#include "algorithms/evolution/anchor_succession_verifier.hpp"
#include "algorithms/evolution/dynamic_communities_verifier.hpp"
#include "algorithms/evolution/event_study_verifier.hpp"
#include "algorithms/evolution/evolution.hpp"
#include "algorithms/evolution/unit_dynamics_verifier.hpp"
#include "cli/command.hpp"
#include "cli/parks_table.hpp"
#include "cli/presenters.hpp"
#include "io/network_store.hpp"
#include "io/results.hpp"
#include "pipeline/main_job.hpp"
#include "results/evolution_result.hpp"

namespace firmnet::cli {
namespace {

struct EvolutionArgs {
  std::string file, name = "evolution", layers, years, null = "degree", parks_table;
  evolution::EvolutionRequest request;
  bool no_communities = false;
};

const CommandRegistration registration(65, [](CLI::App& app, const GlobalOptions& globals) -> RunFunction {
  auto args = std::make_shared<EvolutionArgs>();
  auto& request = args->request;
  CLI::App* sub = app.add_subcommand("evolution", "Parks and communities over the years: signatures, life-cycle stages, community events");
  sub->footer(
      "Snapshots per year (or --window K pooled years) from the link 'year'; firms are alive from\n"
      "'founded' to 'closed'. Per unit and year: firms, entries, exits, internal links, vertical share,\n"
      "link churn, observed/expected internal links and a life-cycle stage (embryonic, growth, maturity,\n"
      "decline) with the numbers that decided it. Communities: Leiden per snapshot, matched by Jaccard\n"
      "(Greene, Doyle & Cunningham 2010) into dynamic communities with events. docs/evolution.md.");
  sub->add_option("file", args->file, "Network file (.h5)")->required();
  sub->add_option("--unit", request.unit, "Units: park, region or radius (co-location groups as firmnet parks forms them)")
      ->capture_default_str();
  sub->add_option("--radius", request.radius_km, "Radius of co-location groups for --unit radius, km")->capture_default_str();
  sub->add_option("--parks-table", args->parks_table, "CSV of park, established (year), optional area_km2");
  sub->add_option("--top-anchors", request.top_anchors, "Anchors ranked per unit and year")->capture_default_str();
  sub->add_option("--did-bootstrap", request.event_study.bootstrap,
                  "Bootstrap replicates over parks for the difference-in-differences interval")->capture_default_str();
  sub->add_option("--alpha", request.verdicts.alpha, "q-value threshold of the park test per year")->capture_default_str();
  sub->add_option("--min-firms", request.verdicts.min_firms, "Fewer firms: too small to tell (and radius group size)")
      ->capture_default_str();
  sub->add_option("--years", args->years, "Years to use: 2015-2020, 2018- (default: all)");
  sub->add_option("--layers", args->layers, "Relation types to use (default: all)");
  sub->add_option("--window", request.snapshots.window, "Years pooled per snapshot")->capture_default_str();
  sub->add_flag("--keep-undated", request.snapshots.keep_undated, "Keep links without a year in every snapshot (default: drop them)");
  sub->add_option("--null", args->null, "Null model per snapshot: degree, distance, region, industry")->capture_default_str();
  sub->add_option("--null-models", request.null.replicates, "Null replicates per snapshot (0: the analytic expectation only)")
      ->check(CLI::NonNegativeNumber)->capture_default_str();
  sub->add_option("--stage-lookback", request.stages.lookback, "Snapshots back for the firm and link change")->capture_default_str();
  sub->add_option("--linked-ratio", request.stages.linked_ratio, "Observed/expected internal links of a linked unit")->capture_default_str();
  sub->add_option("--min-links", request.stages.min_links, "Fewer internal links: not linked")->capture_default_str();
  sub->add_option("--growth-rate", request.stages.growth_rate, "Firm or link growth for the growth stage")->capture_default_str();
  sub->add_option("--decline-rate", request.stages.decline_rate, "Firm or link loss for the decline stage")->capture_default_str();
  sub->add_flag("--no-communities", args->no_communities, "Skip Leiden per snapshot and the dynamic communities");
  sub->add_option("--match-threshold", request.tracking.threshold, "Jaccard for matching communities across snapshots")->capture_default_str();
  sub->add_option("--size-change", request.tracking.size_change, "Relative size change for growth and contraction events")->capture_default_str();
  sub->add_option("--min-community-size", request.tracking.min_size, "Smaller communities are not tracked")->capture_default_str();
  sub->add_option("--name", args->name, "Result name under /results")->capture_default_str();
  return [args, &globals]() {
    evolution::EvolutionRequest& request = args->request;
    const EdgeFilter filter = EdgeFilter::parse(args->layers, args->years);
    request.null.kind = spatial::parse_null_kind(args->null);
    request.null.seed = globals.seed;
    request.event_study.seed = globals.seed;
    if (!args->parks_table.empty()) {
      request.parks_table = read_parks_table(args->parks_table);
      request.parks_table_name = args->parks_table;
    }
    request.communities = !args->no_communities;
    request.leiden = pipeline::community_step(globals.seed, 1);
    const Graph graph = load_network(args->file);
    const GraphView view(graph, filter);
    const evolution::EvolutionOutcome outcome = evolution::run_evolution(view, request, globals.progress());
    if (globals.verify) {
      Verification check = evolution::verify_unit_dynamics(graph, outcome.plan, outcome.units, outcome.unit_years);
      check.merge(evolution::verify_anchor_succession(graph, outcome.plan, outcome.units, request.top_anchors, outcome.anchors));
      check.merge(evolution::verify_event_study(outcome.unit_years, outcome.establishment.year, outcome.event_study));
      if (request.communities) {
        std::vector<int> years;
        for (const auto& s : outcome.plan.snapshots) years.push_back(s.year);
        check.merge(evolution::verify_tracking(outcome.memberships, years, request.tracking, outcome.dynamic));
      }
      require_verified("evolution", check);
    }
    const Result result = evolution::evolution_result(args->name, outcome, request, filter, globals.effective_threads());
    write_result(args->file, result);
    if (globals.json) return print_json_result(result, args->file), 0;
    std::cout << "Evolution: " << outcome.plan.snapshots.size() << " snapshots " << outcome.plan.snapshots.front().year << "-"
              << outcome.plan.snapshots.back().year << " (window " << request.snapshots.window << "), "
              << outcome.units.count() << " " << request.unit << " units; " << format_count(outcome.plan.undated_links)
              << " undated links " << (request.snapshots.keep_undated ? "kept in every snapshot" : "dropped") << "\n\n";
    TextTable table({request.unit, "stage trajectory", "verdict trajectory"});
    const auto verdicts = evolution::verdict_trajectories(outcome);
    const auto stages = evolution::stage_trajectories(outcome);
    for (std::size_t i = 0; i < stages.size(); ++i) table.add_row({stages[i].first, stages[i].second, verdicts[i].second});
    table.print(std::cout);
    std::map<std::string, std::uint64_t> anchor_events;
    for (const auto& e : outcome.anchors.events) ++anchor_events[e.event];
    std::cout << "\nAnchor succession (top " << request.top_anchors << " per unit by within-unit degree):";
    for (const auto& [event, n] : anchor_events) std::cout << " " << event << " " << n;
    std::cout << (anchor_events.empty() ? " no events\n" : "\n");
    if (!outcome.event_study.estimates.empty()) {
      std::cout << "\nBefore and after establishment (difference in differences against parks not yet established, "
                << request.event_study.bootstrap << " bootstrap replicates over parks):\n";
      TextTable did({"outcome", "period", "estimate", "95% interval", "cells", "parks"});
      for (const auto& e : outcome.event_study.estimates)
        did.add_row({e.outcome, e.period, format_number(e.estimate, 3), "[" + format_number(e.lower, 3) + ", " + format_number(e.upper, 3) + "]",
                     std::to_string(e.cells), std::to_string(e.treated_parks) + " vs " + std::to_string(e.comparison_parks)});
      did.print(std::cout);
    }
    if (request.communities) {
      std::map<std::string, std::uint64_t> events;
      for (const auto& e : outcome.dynamic.events) ++events[e.event];
      std::cout << "\nDynamic communities: " << outcome.dynamic.count << "; events:";
      for (const auto& [event, n] : events) std::cout << " " << event << " " << n;
      std::cout << "\n";
    }
    std::cout << "Stored as /results/" << args->name << " (docs/evolution.md explains the stages).\n";
    return 0;
  };
});

}  // namespace
}  // namespace firmnet::cli
