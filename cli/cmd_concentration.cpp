// firmnet concentration: co-location indices (location quotient, Ellison-Glaeser gamma with G
// and H, locational Gini, Herfindahl, EG coagglomeration) per industry over regions or parks,
// optionally against official unit totals (--totals), and with --distance the Duranton-Overman
// K-density and Marcon-Puech M with counterfactual bands; stored as /results/<name>/tables/
// (docs/concentration.md) and presented from the stored result.
#include <iostream>
#include <memory>

#include "algorithms/spatial/concentration.hpp"
#include "algorithms/spatial/concentration_verifier.hpp"
#include "algorithms/spatial/distance_concentration_verifier.hpp"
#include "cli/command.hpp"
#include "cli/presenters.hpp"
#include "io/network_store.hpp"
#include "io/results.hpp"
#include "io/unit_totals.hpp"
#include "pipeline/main_job.hpp"
#include "report/views.hpp"
#include "results/concentration_result.hpp"

namespace firmnet::cli {
namespace {

using namespace firmnet::spatial;
namespace s = stored::concentration;

struct ConcentrationArgs {
  std::string file, by = "region", name = pipeline::result_names::concentration, measure = "auto", group, totals;
  std::size_t top = 15;
  ConcentrationRequest request;  // settings bound to their options directly
};

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(',', start), text.size());
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::uint64_t scalar_count(const Result& result, const char* name) {
  return static_cast<std::uint64_t>(std::get<std::int64_t>(result.scalar(name)));
}

std::string scalar(const Result& result, const char* name) { return scalar_text(result.scalar(name)); }

// A stored table through a view, under a heading; nothing when the result lacks the table.
void print_table(const Result& result, const std::string& heading, const report::TableView& view) {
  const ResultTable* table = result.find_table(view.table);
  if (!table) return;
  std::cout << "\n" << heading << " (" << report::view_rows(*table, view).size() << ")\n";
  report::render_text(std::cout, *table, view);
}

void print_totals(const Result& result, const std::string& unit, const std::string& source) {
  std::cout << unit << " sizes e_r: official totals from " << source << " (" << format_count(scalar_count(result, "units"))
            << " " << unit << "s, e = " << format_number(std::get<double>(result.scalar("total_size")), 8) << ")\n";
  const ResultTable* without = result.find_table(s::units_without_total);
  if (without && without->rows()) {
    std::cout << unit << "s with firms but no total, left out:\n";
    report::render_text(std::cout, *without,
                        {s::units_without_total, {{s::unit, unit}, {s::firms, "firms", report::CellFormat::count}}});
  }
  const ResultTable* above = result.find_table(s::units_above_total);
  if (above && above->rows()) {
    std::cout << unit << "s whose sampled employment exceeds the total:\n";
    report::render_text(std::cout, *above,
                        {s::units_above_total,
                         {{s::unit, unit},
                          {s::employment, "sampled", report::CellFormat::count},
                          {s::total, "total", report::CellFormat::count}}});
  }
}

void print_distance(const Result& result, const ConcentrationRequest& request, std::size_t top) {
  std::cout << "\nDistance-based localisation (Duranton-Overman K-density, Marcon-Puech M) over "
            << format_count(scalar_count(result, "distance_sites")) << " firms with coordinates"
            << (scalar(result, "distance_weighted") == "employees" ? ", weighted by employees" : ", unweighted (firm counts)")
            << "\n";
  const std::uint64_t no_coordinates = scalar_count(result, "distance_firms_missing_coordinates"),
                      no_industry = scalar_count(result, "distance_firms_missing_industry"),
                      no_employees = scalar_count(result, "distance_firms_missing_employees");
  if (no_coordinates + no_industry + no_employees)
    std::cout << "not in scope: " << format_count(no_coordinates) << " firms without coordinates, "
              << format_count(no_industry) << " without industry, " << format_count(no_employees) << " without employees\n";
  std::cout << "distances 0-" << scalar(result, "distance_max_km") << " km in steps of " << scalar(result, "distance_step_km")
            << " km (" << scalar(result, "distance_max_rule") << "); " << request.simulations
            << " counterfactuals per industry; global bands at " << format_number(request.band_alpha * 100, 3) << "%";
  if (scalar_count(result, "m_thinned")) std::cout << "; M on a random " << scalar(result, "m_pattern_sites") << " of the firms";
  std::cout << "\n";
  print_table(result,
              "Industries with at least " + std::to_string(request.min_firms) +
                  " firms with coordinates, by localisation Gamma",
              report::distance_industries_view(top));
  if (request.simulations == 0) std::cout << "no counterfactuals (--simulations 0): curves only, no bands\n";
  const std::uint64_t k_short = scalar_count(result, "k_bands_at_extreme"), m_short = scalar_count(result, "m_bands_at_extreme");
  if (k_short + m_short)
    std::cout << "note: " << k_short << " K and " << m_short << " M curves have more than "
              << format_number(request.band_alpha * 100, 3) << "% of their " << request.simulations
              << " simulations at the pointwise extreme somewhere, so their global band is that extreme and "
                 "holds at a weaker level; use more --simulations\n";
}

void print_text(const ConcentrationArgs& args, const Result& result) {
  const ConcentrationRequest& request = args.request;
  const std::string unit = scalar_text(result.parameter("by"));
  const bool employment = scalar(result, "measure") == "employees";
  const std::string size_name = employment ? "employees" : "firms";
  std::cout << "Co-location indices by " << unit << " over " << format_count(scalar_count(result, "firms_in_scope"))
            << " of " << format_count(scalar_count(result, "firms")) << " firms, "
            << format_count(scalar_count(result, "units")) << " " << unit << "s, "
            << format_count(scalar_count(result, "industries")) << " industries"
            << (request.industry_level ? " (codes cut to " + std::to_string(request.industry_level) + " characters)" : "")
            << "; stored as /results/" << result.name << "\n";
  const std::uint64_t missing_employees = scalar_count(result, "firms_missing_employees");
  std::cout << "measure: " << (employment ? "employees (employment)" : "firm_count (firm counts)");
  if (!employment && missing_employees)
    std::cout << ", because " << format_count(missing_employees) << " firms in scope lack employees";
  std::cout << "\n";
  const bool totals = !request.totals.empty();
  const std::uint64_t missing_unit = scalar_count(result, "firms_missing_unit"),
                      missing_industry = scalar_count(result, "firms_missing_industry"),
                      missing_both = scalar_count(result, "firms_missing_both"),
                      excluded = scalar_count(result, "firms_excluded_missing_employees"),
                      missing_total = totals ? scalar_count(result, "firms_missing_total") : 0;
  if (missing_unit + missing_industry + missing_both + excluded + missing_total)
    std::cout << "not in scope: " << format_count(missing_unit) << " firms without " << unit << ", "
              << format_count(missing_industry) << " without industry, " << format_count(missing_both)
              << " without either, " << format_count(excluded) << " without employees"
              << (totals ? ", " + format_count(missing_total) + " in " + unit + "s without a total" : "") << "\n";
  if (totals) print_totals(result, unit, request.totals);

  const std::string at_least = " with at least " + std::to_string(request.min_firms) + " firms";
  print_table(result, "Industries" + at_least + ", by Ellison-Glaeser gamma",
              report::concentration_industries_view(unit, size_name, request.min_firms, args.top));
  print_table(result, "Location quotients, highest first, of the cells of industries" + at_least,
              report::location_quotients_view(unit, size_name, request.min_firms, args.top));
  const ResultTable* pairs = result.find_table(s::coagglomeration);
  std::cout << "\nCoagglomeration of industry pairs (" << (pairs ? pairs->rows() : 0) << " pairs of the "
            << request.pair_industries << " largest industries" << at_least << ")\n";
  if (pairs && pairs->rows()) report::render_text(std::cout, *pairs, report::coagglomeration_view(size_name, args.top));
  if (!request.group.empty()) {
    std::cout << "\nGroup " << args.group << ": gamma_c = " << scalar(result, "group_gamma_c")
              << " (G = " << scalar(result, "group_G") << ", H = " << scalar(result, "group_H") << ")";
    if (const std::string note = scalar(result, "group_note"); !note.empty()) std::cout << ", " << note;
    std::cout << "\n";
  }
  if (request.distance) print_distance(result, request, args.top);
}

const CommandRegistration registration(70, [](CLI::App& app, const GlobalOptions& globals) -> RunFunction {
  auto args = std::make_shared<ConcentrationArgs>();
  ConcentrationRequest& request = args->request;
  CLI::App* sub = app.add_subcommand(
      "concentration", "Co-location indices per industry: location quotient, Ellison-Glaeser gamma, Gini, Herfindahl");
  sub->footer(
      "Firms (kind firm) with a unit and an industry enter; others are counted and reported.\n"
      "Size is employment when every such firm has employees (--measure auto), else firm counts;\n"
      "the output and the stored parameter `measure` say which. These indices measure\n"
      "concentration only, not linkage: see `firmnet parks`. Undefined values (one unit, one firm\n"
      "in an industry) are NaN with a note. Results: /results/<name>/tables/{industries,\n"
      "location_quotients,coagglomeration}; with --totals units_without_total, units_above_total;\n"
      "with --distance k_density, m_function, distance_industries (--json leaves out the two curve\n"
      "tables; they are in the file). See docs/concentration.md.");
  sub->add_option("file", args->file, "Network file (.h5)")->required();
  sub->add_option("--by", args->by, "Spatial unit: region or park")->capture_default_str()->check(
      CLI::IsMember({"region", "park"}));
  sub->add_option("--industry-level", request.industry_level,
                  "Leading characters of the industry code kept (C3670 at 3 is C36); 0 keeps the whole code")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--measure", args->measure, "auto, employees (firms without employees left out) or firm_count")
      ->capture_default_str()
      ->check(CLI::IsMember({"auto", "employees", "firm_count", "firms"}));
  sub->add_option("--min-firms", request.min_firms, "Industries with fewer firms are not listed, form no pair and get no curve")
      ->capture_default_str();
  sub->add_option("--pairs", request.pair_industries, "Coagglomeration of all pairs among this many largest industries")
      ->capture_default_str();
  sub->add_option("--group", args->group, "Comma-separated industries whose joint coagglomeration gamma_c is reported");
  sub->add_option("--totals", args->totals,
                  "CSV of official totals per unit (columns region or park, and employment) used as e_r for LQ and EG")
      ->check(CLI::ExistingFile);
  sub->add_flag("--distance", request.distance,
                "Also the distance-based Duranton-Overman K-density and Marcon-Puech M, with counterfactual bands");
  sub->add_option("--simulations", request.simulations, "Counterfactual draws per industry for the distance bands")
      ->capture_default_str();
  sub->add_option("--max-distance-km", request.max_distance_km,
                  "Largest distance of the curves; 0 = the median distance between firms")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--distance-points", request.distance_points, "Grid points from 0 to the largest distance")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{2}, std::size_t{100000}));
  sub->add_option("--distance-max-firms", request.distance_max_firms,
                  "Larger industries are represented by this many random firms (K) or centres (M)")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{2}, std::size_t{1} << 31));
  sub->add_option("--distance-max-sites", request.distance_max_sites,
                  "M uses a random subset of this many firms when there are more")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{2}, std::size_t{1} << 31));
  sub->add_option("--band-alpha", request.band_alpha, "Level of the bands: local 5%/95% and global bands at 0.05")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  sub->add_option("--name", args->name, "Result name under /results")->capture_default_str();
  sub->add_option("--top", args->top, "Rows per printed table")->capture_default_str();
  return [args, &globals]() {
    ConcentrationRequest& request = args->request;
    request.unit = *parse_spatial_unit(args->by);
    request.measure = *parse_size_measure(args->measure);
    request.group = split_list(args->group);
    request.seed = globals.seed;
    std::optional<UnitTotals> totals;
    if (!args->totals.empty()) {
      totals = read_unit_totals(args->totals, args->by);
      request.totals = args->totals;
    }
    globals.progress().report("loading", 0.0);
    const Graph graph = load_network(args->file);
    globals.progress().report("loading", 1.0);
    const ConcentrationOutcome outcome =
        run_concentration(GraphView(graph), request, totals ? &*totals : nullptr, globals.progress());
    if (globals.verify) {
      require_verified("concentration indices", verify_concentration(graph.nodes, outcome, totals ? &*totals : nullptr));
      if (outcome.distance) require_verified("distance curves", verify_distance_concentration(*outcome.distance));
    }
    const Result result = concentration_result(args->name, outcome, request, globals.effective_threads());
    write_result(args->file, result);
    if (globals.json) return print_json_result(result, args->file, {s::k_density, s::m_function}), 0;
    print_text(*args, result);
    return 0;
  };
});

}  // namespace
}  // namespace firmnet::cli
