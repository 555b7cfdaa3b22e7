#include "report/charts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "algorithms/spatial/convex_hull.hpp"
#include "io/markup_escape.hpp"

namespace firmnet::report {

namespace {

// A categorical palette that stays readable when printed (Tableau 10).
constexpr const char* kPalette[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                                    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};

std::string escaped(std::string_view text) {
  std::string out;
  append_xml_escaped(out, text);
  return out;
}

// Coordinates and labels in SVG: integers without decimals, others with `digits` significant.
std::string svg_number(double v, int digits = 3) {
  if (!std::isfinite(v)) return "–";
  char buf[64];
  if (v == std::round(v) && std::fabs(v) < 1e12) std::snprintf(buf, sizeof buf, "%.0f", v);
  else std::snprintf(buf, sizeof buf, "%.*g", digits, v);
  return buf;
}

}  // namespace

// Histogram of null samples with the observed value as a red line.
std::string null_chart_svg(const std::vector<double>& samples, double observed, const std::string& title) {
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
  out << "<svg class=chart width=" << width << " height=" << height + 30 << " role=img aria-label=\"" << escaped(title)
      << "\"><title>" << escaped(title) << "</title>";
  const double bw = static_cast<double>(width - 20) / bins;
  for (int b = 0; b < bins; ++b) {
    const double h = static_cast<double>(counts[b]) / peak * height;
    out << "<rect x=" << svg_number(10 + b * bw, 6) << " y=" << svg_number(height - h, 6) << " width=" << svg_number(bw - 1, 6)
        << " height=" << svg_number(h, 6) << " fill=\"#9bb7d4\"/>";
  }
  const double x = 10 + (observed - lo) / (hi - lo) * (width - 20);
  out << "<line x1=" << svg_number(x, 6) << " x2=" << svg_number(x, 6) << " y1=0 y2=" << height
      << " stroke=\"#c0392b\" stroke-width=2 />";
  out << "<text x=10 y=" << height + 14 << " font-size=10>" << svg_number(lo) << "</text><text x=" << width - 10 << " y="
      << height + 14 << " font-size=10 text-anchor=end>" << svg_number(hi) << "</text>";
  out << "<text x=" << svg_number(x, 6) << " y=" << height + 26 << " font-size=10 text-anchor=middle fill=\"#c0392b\">observed "
      << svg_number(observed) << "</text></svg>";
  return out.str();
}

std::string banded_curve_svg(const BandedCurve& c, const std::string& title) {
  const double width = 300, height = 140, left = 44, bottom = 18;
  const std::size_t n = c.distance_km.size();
  double y_hi = 0, x_hi = n ? c.distance_km.back() : 1;
  for (const auto* values : {&c.value, &c.global_upper, &c.local_upper})
    for (double v : *values)
      if (std::isfinite(v)) y_hi = std::max(y_hi, v);
  if (!(y_hi > 0)) y_hi = 1;
  if (!(x_hi > 0)) x_hi = 1;
  auto px = [&](double d) { return left + d / x_hi * (width - left - 6); };
  auto py = [&](double v) { return (1 - v / y_hi) * (height - bottom - 4) + 4; };
  // A polyline through the finite points of one series.
  auto line = [&](const std::vector<double>& values) {
    std::string points;
    for (std::size_t k = 0; k < n; ++k)
      if (std::isfinite(values[k])) points += svg_number(px(c.distance_km[k]), 6) + "," + svg_number(py(values[k]), 6) + " ";
    return points;
  };
  std::ostringstream out;
  out << "<svg class=chart width=" << width << " height=" << height << " role=img aria-label=\"" << escaped(title)
      << "\"><title>" << escaped(title) << "</title>";
  std::string band;
  for (std::size_t k = 0; k < n; ++k)
    if (std::isfinite(c.global_upper[k])) band += svg_number(px(c.distance_km[k]), 6) + "," + svg_number(py(c.global_upper[k]), 6) + " ";
  for (std::size_t k = n; k-- > 0;)
    if (std::isfinite(c.global_lower[k])) band += svg_number(px(c.distance_km[k]), 6) + "," + svg_number(py(c.global_lower[k]), 6) + " ";
  if (!band.empty()) out << "<polygon points=\"" << band << "\" fill=\"#dde6f0\"/>";
  for (const auto* local : {&c.local_lower, &c.local_upper})
    out << "<polyline points=\"" << line(*local) << "\" fill=none stroke=\"#7f9bbd\" stroke-dasharray=\"3 2\"/>";
  out << "<polyline points=\"" << line(c.value) << "\" fill=none stroke=\"#222\" stroke-width=1.5 />";
  for (std::size_t k = 0; k < n; ++k)
    if (c.value[k] > c.global_upper[k])
      out << "<line x1=" << svg_number(px(c.distance_km[k]), 6) << " x2=" << svg_number(px(c.distance_km[k]), 6) << " y1="
          << height - bottom << " y2=" << height - bottom - 5 << " stroke=\"#c0392b\"/>";
  out << "<line x1=" << left << " x2=" << width - 6 << " y1=" << height - bottom << " y2=" << height - bottom
      << " stroke=\"#999\"/><text x=" << left << " y=" << height - 4 << " font-size=10>0</text><text x=" << width - 6
      << " y=" << height - 4 << " font-size=10 text-anchor=end>" << svg_number(x_hi) << " km</text><text x=" << left - 3
      << " y=12 font-size=10 text-anchor=end>" << svg_number(y_hi) << "</text></svg>";
  return out.str();
}

std::string deterrence_chart_svg(const std::vector<double>& lower_km, const std::vector<double>& value,
                                 const std::string& title) {
  struct Step {
    double from, to, f;
  };
  const std::size_t bins = std::min(lower_km.size(), value.size());
  std::vector<Step> steps;
  for (std::size_t b = 0; b < bins; ++b) {
    double from = lower_km[b], to = b + 1 < bins ? lower_km[b + 1] : 0.0;
    if (b == 0 && bins > 1) from = lower_km[1] / 2;
    if (b + 1 == bins) to = b > 0 && lower_km[b - 1] > 0 ? from * from / lower_km[b - 1] : from * 2;
    if (value[b] > 0 && from > 0 && to > from) steps.push_back({from, to, value[b]});
  }
  if (steps.empty()) return "<p class=note>No distance bin holds links.</p>";
  double x_lo = steps.front().from, x_hi = steps.back().to, y_lo = steps.front().f, y_hi = y_lo;
  for (const Step& s : steps) {
    y_lo = std::min(y_lo, s.f);
    y_hi = std::max(y_hi, s.f);
  }
  if (y_hi <= y_lo * 1.01) {
    y_lo /= 2;
    y_hi *= 2;
  }
  const int width = 420, height = 200, left = 56, bottom = 30;
  auto x_of = [&](double km) { return left + std::log(km / x_lo) / std::log(x_hi / x_lo) * (width - left - 10); };
  auto y_of = [&](double f) { return 10 + (1 - std::log(f / y_lo) / std::log(y_hi / y_lo)) * (height - bottom - 10); };
  std::ostringstream out;
  out << "<svg class=chart width=" << width << " height=" << height << " role=img aria-label=\"" << escaped(title)
      << "\"><title>" << escaped(title) << "</title>";
  out << "<line x1=" << left << " x2=" << width - 10 << " y1=" << height - bottom << " y2=" << height - bottom
      << " stroke=\"#888\"/><line x1=" << left << " x2=" << left << " y1=10 y2=" << height - bottom << " stroke=\"#888\"/>";
  for (const Step& s : steps)
    out << "<line x1=" << svg_number(x_of(s.from), 6) << " x2=" << svg_number(x_of(s.to), 6) << " y1="
        << svg_number(y_of(s.f), 6) << " y2=" << svg_number(y_of(s.f), 6) << " stroke=\"#4e79a7\" stroke-width=2 />";
  out << "<text x=" << left << " y=" << height - bottom + 14 << " font-size=10>" << svg_number(x_lo) << " km</text><text x="
      << width - 10 << " y=" << height - bottom + 14 << " font-size=10 text-anchor=end>" << svg_number(x_hi)
      << " km</text><text x=" << (left + width) / 2 << " y=" << height - 4
      << " font-size=10 text-anchor=middle>distance (log scale)</text>";
  out << "<text x=" << left - 4 << " y=14 font-size=10 text-anchor=end>" << svg_number(y_hi) << "</text><text x=" << left - 4
      << " y=" << height - bottom << " font-size=10 text-anchor=end>" << svg_number(y_lo)
      << "</text><text x=12 y=" << (height - bottom) / 2 << " font-size=10>f(d)</text></svg>";
  return out.str();
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
    const auto hull = spatial::convex_hull(points);
    out << "<polygon points=\"";
    for (const auto& [x, y] : hull) out << svg_number(x, 6) << "," << svg_number(y, 6) << " ";
    out << "\" fill=none stroke=\"#333\" stroke-dasharray=\"4 3\"><title>" << escaped(g.nodes.park.dictionary[park])
        << "</title></polygon>";
    if (!hull.empty())
      out << "<text x=" << svg_number(hull.front().first, 6) << " y=" << svg_number(hull.front().second - 4, 6)
          << " font-size=11>" << escaped(g.nodes.park.dictionary[park]) << "</text>";
  }
  for (NodeId u : placed) {
    const std::int64_t c = membership.empty() ? -1 : membership[u];
    const char* colour = c < 0 ? "#999" : kPalette[c % 10];
    const bool firm = g.nodes.kind[u] == NodeKind::firm;
    out << "<circle cx=" << svg_number(px(g.nodes.lon[u]), 6) << " cy=" << svg_number(py(g.nodes.lat[u]), 6) << " r=" << (firm ? 2.2 : 4)
        << " fill=\"" << colour << "\"" << (firm ? "" : " stroke=\"#000\"") << "/>";
  }
  out << "</svg><p class=note>Dots are firms (outlined: institutions), coloured by community (10 colours repeat); "
         "dashed outlines are the convex hulls of each park's nodes. The frame shows the 5th–95th percentile of "
         "coordinates; nodes beyond it sit on the edge.</p>";
  return out.str();
}

std::string stage_heatmap_svg(const Graph& g) {
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
        << " font-size=11 text-anchor=end>" << escaped(dict[i]) << "</text>";
    out << "<text transform=\"translate(" << label + cellsize * i + cellsize / 2 + 4 << "," << label - 6
        << ") rotate(-60)\" font-size=11>" << escaped(dict[i]) << "</text>";
  }
  for (std::size_t i = 0; i < s; ++i)
    for (std::size_t j = 0; j < s; ++j) {
      const double t = std::sqrt(static_cast<double>(counts[i * s + j]) / peak);  // sqrt: small flows stay visible
      const int shade = static_cast<int>(255 - t * 200);
      out << "<rect x=" << label + cellsize * j << " y=" << label + cellsize * i << " width=" << cellsize - 1
          << " height=" << cellsize - 1 << " fill=\"rgb(" << shade << "," << shade << ",255)\"><title>"
          << escaped(dict[i]) << " → " << escaped(dict[j]) << ": " << counts[i * s + j] << " links</title></rect>";
      if (counts[i * s + j])
        out << "<text x=" << label + cellsize * j + cellsize / 2 << " y=" << label + cellsize * i + cellsize / 2 + 4
            << " font-size=9 text-anchor=middle>" << counts[i * s + j] << "</text>";
    }
  out << "</svg><p class=note>Firm-to-firm links of all types, from the row stage to the column stage. "
         "Off-diagonal cells are vertical links (between stages), the diagonal horizontal ones.</p>";
  return out.str();
}

}  // namespace firmnet::report
