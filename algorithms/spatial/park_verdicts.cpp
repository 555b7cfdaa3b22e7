#include "algorithms/spatial/park_verdicts.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <stdexcept>

#include "algorithms/community/partition_comparison.hpp"
#include "algorithms/spatial/multiple_testing.hpp"
#include "graph/errors.hpp"

namespace firmnet::spatial {

bool is_support_institution(NodeKind kind) {
  switch (kind) {
    case NodeKind::university:
    case NodeKind::research_institute:
    case NodeKind::association:
    case NodeKind::service_platform:
    case NodeKind::financial:
    case NodeKind::government: return true;
    default: return false;
  }
}

namespace {

std::string format_share(double x) {
  std::ostringstream out;
  out.precision(2);
  out << std::fixed << x;
  return out.str();
}

// Counts, links and the value-chain picture of every unit in one pass over the edges.
void collect_evidence(const GraphView& view, const SpatialUnits& units, const std::vector<std::uint8_t>& inside,
                      ParkOutcome& out) {
  const Graph& g = view.graph();
  const NodeTable& t = g.nodes;
  const std::size_t k = units.count();
  std::vector<std::uint64_t> ends_internal(k, 0), ends_region(k, 0), ends_external(k, 0);
  std::vector<std::vector<std::uint64_t>> internal_degree(k);
  std::vector<std::map<std::pair<std::int32_t, std::int32_t>, std::uint64_t>> stage_matrix(k);
  std::vector<std::vector<std::uint8_t>> stage_seen(k, std::vector<std::uint8_t>(t.stage.dictionary.size(), 0));
  std::vector<std::uint64_t> hub_links(g.node_count(), 0);

  for (NodeId u = 0; u < g.node_count(); ++u) {
    const std::int64_t unit = units.unit_of[u];
    if (unit < 0) {
      ++out.nodes_without_unit;
      out.firms_without_unit += t.kind[u] == NodeKind::firm;
      continue;
    }
    UnitReport& r = out.reports[unit];
    ++r.members;
    ++r.by_kind[static_cast<std::size_t>(t.kind[u])];
    if (t.kind[u] == NodeKind::firm) {
      ++r.firms;
      if (!t.stage.missing(u)) stage_seen[unit][t.stage.codes[u]] = 1;
    }
    auto classify_end = [&](NodeId v) {
      ++r.link_ends;
      const bool same_region = inside[v] && !t.region.missing(u) && t.region.codes[u] == t.region.codes[v];
      if (units.unit_of[v] == unit) {
        ++ends_internal[unit];
        ++hub_links[u];
      } else if (same_region) {
        ++ends_region[unit];
      } else {
        ++ends_external[unit];
      }
      if (is_support_institution(t.kind[v])) {
        if (units.unit_of[v] == unit) ++r.institution_links_unit;
        else if (same_region) ++r.institution_links_region;
      }
    };
    view.for_out_edges(u, [&](NodeId v, EdgeId, double w) {
      classify_end(v);
      if (units.unit_of[v] != unit) return;
      ++r.internal_links;
      r.internal_weight += w;
      if (t.kind[u] == NodeKind::firm && t.kind[v] == NodeKind::firm && !t.stage.missing(u) && !t.stage.missing(v)) {
        ++stage_matrix[unit][{t.stage.codes[u], t.stage.codes[v]}];
        if (t.stage.codes[u] == t.stage.codes[v]) ++r.horizontal_links;
        else ++r.vertical_links;
      }
    });
    view.for_in_edges(u, [&](NodeId v, EdgeId, double) { classify_end(v); });
  }
  for (NodeId u = 0; u < g.node_count(); ++u) {
    const std::int64_t unit = units.unit_of[u];
    if (unit < 0) continue;
    UnitReport& r = out.reports[unit];
    if (r.hub < 0 || hub_links[u] > r.hub_internal_links) {
      r.hub = u;
      r.hub_internal_links = hub_links[u];
    }
  }
  for (std::size_t c = 0; c < k; ++c) {
    UnitReport& r = out.reports[c];
    r.name = units.names[c];
    const double ends = static_cast<double>(r.link_ends);
    r.share_internal = ends > 0 ? ends_internal[c] / ends : std::nan("");
    r.share_region = ends > 0 ? ends_region[c] / ends : std::nan("");
    r.share_external = ends > 0 ? ends_external[c] / ends : std::nan("");
    r.density = r.members > 1 ? r.internal_links / (static_cast<double>(r.members) * (r.members - 1)) : 0.0;
    const std::uint64_t typed = r.vertical_links + r.horizontal_links;
    r.vertical_share = typed ? static_cast<double>(r.vertical_links) / typed : std::nan("");
    for (std::size_t s = 0; s < stage_seen[c].size(); ++s)
      if (stage_seen[c][s]) r.stages.push_back(t.stage.dictionary[s]);
    for (const auto& [pair, links] : stage_matrix[c])
      out.stage_links.push_back({c, t.stage.dictionary[pair.first], t.stage.dictionary[pair.second], links});
  }
}

// Distribution of each unit's members over communities, and how far the dominant community
// reaches into other units.
void align_communities(const GraphView& view, const SpatialUnits& units, const std::vector<std::int64_t>& membership,
                       const VerdictRules& rules, ParkOutcome& out) {
  const std::size_t k = units.count();
  std::map<std::int64_t, std::uint64_t> community_size;
  std::map<std::int64_t, std::map<std::int64_t, std::uint64_t>> community_units;  // community -> unit -> members
  std::vector<std::map<std::int64_t, std::uint64_t>> unit_communities(k);
  std::vector<std::uint64_t> unit_size(k, 0);
  for (NodeId u = 0; u < view.node_count(); ++u) {
    const std::int64_t c = membership[u];
    if (c < 0) continue;
    ++community_size[c];
    if (units.unit_of[u] >= 0) {
      ++community_units[c][units.unit_of[u]];
      ++unit_communities[units.unit_of[u]][c];
      ++unit_size[units.unit_of[u]];
    }
  }
  for (std::size_t unit = 0; unit < k; ++unit) {
    UnitReport& r = out.reports[unit];
    r.communities_spanned = unit_communities[unit].size();
    if (unit_size[unit] == 0) continue;
    const double total = static_cast<double>(unit_size[unit]);
    std::vector<std::uint64_t> counts;
    double entropy = 0;
    for (const auto& [c, count] : unit_communities[unit]) {
      counts.push_back(count);
      if (count > (r.dominant_community < 0 ? 0 : unit_communities[unit][r.dominant_community])) r.dominant_community = c;
      entropy -= (count / total) * std::log(count / total);
    }
    std::sort(counts.rbegin(), counts.rend());
    r.community_entropy = entropy;
    r.dominant_share = counts[0] / total;
    r.community_outside_share = 1.0 - counts[0] / static_cast<double>(community_size[r.dominant_community]);
    // Units too small to be tested do not count: a handful of firms proves no reach.
    for (const auto& [other, members] : community_units[r.dominant_community])
      r.dominant_units_reached += out.reports[other].firms >= rules.min_firms &&
                                  members >= rules.wider_reach_share * static_cast<double>(unit_size[other]);
  }
  // Share of member link ends that reach the unit's dominant community; of those that reach
  // it outside the unit, the value-chain ones; internal links per community.
  const NodeTable& t = view.graph().nodes;
  auto value_chain = [&](NodeId u, NodeId v) {
    return t.kind[u] == NodeKind::firm && t.kind[v] == NodeKind::firm && !t.industry.missing(u) &&
           !t.industry.missing(v) && t.industry.codes[u] == t.industry.codes[v] && !t.stage.missing(u) &&
           !t.stage.missing(v) && t.stage.codes[u] != t.stage.codes[v];
  };
  std::vector<std::uint64_t> reach(k, 0), reach_beyond(k, 0), chain_beyond(k, 0);
  std::vector<std::map<std::int64_t, std::uint64_t>> internal_by_community(k);
  for (NodeId u = 0; u < view.node_count(); ++u) {
    const std::int64_t unit = units.unit_of[u];
    if (unit < 0) continue;
    const std::int64_t dominant = out.reports[unit].dominant_community;
    auto count = [&](NodeId v, EdgeId, double) {
      if (dominant < 0 || membership[v] != dominant) return;
      ++reach[unit];
      if (units.unit_of[v] == unit) return;
      ++reach_beyond[unit];
      chain_beyond[unit] += value_chain(u, v);
    };
    view.for_out_edges(u, [&](NodeId v, EdgeId e, double w) {
      count(v, e, w);
      if (units.unit_of[v] == unit && membership[u] >= 0 && membership[u] == membership[v])
        ++internal_by_community[unit][membership[u]];
    });
    view.for_in_edges(u, count);
  }
  for (std::size_t unit = 0; unit < k; ++unit) {
    UnitReport& r = out.reports[unit];
    r.community_link_share = r.link_ends ? static_cast<double>(reach[unit]) / r.link_ends : 0.0;
    r.community_chain_share = reach_beyond[unit] ? static_cast<double>(chain_beyond[unit]) / reach_beyond[unit] : std::nan("");
    std::uint64_t most = 0;
    for (const auto& [c, links] : internal_by_community[unit]) most = std::max(most, links);
    r.internal_community_share = r.internal_links ? static_cast<double>(most) / r.internal_links : std::nan("");
  }
  try {
    const auto cmp = community::compare_partitions(units.unit_of, membership);
    out.nmi = cmp.nmi;
    out.ari = cmp.ari;
  } catch (const UsageError&) {  // fewer than two nodes with both a unit and a community
    out.nmi = out.ari = std::nan("");
  }
}

}  // namespace

void apply_null_choice(ParkRequest& request, std::string_view choice) {
  request.automatic_null = choice == "auto";
  if (!request.automatic_null) request.null.kind = parse_null_kind(choice);
}

NullKind choose_null(const ParkRequest& request, double located_share, std::string& choice) {
  if (!request.automatic_null) {
    choice = "requested";
    return request.null.kind;
  }
  const bool distance = located_share >= request.min_located_share;
  choice = format_share(located_share) + " of firms have coordinates (" + (distance ? ">= " : "< ") +
           format_share(request.min_located_share) + ")";
  return distance ? NullKind::distance : NullKind::degree;
}

void decide_verdict(UnitReport& r, const VerdictRules& rules, bool has_communities, std::string_view null_name) {
  if (r.firms < rules.min_firms || r.link_ends < rules.min_links) {
    r.verdict = kVerdictTooSmall;
    r.reason = std::to_string(r.firms) + " firms and " + std::to_string(r.link_ends) + " links (need " +
               std::to_string(rules.min_firms) + " and " + std::to_string(rules.min_links) + ")";
    return;
  }
  if (r.share_external >= rules.external_share) {
    r.verdict = kVerdictExternal;
    r.reason = format_share(r.share_external) + " of member link ends leave the region (>= " +
               format_share(rules.external_share) + ")";
    return;
  }
  const bool wider = has_communities && r.dominant_share >= rules.wider_dominant_share &&
                     r.dominant_units_reached >= 2 && r.community_link_share >= rules.wider_link_share &&
                     r.community_chain_share >= rules.wider_chain_share;
  if (wider) {
    r.verdict = kVerdictWider;
    r.reason = format_share(r.dominant_share) + " of members in community " + std::to_string(r.dominant_community) +
               ", which also holds >= " + format_share(rules.wider_reach_share) + " of " +
               std::to_string(r.dominant_units_reached - 1) + " other unit(s); " + format_share(r.community_link_share) +
               " of member link ends reach it, " + format_share(r.community_chain_share) +
               " of those beyond the unit are value-chain links (>= " + format_share(rules.wider_chain_share) + ")";
    return;
  }
  const std::string against = std::to_string(r.internal_links) + " internal links vs " + format_share(r.null_mean) +
                              " under the " + std::string(null_name) + " null (x" + format_share(r.ratio) +
                              ", z=" + format_share(r.z) + ", q=" + format_share(r.q) + "), x" +
                              format_share(r.degree_ratio) + " of the degree expectation";
  const std::string vertical = "vertical share " + format_share(r.vertical_share) + ", " +
                               std::to_string(r.vertical_links) + " vertical links vs " +
                               format_share(r.vertical_null_mean) + " (q=" + format_share(r.vertical_q) + ")";
  // Substantial: above what degrees alone give (the distance null keeps how far links reach, so
  // its mean already holds the proximity excess; the effect-size bar is taken against the
  // degree expectation). Significant: the vertical internal links, those along the value chain,
  // above their own count under the null that ran. Under the distance null the total count
  // alone cannot carry the test: where a park's firms have no other firms nearby, every short
  // link is internal and the null keeps it so (docs/METHODS.md).
  const bool substantial = r.tested && r.degree_ratio >= rules.min_ratio &&
                           (null_name == "distance" || r.ratio >= rules.min_ratio);
  const bool total_above = r.tested && r.q <= rules.alpha;
  const bool vertical_above = r.tested && r.vertical_q <= rules.alpha;
  const bool predominantly_vertical = r.vertical_share >= rules.vertical_share;
  const bool concentrated = !has_communities || r.internal_community_share >= rules.concentration;
  if (substantial && vertical_above && predominantly_vertical && concentrated) {
    r.verdict = kVerdictLinked;
    r.reason = against + "; " + vertical + (has_communities ? "; " + format_share(r.internal_community_share) +
                                                                  " of internal links inside one community"
                                                            : "");
    return;
  }
  r.verdict = kVerdictColocation;
  const std::string need_vertical = " (need vertical share >= " + format_share(rules.vertical_share) + ", q <= " +
                                    format_share(rules.alpha) + ")";
  if (!substantial)
    r.reason = "no significant linkage: " + against + " (need x" + format_share(rules.min_ratio) + ")";
  else if (!total_above && !vertical_above)
    r.reason = std::string(null_name == "distance" ? "linkage at the level proximity gives: "
                                                   : "linkage not significantly above the null: ") +
               against + "; " + vertical + " (need q <= " + format_share(rules.alpha) + ")";
  else if (!predominantly_vertical || !vertical_above)
    r.reason = "same-stage piling: " + against + ", but " + vertical + need_vertical;
  else
    r.reason = "linkage scattered: " + against + ", but " + format_share(r.internal_community_share) +
               " of internal links inside one community (< " + format_share(rules.concentration) + ")";
}

SpatialUnits units_for(const Graph& graph, const ParkRequest& request, const std::vector<std::uint8_t>* inside) {
  SpatialUnits units = request.unit == "park"     ? units_from_column(graph, graph.nodes.park, "park")
                       : request.unit == "region" ? units_from_column(graph, graph.nodes.region, "region")
                       : request.unit == "radius" ? units_by_radius(graph, request.radius_km, request.rules.min_firms)
                                                  : throw UsageError("unknown unit '" + request.unit + "' (park, region, radius)");
  if (inside) {
    // Members inside the study area only; the units that keep some, renumbered in order.
    std::vector<std::int64_t> renumbered(units.count(), -1);
    for (NodeId v = 0; v < graph.node_count(); ++v) {
      if (!(*inside)[v]) units.unit_of[v] = -1;
      else if (units.unit_of[v] >= 0) renumbered[static_cast<std::size_t>(units.unit_of[v])] = 0;
    }
    std::vector<std::string> names;
    for (std::size_t c = 0; c < units.count(); ++c)
      if (renumbered[c] == 0) {
        renumbered[c] = static_cast<std::int64_t>(names.size());
        names.push_back(units.names[c]);
      }
    for (std::int64_t& unit : units.unit_of)
      if (unit >= 0) unit = renumbered[static_cast<std::size_t>(unit)];
    if (units.count() > 0 && names.empty())
      throw DataError("no " + request.unit + " unit lies in the study area (" +
                      study_area_members(graph, request.study_area).description + ")");
    units.names = std::move(names);
  }
  if (units.count() == 0)
    throw DataError("no " + request.unit + " units (the '" + request.unit + "' column is empty" +
                    (request.unit == "radius" ? " or no firm group reaches the minimum number of firms)" : ")"));
  return units;
}

ParkOutcome run_parks(const GraphView& view, const ParkRequest& request, const std::vector<std::int64_t>* communities,
                      const Progress& progress) {
  const VerdictRules& rules = request.rules;
  ParkOutcome out;
  StudyAreaMembers area = study_area_members(view.graph(), request.study_area);
  out.study_area = area.description;
  out.nodes_outside_study_area = area.outside_nodes;
  out.in_study_area = std::move(area.inside);
  out.units = units_for(view.graph(), request, &out.in_study_area);
  const std::size_t k = out.units.count();
  out.reports.resize(k);
  collect_evidence(view, out.units, out.in_study_area, out);
  out.nmi = out.ari = std::nan("");
  if (communities) align_communities(view, out.units, *communities, rules, out);

  out.located_share = located_firm_share(view.graph().nodes);
  out.null_options = request.null;
  out.null_options.kind = choose_null(request, out.located_share, out.null_choice);
  out.null = sample_null(view, out.units.unit_of, k, out.null_options, progress);
  const std::vector<double> analytic = configuration_expectation(view, out.units.unit_of, k);
  std::vector<double> gravity(k, std::nan(""));
  out.has_gravity = out.located_share > 0;
  if (out.has_gravity) {
    GravityExpectation fit = gravity_expectation(view, out.units.unit_of, k, progress);
    gravity = std::move(fit.expected);
    out.deterrence = std::move(fit.deterrence);
  }
  const auto replicates = static_cast<std::uint64_t>(request.null.replicates);
  auto ratio_of = [](double observed, double expected) {
    return expected > 0 ? observed / expected : (observed > 0 ? INFINITY : std::nan(""));
  };
  auto z_of = [](double observed, double mean, double sd) { return sd > 0 ? (observed - mean) / sd : std::nan(""); };
  std::vector<double> p(k, std::nan("")), vertical_p(k, std::nan(""));
  for (std::size_t c = 0; c < k; ++c) {
    UnitReport& r = out.reports[c];
    r.expected_analytic = analytic[c];
    r.expected_gravity = gravity[c];
    r.null_mean = out.null.mean[c];
    r.null_sd = out.null.sd[c];
    const double observed = static_cast<double>(r.internal_links);
    r.degree_ratio = ratio_of(observed, r.expected_analytic);
    r.gravity_ratio = ratio_of(observed, r.expected_gravity);
    r.z = z_of(observed, r.null_mean, r.null_sd);
    r.ratio = ratio_of(observed, r.null_mean);
    r.tested = r.firms >= rules.min_firms && r.link_ends >= rules.min_links;
    r.p = empirical_p_value(out.null.at_least[c], replicates);
    r.vertical_null_mean = out.null.vertical.mean[c];
    r.vertical_null_sd = out.null.vertical.sd[c];
    r.vertical_z = z_of(static_cast<double>(r.vertical_links), r.vertical_null_mean, r.vertical_null_sd);
    r.vertical_p = empirical_p_value(out.null.vertical.at_least[c], replicates);
    r.null_effective = out.null.effective[c];
    r.vertical_null_effective = out.null.vertical.effective[c];
    r.p_standard_error = monte_carlo_standard_error(r.p, r.null_effective);
    r.vertical_p_standard_error = monte_carlo_standard_error(r.vertical_p, r.vertical_null_effective);
    r.horizontal_null_mean = out.null.horizontal.mean[c];
    r.horizontal_null_sd = out.null.horizontal.sd[c];
    r.horizontal_z = z_of(static_cast<double>(r.horizontal_links), r.horizontal_null_mean, r.horizontal_null_sd);
    r.horizontal_p = empirical_p_value(out.null.horizontal.at_least[c], replicates);
    if (r.tested) {
      p[c] = r.p;
      vertical_p[c] = r.vertical_p;
    }
  }
  const std::vector<double> q = benjamini_hochberg(p), vertical_q = benjamini_hochberg(vertical_p);
  for (std::size_t c = 0; c < k; ++c) {
    out.reports[c].q = q[c];
    out.reports[c].vertical_q = vertical_q[c];
    decide_verdict(out.reports[c], rules, communities != nullptr, null_kind_name(out.null_options.kind));
  }
  return out;
}

}  // namespace firmnet::spatial
