#include "report/report_html.hpp"

#include <fstream>
#include <map>
#include <sstream>

#include "graph/errors.hpp"
#include "io/atomic_file.hpp"
#include "io/h5_util.hpp"
#include "io/markup_escape.hpp"
#include "io/network_store.hpp"
#include "io/results.hpp"
#include "report/charts.hpp"
#include "report/text_table.hpp"
#include "report/views.hpp"

namespace firmnet::report {

namespace {

std::string escaped(std::string_view text) {
  std::string out;
  append_xml_escaped(out, text);
  return out;
}

// A node column of a stored result as numbers, or empty when the result or column is absent.
template <typename T>
std::vector<T> numeric_column(const Result* result, const char* column) {
  if (!result) return {};
  for (const auto& c : result->node_columns)
    if (c.name == column) {
      if (const auto* ints = std::get_if<Int64Column>(&c.values)) return std::vector<T>(ints->begin(), ints->end());
      if (const auto* reals = std::get_if<Float64Column>(&c.values)) return std::vector<T>(reals->begin(), reals->end());
    }
  return {};
}

// A column of a stored table as numbers (NaN for missing or text cells); empty when absent.
std::vector<double> column_values(const ResultTable& table, const char* column) {
  std::vector<double> values;
  if (const ExtraColumn* c = table.find(column))
    for (std::size_t row = 0; row < c->size(); ++row) values.push_back(cell_number(*c, row));
  return values;
}

// A fitted deterrence table (community or park result) as a log-log chart and its table.
std::string deterrence_figure(const ResultTable& deterrence) {
  return deterrence_chart_svg(column_values(deterrence, community::stored::lower_km),
                              column_values(deterrence, community::stored::deterrence_value), "fitted f(d)") +
         render_html(deterrence, deterrence_view());
}

std::string share_text(const std::string& value, double share) {
  return value.empty() ? "-" : value + " (" + format_number(share, 3) + ")";
}

std::string parks_section(const Result* parks, const std::string& missing) {
  const ResultTable* units = parks ? parks->find_table(spatial::stored::units) : nullptr;
  if (!units) return missing;
  std::ostringstream html;
  html << "<p>Each park's internal links against " << scalar_text(parks->parameter("null_models"))
       << " replicates of the '" << escaped(scalar_text(parks->parameter(spatial::stored::null))) << "' null model ("
       << escaped(scalar_text(parks->parameter(spatial::stored::null_choice))) << "). Thresholds: q ≤ "
       << scalar_text(parks->parameter("alpha")) << ", ratio to the degree expectation ≥ "
       << scalar_text(parks->parameter("min_ratio")) << ", vertical share ≥ "
       << scalar_text(parks->parameter("vertical_share")) << " (docs/METHODS.md).</p>";
  for (const auto& [key, value] : parks->parameters)  // results stored before the study area lack it
    if (key == "study_area_resolved")
      html << "<p>Study area: " << escaped(scalar_text(value))
           << ". Firms outside it belong to no park here and are never ranked as anchors; links to them count as "
              "external.</p>";
  TableView view = park_verdicts_view();
  view.columns.push_back({"institution_links_unit", "institution links in park", CellFormat::count});
  view.columns.push_back({"institution_links_region", "institution links in region", CellFormat::count});
  view.columns.push_back({spatial::stored::reason, "why"});
  html << render_html(*units, view);
  if (const ResultTable* samples = parks->find_table(spatial::stored::null_samples)) {
    const ExtraColumn& unit = samples->column(spatial::stored::unit);
    const ExtraColumn& links = samples->column(spatial::stored::internal_links);
    const ExtraColumn& observed = units->column(spatial::stored::internal_links);
    std::vector<std::vector<double>> by_unit(units->rows());
    for (std::size_t i = 0; i < samples->rows(); ++i) {
      const double u = cell_number(unit, i);
      if (u >= 0 && u < static_cast<double>(by_unit.size())) by_unit[static_cast<std::size_t>(u)].push_back(cell_number(links, i));
    }
    html << "<h3>Observed internal links against the null distribution</h3><div class=charts>";
    for (std::size_t u = 0; u < units->rows(); ++u) {
      const std::string title = cell_text(units->column(spatial::stored::name), u) + ": " +
                                cell_text(units->column(spatial::stored::verdict), u);
      html << "<figure>" << null_chart_svg(by_unit[u], cell_number(observed, u), title) << "<figcaption>"
           << escaped(title) << "</figcaption></figure>";
    }
    html << "</div>";
  }
  if (const ResultTable* deterrence = parks->find_table(spatial::stored::deterrence)) {
    html << "<h3>Distance deterrence f(d) of the firms' trade</h3><p>Fitted by distance bins (Expert et al. "
            "2011): f(d) is the links observed between firms at distance d over the sum of k<sub>i</sub><sup>out"
            "</sup> k<sub>j</sub><sup>in</sup> of all pairs at that distance. Each park's gravity expectation "
            "(expected_gravity) uses it: P<sub>ij</sub> ∝ k<sub>i</sub><sup>out</sup> k<sub>j</sub><sup>in</sup> "
            "f(d<sub>ij</sub>).</p>"
         << deterrence_figure(*deterrence);
  }
  return html.str();
}

std::string communities_section(const Graph& g, const Result* communities, const Result* anchors,
                                 const std::vector<std::int64_t>& membership, const std::string& missing) {
  if (!communities || membership.empty()) return missing;
  std::ostringstream html;
  html << "<p>Method " << escaped(communities->method) << ", seed " << communities->seed << ".</p>";
  const auto profiles = pipeline::profile_communities(
      g, membership, numeric_column<double>(anchors, anchors::stored::anchor_score),
      numeric_column<std::int64_t>(anchors, anchors::stored::ranked),
      numeric_column<double>(communities, community::stored::consensus_share));
  html << "<table><thead><tr><th>community</th><th>nodes</th><th>firms</th><th>institutions</th>"
          "<th>industry (share)</th><th>stage (share)</th><th>park (share)</th><th>parks</th><th>anchor</th>"
          "<th>consensus</th></tr></thead><tbody>";
  for (std::size_t i = 0; i < profiles.size() && i < 25; ++i) {
    const auto& p = profiles[i];
    const std::string anchor =
        p.anchor < 0 ? "-" : std::string(g.nodes.name[p.anchor].empty() ? g.nodes.id[p.anchor] : g.nodes.name[p.anchor]);
    html << "<tr><td>" << p.community << "</td><td>" << p.nodes << "</td><td>" << p.firms << "</td><td>"
         << p.institutions << "</td><td>" << escaped(share_text(p.top_industry, p.top_industry_share)) << "</td><td>"
         << escaped(share_text(p.top_stage, p.top_stage_share)) << "</td><td>"
         << escaped(share_text(p.top_park, p.top_park_share)) << "</td><td>" << p.parks_spanned << "</td><td>"
         << escaped(anchor) << "</td><td>" << format_number(p.consensus, 3) << "</td></tr>";
  }
  html << "</tbody></table>";
  if (profiles.size() > 25) html << "<p class=note>" << profiles.size() - 25 << " smaller communities.</p>";
  if (const ResultTable* table = communities->find_table(community::stored::communities))
    html << "<h3>Quality per community</h3>" << render_html(*table, communities_view(25));
  if (const ResultTable* deterrence = communities->find_table(community::stored::deterrence)) {
    html << "<h3>Distance deterrence f(d)</h3><p>The communities maximise the spatial modularity (Expert et al. "
            "2011): links beyond what the firms' strengths and the fitted deterrence function f(d) of their "
            "distance give. f(d) is observed links over the strength products of all pairs, per distance bin "
            "(docs/community.md).</p>"
         << deterrence_figure(*deterrence);
  }
  return html.str();
}

std::string anchors_section(const Result* anchors, const std::string& missing) {
  const ResultTable* top = anchors ? anchors->find_table(anchors::stored::top_overall) : nullptr;
  if (!top) return missing;
  std::string html = "<p>Score components and weights: docs/centrality.md. Each row says why the firm ranks where it does.</p>" +
                     render_html(*top, anchor_picks_view(anchors::stored::top_overall, "community", 50));
  if (const ResultTable* by_group = anchors->find_table(anchors::stored::top_by_group))
    html += "<h3>Top anchors per community</h3>" +
            render_html(*by_group, anchor_picks_view(anchors::stored::top_by_group, "community", 60));
  return html;
}

// The K-density curves of the stored k_density table (industry-major rows), by industry name.
std::map<std::string, BandedCurve> k_density_curves(const ResultTable& table) {
  namespace s = spatial::stored::concentration;
  std::map<std::string, BandedCurve> curves;
  const ExtraColumn& industry = table.column(s::industry);
  const std::pair<const char*, std::vector<double> BandedCurve::*> series[] = {
      {s::distance_km, &BandedCurve::distance_km},   {s::k, &BandedCurve::value},
      {s::local_lower, &BandedCurve::local_lower},   {s::local_upper, &BandedCurve::local_upper},
      {s::global_lower, &BandedCurve::global_lower}, {s::global_upper, &BandedCurve::global_upper}};
  for (std::size_t r = 0; r < table.rows(); ++r) {
    BandedCurve& curve = curves[cell_text(industry, r)];
    for (const auto& [column, member] : series) (curve.*member).push_back(cell_number(table.column(column), r));
  }
  return curves;
}

std::string distance_subsection(const Result& concentration) {
  namespace s = spatial::stored::concentration;
  const ResultTable* summary = concentration.find_table(s::distance_industries);
  const ResultTable* k_density = concentration.find_table(s::k_density);
  if (!summary || !k_density) return "";
  constexpr std::size_t kCharts = 24;
  std::ostringstream html;
  html << "<h3>Distance-based localisation (Duranton-Overman K-density)</h3><p>K-density of each industry's "
          "bilateral firm distances against "
       << escaped(scalar_text(concentration.parameter("simulations")))
       << " counterfactuals drawn from all firm sites: shaded, the global band; dashed, the local band; red ticks, "
          "distances where the industry is localised (docs/concentration.md).</p>"
       << render_html(*summary, distance_industries_view(40));
  const std::map<std::string, BandedCurve> curves = k_density_curves(*k_density);
  const ExtraColumn& industry = summary->column(s::industry);
  html << "<div class=charts>";
  std::size_t drawn = 0;
  for (std::size_t r : view_rows(*summary, distance_industries_view(kCharts))) {
    if (drawn++ == kCharts) break;
    const std::string name = cell_text(industry, r);
    const auto curve = curves.find(name);
    if (curve == curves.end()) continue;
    const std::string title = name + ": Gamma " + cell_text(summary->column(s::localisation), r, CellFormat::share);
    html << "<figure>" << banded_curve_svg(curve->second, title) << "<figcaption>" << escaped(title) << "</figcaption></figure>";
  }
  html << "</div>";
  if (summary->rows() > kCharts)
    html << "<p class=note>The " << kCharts << " most localised industries are drawn; all curves are in the HDF5 file.</p>";
  return html.str();
}

std::string concentration_section(const Result* concentration, const std::string& missing) {
  const ResultTable* industries = concentration ? concentration->find_table(spatial::stored::concentration::industries) : nullptr;
  if (!industries) return missing;
  const std::string unit = scalar_text(concentration->parameter("by"));
  const std::string size = scalar_text(concentration->parameter("measure")) == "employees" ? "employees" : "firms";
  const auto min_firms = static_cast<std::uint64_t>(std::get<std::int64_t>(concentration->parameter("min_firms")));
  return "<p>Co-location indices measure concentration only, not linkage (docs/concentration.md). Industries with at "
         "least " + std::to_string(min_firms) + " firms, by Ellison-Glaeser gamma.</p>" +
         render_html(*industries, concentration_industries_view(unit, size, min_firms, 40)) +
         distance_subsection(*concentration);
}

}  // namespace

void write_report_html(const std::string& network_path, const std::string& html_path, const ReportSources& sources) {
  const Graph g = load_network(network_path);
  const NetworkHeader header = read_header(network_path);
  std::map<std::string, Result> results;
  for (const auto& summary : list_results(network_path)) results[summary.name] = read_result(network_path, summary.name);
  auto get = [&](const std::string& name) -> const Result* {
    auto it = results.find(name);
    return it == results.end() ? nullptr : &it->second;
  };
  auto missing = [](const std::string& name, const std::string& command) {
    return "<p class=missing>No result '" + escaped(name) + "' yet: run <code>" + escaped(command) +
           "</code> (or <code>firmnet analyze</code>).</p>";
  };
  const Result* communities = get(sources.communities);
  const Result* anchors = get(sources.anchors);
  const std::vector<std::int64_t> membership = numeric_column<std::int64_t>(communities, community::stored::membership);

  std::ostringstream html;
  html << "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>firmnet report: " << escaped(network_path)
       << "</title><style>"
          "body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;margin:2em auto;max-width:1100px;color:#222}"
          "h1{font-size:1.6em}h2{border-bottom:2px solid #4e79a7;padding-bottom:.2em;margin-top:2em}"
          "table{border-collapse:collapse;font-size:.85em;margin:.5em 0}th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left}"
          "th{background:#eef2f7}td{vertical-align:top}.note{color:#555;font-size:.85em}.missing{color:#a33}"
          ".charts{display:flex;flex-wrap:wrap;gap:1em}.charts figure{margin:0}figcaption{font-size:.85em}"
          ".verdict{font-weight:600}nav a{margin-right:1em}"
          "</style></head><body>";
  html << "<h1>firmnet report</h1><p class=note>" << escaped(network_path) << " · written by firmnet " << FIRMNET_VERSION
       << " on " << h5::utc_now() << " · network fingerprint " << std::hex << header.fingerprint << std::dec << "</p>";
  html << "<nav><a href=#overview>Overview</a><a href=#parks>Park verdicts</a><a href=#map>Map</a>"
          "<a href=#communities>Communities</a><a href=#anchors>Anchors</a><a href=#flows>Stage flows</a>"
          "<a href=#concentration>Concentration</a><a href=#methods>Methods</a></nav>";

  std::vector<std::uint64_t> kinds(kNodeKindCount, 0), types(kRelationTypeCount, 0);
  for (NodeKind k : g.nodes.kind) ++kinds[static_cast<std::size_t>(k)];
  for (RelationType t : g.edges.type) ++types[static_cast<std::size_t>(t)];
  html << "<section id=overview><h2>Overview</h2><p>" << g.node_count() << " nodes and " << g.edge_count()
       << " links, " << g.nodes.park.dictionary.size() << " parks, " << g.nodes.region.dictionary.size()
       << " regions.</p><table><tr><th>node kind</th><th>nodes</th></tr>";
  for (std::size_t k = 0; k < kNodeKindCount; ++k)
    if (kinds[k]) html << "<tr><td>" << node_kind_names()[k] << "</td><td>" << kinds[k] << "</td></tr>";
  html << "</table><table><tr><th>relation type</th><th>links</th></tr>";
  for (std::size_t t = 0; t < kRelationTypeCount; ++t)
    if (types[t]) html << "<tr><td>" << relation_type_names()[t] << "</td><td>" << types[t] << "</td></tr>";
  html << "</table></section>";

  html << "<section id=parks><h2>Park verdicts: linked cluster or co-location?</h2>"
       << parks_section(get(sources.parks), missing(sources.parks, "firmnet parks FILE")) << "</section>";
  html << "<section id=map><h2>Map</h2>" << map_svg(g, membership) << "</section>";
  html << "<section id=communities><h2>Communities</h2>"
       << communities_section(g, communities, anchors, membership,
                              missing(sources.communities, "firmnet communities FILE --name " + sources.communities))
       << "</section>";
  html << "<section id=anchors><h2>Anchor firms</h2>"
       << anchors_section(anchors, missing(sources.anchors, "firmnet anchors FILE --name " + sources.anchors))
       << "</section>";
  html << "<section id=flows><h2>Stage-to-stage flows</h2>" << stage_heatmap_svg(g) << "</section>";
  html << "<section id=concentration><h2>Concentration indices</h2>"
       << concentration_section(get(sources.concentration),
                                missing(sources.concentration, "firmnet concentration FILE --name " + sources.concentration))
       << "</section>";

  html << "<section id=methods><h2>Methods and parameters</h2><p>Every stored result with its parameters, as kept in "
          "the HDF5 file (docs/FORMAT.md).</p>";
  for (const auto& [name, r] : results) {
    html << "<h3>" << escaped(name) << " (" << escaped(r.method) << ", seed " << r.seed << ", " << r.threads
         << " threads)</h3><table><tr><th>parameter</th><th>value</th></tr>";
    for (const auto& [key, value] : r.parameters)
      html << "<tr><td>" << escaped(key) << "</td><td>" << escaped(scalar_text(value)) << "</td></tr>";
    html << "</table>";
  }
  if (results.empty()) html << "<p class=missing>No stored results.</p>";
  html << "</section></body></html>\n";
  AtomicFile report(html_path);
  report.buffer() = html.str();
  report.commit();
}

}  // namespace firmnet::report
