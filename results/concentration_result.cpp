#include "results/concentration_result.hpp"

namespace firmnet::spatial {

namespace {

StringColumn text_column(const std::vector<std::string>& values) {
  StringColumnBuilder builder;
  for (const auto& v : values) builder.push_back(v);
  return std::move(builder).finish();
}

// A text column whose rows are indices into `names`.
StringColumn indexed_text_column(const std::vector<std::string>& names, const std::vector<std::uint32_t>& index) {
  StringColumn column;
  column.dictionary = names;
  column.codes.assign(index.begin(), index.end());
  return column;
}

std::vector<std::int64_t> as_int64(const std::vector<std::uint64_t>& values) {
  return {values.begin(), values.end()};
}

}  // namespace

Result concentration_result(const ConcentrationReport& report, const ConcentrationOptions& options) {
  const ConcentrationData& data = report.data;
  Result result;
  result.name = "concentration";
  result.method = "concentration";
  std::string group_text;
  for (const auto& g : options.group) group_text += (group_text.empty() ? "" : ",") + g;
  result.parameters = {
      {"by", std::string(spatial_unit_name(data.unit))},
      {"industry_level", static_cast<std::int64_t>(data.industry_level)},
      {"measure", std::string(size_measure_name(data.measure))},
      {"measure_requested", std::string(size_measure_name(options.measure))},
      {"min_firms", static_cast<std::int64_t>(options.min_firms)},
      {"pair_industries", static_cast<std::int64_t>(options.pair_industries)},
      {"group", group_text},
  };

  const std::size_t industries = data.industry_count();
  std::vector<double> G(industries), H(industries), gamma(industries);
  std::vector<std::string> notes(industries);
  std::vector<std::int64_t> units_present(industries);
  for (std::size_t i = 0; i < industries; ++i) {
    const EllisonGlaeser& eg = report.ellison_glaeser[i];
    G[i] = eg.G;
    H[i] = eg.H;
    gamma[i] = eg.gamma;
    notes[i] = std::string(degeneracy_reason(eg.degeneracy));
    units_present[i] = static_cast<std::int64_t>(data.cell_offsets[i + 1] - data.cell_offsets[i]);
  }
  ResultTable industry_table{"industries", {}};
  industry_table.columns = {
      {"industry", text_column(data.industry_names)},
      {"firms", as_int64(data.industry_firms)},
      {"employment", data.industry_size},
      {"units", units_present},
      {"G", G},
      {"H", H},
      {"gamma", gamma},
      {"gini", report.gini},
      {"hhi_regions", report.hhi_units},
      {"hhi_firms", report.hhi_firms},
      {"note", text_column(notes)},
  };

  std::vector<std::uint32_t> cell_industry(data.cell_unit.size());
  for (std::uint32_t i = 0; i < industries; ++i)
    std::fill(cell_industry.begin() + static_cast<std::ptrdiff_t>(data.cell_offsets[i]),
              cell_industry.begin() + static_cast<std::ptrdiff_t>(data.cell_offsets[i + 1]), i);
  ResultTable lq_table{"location_quotients", {}};
  lq_table.columns = {
      {"region", indexed_text_column(data.unit_names, data.cell_unit)},
      {"industry", indexed_text_column(data.industry_names, cell_industry)},
      {"firms", as_int64(data.cell_firms)},
      {"e_ri", data.cell_size},
      {"lq", report.location_quotient},
  };

  std::vector<std::uint32_t> first, second;
  std::vector<double> pair_size, pair_G, pair_H, pair_gamma;
  for (const auto& p : report.pairs) {
    first.push_back(p.industries[0]);
    second.push_back(p.industries[1]);
    pair_size.push_back(p.size);
    pair_G.push_back(p.G);
    pair_H.push_back(p.H);
    pair_gamma.push_back(p.gamma_c);
  }
  ResultTable pair_table{"coagglomeration", {}};
  pair_table.columns = {
      {"industry_a", indexed_text_column(data.industry_names, first)},
      {"industry_b", indexed_text_column(data.industry_names, second)},
      {"employment", pair_size},
      {"G", pair_G},
      {"H", pair_H},
      {"gamma_c", pair_gamma},
  };
  result.tables = {std::move(industry_table), std::move(lq_table), std::move(pair_table)};

  const ScopeCounts& s = data.scope;
  auto count = [](std::uint64_t v) { return ScalarValue(static_cast<std::int64_t>(v)); };
  result.scalars = {
      {"measure", std::string(size_measure_name(data.measure))},
      {"firms", count(s.firms)},
      {"firms_in_scope", count(s.in_scope)},
      {"firms_missing_unit", count(s.missing_unit)},
      {"firms_missing_industry", count(s.missing_industry)},
      {"firms_missing_both", count(s.missing_both)},
      {"firms_missing_employees", count(s.missing_employees)},
      {"firms_excluded_missing_employees", count(s.excluded_missing_employees)},
      {"units", count(data.unit_count())},
      {"industries", count(industries)},
      {"total_size", data.total_size},
      {"sum_x_squared", data.sum_x_squared},
  };
  if (report.group) {
    result.scalars.emplace_back("group_employment", report.group->size);
    result.scalars.emplace_back("group_G", report.group->G);
    result.scalars.emplace_back("group_H", report.group->H);
    result.scalars.emplace_back("group_gamma_c", report.group->gamma_c);
    result.scalars.emplace_back("group_note", std::string(degeneracy_reason(report.group->degeneracy)));
  }
  return result;
}

}  // namespace firmnet::spatial
