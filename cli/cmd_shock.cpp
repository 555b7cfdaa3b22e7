// firmnet shock: one supply-shock scenario (firms, a park, a region or an industry lose a
// fraction of production), propagated by the ESRI cascade (Diem et al., Sci. Rep. 12:7719,
// 2022); stores /results/<name>/ and prints the losses by firm, park, industry and region.
#include <iostream>
#include <memory>

#include "algorithms/risk/esri_verifier.hpp"
#include "algorithms/risk/shock_scenario.hpp"
#include "cli/command.hpp"
#include "cli/cascade_options.hpp"
#include "cli/presenters.hpp"
#include "graph/errors.hpp"
#include "io/network_store.hpp"
#include "io/results.hpp"
#include "report/render.hpp"
#include "results/risk_result.hpp"

namespace firmnet::cli {
namespace {

struct ShockArgs {
  std::string file, name = "shock";
  CascadeArgs cascade;
  std::vector<std::string> fail;
  std::string park, region, industry;
  double fraction = 1.0;
  std::size_t shown = 10;
};

void print_groups(const Result& result, const char* table, const std::string& title, std::size_t shown) {
  namespace s = risk::stored;
  std::cout << "\nOutput lost by " << title << "\n";
  report::render_text(std::cout, *result.find_table(table),
                      {table,
                       {{s::group, title},
                        {s::firms, "firms"},
                        {s::output, "output"},
                        {s::output_lost, "output lost"},
                        {s::share_lost, "share lost", report::CellFormat::share}},
                       shown});
}

const CommandRegistration registration(58, [](CLI::App& app, const GlobalOptions& globals) -> RunFunction {
  auto args = std::make_shared<ShockArgs>();
  CLI::App* sub = app.add_subcommand("shock", "Run one supply-shock scenario and report the production lost");
  sub->footer(
      "The failing firms lose --fraction of their production; the loss spreads downstream\n"
      "(generalized Leontief: essential inputs cap, others count linearly) and upstream\n"
      "(lost demand, linear) to a fixed point. Without --essential both extremes run\n"
      "(every input essential; none). docs/risk.md.");
  sub->add_option("file", args->file, "Network file (.h5)")->required();
  auto* fail = sub->add_option("--fail", args->fail, "Failing firm ids, comma-separated")->delimiter(',');
  auto* park = sub->add_option("--fail-park", args->park, "Every firm of this park fails");
  auto* region = sub->add_option("--fail-region", args->region, "Every firm of this region fails");
  auto* industry = sub->add_option("--fail-industry", args->industry, "Every firm whose industry code starts so fails");
  fail->excludes(park, region, industry);
  park->excludes(region, industry);
  region->excludes(industry);
  sub->add_option("--fraction", args->fraction, "Share of production the failing firms lose")->capture_default_str();
  add_cascade_options(sub, args->cascade);
  sub->add_option("--show", args->shown, "Rows printed per table")->capture_default_str();
  sub->add_option("--name", args->name, "Result name under /results")->capture_default_str();
  return [args, &globals]() {
    risk::ShockRequest request;
    if (!args->fail.empty()) {
      request.by = risk::FailingBy::firms;
      request.names = args->fail;
    } else if (!args->park.empty()) {
      request.by = risk::FailingBy::park;
      request.names = {args->park};
    } else if (!args->region.empty()) {
      request.by = risk::FailingBy::region;
      request.names = {args->region};
    } else if (!args->industry.empty()) {
      request.by = risk::FailingBy::industry;
      request.names = {args->industry};
    } else {
      throw UsageError("shock: give --fail, --fail-park, --fail-region or --fail-industry");
    }
    apply_cascade_options(args->cascade, request);
    request.fraction = args->fraction;
    const EdgeFilter filter = args->cascade.filter();
    globals.progress().report("loading", 0.0);
    const Graph graph = load_network(args->file);
    globals.progress().report("loading", 1.0);
    const GraphView view(graph, filter);
    const risk::ShockOutcome outcome = risk::run_shock(view, request, globals.progress());
    if (globals.verify) {
      const risk::ProductionNetwork network = risk::primary_network(view, request);
      std::vector<risk::InitialShock> shocks;
      for (const NodeId i : outcome.failing) shocks.push_back({i, request.fraction});
      require_verified("shock", risk::verify_cascade_levels(network, shocks, request.cascade, outcome.losses.level));
    }
    Result result = risk::shock_result(args->name, graph, outcome, request, filter, globals.effective_threads());
    result.seed = globals.seed;
    write_result(args->file, result);
    if (globals.json) return print_json_result(result, args->file), 0;

    namespace s = risk::stored;
    std::cout << "Supply shock: " << format_count(outcome.failing.size()) << " firms lose "
              << 100 * request.fraction << "% of production; "
              << filter.describe() << ", channels " << args->cascade.channels
              << (args->cascade.replaceable ? ", lost suppliers replaceable within their industry" : "")
              << "; stored as /results/" << result.name << "\n";
    if (outcome.has_table)
      std::cout << "Output lost: " << 100 * outcome.losses.share_lost << "% of the network's output, "
                << format_count(outcome.losses.affected) << " firms affected\n";
    else
      std::cout << "Output lost: " << 100 * outcome.linear_losses.share_lost << "% (no input essential) to "
                << 100 * outcome.losses.share_lost << "% (every input essential) of the network's output; "
                << format_count(outcome.losses.affected) << " firms affected (every input essential)\n"
                << "Tables below: every input essential (no --essential table given)\n";
    std::cout << "\nFirms that lost most output\n";
    report::render_text(std::cout, *result.find_table(s::by_firm),
                        {s::by_firm,
                         {{s::id, "id"},
                          {s::name, "name"},
                          {s::level, "level", report::CellFormat::share},
                          {s::output_lost, "output lost"},
                          {s::park, "park"},
                          {s::industry, "industry"},
                          {s::region, "region"}},
                         args->shown});
    print_groups(result, s::by_park, "park", args->shown);
    print_groups(result, s::by_industry, "industry", args->shown);
    print_groups(result, s::by_region, "region", args->shown);
    return 0;
  };
});

}  // namespace
}  // namespace firmnet::cli
