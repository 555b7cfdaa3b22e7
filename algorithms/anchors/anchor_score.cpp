#include "algorithms/anchors/anchor_score.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "algorithms/anchors/supply_flow.hpp"
#include "graph/errors.hpp"

namespace firmnet::anchors {

Locality parse_locality(std::string_view text) {
  if (text == "community") return Locality::community;
  if (text == "park") return Locality::park;
  if (text == "region") return Locality::region;
  throw UsageError("unknown grouping '" + std::string(text) + "' (use community, park or region)");
}

std::string group_label(const Graph& graph, Locality locality, std::int64_t group) {
  if (group < 0) return "no " + std::string(locality_name(locality));
  if (locality == Locality::community) return "community " + std::to_string(group);
  const StringColumn& column = locality == Locality::park ? graph.nodes.park : graph.nodes.region;
  return std::string(locality_name(locality)) + " " + column.dictionary[static_cast<std::size_t>(group)];
}

namespace {

EdgeFilter with_types(EdgeFilter filter, std::initializer_list<RelationType> types) {
  std::uint16_t mask = 0;
  for (RelationType t : types) mask |= static_cast<std::uint16_t>(1u << static_cast<unsigned>(t));
  filter.type_mask &= mask;
  return filter;
}

double log_scaled(double value, double largest) {
  return largest > 0.0 ? std::log1p(value) / std::log1p(largest) : 0.0;
}

std::string fixed(double value, int digits) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  return buffer;
}

std::string explain(const Graph& graph, const AnchorOutcome& a, Locality locality, const std::vector<double>& esri, NodeId v) {
  std::string text;
  const std::int64_t group = a.groups[v];
  const std::string where = group_label(graph, locality, group);
  if (group < 0) {
    text = "in no " + std::string(locality_name(locality));
  } else {
    const double z = a.roles.z[v];
    text = (z >= 2.5 ? "hub of " : "member of ") + where + " (z=" + fixed(z, 1) + ", " +
           std::string(role_name(static_cast<int>(a.roles.role[v]))) + ")";
  }
  const auto k = static_cast<std::size_t>(locality);
  const std::int64_t local = a.embedding.local_suppliers[k][v], suppliers = a.embedding.suppliers[v];
  text += ", " + std::to_string(local) + " local supplier" + (local == 1 ? "" : "s");
  if (suppliers > 0) text += " (" + fixed(100.0 * static_cast<double>(local) / static_cast<double>(suppliers), 0) + "% of " + std::to_string(suppliers) + ")";
  const std::int64_t depend = a.dependency.dominated[v];
  text += ", " + std::to_string(depend) + (depend == 1 ? " firm depends" : " firms depend") + " on it for supply";
  if (a.cuts.articulation[v])
    text += ", cut point (" + std::to_string(a.cuts.cut_off[v]) + " cut off if it fails)";
  if (!esri.empty() && std::isfinite(esri[v]) && esri[v] > 0)
    text += ", its failure costs " + fixed(100.0 * esri[v], esri[v] < 0.001 ? 3 : 1) + "% of the network's output (ESRI)";
  return text;
}

}  // namespace

AnchorOutcome run_anchors(const GraphView& view, const AnchorRequest& options, const std::vector<std::int64_t>& membership,
                          const Progress& progress) {
  const Graph& graph = view.graph();
  const EdgeFilter& filter = view.filter();
  const NodeId n = graph.node_count();
  if (!membership.empty() && membership.size() != n) throw UsageError("membership must have one entry per node");
  if (options.group_by == Locality::community && membership.empty())
    throw UsageError("grouping by community needs a community result (membership)");
  if (!options.systemic_risk.empty() && options.systemic_risk.size() != n)
    throw UsageError("the systemic risk (ESRI) must have one entry per node");
  AnchorOutcome a;
  if (n == 0) return a;
  progress.report("anchors", 0.0);
  a.membership = membership;
  a.groups = options.group_by == Locality::community ? membership
             : options.group_by == Locality::park    ? group_labels(graph.nodes.park)
                                                     : group_labels(graph.nodes.region);
  const std::vector<std::int64_t>& partition = membership.empty() ? a.groups : membership;

  const Adjacency linkage = Adjacency::undirected(GraphView(graph, filter));
  a.roles = guimera_amaral_roles(linkage, partition, options.weighted);
  const Adjacency flow = supply_flow(GraphView(graph, with_types(filter, {RelationType::supply, RelationType::subcontract})));
  a.embedding = local_embedding(flow, graph.nodes, membership);
  a.dependency = supply_dependency(flow);
  a.cuts = cut_points(Adjacency::undirected(
      GraphView(graph, with_types(filter, {RelationType::supply, RelationType::subcontract, RelationType::cooperation}))));

  const auto k = static_cast<std::size_t>(options.group_by);
  const auto& local = a.embedding.local_suppliers[k];
  // Local suppliers and dependants both count firms tied to this one, so they share one
  // scale: a firm with 14 dependants must not match one with 150 local suppliers.
  const double count_scale = static_cast<double>(
      std::max(*std::max_element(local.begin(), local.end()),
               *std::max_element(a.dependency.dominated.begin(), a.dependency.dominated.end())));
  a.hub.resize(n);
  a.local.resize(n);
  a.dependency_component.resize(n);
  a.score.resize(n);
  a.reason.resize(n);
  double largest_esri = 0;
  for (const double e : options.systemic_risk)
    if (std::isfinite(e)) largest_esri = std::max(largest_esri, e);
  if (!options.systemic_risk.empty()) a.systemic.assign(n, 0.0);
  for (NodeId v = 0; v < n; ++v) {
    const double z = a.roles.z[v];
    a.hub[v] = std::isnan(z) ? 0.0 : std::clamp(z / 2.5, 0.0, 1.0);
    a.local[v] = log_scaled(static_cast<double>(local[v]), count_scale);
    a.dependency_component[v] = log_scaled(static_cast<double>(a.dependency.dominated[v]), count_scale);
    a.score[v] = options.weight_hub * a.hub[v] + options.weight_local * a.local[v] +
                 options.weight_dependency * a.dependency_component[v];
    if (!a.systemic.empty()) {
      const double e = options.systemic_risk[v];
      a.systemic[v] = std::isfinite(e) && largest_esri > 0 ? e / largest_esri : 0.0;
      a.score[v] += options.weight_systemic * a.systemic[v];
    }
    a.reason[v] = explain(graph, a, options.group_by, options.systemic_risk, v);
  }

  // Rankings over the firms of the study area: by score, ties by node order.
  const spatial::StudyAreaMembers area = spatial::study_area_members(graph, options.study_area);
  a.study_area = area.description;
  a.ranked.assign(n, 0);
  std::vector<NodeId> firms;
  for (NodeId v = 0; v < n; ++v) {
    if (graph.nodes.kind[v] != NodeKind::firm) continue;
    if (!area.inside[v]) {
      a.reason[v] += "; not ranked: " + spatial::outside_reason(graph, options.study_area, v);
      continue;
    }
    a.ranked[v] = 1;
    firms.push_back(v);
  }
  std::stable_sort(firms.begin(), firms.end(), [&](NodeId x, NodeId y) { return a.score[x] > a.score[y]; });
  for (std::size_t i = 0; i < std::min(options.top, firms.size()); ++i)
    a.top_overall.push_back({firms[i], -1, static_cast<std::int64_t>(i + 1)});
  std::vector<NodeId> by_group = firms;
  std::stable_sort(by_group.begin(), by_group.end(), [&](NodeId x, NodeId y) { return a.groups[x] < a.groups[y]; });
  for (std::size_t i = 0; i < by_group.size();) {
    std::size_t j = i;
    while (j < by_group.size() && a.groups[by_group[j]] == a.groups[by_group[i]]) ++j;
    if (a.groups[by_group[i]] >= 0)
      for (std::size_t r = 0; r < std::min(options.top, j - i); ++r)
        a.top_by_group.push_back({by_group[i + r], a.groups[by_group[i]], static_cast<std::int64_t>(r + 1)});
    i = j;
  }
  progress.report("anchors", 1.0);
  return a;
}

}  // namespace firmnet::anchors
