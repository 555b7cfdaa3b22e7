// firmnet risk: the economic systemic risk index (ESRI; Diem et al., Sci. Rep. 12:7719, 2022)
// of every firm, or of the top-k by screening; stores /results/<name>/ and prints the riskiest
// firms beside their size, degrees, park and community. docs/risk.md.
#include <iostream>
#include <memory>

#include "algorithms/risk/esri.hpp"
#include "algorithms/risk/esri_verifier.hpp"
#include "cli/command.hpp"
#include "cli/cascade_options.hpp"
#include "cli/presenters.hpp"
#include "io/network_store.hpp"
#include "io/results.hpp"
#include "report/render.hpp"
#include "report/views.hpp"
#include "results/risk_result.hpp"

namespace firmnet::cli {
namespace {

struct RiskArgs {
  std::string file, communities, name = "risk";
  CascadeArgs cascade;
  std::size_t top = 0;
  bool all = false;
  std::size_t shown = 20;
};

// The stored community result to show: the one named, else "leiden" when the file holds it.
std::string community_source(const std::string& file, const std::string& asked) {
  if (!asked.empty()) return asked;
  for (const ResultSummary& summary : list_results(file))
    if (summary.name == "leiden") return summary.name;
  return "";
}

const CommandRegistration registration(57, [](CLI::App& app, const GlobalOptions& globals) -> RunFunction {
  auto args = std::make_shared<RiskArgs>();
  CLI::App* sub = app.add_subcommand("risk", "Economic systemic risk index (ESRI) of every firm, or the top k");
  sub->footer(
      "ESRI_i = share of the network's output lost when firm i fails (Diem et al. 2022):\n"
      "downstream, a customer is capped by its most-hit essential input and falls linearly\n"
      "with lost non-essential inputs; upstream, a supplier falls linearly with lost demand;\n"
      "both iterate to a fixed point. Without --essential both extremes run (every input\n"
      "essential = esri, none = esri_linear) and ESRI is reported as that range. docs/risk.md.");
  sub->add_option("file", args->file, "Network file (.h5)")->required();
  add_cascade_options(sub, args->cascade);
  sub->add_option("--top", args->top, "Only the top K firms, found by screening (0 = every firm)")->capture_default_str();
  sub->add_flag("--all", args->all, "Every firm's ESRI (overrides --top)");
  sub->add_option("--show", args->shown, "Riskiest firms printed")->capture_default_str();
  sub->add_option("--communities", args->communities, "Stored result with a membership column (default: leiden if stored)");
  sub->add_option("--name", args->name, "Result name under /results")->capture_default_str();
  return [args, &globals]() {
    const EdgeFilter filter = args->cascade.filter();
    risk::RiskRequest request;
    apply_cascade_options(args->cascade, request);
    request.top = args->all ? 0 : args->top;
    globals.progress().report("loading", 0.0);
    const Graph graph = load_network(args->file);
    globals.progress().report("loading", 1.0);
    const std::string communities = community_source(args->file, args->communities);
    const std::vector<std::int64_t> membership =
        communities.empty() ? std::vector<std::int64_t>{} : read_membership(args->file, communities);
    const GraphView view(graph, filter);
    const risk::RiskOutcome outcome = risk::run_risk(view, request, globals.progress());
    if (globals.verify) {
      const risk::ProductionNetwork network = risk::primary_network(view, request);
      require_verified("risk", risk::verify_esri(network, outcome, request.cascade, 20, globals.seed));
    }
    Result result = risk::risk_result(args->name, graph, outcome, request, filter, globals.effective_threads(),
                                      membership, communities.empty() ? "" : "result " + communities);
    result.seed = globals.seed;
    write_result(args->file, result);
    if (globals.json) return print_json_result(result, args->file), 0;

    namespace s = risk::stored;
    std::cout << "Economic systemic risk index (ESRI), " << filter.describe() << ", channels " << args->cascade.channels
              << (args->cascade.replaceable ? ", lost suppliers replaceable within their industry" : "")
              << "; stored as /results/" << result.name << "\n";
    if (outcome.has_table)
      std::cout << "Essentiality from " << args->cascade.essential << " ("
                << format_count(outcome.unmatched_pairs) << " industry pairs matched no rule: not essential)\n";
    else
      std::cout << "No essentiality table: ESRI is the range from 'no input essential' (esri_linear)\n"
                   "to 'every input essential' (esri, the upper bound under any table)\n";
    std::cout << format_count(std::get<std::int64_t>(result.scalar("firms"))) << " firms with supply links; "
              << format_count(outcome.full_cascades) << " cascades run to the end"
              << (request.top ? ", " + format_count(outcome.screened_cascades) + " screened" : std::string()) << "; "
              << format_count(std::get<std::int64_t>(result.scalar("above_one_percent")))
              << " firms put more than 1% of output at risk\n";
    std::cout << "\nRiskiest firms (output rank 1 = the largest seller)\n";
    report::render_text(std::cout, *result.find_table(s::riskiest), report::riskiest_view(!outcome.has_table, args->shown));
    return 0;
  };
});

}  // namespace
}  // namespace firmnet::cli
