#include "results/concentration_result.hpp"

#include <algorithm>
#include <cstdio>

namespace firmnet::spatial {

namespace {

namespace s = stored::concentration;

// A text column whose rows are indices into `names`.
ExtraColumn indexed_text_column(std::string name, const std::vector<std::string>& names,
                                const std::vector<std::uint32_t>& index) {
  StringColumn column;
  column.dictionary = names;
  column.codes.assign(index.begin(), index.end());
  return {std::move(name), std::move(column)};
}

Int64Column as_int64(const std::vector<std::uint64_t>& values) { return {values.begin(), values.end()}; }

ScalarValue count(std::uint64_t v) { return static_cast<std::int64_t>(v); }

std::string joined(const std::vector<std::string>& parts) {
  std::string text;
  for (const auto& p : parts) text += (text.empty() ? "" : ",") + p;
  return text;
}

// "a-b;c-d" for the runs of grid points with the given status (distances in km, 4 digits).
std::string status_runs_text(const std::vector<DistanceStatus>& status, const std::vector<double>& distances,
                             DistanceStatus which) {
  std::string text;
  char buffer[64];
  for (std::size_t k = 0; k < status.size(); ++k) {
    if (status[k] != which || (k > 0 && status[k - 1] == which)) continue;
    std::size_t last = k;
    while (last + 1 < status.size() && status[last + 1] == which) ++last;
    std::snprintf(buffer, sizeof buffer, "%s%.4g-%.4g", text.empty() ? "" : ";", distances[k], distances[last]);
    text += buffer;
  }
  return text;
}

// Long-format curve table: one row per (industry, distance), industry-major.
template <typename Curve>
ResultTable curve_table(std::string name, const char* value_column, const std::vector<Curve>& curves,
                        const std::vector<double>& distances, const std::vector<std::string>& industry_names,
                        const std::vector<double> Curve::*values) {
  std::vector<std::uint32_t> industry;
  std::vector<double> distance, value, local_lower, local_upper, global_lower, global_upper;
  Int64Column status;
  for (const Curve& c : curves)
    for (std::size_t k = 0; k < distances.size(); ++k) {
      industry.push_back(c.industry);
      distance.push_back(distances[k]);
      value.push_back((c.*values)[k]);
      local_lower.push_back(c.envelope.local_lower[k]);
      local_upper.push_back(c.envelope.local_upper[k]);
      global_lower.push_back(c.envelope.global_lower[k]);
      global_upper.push_back(c.envelope.global_upper[k]);
      status.push_back(static_cast<std::int64_t>(c.status[k]));
    }
  return {std::move(name),
          {indexed_text_column(s::industry, industry_names, industry),
           {s::distance_km, distance},
           {value_column, value},
           {s::local_lower, local_lower},
           {s::local_upper, local_upper},
           {s::global_lower, global_lower},
           {s::global_upper, global_upper},
           {s::status, status}}};
}

void add_index_tables(Result& result, const ConcentrationOutcome& outcome) {
  const ConcentrationData& data = outcome.data;
  const std::size_t industries = data.industry_count();
  std::vector<double> G(industries), H(industries), gamma(industries);
  std::vector<std::string> notes(industries);
  Int64Column units_present(industries);
  for (std::size_t i = 0; i < industries; ++i) {
    const EllisonGlaeser& eg = outcome.ellison_glaeser[i];
    G[i] = eg.G;
    H[i] = eg.H;
    gamma[i] = eg.gamma;
    notes[i] = std::string(degeneracy_reason(eg.degeneracy));
    units_present[i] = static_cast<std::int64_t>(data.cell_offsets[i + 1] - data.cell_offsets[i]);
  }
  result.tables.push_back({s::industries,
                           {text_column(s::industry, data.industry_names),
                            {s::firms, as_int64(data.industry_firms)},
                            {s::employment, data.industry_size},
                            {s::units, units_present},
                            {s::G, G},
                            {s::H, H},
                            {s::gamma, gamma},
                            {s::gini, outcome.gini},
                            {s::hhi_units, outcome.hhi_units},
                            {s::hhi_firms, outcome.hhi_firms},
                            text_column(s::note, notes)}});

  std::vector<std::uint32_t> cell_industry(data.cell_unit.size());
  Int64Column industry_firms(data.cell_unit.size());
  for (std::uint32_t i = 0; i < industries; ++i)
    for (std::uint64_t c = data.cell_offsets[i]; c < data.cell_offsets[i + 1]; ++c) {
      cell_industry[c] = i;
      industry_firms[c] = static_cast<std::int64_t>(data.industry_firms[i]);
    }
  result.tables.push_back({s::location_quotients,
                           {indexed_text_column(s::unit, data.unit_names, data.cell_unit),
                            indexed_text_column(s::industry, data.industry_names, cell_industry),
                            {s::firms, as_int64(data.cell_firms)},
                            {s::cell_size, data.cell_size},
                            {s::lq, outcome.location_quotient},
                            {s::industry_firms, industry_firms}}});

  std::vector<std::uint32_t> first, second;
  std::vector<std::string> pair_notes;
  for (const auto& p : outcome.pairs) {
    first.push_back(p.industries[0]);
    second.push_back(p.industries[1]);
    pair_notes.push_back(std::string(degeneracy_reason(p.degeneracy)));
  }
  using C = Coagglomeration;
  result.tables.push_back({s::coagglomeration,
                           {indexed_text_column(s::industry_a, data.industry_names, first),
                            indexed_text_column(s::industry_b, data.industry_names, second),
                            column_of(s::employment, outcome.pairs, [](const C& p) { return p.size; }),
                            column_of(s::G, outcome.pairs, [](const C& p) { return p.G; }),
                            column_of(s::H, outcome.pairs, [](const C& p) { return p.H; }),
                            column_of(s::gamma_c, outcome.pairs, [](const C& p) { return p.gamma_c; }),
                            text_column(s::note, pair_notes)}});
}

void add_totals_tables(Result& result, const ConcentrationData& data) {
  std::vector<std::string> absent;
  for (const UnitWithoutTotal& u : data.units_without_total) absent.push_back(u.name);
  using U = UnitWithoutTotal;
  result.tables.push_back({s::units_without_total,
                           {text_column(s::unit, absent),
                            column_of(s::firms, data.units_without_total, [](const U& u) { return u.firms; }),
                            column_of(s::employment, data.units_without_total, [](const U& u) { return u.size; })}});

  std::vector<double> sample(data.unit_count(), 0.0), above_sample, above_total;
  for (std::uint64_t c = 0; c < data.cell_unit.size(); ++c) sample[data.cell_unit[c]] += data.cell_size[c];
  Int64Column above_firms;
  for (std::uint32_t r : data.units_above_total) {
    above_firms.push_back(static_cast<std::int64_t>(data.unit_firms[r]));
    above_sample.push_back(sample[r]);
    above_total.push_back(data.unit_size[r]);
  }
  result.tables.push_back({s::units_above_total,
                           {indexed_text_column(s::unit, data.unit_names, data.units_above_total),
                            {s::firms, above_firms},
                            {s::employment, above_sample},
                            {s::total, above_total}}});
  result.scalars.insert(result.scalars.end(), {{"firms_missing_total", count(data.scope.missing_total)},
                                               {"units_without_total", count(data.units_without_total.size())},
                                               {"units_above_total", count(data.units_above_total.size())}});
}

void add_distance_tables(Result& result, const DistanceOutcome& d, const ConcentrationRequest& request) {
  result.parameters.insert(result.parameters.end(),
                           {{"simulations", static_cast<std::int64_t>(request.simulations)},
                            {"max_distance_km", request.max_distance_km},
                            {"distance_points", static_cast<std::int64_t>(request.distance_points)},
                            {"distance_max_firms", static_cast<std::int64_t>(request.distance_max_firms)},
                            {"distance_max_sites", static_cast<std::int64_t>(request.distance_max_sites)},
                            {"band_alpha", request.band_alpha}});

  std::vector<double> grid_distances(d.grid.points);
  for (std::size_t k = 0; k < d.grid.points; ++k) grid_distances[k] = d.grid.at(k);
  const auto& names = d.sites.industry_names;
  const auto& k_curves = d.duranton_overman.industries;
  const auto& m_curves = d.marcon_puech.industries;
  result.tables.push_back(curve_table(s::k_density, s::k, k_curves, grid_distances, names, &DurantonOvermanCurve::k));
  result.tables.push_back(curve_table(s::m_function, s::m, m_curves, d.marcon_puech.radii, names, &MarconPuechCurve::m));

  // One row per K-density industry; the M columns of an industry M left out (too few firms
  // in a thinned pattern) are 0 and empty.
  std::vector<std::uint32_t> industry;
  Int64Column m_firms, m_centres;
  std::vector<std::string> localised, dispersed, m_localised, m_dispersed;
  std::size_t m_next = 0;
  for (const DurantonOvermanCurve& c : k_curves) {
    industry.push_back(c.industry);
    localised.push_back(status_runs_text(c.status, grid_distances, DistanceStatus::localised));
    dispersed.push_back(status_runs_text(c.status, grid_distances, DistanceStatus::dispersed));
    while (m_next < m_curves.size() && m_curves[m_next].industry < c.industry) ++m_next;
    const bool has_m = m_next < m_curves.size() && m_curves[m_next].industry == c.industry;
    const MarconPuechCurve* m = has_m ? &m_curves[m_next] : nullptr;
    m_firms.push_back(m ? static_cast<std::int64_t>(m->firms) : 0);
    m_centres.push_back(m ? static_cast<std::int64_t>(m->centres) : 0);
    m_localised.push_back(m ? status_runs_text(m->status, d.marcon_puech.radii, DistanceStatus::localised) : "");
    m_dispersed.push_back(m ? status_runs_text(m->status, d.marcon_puech.radii, DistanceStatus::dispersed) : "");
  }
  using K = DurantonOvermanCurve;
  result.tables.push_back(
      {s::distance_industries,
       {indexed_text_column(s::industry, names, industry),
        column_of(s::firms, k_curves, [](const K& c) { return c.firms; }),
        column_of(s::firms_used, k_curves, [](const K& c) { return c.firms_used; }),
        column_of(s::bandwidth_km, k_curves, [](const K& c) { return c.bandwidth_km; }),
        column_of(s::localisation, k_curves, [](const K& c) { return c.localisation; }),
        column_of(s::dispersion, k_curves, [](const K& c) { return c.dispersion; }),
        column_of("global_upper_level", k_curves, [](const K& c) { return c.envelope.upper_level; }),
        column_of("global_lower_level", k_curves, [](const K& c) { return c.envelope.lower_level; }),
        column_of("global_upper_hits", k_curves, [](const K& c) { return c.envelope.upper_hits; }),
        column_of("global_lower_hits", k_curves, [](const K& c) { return c.envelope.lower_hits; }),
        text_column(s::localised_km, localised),
        text_column(s::dispersed_km, dispersed),
        {"m_firms", m_firms},
        {"m_centres", m_centres},
        text_column(s::m_localised_km, m_localised),
        text_column(s::m_dispersed_km, m_dispersed)}});

  std::uint64_t k_short = 0, m_short = 0;  // curves whose global band fell back to the pointwise extreme
  for (const auto& c : k_curves) k_short += request.simulations > 0 && !c.envelope.reached;
  for (const auto& c : m_curves) m_short += request.simulations > 0 && !c.envelope.reached;
  const DistanceScope& scope = d.sites.scope;
  result.scalars.insert(result.scalars.end(),
                        {{"distance_weighted", std::string(d.sites.weighted ? "employees" : "none")},
                         {"distance_sites", count(scope.in_scope)},
                         {"distance_firms_missing_coordinates", count(scope.missing_coordinates)},
                         {"distance_firms_missing_industry", count(scope.missing_industry)},
                         {"distance_firms_missing_employees", count(scope.missing_employees)},
                         {"distance_max_km", d.grid.max_km},
                         {"distance_step_km", d.grid.step_km},
                         {"distance_max_rule", d.grid.rule},
                         {"distance_industries", count(k_curves.size())},
                         {"k_bands_at_extreme", count(k_short)},
                         {"m_bands_at_extreme", count(m_short)},
                         {"m_pattern_sites", count(d.marcon_puech.pattern_sites)},
                         {"m_thinned", count(d.marcon_puech.thinned)}});
}

}  // namespace

Result concentration_result(const std::string& name, const ConcentrationOutcome& outcome,
                            const ConcentrationRequest& request, int threads) {
  const ConcentrationData& data = outcome.data;
  Result result;
  result.name = name;
  result.method = "concentration";
  result.seed = request.seed;
  result.threads = threads;
  result.parameters = {
      {"by", std::string(spatial_unit_name(data.unit))},
      {"industry_level", static_cast<std::int64_t>(data.industry_level)},
      {"measure", std::string(size_measure_name(data.measure))},
      {"measure_requested", std::string(size_measure_name(request.measure))},
      {"min_firms", static_cast<std::int64_t>(request.min_firms)},
      {"pair_industries", static_cast<std::int64_t>(request.pair_industries)},
      {"group", joined(request.group)},
      {"totals", request.totals},
      {"distance", static_cast<std::int64_t>(request.distance)},
  };
  add_index_tables(result, outcome);

  const ScopeCounts& scope = data.scope;
  result.scalars = {
      {"measure", std::string(size_measure_name(data.measure))},
      {"firms", count(scope.firms)},
      {"firms_in_scope", count(scope.in_scope)},
      {"firms_missing_unit", count(scope.missing_unit)},
      {"firms_missing_industry", count(scope.missing_industry)},
      {"firms_missing_both", count(scope.missing_both)},
      {"firms_missing_employees", count(scope.missing_employees)},
      {"firms_excluded_missing_employees", count(scope.excluded_missing_employees)},
      {"units", count(data.unit_count())},
      {"industries", count(data.industry_count())},
      {"total_size", data.total_size},
      {"sum_x_squared", data.sum_x_squared},
  };
  if (outcome.group) {
    result.scalars.insert(result.scalars.end(),
                          {{"group_employment", outcome.group->size},
                           {"group_G", outcome.group->G},
                           {"group_H", outcome.group->H},
                           {"group_gamma_c", outcome.group->gamma_c},
                           {"group_note", std::string(degeneracy_reason(outcome.group->degeneracy))}});
  }
  if (data.external_totals) add_totals_tables(result, data);
  if (outcome.distance) add_distance_tables(result, *outcome.distance, request);
  return result;
}

}  // namespace firmnet::spatial
