#include "results/park_result.hpp"

#include "results/community_result.hpp"

#include <cmath>

namespace firmnet::spatial {

namespace {

std::int64_t as_int(std::uint64_t v) { return static_cast<std::int64_t>(v); }

}  // namespace

Result park_result(const std::string& name, const Graph& graph, const ParkOutcome& report, const ParkRequest& request,
                   const EdgeFilter& filter, int threads) {
  Result result;
  result.name = name;
  result.method = "park_test";
  result.seed = request.null.seed;
  result.threads = threads;
  const VerdictRules& rules = request.rules;
  result.parameters = {{"unit", request.unit},
                       {"radius_km", request.radius_km},
                       {stored::null, std::string(null_kind_name(report.null_options.kind))},
                       {stored::null_choice, report.null_choice},
                       {"automatic_null", std::int64_t{request.automatic_null}},
                       {"min_located_share", request.min_located_share},
                       {"null_models", std::int64_t{request.null.replicates}},
                       {"chains", std::int64_t{report.null.chains}},
                       {"distance_bands", std::int64_t{request.null.distance_bands}},
                       {"burn_in_swaps", request.null.burn_in_swaps},
                       {"spacing_swaps", request.null.spacing_swaps},
                       {"selection", filter.describe()},
                       {"communities", request.communities},
                       {"study_area", describe_study_area(request.study_area)},
                       {"study_area_resolved", report.study_area},
                       {"outside_regions", outside_regions_text(request.study_area)},
                       {"alpha", rules.alpha},
                       {"min_firms", as_int(rules.min_firms)},
                       {"min_links", as_int(rules.min_links)},
                       {"min_ratio", rules.min_ratio},
                       {"vertical_share", rules.vertical_share},
                       {"external_share", rules.external_share},
                       {"concentration", rules.concentration},
                       {"wider_dominant_share", rules.wider_dominant_share},
                       {"wider_reach_share", rules.wider_reach_share},
                       {"wider_link_share", rules.wider_link_share},
                       {"wider_chain_share", rules.wider_chain_share}};
  result.scalars = {{stored::units, as_int(report.reports.size())},
                    {"nodes_without_unit", as_int(report.nodes_without_unit)},
                    {"firms_without_unit", as_int(report.firms_without_unit)},
                    {"nodes_outside_study_area", as_int(report.nodes_outside_study_area)},
                    {"nmi_units_communities", report.nmi},
                    {"ari_units_communities", report.ari},
                    {"swap_acceptance", report.null.acceptance},
                    {"burn_in_chains", as_int(report.null.burn_in_chains)},
                    {"spacing_swaps_used", report.null.spacing_swaps},
                    {"located_firm_share", report.located_share},
                    {"distance_bands_used", as_int(report.null.bands.count())}};
  result.add_column(stored::unit, std::vector<std::int64_t>(report.units.unit_of.begin(), report.units.unit_of.end()));

  using R = UnitReport;
  const auto& rs = report.reports;
  std::vector<std::string> names, verdicts, reasons, stages, hub_ids, hub_names, hub_labels;
  for (const auto& r : rs) {
    names.push_back(r.name);
    verdicts.push_back(r.verdict);
    reasons.push_back(r.reason);
    std::string joined;
    for (const auto& s : r.stages) joined += (joined.empty() ? "" : ";") + s;
    stages.push_back(joined);
    hub_ids.push_back(r.hub >= 0 ? std::string(graph.nodes.id[r.hub]) : "");
    hub_names.push_back(r.hub >= 0 ? std::string(graph.nodes.name[r.hub]) : "");
    hub_labels.push_back(hub_names.back().empty() ? hub_ids.back() : hub_names.back());
  }
  auto f64 = [&](const char* n, auto get) { return column_of(n, rs, get); };
  auto i64 = [&](const char* n, auto get) { return column_of(n, rs, get); };
  result.tables.push_back(
      {stored::units,
       {text_column(stored::name, names), text_column(stored::verdict, verdicts), text_column(stored::reason, reasons),
        i64("members", [](const R& r) { return as_int(r.members); }),
        i64(stored::firms, [](const R& r) { return as_int(r.firms); }),
        i64(stored::internal_links, [](const R& r) { return as_int(r.internal_links); }),
        f64("internal_weight", [](const R& r) { return r.internal_weight; }),
        f64("density", [](const R& r) { return r.density; }),
        f64("expected_analytic", [](const R& r) { return r.expected_analytic; }),
        f64(stored::degree_ratio, [](const R& r) { return r.degree_ratio; }),
        f64("expected_gravity", [](const R& r) { return r.expected_gravity; }),
        f64("gravity_ratio", [](const R& r) { return r.gravity_ratio; }),
        f64(stored::null_mean, [](const R& r) { return r.null_mean; }),
        f64("null_sd", [](const R& r) { return r.null_sd; }), f64(stored::z, [](const R& r) { return r.z; }),
        f64("ratio", [](const R& r) { return r.ratio; }), f64("p", [](const R& r) { return r.p; }),
        f64(stored::q, [](const R& r) { return r.q; }),
        f64("null_effective", [](const R& r) { return r.null_effective; }),
        f64("p_standard_error", [](const R& r) { return r.p_standard_error; }), i64("link_ends", [](const R& r) { return as_int(r.link_ends); }),
        f64("share_internal", [](const R& r) { return r.share_internal; }),
        f64("share_region", [](const R& r) { return r.share_region; }),
        f64(stored::share_external, [](const R& r) { return r.share_external; }),
        i64("vertical_links", [](const R& r) { return as_int(r.vertical_links); }),
        i64("horizontal_links", [](const R& r) { return as_int(r.horizontal_links); }),
        f64(stored::vertical_share, [](const R& r) { return r.vertical_share; }),
        f64("vertical_null_mean", [](const R& r) { return r.vertical_null_mean; }),
        f64("vertical_null_sd", [](const R& r) { return r.vertical_null_sd; }),
        f64("vertical_z", [](const R& r) { return r.vertical_z; }), f64("vertical_p", [](const R& r) { return r.vertical_p; }),
        f64(stored::vertical_q, [](const R& r) { return r.vertical_q; }),
        f64(stored::vertical_null_effective, [](const R& r) { return r.vertical_null_effective; }),
        f64("vertical_p_standard_error", [](const R& r) { return r.vertical_p_standard_error; }),
        f64("horizontal_null_mean", [](const R& r) { return r.horizontal_null_mean; }),
        f64("horizontal_null_sd", [](const R& r) { return r.horizontal_null_sd; }),
        f64("horizontal_z", [](const R& r) { return r.horizontal_z; }),
        f64("horizontal_p", [](const R& r) { return r.horizontal_p; }), text_column("stages", stages),
        i64("institution_links_unit", [](const R& r) { return as_int(r.institution_links_unit); }),
        i64("institution_links_region", [](const R& r) { return as_int(r.institution_links_region); }),
        text_column(stored::hub_id, hub_ids), text_column(stored::hub_name, hub_names), text_column(stored::hub, hub_labels),
        i64(stored::dominant_community, [](const R& r) { return r.dominant_community; }),
        f64(stored::dominant_share, [](const R& r) { return r.dominant_share; }),
        f64("internal_community_share", [](const R& r) { return r.internal_community_share; }),
        f64("community_entropy", [](const R& r) { return r.community_entropy; }),
        f64("community_outside_share", [](const R& r) { return r.community_outside_share; }),
        i64("dominant_units_reached", [](const R& r) { return as_int(r.dominant_units_reached); }),
        f64("community_link_share", [](const R& r) { return r.community_link_share; }),
        f64("community_chain_share", [](const R& r) { return r.community_chain_share; }),
        i64("communities_spanned", [](const R& r) { return as_int(r.communities_spanned); })}});
  {
    Int64Column unit, links;
    std::vector<std::string> from, to;
    for (const auto& s : report.stage_links) {
      unit.push_back(as_int(s.unit));
      from.push_back(s.from);
      to.push_back(s.to);
      links.push_back(as_int(s.links));
    }
    result.tables.push_back(
        {stored::stage_links, {{"unit", unit}, text_column("from_stage", from), text_column("to_stage", to), {"links", links}}});
  }
  if (report.null_options.kind == NullKind::distance) {
    const DistanceBands& bands = report.null.bands;
    Int64Column band, links;
    std::vector<double> lower, upper;
    for (std::size_t b = 0; b <= bands.count(); ++b) {
      band.push_back(as_int(b));
      const bool located = b < bands.count();
      lower.push_back(!located ? std::nan("") : b == 0 ? 0.0 : bands.upper_km[b - 1]);
      upper.push_back(located ? bands.upper_km[b] : std::nan(""));
      links.push_back(as_int(b < bands.links.size() ? bands.links[b] : 0));
    }
    result.tables.push_back({stored::distance_bands,
                             {{"band", band}, {"lower_km", lower}, {"upper_km", upper}, {"links", links}}});
  }
  if (report.has_gravity) {
    // The community result's table (one description of a fitted f); the class of pairs with an
    // unlocated end goes to the scalars.
    const community::DeterrenceFunction& f = report.deterrence;
    result.tables.push_back(community::deterrence_table(f));
    result.scalars.push_back({"unlocated_value", f.unlocated_value});
    result.scalars.push_back({"unlocated_pair_mass", f.unlocated_pair_mass});
  }
  {
    Int64Column replicate, unit, links;
    for (std::size_t r = 0; r < report.null.samples.size(); ++r)
      for (std::size_t u = 0; u < report.null.samples[r].size(); ++u) {
        replicate.push_back(as_int(r));
        unit.push_back(as_int(u));
        links.push_back(report.null.samples[r][u]);
      }
    result.tables.push_back({stored::null_samples, {{stored::replicate, replicate}, {"unit", unit}, {"internal_links", links}}});
  }
  return result;
}

}  // namespace firmnet::spatial
