// Describes a concentration outcome (algorithms/spatial/concentration.hpp) as a stored result
// (/results/<name>/, docs/concentration.md, docs/FORMAT.md): tables of industries, location
// quotients and coagglomeration; with external totals the units left out or above their
// total; with distances the K-density and M curves with their bands and a summary per
// industry; scalars for the scope and the measure; and every parameter of the run.
#pragma once
#include <string>

#include "algorithms/spatial/concentration.hpp"
#include "results/result.hpp"

namespace firmnet::spatial {

/// Names of what a concentration result stores (tables, and the columns a reader looks up).
namespace stored::concentration {
inline constexpr const char* industries = "industries";  // table, one row per industry, by name
inline constexpr const char* industry = "industry";
inline constexpr const char* firms = "firms";
inline constexpr const char* employment = "employment";
inline constexpr const char* units = "units";
inline constexpr const char* G = "G";
inline constexpr const char* H = "H";
inline constexpr const char* gamma = "gamma";
inline constexpr const char* gini = "gini";
inline constexpr const char* hhi_units = "hhi_regions";  // over the run's units (regions or parks)
inline constexpr const char* hhi_firms = "hhi_firms";
inline constexpr const char* note = "note";
inline constexpr const char* location_quotients = "location_quotients";  // table, one row per unit x industry cell
inline constexpr const char* unit = "region";  // the cell's unit (a park with --by park)
inline constexpr const char* industry_firms = "industry_firms";
inline constexpr const char* cell_size = "e_ri";
inline constexpr const char* lq = "lq";
inline constexpr const char* coagglomeration = "coagglomeration";  // table, pairs by gamma_c descending
inline constexpr const char* industry_a = "industry_a";
inline constexpr const char* industry_b = "industry_b";
inline constexpr const char* gamma_c = "gamma_c";
inline constexpr const char* units_without_total = "units_without_total";  // table (external totals)
inline constexpr const char* units_above_total = "units_above_total";      // table (external totals)
inline constexpr const char* total = "total";
inline constexpr const char* k_density = "k_density";    // table, one row per industry x distance
inline constexpr const char* m_function = "m_function";  // table, one row per industry x radius
inline constexpr const char* distance_km = "distance_km";
inline constexpr const char* k = "k";
inline constexpr const char* m = "m";
inline constexpr const char* local_lower = "local_lower";
inline constexpr const char* local_upper = "local_upper";
inline constexpr const char* global_lower = "global_lower";
inline constexpr const char* global_upper = "global_upper";
inline constexpr const char* status = "status";  // -1 dispersed, 0 neither, 1 localised
inline constexpr const char* distance_industries = "distance_industries";  // table, one row per K-density industry
inline constexpr const char* firms_used = "firms_used";
inline constexpr const char* bandwidth_km = "bandwidth_km";
inline constexpr const char* localisation = "localisation";
inline constexpr const char* dispersion = "dispersion";
inline constexpr const char* localised_km = "localised_km";
inline constexpr const char* dispersed_km = "dispersed_km";
inline constexpr const char* m_localised_km = "m_localised_km";
inline constexpr const char* m_dispersed_km = "m_dispersed_km";
}  // namespace stored::concentration

/// The outcome as result `name` (method "concentration", no node columns): tables
/// `industries`, `location_quotients`, `coagglomeration`; with external totals
/// `units_without_total`, `units_above_total`; with distances `k_density`, `m_function`,
/// `distance_industries`; scalars for the scope, the measure, the group and the distance run;
/// parameters by, industry_level, measure, measure_requested, min_firms, pair_industries,
/// group, totals, distance and, with distances, their settings. Seed: request.seed.
/// O(cells + industries + pairs + curve points).
Result concentration_result(const std::string& name, const ConcentrationOutcome& outcome,
                            const ConcentrationRequest& request, int threads);

}  // namespace firmnet::spatial
