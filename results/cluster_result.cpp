#include "results/cluster_result.hpp"

#include <cstdio>

namespace firmnet::clusters {
namespace {

std::string shares_text(const std::vector<ValueShare>& shares) {
  std::string text;
  for (const ValueShare& s : shares) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, " %.2f", s.second);
    text += (text.empty() ? "" : "; ") + s.first + buffer;
  }
  return text;
}

std::string joined(const std::vector<std::string>& values) {
  std::string text;
  for (const std::string& v : values) text += (text.empty() ? "" : "; ") + v;
  return text;
}

}  // namespace

Result cluster_result(const std::string& name, const Graph& graph, const ClusterOutcome& o, const ClusterRequest& q,
                      const EdgeFilter& filter, int threads) {
  Result r;
  r.name = name;
  r.method = "clusters";
  r.threads = threads;
  r.seed = q.communities.seed;
  const TypologyRules& t = q.typology;
  r.parameters = {{"selection", filter.describe()},
                  {"community_method", std::string(community::method_name(q.communities.method))},
                  {"objective", std::string(community::objective_name(q.communities.objective))},
                  {"resolution", q.communities.resolution},
                  {"runs", static_cast<std::int64_t>(q.communities.runs)},
                  {"null", std::string(spatial::null_kind_name(o.null_options.kind))},
                  {"null_choice", o.null_choice},
                  {"replicates", static_cast<std::int64_t>(q.null.replicates)},
                  {"null_seed", static_cast<std::int64_t>(q.null.seed)},
                  {"simulations", static_cast<std::int64_t>(q.localisation.simulations)},
                  {"max_sites", static_cast<std::int64_t>(q.localisation.max_firms)},
                  {"localisation_seed", static_cast<std::int64_t>(q.localisation.seed)},
                  {"grid_points", static_cast<std::int64_t>(q.grid_points)},
                  {"max_km", q.max_km},
                  {"min_firms", static_cast<std::int64_t>(q.min_firms)},
                  {"core_quotient", q.core_quotient},
                  {"min_link_density", q.min_link_density},
                  {"alpha", q.alpha},
                  {"min_ratio", q.min_ratio},
                  {"vertical_share", q.vertical_share},
                  {"border_share", q.border_share},
                  {"top_anchors", static_cast<std::int64_t>(q.top_anchors)},
                  {"marshallian_top_share", t.marshallian_top_share},
                  {"small_firm_employees", t.small_firm_employees},
                  {"mixed_share", t.mixed_share},
                  {"institution_reach", t.institution_reach},
                  {"hub_anchors", static_cast<std::int64_t>(t.hub_anchors)},
                  {"hub_share", t.hub_share},
                  {"hub_size_ratio", t.hub_size_ratio},
                  {"dependent_share", t.dependent_share},
                  {"outside_owned_share", t.outside_owned_share},
                  {"external_share", t.external_share},
                  {"public_share", t.public_share},
                  {"close_margin", t.close_margin},
                  {"growth_window", static_cast<std::int64_t>(q.growth_window)},
                  {"categories", q.categories.rows.empty() ? std::string() : q.categories.source},
                  {"study_area", spatial::describe_study_area(q.study_area)},
                  {"study_area_resolved", o.study_area}};
  r.scalars = {{"candidates", static_cast<std::int64_t>(o.candidates.size())},
               {"clusters", static_cast<std::int64_t>(o.clusters.size())},
               {"communities", o.community_count},
               {"community_quality", o.community_quality},
               {"located_share", o.located_share},
               {"sites", static_cast<std::int64_t>(o.sites)},
               {"grid_max_km", o.grid.max_km},
               {"grid_rule", o.grid.rule},
               {"growth_last_year", static_cast<std::int64_t>(o.last_year)}};
  if (!q.categories.rows.empty()) {
    r.scalars.push_back({"category_nmi", o.categories.nmi});
    r.scalars.push_back({"category_firms", static_cast<std::int64_t>(o.categories.firms_compared)});
  }
  r.add_column(stored::cluster, o.membership);
  r.add_column(stored::community, o.community);

  std::vector<const CandidateCluster*> kept;
  for (const std::size_t c : o.clusters) kept.push_back(&o.candidates[c]);
  std::vector<std::string> types, runners, reasons, dominant, industries, anchors, regions, borders, parks, towns;
  for (const CandidateCluster* c : kept) {
    const ClusterIndicators& ind = c->profile.indicators;
    types.push_back(c->type.type);
    runners.push_back(c->type.runner_up);
    reasons.push_back(c->type.reason);
    dominant.push_back(ind.industries.empty() ? "" : ind.industries.front().industry);
    std::string industry_text, anchor_text;
    for (const IndustryQuotient& i : ind.industries) {
      char buffer[64];
      std::snprintf(buffer, sizeof buffer, " (%.2f, LQ %.3g)", i.share, i.quotient);
      industry_text += (industry_text.empty() ? "" : "; ") + i.industry + buffer;
    }
    for (const ClusterAnchor& a : ind.anchors) {
      char buffer[48];
      std::snprintf(buffer, sizeof buffer, " (%.2f of internal link ends)", a.share);
      anchor_text += (anchor_text.empty() ? "" : "; ") + std::string(graph.nodes.id[a.node]) + buffer;
    }
    industries.push_back(industry_text);
    anchors.push_back(anchor_text);
    regions.push_back(shares_text(c->footprint.regions));
    borders.push_back(joined(c->footprint.border_regions));
    parks.push_back(shares_text(c->footprint.parks));
    towns.push_back(shares_text(c->footprint.towns));
  }
  using C = const CandidateCluster*;
  auto sig = [](double ClusterSignature::*field) { return [field](C c) { return c->profile.signature.*field; }; };
  r.tables.push_back(
      {stored::clusters,
       {column_of(stored::cluster, kept, [](C c) { return c->cluster; }),
        column_of(stored::community, kept, [](C c) { return c->community; }),
        column_of(stored::firms, kept, [](C c) { return c->firms; }),
        column_of(stored::members, kept, [](C c) { return c->members.size(); }),
        text_column(stored::type, types),
        column_of(stored::type_score, kept, [](C c) { return c->type.score; }),
        text_column(stored::runner_up, runners),
        column_of(stored::runner_up_score, kept, [](C c) { return c->type.runner_up_score; }),
        text_column(stored::type_reason, reasons),
        column_of(stored::employment, kept, [](C c) { return c->profile.indicators.employment; }),
        column_of("institutions", kept, [](C c) { return c->profile.indicators.institutions; }),
        text_column(stored::dominant_industry, dominant),
        column_of(stored::dominant_lq, kept, [](C c) {
          const auto& i = c->profile.indicators.industries;
          return i.empty() ? std::nan("") : i.front().quotient;
        }),
        text_column(stored::industries, industries),
        column_of(stored::local_supply_ratio, kept, [](C c) { return c->profile.indicators.local_supply_ratio; }),
        column_of(stored::vertical_share, kept, [](C c) { return c->profile.indicators.vertical_share; }),
        column_of(stored::institution_density, kept, [](C c) { return c->profile.indicators.institution_density; }),
        column_of(stored::external_orientation, kept, [](C c) { return c->profile.indicators.external_orientation; }),
        text_column(stored::anchors, anchors),
        text_column(stored::regions, regions),
        text_column(stored::border_regions, borders),
        text_column(stored::parks, parks),
        text_column(stored::towns, towns),
        column_of(stored::localisation, kept, [](C c) { return c->localised.statistic; }),
        column_of(stored::localisation_q, kept, [](C c) { return c->localised.q; }),
        column_of(stored::localised_from_km, kept, [](C c) { return c->localisation.from_km; }),
        column_of(stored::localised_to_km, kept, [](C c) { return c->localisation.to_km; }),
        column_of(stored::localised_peak_km, kept, [](C c) { return c->localisation.peak_km; }),
        column_of(stored::internal_links, kept, [](C c) { return c->internal_links; }),
        column_of(stored::null_mean, kept, [](C c) { return c->null_mean; }),
        column_of(stored::link_ratio, kept, [](C c) { return c->linked.statistic; }),
        column_of(stored::link_q, kept, [](C c) { return c->linked.q; }),
        column_of(stored::vertical_q, kept, [](C c) { return c->vertical.q; }),
        column_of("top_firm_share", kept, sig(&ClusterSignature::top_firm_share)),
        column_of("hub_share", kept, sig(&ClusterSignature::hub_share)),
        column_of("anchor_size_ratio", kept, sig(&ClusterSignature::anchor_size_ratio)),
        column_of("median_employees", kept, sig(&ClusterSignature::median_employees)),
        column_of("dependent_share", kept, sig(&ClusterSignature::dependent_share)),
        column_of("horizontal_share", kept, sig(&ClusterSignature::horizontal_share)),
        column_of("institution_reach", kept, sig(&ClusterSignature::institution_reach)),
        column_of("outside_owned_share", kept, sig(&ClusterSignature::outside_owned_share)),
        column_of("public_share", kept, sig(&ClusterSignature::public_share)),
        column_of(stored::firms_alive, kept, [](C c) { return c->growth.firms_now; }),
        column_of(stored::firm_growth, kept, [](C c) { return c->growth.firm_growth; }),
        column_of(stored::links_recent, kept, [](C c) { return c->growth.links_recent; }),
        column_of(stored::link_growth, kept, [](C c) { return c->growth.link_growth; })}});
  if (!q.systemic_risk.empty()) {
    std::vector<std::string> riskiest;
    for (const CandidateCluster* c : kept) riskiest.push_back(c->riskiest < 0 ? "" : std::string(graph.nodes.id[c->riskiest]));
    auto& columns = r.tables.back().columns;
    columns.push_back(column_of(stored::risk_max, kept, [](C c) { return c->risk_max; }));
    columns.push_back(column_of(stored::risk_sum, kept, [](C c) { return c->risk_sum; }));
    columns.push_back(text_column(stored::riskiest, riskiest));
  }
  if (!q.categories.rows.empty()) {
    std::vector<std::string> category;
    for (const CategoryFit& fit : o.categories.clusters) category.push_back(fit.category);
    std::vector<const CategoryFit*> fits;
    for (const CategoryFit& fit : o.categories.clusters) fits.push_back(&fit);
    auto& columns = r.tables.back().columns;
    columns.push_back(text_column(stored::category, category));
    columns.push_back(column_of(stored::category_share, fits, [](const CategoryFit* f) { return f->share; }));
  }

  std::vector<const CandidateCluster*> all;
  std::vector<std::string> why;
  for (const CandidateCluster& c : o.candidates) {
    all.push_back(&c);
    why.push_back(c.reason);
  }
  r.tables.push_back(
      {stored::candidates,
       {column_of(stored::community, all, [](C c) { return c->community; }),
        column_of("community_size", all, [](C c) { return c->community_size; }),
        column_of(stored::firms, all, [](C c) { return c->firms; }),
        column_of(stored::members, all, [](C c) { return c->members.size(); }),
        column_of("located", all, [](C c) { return c->localisation.located; }),
        column_of(stored::localisation, all, [](C c) { return c->localised.statistic; }),
        column_of("localisation_p", all, [](C c) { return c->localised.p; }),
        column_of(stored::localisation_q, all, [](C c) { return c->localised.q; }),
        column_of(stored::localised_peak_km, all, [](C c) { return c->localisation.peak_km; }),
        column_of(stored::internal_links, all, [](C c) { return c->internal_links; }),
        column_of(stored::null_mean, all, [](C c) { return c->null_mean; }),
        column_of("null_sd", all, [](C c) { return c->null_sd; }),
        column_of("z", all, [](C c) { return c->z; }),
        column_of(stored::link_ratio, all, [](C c) { return c->linked.statistic; }),
        column_of("link_p", all, [](C c) { return c->linked.p; }),
        column_of(stored::link_q, all, [](C c) { return c->linked.q; }),
        column_of("vertical_links", all, [](C c) { return c->vertical_links; }),
        column_of("horizontal_links", all, [](C c) { return c->horizontal_links; }),
        column_of(stored::vertical_share, all, [](C c) { return c->vertical.statistic; }),
        column_of("vertical_p", all, [](C c) { return c->vertical.p; }),
        column_of(stored::vertical_q, all, [](C c) { return c->vertical.q; }),
        column_of(stored::kept, all, [](C c) { return c->cluster >= 0; }),
        column_of(stored::cluster, all, [](C c) { return c->cluster; }),
        text_column(stored::reason, why)}});

  Int64Column hull_cluster, hull_vertex, share_cluster;
  Float64Column hull_lon, hull_lat, share_values;
  std::vector<std::string> share_columns, share_names;
  for (const CandidateCluster* c : kept) {
    for (std::size_t i = 0; i < c->footprint.hull.size(); ++i) {
      hull_cluster.push_back(c->cluster);
      hull_vertex.push_back(static_cast<std::int64_t>(i));
      hull_lon.push_back(c->footprint.hull[i].first);
      hull_lat.push_back(c->footprint.hull[i].second);
    }
    for (const auto& [label, shares] : {std::pair{"park", &c->footprint.parks}, std::pair{"region", &c->footprint.regions},
                                        std::pair{"town", &c->footprint.towns}})
      for (const ValueShare& s : *shares) {
        share_cluster.push_back(c->cluster);
        share_columns.emplace_back(label);
        share_names.push_back(s.first);
        share_values.push_back(s.second);
      }
  }
  r.tables.push_back({stored::footprints,
                      {{stored::cluster, std::move(hull_cluster)},
                       {stored::vertex, std::move(hull_vertex)},
                       {stored::lon, std::move(hull_lon)},
                       {stored::lat, std::move(hull_lat)}}});
  r.tables.push_back({stored::footprint_shares,
                      {{stored::cluster, std::move(share_cluster)},
                       text_column(stored::column, share_columns),
                       text_column(stored::value, share_names),
                       {stored::share, std::move(share_values)}}});
  return r;
}

}  // namespace firmnet::clusters
