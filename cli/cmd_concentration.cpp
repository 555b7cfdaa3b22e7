// firmnet concentration: co-location indices (location quotient, Ellison-Glaeser gamma with G
// and H, locational Gini, Herfindahl, EG coagglomeration) per industry over regions or parks,
// stored as /results/<name>/tables/{industries,location_quotients,coagglomeration}.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <memory>
#include <numeric>

#include "algorithms/spatial/concentration.hpp"
#include "results/concentration_result.hpp"
#include "cli/command.hpp"
#include "cli/presenters.hpp"
#include "graph/errors.hpp"
#include "io/json_writer.hpp"
#include "io/network_store.hpp"
#include "io/results.hpp"

namespace firmnet::cli {
namespace {

using namespace firmnet::spatial;

struct ConcentrationArgs {
  std::string file, by = "region", name = "concentration", measure = "auto", group;
  int industry_level = 0;
  std::uint64_t min_firms = 5;
  std::size_t pair_industries = 20, top = 15;
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

// Orders with NaN last, larger first, ties by index.
template <typename Value>
std::vector<std::size_t> descending(std::size_t count, Value value) {
  std::vector<std::size_t> order(count);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const double x = value(a), y = value(b);
    return std::isnan(y) ? !std::isnan(x) : x > y;
  });
  return order;
}

std::string number(double v, int digits = 4) { return std::isnan(v) ? "NaN" : format_number(v, digits); }

void json_scalars(JsonWriter& json, const char* key, const std::vector<NamedScalar>& values) {
  json.key(key).begin_object();
  for (const auto& [name, value] : values) {
    json.key(name);
    std::visit([&](const auto& v) { json.value(v); }, value);
  }
  json.end_object();
}

struct View {
  const ConcentrationReport& report;
  std::vector<std::size_t> industries;    // by gamma, at least min_firms firms
  std::vector<std::uint64_t> cells;       // by LQ, industries with at least min_firms firms, top
  std::vector<std::uint32_t> cell_industry;
};

View make_view(const ConcentrationReport& r, std::uint64_t min_firms, std::size_t top) {
  View view{r, {}, {}, std::vector<std::uint32_t>(r.data.cell_unit.size())};
  const ConcentrationData& d = r.data;
  for (std::uint32_t i = 0; i < d.industry_count(); ++i)
    for (std::uint64_t c = d.cell_offsets[i]; c < d.cell_offsets[i + 1]; ++c) view.cell_industry[c] = i;
  for (std::size_t i : descending(d.industry_count(), [&](std::size_t i) { return r.ellison_glaeser[i].gamma; }))
    if (d.industry_firms[i] >= min_firms) view.industries.push_back(i);
  for (std::size_t c : descending(d.cell_unit.size(), [&](std::size_t c) { return r.location_quotient[c]; })) {
    if (view.cells.size() == top) break;
    if (d.industry_firms[view.cell_industry[c]] >= min_firms && d.cell_size[c] > 0) view.cells.push_back(c);
  }
  return view;
}

void print_json(const ConcentrationArgs& args, const Result& result, const View& view) {
  const ConcentrationReport& r = view.report;
  const ConcentrationData& d = r.data;
  JsonWriter json(std::cout);
  json.begin_object().key("file").value(args.file).key("result").value(result.name);
  json_scalars(json, "parameters", result.parameters);
  json_scalars(json, "scalars", result.scalars);
  json.key("industries").begin_array();  // every industry, by gamma (NaN last)
  for (std::size_t i : descending(d.industry_count(), [&](std::size_t i) { return r.ellison_glaeser[i].gamma; })) {
    const EllisonGlaeser& eg = r.ellison_glaeser[i];
    json.begin_object().key("industry").value(d.industry_names[i]).key("firms").value(d.industry_firms[i]);
    json.key("employment").value(d.industry_size[i]);
    json.key("units").value(static_cast<std::uint64_t>(d.cell_offsets[i + 1] - d.cell_offsets[i]));
    json.key("G").value(eg.G).key("H").value(eg.H).key("gamma").value(eg.gamma);
    json.key("gini").value(r.gini[i]).key("hhi_regions").value(r.hhi_units[i]).key("hhi_firms").value(r.hhi_firms[i]);
    json.key("note").value(degeneracy_reason(eg.degeneracy)).end_object();
  }
  json.end_array();
  json.key("top_location_quotients").begin_array();
  for (std::uint64_t c : view.cells) {
    json.begin_object().key("region").value(d.unit_names[d.cell_unit[c]]);
    json.key("industry").value(d.industry_names[view.cell_industry[c]]).key("firms").value(d.cell_firms[c]);
    json.key("e_ri").value(d.cell_size[c]).key("lq").value(r.location_quotient[c]).end_object();
  }
  json.end_array();
  json.key("coagglomeration").begin_array();
  for (const auto& p : r.pairs) {
    json.begin_object().key("industry_a").value(d.industry_names[p.industries[0]]);
    json.key("industry_b").value(d.industry_names[p.industries[1]]).key("employment").value(p.size);
    json.key("G").value(p.G).key("H").value(p.H).key("gamma_c").value(p.gamma_c);
    json.key("note").value(degeneracy_reason(p.degeneracy)).end_object();
  }
  json.end_array();
  json.end_object();
  std::cout << "\n";
}

void print_text(const ConcentrationArgs& args, const Result& result, const View& view) {
  const ConcentrationReport& r = view.report;
  const ConcentrationData& d = r.data;
  const ScopeCounts& s = d.scope;
  const std::string unit(spatial_unit_name(d.unit)), size_name = d.measure == SizeMeasure::employees ? "employees" : "firms";
  std::cout << "Co-location indices by " << unit << " over " << format_count(s.in_scope) << " of "
            << format_count(s.firms) << " firms, " << format_count(d.unit_count()) << " " << unit << "s, "
            << format_count(d.industry_count()) << " industries"
            << (d.industry_level ? " (codes cut to " + std::to_string(d.industry_level) + " characters)" : "")
            << "; stored as /results/" << result.name << "\n";
  std::cout << "measure: " << (d.measure == SizeMeasure::employees ? "employees (employment)" : "firm_count (firm counts)");
  if (d.measure == SizeMeasure::firm_count && s.missing_employees)
    std::cout << ", because " << format_count(s.missing_employees) << " firms in scope lack employees";
  std::cout << "\n";
  if (s.missing_unit + s.missing_industry + s.missing_both + s.excluded_missing_employees)
    std::cout << "not in scope: " << format_count(s.missing_unit) << " firms without " << unit << ", "
              << format_count(s.missing_industry) << " without industry, " << format_count(s.missing_both)
              << " without either, " << format_count(s.excluded_missing_employees) << " without employees\n";

  std::cout << "\nIndustries with at least " << args.min_firms << " firms, by Ellison-Glaeser gamma ("
            << view.industries.size() << ")\n";
  TextTable industries({"industry", "firms", size_name, unit + "s", "G", "H", "gamma", "gini", "hhi_" + unit + "s", "note"});
  std::size_t shown = 0;
  for (std::size_t i : view.industries) {
    if (shown++ == args.top) {
      std::vector<std::string> more(10, "");
      more[0] = "... " + std::to_string(view.industries.size() - args.top) + " more (--top, --json)";
      industries.add_row(std::move(more));
      break;
    }
    const EllisonGlaeser& eg = r.ellison_glaeser[i];
    industries.add_row({d.industry_names[i], format_count(d.industry_firms[i]), number(d.industry_size[i], 8),
                        format_count(d.cell_offsets[i + 1] - d.cell_offsets[i]), number(eg.G), number(eg.H),
                        number(eg.gamma), number(r.gini[i]), number(r.hhi_units[i]),
                        std::string(degeneracy_reason(eg.degeneracy))});
  }
  industries.print(std::cout);

  std::cout << "\nHighest location quotients (industries with at least " << args.min_firms << " firms)\n";
  TextTable lq({unit, "industry", "firms", size_name, "LQ"});
  for (std::uint64_t c : view.cells)
    lq.add_row({d.unit_names[d.cell_unit[c]], d.industry_names[view.cell_industry[c]], format_count(d.cell_firms[c]),
                number(d.cell_size[c], 8), number(r.location_quotient[c])});
  lq.print(std::cout);

  std::cout << "\nCoagglomeration of industry pairs (" << r.pairs.size() << " pairs of the " << args.pair_industries
            << " largest industries with at least " << args.min_firms << " firms)\n";
  if (!r.pairs.empty()) {
    TextTable pairs({"industry_a", "industry_b", size_name, "G", "gamma_c", "note"});
    for (std::size_t k = 0; k < std::min(args.top, r.pairs.size()); ++k) {
      const Coagglomeration& p = r.pairs[k];
      pairs.add_row({d.industry_names[p.industries[0]], d.industry_names[p.industries[1]], number(p.size, 8),
                     number(p.G), number(p.gamma_c), std::string(degeneracy_reason(p.degeneracy))});
    }
    pairs.print(std::cout);
  }
  if (r.group) {
    std::cout << "\nGroup " << args.group << ": gamma_c = " << number(r.group->gamma_c) << " (G = " << number(r.group->G)
              << ", H = " << number(r.group->H) << ")";
    if (r.group->degeneracy != Degeneracy::none) std::cout << ", " << degeneracy_reason(r.group->degeneracy);
    std::cout << "\n";
  }
}

const CommandRegistration registration(70, [](CLI::App& app, const GlobalOptions& globals) -> RunFunction {
  auto args = std::make_shared<ConcentrationArgs>();
  CLI::App* sub = app.add_subcommand(
      "concentration", "Co-location indices per industry: location quotient, Ellison-Glaeser gamma, Gini, Herfindahl");
  sub->footer(
      "Firms (kind firm) with a unit and an industry enter; others are counted and reported.\n"
      "Size is employment when every such firm has employees (--measure auto), else firm counts;\n"
      "the output and the stored parameter `measure` say which. These indices measure\n"
      "concentration only, not linkage: see `firmnet parks`. Undefined values (one unit, one firm\n"
      "in an industry) are NaN with a note. Results: /results/<name>/tables/{industries,\n"
      "location_quotients,coagglomeration}. See docs/concentration.md.");
  sub->add_option("file", args->file, "Network file (.h5)")->required();
  sub->add_option("--by", args->by, "Spatial unit: region or park")->capture_default_str()->check(
      CLI::IsMember({"region", "park"}));
  sub->add_option("--industry-level", args->industry_level,
                  "Leading characters of the industry code kept (C3670 at 3 is C36); 0 keeps the whole code")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--measure", args->measure, "auto, employees (firms without employees left out) or firm_count")
      ->capture_default_str()
      ->check(CLI::IsMember({"auto", "employees", "firm_count", "firms"}));
  sub->add_option("--min-firms", args->min_firms, "Industries with fewer firms are not listed and form no pair")
      ->capture_default_str();
  sub->add_option("--pairs", args->pair_industries, "Coagglomeration of all pairs among this many largest industries")
      ->capture_default_str();
  sub->add_option("--group", args->group, "Comma-separated industries whose joint coagglomeration gamma_c is reported");
  sub->add_option("--name", args->name, "Result name under /results")->capture_default_str();
  sub->add_option("--top", args->top, "Rows per printed table")->capture_default_str();
  return [args, &globals]() {
    ConcentrationOptions options;
    options.unit = *parse_spatial_unit(args->by);
    options.industry_level = args->industry_level;
    options.measure = *parse_size_measure(args->measure);
    options.min_firms = args->min_firms;
    options.pair_industries = args->pair_industries;
    options.group = split_list(args->group);
    options.progress = globals.progress();
    globals.progress().report("loading", 0.0);
    const Graph graph = load_network(args->file);
    globals.progress().report("loading", 1.0);
    const ConcentrationReport report = analyze_concentration(graph.nodes, options);
    Result result = concentration_result(report, options);
    result.name = args->name;
    result.seed = globals.seed;
    result.threads = globals.effective_threads();
    write_result(args->file, result);
    const View view = make_view(report, args->min_firms, args->top);
    if (globals.json)
      print_json(*args, result, view);
    else
      print_text(*args, result, view);
    return 0;
  };
});

}  // namespace
}  // namespace firmnet::cli
