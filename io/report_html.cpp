#include "io/report_html.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "graph/errors.hpp"
#include "io/atomic_file.hpp"
#include "io/h5_util.hpp"
#include "io/markup_escape.hpp"
#include "io/network_store.hpp"
#include "io/results.hpp"

namespace firmnet {

namespace {

// A categorical palette that stays readable when printed (Tableau 10).
constexpr const char* kPalette[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                                    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};

std::string esc(std::string_view s) {
  std::string out;
  append_xml_escaped(out, s);
  return out;
}

std::string num(double v, int digits = 3) {
  if (!std::isfinite(v)) return "–";
  char buf[64];
  if (v == std::round(v) && std::fabs(v) < 1e12) std::snprintf(buf, sizeof buf, "%.0f", v);
  else std::snprintf(buf, sizeof buf, "%.*g", digits, v);
  return buf;
}

std::string scalar_text(const ScalarValue& v) {
  return std::visit(
      [](const auto& x) -> std::string {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::string>) return x;
        else if constexpr (std::is_same_v<T, double>) return num(x, 6);
        else return std::to_string(x);
      },
      v);
}

// Cell i of a table column as text.
std::string cell(const ExtraColumn& column, std::size_t i) {
  if (const auto* s = std::get_if<StringColumn>(&column.values)) return std::string(s->value(i));
  if (const auto* d = std::get_if<Float64Column>(&column.values)) return num((*d)[i]);
  const auto v = std::get<Int64Column>(column.values)[i];
  return v == kMissingInt64 ? "–" : std::to_string(v);
}

double number(const ExtraColumn& column, std::size_t i) {
  if (const auto* d = std::get_if<Float64Column>(&column.values)) return (*d)[i];
  if (const auto* n = std::get_if<Int64Column>(&column.values)) return static_cast<double>((*n)[i]);
  return std::nan("");
}

const ExtraColumn* find_column(const ResultTable& table, const std::string& name) {
  for (const auto& c : table.columns)
    if (c.name == name) return &c;
  return nullptr;
}

const ResultTable* find_table(const Result& result, const std::string& name) {
  for (const auto& t : result.tables)
    if (t.name == name) return &t;
  return nullptr;
}

// Renders the given columns of a table (all rows up to max_rows) as HTML.
std::string html_table(const ResultTable& table, const std::vector<std::pair<std::string, std::string>>& columns,
                       std::size_t max_rows = 50) {
  std::ostringstream out;
  out << "<table><thead><tr>";
  for (const auto& [name, title] : columns) out << "<th>" << esc(title) << "</th>";
  out << "</tr></thead><tbody>";
  const std::size_t rows = table.columns.empty() ? 0 : table.columns.front().size();
  for (std::size_t i = 0; i < rows && i < max_rows; ++i) {
    out << "<tr>";
    for (const auto& [name, title] : columns) {
      const ExtraColumn* c = find_column(table, name);
      out << "<td>" << (c ? esc(cell(*c, i)) : "") << "</td>";
    }
    out << "</tr>";
  }
  out << "</tbody></table>";
  if (rows > max_rows) out << "<p class=note>" << rows - max_rows << " more rows in the HDF5 file.</p>";
  return out.str();
}

// Histogram of null samples with the observed value as a red line.
std::string null_chart(const std::vector<double>& samples, double observed, const std::string& title) {
  const int width = 260, height = 120, bins = 20;
  double lo = observed, hi = observed;
  for (double s : samples) {
    lo = std::min(lo, s);
    hi = std::max(hi, s);
  }
  if (hi == lo) hi = lo + 1;
  std::vector<int> counts(bins, 0);
  for (double s : samples) counts[std::min(bins - 1, static_cast<int>((s - lo) / (hi - lo) * bins))]++;
  const int peak = std::max(1, *std::max_element(counts.begin(), counts.end()));
  std::ostringstream out;
  out << "<svg class=chart width=" << width << " height=" << height + 30 << " role=img aria-label=\"" << esc(title)
      << "\"><title>" << esc(title) << "</title>";
  const double bw = static_cast<double>(width - 20) / bins;
  for (int b = 0; b < bins; ++b) {
    const double h = static_cast<double>(counts[b]) / peak * height;
    out << "<rect x=" << num(10 + b * bw, 6) << " y=" << num(height - h, 6) << " width=" << num(bw - 1, 6)
        << " height=" << num(h, 6) << " fill=\"#9bb7d4\"/>";
  }
  const double x = 10 + (observed - lo) / (hi - lo) * (width - 20);
  out << "<line x1=" << num(x, 6) << " x2=" << num(x, 6) << " y1=0 y2=" << height
      << " stroke=\"#c0392b\" stroke-width=2/>";
  out << "<text x=10 y=" << height + 14 << " font-size=10>" << num(lo) << "</text><text x=" << width - 10 << " y="
      << height + 14 << " font-size=10 text-anchor=end>" << num(hi) << "</text>";
  out << "<text x=" << num(x, 6) << " y=" << height + 26 << " font-size=10 text-anchor=middle fill=\"#c0392b\">observed "
      << num(observed) << "</text></svg>";
  return out.str();
}

// Convex hull (Andrew's monotone chain) of 2-D points, counter-clockwise.
std::vector<std::pair<double, double>> convex_hull(std::vector<std::pair<double, double>> p) {
  std::sort(p.begin(), p.end());
  p.erase(std::unique(p.begin(), p.end()), p.end());
  if (p.size() < 3) return p;
  auto cross = [](auto o, auto a, auto b) {
    return (a.first - o.first) * (b.second - o.second) - (a.second - o.second) * (b.first - o.first);
  };
  std::vector<std::pair<double, double>> hull(2 * p.size());
  std::size_t k = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    while (k >= 2 && cross(hull[k - 2], hull[k - 1], p[i]) <= 0) --k;
    hull[k++] = p[i];
  }
  for (std::size_t i = p.size() - 1, t = k + 1; i > 0; --i) {
    while (k >= t && cross(hull[k - 2], hull[k - 1], p[i - 1]) <= 0) --k;
    hull[k++] = p[i - 1];
  }
  hull.resize(k - 1);
  return hull;
}

std::string map_svg(const Graph& g, const std::vector<std::int64_t>& membership) {
  std::vector<NodeId> placed;
  double lat_lo = 90, lat_hi = -90, lon_lo = 180, lon_hi = -180;
  for (NodeId u = 0; u < g.node_count(); ++u) {
    if (!std::isfinite(g.nodes.lat[u]) || !std::isfinite(g.nodes.lon[u])) continue;
    placed.push_back(u);
  }
  if (placed.empty()) return "<p class=note>No node has coordinates.</p>";
  // Frame the bulk of the firms: 5th to 95th percentile, so a few far-away buyers do not
  // shrink every park to a dot; the others are drawn at the edge.
  std::vector<double> lats, lons;
  for (NodeId u : placed) {
    lats.push_back(g.nodes.lat[u]);
    lons.push_back(g.nodes.lon[u]);
  }
  std::sort(lats.begin(), lats.end());
  std::sort(lons.begin(), lons.end());
  const std::size_t k = placed.size();
  lat_lo = lats[k / 20];
  lat_hi = lats[k - 1 - k / 20];
  lon_lo = lons[k / 20];
  lon_hi = lons[k - 1 - k / 20];
  const double pad_lat = std::max(1e-3, (lat_hi - lat_lo) * 0.05), pad_lon = std::max(1e-3, (lon_hi - lon_lo) * 0.05);
  lat_lo -= pad_lat, lat_hi += pad_lat, lon_lo -= pad_lon, lon_hi += pad_lon;
  const double width = 760, height = 520;
  auto px = [&](double lon) { return std::clamp((lon - lon_lo) / (lon_hi - lon_lo), 0.0, 1.0) * width; };
  auto py = [&](double lat) { return (1 - std::clamp((lat - lat_lo) / (lat_hi - lat_lo), 0.0, 1.0)) * height; };
  std::ostringstream out;
  out << "<svg class=map width=" << width << " height=" << height
      << " role=img aria-label=\"firms by coordinates, coloured by community\"><rect width=100% height=100% fill=\"#fafafa\"/>";
  std::map<std::int32_t, std::vector<std::pair<double, double>>> park_points;
  for (NodeId u : placed)
    if (!g.nodes.park.missing(u)) park_points[g.nodes.park.codes[u]].emplace_back(px(g.nodes.lon[u]), py(g.nodes.lat[u]));
  for (const auto& [park, points] : park_points) {
    const auto hull = convex_hull(points);
    out << "<polygon points=\"";
    for (const auto& [x, y] : hull) out << num(x, 6) << "," << num(y, 6) << " ";
    out << "\" fill=none stroke=\"#333\" stroke-dasharray=\"4 3\"><title>" << esc(g.nodes.park.dictionary[park])
        << "</title></polygon>";
    if (!hull.empty())
      out << "<text x=" << num(hull.front().first, 6) << " y=" << num(hull.front().second - 4, 6)
          << " font-size=11>" << esc(g.nodes.park.dictionary[park]) << "</text>";
  }
  for (NodeId u : placed) {
    const std::int64_t c = membership.empty() ? -1 : membership[u];
    const char* colour = c < 0 ? "#999" : kPalette[c % 10];
    const bool firm = g.nodes.kind[u] == NodeKind::firm;
    out << "<circle cx=" << num(px(g.nodes.lon[u]), 6) << " cy=" << num(py(g.nodes.lat[u]), 6) << " r=" << (firm ? 2.2 : 4)
        << " fill=\"" << colour << "\"" << (firm ? "" : " stroke=\"#000\"") << "/>";
  }
  out << "</svg><p class=note>Dots are firms (outlined: institutions), coloured by community (10 colours repeat); "
         "dashed outlines are the convex hulls of each park's nodes. The frame shows the 5th–95th percentile of "
         "coordinates; nodes beyond it sit on the edge.</p>";
  return out.str();
}

std::string stage_heatmap(const Graph& g) {
  const auto& dict = g.nodes.stage.dictionary;
  if (dict.empty()) return "<p class=note>No stage column.</p>";
  const std::size_t s = dict.size();
  std::vector<std::uint64_t> counts(s * s, 0);
  for (NodeId u = 0; u < g.node_count(); ++u) {
    if (g.nodes.stage.missing(u) || g.nodes.kind[u] != NodeKind::firm) continue;
    for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e) {
      const NodeId v = g.out_target[e];
      if (g.nodes.stage.missing(v) || g.nodes.kind[v] != NodeKind::firm) continue;
      ++counts[g.nodes.stage.codes[u] * s + g.nodes.stage.codes[v]];
    }
  }
  const std::uint64_t peak = std::max<std::uint64_t>(1, *std::max_element(counts.begin(), counts.end()));
  const int cellsize = 34, label = 130;
  std::ostringstream out;
  out << "<svg class=heatmap width=" << label + cellsize * s + 10 << " height=" << label + cellsize * s + 10
      << " role=img aria-label=\"links from stage (rows) to stage (columns)\">";
  for (std::size_t i = 0; i < s; ++i) {
    out << "<text x=" << label - 6 << " y=" << label + cellsize * i + cellsize / 2 + 4
        << " font-size=11 text-anchor=end>" << esc(dict[i]) << "</text>";
    out << "<text transform=\"translate(" << label + cellsize * i + cellsize / 2 + 4 << "," << label - 6
        << ") rotate(-60)\" font-size=11>" << esc(dict[i]) << "</text>";
  }
  for (std::size_t i = 0; i < s; ++i)
    for (std::size_t j = 0; j < s; ++j) {
      const double t = std::sqrt(static_cast<double>(counts[i * s + j]) / peak);  // sqrt: small flows stay visible
      const int shade = static_cast<int>(255 - t * 200);
      out << "<rect x=" << label + cellsize * j << " y=" << label + cellsize * i << " width=" << cellsize - 1
          << " height=" << cellsize - 1 << " fill=\"rgb(" << shade << "," << shade << ",255)\"><title>"
          << esc(dict[i]) << " → " << esc(dict[j]) << ": " << counts[i * s + j] << " links</title></rect>";
      if (counts[i * s + j])
        out << "<text x=" << label + cellsize * j + cellsize / 2 << " y=" << label + cellsize * i + cellsize / 2 + 4
            << " font-size=9 text-anchor=middle>" << counts[i * s + j] << "</text>";
    }
  out << "</svg><p class=note>Firm-to-firm links of all types, from the row stage to the column stage. "
         "Off-diagonal cells are vertical links (between stages), the diagonal horizontal ones.</p>";
  return out.str();
}

}  // namespace

void write_report_html(const std::string& network_path, const std::string& html_path) {
  const Graph g = load_network(network_path);
  const NetworkHeader header = read_header(network_path);
  std::map<std::string, Result> results;
  for (const auto& summary : list_results(network_path)) results[summary.name] = read_result(network_path, summary.name);
  auto get = [&](const std::string& name) -> const Result* {
    auto it = results.find(name);
    return it == results.end() ? nullptr : &it->second;
  };
  auto missing = [](const std::string& command) {
    return "<p class=missing>Not computed yet: run <code>" + esc(command) + "</code> (or <code>firmnet analyze</code>).</p>";
  };

  std::ostringstream html;
  html << "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>firmnet report: " << esc(network_path)
       << "</title><style>"
          "body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;margin:2em auto;max-width:1100px;color:#222}"
          "h1{font-size:1.6em}h2{border-bottom:2px solid #4e79a7;padding-bottom:.2em;margin-top:2em}"
          "table{border-collapse:collapse;font-size:.85em;margin:.5em 0}th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left}"
          "th{background:#eef2f7}td{vertical-align:top}.note{color:#555;font-size:.85em}.missing{color:#a33}"
          ".charts{display:flex;flex-wrap:wrap;gap:1em}.charts figure{margin:0}figcaption{font-size:.85em}"
          ".verdict{font-weight:600}nav a{margin-right:1em}"
          "</style></head><body>";
  html << "<h1>firmnet report</h1><p class=note>" << esc(network_path) << " · written by firmnet " << FIRMNET_VERSION
       << " on " << h5::utc_now() << " · network fingerprint " << std::hex << header.fingerprint << std::dec << "</p>";
  html << "<nav><a href=#overview>Overview</a><a href=#parks>Park verdicts</a><a href=#map>Map</a>"
          "<a href=#communities>Communities</a><a href=#anchors>Anchors</a><a href=#flows>Stage flows</a>"
          "<a href=#concentration>Concentration</a><a href=#methods>Methods</a></nav>";

  // Overview.
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

  // Park verdicts.
  html << "<section id=parks><h2>Park verdicts: linked cluster or co-location?</h2>";
  if (const Result* parks = get("parks"); parks && find_table(*parks, "units")) {
    const ResultTable& units = *find_table(*parks, "units");
    html << "<p>Each park's internal links against " << scalar_text(parks->parameter("null_models"))
         << " replicates of the '" << esc(scalar_text(parks->parameter("null"))) << "' null model. Thresholds: q ≤ "
         << scalar_text(parks->parameter("alpha")) << ", ratio ≥ " << scalar_text(parks->parameter("min_ratio"))
         << " (docs/METHODS.md).</p>";
    html << html_table(units, {{"name", "park"}, {"verdict", "verdict"}, {"firms", "firms"},
                               {"internal_links", "internal links"}, {"null_mean", "expected"}, {"z", "z"},
                               {"q", "q"}, {"vertical_share", "vertical share"}, {"share_external", "external share"},
                               {"institution_links_unit", "institution links in park"},
                               {"institution_links_region", "institution links in region"}, {"hub_name", "hub"},
                               {"reason", "why"}});
    if (const ResultTable* samples = find_table(*parks, "null_samples")) {
      const auto* unit = find_column(*samples, "unit");
      const auto* links = find_column(*samples, "internal_links");
      const auto* observed = find_column(units, "internal_links");
      const auto* names = find_column(units, "name");
      const auto* verdicts = find_column(units, "verdict");
      html << "<h3>Observed internal links against the null distribution</h3><div class=charts>";
      for (std::size_t u = 0; unit && links && observed && u < observed->size(); ++u) {
        std::vector<double> values;
        for (std::size_t i = 0; i < unit->size(); ++i)
          if (static_cast<std::size_t>(number(*unit, i)) == u) values.push_back(number(*links, i));
        const std::string title = cell(*names, u) + ": " + cell(*verdicts, u);
        html << "<figure>" << null_chart(values, number(*observed, u), title) << "<figcaption>" << esc(title)
             << "</figcaption></figure>";
      }
      html << "</div>";
    }
  } else {
    html << missing("firmnet parks FILE");
  }
  html << "</section>";

  // Map.
  std::vector<std::int64_t> membership;
  if (const Result* leiden = get("leiden"))
    if (const auto* m = std::get_if<Int64Column>(&leiden->column("membership").values)) membership = *m;
  html << "<section id=map><h2>Map</h2>" << map_svg(g, membership) << "</section>";

  // Communities.
  html << "<section id=communities><h2>Communities</h2>";
  if (const Result* leiden = get("leiden"); leiden && !membership.empty()) {
    html << "<p>Method " << esc(leiden->method) << ", seed " << leiden->seed << ".</p>";
    // Dominant industries, stages, parks and institutions per community, from the node table.
    std::map<std::int64_t, std::map<std::string, int>> industries, stages, parks;
    std::map<std::int64_t, int> size, institutions;
    for (NodeId u = 0; u < g.node_count(); ++u) {
      const std::int64_t c = membership[u];
      if (c < 0) continue;
      ++size[c];
      if (g.nodes.kind[u] != NodeKind::firm) {
        ++institutions[c];
        continue;
      }
      if (!g.nodes.industry.missing(u)) ++industries[c][std::string(g.nodes.industry.value(u))];
      if (!g.nodes.stage.missing(u)) ++stages[c][std::string(g.nodes.stage.value(u))];
      if (!g.nodes.park.missing(u)) ++parks[c][std::string(g.nodes.park.value(u))];
    }
    auto top = [](const std::map<std::string, int>& m) {
      std::vector<std::pair<int, std::string>> v;
      for (const auto& [k, n] : m) v.emplace_back(-n, k);
      std::sort(v.begin(), v.end());
      std::string out;
      for (std::size_t i = 0; i < v.size() && i < 3; ++i) out += (i ? ", " : "") + v[i].second + " (" + std::to_string(-v[i].first) + ")";
      return out;
    };
    std::vector<std::pair<int, std::int64_t>> order;
    for (const auto& [c, n] : size) order.emplace_back(-n, c);
    std::sort(order.begin(), order.end());
    html << "<table><tr><th>community</th><th>nodes</th><th>institutions</th><th>industries</th><th>stages</th><th>parks</th></tr>";
    for (std::size_t i = 0; i < order.size() && i < 25; ++i) {
      const std::int64_t c = order[i].second;
      html << "<tr><td>" << c << "</td><td>" << size[c] << "</td><td>" << institutions[c] << "</td><td>"
           << esc(top(industries[c])) << "</td><td>" << esc(top(stages[c])) << "</td><td>" << esc(top(parks[c]))
           << "</td></tr>";
    }
    html << "</table>";
    if (const ResultTable* table = find_table(*leiden, "communities"))
      html << "<h3>Quality per community</h3>"
           << html_table(*table, {{"community", "community"}, {"size", "size"}, {"internal_weight", "internal weight"},
                                  {"density", "density"}, {"conductance", "conductance"}, {"consensus", "consensus"}},
                         25);
  } else {
    html << missing("firmnet communities FILE --name leiden");
  }
  html << "</section>";

  // Anchors.
  html << "<section id=anchors><h2>Anchor firms</h2>";
  if (const Result* anchors = get("anchors"); anchors && find_table(*anchors, "top_overall")) {
    html << "<p>Score components and weights: docs/centrality.md. Each row says why the firm ranks where it does.</p>"
         << html_table(*find_table(*anchors, "top_overall"),
                       {{"rank", "rank"}, {"id", "id"}, {"name", "name"}, {"group", "community"}, {"score", "score"},
                        {"reason", "why"}});
    if (const ResultTable* by_group = find_table(*anchors, "top_by_group"))
      html << "<h3>Top anchors per community</h3>"
           << html_table(*by_group, {{"group", "community"}, {"rank", "rank"}, {"name", "name"}, {"score", "score"},
                                     {"reason", "why"}},
                         60);
  } else {
    html << missing("firmnet anchors FILE --name anchors");
  }
  html << "</section>";

  html << "<section id=flows><h2>Stage-to-stage flows</h2>" << stage_heatmap(g) << "</section>";

  html << "<section id=concentration><h2>Concentration indices</h2>";
  if (const Result* conc = get("concentration"); conc && find_table(*conc, "industries")) {
    html << "<p>Co-location indices measure concentration only, not linkage (docs/concentration.md).</p>"
         << html_table(*find_table(*conc, "industries"),
                       {{"industry", "industry"}, {"firms", "firms"}, {"employment", "size"}, {"G", "G"}, {"H", "H"},
                        {"gamma", "EG γ"}, {"gini", "locational Gini"}, {"hhi_regions", "HHI (regions)"},
                        {"note", "note"}},
                       40);
  } else {
    html << missing("firmnet concentration FILE");
  }
  html << "</section>";

  html << "<section id=methods><h2>Methods and parameters</h2><p>Every stored result with its parameters, as kept in "
          "the HDF5 file (docs/FORMAT.md).</p>";
  for (const auto& [name, r] : results) {
    html << "<h3>" << esc(name) << " (" << esc(r.method) << ", seed " << r.seed << ", " << r.threads
         << " threads)</h3><table><tr><th>parameter</th><th>value</th></tr>";
    for (const auto& [key, value] : r.parameters)
      html << "<tr><td>" << esc(key) << "</td><td>" << esc(scalar_text(value)) << "</td></tr>";
    html << "</table>";
  }
  if (results.empty()) html << "<p class=missing>No stored results.</p>";
  html << "</section></body></html>\n";

  AtomicFile target(html_path);
  {
    std::ofstream out(target.temp_path(), std::ios::binary);
    out << html.str();
    out.flush();
    if (!out) throw DataError(html_path + ": cannot write the report");
  }
  target.commit();
}

}  // namespace firmnet
