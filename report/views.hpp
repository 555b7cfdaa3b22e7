// What a person sees of each family's stored tables: the columns, their titles and formats,
// shared by the command line's text tables and the HTML report (report/render.hpp). The
// column names are the results layer's constants, so a renamed column breaks the build here,
// not a reader's table.
#pragma once
#include "report/render.hpp"
#include "results/anchor_result.hpp"
#include "results/cluster_result.hpp"
#include "results/community_result.hpp"
#include "results/concentration_result.hpp"
#include "results/park_result.hpp"
#include "results/risk_result.hpp"

namespace firmnet::report {

/// Park verdicts with their evidence (`firmnet parks`, the report). O(1).
inline TableView park_verdicts_view() {
  namespace s = spatial::stored;
  return {s::units,
          {{s::name, "unit"},
           {s::verdict, "verdict"},
           {s::firms, "firms", CellFormat::count},
           {s::internal_links, "internal", CellFormat::count},
           {s::degree_ratio, "x degree", CellFormat::share},
           {s::null_mean, "expected", CellFormat::share},
           {s::z, "z", CellFormat::share},
           {s::q, "q", CellFormat::share},
           {s::vertical_share, "vertical", CellFormat::share},
           {s::vertical_q, "vertical q", CellFormat::share},
           {s::vertical_null_effective, "eff. R", CellFormat::share},
           {s::share_external, "external", CellFormat::share},
           {s::hub, "hub"},
           {s::dominant_community, "community"},
           {s::dominant_share, "share", CellFormat::share}}};
}

/// Identified clusters with their type, tests and indicators (`firmnet clusters`). O(1).
inline TableView clusters_view() {
  namespace s = clusters::stored;
  return {s::clusters,
          {{s::cluster, "cluster"},
           {s::type, "type"},
           {s::runner_up, "runner-up"},
           {s::firms, "firms", CellFormat::count},
           {s::employment, "employees", CellFormat::count},
           {s::dominant_industry, "industry"},
           {s::dominant_lq, "LQ", CellFormat::share},
           {s::localised_peak_km, "peak km", CellFormat::share},
           {s::link_ratio, "x null", CellFormat::share},
           {s::vertical_share, "vertical", CellFormat::share},
           {s::local_supply_ratio, "local supply", CellFormat::share},
           {s::external_orientation, "external", CellFormat::share},
           {s::regions, "regions"}}};
}

/// Why each cluster has its type, and its anchors (`firmnet clusters`). O(1).
inline TableView cluster_types_view() {
  namespace s = clusters::stored;
  return {s::clusters, {{s::cluster, "cluster"}, {s::type_reason, "deciding figures"}, {s::anchors, "anchors"}}};
}

/// Each cluster's growth over the last years and, with benchmark categories, its dominant
/// category (`firmnet clusters`). O(1).
inline TableView cluster_growth_view() {
  namespace s = clusters::stored;
  return {s::clusters,
          {{s::cluster, "cluster"},
           {s::firms_alive, "firms alive", CellFormat::count},
           {s::firm_growth, "firm growth", CellFormat::share},
           {s::links_recent, "recent links", CellFormat::count},
           {s::link_growth, "link growth", CellFormat::share},
           {s::category, "category"},
           {s::category_share, "in category", CellFormat::share},
           {s::risk_max, "max ESRI", CellFormat::share},
           {s::riskiest, "riskiest firm"}}};
}

/// The riskiest firms of a risk result (`firmnet risk`, `analyze`): ESRI (and its linear
/// bound without an essentiality table) beside output share and rank, degrees, park and
/// community, so that "size does not explain risk" shows. O(1).
inline TableView riskiest_view(bool linear_bound, std::size_t max_rows) {
  namespace s = risk::stored;
  TableView view{s::riskiest, {{s::rank, "rank"}, {s::id, "id"}, {s::name, "name"}, {s::esri, "ESRI", CellFormat::share}}};
  if (linear_bound) view.columns.push_back({s::esri_linear, "ESRI linear", CellFormat::share});
  for (const ColumnView& column : std::vector<ColumnView>{{s::output_share, "output share", CellFormat::share},
                                                          {s::output_rank, "output rank"},
                                                          {s::suppliers, "in-degree"},
                                                          {s::customers, "out-degree"},
                                                          {s::park, "park"},
                                                          {s::community, "community"}})
    view.columns.push_back(column);
  view.max_rows = max_rows;
  return view;
}

/// Each park's output at risk (`firmnet exposure`, `analyze`): from its own anchors' failure
/// and from the worst lockdown of a region outside it, as shares of the park's output (and,
/// without an essentiality table, the no-input-essential extreme beside each). O(1).
inline TableView exposure_view(bool linear_bound, std::size_t max_rows) {
  namespace s = risk::stored;
  const std::string linear = s::linear_suffix;
  TableView view{s::parks,
                 {{s::park, "park"},
                  {s::firms, "firms", CellFormat::count},
                  {s::output_share, "output share", CellFormat::share},
                  {s::anchors, "anchors"},
                  {s::anchors_output_share, "anchors' share", CellFormat::share},
                  {s::anchors_loss, "lost if anchors fail", CellFormat::share}}};
  if (linear_bound) view.columns.push_back({s::anchors_loss + linear, "(linear)", CellFormat::share});
  view.columns.push_back({s::worst_region, "worst outside region"});
  view.columns.push_back({s::worst_region_loss, "lost in its lockdown", CellFormat::share});
  if (linear_bound) view.columns.push_back({s::worst_region_loss + linear, "(linear)", CellFormat::share});
  view.max_rows = max_rows;
  return view;
}

/// Every candidate community with its three tests and why it was kept or not. O(1).
inline TableView cluster_candidates_view(std::size_t max_rows) {
  namespace s = clusters::stored;
  return {s::candidates,
          {{s::community, "community"},
           {s::firms, "firms", CellFormat::count},
           {s::localisation_q, "local. q", CellFormat::share},
           {s::link_ratio, "x null", CellFormat::share},
           {s::link_q, "link q", CellFormat::share},
           {s::vertical_share, "vertical", CellFormat::share},
           {s::vertical_q, "vertical q", CellFormat::share},
           {s::reason, "reason"}},
          max_rows};
}

/// Communities with their quality (`firmnet communities`, the report). O(1).
inline TableView communities_view(std::size_t max_rows) {
  namespace s = community::stored;
  return {s::communities,
          {{s::community, "community"},
           {s::size, "size", CellFormat::count},
           {s::internal_weight, "internal weight", CellFormat::share},
           {s::density, "density", CellFormat::share},
           {s::conductance, "conductance", CellFormat::share},
           {s::consensus, "consensus", CellFormat::share}},
          max_rows};
}

/// The fitted deterrence function f(d) of a spatial-modularity community result. O(1).
inline TableView deterrence_view() {
  namespace s = community::stored;
  return {s::deterrence,
          {{s::bin, "bin"},
           {s::lower_km, "from km", CellFormat::share},
           {s::upper_km, "to km", CellFormat::share},
           {s::deterrence_value, "f(d)", CellFormat::precise},
           {"links", "links", CellFormat::count}}};
}

/// Wall time per phase of `firmnet analyze` (result `analyze`). O(1).
inline TableView phases_view() {
  return {"phases", {{"phase", "phase"}, {"seconds", "seconds", CellFormat::share}}};
}

/// A ranked list of anchor firms (`firmnet anchors`, the report). O(1).
inline TableView anchor_picks_view(const char* table, const char* group_title, std::size_t max_rows) {
  namespace s = anchors::stored;
  return {table,
          {{s::rank, "rank"},
           {s::name, "firm"},
           {s::group, group_title},
           {s::score, "score", CellFormat::share},
           {s::reason, "why"}},
          max_rows};
}

/// Industries by Ellison-Glaeser gamma, those with at least min_firms firms (`firmnet
/// concentration`, the report); `unit` names the spatial unit ("region", "park"), `size` the
/// measure ("employees", "firms"). O(1).
inline TableView concentration_industries_view(const std::string& unit, const std::string& size,
                                               std::uint64_t min_firms, std::size_t max_rows) {
  namespace s = spatial::stored::concentration;
  return {s::industries,
          {{s::industry, "industry"},
           {s::firms, "firms", CellFormat::count},
           {s::employment, size, CellFormat::count},
           {s::units, unit + "s", CellFormat::count},
           {s::G, "G"},
           {s::H, "H"},
           {s::gamma, "gamma"},
           {s::gini, "gini"},
           {s::hhi_units, "hhi_" + unit + "s"},
           {s::note, "note"}},
          max_rows,
          s::gamma,
          {{s::firms, static_cast<double>(min_firms)}}};
}

/// The highest location quotients among industries with at least min_firms firms. O(1).
inline TableView location_quotients_view(const std::string& unit, const std::string& size, std::uint64_t min_firms,
                                         std::size_t max_rows) {
  namespace s = spatial::stored::concentration;
  return {s::location_quotients,
          {{s::unit, unit},
           {s::industry, "industry"},
           {s::firms, "firms", CellFormat::count},
           {s::cell_size, size, CellFormat::count},
           {s::lq, "LQ"}},
          max_rows,
          s::lq,
          {{s::industry_firms, static_cast<double>(min_firms)}}};
}

/// Coagglomeration of industry pairs, by gamma_c as stored. O(1).
inline TableView coagglomeration_view(const std::string& size, std::size_t max_rows) {
  namespace s = spatial::stored::concentration;
  return {s::coagglomeration,
          {{s::industry_a, "industry_a"},
           {s::industry_b, "industry_b"},
           {s::employment, size, CellFormat::count},
           {s::G, "G"},
           {s::gamma_c, "gamma_c"},
           {s::note, "note"}},
          max_rows};
}

/// Distance-based localisation per industry by Duranton-Overman Gamma: where K and M leave
/// their global bands. O(1).
inline TableView distance_industries_view(std::size_t max_rows) {
  namespace s = spatial::stored::concentration;
  return {s::distance_industries,
          {{s::industry, "industry"},
           {s::firms, "firms", CellFormat::count},
           {s::firms_used, "used", CellFormat::count},
           {s::bandwidth_km, "h km", CellFormat::share},
           {s::localisation, "Gamma"},
           {s::dispersion, "Psi"},
           {s::localised_km, "K localised at km"},
           {s::dispersed_km, "K dispersed at km"},
           {s::m_localised_km, "M localised at km"}},
          max_rows,
          s::localisation};
}

}  // namespace firmnet::report
